// The rules by which the i18n corpus checks judge an output (tests/i18n/README.md).
#pragma once

#include <pugixml.hpp>
#include <utf8proc.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace handout::i18n {

/// One word of a text. joins_next: the word ends a line with a hyphen (a possible
/// hyphenation). hyphenated: a hyphen joins it to the next word ("one-two"), which pdftotext
/// prints as one word when the line breaks after that hyphen.
struct Word {
  std::string text;
  bool joins_next = false;
  bool hyphenated = false;
};
using Words = std::vector<Word>;

/// Returns s in Unicode NFC.
std::string nfc(const std::string& s);
/// Returns the code points of UTF-8 text (an invalid byte counts as U+FFFD).
std::vector<utf8proc_int32_t> code_points(const std::string& s);
/// Appends one code point to UTF-8 text.
void append_utf8(std::string& out, utf8proc_int32_t cp);

/// Splits text into words: NFC, format characters (ZWJ, ZWNJ, bidi marks, soft hyphen) and the
/// tatweel dropped, runs of letters, marks and digits, each Han or kana character a word of its
/// own. fold: case-folded (for comparing text); else as written (for labels).
Words words_of(const std::string& text, bool fold = true);
/// Length of the longest common subsequence of expected in found, allowing for hyphenation
/// (a found word ending its line with a hyphen joined with the next; two hyphenated expected
/// words printed as one).
std::size_t words_in_order(const Words& expected, const Words& found);
/// The first expected word an in-order scan of found cannot place, with context; empty when
/// every word is placed.
std::string first_missing(const Words& expected, const Words& found);
/// Counts the places where needle's words stand in a row in hay; wildcard: a needle word "#"
/// matches any number.
std::size_t count_runs(const Words& hay, const Words& needle, bool wildcard = false);
/// True when phrase's words stand in a row in hay.
bool contains_run(const Words& hay, const std::string& phrase);
/// Returns s in NFC with format characters dropped and white space collapsed to one space.
std::string collapse_spaces(const std::string& s);

/// The words of a pdftotext -bbox-layout file in reading order rebuilt from their positions:
/// each line's words left to right, or for rtl right to left with runs of words without RTL
/// letters (Latin names, numbers) kept left to right, as the Unicode bidi algorithm lays them
/// out; every word keyed by its sorted code points. nullopt when the file cannot be read.
std::optional<Words> visual_words(const std::filesystem::path& bbox, bool rtl);
/// The words keyed as visual_words keys them (sorted code points).
Words keyed(const Words& words);

/// A BCP 47 tag's primary language, script and region, lower case.
struct Tag {
  std::string language, script, region;
};
/// Parses a BCP 47 tag (extensions and variants are ignored).
Tag parse_tag(const std::string& tag);
/// True when the tag got is right for want: the same primary language; want's script, if it
/// names one, named or implied by got's region (zh-CN: Hans, zh-TW: Hant); want's region, if
/// it names one, the same.
bool tag_matches(const std::string& got, const std::string& want);

/// One source of the corpus and its gold file (README.md, "Gold").
struct Gold {
  std::string name;
  std::filesystem::path source, gold;
  std::string language;
  std::vector<std::string> language_also;
  std::string direction = "ltr";
  std::string title;
  std::string date, date_role;
  std::vector<std::string> date_printed;
  bool english_labels_forbidden = false;
  std::vector<std::string> must_contain, furniture;
  std::vector<std::string> problems;  ///< what is wrong with the gold file itself
};
/// True when got is right for the gold's language or one of its language_also tags.
bool language_ok(const std::string& got, const Gold& g);
/// Returns a file's bytes (empty when it cannot be read).
std::string read_text(const std::filesystem::path& p);
/// Reads a gold file; problems lists what is missing or wrong.
Gold load_gold(const std::string& name, const std::filesystem::path& source, const std::filesystem::path& gold_path);
/// Every source of the corpus folder (NAME.md|txt|wiki) with its NAME.gold.yaml, sorted by
/// name; names: only these (empty: all). errors: a gold without a source, two sources of a name.
std::vector<Gold> load_corpus(const std::filesystem::path& dir, const std::vector<std::string>& names,
                              std::vector<std::string>& errors);

/// One line of english_labels.txt: its words and the languages where the same spelling is right.
struct Label {
  std::string text;
  Words words;
  std::set<std::string> also_right_in;
};
/// Reads english_labels.txt.
std::vector<Label> load_labels(const std::filesystem::path& file);
/// The labels an output shows more often than the source text does ("Key points" ×1), for a
/// document in language; a label inside a longer one found as often is not listed.
std::vector<std::string> english_labels_in(const std::string& output_text, const std::string& source_text,
                                           const std::vector<Label>& labels, const std::string& language);

/// An element's name without its namespace prefix.
std::string local_name(const pugi::xml_node& n);
/// Appends the text a page must carry of a DocBook node: every element's text but footnotes,
/// index terms, remarks and text alternatives; of an info, only title and subtitle. Block
/// elements are separated by a space.
void body_text(const pugi::xml_node& node, std::string& out);
/// Appends all the text of a node, block elements separated by a space.
void all_text(const pugi::xml_node& node, std::string& out);
/// The first child element of n with this local name.
pugi::xml_node child_named(const pugi::xml_node& n, const char* name);

}  // namespace handout::i18n
