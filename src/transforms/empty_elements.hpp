// Cleanup of empty elements: what readers or earlier passes left with nothing in it.
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "transforms/pipeline.hpp"

namespace handout {

/// Removes from the body, innermost first: paragraphs, bridgeheads and inline wrappers (emphasis,
/// phrase, subscript, superscript) holding no text and no image or note; then list items
/// without a role, block quotes and call-outs left with no child element; then sections with
/// neither a title text nor content. Paragraphs with a role (a thematic break), links, table
/// cells and anything under <info> are kept. Content-model repair (which runs later) puts back
/// what DocBook requires. Running it twice changes nothing more.
void remove_empty_elements(Document& doc, const TransformOptions& options, Diagnostics& diag);

}  // namespace handout
