#include "text/line_shape.hpp"

#include "text/text.hpp"

#include <utf8proc.h>

#include <string>

namespace handout::line_shape {

namespace {

bool is_closing(char32_t cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 || cp == 0xBB;
}

bool has_letter(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = text::next_code_point(s, i);
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) return true;
  }
  return false;
}

}  // namespace

std::size_t word_count(std::string_view s) { return text::count_words(s); }

char32_t final_mark(std::string_view s) {
  s = text::trim(s);
  // Walk back over closing quotes and brackets to the mark before them.
  while (!s.empty()) {
    std::size_t start = s.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    std::size_t i = start;
    const char32_t cp = text::next_code_point(s, i);
    if (!is_closing(cp) || start == 0) return cp;
    s = text::trim(s.substr(0, start));
  }
  return 0;
}

bool ends_like_clause(std::string_view s) {
  const char32_t m = final_mark(s);
  // Also the full stops and commas of other scripts: 。，；： (CJK), ، ؛ (Arabic), । ॥ (Devanagari and
  // Bengali danda), ۔ (Urdu).
  return m == '.' || m == ',' || m == ';' || m == ':' || m == 0x2026 || m == 0x3002 || m == 0xFF0C || m == 0xFF1B ||
         m == 0xFF1A || m == 0xFF0E || m == 0x3001 || m == 0x060C || m == 0x061B || m == 0x0964 || m == 0x0965 ||
         m == 0x06D4;
}

bool starts_with_capital_or_digit(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = text::next_code_point(s, i);
    if (cp >= '0' && cp <= '9') return true;
    const auto c = static_cast<utf8proc_int32_t>(cp);
    const auto cat = utf8proc_category(c);
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) {
      return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO;
    }
  }
  return false;
}

bool starts_with_lowercase(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = text::next_code_point(s, i);
    if (cp >= '0' && cp <= '9') return false;
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) return cat == UTF8PROC_CATEGORY_LL;
  }
  return false;
}

bool is_bare_url(std::string_view s) {
  s = text::trim(s);
  if (s.empty() || s.find_first_of(" \t") != std::string_view::npos) return false;
  return text::starts_with_nocase(s, "http://") || text::starts_with_nocase(s, "https://") ||
         text::starts_with_nocase(s, "www.");
}

bool is_title_like(std::string_view s) {
  const std::size_t words = word_count(s);
  return words >= 1 && words <= 20 && text::length(text::trim(s)) <= 150 && has_letter(s) && !is_bare_url(s) &&
         !ends_like_clause(s);
}

bool is_label_like(std::string_view s, std::size_t max_words) {
  const std::size_t words = word_count(s);
  const char32_t m = final_mark(s);
  return words >= 1 && words <= max_words && text::length(text::trim(s)) <= 60 && has_letter(s) &&
         !ends_like_clause(s) && m != '!' && m != '?' && m != 0xFF01 && m != 0xFF1F && m != 0x061F;
}

}  // namespace handout::line_shape
