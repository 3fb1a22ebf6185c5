// The article finder, after the published boilerplate-removal methods that work on text alone
// (src/readers/README.md, "Finding the article"):
//
// - Each block (a line of the copy; hard-wrapped lines of one paragraph together) gets a
//   probability of being article text from shallow text features: its length in words, whether
//   it ends a sentence, its stop-word density (jusText: Pomikálek 2011), the word counts of the
//   blocks before and after it (Boilerpipe's shallow text features: Kohlschütter, Fankhauser and
//   Nejdl 2010), how much of the text around it is prose, blank lines around it, and what a
//   browser copy shows: runs of short labels (menus), capitalised link titles, words a site uses
//   about itself (sharing, sign-in, cookies, newsletters), dates and times of teaser lists, link
//   titles glued to their teaser ("…SteakhouseA party of six…"), the boilerplate rules of
//   styles/boilerplate.yaml. The weights are a logistic regression fitted on the lines of 90
//   browser-copied pages of a public article-extraction benchmark; a block jusText calls "good"
//   on its own (over 200 characters, a sentence, stop-word dense) is at least an even bet.
// - The article is the maximum-scoring contiguous run of blocks, each block scoring its word
//   count times (probability - 0.4) (maximum subsequence segmentation: Pasternack and Roth
//   2009). A comments section ends it; a numbered list or a labelled list it ends in is carried
//   to its last item. A second pass adds lexical cohesion (the share of a block's content words
//   the article's other blocks use) and segments again.
// - The run then grows over the page's own text around it (likely blocks, paragraphs and small
//   groups set apart by blank lines, sections holding a sentence or a lead-in) up to what is
//   plainly the site (rules, site talk, comments headings, glued titles, menus); a table of
//   contents is left out wherever it stands.
// - The title is the heading-like line the article follows: above the byline or date line near
//   the article's start, else the run's first block when it is heading-like, else the nearest
//   heading-like line above the run.
//
// Nothing is left out of text that shows no site around it (no furniture rule, site talk,
// comments heading or table of contents outside the run, or only a short list in a short text):
// notes and clean extracts come through whole. Linear in the text: every pass is a scan.
#include "readers/article_blocks.hpp"

#include "model/resources.hpp"
#include "text/line_shape.hpp"
#include "text/metadata_lines.hpp"
#include "text/text.hpp"
#include "transforms/boilerplate_rules.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace handout {

namespace {

// --- the model ------------------------------------------------------------------------------

/// How many features a block has.
constexpr std::size_t kFeatures = 19;
/// Logistic-regression weights of the block features (see features() for their order and
/// meaning), fitted on the lines of 90 browser-copied benchmark pages labelled by their ground
/// truth, each page weighing the same (5-fold cross-validation by page in src/readers/README.md).
constexpr std::array<double, kFeatures> kWeights = {
    -5.1602,  // bias
    +0.1192,  // log2(1 + words)
    +0.5970,  // ends a sentence (. ! ? …)
    -0.4120,  // holds a sentence boundary inside
    -0.5203,  // stop-word density (0 when the page's language has no list)
    +0.3621,  // under 10 % stop words in 3 words or more (language known)
    -1.1350,  // share of words starting with a capital
    +0.8721,  // share of words holding a digit
    +0.3499,  // log2(1 + words) of the block before
    +0.2664,  // log2(1 + words) of the block after
    -0.1677,  // log2(1 + length of the run of short blocks it is in)
    -1.3305,  // matches a boilerplate rule
    +0.3140,  // ends with a colon
    -1.1972,  // a link title glued to its teaser
    -1.8234,  // a short line with a time, a year or "ago"
    -4.7727,  // share of site words
    +2.8402,  // share of prose blocks among the three before and after
    +2.0999,  // blank lines around it (0, 1/2, 1): a browser copies <p> so
    +1.7930,  // lexical cohesion with the article (second pass; 0.5 in the first)
};
/// A block scores words * (p - kThreshold) in the segmentation.
constexpr double kThreshold = 0.4;
/// A jusText "good" block has at least this probability.
constexpr double kGoodFloor = 0.5;
/// Every block weighs at least this many words in the segmentation.
constexpr double kMinWeight = 0.5;
/// Features look at the first bytes of a block (its word count covers all of it).
constexpr std::size_t kFeatureBytes = 8000;
/// Cohesion is measured only against at least this many confident article blocks.
constexpr std::size_t kMinCore = 3;
/// The article grows over neighbours at least this likely (see grown()).
constexpr double kGrowth = 0.3;
/// ... and over groups of at most this many adjacent lines set apart by blank lines.
constexpr std::size_t kSmallGroup = 4;
/// ... and, going down, over a clean group of at most this many lines when a section of prose
/// follows it.
constexpr std::size_t kBridgedGroup = 12;
/// A text of this many blocks with this many menu labels outside the article is a web page
/// even when no word of it is in the word lists.
constexpr std::size_t kLongText = 40;
constexpr std::size_t kLongMenus = 10;
/// How far above the article the title is looked for, in blocks.
constexpr std::size_t kTitleReach = 16;

// --- words ----------------------------------------------------------------------------------

bool is_alnum(char32_t cp) {
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
         (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}
/// Letters, digits, '_' and the marks inside words (Devanagari and Bengali vowel signs and
/// viramas, Arabic harakat, ZWNJ in Persian): a word of those scripts is not cut at its marks.
bool is_word_char(char32_t cp) {
  if (cp == '_' || is_alnum(cp) || cp == 0x200C) return true;
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC;
}
bool is_cjk(char32_t cp) { return (cp >= 0x3040 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF); }

/// One word of a block: a letter or digit, then letters, digits, _ ' ’ and -. Words are
/// compared by a 64-bit hash (FNV-1a) of their lowercased UTF-8, ’ read as '.
struct Word {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  std::size_t length = 0;  // code points
  bool capital = false;
  bool digit = false;
};

void hash_code_point(std::uint64_t& h, char32_t cp) {
  std::string utf8;
  text::append_utf8(utf8, cp);
  for (const char c : utf8) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
}

/// True for the characters that are words of their own (Han ideographs, kana).
bool count_as_word(char32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

/// Calls f(word) for each word of s (up to kFeatureBytes); returns the count of all words (each
/// Han or kana character one).
template <typename F>
std::size_t for_each_word(std::string_view s, F&& f) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t at = i;
    char32_t cp = text::next_code_point(s, i);
    if (!is_alnum(cp)) continue;
    ++count;
    const bool detail = at < kFeatureBytes;
    Word w;
    if (detail) {
      const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
      w.capital = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
    }
    while (true) {
      // Chinese and Japanese write no spaces: each ideograph or kana counts as a word (as UAX #29
      // splits them), so a sentence is as long as its English translation, not one word.
      if (count_as_word(cp) && w.length > 0) ++count;
      if (detail) {
        w.digit = w.digit || (cp >= '0' && cp <= '9') ||
                  (cp >= 0x80 && utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ND);
        const char32_t lower = cp < 0x80       ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp)
                               : cp == 0x2019 ? U'\''
                                              : static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
        hash_code_point(w.hash, lower);
        ++w.length;
      }
      if (i >= s.size()) break;
      std::size_t j = i;
      cp = text::next_code_point(s, j);
      if (!(is_word_char(cp) || cp == '\'' || cp == 0x2019 || cp == '-')) break;
      i = j;
    }
    if (detail) f(w);
  }
  return count;
}

