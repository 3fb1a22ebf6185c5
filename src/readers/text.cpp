// Plain-text reader: text copied from web pages and wiki articles, and notes with no markup.
// First the article finder (readers/article_blocks.hpp) decides which lines of a copied page are
// the article and which the site around it, and which line is the title; the site's lines are
// left out, each run with a note. Then structure, which survives in such text only as the shape
// of lines, is read block by block (lines between blank lines): a list when its lines carry
// bullets or numbers, a heading when it is one short line without final punctuation, a
// flattened table when a short block of header lines is followed by one cell per block,
// otherwise paragraphs. A line whose role is unclear stays a paragraph. Furniture (the
// boilerplate rules) and metadata lines (bylines, copyright) are kept as paragraphs of their own
// for the transforms to move or remove. The rules are listed in src/readers/README.md, "Reading text
// copied from web pages".
#include "readers/article_blocks.hpp"
#include "text/language_tag.hpp"
#include "text/line_shape.hpp"
#include "model/metadata.hpp"
#include "text/callout_labels.hpp"
#include "text/metadata_lines.hpp"
#include "text/text.hpp"
#include "readers/front_matter.hpp"
#include "readers/reader.hpp"
#include "transforms/boilerplate_rules.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

namespace {

/// How many non-blank opening lines may hold the title and its byline.
constexpr std::size_t kHeaderReach = 6;
constexpr std::size_t kMaxHeadingWords = 12;
constexpr std::size_t kMaxHeadingChars = 90;
constexpr std::size_t kMaxHeaderCells = 6;
constexpr std::size_t kMaxCellWords = 30;
constexpr std::size_t kMaxLabelWords = 4;
constexpr std::size_t kMaxColonLeadWords = 5;      // "Apoptosis" in "Apoptosis: The Controlled Demolition"
constexpr std::size_t kMaxActionWords = 6;         // "Book an appointment"
constexpr std::size_t kMaxLeadInItemWords = 15;    // a line of a list after "… include:"
constexpr std::size_t kMaxLeadInItemChars = 120;

/// Words the reader judges lines with, in one language (lowercase): calls to action open with
/// an action verb and name the reader's next step on the site. A later language is one more
/// entry in reader_word_table().
struct ReaderWords {
  std::string_view language;  // BCP 47 primary subtag
  std::vector<std::string_view> action_verbs;
  std::vector<std::string_view> action_objects;
  std::vector<std::string_view> interrogatives;  // "When to see a doctor" is a heading's form
};

const std::vector<ReaderWords>& reader_word_table() {
  static const std::vector<ReaderWords> table = {
      {"en",
       {"call", "book", "schedule", "request", "contact", "sign", "subscribe", "register", "download", "donate",
        "order", "buy", "shop", "join", "visit", "find", "make", "learn", "read", "get", "start", "try", "click",
        "tap", "chat", "email", "text", "follow", "share", "explore", "discover"},
       {"us", "our", "now", "today", "online", "here", "appointment", "appointments", "consultation",
        "newsletter", "inbox", "free", "more", "started", "app"},
       {"when", "what", "how", "why", "who", "where", "which"}},
  };
  return table;
}

const ReaderWords& reader_words(std::string_view language_tag) {
  const std::string primary = language_tag::primary(language_tag);
  for (const ReaderWords& w : reader_word_table())
    if (w.language == primary) return w;
  return reader_word_table().front();
}

/// One source line: its text without indentation or trailing spaces.
struct Line {
  std::string_view text;
  int indent = 0;  // columns of leading space; a tab counts 4
  int number = 0;  // 1-based line in the source file
};

std::vector<Line> split_lines(std::string_view body, int first_line) {
  std::vector<Line> lines;
  std::size_t pos = 0;
  for (int number = first_line; pos <= body.size(); ++number) {
    std::size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view raw = body.substr(pos, end - pos);
    Line line;
    line.number = number;
    std::size_t i = 0;
    for (; i < raw.size() && (raw[i] == ' ' || raw[i] == '\t'); ++i) line.indent += raw[i] == '\t' ? 4 : 1;
    line.text = text::trim(raw.substr(i));
    lines.push_back(line);
    if (end == body.size()) break;
    pos = end + 1;
  }
  return lines;
}

/// A list marker at the start of a line.
struct Marker {
  bool ordered = false;
  int number = 0;
  bool secondary = false;  // a sub-bullet glyph (◦ ▪ ‣ – ○ □): one level below a primary one
  std::string_view content;
};

std::optional<Marker> list_marker(std::string_view t) {
  static constexpr std::array<std::string_view, 6> kPrimary = {"\xE2\x80\xA2", "\xE2\x97\x8F", "\xE2\x96\xA0",
                                                               "-", "*", "+"};
  static constexpr std::array<std::string_view, 6> kSecondary = {"\xE2\x97\xA6", "\xE2\x97\x8B", "\xE2\x96\xAA",
                                                                 "\xE2\x80\xA3", "\xE2\x80\x93", "\xE2\x96\xA1"};
  auto after = [&](std::string_view glyph, bool secondary) -> std::optional<Marker> {
    if (t.substr(0, glyph.size()) != glyph) return std::nullopt;
    std::string_view rest = t.substr(glyph.size());
    const bool ascii = glyph.size() == 1;
    if (rest.empty() || (ascii && rest[0] != ' ' && rest[0] != '\t')) return std::nullopt;
    rest = text::trim(rest);
    if (rest.empty()) return std::nullopt;
    return Marker{false, 0, secondary, rest};
  };
  for (std::string_view g : kPrimary)
    if (auto m = after(g, false)) return m;
  for (std::string_view g : kSecondary)
    if (auto m = after(g, true)) return m;
  std::size_t digits = 0;
  while (digits < t.size() && digits < 4 && t[digits] >= '0' && t[digits] <= '9') ++digits;
  if (digits == 0 || digits > 3 || digits + 1 >= t.size()) return std::nullopt;
  if ((t[digits] != '.' && t[digits] != ')') || (t[digits + 1] != ' ' && t[digits + 1] != '\t')) return std::nullopt;
  const std::string_view rest = text::trim(t.substr(digits + 2));
  if (rest.empty()) return std::nullopt;
  return Marker{true, std::stoi(std::string(t.substr(0, digits))), false, rest};
}

/// A numbered heading: "3. During Treatment", "3.1 Side Effects". Returns its depth and title.
struct Numbered {
  int depth = 0;
  std::string_view title;
};

std::optional<Numbered> numbered_heading(std::string_view t) {
  std::size_t i = 0;
  int depth = 0;
  bool trailing_dot = false;
  while (true) {
    const std::size_t start = i;
    while (i < t.size() && i - start < 3 && t[i] >= '0' && t[i] <= '9') ++i;
    if (i == start || i - start > 2) return std::nullopt;
    ++depth;
    trailing_dot = i < t.size() && t[i] == '.';
    if (!trailing_dot) break;
    ++i;
    if (i >= t.size() || t[i] < '0' || t[i] > '9') break;
  }
  if (i >= t.size() || (t[i] != ' ' && t[i] != '\t') || (depth == 1 && !trailing_dot)) return std::nullopt;
  return Numbered{depth, text::trim(t.substr(i))};
}

bool ends_sentence(std::string_view s) {
  const char32_t m = line_shape::final_mark(s);
  return m == '.' || m == '!' || m == '?' || m == ':' || m == ';' || m == 0x2026;
}

/// Returns the end of a web address starting at s[0] (trailing punctuation left out).
std::size_t url_length(std::string_view s) {
  std::size_t end = 0;
  while (end < s.size() && s[end] != ' ' && s[end] != '\t' && s[end] != '<' && s[end] != '>' && s[end] != '"' &&
         s.substr(end, 3) != "\xE2\x80\x9D" && s.substr(end, 3) != "\xE2\x80\x99") {
    ++end;
  }
  while (end > 0) {
    const char c = s[end - 1];
    const std::string_view url = s.substr(0, end);
    const bool unbalanced_close = (c == ')' && url.find('(') == std::string_view::npos) ||
                                  (c == ']' && url.find('[') == std::string_view::npos);
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || unbalanced_close) {
      --end;
    } else {
      break;
    }
  }
  return end;
}

