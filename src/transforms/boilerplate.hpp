// Boilerplate removal: site furniture out of the body, by the rules of styles/boilerplate.yaml
// and the users' files named in TransformOptions::boilerplate_files.
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "transforms/pipeline.hpp"

namespace handout {

/// Removes from the body every paragraph, single-paragraph list item, bridgehead and section
/// heading whose whole text is furniture (an "anywhere" rule, or an "at-ends" rule inside the
/// run of furniture that opens or closes the document), and in-text patterns ("[edit]") from
/// paragraphs and headings. A section whose heading is furniture is dissolved: its blocks join
/// whatever precedes it and its subsections take its place, so no content goes with the heading.
/// Each removal is recorded as a note (when options.verbose) naming the text and the rule's
/// file and line. Throws std::runtime_error when a boilerplate file cannot be read.
void remove_boilerplate(Document& doc, const TransformOptions& options, Diagnostics& diag);

}  // namespace handout
