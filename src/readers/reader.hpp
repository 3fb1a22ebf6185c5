// The shape every reader has: decoded source text in, a document tree out.
#pragma once

#include "model/builder.hpp"
#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "readers/source_text.hpp"

#include <string>

namespace handout {

/// Options every reader receives (each uses what applies to its format).
struct ReaderOptions {
  TreeLimits limits;          ///< nesting limits enforced by the builder
  std::string wiki_base_url;  ///< when set, MediaWiki internal links become links under this URL
};

/// A reader: returns the tree for one source. Warnings go to diag; a source that cannot be read
/// at all throws SourceError with the location of the cause.
using ReaderFn = Document (*)(const SourceText& source, const ReaderOptions& options, Diagnostics& diag);

/// Reads Markdown (CommonMark + GFM extensions, footnotes) with optional YAML front matter.
Document read_markdown(const SourceText& source, const ReaderOptions& options, Diagnostics& diag);

/// Reads MediaWiki markup. Never throws for bad markup: what cannot be read stays text, with a
/// warning; unknown templates are left out with a warning naming them and their line.
Document read_wiki(const SourceText& source, const ReaderOptions& options, Diagnostics& diag);

}  // namespace handout
