// Shaping with HarfBuzz: the glyphs a face draws for a piece of text (ligatures, conjuncts,
// Arabic joining forms, kerning, mark positioning), in visual order after the Unicode bidi
// algorithm (ICU ubidi) has reordered the piece's directional runs.
#pragma once

#include "layout/boxes.hpp"
#include "layout/fonts.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// One glyph drawn, in visual order. Lengths are fractions of the type size.
struct ShapedGlyph {
  std::uint32_t glyph = 0;   ///< glyph id in the face's font file
  double advance = 0;        ///< how far the pen moves after it (kerning included)
  double nominal = 0;        ///< the glyph's own advance (its hmtx width)
  double x_offset = 0;       ///< shift of the glyph from the pen, rightwards
  double y_offset = 0;       ///< shift of the glyph from the baseline, upwards
  std::uint32_t cluster = 0; ///< byte offset in the text of the cluster it draws
};

/// Shapes text (UTF-8) with face: each directional run (ICU ubidi, base direction rtl or ltr)
/// is shaped in its direction and the runs are returned in visual order, left to right.
std::vector<ShapedGlyph> shape_text(const FontFace& face, std::string_view text, bool rtl);

/// Returns the advance of each character of text (by its byte offset's order, one entry per
/// code point) as a fraction of the type size, from shaping: a cluster's advance goes to its
/// first character, the others get 0.
std::vector<double> shaped_advances(const FontFace& face, std::string_view text);

/// Returns true for a language written right to left (ar, fa, he, ur...: its primary subtag).
bool right_to_left_language(const std::string& language);

/// Places a line's runs for a right-to-left paragraph: the Unicode bidi algorithm (ICU ubidi,
/// paragraph level RTL) orders the runs right to left, Latin and number runs keeping their
/// own order, and the line is aligned to the right edge of width. Runs keep their logical
/// order in the vector (reading order for tagging); only their x, and the x of the
/// underlines and link areas drawn with them, change.
void place_right_to_left(Drawing& line, double line_width, double width);

/// Returns the glyph id face's cmap gives cp, or 0.
std::uint32_t nominal_glyph(const FontFace& face, char32_t cp);

/// Returns the advance of glyph in face (its hmtx width) as a fraction of the type size.
double glyph_advance(const FontFace& face, std::uint32_t glyph);

}  // namespace handout
