// The shape every writer has: a finished tree in, the bytes of one output file out.
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace handout {

/// Options every writer receives (each uses what applies to its output).
struct WriterOptions {
  std::string style = "default";              ///< style name or path (PDF, summary, EPUB CSS)
  std::optional<std::int64_t> source_date_epoch;  ///< fixes dates and ids for reproducible output
  std::uintmax_t max_image_bytes = std::uintmax_t{16} << 20;  ///< larger image files are left out (warning)
  std::size_t max_image_pixels = 40'000'000;   ///< images of more pixels are left out of PDFs (warning)
};

/// What a writer produces: the complete bytes of one output file.
struct Output {
  std::string bytes;
  int pages = 0;  ///< printed pages (PDF outputs); 0 for reflowable outputs
};

/// A writer: returns the output for one tree. Problems that make the output impossible
/// throw std::runtime_error (or SourceError with a location); lesser ones are warnings in diag.
using WriterFn = Output (*)(const Document& doc, const WriterOptions& options, Diagnostics& diag);

/// Writes the tree as DocBook 5.0 XML (indented, UTF-8, with an XML declaration).
Output write_docbook(const Document& doc, const WriterOptions& options, Diagnostics& diag);

/// Writes the tree as an EPUB 3 book (ZIP bytes): one XHTML file, or files starting at top-level
/// sections for long documents, navigation document and NCX, the style's CSS, images from the source's
/// folder, EPUB Accessibility 1.1 metadata. Dates come from options.source_date_epoch when set
/// (then two runs give identical bytes), else from the clock. Throws std::runtime_error when the
/// stylesheet cannot be read or the archive cannot be built.
Output write_epub(const Document& doc, const WriterOptions& options, Diagnostics& diag);

/// Writes a PDF handout (see writers/pdf.hpp).
Output write_pdf(const Document& doc, const WriterOptions& options, Diagnostics& diag);

}  // namespace handout