/// Appends s with its web addresses ("https://…", "www.…") as links.
void linkify(InlineSink out, std::string_view s) {
  std::size_t done = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool boundary = i == 0 || std::string_view(" \t(<[\"'").find(s[i - 1]) != std::string_view::npos ||
                          (i >= 3 && (s.substr(i - 3, 3) == "\xE2\x80\x9C" || s.substr(i - 3, 3) == "\xE2\x80\x98"));
    if (!boundary) continue;
    const std::string_view rest = s.substr(i);
    const bool www = text::starts_with_nocase(rest, "www.");
    if (!www && !text::starts_with_nocase(rest, "http://") && !text::starts_with_nocase(rest, "https://")) continue;
    const std::size_t len = url_length(rest);
    if (len <= (www ? 4u : 8u)) continue;
    out.text(s.substr(done, i - done));
    const std::string_view url = rest.substr(0, len);
    out.link(www ? "https://" + std::string(url) : std::string(url)).text(url);
    i += len - 1;
    done = i + 1;
  }
  out.text(s.substr(done));
}

/// True when s holds a common verb ("This page is sample material:" is a sentence, not a label).
bool has_verb(std::string_view s) {
  static constexpr std::array<std::string_view, 18> kVerbs = {"is",  "are",  "was",    "were", "be",   "been",
                                                              "will", "can", "should", "may",  "must", "have",
                                                              "has",  "had", "do",     "does", "did",  "said"};
  for (const std::string& w : text::split_words(text::fold_case(s))) {
    for (std::string_view v : kVerbs)
      if (w == v) return true;
  }
  return false;
}

/// Appends a paragraph's or list item's text: a "Label: text" lead-in (at most four words,
/// starting with a capital, no verb, no sentence punctuation) gets a strong label.
void inline_text(InlineSink out, std::string_view s) {
  const std::size_t colon = s.find(": ");
  if (colon != std::string_view::npos && colon > 0 && colon <= 50) {
    const std::string_view label = s.substr(0, colon);
    const std::size_t words = line_shape::word_count(label);
    const bool plain_label = label.find_first_of(".!?;:()[]\"") == std::string_view::npos &&
                             label.find("http") == std::string_view::npos;
    if (words >= 1 && words <= kMaxLabelWords && plain_label && !has_verb(label) &&
        line_shape::starts_with_capital_or_digit(label) &&
        !(label[0] >= '0' && label[0] <= '9') && !text::trim(s.substr(colon + 2)).empty()) {
      out.strong().text(std::string(label) + ":");
      out.text(" ");
      linkify(out, text::trim(s.substr(colon + 2)));
      return;
    }
  }
  linkify(out, s);
}

/// Returns s with its first letter in uppercase: a call-out's text once its label is taken off
/// ("Tip: ask your pharmacist" gives a tip that reads "Ask your pharmacist").
std::string capitalized(std::string_view s) {
  std::size_t i = 0;
  const char32_t first = text::next_code_point(s, i);
  const auto upper = static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(first)));
  if (s.empty() || upper == first) return std::string(s);
  std::string out;
  text::append_utf8(out, upper);
  out += s.substr(i);
  return out;
}

/// One open list level.
struct ListLevel {
  int key;  // indentation * 2, plus 1 for a sub-bullet glyph
  int indent;
  bool ordered;
  ListSink list;
  std::optional<BlockSink> item;
  int last_number;
};

class TextReader {
 public:
  /// article: what the article finder decided (its left-out lines are blank in lines).
  TextReader(std::vector<Line> lines, TreeBuilder& builder, const BoilerplateRules& rules, Diagnostics& diag,
             bool take_title, std::string language, const ArticleLines& article)
      : lines_(std::move(lines)), builder_(builder), rules_(rules), diag_(diag), take_title_(take_title),
        language_(std::move(language)), article_(article) {}

  void read() {
    judge_metadata_lines();
    find_last_numbered_heading();
    std::size_t i = header(next_nonblank(0));
    while ((i = next_nonblank(i)) < lines_.size()) i = block(i, block_end(i));
    flush();
    close_callout();
  }

 private:
  /// What the open call-out still takes: the paragraph after a lone label, or the list after
  /// a paragraph ending with ":".
  enum class CalloutWants { nothing, paragraph, list };

  // --- line classification -----------------------------------------------------------------

