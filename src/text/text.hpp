// Text helpers over UTF-8 strings shared by readers, transforms and writers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace handout::text {

/// Decodes the code point at bytes[i] and advances i past it.
/// Returns U+FFFD (advancing one byte) for an invalid or truncated sequence.
char32_t next_code_point(std::string_view bytes, std::size_t& i);

/// Appends the UTF-8 encoding of cp to out; surrogates and values past U+10FFFF become U+FFFD.
void append_utf8(std::string& out, char32_t cp);

/// Returns the byte offset of the first invalid UTF-8 sequence, or npos when all is valid.
std::size_t find_invalid_utf8(std::string_view bytes);

/// Returns true for characters XML 1.0 allows in text (tab, LF, CR and most of Unicode).
bool is_xml_char(char32_t cp);

/// Returns true when s may hold a character XML 1.0 cannot (a cheap byte test; false means clean).
bool needs_xml_cleaning(std::string_view s);

/// Returns s (valid UTF-8) with characters XML 1.0 cannot hold replaced by U+FFFD.
std::string xml_safe(std::string_view s);

/// Returns bytes (any, such as a file name) with every invalid UTF-8 sequence and every
/// character XML 1.0 cannot hold replaced by U+FFFD: fit for HTML, XML and JSON text.
std::string xml_safe_bytes(std::string_view bytes);

/// Returns bytes fit for a terminal: invalid UTF-8 bytes, control characters (C0, DEL, C1) and
/// escapes written as \xNN (C1 as \u0080...), so a file name cannot move the cursor or change
/// colours; keep_lines keeps newlines and tabs (for messages).
std::string terminal_safe(std::string_view bytes, bool keep_lines = false);

/// Returns s without leading and trailing ASCII whitespace and no-break spaces.
std::string_view trim(std::string_view s);

/// Returns s with every run of whitespace (including U+00A0) turned into one space, trimmed.
std::string collapse_whitespace(std::string_view s);

/// Splits s into words at whitespace; punctuation stays attached to its word.
std::vector<std::string> split_words(std::string_view s);
/// The number of words in s: split_words(s), except that a piece of a script written without
/// spaces (Chinese, Japanese, Thai...) counts the words ICU's dictionary finds in it.
std::size_t count_words(std::string_view s);

/// Splits text into sentences (whitespace collapsed) at ".", "!" or "?" (and closing quotes or
/// brackets) followed by a space and a capital, digit or opening quote. Abbreviations such as
/// "Dr.", "e.g." or "etc.", initials and decimal numbers do not end a sentence.
/// Returns no sentence for blank text; text without an end mark is one sentence.
std::vector<std::string> split_sentences(std::string_view s);

/// Appends sentence to text as split_sentences would have found it: after a space, or directly
/// after a full-width terminator (Chinese and Japanese put no space between sentences).
void append_sentence(std::string& text, std::string_view sentence);

/// Returns an ASCII slug for ids: letters lowercased, accents removed, other runs as '-'.
/// Returns an empty string when s has no letter or digit.
std::string slugify(std::string_view s, std::size_t max_length = 60);

/// Returns s lowercased with Unicode case folding (for comparisons).
std::string fold_case(std::string_view s);

/// Returns true when s starts with prefix, comparing ASCII letters case-insensitively.
bool starts_with_nocase(std::string_view s, std::string_view prefix);

/// Returns the number of code points in s.
std::size_t length(std::string_view s);

}  // namespace handout::text
