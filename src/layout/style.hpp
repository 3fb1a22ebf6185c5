// Styles: YAML files in styles/ that say how printed outputs look (page, fonts, sizes, colours,
// running header and footer). A style may extend another and change only some keys.
#pragma once

#include "model/diagnostics.hpp"

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// An sRGB colour with components from 0 to 1.
struct Color {
  double r = 0, g = 0, b = 0;
  friend bool operator==(const Color&, const Color&) = default;
};

/// Page size and margins, in points.
struct PageGeometry {
  double width = 612, height = 792;
  double top = 57.6, bottom = 64.8, left = 64.8, right = 64.8;
  /// Returns the width of the text block.
  double body_width() const { return width - left - right; }
  /// Returns the height of the text block.
  double body_height() const { return height - top - bottom; }
};

/// Everything a style sets. Sizes are in points.
struct Style {
  std::string name;                          ///< the name or path it was asked by
  std::vector<std::filesystem::path> files;  ///< the file and every file it extends, most derived first
  PageGeometry page;

  std::string body_font = "DejaVu Sans";
  std::string heading_font = "DejaVu Sans";
  std::string mono_font = "DejaVu Sans Mono";
  std::vector<std::string> fallback_fonts = {"DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono"};

  double body_size = 12;
  double leading = 1.45;           ///< line height as a multiple of the size
  double paragraph_space = 0.6;    ///< space after a paragraph, in body lines
  double title_size = 24;
  double subtitle_size = 15;
  std::array<double, 4> heading_sizes = {18, 15, 13.5, 12.5};  ///< section levels 1-4 (deeper use the last)
  double code_size = 10.5;
  double table_size = 11;
  double table_minimum = 9;
  double running_size = 9;
  double note_size = 10.5;

  Color text{0.1, 0.1, 0.1};
  Color muted{0.33, 0.33, 0.33};
  Color heading{0.12, 0.27, 0.4};
  Color link{0.04, 0.33, 0.64};
  Color rule{0.6, 0.65, 0.69};
  Color table_header{0.89, 0.92, 0.95};
  Color code_background{0.95, 0.95, 0.95};
  Color note{0.18, 0.37, 0.54};
  Color tip{0.18, 0.49, 0.2};
  Color important{0.42, 0.11, 0.6};
  Color warning{0.7, 0.42, 0};
  Color caution{0.7, 0.15, 0.12};
  Color sidebar{0.18, 0.37, 0.54};

  std::string header_left = "{title}", header_right = "{updated}";
  std::string footer_left = "{copyright}", footer_right = "Page {page} of {pages}";
  std::string footer_second_left = "{source}", footer_second_right = "{contact}";
  std::string contact;
  std::filesystem::path logo;  ///< absolute path, or empty
  double logo_height = 25.2;
  std::string epub_css = "epub.css";  ///< file name in the style's folder, or an absolute path

  double summary_size = 13;
  double summary_minimum = 11;
  std::string summary_safety_symbol = "\xE2\x9A\xA0";  ///< before the safety block's heading (U+26A0)
  double summary_safety_rule = 2;                        ///< the safety block's frame, in points (0: none)
  Color summary_safety{0.7, 0.15, 0.12};                 ///< the safety block's frame and heading
};

/// Whether a style reference (--style, `extends:`) is a file path: it holds '/' or ends in
/// .yaml or .yml. Anything else is a name in the styles folder, whatever files exist.
bool is_style_path(std::string_view reference);

/// Loads a style by name (a file NAME.yaml in styles/) or by path (anything with a '/' or
/// ending in .yaml/.yml), following `extends:`. Throws SourceError naming the style file, its
/// line and column for malformed YAML, a bad value, an unknown style or an `extends:` loop;
/// unknown keys are warnings in diag. A style is parsed once per process and reused (with its
/// warnings) until one of its files changes; safe to call from several threads.
Style load_style(std::string_view name_or_path, Diagnostics& diag);

/// Returns the files a style is made of (itself and what it extends), or an empty list when it
/// cannot be found. Never throws.
std::vector<std::filesystem::path> style_files(std::string_view name_or_path);

/// Returns the names of the styles in styles_dir() (NAME.yaml and NAME.yml, boilerplate.yaml
/// left out), sorted.
std::vector<std::string> style_names();

/// Reads a length: a number of points, or a number followed by pt, in, mm or cm. Returns a
/// negative value when text is not a length.
double parse_length(std::string_view text);

}  // namespace handout
