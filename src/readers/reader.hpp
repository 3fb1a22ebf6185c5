// The shape every reader has: decoded source text in, a document tree out.
#pragma once

#include "model/builder.hpp"
#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "readers/front_matter.hpp"
#include "readers/source_text.hpp"

#include <string>
#include <vector>

namespace handout {

/// Options every reader receives (each uses what applies to its format).
struct ReaderOptions {
  TreeLimits limits;          ///< nesting, table and footnote limits enforced by the builder
  FrontMatterLimits front_matter;  ///< YAML node and text budget (alias bombs, huge scalars)
  std::string wiki_base_url;  ///< when set, MediaWiki internal links become links under this URL
  std::vector<std::string> boilerplate_files;  ///< users' furniture patterns (the text reader keeps such lines apart)
  std::string language;       ///< BCP 47 tag (--lang) used instead of front matter `lang` and detection; empty: none
};

/// A reader: returns the tree for one source. Warnings go to diag; a source that cannot be read
/// at all throws SourceError with the location of the cause.
using ReaderFn = Document (*)(const SourceText& source, const ReaderOptions& options, Diagnostics& diag);

/// Reads Markdown (CommonMark + GFM extensions, footnotes) with optional YAML front matter.
Document read_markdown(const SourceText& source, const ReaderOptions& options, Diagnostics& diag);

/// Reads plain text copied from a web page or a wiki, or a note with no markup (optional YAML
/// front matter). Never fails on content: a line whose role is unclear stays a paragraph.
Document read_text(const SourceText& source, const ReaderOptions& options, Diagnostics& diag);

/// Reads MediaWiki markup. Never throws for bad markup: what cannot be read stays text, with a
/// warning; unknown templates are left out with a warning naming them and their line.
Document read_wiki(const SourceText& source, const ReaderOptions& options, Diagnostics& diag);

}  // namespace handout
