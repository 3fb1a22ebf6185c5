// Summary sheet writer: one printed page of what matters, as PDF.
#pragma once

#include "writers/writer.hpp"

namespace handout {

/// Writes the one-page summary sheet of the document in the style named by options.style. What
/// had to be left out to fit the page is reported as notes (shown with --verbose).
Output write_summary(const Document& doc, const WriterOptions& options, Diagnostics& diag);

}  // namespace handout