/// The hash of the one word in s (an entry of a word list), or 0 when s holds none or more.
std::uint64_t word_hash(std::string_view s) {
  std::uint64_t h = 0;
  std::size_t n = 0;
  for_each_word(s, [&](const Word& w) {
    h = w.hash;
    ++n;
  });
  return n == 1 ? h : 0;
}

// --- block shapes ---------------------------------------------------------------------------

bool is_sentence_end(char32_t m) { return m == '.' || m == '!' || m == '?' || m == 0x2026 || m == 0x3002 || m == 0xFF01 || m == 0xFF1F; }

/// True for a byline or a dateline ("Reviewed by … Last reviewed: January 30, 2026."): the
/// lines the metadata pass reads a document's authors and dates from.
bool dated(MetadataLineKind kind) { return kind == MetadataLineKind::byline || kind == MetadataLineKind::dateline; }

/// A sentence boundary inside: . ! or ? (and a closing quote), space, then a capital or digit.
bool inner_boundary(std::string_view s) {
  for (std::size_t i = 0; i < s.size() && i < kFeatureBytes; ++i) {
    if (s[i] != '.' && s[i] != '!' && s[i] != '?') continue;
    std::size_t j = i + 1;
    for (std::string_view q : {std::string_view("\""), std::string_view("\xE2\x80\x9D"), std::string_view("\xE2\x80\x99"),
                               std::string_view(")")}) {
      if (s.substr(j, q.size()) == q) {
        j += q.size();
        break;
      }
    }
    std::size_t spaces = 0;
    while (j < s.size()) {
      if (s[j] == ' ' || s[j] == '\t') {
        ++j;
      } else if (s.substr(j, 2) == "\xC2\xA0") {
        j += 2;
      } else {
        break;
      }
      ++spaces;
    }
    if (spaces == 0 || j >= s.size()) continue;
    for (std::string_view q : {std::string_view("\""), std::string_view("\xE2\x80\x9C"), std::string_view("\xE2\x80\x98"),
                               std::string_view("(")}) {
      if (s.substr(j, q.size()) == q) {
        j += q.size();
        break;
      }
    }
    if (j < s.size() && ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9'))) return true;
  }
  return false;
}

bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

/// A link title glued to the text after it: three lowercase letters, a capital, then two
/// lowercase letters or a space ("SteakhouseA party", "NewsNollywood").
bool glued(std::string_view s) {
  const std::size_t n = std::min(s.size(), kFeatureBytes);
  for (std::size_t i = 3; i + 1 < n; ++i) {
    if (!(s[i] >= 'A' && s[i] <= 'Z') || !ascii_lower(s[i - 1]) || !ascii_lower(s[i - 2]) || !ascii_lower(s[i - 3])) continue;
    if (s[i + 1] == ' ' || (i + 2 < n && ascii_lower(s[i + 1]) && ascii_lower(s[i + 2]))) return true;
  }
  return false;
}

/// A menu copied as one line: three or more short parts (4 words or fewer, none a sentence)
/// between runs of three spaces or tabs, or " | ", " · ", " • " ("Home | Procedures | Contact",
/// "Messages   Appointments   Billing").
bool menu_line(std::string_view s) {
  if (s.size() > 300) return false;
  std::size_t parts = 0;
  bool short_parts = true;
  auto part = [&](std::string_view t) {
    t = text::trim(t);
    if (t.empty()) return;
    ++parts;
    const char32_t mark = line_shape::final_mark(t);
    short_parts = short_parts && text::count_words(t) <= 4 && mark != '.' && mark != '!' && mark != '?';
  };
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t gap = 0;
    if (s[i] == ' ' || s[i] == '\t') {
      std::size_t j = i;
      while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
      if (j - i >= 3 || (j < s.size() && s[i] == '\t')) gap = j - i;
      for (std::string_view sep : {std::string_view(" | "), std::string_view(" \xC2\xB7 "), std::string_view(" \xE2\x80\xA2 ")}) {
        if (gap == 0 && s.substr(i, sep.size()) == sep) gap = sep.size();
      }
      if (gap == 0) {
        i = j;
        continue;
      }
      part(s.substr(start, i - start));
      i += gap;
      start = i;
      continue;
    }
    ++i;
  }
  part(s.substr(start));
  return parts >= 3 && short_parts;
}

/// A time ("7:45"), a year from 1900 to 2099, or the word "ago", standing alone.
bool has_time(std::string_view s) {
  const std::size_t n = std::min(s.size(), kFeatureBytes);
  auto word_at = [&](std::size_t i) {
    if (i >= n) return false;
    std::size_t j = i;
    return is_word_char(text::next_code_point(s, j));
  };
  auto word_before = [&](std::size_t i) {
    if (i == 0) return false;
    std::size_t start = i - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    return is_word_char(text::next_code_point(s, start));
  };
  auto digit = [&](std::size_t i) { return i < n && s[i] >= '0' && s[i] <= '9'; };
  for (std::size_t i = 0; i < n; ++i) {
    if (word_before(i)) continue;
    if (digit(i)) {
      std::size_t j = i;
      while (digit(j)) ++j;
      const std::size_t run = j - i;
      if (run <= 2 && j < n && s[j] == ':' && digit(j + 1) && digit(j + 2) && !word_at(j + 3)) return true;
      if (run == 4 && !word_at(j) && (s.substr(i, 2) == "19" || s.substr(i, 2) == "20")) return true;
    } else if (i + 3 <= n && text::starts_with_nocase(s.substr(i), "ago") && !word_at(i + 3)) {
      return true;
    }
  }
  return false;
}

