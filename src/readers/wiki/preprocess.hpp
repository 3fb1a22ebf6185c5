// The first stages of the wiki reader, before any block or inline markup is read:
//  1. comments are removed; <nowiki>, <pre>, <syntaxhighlight>, <math>, <gallery> are taken out
//     of the text (their content is never read as markup) and replaced by markers; templates are
//     expanded innermost first with the template table; magic words are removed;
//  2. <ref> uses and <references/> lists are taken out and replaced by markers.
// One left-to-right scan each, with an explicit stack for templates: time linear in the input
// (times the template depth limit), no recursion.
#pragma once

#include "model/diagnostics.hpp"
#include "readers/wiki/templates.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace handout::wiki {

/// The wiki reader's diagnostics, capped per kind of message so that pathological input cannot
/// produce millions of them: after `cap` of one kind, the rest are counted and summed up once.
class Report {
 public:
  explicit Report(Diagnostics& diag, std::size_t cap = 20) : diag_(diag), cap_(cap) {}
  /// Records a warning of the given kind (a short key such as "template") under code.
  void warning(Code code, std::string_view kind, int line, std::string message);
  /// Records a note (shown with --verbose) of the given kind under code.
  void note(Code code, std::string_view kind, int line, std::string message);
  /// Adds one diagnostic per kind that went over the cap, with the count left unreported.
  void finish();

 private:
  struct Count {
    std::size_t seen = 0;
    bool warning = false;
    Code code = Code::internal_error;
  };
  bool admit(Code code, std::string_view kind, bool warning);
  Diagnostics& diag_;
  std::size_t cap_;
  std::map<std::string, Count, std::less<>> counts_;
};

/// Text whose lines remember which source line they came from.
struct MappedText {
  std::string text;
  std::vector<int> lines;  ///< lines[k]: 1-based source line where line k of text starts

  /// Returns the source line of line k (the last known line when k is past the end).
  int source_line(std::size_t k) const;
};

/// Content taken out of the text and replaced by a MarkerKind::stripped marker.
struct StrippedContent {
  enum class Kind { nowiki, pre, code, math, gallery };
  Kind kind = Kind::nowiki;
  std::string content;   ///< as written (nowiki and pre: entities still to decode)
  std::string language;  ///< <syntaxhighlight lang=...>
  bool inline_code = false;  ///< <syntaxhighlight inline>
  int line = 0;
};

/// One <ref> in the text (MarkerKind::ref), or one defined inside <references> (not placed).
struct RefUse {
  std::string key;      ///< group + '\x1f' + name; empty for a ref without a name
  std::string name;     ///< as written
  std::string content;  ///< wikitext, templates expanded; empty for <ref name="x"/>
  bool has_content = false;
  bool placed = true;   ///< false for a definition inside <references>...</references>
  int line = 0;
};

/// A page after the first two stages.
struct PreprocessedPage {
  MappedText body;
  std::vector<StrippedContent> stripped;
  std::vector<RefUse> refs;
  PageFacts facts;
};

/// Limits that keep preprocessing bounded whatever the input.
struct PreprocessLimits {
  std::size_t max_template_depth = 40;    ///< deeper templates are left out (MediaWiki's limit too)
  std::size_t max_open_templates = 1000;  ///< further "{{" while this many are open stay text
};

/// Runs both stages over decoded source text. page_name answers {{PAGENAME}}.
/// Never throws for bad markup: what cannot be read stays text, with a warning.
PreprocessedPage preprocess(std::string_view source, std::string page_name, Report& report,
                            PreprocessLimits limits = {});

}  // namespace handout::wiki