  std::size_t next_nonblank(std::size_t i) const {
    while (i < lines_.size() && lines_[i].text.empty()) ++i;
    return i;
  }
  std::size_t block_end(std::size_t i) const {
    while (i < lines_.size() && !lines_[i].text.empty()) ++i;
    return i;
  }
  std::string_view at(std::size_t i) const { return lines_[i].text; }

  /// Judges every line once: is it a metadata line (byline, dateline, copyright, source)?
  /// A date announced but not readable is warned about here, where its line is known.
  void judge_metadata_lines() {
    metadata_.assign(lines_.size(), 0);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (at(i).empty()) continue;
      const MetadataLine m = classify_metadata_line(at(i), language_);
      metadata_[i] = m.kind != MetadataLineKind::none ? 1 : 0;
      if (!m.unread_date.empty()) diag_.warning(Code::date_unread, lines_[i].number, lines_[i].indent + 1, unread_date_message(m, at(i)));
    }
  }

  /// Furniture and metadata lines stand alone: never part of a heading, table or joined paragraph.
  bool stands_alone(std::size_t i) const {
    // Asked many times per line (heading, table cell, paragraph joining): judged once.
    if (stands_alone_.size() != lines_.size()) stands_alone_.assign(lines_.size(), -1);
    if (stands_alone_[i] < 0) stands_alone_[i] = metadata_[i] != 0 || rules_.match(at(i)) != nullptr ? 1 : 0;
    return stands_alone_[i] != 0;
  }

  // --- headings ------------------------------------------------------------------------------

  /// The shapes a heading line may have (see heading_shape).
  enum class HeadingShape { none, plain, colon, digit };

  /// A heading's text judged by shape alone: at most 12 words and 90 characters, title-like (no
  /// final . , ; : and no "!", not an address), and one of
  ///  - plain: starts with a capital letter, no ": " ("Signs and symptoms");
  ///  - colon: a capitalized lead of at most five words without digits, ": ", then at least two
  ///    words starting with a capital letter ("Apoptosis: The Controlled Demolition") or three
  ///    in lowercase ("Heat stroke: a medical emergency"; "Dose: two tablets" is a field);
  ///  - digit: a number (or a range "2-4"), then a word, three words at least ("2 to 4 weeks
  ///    before surgery"); "2 mg" is a table cell or a note.
  /// Numbered headings are judged without their number.
  static HeadingShape heading_shape(std::string_view t) {
    if (t.empty() || line_shape::word_count(t) > kMaxHeadingWords || text::length(t) > kMaxHeadingChars) {
      return HeadingShape::none;
    }
    if (line_shape::final_mark(t) == '!' || !line_shape::is_title_like(t) ||
        !line_shape::starts_with_capital_or_digit(t)) {
      return HeadingShape::none;
    }
    const std::size_t colon = t.find(": ");
    if (t[0] >= '0' && t[0] <= '9') {
      if (colon != std::string_view::npos) return HeadingShape::none;
      const std::vector<std::string> words = text::split_words(t);
      const std::string_view number = words[0];
      const bool numeric = number.find_first_not_of("0123456789-\xE2\x80\x93") == std::string_view::npos;
      const bool then_word = words.size() >= 3 && !(words[1][0] >= '0' && words[1][0] <= '9') &&
                             (line_shape::starts_with_lowercase(words[1]) || line_shape::starts_with_capital_or_digit(words[1]));
      return numeric && then_word ? HeadingShape::digit : HeadingShape::none;
    }
    if (colon == std::string_view::npos) return HeadingShape::plain;
    const std::string_view lead = t.substr(0, colon);
    const std::string_view rest = text::trim(t.substr(colon + 2));
    if (rest.find(": ") != std::string_view::npos || line_shape::word_count(lead) > kMaxColonLeadWords ||
        lead.find_first_of("0123456789") != std::string_view::npos || rest.empty() || (rest[0] >= '0' && rest[0] <= '9')) {
      return HeadingShape::none;
    }
    // "Apoptosis: The Controlled Demolition", "Heat stroke: a medical emergency"; "Dose: two tablets" is a field.
    const std::size_t rest_words = line_shape::word_count(rest);
    const bool capital = line_shape::starts_with_capital_or_digit(rest);
    return (capital && rest_words >= 2) || rest_words >= 3 ? HeadingShape::colon : HeadingShape::none;
  }

  static bool heading_like(std::string_view t) { return heading_shape(t) == HeadingShape::plain; }

  /// True for a call to action: at most six words opening with an action verb, ending with "!",
  /// with a colon right after the verb ("Download: the diary (PDF)"), or naming the reader's
  /// next step on the site ("Book an appointment", "Sign up now").
  /// Such lines are buttons and banners, never headings.
  bool call_to_action(std::string_view t) const {
    const std::vector<std::string> words = text::split_words(text::fold_case(t));
    if (words.empty() || words.size() > kMaxActionWords) return false;
    const ReaderWords& w = reader_words(language_);
    auto bare = [](std::string x) {
      while (!x.empty() && std::string_view(".,!?:;").find(x.back()) != std::string_view::npos) x.pop_back();
      return x;
    };
    if (std::find(w.action_verbs.begin(), w.action_verbs.end(), bare(words[0])) == w.action_verbs.end()) return false;
    if (line_shape::final_mark(t) == '!' || words[0].back() == ':') return true;  // "Download: the calendar (PDF)"
    for (std::size_t k = 1; k < words.size(); ++k) {
      if (std::find(w.action_objects.begin(), w.action_objects.end(), bare(words[k])) != w.action_objects.end()) {
        return true;
      }
    }
    return false;
  }

  /// True when a line is never a heading whatever its shape: a call to action or a call-out label.
  bool not_heading_text(std::string_view t) const {
    return call_to_action(t) || leading_callout_label(t, language_).has_value();
  }

  bool is_heading_line(std::size_t i) const {
    return heading_like(at(i)) && !list_marker(at(i)) && !stands_alone(i) && !not_heading_text(at(i));
  }

  /// True for a "Label: value" field line ("Phone: 555 0100", "Hours: Monday to Friday"): a
  /// label of at most four words, ten words in all, no final . ! ? and no call-out label. A
  /// colon heading beside one is a field too.
  bool field_line(std::string_view t) const {
    const std::size_t colon = t.find(": ");
    const char32_t m = line_shape::final_mark(t);
    return colon != std::string_view::npos && colon > 0 && line_shape::word_count(t.substr(0, colon)) <= kMaxLabelWords &&
           line_shape::word_count(t) <= 10 && m != '.' && m != '!' && m != '?' && !leading_callout_label(t, language_);
  }

  /// True when line k reads as the start of content under a heading: a list item, or a
  /// sentence (not carrying on in lowercase; ending with . ! ? : ; … or of ten words or more).
  bool opens_content(std::size_t k) const {
    if (k >= lines_.size() || at(k).empty() || stands_alone(k)) return false;
    if (list_marker(at(k))) return true;
    return !line_shape::starts_with_lowercase(at(k)) && (ends_sentence(at(k)) || line_shape::word_count(at(k)) >= 10);
  }

  /// True when line k ends what may stand before a heading: a sentence (. ! ? …), a list item
  /// or a heading.
  bool closes_content(std::size_t k) const {
    if (k == heading_line_ || k == list_line_ || list_marker(at(k))) return true;
    const char32_t m = line_shape::final_mark(at(k));
    return m == '.' || m == '!' || m == '?' || m == 0x2026;
  }

  /// Returns the index of the last non-blank line before i, or npos.
  std::size_t previous_nonblank(std::size_t i) const {
    while (i > 0) {
      if (!at(--i).empty()) return i;
    }
    return std::string_view::npos;
  }

  /// True when line k of the block [begin, end) is a heading inside running text (plain wiki
  /// extracts copied without blank lines): a heading's shape (any of heading_shape); the line before ends a sentence, a list or a heading (a blank line before counts
  /// for a plain heading); the line after opens content (a sentence or a list item; after a
  /// one-line block, the next block's first; inside a block, never a blank line); a question
  /// is followed by something other than a question. after_item: the line before is known to be a
  /// list item (a list after a lead-in is being read). Bylines, furniture, calls to action and call-out
  /// labels are never headings, and a colon heading next to a "Label: value" line is a field.
  bool run_in_heading(std::size_t k, std::size_t begin, std::size_t end, bool after_item = false) const {
    const HeadingShape shape = heading_shape(at(k));
    if (shape == HeadingShape::none || list_marker(at(k)) || stands_alone(k) || not_heading_text(at(k))) return false;
    const std::size_t before = k > begin ? k - 1 : previous_nonblank(k);
    if ((k > begin || shape != HeadingShape::plain) && !after_item) {
      if (before != std::string_view::npos && !closes_content(before)) return false;
    }
    // Inside a block, what a heading heads follows it in the same block: the last line of a
    // paragraph ("… our community.\nThe Infection Prevention Team") is a sign-off or a caption.
    if (k > begin && k + 1 >= end) return false;
    const std::size_t after = k + 1 < end ? k + 1 : next_nonblank(end);
    if (!opens_content(after)) return false;
    // A question over a question is one of a list of questions to ask, not a heading over its answer.
    if (line_shape::final_mark(at(k)) == '?' && !list_marker(at(after)) && line_shape::final_mark(at(after)) == '?') {
      return false;
    }
    if (shape == HeadingShape::colon &&
        (field_line(at(after)) || (before != std::string_view::npos && field_line(at(before))))) {
      return false;
    }
    return true;
  }

  /// True when every word of four letters or more starts with a capital, in two words at least
  /// ("Living With Asthma"): a heading's casing, not a list item's.
  static bool title_case(std::string_view t) {
    const std::vector<std::string> words = text::split_words(t);
    if (words.size() < 2) return false;
    for (const std::string& w : words) {
      if (text::length(w) >= 4 && !line_shape::starts_with_capital_or_digit(w)) return false;
    }
    return true;
  }

  bool header_cell(std::size_t i) const {
    return line_shape::is_label_like(at(i), kMaxHeaderCells) && !list_marker(at(i)) && !stands_alone(i);
  }
  bool body_cell(std::size_t i) const {
    return line_shape::word_count(at(i)) <= kMaxCellWords && !list_marker(at(i)) && !stands_alone(i);
  }

  // --- the opening lines ---------------------------------------------------------------------

  /// True when an opening line can be the document's title: at most 20 words, no final , ; :
  /// and not a byline, copyright or source line.
  static bool title_line(std::string_view t) {
    const bool sentence = line_shape::final_mark(t) == '.' && line_shape::word_count(t) <= 20;
    return (line_shape::is_title_like(t) || sentence) && classify_metadata_line(t).kind == MetadataLineKind::none;
  }

  /// Reads the opening lines: the title and a byline right under it (kept as a paragraph for
  /// the metadata pass). On a page with a site around it the article finder named them (and
  /// left out what is above); lines it kept before them (copyright, source) stay paragraphs.
  /// Otherwise (a note, a clean extract) the opening lines are read here: furniture (kept as
  /// paragraphs for the boilerplate pass), site or section names above the title (left out, with
  /// a note), the title, and the byline. The title is then the first line that is not
  /// furniture, or, when a byline follows within three lines, the line just above the byline.
  /// Returns the index after the last opening line read.
  std::size_t header(std::size_t i) {
    if (article_.found_site) {
      if (!article_.title) return i;
      const std::size_t last = article_.byline ? *article_.byline : *article_.title;
      for (std::size_t k = i; k <= last && k < lines_.size(); k = next_nonblank(k + 1)) {
        const Line& line = lines_[k];
        builder_.set_line(line.number);
        if (k == *article_.title && take_title_ && title_line(line.text)) {
          builder_.title().text(line.text);
        } else {
          linkify(builder_.body().para(), line.text);
        }
      }
      return last + 1;
    }
    std::vector<std::size_t> opening;
    for (std::size_t k = i; k < lines_.size() && opening.size() < kHeaderReach; k = next_nonblank(k + 1)) {
      if (list_marker(at(k))) break;
      opening.push_back(k);
    }
    std::size_t first = 0;
    while (first < opening.size() && rules_.match(at(opening[first]))) ++first;
    if (first == opening.size()) return i;
    std::size_t byline = 0;
    for (std::size_t k = first + 1; k < opening.size() && k <= first + 3; ++k) {
      if (classify_metadata_line(at(opening[k])).kind == MetadataLineKind::byline) {
        byline = k;
        break;
      }
    }
    std::size_t title = byline != 0 ? byline - 1 : first;
    while (title > first && rules_.match(at(opening[title]))) --title;
    const std::size_t last = byline != 0 ? byline : title;
    for (std::size_t k = 0; k <= last; ++k) {
      const Line& line = lines_[opening[k]];
      builder_.set_line(line.number);
      if (k == title && take_title_ && title_line(line.text)) {
        builder_.title().text(line.text);
      } else if (k >= first && k < title && !rules_.match(line.text) && line_shape::is_label_like(line.text)) {
        diag_.note(Code::furniture_removed, line.number, line.indent + 1,
                   "left out \"" + std::string(line.text) + "\" above the title: a site or section name");
      } else {
        linkify(builder_.body().para(), line.text);
      }
    }
    return opening[last] + 1;
  }

  // --- blocks --------------------------------------------------------------------------------

  /// Reads the block [i, end) (and, for a table, the blocks after it). Returns where to go on.
  std::size_t block(std::size_t i, std::size_t end) {
    builder_.set_line(lines_[i].number);
    const std::optional<Marker> marker = list_marker(at(i));
    // An indented paragraph under an open list belongs to its last item.
    if (!marker && !lists_.empty() && lines_[i].indent > lists_.back().indent) {
      paragraphs(i, end, *lists_.back().item);
      return end;
    }
    if (end == i + 1) {
      if (auto heading = numbered_heading(at(i)); heading && numbered_is_heading(i, *heading)) {
        open_heading(heading->depth, i);
        return end;
      }
    }
    if (end == i + 1 && !marker) {
      // A one-line block: a plain heading before any more text, or another shape in context.
      if (is_heading_line(i) && next_nonblank(end) < lines_.size()) {
        open_heading(0, i);
        return end;
      }
      if (run_in_heading(i, i, end)) {
        open_heading(0, i);
        return end;
      }
    }
    if (!marker && end - i >= 2 && end - i <= kMaxHeaderCells) {
      if (std::size_t after = table(i, end); after != 0) return after;
    }
    // Lines after a lead-in block ("Common side effects include:") that are all short: a list.
    if (!marker && lists_.empty()) {
      const std::size_t before = previous_nonblank(i);
      if (before != std::string_view::npos && lead_in(before) &&
          lead_in_items(i, end) == end - i) {
        lead_in_list(i, end);
        return end;
      }
    }
    const bool sentence_follows = end - i >= 2 && !line_shape::starts_with_lowercase(at(i + 1)) &&
                                  (ends_sentence(at(i + 1)) || line_shape::word_count(at(i + 1)) >= 10) &&
                                  !list_marker(at(i + 1)) && !stands_alone(i + 1);
    const std::size_t begin = i;
    if (!marker && ((sentence_follows && is_heading_line(i) && line_shape::word_count(at(i)) <= 8) ||
                    (end - i >= 2 && run_in_heading(i, i, end)))) {
      open_heading(0, i);  // a heading set directly above its paragraph or list
      ++i;
    } else if (!marker && end - i >= 3 && asks(i)) {
      // "What to bring" over short lines: a heading that leads in a list ("When to call 911",
      // then one sign per line).
      if (const std::size_t items = lead_in_items(i + 1, end); items != 0) {
        open_heading(0, i);
        lead_in_list(i + 1, i + 1 + items);
        i += 1 + items;
        if (i == end) return end;
      }
    }
    mixed_lines(i, end, begin);
    return end;
  }

  /// True when a lone numbered line is a heading, not an item of a numbered list.
  bool numbered_is_heading(std::size_t i, const Numbered& heading) const {
    if (heading_shape(heading.title) == HeadingShape::none || stands_alone(i) || not_heading_text(heading.title)) {
      return false;
    }
    if (auto m = list_marker(at(i))) {
      if (!lists_.empty() && lists_.back().ordered && lists_.back().last_number + 1 == m->number) return false;
    }
    const std::size_t next = next_nonblank(i + 1);
    return next < lines_.size() && !list_marker(at(next));
  }

  /// True when numbered line k of the block [begin, end) is a heading: a lone numbered line
  /// (numbered_is_heading) after a blank line or a closed sentence, with a sentence after it.
  bool numbered_heading_at(std::size_t k, std::size_t begin, std::size_t end) const {
    auto heading = numbered_heading(at(k));
    if (!heading || !numbered_is_heading(k, *heading)) return false;
    if (k > begin && !closes_content(k - 1)) return false;
    return k + 1 >= end || (opens_content(k + 1) && !list_marker(at(k + 1)));
  }

  /// Finds the last line that may be a numbered heading, so that the un-numbered headings after
  /// it are known to follow a numbered series that has ended.
  void find_last_numbered_heading() {
    for (std::size_t k = lines_.size(); k-- > 0;) {
      if (at(k).empty()) continue;
      auto heading = numbered_heading(at(k));
      if (!heading || heading_shape(heading->title) == HeadingShape::none) continue;
      const std::size_t next = next_nonblank(k + 1);
      if (next < lines_.size() && list_marker(at(next))) continue;
      last_numbered_ = k;
      return;
    }
  }

  /// Heading levels: a numbered heading's depth; an un-numbered heading one below the last
  /// numbered one while the numbered series goes on (a numbered heading follows later), else 1:
  /// after a series ends ("1. … 7. …", then "Living with …") the outline returns to the outer level.
  void open_heading(int depth, std::size_t line) {
    close_lists();
    close_callout();
    int level = depth;
    if (depth > 0) {
      numbered_level_ = depth;
    } else {
      if (last_numbered_ == std::string_view::npos || line > last_numbered_) numbered_level_ = 0;
      level = numbered_level_ + 1;
    }
    builder_.heading(level).text(at(line));
    heading_line_ = line;
  }

  // --- lists after a lead-in -----------------------------------------------------------------

  /// True when line k is a lead-in: a line ending with ':' that is not furniture, metadata or
  /// a lone call-out label ("Note:").
  bool lead_in(std::size_t k) const {
    if (stands_alone(k) || line_shape::final_mark(at(k)) != ':' || list_marker(at(k))) return false;
    const auto label = leading_callout_label(at(k), language_);
    return !label || label->length < at(k).size();
  }

  /// Returns how many lines from j (in the block ending at end) are items of a list after a
  /// lead-in: short lines (at most 15 words and 120 characters) with no bullet, up to a list
  /// item, furniture or metadata, a call-out label, a long line, another lead-in, a heading (a
  /// question, a Title Case, colon or numbered line with a sentence after it), or, when the first
  /// item has no final punctuation, a sentence of six words or more (a paragraph after the list).
  /// Returns 0 for fewer than two such lines, or when the lines are prose wrapped after the
  /// colon (a long line stopping mid-sentence before one starting in lowercase).
  std::size_t lead_in_items(std::size_t j, std::size_t end) const {
    std::size_t n = 0;
    const bool fragments = j < end && !ends_sentence(at(j));
    for (std::size_t k = j; k < end; ++k) {
      const std::string_view t = at(k);
      if (list_marker(t) || stands_alone(k) || line_shape::word_count(t) > kMaxLeadInItemWords ||
          text::length(t) > kMaxLeadInItemChars || line_shape::final_mark(t) == ':' ||
          leading_callout_label(t, language_)) {
        break;
      }
      const char32_t mark = line_shape::final_mark(t);
      if (n > 0 && fragments && (mark == '.' || mark == '!') && line_shape::word_count(t) >= 6) break;
      if (n > 0 && strong_heading(k, j, end)) break;
      if (k + 1 < end && text::length(t) >= 50 && !ends_sentence(t) && line_shape::starts_with_lowercase(at(k + 1))) {
        return 0;
      }
      ++n;
    }
    return n >= 2 ? n : 0;
  }

  /// True when line k has a heading's shape and asks: a question, or a clause opening with a
  /// question word ("What to bring", "When to call 911"), after a blank line that closes a
  /// sentence, a list or a heading (or at the start). Such a line may head a list of short lines.
  bool asks(std::size_t k) const {
    if (heading_shape(at(k)) == HeadingShape::none || stands_alone(k) || not_heading_text(at(k))) return false;
    const std::size_t before = previous_nonblank(k);
    if (before != std::string_view::npos && !closes_content(before)) return false;
    const std::vector<std::string> words = text::split_words(text::fold_case(at(k)));
    const auto& asks = reader_words(language_).interrogatives;
    return line_shape::final_mark(at(k)) == '?' ||
           (words.size() >= 2 && std::find(asks.begin(), asks.end(), words[0]) != asks.end());
  }

  /// True when line k is a heading with more than a short line's shape to show for it, with a
  /// sentence after it: a question, or a clause opening with a question word ("When to see a
  /// doctor"), Title Case, a colon heading or a numbered heading.
  bool strong_heading(std::size_t k, std::size_t begin, std::size_t end) const {
    if (auto numbered = numbered_heading(at(k))) return numbered_heading_at(k, begin, end);
    if (!run_in_heading(k, begin, end, true)) return false;
    const std::vector<std::string> words = text::split_words(text::fold_case(at(k)));
    const auto& asks = reader_words(language_).interrogatives;
    const bool question_word = words.size() >= 2 && std::find(asks.begin(), asks.end(), words[0]) != asks.end();
    return line_shape::final_mark(at(k)) == '?' || question_word || title_case(at(k)) ||
           heading_shape(at(k)) == HeadingShape::colon;
  }

  /// Emits the lines [j, end) as an itemized list, one item per line; in a list whose first
  /// item starts with a capital, a line starting in lowercase carries on the item before.
  void lead_in_list(std::size_t j, std::size_t end) {
    flush();
    const bool lower_items = line_shape::starts_with_lowercase(at(j));
    for (std::size_t k = j; k < end; ++k) {
      builder_.set_line(lines_[k].number);
      if (k > j && !lower_items && line_shape::starts_with_lowercase(at(k))) {
        pending_ += ' ';
        pending_ += at(k);
        continue;
      }
      flush();
      list_item(Marker{false, 0, false, at(k)}, lines_[j].indent);
      pending_ = std::string(at(k));
      list_line_ = k;
    }
    flush();
    close_lists();
  }

  /// A flattened table: the header lines [i, end), then one cell per block (or one row per block
  /// of as many lines), until a row boundary meets a heading followed by a paragraph, a line
  /// that is no label where every row so far began with one, a long paragraph or a block of
  /// another shape. Cells short of a whole row are left to be read as paragraphs.
  /// Returns the index after the table, or 0 when the lines are not a table.
  std::size_t table(std::size_t i, std::size_t end) {
    for (std::size_t k = i; k < end; ++k)
      if (!header_cell(k)) return 0;
    const std::size_t columns = end - i;
    std::vector<std::size_t> cells;
    bool labels_first = true;  // every row so far starts with a short label
    for (std::size_t b = next_nonblank(end); b < lines_.size(); b = next_nonblank(b)) {
      const std::size_t e = block_end(b);
      const bool at_row_start = cells.size() % columns == 0;
      if (e == b + 1) {
        if (!body_cell(b)) break;
        if (at_row_start && !cells.empty()) {
          // A heading with its paragraph, or a sentence where every row so far began with a label, ends the table.
          if (is_heading_line(b) && !row_follows(e)) break;
          if (labels_first && !line_shape::is_label_like(at(b), kMaxHeaderCells)) break;
        }
        if (at_row_start) labels_first = labels_first && line_shape::is_label_like(at(b), kMaxHeaderCells);
        cells.push_back(b);
      } else if (e - b == columns && at_row_start) {
        bool row = true;
        for (std::size_t k = b; k < e; ++k) row = row && body_cell(k);
        if (!row) break;
        for (std::size_t k = b; k < e; ++k) cells.push_back(k);
      } else {
        break;
      }
      b = e;
    }
    const std::size_t rows = cells.size() / columns;
    if (rows == 0) return 0;
    close_lists();
    close_callout();
    TableSink t = builder_.body().table();
    RowSink head = t.header_row();
    for (std::size_t k = i; k < end; ++k) linkify(head.cell(true), at(k));
    for (std::size_t r = 0; r < rows; ++r) {
      RowSink row = t.row();
      for (std::size_t c = 0; c < columns; ++c) {
        builder_.set_line(lines_[cells[r * columns + c]].number);
        linkify(row.cell(false), at(cells[r * columns + c]));
      }
    }
    const std::size_t last = cells[rows * columns - 1];
    return rows * columns < cells.size() ? cells[rows * columns] : last + 1;
  }

  /// True when the block at b (after a heading-like cell) could carry on a table row.
  bool row_follows(std::size_t b) const {
    b = next_nonblank(b);
    return b < lines_.size() && block_end(b) == b + 1 && body_cell(b) && line_shape::word_count(at(b)) <= 20;
  }

  /// Lines of one block that may mix paragraphs, list items, headings (in text copied without
  /// blank lines) and lists after a lead-in.
  void mixed_lines(std::size_t i, std::size_t end, std::size_t block_begin) {
    std::optional<Marker> first = list_marker(at(i));
    if (!first) close_lists();
    for (std::size_t k = i; k < end; ++k) {
      builder_.set_line(lines_[k].number);
      if (auto heading = numbered_heading(at(k)); heading && (k > i || end > i + 1) &&
                                                  numbered_heading_at(k, block_begin, end)) {
        open_heading(heading->depth, k);
        continue;
      }
      if (auto m = list_marker(at(k))) {
        flush();
        list_item(*m, lines_[k].indent);
        pending_ = std::string(m->content);
        pending_alone_ = stands_alone(k);
        list_line_ = k;
        continue;
      }
      const bool alone = stands_alone(k);
      const bool carries_on = !lists_.empty() && (lines_[k].indent > lists_.back().indent ||
                                                  (!ends_sentence(pending_) && line_shape::starts_with_lowercase(at(k))));
      if (carries_on && !alone && !pending_alone_) {
        pending_ += ' ';
        pending_ += at(k);  // a wrapped list item
        list_line_ = k;
        continue;
      }
      if (k > block_begin && run_in_heading(k, block_begin, end)) {
        open_heading(0, k);  // a heading in text copied without blank lines
        continue;
      }
      if (!lists_.empty()) {
        flush();
        close_lists();
      }
      if (!pending_.empty() && !alone && !pending_alone_ && joins(pending_last_, at(k), i, end)) {
        pending_ += ' ';
        pending_ += at(k);
      } else {
        flush();
        pending_ = std::string(at(k));
        pending_alone_ = alone;
      }
      pending_last_ = at(k);
      if (lead_in(k)) {
        if (const std::size_t items = lead_in_items(k + 1, end); items != 0) {  // "… include:" then lines
          lead_in_list(k + 1, k + 1 + items);
          k += items;
        }
      }
    }
    flush();
  }

  /// Paragraphs of the block [i, end) into a list item (a loose list's later paragraphs).
  void paragraphs(std::size_t i, std::size_t end, BlockSink into) {
    flush();
    std::string para;
    std::string_view last;
    for (std::size_t k = i; k < end; ++k) {
      if (!para.empty() && !joins(last, at(k), i, end)) {
        inline_text(into.para(), para);
        para.clear();
      }
      if (!para.empty()) para += ' ';
      para += at(k);
      last = at(k);
    }
    if (!para.empty()) inline_text(into.para(), para);
  }

  /// True when line next carries on the paragraph whose last line is prev: it starts in
  /// lowercase, or prev is long and stops mid-sentence, or the block is hard-wrapped prose.
  bool joins(std::string_view prev, std::string_view next, std::size_t block_begin, std::size_t block_end) const {
    if (line_shape::starts_with_lowercase(next)) return true;
    if (text::length(prev) >= 50 && !ends_sentence(prev)) return true;
    return wrapped(block_begin, block_end);
  }

  /// True for hard-wrapped prose: lines of similar length, at most 100 characters, every line
  /// but the last at least 3/4 of the longest, and at least half of them breaking mid-sentence
  /// (lines that each end a sentence are separate paragraphs copied without blank lines).
  bool wrapped(std::size_t i, std::size_t end) const {
    if (end - i < 2) return false;
    std::size_t longest = 0;
    for (std::size_t k = i; k < end; ++k) longest = std::max(longest, text::length(at(k)));
    if (longest > 100 || longest < 40) return false;
    std::size_t mid_sentence = 0;
    for (std::size_t k = i; k + 1 < end; ++k) {
      if (text::length(at(k)) * 4 < longest * 3 || list_marker(at(k)) || stands_alone(k)) return false;
      if (!ends_sentence(at(k))) ++mid_sentence;
    }
    return mid_sentence * 2 >= end - i - 1;
  }

  void list_item(const Marker& m, int indent) {
    const int key = indent * 2 + (m.secondary ? 1 : 0);
    while (!lists_.empty() && lists_.back().key > key) lists_.pop_back();
    if (!lists_.empty() && lists_.back().key == key && lists_.back().ordered != m.ordered) lists_.pop_back();
    if (lists_.empty() || lists_.back().key != key) {
      if (lists_.empty() && waiting_label_) open_waiting_callout(CalloutWants::list);
      if (lists_.empty() && callout_ && callout_wants_ == CalloutWants::paragraph) callout_wants_ = CalloutWants::list;
      BlockSink parent = lists_.empty() ? container() : *lists_.back().item;
      ListSink list = m.ordered ? parent.ordered_list(m.number) : parent.itemized_list();
      lists_.push_back(ListLevel{key, indent, m.ordered, list, std::nullopt, m.number - 1});
    }
    ListLevel& level = lists_.back();
    level.item = level.list.item();
    level.last_number = m.number;
  }

  void close_lists() {
    flush();
    lists_.clear();
  }

  // --- call-outs -----------------------------------------------------------------------------

  /// Where blocks go: the open call-out, else the document outline.
  BlockSink container() { return callout_ ? *callout_ : builder_.body(); }

  /// Opens the call-out a lone label waits with, for the paragraph or list that has come.
  void open_waiting_callout(CalloutWants wants) {
    callout_ = builder_.body().admonition(waiting_label_->kind, waiting_label_->title);
    waiting_label_.reset();
    callout_wants_ = wants;
  }

  /// Closes the open call-out; a lone label that nothing came for stays a paragraph.
  void close_callout() {
    if (waiting_label_) {
      const std::string label = std::move(waiting_label_text_);
      waiting_label_.reset();
      linkify(builder_.body().para(), label);
    }
    if (!callout_) return;
    close_lists();
    callout_.reset();
    callout_wants_ = CalloutWants::nothing;
  }

  /// Emits a paragraph at block level. A paragraph opening with a call-out label ("Warning:",
  /// "Important safety information:") becomes that call-out (the label is its kind, or its
  /// title when it says more; the text after it is capitalized); a lone label takes the
  /// paragraph or list after it. A call-out paragraph ending with ":" keeps the list right after
  /// it; any other paragraph closes the call-out.
  void block_paragraph(const std::string& text, bool alone) {
    if (waiting_label_ && !alone) open_waiting_callout(CalloutWants::paragraph);
    if (callout_ && callout_wants_ == CalloutWants::paragraph) {
      inline_text(callout_->para(), text);
      if (line_shape::final_mark(text) == ':') {
        callout_wants_ = CalloutWants::list;
      } else {
        close_callout();
      }
      return;
    }
    close_callout();
    if (!alone) {
      if (auto label = leading_callout_label(text, language_)) {
        const std::string rest = capitalized(text::trim(std::string_view(text).substr(label->length)));
        if (rest.empty()) {
          waiting_label_ = label;
          waiting_label_text_ = text;
          return;
        }
        callout_ = builder_.body().admonition(label->kind, label->title);
        callout_wants_ = CalloutWants::paragraph;
        block_paragraph(rest, false);
        return;
      }
    }
    InlineSink p = builder_.body().para();
    alone ? linkify(p, text) : inline_text(p, text);
  }

  /// Emits the pending paragraph or list item text.
  void flush() {
    if (pending_.empty()) return;
    const std::string text = std::move(pending_);
    const bool alone = pending_alone_;
    pending_.clear();
    pending_alone_ = false;
    if (!lists_.empty() && lists_.back().item) {
      InlineSink p = lists_.back().item->para();
      alone ? linkify(p, text) : inline_text(p, text);
    } else {
      block_paragraph(text, alone);
    }
  }

  std::vector<Line> lines_;
  std::vector<char> metadata_;  // per line: 1 when it is a metadata line
  mutable std::vector<signed char> stands_alone_;  // per line: -1 not judged yet, else 0 or 1
  TreeBuilder& builder_;
  const BoilerplateRules& rules_;
  Diagnostics& diag_;
  bool take_title_;  // false when front matter names the title
  std::string language_;  // BCP 47, "en" when the source names none: how dates and bylines are read
  const ArticleLines& article_;
  std::vector<ListLevel> lists_;
  std::string pending_;        // text of the paragraph or list item being gathered
  bool pending_alone_ = false;  // it is furniture or metadata: nothing joins it
  std::string_view pending_last_;
  int numbered_level_ = 0;
  std::size_t last_numbered_ = std::string_view::npos;  // the last line that may be a numbered heading
  std::size_t heading_line_ = std::string_view::npos;   // the last line made a heading
  std::size_t list_line_ = std::string_view::npos;      // the last line read into a list item
  std::optional<BlockSink> callout_;
  CalloutWants callout_wants_ = CalloutWants::nothing;
  std::optional<CalloutLabel> waiting_label_;  // a lone label ("Important:") waiting for its paragraph or list
  std::string waiting_label_text_;
};