/// "3." or "(3)" or "3)" followed by text: the number, else -1.
int list_number(std::string_view s) {
  std::size_t i = s.substr(0, 1) == "(" ? 1 : 0;
  const std::size_t start = i;
  while (i < s.size() && i - start <= 3 && s[i] >= '0' && s[i] <= '9') ++i;
  const std::size_t digits = i - start;
  if (digits == 0 || digits > 3 || i + 1 >= s.size() || (s[i] != '.' && s[i] != ')')) return -1;
  std::size_t j = i + 1;
  if (s[j] != ' ' && s[j] != '\t') return -1;
  while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
  if (j >= s.size()) return -1;
  return std::stoi(std::string(s.substr(start, digits)));
}

/// What a block of a list item looks like: its length class and its punctuation, in order.
std::string list_signature(std::string_view s, std::size_t words) {
  std::string sig(1, static_cast<char>('0' + (words <= 3 ? 0 : words <= 8 ? 1 : words <= 20 ? 2 : 3)));
  const std::size_t n = std::min(s.size(), kFeatureBytes);
  for (std::size_t i = 0; i < n;) {
    const std::size_t at = i;
    const char32_t cp = text::next_code_point(s, i);
    if (is_alnum(cp) || cp == ' ' || cp == '\t' || cp == 0xA0) continue;
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (cat == UTF8PROC_CATEGORY_ZS) continue;
    sig.append(s.substr(at, i - at));
  }
  return sig;
}

// --- blocks ---------------------------------------------------------------------------------

/// One block: the lines [first, last] of the input, joined.
struct ArticleBlock {
  std::size_t first = 0;
  std::size_t last = 0;
  std::string text;
  std::size_t chars = 0;    // code points
  std::size_t words = 0;    // all words
  double size = 0;          // words, plus half the CJK characters (written without spaces)
  std::size_t stop = 0;     // stop words among the counted words (language known)
  std::size_t counted = 0;  // words counted in detail (the first kFeatureBytes)
  double capitals = 0, digits = 0, site = 0;
  bool end = false, colon = false, inner = false, glued = false, time = false, rule = false;
  bool comment_heading = false;
  int blanks = 0;     // blank lines right before and after it (0 to 2)
  bool blank_free = false;  // the text has (almost) no blank lines
  std::size_t label_run = 0;  // length of the run of short labels on adjacent lines it is in
  bool listed = false;        // that run is right under a lead-in ("Bring these:")
  bool contents = false;      // an entry of the page's table of contents
  bool menu_line = false;     // a menu copied as one line ("Home | About | Contact")
  bool good = false;  // jusText "good" on its own
  int number = -1;
  MetadataLineKind metadata = MetadataLineKind::none;
  std::vector<std::uint64_t> hashes;  // the counted words, in order
  std::vector<bool> long_word;         // ... of 3 code points or more
  double p = 0;
};

/// True when the block [i, end) of lines looks hard-wrapped: similar lengths up to 100
/// characters, each but the last at least 3/4 of the longest, half of them mid-sentence, and
/// none of them furniture or a byline (the text reader's test).
bool wrapped(const std::vector<std::string_view>& lines, std::size_t i, std::size_t end, const BoilerplateRules& rules,
             std::string_view language) {
  if (end - i < 2) return false;
  std::size_t longest = 0;
  for (std::size_t k = i; k < end; ++k) longest = std::max(longest, text::length(lines[k]));
  if (longest > 100 || longest < 40) return false;
  std::size_t mid = 0;
  for (std::size_t k = i; k + 1 < end; ++k) {
    if (text::length(lines[k]) * 4 < longest * 3) return false;
    if (!is_sentence_end(line_shape::final_mark(lines[k])) && line_shape::final_mark(lines[k]) != ':') ++mid;
  }
  if (mid * 2 < end - i - 1) return false;
  for (std::size_t k = i; k < end; ++k) {
    if (rules.match(lines[k]) != nullptr || classify_metadata_line(lines[k], language).kind != MetadataLineKind::none) {
      return false;
    }
  }
  return true;
}

bool has_alnum(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (is_alnum(text::next_code_point(s, i))) return true;
  }
  return false;
}

/// The blocks of the lines: one per line with a letter or digit (a browser copies each block
/// element of a page as a line), a hard-wrapped paragraph one block.
std::vector<ArticleBlock> make_blocks(const std::vector<std::string_view>& lines, const BoilerplateRules& rules,
                               std::string_view language) {
  std::vector<ArticleBlock> blocks;
  std::size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].empty()) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < lines.size() && !lines[end].empty()) ++end;
    const bool joined = wrapped(lines, i, end, rules, language);
    for (std::size_t k = i; k < end; ++k) {
      if (!has_alnum(lines[k])) continue;
      const bool carries_on = joined && !blocks.empty() && blocks.back().last + 1 == k;
      if (carries_on && blocks.back().text.size() < kFeatureBytes) {
        blocks.back().text += ' ';
        blocks.back().text += lines[k];
        blocks.back().last = k;
      } else if (carries_on) {
        blocks.back().last = k;
      } else {
        ArticleBlock b;
        b.first = b.last = k;
        b.text = std::string(lines[k]);
        blocks.push_back(std::move(b));
      }
    }
    i = end;
  }
  std::size_t spaced = 0;
  for (ArticleBlock& b : blocks) {
    b.blanks = (b.first > 0 && lines[b.first - 1].empty() ? 1 : 0) + (b.last + 1 < lines.size() && lines[b.last + 1].empty() ? 1 : 0);
    spaced += b.blanks > 0;
  }
  // Text with (almost) no blank lines says nothing by them: every block counts as set apart.
  if (spaced * 20 < blocks.size()) {
    for (ArticleBlock& b : blocks) b.blank_free = true;
  }
  return blocks;
}

using WordSet = std::unordered_set<std::uint64_t>;

