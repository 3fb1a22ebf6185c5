// "Did you mean": the known names nearest to a mistyped one, by Damerau–Levenshtein distance
// (optimal string alignment: insertions, deletions, substitutions and swaps of neighbours).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// Returns the optimal-string-alignment distance between a and b (each edit and each swap of two
/// neighbouring characters costs 1), compared case-insensitively in ASCII.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// Returns the names nearest to typed, in the order given: those at the smallest distance when it
/// is at most a third of typed's length (at least 1, at most 3), else those typed is a prefix of
/// (at least 2 characters). Empty when nothing is near.
std::vector<std::string> nearest_names(std::string_view typed, std::span<const std::string> names);

/// Returns "; did you mean 'a'?" or "; did you mean 'a' or 'b'?" for nearest_names, else "".
std::string did_you_mean(std::string_view typed, std::span<const std::string> names);

}  // namespace handout
