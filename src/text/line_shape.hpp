// The shape of one line of plain text: how long it is, how it ends, how it starts. Readers of
// unmarked text and the metadata passes judge lines by shape (a title, a label, a sentence).
#pragma once

#include <cstddef>
#include <string_view>

namespace handout::line_shape {

/// Returns the number of whitespace-separated words in s (0 for blank text).
std::size_t word_count(std::string_view s);

/// Returns the last code point of s after trailing whitespace and closing quotes or brackets
/// (so "“Done.”" ends with '.'); returns 0 for blank text.
char32_t final_mark(std::string_view s);

/// Returns true when s, trimmed, ends with one of the sentence or clause marks . , ; : (and the
/// ellipsis "…"). "?" and "!" are not counted: questions make headings and titles.
bool ends_like_clause(std::string_view s);

/// Returns true when the first letter-or-digit of s is an uppercase letter (any script) or a
/// digit; false when it is lowercase or s has none.
bool starts_with_capital_or_digit(std::string_view s);

/// Returns true when the first letter-or-digit of s is a lowercase letter (text that carries
/// on a sentence); false for a capital, a digit or no letter at all.
bool starts_with_lowercase(std::string_view s);

/// Returns true when s is one web address and nothing else ("https://…", "www.…").
bool is_bare_url(std::string_view s);

/// Returns true when s could be a document title: 1 to 20 words, at most 150 characters,
/// holds a letter, is not a bare address and does not end like a clause (see ends_like_clause).
bool is_title_like(std::string_view s);

/// Returns true when s is a short label (a site or section name, a table header cell): at most
/// max_words words and 60 characters, a letter, no final . , ; : ! ?
bool is_label_like(std::string_view s, std::size_t max_words = 6);

}  // namespace handout::line_shape
