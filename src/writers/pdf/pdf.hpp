// The PDF writers' shared drawing: laid-out pages drawn with libharu through PdfDocument.
#pragma once

#include "layout/boxes.hpp"
#include "layout/flow.hpp"
#include "layout/fonts.hpp"
#include "layout/style.hpp"
#include "writers/pdf/raster_image.hpp"
#include "writers/writer.hpp"

#include <map>
#include <string>

namespace handout {

/// The images a PDF may draw: decoded pixels and their sizes for layout, by tree reference.
struct PdfImages {
  ImageSizes sizes;
  std::map<std::string, RasterImage> rasters;
};

/// Reads and decodes the document's images (found safely inside the source's folder) and the
/// style's logo. An image that cannot be used is left out with a warning (layout then prints
/// its description instead).
PdfImages load_pdf_images(const Document& doc, const Style& style, Diagnostics& diag,
                          const WriterOptions& options = {});

/// Reads and decodes only the style's logo (an unusable logo, not a regular file or over
/// options.max_image_bytes, is left out with a warning).
PdfImages load_style_logo(const Style& style, Diagnostics& diag, const WriterOptions& options = {});

/// Draws laid-out pages into a PDF: fonts subset to the characters drawn, info dictionary,
/// /Lang, bookmarks, links, page labels; dates from options.source_date_epoch.
Output draw_pdf(const LaidOutDocument& laid, const Document& doc, const FontSet& fonts, const PdfImages& images,
                const WriterOptions& options);

/// Writes a PDF handout of the document in the style named by options.style.
Output write_pdf(const Document& doc, const WriterOptions& options, Diagnostics& diag);

}  // namespace handout