/// Reads each block's words once: their hashes (the first kFeatureBytes) and shares of
/// capitals, digits, site and comment words.
void read_words(ArticleBlock& b, const PageWords& words) {
  std::size_t capitals = 0, digits = 0, site = 0, comment = 0;
  b.words = for_each_word(b.text, [&](const Word& w) {
    b.hashes.push_back(w.hash);
    b.long_word.push_back(w.length >= 3);
    capitals += w.capital;
    digits += w.digit;
    site += words.site_words.count(w.hash);
    comment += words.comment_words.count(w.hash);
  });
  b.counted = b.hashes.size();
  const double n = static_cast<double>(std::max<std::size_t>(b.counted, 1));
  b.capitals = static_cast<double>(capitals) / n;
  b.digits = static_cast<double>(digits) / n;
  b.site = static_cast<double>(site) / n;
  b.comment_heading = comment > 0 && b.words <= 4 &&
                      std::none_of(b.text.begin(), b.text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The stop words the page is read with: its language's (front matter), else the list holding
/// the largest share of its words when that share is at least 12 %; nullptr for none.
const WordSet* page_stop_words(const std::vector<ArticleBlock>& blocks, const PageWords& words, std::string_view language) {
  if (!language.empty()) {
    std::string primary = text::fold_case(language.substr(0, language.find_first_of("-_")));
    if (auto it = words.stop_words.find(primary); it != words.stop_words.end()) return &it->second;
  }
  const WordSet* best = nullptr;
  double best_share = 0.12;
  for (const auto& [tag, list] : words.stop_words) {
    std::size_t total = 0, stop = 0;
    for (const ArticleBlock& b : blocks) {
      for (const std::uint64_t h : b.hashes) stop += list.count(h);
      total += b.hashes.size();
      if (total > 200000) break;  // a long page's share is known well before its end
    }
    const double share = total == 0 ? 0.0 : static_cast<double>(stop) / static_cast<double>(total);
    if (share >= best_share) {
      best = &list;
      best_share = share;
    }
  }
  return best;
}

/// Measures a block's shape: length, final mark, sentence boundaries, glued titles, times,
/// furniture, stop words, jusText goodness, list number and metadata kind.
void measure(ArticleBlock& b, const BoilerplateRules& rules, const WordSet* stop, std::string_view language) {
  if (stop) {
    for (const std::uint64_t h : b.hashes) b.stop += stop->count(h);
  }
  std::size_t cjk = 0;
  for (std::size_t i = 0; i < b.text.size();) {
    if (is_cjk(text::next_code_point(b.text, i))) ++cjk;
    ++b.chars;
  }
  b.size = static_cast<double>(b.words) + static_cast<double>(cjk) / 2.0;
  const double n = static_cast<double>(std::max<std::size_t>(b.counted, 1));
  const char32_t mark = line_shape::final_mark(b.text);
  b.end = is_sentence_end(mark);
  b.colon = mark == ':';
  b.inner = inner_boundary(b.text);
  b.glued = glued(b.text);
  b.time = b.size <= 10 && has_time(b.text);
  b.rule = rules.match(b.text) != nullptr;
  const double stop_share = static_cast<double>(b.stop) / n;
  b.good = b.chars > 200 && b.end && (stop == nullptr || stop_share >= 0.32);
  b.number = list_number(b.text);
  b.metadata = b.text.size() <= 1000 ? classify_metadata_line(b.text, language).kind : MetadataLineKind::none;
  b.menu_line = b.metadata == MetadataLineKind::none && menu_line(b.text);
}

double log_size(double size) { return std::log2(1.0 + size); }

/// The features of every block but cohesion, in the order of kWeights (cohesion last).
std::vector<std::array<double, kFeatures>> features(const std::vector<ArticleBlock>& blocks, bool language_known) {
  const std::size_t n = blocks.size();
  std::vector<std::size_t> run(n, 0);  // length of the run of short blocks (4 words or fewer)
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    const bool short_block = blocks[i].size <= 4;
    while (j < n && (blocks[j].size <= 4) == short_block) ++j;
    for (std::size_t k = i; k < j; ++k) run[k] = short_block ? j - i : 0;
    i = j;
  }
  std::vector<double> prefix(n + 1, 0.0);  // prose blocks (a sentence of 10 words or more) before i
  for (std::size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + (blocks[i].end && blocks[i].size >= 10 ? 1.0 : 0.0);
  std::vector<std::array<double, kFeatures>> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const ArticleBlock& b = blocks[i];
    const double counted = static_cast<double>(std::max<std::size_t>(b.counted, 1));
    const double stop = language_known ? static_cast<double>(b.stop) / counted : 0.0;
    const std::size_t lo = i >= 3 ? i - 3 : 0;
    const std::size_t hi = std::min(n, i + 4);
    const double self = b.end && b.size >= 10 ? 1.0 : 0.0;
    const double window = (prefix[hi] - prefix[lo] - self) / static_cast<double>(std::max<std::size_t>(hi - lo - 1, 1));
    out[i] = {1.0,
              log_size(b.size),
              b.end ? 1.0 : 0.0,
              b.inner ? 1.0 : 0.0,
              stop,
              language_known && stop < 0.1 && b.words >= 3 ? 1.0 : 0.0,
              b.capitals,
              b.digits,
              i > 0 ? log_size(blocks[i - 1].size) : 0.0,
              i + 1 < n ? log_size(blocks[i + 1].size) : 0.0,
              std::log2(1.0 + static_cast<double>(run[i])),
              b.rule ? 1.0 : 0.0,
              b.colon ? 1.0 : 0.0,
              b.glued ? 1.0 : 0.0,
              b.time ? 1.0 : 0.0,
              b.site,
              window,
              b.blank_free ? 1.0 : static_cast<double>(b.blanks) / 2.0,
              0.5};
  }
  return out;
}

double probability(const std::array<double, kFeatures>& x) {
  double z = 0;
  for (std::size_t k = 0; k < x.size(); ++k) z += kWeights[k] * x[k];
  return 1.0 / (1.0 + std::exp(-std::clamp(z, -30.0, 30.0)));
}

// --- menus and plain site talk -------------------------------------------------------------

/// True when blocks k and k + 1 are on adjacent lines (no blank line between them).
bool adjacent(const std::vector<ArticleBlock>& blocks, std::size_t k) { return blocks[k + 1].first == blocks[k].last + 1; }

/// True when a block leads in to a list: it ends with a colon and reads as a clause (three
/// words or more, one of them in lowercase): "Common symptoms include:", "Bring these:".
bool lead_in(const ArticleBlock& b) {
  return b.colon && b.words >= 3 && line_shape::final_mark(b.text) == ':' && !line_shape::is_label_like(b.text, 2) &&
         std::any_of(b.text.begin(), b.text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

/// True when a block is a short label: 3 words or fewer, not a sentence.
bool is_label(const ArticleBlock& b) { return b.words <= 3 && !b.end; }

/// Measures the runs of short labels on adjacent lines (ArticleBlock::label_run) and marks those right
/// under a lead-in (ArticleBlock::listed). Linear in the number of blocks.
void measure_label_runs(std::vector<ArticleBlock>& blocks) {
  for (std::size_t i = 0; i < blocks.size();) {
    if (!is_label(blocks[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < blocks.size() && is_label(blocks[j + 1]) && adjacent(blocks, j)) ++j;
    const bool listed = i > 0 && adjacent(blocks, i - 1) && lead_in(blocks[i - 1]);
    for (std::size_t k = i; k <= j; ++k) {
      blocks[k].label_run = j - i + 1;
      blocks[k].listed = listed;
    }
    i = j + 1;
  }
}

/// The text of a line as a table of contents and the heading it links to both show it: case
/// folded, without a leading section number ("2.1 ") or a trailing bracket ("[edit]").
std::string heading_key(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t[i] == '.')) ++i;
  if (i > 0 && i < t.size() && t[i] == ' ') t = t.substr(i + 1);
  if (!t.empty() && t.back() == ']') {
    if (const std::size_t open = t.rfind('['); open != std::string_view::npos) t = t.substr(0, open);
  }
  return text::fold_case(text::collapse_whitespace(t));
}

/// Marks the page's own table of contents (ArticleBlock::contents): a run of three or more short
/// lines (8 words or fewer, not sentences) on adjacent lines, two thirds of which come back
/// later in the page as lines standing alone, not in a run of labels (the headings they link
/// to; a menu repeated in the footer is no table of contents), with the run's labels
/// ("Contents", "On this page", "hide"). Linear in the number of blocks.
void mark_contents(std::vector<ArticleBlock>& blocks) {
  std::unordered_map<std::string, std::size_t> last_seen;
  std::vector<std::string> keys(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].words > 8 || blocks[i].end) continue;
    keys[i] = heading_key(blocks[i].text);
    // A heading stands alone; a line of a menu repeated in the footer does not link anywhere.
    if (blocks[i].label_run <= 1) last_seen[keys[i]] = i;
  }
  for (std::size_t i = 0; i < blocks.size();) {
    if (keys[i].empty()) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < blocks.size() && !keys[j + 1].empty() && adjacent(blocks, j)) ++j;
    std::size_t linked = 0;
    for (std::size_t k = i; k <= j; ++k) linked += last_seen[keys[k]] > j;
    if (linked >= 3 && linked * 3 >= (j - i + 1) * 2) {
      for (std::size_t k = i; k <= j; ++k) blocks[k].contents = true;
    }
    i = j + 1;
  }
}

