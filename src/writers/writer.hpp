// The shape every writer has: a finished tree in, the bytes of one output file out.
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace handout {

/// Options every writer receives (each uses what applies to its output).
struct WriterOptions {
  std::string style = "default";              ///< style name or path (PDF, summary, EPUB CSS)
  std::optional<std::int64_t> source_date_epoch;  ///< fixes dates and ids for reproducible output
};

/// A writer: returns the complete bytes of the output. Problems that make the output
/// impossible throw std::runtime_error; lesser ones are warnings in diag.
using WriterFn = std::string (*)(const Document& doc, const WriterOptions& options, Diagnostics& diag);

/// Writes the tree as DocBook 5.0 XML (indented, UTF-8, with an XML declaration).
std::string write_docbook(const Document& doc, const WriterOptions& options, Diagnostics& diag);

}  // namespace handout
