// Breaking running text into lines: UAX #14 opportunities (ICU), ragged right, words
// longer than a line broken between characters, each character drawn by a face that has it.
#pragma once

#include "layout/boxes.hpp"
#include "layout/fonts.hpp"
#include "model/diagnostics.hpp"

#include <string>
#include <vector>

namespace handout {

/// What may follow each character of a text: no break, a break, a break that must be taken.
inline constexpr char kNoBreak = 0;
inline constexpr char kAllowBreak = 1;
inline constexpr char kMustBreak = 2;

/// Returns, for each character of text, whether a line may (or must) end after it: the Unicode
/// line breaking algorithm (UAX #14, Unicode 15 in ICU 72) tailored by ICU for the language
/// (Thai, Lao, Khmer and Burmese by dictionary). The last character is always kMustBreak.
std::vector<char> line_break_opportunities(const std::u32string& text, const std::string& language);

/// How a span of text looks and where it links.
struct SpanStyle {
  FontStyle font;
  double size = 12;
  Color color;
  double rise = 0;         ///< baseline shift upwards (superscript), negative for subscript
  bool underline = false;
  bool strike = false;
  std::string uri;         ///< external link target
  std::string target;      ///< internal link target (an anchor id)
  int element = tag::inherit;  ///< the structure element its runs belong to (a Link, a Code...)
};

/// A piece of running text. Whitespace is collapsed by break_lines; U+2028 forces a line break.
struct Span {
  std::string text;
  SpanStyle style;
  std::string anchor;  ///< an anchor id placed where the span starts (footnote references...)
};

/// One line of text: runs relative to the line's left edge and baseline.
struct Line {
  Drawing drawing;      ///< runs, links and anchors with y relative to the baseline
  double width = 0;     ///< width of the text, trailing spaces excluded
  double ascent = 0;    ///< above the baseline, in points
  double descent = 0;   ///< below the baseline, in points (positive)
};

/// Characters no face could draw, reported once per document by the caller.
struct MissingGlyphs {
  std::vector<char32_t> characters;
};

/// Collapses whitespace in spans (runs of spaces, tabs and newlines become one space; none at
/// the start or end or next to a forced break) and breaks them into lines no wider than width.
/// A word wider than width is broken between characters. A character no face has is drawn as
/// U+FFFD and recorded in missing. Returns no line for text that is empty after collapsing.
std::vector<Line> break_lines(const std::vector<Span>& spans, double width, const FontSet& fonts,
                              const std::string& language, MissingGlyphs& missing);

/// Returns the width of text set in one style on one line (no breaking, whitespace as is).
double measure_text(std::string_view text, const SpanStyle& style, const FontSet& fonts);

/// Returns the width of the widest piece of spans that cannot be broken (the narrowest
/// column width that holds the text without breaking inside a word).
double widest_word(const std::vector<Span>& spans, const FontSet& fonts, const std::string& language);

}  // namespace handout
