// A small RAII layer over libharu 2.3.0 that hides its traps (see shared/notes/libharu-2.3.0.md):
// UTF-8 Type0 fonts only, loaded from HarfBuzz subsets through a memfd, with a valid identity
// ToUnicode map; images only as raw pixels we decoded; links percent-encoded; /Lang and the
// info dictionary in UTF-8; every libharu error turned into a PdfError. What it needs beyond
// libharu's public API (private fields, replaced functions) is in libharu_patches.hpp.
#pragma once

#include "layout/style.hpp"

#include <hpdf.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <map>
#include <string>
#include <vector>

namespace handout {

struct RasterImage;

/// A libharu error, with libharu's error and detail numbers and what was being done.
class PdfError : public std::runtime_error {
 public:
  /// An error with libharu's error number (0 when libharu did not report one).
  explicit PdfError(const std::string& what, unsigned long code = 0) : std::runtime_error(what), code_(code) {}
  /// Returns libharu's error number, or 0.
  unsigned long code() const { return code_; }

 private:
  unsigned long code_ = 0;
};

/// Document information written to the PDF's info dictionary.
struct PdfInfo {
  std::string title, author, subject, keywords, creator;
  std::optional<std::int64_t> date_epoch;  ///< creation and modification date; none when unset
};

/// One PDF being made. Not copyable; one per thread. After any error the object must be
/// abandoned (libharu's errors are sticky): every method throws PdfError then.
class PdfDocument {
 public:
  PdfDocument();
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  /// Loads a TrueType font (a subset whose code points are Unicode) and returns it, ready for
  /// UTF-8 text, with an identity ToUnicode map so extracted text is exact.
  HPDF_Font load_font(const std::string& truetype_bytes);
  /// Loads a TrueType font whose cmap gives shaped glyphs their codes, with a ToUnicode map
  /// from each code to the text it draws (UTF-8; empty for the second and later glyphs of a
  /// cluster).
  HPDF_Font load_font(const std::string& truetype_bytes, const std::map<std::uint16_t, std::string>& to_unicode);
  /// Adds a page of the given size in points.
  HPDF_Page add_page(double width, double height);
  /// Draws UTF-8 text (characters up to U+FFFF, all in the font) with its baseline at (x, y),
  /// y measured from the page's top.
  void text(HPDF_Page page, HPDF_Font font, double size, Color color, double x, double y, const std::string& utf8);
  /// One shaped glyph to draw: its code in the font, and how it is placed (fractions of the
  /// type size): a shift right before it, a move of the pen after it beyond its own advance, a
  /// shift up.
  struct PlacedCode {
    std::uint16_t code = 0;
    double before = 0, after = 0, rise = 0;
  };
  /// Draws shaped glyphs with the pen starting at (x, y), y measured from the page's top.
  void glyphs(HPDF_Page page, HPDF_Font font, double size, Color color, double x, double y, const std::vector<PlacedCode>& codes);
  /// Opens a marked-content span whose text is utf8 (/Span <</ActualText …>> BDC): what text
  /// extraction, search and screen readers take for the glyphs drawn until end_span(), in
  /// logical order, whatever the glyphs' visual order, ligatures and marks.
  void begin_span(HPDF_Page page, const std::string& utf8);
  /// Closes the span begin_span() opened (EMC).
  void end_span(HPDF_Page page);
  /// Fills and/or strokes a rectangle whose top-left corner is (x, y) from the page's top.
  void rect(HPDF_Page page, double x, double y, double w, double h, const Color* fill, const Color* stroke, double line_width);
  /// Embeds decoded pixels (with their alpha as a soft mask) and returns the image.
  HPDF_Image image(const RasterImage& raster);
  /// Draws an image into the rectangle whose top-left corner is (x, y) from the page's top.
  void draw_image(HPDF_Page page, HPDF_Image image, double x, double y, double w, double h);
  /// Makes a rectangle a link to an external URI (non-ASCII and unsafe bytes percent-encoded)
  /// and returns its annotation; nullptr when the URI is too long for any reader to follow.
  HPDF_Annotation link_uri(HPDF_Page page, double x, double y, double w, double h, const std::string& uri);
  /// Makes a rectangle a link to a position (page, y from its top) of this document and returns
  /// its annotation.
  HPDF_Annotation link_internal(HPDF_Page page, double x, double y, double w, double h, HPDF_Page target, double target_y);
  /// Adds a bookmark under parent (nullptr for the top level) pointing at (page, y from its top).
  HPDF_Outline bookmark(HPDF_Outline parent, const std::string& title, HPDF_Page page, double y);
  /// Sets the info dictionary (UTF-8) and, when given, the creation and modification dates.
  void set_info(const PdfInfo& info);
  /// Sets the document language (/Lang) and asks viewers to show the title, not the file name.
  void set_language(const std::string& bcp47);
  /// Numbers pages 1, 2, 3... and opens with the bookmarks shown when there are any.
  void set_page_labels(bool show_bookmarks);
  /// Declares PDF 1.7 and sets the catalog's XMP metadata stream.
  void set_xmp_metadata(const std::string& xmp);
  /// Returns the complete PDF file.
  std::string save();

  /// Returns libharu's document, for the tagging layer (structure_tree.hpp).
  HPDF_Doc handle() const { return doc_; }
  /// Throws PdfError (saying what was being done) when status or the document's error is set.
  void check(HPDF_STATUS status, const char* what);

 private:
  HPDF_Doc doc_ = nullptr;
  HPDF_STATUS error_ = HPDF_OK;
  HPDF_STATUS detail_ = 0;
  std::vector<int> font_fds_;  ///< memfds holding font subsets; libharu reads them at save time
  /// The font, size and fill colour the last text on text_page_ set: they outlast ET (and
  /// rect's and draw_image's q...Q), so the next text on that page sets only what differs.
  HPDF_Page text_page_ = nullptr;
  HPDF_Font text_font_ = nullptr;
  double text_size_ = 0;
  Color text_color_;
  friend void record_pdf_error(HPDF_STATUS, HPDF_STATUS, void*);
  double page_height(HPDF_Page page) const;
  /// Opens a text object (BT) on page at (x, y) from the top left, setting the font, size and
  /// fill colour only when they differ from the last text drawn on that page.
  void begin_text(HPDF_Page page, HPDF_Font font, double size, Color color, double x, double y);
};

/// Returns uri with bytes outside printable ASCII, spaces and quotes percent-encoded.
std::string percent_encode_uri(const std::string& uri);

}  // namespace handout