/// True when blocks[i] is a label in a run of at least `least` labels on adjacent lines: a
/// menu. A table copied with blank lines between its cells is not one, nor is a list right
/// under its lead-in ("Measles often begins with:").
bool in_label_run(const std::vector<ArticleBlock>& blocks, std::size_t i, std::size_t least) {
  return blocks[i].label_run >= least && !blocks[i].listed;
}

/// True when a block is plainly the site: a furniture rule, a comments heading, site talk, a
/// glued link title, a table of contents entry, a menu copied as one line, or a label in a
/// menu of four or more.
bool plainly_site(const std::vector<ArticleBlock>& blocks, std::size_t i) {
  const ArticleBlock& b = blocks[i];
  return b.rule || b.comment_heading || b.glued || b.contents || b.menu_line || (b.site >= 0.5 && b.words <= 8) ||
         in_label_run(blocks, i, 4);
}

// --- segmentation ---------------------------------------------------------------------------

struct Range {
  double score = 0;
  std::size_t first = 1;  // first > last: empty
  std::size_t last = 0;
  bool empty() const { return first > last; }
};

/// The maximum-scoring run of blocks [lo, hi) (Kadane's algorithm).
Range best_run(const std::vector<double>& v, std::size_t lo, std::size_t hi) {
  Range best{-1e300, 1, 0};
  double current = 0;
  std::size_t start = lo;
  for (std::size_t i = lo; i < hi; ++i) {
    if (current <= 0) {
      current = v[i];
      start = i;
    } else {
      current += v[i];
    }
    if (current > best.score) best = Range{current, start, i};
  }
  return best;
}

/// The article's blocks: the best run, ended before a comments section, carried on through a
/// numbered list or a labelled list it ends in.
Range article_run(const std::vector<ArticleBlock>& blocks) {
  const std::size_t n = blocks.size();
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = std::max(blocks[i].size, kMinWeight) * (blocks[i].p - kThreshold);
  Range r = best_run(v, 0, n);
  if (r.empty()) return r;
  // A comments section: the article ends before its heading. When the run lies in the comments
  // (the article above them is short), the article is the best run just above the heading.
  for (std::size_t h = 0; h <= r.last; ++h) {
    if (!blocks[h].comment_heading) continue;
    if (h > r.first) {
      const Range before = best_run(v, r.first, h);
      if (!before.empty() && before.score > 0) r = before;
    } else if (r.first - h <= kTitleReach) {
      const Range before = best_run(v, h >= kTitleReach ? h - kTitleReach : 0, h);
      if (!before.empty() && before.score > 0) r = before;
    }
    break;
  }
  // An ordered list the run holds (or that starts right after it) is carried to its last item.
  int number = -1;
  std::size_t item = 0;
  for (std::size_t i = r.first; i <= r.last; ++i) {
    if (blocks[i].number >= 0) {
      number = blocks[i].number;
      item = i;
    }
  }
  if (number < 0) {
    for (std::size_t i = r.last + 1; i < n && i <= r.last + 2; ++i) {
      if (blocks[i].number == 1) {
        number = 1;
        item = i;
        break;
      }
    }
  }
  if (number >= 0) {
    std::size_t end = std::max(r.last, item);
    for (std::size_t i = std::max(r.last + 1, item + 1); i < n && i <= item + 4; ++i) {
      if (blocks[i].number == number + 1) {
        item = i;
        ++number;
        end = i;
      }
    }
    if (end > r.last) {
      r.last = end;
      if (r.last + 1 < n && line_shape::is_bare_url(blocks[r.last + 1].text)) ++r.last;
    }
  }
  // A run ending in a label ("Qualified teams") carries on through the list under it: three
  // blocks or more of one shape.
  const ArticleBlock& label = blocks[r.last];
  const char32_t mark = line_shape::final_mark(label.text);
  if (r.last + 3 < n && label.words >= 1 && label.words <= 8 && !is_sentence_end(mark) && mark != ',' && mark != ';' &&
      !label.rule && !label.comment_heading) {
    const std::string shape = list_signature(blocks[r.last + 1].text, blocks[r.last + 1].words);
    std::size_t j = r.last + 1;
    while (j + 1 < n && list_signature(blocks[j + 1].text, blocks[j + 1].words) == shape) ++j;
    bool clean = true;  // share rows and comment counts are not the article's list
    for (std::size_t k = r.last + 1; k <= j && clean; ++k) clean = !plainly_site(blocks, k);
    if (j - r.last >= 3 && clean) r.last = j;
  }
  return r;
}

