// The rules of the i18n corpus checks (tests/i18n/README.md): words, visual order, language
// tags, gold files, English labels, DocBook text. Used by i18n_check and tested by
// test_rules.cpp.

#include "rules.hpp"

#include <utf8proc.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace handout::i18n {

// ---------------------------------------------------------------------------------------------
// Words: NFC, format characters dropped, runs of letters, marks and digits; Han and kana one
// character each. See README.md, "Words".

std::string nfc(const std::string& s) {
  utf8proc_uint8_t* out = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
  if (!out) return s;
  std::string r(reinterpret_cast<char*>(out));
  std::free(out);
  return r;
}

static std::string casefold(const std::string& s) {
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()), 0, &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_NULLTERM | UTF8PROC_STABLE |
                                                             UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (n < 0 || !out) return s;
  std::string r(reinterpret_cast<char*>(out));
  std::free(out);
  return r;
}

std::vector<utf8proc_int32_t> code_points(const std::string& s) {
  std::vector<utf8proc_int32_t> cps;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // invalid byte: counts as U+FFFD, one byte consumed
      cp = 0xFFFD;
      n = 1;
    }
    cps.push_back(cp);
    p += n;
    left -= n;
  }
  return cps;
}

void append_utf8(std::string& out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buf[4];
  const auto n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<char*>(buf), static_cast<std::size_t>(n));
}

/// Han ideographs and kana: written without spaces, so every character is a word.
static bool is_han_or_kana(utf8proc_int32_t c) {
  return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3021 && c <= 0x3029) || (c >= 0x3040 && c <= 0x30FF) ||
         (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0x20000 && c <= 0x3FFFF);
}

static bool is_word_char(utf8proc_int32_t c) {
  const auto cat = utf8proc_category(c);
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;  // L*, M*, N*
}

static bool is_hyphen(utf8proc_int32_t c) { return c == '-' || c == 0x2010 || c == 0x00AD; }
static bool is_line_end(utf8proc_int32_t c) { return c == '\n' || c == '\r' || c == '\f'; }

