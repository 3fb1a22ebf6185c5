// Font subsetting with HarfBuzz: only the glyphs a document uses are embedded.
#pragma once

#include <filesystem>
#include <set>
#include <string>

namespace handout {

/// Returns a TrueType font with only the glyphs of the given code points (and .notdef), its
/// own cmap and no hinting. Throws std::runtime_error when the file cannot be read or subset.
std::string subset_font(const std::filesystem::path& file, const std::set<char32_t>& codepoints);

}  // namespace handout