/// The share of each block's content words (3 letters or more, not stop words) that the
/// article's other confident blocks (p >= 0.5) use.
std::vector<double> cohesion(const std::vector<ArticleBlock>& blocks, const Range& r, const WordSet* stop) {
  std::size_t confident = 0;
  for (std::size_t i = r.first; i <= r.last && !r.empty(); ++i) confident += blocks[i].p >= 0.5;
  // Too few confident blocks to tell what the article talks about: cohesion stays unknown.
  if (confident < kMinCore) return std::vector<double>(blocks.size(), 0.5);
  auto content = [&](const ArticleBlock& b, std::size_t k) {
    return b.long_word[k] && (stop == nullptr || stop->count(b.hashes[k]) == 0);
  };
  auto in_core = [&](std::size_t i) { return i >= r.first && i <= r.last && blocks[i].p >= 0.5; };
  // How many confident blocks use each content word (each block counting a word once).
  std::unordered_map<std::uint64_t, int> core;
  std::vector<std::uint64_t> own;
  for (std::size_t i = r.first; i <= r.last; ++i) {
    if (!in_core(i)) continue;
    own.clear();
    for (std::size_t k = 0; k < blocks[i].hashes.size(); ++k)
      if (content(blocks[i], k)) own.push_back(blocks[i].hashes[k]);
    std::sort(own.begin(), own.end());
    own.erase(std::unique(own.begin(), own.end()), own.end());
    for (const std::uint64_t h : own) ++core[h];
  }
  std::vector<double> out(blocks.size(), 0.0);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    // A confident block counts itself once: another block uses the word when the count is 2.
    const int needed = in_core(i) ? 2 : 1;
    std::size_t total = 0, shared = 0;
    for (std::size_t k = 0; k < blocks[i].hashes.size(); ++k) {
      if (!content(blocks[i], k)) continue;
      ++total;
      const auto it = core.find(blocks[i].hashes[k]);
      shared += it != core.end() && it->second >= needed;
    }
    out[i] = total == 0 ? 0.0 : static_cast<double>(shared) / static_cast<double>(total);
  }
  return out;
}

// --- the title ------------------------------------------------------------------------------

/// True when a block can be a title: title-like (1 to 20 words, no final , ; : . …), starting
/// with a capital or digit, not furniture, metadata or site talk, and not a comments heading.
bool title_candidate(const ArticleBlock& b) {
  // A dated line split by separators is a byline the metadata pass may not read yet.
  const bool dated_parts = b.time && (b.text.find(" \xC2\xB7 ") != std::string::npos || b.text.find(" | ") != std::string::npos ||
                                      b.text.find(" \xE2\x80\x94 ") != std::string::npos);
  return line_shape::is_title_like(b.text) && line_shape::starts_with_capital_or_digit(b.text) && !b.rule &&
         b.metadata == MetadataLineKind::none && b.site < 0.3 && !b.comment_heading && !dated_parts &&
         line_shape::final_mark(b.text) != '.';
}

/// True when blocks[i] is in a menu of three labels or more that are not share or print
/// buttons (furniture rules, site talk): the title search does not cross one.
bool in_menu(const std::vector<ArticleBlock>& blocks, std::size_t i) {
  return in_label_run(blocks, i, 3) && !blocks[i].rule && blocks[i].site < 0.5;
}

struct TitlePick {
  std::optional<std::size_t> title;   // block index
  std::optional<std::size_t> byline;  // block index
};

/// The title. When a byline or date line stands near the start of the run (up to kTitleReach
/// blocks above it, or among its first three blocks), the title is the nearest title
/// candidate above that line (over deks, captions and credits, not into a menu). Otherwise
/// it is the run's first block when that is heading-like and text follows, else the nearest
/// candidate above the run. A one-word title only opens the page.
TitlePick pick_title(const std::vector<ArticleBlock>& blocks, const Range& r) {
  TitlePick pick;
  auto acceptable = [&](std::size_t k) { return title_candidate(blocks[k]) && (blocks[k].words >= 2 || k == 0); };
  auto nearest_above = [&](std::size_t from) -> std::optional<std::size_t> {
    const std::size_t lo = from >= kTitleReach ? from - kTitleReach : 0;
    for (std::size_t k = from; k > lo; --k) {
      if (in_menu(blocks, k - 1)) break;
      if (acceptable(k - 1)) return k - 1;
    }
    return std::nullopt;
  };
  // The byline nearest the run's start: among its first three blocks, else above it.
  std::optional<std::size_t> byline;
  for (std::size_t k = r.first; k <= r.last && k < r.first + 3; ++k) {
    if (dated(blocks[k].metadata)) {
      byline = k;
      break;
    }
  }
  const std::size_t lo = r.first >= kTitleReach ? r.first - kTitleReach : 0;
  for (std::size_t k = r.first; !byline && k > lo; --k) {
    if (dated(blocks[k - 1].metadata)) byline = k - 1;
    if (in_menu(blocks, k - 1)) break;
  }
  if (byline) {
    pick.title = nearest_above(*byline);
    // An author's name on its own line between the title and the date ("Maria Delgado"):
    // the longer heading right above it is the title.
    if (pick.title && blocks[*pick.title].words <= 3 && *pick.title > 0 && adjacent(blocks, *pick.title - 1) &&
        acceptable(*pick.title - 1) && blocks[*pick.title - 1].words >= 4) {
      pick.title = *pick.title - 1;
    }
    if (pick.title) pick.byline = byline;
    if (pick.title) return pick;
  }
  if (r.last > r.first && acceptable(r.first) && blocks[r.first].words <= 15 && !blocks[r.first].end) {
    pick.title = r.first;
  } else {
    pick.title = nearest_above(r.first);
  }
  return pick;
}

// --- growing the article ------------------------------------------------------------------