/// Quotes the first lines of a left-out run for its note: "Home", "Services", "About us", …
std::string quoted_lines(const std::vector<Line>& lines, const SiteRun& run) {
  std::string out;
  std::size_t shown = 0;
  for (std::size_t k = run.first; k <= run.last; ++k) {
    if (lines[k].text.empty()) continue;
    if (shown == 3) return out + ", \xE2\x80\xA6";
    std::string t = text::collapse_whitespace(lines[k].text);
    if (text::length(t) > 40) {
      std::size_t cut = 0;
      for (std::size_t n = 0; n < 37 && cut < t.size(); ++n) text::next_code_point(t, cut);
      t = t.substr(0, cut) + "\xE2\x80\xA6";
    }
    out += (shown++ ? ", \"" : "\"") + t + "\"";
  }
  return out;
}

/// Runs the article finder over the lines and blanks the lines it leaves out, with one note
/// per run saying what was left out and why. Returns what the finder decided.
ArticleLines leave_out_site(std::vector<Line>& lines, const BoilerplateRules& rules, const std::string& language,
                            Diagnostics& diag) {
  std::vector<std::string_view> texts;
  texts.reserve(lines.size());
  for (const Line& line : lines) texts.push_back(line.text);
  ArticleLines article = find_article(texts, rules, *load_page_words(), language);
  for (const SiteRun& run : article.left_out) {
    const Line& first = lines[run.first];
    std::string what = "left out " + std::to_string(run.count) + (run.count == 1 ? " line of " : " lines of ") +
                       std::string(site_kind_name(run.kind));
    if (run.last > run.first) what += " (to line " + std::to_string(lines[run.last].number) + ")";
    diag.note(Code::furniture_removed, first.number, first.indent + 1, what + ": " + quoted_lines(lines, run));
  }
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (!article.keep[k]) lines[k].text = {};
  }
  return article;
}

}  // namespace

