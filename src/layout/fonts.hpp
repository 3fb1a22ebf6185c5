// Fonts for layout: font files found by family name with fontconfig, measured with HarfBuzz.
// Layout measures text with these advances; the PDF writer embeds subsets of the same files,
// so what is measured is what is drawn.
#pragma once

#include "layout/style.hpp"
#include "model/diagnostics.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace handout {

/// One TrueType font file, measured. Immutable once loaded; shared between threads.
class FontFace {
 public:
  /// Loads (once per process) the font file at path. Throws std::runtime_error when it is not a
  /// font HarfBuzz can read.
  static std::shared_ptr<const FontFace> load(const std::filesystem::path& path);

  /// Returns the file the face was read from.
  const std::filesystem::path& path() const { return path_; }
  /// Returns the family name recorded in the file.
  const std::string& family() const { return family_; }
  /// Returns true when the face has a glyph for cp (always false past U+FFFF: PDF output
  /// through libharu cannot draw those).
  bool has_glyph(char32_t cp) const { return cp < kBmp && advances_[cp] >= 0; }
  /// Returns the advance width of cp as a fraction of the type size (0 when there is no glyph).
  double advance(char32_t cp) const { return has_glyph(cp) ? advances_[cp] : 0.0; }
  /// Returns the ascender as a fraction of the type size (positive).
  double ascender() const { return ascender_; }
  /// Returns the descender as a fraction of the type size (negative).
  double descender() const { return descender_; }

 private:
  static constexpr char32_t kBmp = 0x10000;
  std::filesystem::path path_;
  std::string family_;
  std::vector<float> advances_;  // per BMP code point; negative when the face has no glyph
  double ascender_ = 0.8;
  double descender_ = -0.2;
};

/// Which of a style's families, and which variant.
struct FontStyle {
  enum Family : unsigned char { body, heading, mono } family = body;
  bool bold = false;
  bool italic = false;
  friend bool operator==(const FontStyle&, const FontStyle&) = default;
};

/// The faces a style uses: body, heading and mono families in four variants each, then the
/// fallback families, then, for a character none of those has, the TrueType face fontconfig
/// rates best for the character's script (Noto Sans Devanagari for Hindi, Droid Sans Fallback
/// for Chinese and Korean...), in the order characters are looked up. Lookups add faces: one
/// FontSet per document, not shared between threads.
class FontSet {
 public:
  /// Resolves every face of the style with fontconfig. A family that is not installed, or is
  /// not TrueType, is replaced by the first fallback that is, with a warning. Throws
  /// std::runtime_error when no usable font is found at all.
  FontSet(const Style& style, Diagnostics& diag);

  /// Returns the index of the face for a style variant.
  int primary(FontStyle style) const;
  /// Returns the face that draws cp: the variant's own face when it has the glyph, else the
  /// first fallback (same weight and slant first) that has it, else the best installed face for
  /// its script; -1 when no face has it. A character of no one script (punctuation, digits)
  /// stays in near, the face of the character before it, when near is a script's face.
  int face_for(FontStyle style, char32_t cp, int near = -1) const;
  /// Returns the face at index.
  const FontFace& face(int index) const { return *faces_[static_cast<std::size_t>(index)]; }
  /// Returns how many faces the set holds.
  int size() const { return static_cast<int>(faces_.size()); }

 private:
  int add(const std::shared_ptr<const FontFace>& face) const;
  int script_face_for(bool bold, bool italic, char32_t cp) const;
  mutable std::vector<std::shared_ptr<const FontFace>> faces_;
  int style_faces_ = 0;  // faces_ before this index are the style's, the rest scripts' faces
  mutable std::unordered_map<char32_t, int> script_faces_[2][2];  // [bold][italic]: cp -> face, -1 none
  int variants_[3][2][2] = {};           // [family][bold][italic] -> face index
  std::vector<int> fallbacks_[2][2];     // [bold][italic] -> face indexes, in order
};

/// Returns the font file fontconfig picks for a family, weight and slant, or an empty path when
/// the best match is not a TrueType file of that family.
std::filesystem::path find_font_file(const std::string& family, bool bold, bool italic);

/// Returns the TrueType font file fontconfig rates best for the script of cp (in the weight and
/// slant asked for when the family has it) that has a glyph for cp, or an empty path when no
/// installed TrueType font has one. The same character always gives the same file.
std::filesystem::path find_font_file_for(char32_t cp, bool bold, bool italic);

}  // namespace handout