/// The article run grown over the blocks around it that are not plainly the site and are
/// likely text (p >= kGrowth), or paragraphs the text sets apart with blank lines, or in a
/// group of adjacent lines with no plainly-site line that is either small and set apart by
/// blank lines (a list, a table row: at most kSmallGroup lines) or holds a sentence, a lead-in
/// or two questions (a section of the article: heading, paragraph, list). A page's own short
/// paragraphs, lists and tables around the article are not taken for the site; a header,
/// sidebar or link list without a sentence is not taken for the article.
Range grown(const std::vector<ArticleBlock>& blocks, Range r, const std::vector<std::string_view>& lines) {
  const std::size_t n = blocks.size();
  std::vector<std::size_t> group_last(n);    // last block of each block's group
  std::vector<bool> group_ok(n, false);      // joins by the rules above
  std::vector<bool> group_clean(n, false);   // no plainly-site block
  std::vector<bool> group_prose(n, false);   // clean and holds a sentence, a lead-in or two questions
  for (std::size_t k = 0; k < n;) {
    std::size_t j = k;
    while (j + 1 < n && adjacent(blocks, j)) ++j;
    bool clean = true, sentence = false;
    std::size_t questions = 0;
    for (std::size_t t = k; t <= j; ++t) {
      clean = clean && !plainly_site(blocks, t);
      const char32_t mark = line_shape::final_mark(blocks[t].text);
      sentence = sentence || lead_in(blocks[t]) || ((mark == '.' || mark == '!' || mark == 0x2026) && blocks[t].words >= 5);
      questions += mark == '?' && blocks[t].words >= 4;
    }
    sentence = sentence || questions >= 2;  // a list of questions; one ("Did you find this helpful?") is the site's
    const bool set_apart = blocks[k].first > 0 && lines[blocks[k].first - 1].empty() && blocks[j].last + 1 < lines.size() &&
                           lines[blocks[j].last + 1].empty();
    for (std::size_t t = k; t <= j; ++t) {
      group_last[t] = j;
      group_ok[t] = clean && (sentence || (set_apart && j - k + 1 <= kSmallGroup));
      group_clean[t] = clean && j - k + 1 <= kBridgedGroup;
      group_prose[t] = clean && sentence;
    }
    k = j + 1;
  }
  auto joins = [&](std::size_t k) {
    if (blocks[k].contents) return true;  // a table of contents sits inside the article (and is left out)
    if (plainly_site(blocks, k)) return false;
    return blocks[k].p >= kGrowth || blocks[k].blanks == 2 || group_ok[k];
  };
  while (r.first > 0 && joins(r.first - 1)) --r.first;
  while (r.last + 1 < n) {
    const std::size_t k = r.last + 1;
    if (joins(k)) {
      r.last = k;
    } else if (k == 0 || group_last[k - 1] != group_last[k]) {
      // A whole group that starts here and is clean, followed by a section of prose: the
      // article goes on past it ("What to bring" and its items, then more text).
      const std::size_t after = group_last[k] + 1;
      if (!group_clean[k] || after >= n || !group_prose[after]) break;
      r.last = group_last[k];
    } else {
      break;
    }
  }
  return r;
}

SiteKind run_kind(const std::vector<ArticleBlock>& blocks, std::size_t from, std::size_t to, SiteKind where) {
  if (where == SiteKind::comments || where == SiteKind::contents) return where;
  std::size_t labels = 0, titles = 0, talk = 0;
  for (std::size_t i = from; i <= to; ++i) {
    const ArticleBlock& b = blocks[i];
    if (b.rule || b.site >= 0.3 || b.comment_heading) ++talk;
    if (b.words <= 4 && !b.end) {
      ++labels;
    } else if (b.words <= 20 && !b.end) {
      ++titles;
    }
  }
  const std::size_t n = to - from + 1;
  const bool menu = n >= 3 && labels * 5 >= n * 3;
  const bool notices = talk * 2 >= n;
  // Above the article a run of labels is a menu even when some are "Home" or "Sign in"; after
  // it a run the site talks in is its notices even when they are short.
  if (where == SiteKind::after_article && notices) return SiteKind::notices;
  if (menu) return SiteKind::menu;
  if (n >= 3 && titles * 5 >= n * 3) return SiteKind::links;
  if (notices) return SiteKind::notices;
  return where;
}

}  // namespace

std::string_view site_kind_name(SiteKind kind) {
  switch (kind) {
    case SiteKind::above_title: return "site header above the title";
    case SiteKind::below_title: return "lines between the title and the article";
    case SiteKind::menu: return "site menu";
    case SiteKind::links: return "links to other pages";
    case SiteKind::notices: return "site notices (sharing, feedback, sign-in, newsletters, policies)";
    case SiteKind::comments: return "comments";
    case SiteKind::contents: return "table of contents";
    case SiteKind::after_article: return "text after the article";
  }
  return "site";
}

