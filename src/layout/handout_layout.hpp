// The handout: the whole document laid out on pages with a running header and footer.
#pragma once

#include "layout/boxes.hpp"
#include "layout/flow.hpp"
#include "layout/fonts.hpp"
#include "layout/style.hpp"
#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "model/metadata.hpp"

namespace handout {

/// Lays out a handout: the title block, the body, the notes (footnotes as numbered endnotes)
/// and a colophon (source, copyright, last update), paginated, with a running header from the
/// second page on and a footer on every page, both from the style's templates. Characters no
/// font has are reported as warnings. Never returns zero pages.
LaidOutDocument layout_handout(const Document& doc, const Style& style, const FontSet& fonts, const ImageSizes& images,
                               Diagnostics& diag);

/// Fills a running header or footer template: {title} {page} {pages} {updated} {published}
/// {source} {copyright} {contact}. {updated} and {published} read "Updated June 5, 2026".
std::string fill_running_text(std::string_view pattern, const Document& doc, const Style& style, int page, int pages);

/// The same with the document's metadata and language read once (layout fills every page's
/// header and footer: reading the metadata for each would cost pages x text).
std::string fill_running_text(std::string_view pattern, const Metadata& m, const std::string& lang, const Style& style,
                              int page, int pages);

/// Returns the size the style's logo is drawn at: the style's logo height at the image's own
/// proportions, narrowed to a third of text_width; zero when there is no usable logo.
ImageSize logo_size(const Style& style, const ImageSizes& images, double text_width);

/// How many distinct characters no font has still make a usable output (a warning); more make
/// the output a failure (an error): a page of boxes is never a silent success.
constexpr std::size_t kMissingGlyphsTolerated = 3;
/// How many of the missing characters a diagnostic lists by code point.
constexpr std::size_t kMissingGlyphsListed = 20;

/// Reports characters no font could draw in one diagnostic per output, listing their code
/// points: a warning for up to kMissingGlyphsTolerated characters, an error for more.
void report_missing_glyphs(const MissingGlyphs& missing, Diagnostics& diag);

}  // namespace handout