Document read_text(const SourceText& source, const ReaderOptions& options, Diagnostics& diag) {
  Document doc;
  doc.source_path = source.path;
  const FrontMatterBlock block = find_front_matter(source.text);
  FrontMatter fm = parse_front_matter(block, diag, options.front_matter);
  const auto rules = load_boilerplate_rules(options.boilerplate_files);

  TreeBuilder builder(doc, diag, options.limits);
  const std::string_view body = std::string_view(source.text).substr(block.body_offset);
  fm.metadata.language = document_language(options.language.empty() ? fm.metadata.language : options.language, body, diag);
  read_pending_dates(fm, diag);
  std::vector<Line> lines = split_lines(body, block.body_line);
  const ArticleLines article = leave_out_site(lines, *rules, fm.metadata.language, diag);
  TextReader(std::move(lines), builder, *rules, diag, fm.metadata.title.empty(), fm.metadata.language, article).read();
  builder.finish();
  if (block.present) {
    if (fm.metadata.title.empty()) fm.metadata.title = doc.title();
    if (!fm.body_key.empty()) fm.metadata.extra.emplace_back(fm.body_key, fm.body);
    if (!fm.question.empty()) fm.metadata.extra.emplace_back("question", fm.question);
    write_metadata(doc, fm.metadata);
  } else {
    doc.article().attribute("xml:lang").set_value(fm.metadata.language.c_str());
  }
  return doc;
}

}  // namespace handout