ArticleLines find_article(const std::vector<std::string_view>& lines, const BoilerplateRules& rules,
                          const PageWords& words, std::string_view language) {
  ArticleLines out;
  out.keep.assign(lines.size(), true);
  // Dates and bylines are read in the document's language (English when it names none).
  const std::string_view date_language = language.empty() ? std::string_view("en") : language;
  std::vector<ArticleBlock> blocks = make_blocks(lines, rules, date_language);
  if (blocks.size() < 2) return out;
  for (ArticleBlock& b : blocks) read_words(b, words);
  const WordSet* stop = page_stop_words(blocks, words, language);
  for (ArticleBlock& b : blocks) measure(b, rules, stop, date_language);
  measure_label_runs(blocks);
  mark_contents(blocks);

  // First pass: cohesion unknown. Second pass: with the cohesion of each block with the first
  // pass's article.
  auto features_of = features(blocks, stop != nullptr);
  auto assign = [&] {
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      blocks[i].p = probability(features_of[i]);
      if (blocks[i].good) blocks[i].p = std::max(blocks[i].p, kGoodFloor);
    }
  };
  assign();
  Range r = article_run(blocks);
  if (r.empty() || r.score <= 0) return out;  // no block is likely enough to be an article
  const std::vector<double> coh = cohesion(blocks, r, stop);
  for (std::size_t i = 0; i < blocks.size(); ++i) features_of[i].back() = coh[i];
  assign();
  r = article_run(blocks);
  if (r.empty() || r.score <= 0) return out;
  r = grown(blocks, r, lines);

  const TitlePick pick = pick_title(blocks, r);

  // Is there a site around the article at all? Outside the run, blocks the site plainly says
  // (a furniture rule, a comments heading, a glued link title, a table of contents entry, a
  // menu copied as one line, a short line of two site words or more): three of them, or two
  // and a menu. What the rules
  // alone find (a wiki's tagline and footer) the boilerplate pass removes anyway, and a note's
  // shopping list looks like a menu: neither makes a text a web page. A long text (kLongText
  // blocks) with kLongMenus menu labels outside the run is one, whatever its language.
  std::size_t said = 0, menus = 0, outside = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i >= r.first && i <= r.last) continue;
    ++outside;
    const ArticleBlock& b = blocks[i];
    const double site_words = b.site * static_cast<double>(b.counted);
    said += b.rule || b.comment_heading || b.glued || b.contents || b.menu_line ||
            (b.site >= 0.5 && b.words <= 8 && site_words >= 1.5);
    menus += in_label_run(blocks, i, 4) || b.menu_line;
  }
  const bool site = said >= 3 || (said >= 2 && menus >= 1) || (blocks.size() >= kLongText && menus >= kLongMenus);
  if (!site || (said + menus < 3 && (said + menus) * 10 < outside)) return out;
  out.found_site = true;

  std::vector<bool> kept(blocks.size(), false);
  // The article: the run, from below the title and byline when they are in it (what is above
  // the title in the run, a section name, is the site's; an author's name between the title
  // and the date is the byline's).
  std::size_t article_first = r.first;
  if (pick.title && *pick.title >= r.first) article_first = *pick.title + 1;
  if (pick.byline && *pick.byline >= article_first) article_first = *pick.byline + 1;
  for (std::size_t i = article_first; i <= r.last; ++i) kept[i] = !blocks[i].contents;
  if (pick.title) kept[*pick.title] = true;
  if (pick.byline) kept[*pick.byline] = true;
  // Between the title and the article, its bylines and date lines stay (for the metadata
  // pass), and so do its own opening sentences (a lead paragraph the run missed); captions,
  // credits and share rows do not.
  if (pick.title) {
    for (std::size_t i = *pick.title + 1; i < article_first; ++i) {
      const char32_t mark = line_shape::final_mark(blocks[i].text);
      if (dated(blocks[i].metadata) ||
          (is_sentence_end(mark) && mark != '?' && blocks[i].words >= 8 && !plainly_site(blocks, i) && blocks[i].blanks == 2)) {
        kept[i] = true;
      }
    }
  }
  // The run's last line, when it heads a group of adjacent lines the article leaves out (a
  // footer's "Clinic hours" above the hours, a download link above the site's address): a
  // heading with nothing of its own kept is the site's too.
  if (r.last > article_first && r.last + 1 < blocks.size() && kept[r.last] && !kept[r.last + 1] &&
      adjacent(blocks, r.last) && !blocks[r.last].end && blocks[r.last].words <= 8 && !dated(blocks[r.last].metadata)) {
    kept[r.last] = false;
  }
  // The comments section, when the run ends before one.
  std::size_t comments_from = blocks.size();
  for (std::size_t i = r.last + 1; i < blocks.size(); ++i) {
    if (blocks[i].comment_heading) {
      comments_from = i;
      break;
    }
  }
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    // Copyright and source lines go to the metadata pass wherever they are; so do dated lines
    // ("This page was last edited on …") just after the article, but not comments' dates.
    const MetadataLineKind kind = blocks[i].metadata;
    if (kind == MetadataLineKind::copyright || kind == MetadataLineKind::source) kept[i] = true;
    if (dated(kind) && i > r.last && i < comments_from && i <= r.last + kTitleReach) kept[i] = true;
  }
  if (pick.title) out.title = blocks[*pick.title].first;
  if (pick.byline) out.byline = blocks[*pick.byline].first;

  // The runs left out, each within one part of the page: above the title, between it and the
  // article, in or after the article, in the comments.
  const std::size_t title_block = pick.title ? *pick.title : article_first;
  auto part = [&](std::size_t k) { return k < title_block ? 0 : k < article_first ? 1 : k < comments_from ? 2 : 3; };
  for (std::size_t i = 0; i < blocks.size();) {
    if (kept[i]) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j + 1 < blocks.size() && !kept[j + 1] && part(j + 1) == part(i) && blocks[j + 1].contents == blocks[i].contents) ++j;
    const SiteKind where = blocks[i].contents ? SiteKind::contents
                           : part(i) == 0     ? SiteKind::above_title
                           : part(i) == 1     ? SiteKind::below_title
                           : part(i) == 2     ? SiteKind::after_article
                                              : SiteKind::comments;
    SiteRun run;
    run.first = blocks[i].first;
    run.last = blocks[j].last;
    for (std::size_t line = run.first; line <= run.last; ++line) {
      if (lines[line].empty()) continue;
      out.keep[line] = false;  // with the lines between its blocks that hold no word ("👍 👎")
      ++run.count;
    }
    run.kind = run_kind(blocks, i, j, where);
    out.left_out.push_back(run);
    i = j + 1;
  }
  return out;
}

// --- the word lists -------------------------------------------------------------------------

void PageWords::add_file(std::string_view text, const std::string& tag, const std::string& file) {
  std::unordered_set<std::uint64_t>* into = nullptr;
  int line = 1;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
      line += text[i] == '\n';
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\r' && text[end] != '\n') ++end;
    const std::string_view token = text.substr(i, end - i);
    auto fail = [&](const std::string& what) { return std::runtime_error(file + ":" + std::to_string(line) + ": " + what); };
    if (token.back() == ':') {
      const std::string_view name = token.substr(0, token.size() - 1);
      into = name == "stop" ? &stop_words[tag] : name == "site" ? &site_words : name == "comment" ? &comment_words : nullptr;
      if (into == nullptr) throw fail("unknown list '" + std::string(name) + "' (expected stop:, site:, comment:)");
    } else if (into == nullptr) {
      throw fail("a word before any list (stop:, site:, comment:)");
    } else if (const std::uint64_t h = word_hash(token); h != 0) {
      into->insert(h);
    } else {
      throw fail("'" + std::string(token) + "' is not one word");
    }
    i = end;
  }
}

std::vector<std::filesystem::path> page_word_files() {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(shipped_file("page-words"), ec)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::shared_ptr<const PageWords> load_page_words() {
  const std::vector<std::filesystem::path> files = page_word_files();
  std::string key;  // each file with its modification time: an edited file is read again
  for (const auto& f : files) {
    std::error_code ec;
    key += f.string() + '\n' + std::to_string(std::filesystem::last_write_time(f, ec).time_since_epoch().count()) + '\n';
  }
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const PageWords>> cache;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto words = std::make_shared<PageWords>();
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) throw std::runtime_error(f.string() + ": cannot read the page word list");
    std::ostringstream s;
    s << in.rdbuf();
    words->add_file(s.str(), text::fold_case(f.stem().string()), f.string());
  }
  const std::lock_guard<std::mutex> lock(mutex);
  return cache.emplace(key, std::move(words)).first->second;
}

}  // namespace handout