/// Splits text into words (see README.md). fold: case-folded, for comparing text; else as
/// written, for the case-sensitive label match.
Words words_of(const std::string& text, bool fold) {
  const std::vector<utf8proc_int32_t> cps = code_points(nfc(text));
  Words out;
  std::string cur;
  auto flush = [&] {
    if (cur.empty()) return;
    out.push_back({fold ? casefold(cur) : cur, false});
    cur.clear();
  };
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const utf8proc_int32_t c = cps[i];
    if (is_hyphen(c) && i + 1 < cps.size() && !cur.empty()) {
      if (is_line_end(cps[i + 1])) {
        flush();
        out.back().joins_next = true;
        continue;
      }
      if (is_word_char(cps[i + 1]) && !is_han_or_kana(cps[i + 1])) {
        flush();
        out.back().hyphenated = true;
        continue;
      }
    }
    // Format characters (ZWJ, ZWNJ, bidi marks, soft hyphen) and the Arabic tatweel are no
    // part of a word's spelling.
    if (utf8proc_category(c) == UTF8PROC_CATEGORY_CF || c == 0x0640) continue;
    if (is_han_or_kana(c) && is_word_char(c)) {
      flush();
      std::string one;
      append_utf8(one, c);
      out.push_back({one, false});
    } else if (is_word_char(c)) {
      append_utf8(cur, c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

/// True when a found word that ends its line with a hyphen, joined with the next, is want.
static bool joined_found(const Words& found, std::size_t k, const std::string& want) {
  return k + 1 < found.size() && found[k].joins_next && found[k].text + found[k + 1].text == want;
}

/// True when two hyphenated expected words, joined, are the found word (pdftotext removes a
/// hyphen that ends a line).
static bool joined_expected(const Words& expected, std::size_t i, const std::string& got) {
  return i + 1 < expected.size() && expected[i].hyphenated && expected[i].text + expected[i + 1].text == got;
}

/// Length of the longest common subsequence of expected in found, where a found word that
/// ends its line with a hyphen may also match joined with the next one, and two hyphenated
/// expected words may match one found word (both counted).
std::size_t words_in_order(const Words& expected, const Words& found) {
  const std::size_t m = found.size();
  std::vector<std::size_t> before(m + 1, 0), prev(m + 1, 0), cur(m + 1, 0);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Word& d = expected[i];
    cur[0] = 0;
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t best = std::max(prev[j], cur[j - 1]);
      if (found[j - 1].text == d.text) best = std::max(best, prev[j - 1] + 1);
      if (j >= 2 && joined_found(found, j - 2, d.text)) best = std::max(best, prev[j - 2] + 1);
      if (i >= 1 && joined_expected(expected, i - 1, found[j - 1].text)) best = std::max(best, before[j - 1] + 2);
      cur[j] = best;
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

/// The first expected word a greedy in-order scan of found cannot place, with context; empty
/// when all are placed.
std::string first_missing(const Words& expected, const Words& found) {
  std::size_t j = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    std::size_t k = j;
    bool placed = false;
    for (; k < found.size(); ++k) {
      if (found[k].text == expected[i].text) {
        placed = true;
        j = k + 1;
        break;
      }
      if (joined_found(found, k, expected[i].text)) {
        placed = true;
        j = k + 2;
        break;
      }
      if (joined_expected(expected, i, found[k].text)) {
        placed = true;
        j = k + 1;
        ++i;
        break;
      }
    }
    if (placed) continue;
    auto span = [](const Words& w, std::size_t from, std::size_t to) {
      std::string s;
      for (std::size_t x = from; x < std::min(to, w.size()); ++x) s += (s.empty() ? "" : " ") + w[x].text;
      return s;
    };
    return "first missing: \xC2\xAB" + expected[i].text + "\xC2\xBB in \xC2\xAB" +
           span(expected, i >= 4 ? i - 4 : 0, i + 5) + "\xC2\xBB; after the last placed word the output reads \xC2\xAB" +
           span(found, j, j + 9) + "\xC2\xBB";
  }
  return {};
}

static bool is_number_word(const std::string& w) {
  const auto cps = code_points(w);
  return !cps.empty() && std::all_of(cps.begin(), cps.end(), [](utf8proc_int32_t c) {
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
  });
}

/// Counts the places where needle's words occur in a row in hay (wildcard: "#" in needle is any number).
std::size_t count_runs(const Words& hay, const Words& needle, bool wildcard) {
  if (needle.empty() || needle.size() > hay.size()) return 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    bool all = true;
    for (std::size_t k = 0; k < needle.size() && all; ++k) {
      const std::string& want = needle[k].text;
      all = (wildcard && want == "#") ? is_number_word(hay[i + k].text) : hay[i + k].text == want;
    }
    if (all) ++n;
  }
  return n;
}

bool contains_run(const Words& hay, const std::string& phrase) { return count_runs(hay, words_of(phrase)) > 0; }

/// Words of a label pattern, "{n}" (any number) kept as the placeholder word "#".
static Words label_words(const std::string& pattern) {
  Words out;
  std::istringstream in(pattern);
  std::string part;
  while (in >> part) {
    if (part == "{n}") out.push_back({"#", false});  // "#" is never a word of words_of
    else
      for (Word& w : words_of(part, false)) out.push_back(std::move(w));
  }
  return out;
}

std::string collapse_spaces(const std::string& s) {
  std::string out;
  bool space = false;
  for (utf8proc_int32_t c : code_points(nfc(s))) {
    if (utf8proc_category(c) == UTF8PROC_CATEGORY_CF) continue;
    const auto cat = utf8proc_category(c);
    if (c == '\t' || c == '\n' || c == '\r' || cat == UTF8PROC_CATEGORY_ZS) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    append_utf8(out, c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Visual order: the words of a PDF placed by their positions (pdftotext -bbox-layout), read in
// the paragraph's direction. pdftotext's plain text cannot show whether RTL words stand in the
// right visual order (README.md, "Right-to-left text"); the glyph positions can.

/// An element's name without its namespace prefix.
std::string local_name(const pugi::xml_node& n) {
  std::string name = n.name();
  const auto colon = name.find(':');
  return colon == std::string::npos ? name : name.substr(colon + 1);
}

/// True for the letters of right-to-left scripts (bidi class R or AL).
static bool is_rtl_letter(utf8proc_int32_t c) {
  const auto bidi = utf8proc_get_property(c)->bidi_class;
  return bidi == UTF8PROC_BIDI_CLASS_R || bidi == UTF8PROC_BIDI_CLASS_AL;
}

/// A word's code points sorted: the same key whatever order a tool extracts a word's letters in.
static std::string letters_key(const std::string& word) {
  std::vector<utf8proc_int32_t> cps = code_points(word);
  std::sort(cps.begin(), cps.end());
  std::string out;
  for (auto c : cps) append_utf8(out, c);
  return out;
}

/// True when w has a letter of a right-to-left script.
static bool has_rtl_letter(const std::string& w) {
  const auto cps = code_points(w);
  return std::any_of(cps.begin(), cps.end(), is_rtl_letter);
}

/// The words of a -bbox-layout file line by line, each line's words ordered by position: left
/// to right, or for rtl right to left with runs of words without RTL letters (Latin names,
/// numbers) kept left to right, as the Unicode bidi algorithm lays them out. Each word is
/// reduced to letters_key. nullopt when the file cannot be read.
std::optional<Words> visual_words(const fs::path& bbox, bool rtl) {
  pugi::xml_document doc;
  if (!doc.load_file(bbox.c_str())) return std::nullopt;
  Words out;
  for (const auto& l : doc.select_nodes("//*[local-name()='line']")) {
    std::vector<std::pair<double, std::string>> placed;
    for (pugi::xml_node w : l.node().children())
      if (local_name(w) == "word") placed.push_back({w.attribute("xMin").as_double(), w.text().get()});
    std::stable_sort(placed.begin(), placed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> line;
    for (auto& [x, text] : placed) line.push_back(std::move(text));
    if (rtl) {
      std::reverse(line.begin(), line.end());
      for (std::size_t i = 0; i < line.size();) {
        std::size_t j = i;
        while (j < line.size() && !has_rtl_letter(line[j])) ++j;
        std::reverse(line.begin() + static_cast<std::ptrdiff_t>(i), line.begin() + static_cast<std::ptrdiff_t>(j));
        i = j + 1;
      }
    }
    for (const std::string& w : line) {
      // A word box is in visual order: the pieces of a right-to-left one ("رده:فشار") read
      // right to left.
      Words pieces = words_of(w);
      if (rtl && has_rtl_letter(w)) std::reverse(pieces.begin(), pieces.end());
      for (Word& t : pieces) out.push_back({letters_key(t.text), false, false});
    }
  }
  return out;
}

Words keyed(const Words& words) {
  Words out;
  for (const Word& w : words) out.push_back({letters_key(w.text), false, false});
  return out;
}

// ---------------------------------------------------------------------------------------------
// Language tags (BCP 47): primary language, script and region, compared as README.md says.


Tag parse_tag(const std::string& tag) {
  Tag t;
  std::string part;
  std::istringstream in(tag);
  bool first = true;
  while (std::getline(in, part, '-')) {
    std::string lower;
    for (char c : part) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (first) {
      t.language = lower;
      first = false;
    } else if (lower.size() == 4 && std::all_of(lower.begin(), lower.end(), ::isalpha) && t.script.empty() && t.region.empty()) {
      t.script = lower;
    } else if (((lower.size() == 2 && std::all_of(lower.begin(), lower.end(), ::isalpha)) ||
                (lower.size() == 3 && std::all_of(lower.begin(), lower.end(), ::isdigit))) && t.region.empty()) {
      t.region = lower;
    }
  }
  return t;
}

/// The script a Chinese tag implies by its region when it names none.
static std::string implied_script(const Tag& t) {
  if (!t.script.empty()) return t.script;
  if (t.language != "zh") return {};
  if (t.region == "cn" || t.region == "sg" || t.region == "my") return "hans";
  if (t.region == "tw" || t.region == "hk" || t.region == "mo") return "hant";
  return {};
}

bool tag_matches(const std::string& got, const std::string& want) {
  if (got.empty()) return false;
  const Tag g = parse_tag(got), w = parse_tag(want);
  if (g.language != w.language) return false;
  if (!w.script.empty() && implied_script(g) != w.script) return false;
  if (!w.region.empty() && g.region != w.region) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// The corpus: sources and their gold files.

static constexpr const char* kSourceExtensions[] = {".md", ".txt", ".wiki"};


bool language_ok(const std::string& got, const Gold& g) {
  if (tag_matches(got, g.language)) return true;
  return std::any_of(g.language_also.begin(), g.language_also.end(), [&](const std::string& t) { return tag_matches(got, t); });
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

static std::vector<std::string> strings_of(const YAML::Node& n) {
  std::vector<std::string> out;
  if (n && n.IsSequence())
    for (const auto& x : n) out.push_back(x.as<std::string>());
  return out;
}

Gold load_gold(const std::string& name, const fs::path& source, const fs::path& gold_path) {
  Gold g;
  g.name = name;
  g.source = source;
  g.gold = gold_path;
  if (!fs::exists(gold_path)) {
    g.problems.push_back("no gold file " + gold_path.filename().string());
    return g;
  }
  try {
    const YAML::Node y = YAML::LoadFile(gold_path.string());
    auto text = [&](const char* key, std::string& field, bool required) {
      if (y[key] && y[key].IsScalar()) field = y[key].as<std::string>();
      else if (required) g.problems.push_back(std::string("no '") + key + "'");
    };
    text("language", g.language, true);
    text("direction", g.direction, true);
    text("title", g.title, true);
    text("date", g.date, true);
    text("date_role", g.date_role, false);
    g.language_also = strings_of(y["language_also"]);
    g.date_printed = strings_of(y["date_printed"]);
    g.must_contain = strings_of(y["must_contain"]);
    g.furniture = strings_of(y["furniture"]);
    if (y["english_labels_forbidden"]) g.english_labels_forbidden = y["english_labels_forbidden"].as<bool>();
    else g.problems.push_back("no 'english_labels_forbidden'");
  } catch (const std::exception& e) {
    g.problems.push_back(e.what());
  }
  return g;
}

/// Every source of the corpus folder (NAME.md|txt|wiki) with its NAME.gold.yaml, sorted by name;
/// names: only these (empty: all).
std::vector<Gold> load_corpus(const fs::path& dir, const std::vector<std::string>& names, std::vector<std::string>& errors) {
  std::vector<Gold> out;
  std::set<std::string> seen;
  std::vector<fs::path> entries;
  for (const auto& e : fs::directory_iterator(dir)) entries.push_back(e.path());
  std::sort(entries.begin(), entries.end());
  for (const fs::path& p : entries) {
    const std::string file = p.filename().string();
    if (file.ends_with(".gold.yaml")) {
      const std::string stem = file.substr(0, file.size() - 10);
      bool has_source = false;
      for (const char* ext : kSourceExtensions) has_source |= fs::exists(dir / (stem + ext));
      if (!has_source) errors.push_back(file + ": no source NAME.md, NAME.txt or NAME.wiki beside it");
      continue;
    }
    const std::string ext = p.extension().string();
    if (std::find(std::begin(kSourceExtensions), std::end(kSourceExtensions), ext) == std::end(kSourceExtensions)) continue;
    const std::string name = p.stem().string();
    if (!seen.insert(name).second) {
      errors.push_back(name + ": two sources with the same name");
      continue;
    }
    if (!names.empty() && std::find(names.begin(), names.end(), name) == names.end()) continue;
    out.push_back(load_gold(name, p, dir / (name + ".gold.yaml")));
  }
  return out;
}


std::vector<Label> load_labels(const fs::path& file) {
  std::vector<Label> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    Label l;
    const auto tab = line.find('\t');
    l.text = line.substr(0, tab);
    if (tab != std::string::npos) {
      std::istringstream langs(line.substr(tab + 1));
      std::string lang;
      while (std::getline(langs, lang, ',')) l.also_right_in.insert(lang);
    }
    l.words = label_words(l.text);
    if (!l.words.empty()) out.push_back(std::move(l));
  }
  return out;
}

/// The labels an output shows more often than the source text does, with the counts. A label
/// that is part of a longer one found as often ("{n} of {n}" in "Page {n} of {n}") is not listed.
std::vector<std::string> english_labels_in(const std::string& output_text, const std::string& source_text,
                                           const std::vector<Label>& labels, const std::string& language) {
  const Words out = words_of(output_text, false), src = words_of(source_text, false);
  const std::string primary = parse_tag(language).language;
  std::vector<std::pair<const Label*, std::size_t>> extra;
  for (const Label& l : labels) {
    if (l.also_right_in.count(primary)) continue;
    const std::size_t in_out = count_runs(out, l.words, true), in_src = count_runs(src, l.words, true);
    if (in_out > in_src) extra.push_back({&l, in_out - in_src});
  }
  std::vector<std::string> found;
  for (const auto& entry : extra) {
    const Label* l = entry.first;
    const std::size_t n = entry.second;
    const bool part_of_longer = std::any_of(extra.begin(), extra.end(), [&](const auto& other) {
      return other.first != l && other.second >= n && count_runs(other.first->words, l->words) > 0;
    });
    if (!part_of_longer) found.push_back("\"" + l->text + "\" \xC3\x97" + std::to_string(n));
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// DocBook: the body's text (what every page must carry) and the whole text.

static const std::set<std::string> kInline = {
    "emphasis", "link", "code", "literal", "phrase", "subscript", "superscript", "quote", "abbrev", "acronym",
    "glossterm", "firstterm", "foreignphrase", "citetitle", "trademark", "email", "uri", "command", "filename",
    "option", "replaceable", "userinput", "systemitem", "wordasword", "personname", "orgname", "xref", "anchor",
    "application", "productname", "keycap", "guilabel", "markup", "tag", "varname", "function", "parameter"};
// Not printed in the flow of the page: footnotes go to the foot or the end, alternatives to images.
static const std::set<std::string> kSkip = {"footnote", "indexterm", "remark", "textobject", "alt", "annotation"};

void body_text(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      out += c.value();
      continue;
    }
    if (c.type() != pugi::node_element) continue;
    const std::string name = local_name(c);
    if (kSkip.count(name)) continue;
    if (name == "info") {  // of the metadata, only the title and subtitle are body text
      for (pugi::xml_node t : c.children()) {
        const std::string tn = local_name(t);
        if (tn == "title" || tn == "subtitle") {
          out += ' ';
          body_text(t, out);
          out += ' ';
        }
      }
      continue;
    }
    const bool block = !kInline.count(name);
    if (block) out += ' ';
    body_text(c, out);
    if (block) out += ' ';
  }
}

void all_text(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    else if (c.type() == pugi::node_element) {
      const bool block = !kInline.count(local_name(c));
      if (block) out += ' ';
      all_text(c, out);
      if (block) out += ' ';
    }
  }
}

pugi::xml_node child_named(const pugi::xml_node& n, const char* name) {
  for (pugi::xml_node c : n.children())
    if (local_name(c) == name) return c;
  return {};
}

}  // namespace handout::i18n
