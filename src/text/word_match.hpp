// Small word tests the summary selection reads English (and catalog) cues with: folded forms
// and whole-word or prefix matches against short word lists.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace handout::text {

/// Returns s trimmed and case folded, with curly apostrophes (U+2019) made straight.
std::string fold_for_match(std::string_view s);

/// Returns a title trimmed and case folded, without trailing ':' or '.'.
std::string fold_title(std::string_view s);

/// Returns true when word occurs in s between non-letters (ASCII letters bound a word).
bool has_word(std::string_view s, std::string_view word);

/// Returns true when any of needles occurs in haystack.
bool contains_any(std::string_view haystack, std::initializer_list<std::string_view> needles);

/// Returns true when haystack starts with any of needles.
bool starts_with_any(std::string_view haystack, std::initializer_list<std::string_view> needles);

/// Returns true when w is one of words.
bool one_of(std::string_view w, std::initializer_list<std::string_view> words);

}  // namespace handout::text
