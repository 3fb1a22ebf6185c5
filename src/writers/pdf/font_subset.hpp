// Font subsetting with HarfBuzz: only the glyphs a document uses are embedded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace handout {

/// Returns a TrueType font with only the glyphs of the given code points (and .notdef), its
/// own cmap and no hinting. Throws std::runtime_error when the file cannot be read or subset.
std::string subset_font(const std::filesystem::path& file, const std::set<char32_t>& codepoints);

/// Returns a TrueType font with only the given glyphs (and .notdef), no hinting, and a cmap
/// (format 4) that maps each code to its glyph: codes are what a libharu UTF-8 font writes, so
/// shaped glyphs (ligatures, joining forms, conjuncts) get codes of their own. Throws
/// std::runtime_error when the file cannot be read or subset.
std::string subset_font_glyphs(const std::filesystem::path& file, const std::map<std::uint16_t, std::uint32_t>& code_to_glyph);

}  // namespace handout
