// Scoring of the quality corpus (tests/quality/README.md is the contract): gold files, text
// normalisation, the matching rules, and the scores of one document's tree and summary sheet.
#pragma once

#include "model/document.hpp"
#include "transforms/summary_content.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace handout::quality {

// ---------------------------------------------------------------------------------------------
// Text

/// Returns s in NFC, case folded, curly quotes and dashes made plain, whitespace collapsed, and
/// a final run of . : ; ! ? (and spaces) dropped.
std::string normalize(std::string_view s);

/// Returns the word tokens of normalize(s): runs of letters, digits, ° and %, joined across an
/// inner apostrophe or hyphen, and across an inner . or , between digits ("38.3", "2,000").
std::vector<std::string> tokens(std::string_view s);

/// Returns the share (0..1) of a's tokens that occur in b, counted with multiplicity; 0 when a is empty.
double token_share(const std::vector<std::string>& a, const std::vector<std::string>& b);

/// Returns true when needle's tokens appear as a contiguous run in hay (an empty needle never does).
bool contains_run(const std::vector<std::string>& hay, const std::vector<std::string>& needle);

/// Returns heading without a leading numbering ("3.", "3)", "3.1", "3.1.2."); "2 to 4 weeks" is kept.
std::string_view strip_numbering(std::string_view heading);

// ---------------------------------------------------------------------------------------------
// Matching rules

/// True when two headings are the same once numbering is dropped (equal tokens).
bool same_heading(std::string_view a, std::string_view b);

/// True when a sheet item (key point, question) matches a gold text: it does not end in ":" (a
/// lead-in), it has at least three tokens or equals the gold text, and 80 % of its tokens occur in it.
bool item_matches(std::string_view sheet_item, std::string_view gold);

/// True when 80 % of a gold safety item's tokens occur in one sheet item.
bool safety_found(std::string_view gold_item, std::string_view sheet_item);

/// True when 70 % of the sheet's main message tokens occur in the alternative and it covers half of it.
bool main_message_matches(std::string_view sheet, std::string_view alternative);

/// True when a sheet glossary entry matches a gold entry: the term equals one of the gold forms
/// ("A|B"; a leading a/an/the/your dropped, a final "s" ignored) and 60 % of the gold
/// definition's first tokens (up to eight) occur in the sheet's definition.
bool glossary_matches(std::string_view sheet_term, std::string_view sheet_definition, std::string_view gold_forms,
                      std::string_view gold_definition);

/// True when a furniture line is still in the body: it equals a block, or (four tokens or more)
/// its tokens run inside one block that does not hold a longer line of furniture holding it
/// (the footer "Printed from Site Name" does not leave the header "Site Name" behind).
bool furniture_left(std::string_view line, const std::vector<std::string>& blocks,
                    const std::vector<std::string>& furniture = {});

/// True when a content text is kept: four tokens or more run inside the body's token stream;
/// a shorter text equals a block or a whole sentence of one (cut at . ! ? and a space).
bool content_kept(std::string_view text, const std::vector<std::string>& blocks);

/// True when a call-out's text (a leading "Note:"…"Caution:" label dropped) starts with the gold text.
bool callout_starts_with(std::string_view callout_text, std::string_view gold_text);

// ---------------------------------------------------------------------------------------------
// Gold files

/// A call-out the gold requires.
struct GoldCallout {
  std::string kind;  ///< note, tip, important, warning or caution
  std::string text;  ///< how its body starts
};

/// A glossary entry the gold accepts.
struct GoldTerm {
  std::string forms;       ///< accepted forms of the term, separated by "|"
  std::string definition;  ///< how the definition starts
};

/// What a careful reader takes from one source (see README.md). Absent keys are nullopt.
struct Gold {
  std::string name;
  std::string title;
  std::optional<std::pair<std::string, std::string>> date;  ///< published, updated ("" when none)
  std::optional<std::vector<std::string>> headings;
  std::vector<std::string> optional_headings;
  std::optional<std::vector<GoldCallout>> callouts;
  std::optional<std::vector<std::string>> furniture;
  std::optional<std::vector<std::string>> content;
  std::optional<std::vector<std::string>> main_message;
  std::optional<std::vector<std::string>> key_points;
  std::optional<std::vector<std::string>> questions;
  std::optional<std::vector<GoldTerm>> glossary;
  std::optional<std::vector<std::string>> safety;
};

/// Reads a gold file. Throws std::runtime_error naming the file and the problem (YAML errors,
/// unknown keys, wrong shapes, a missing title).
Gold load_gold(const std::filesystem::path& path);

// ---------------------------------------------------------------------------------------------
// Scores

/// A count of hits out of a total; value() is hit / total (0 when total is 0).
struct Ratio {
  std::size_t hit = 0;
  std::size_t total = 0;
  double value() const { return total == 0 ? 0.0 : static_cast<double>(hit) / static_cast<double>(total); }
  Ratio& operator+=(const Ratio& o) {
    hit += o.hit;
    total += o.total;
    return *this;
  }
};

/// What the scorer reads from a finished tree.
struct TreeView {
  std::string title;
  std::string published;
  std::string updated;
  std::vector<std::string> headings;  ///< section titles and bridgeheads, in document order
  std::vector<std::pair<std::string, std::string>> callouts;  ///< element name, text without its title
  std::vector<std::string> blocks;    ///< texts of the body's blocks (README: "Body blocks")
};

/// Reads the tree view of doc. source_text is the source file's text: a questions section whose
/// title it does not hold was made by the summary pass and is not a heading of the article.
TreeView read_tree(const Document& doc, std::string_view source_text);

/// How the tree of one source scored; every miss is a line of text for -v.
struct TreeScore {
  std::optional<bool> title_ok;
  std::optional<bool> date_ok;
  Ratio headings;               ///< gold headings found / gold headings
  std::size_t false_headings = 0;
  Ratio callouts;               ///< gold call-outs found / gold call-outs
  Ratio furniture_left;         ///< furniture lines left / furniture lines
  Ratio content_lost;           ///< content texts lost / content texts
  std::vector<std::string> misses;
};

/// Scores a tree view against the gold.
TreeScore score_tree(const TreeView& tree, const Gold& gold);

/// How the summary sheet of one source scored.
struct SheetScore {
  Ratio key_points;   ///< shown key points that match a gold key point or safety item / shown (one miss for none where the gold has some)
  Ratio questions;    ///< shown source questions that match / shown (likewise)
  Ratio glossary;     ///< shown terms that match / shown (likewise)
  Ratio safety;       ///< gold safety items found / gold safety items
  std::optional<bool> main_message;
  bool generated_questions_against_gold = false;  ///< generated questions shown where the gold lists some
  std::vector<std::string> misses;
};

/// Scores what a sheet showed (SummarySheet::shown) against the gold.
SheetScore score_sheet(const SummaryContent& shown, const Gold& gold);

}  // namespace handout::quality
