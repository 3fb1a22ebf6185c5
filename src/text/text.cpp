#include "text/text.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <memory>

namespace handout::text {

char32_t next_code_point(std::string_view b, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(b[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + len > b.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const unsigned char cc = byte(i + k);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::size_t find_invalid_utf8(std::string_view b) {
  std::size_t i = 0;
  while (i < b.size()) {
    if (static_cast<unsigned char>(b[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t at = i;
    const char32_t cp = next_code_point(b, i);
    // A genuine U+FFFD is EF BF BD; anything else decoding to it was invalid.
    if (cp == 0xFFFD && b.substr(at, 3) != "\xEF\xBF\xBD") return at;
  }
  return std::string_view::npos;
}

bool is_xml_char(char32_t cp) {
  if (cp == 0x9 || cp == 0xA || cp == 0xD) return true;
  if (cp < 0x20) return false;
  if (cp >= 0xD800 && cp <= 0xDFFF) return false;
  if (cp == 0xFFFE || cp == 0xFFFF) return false;
  return cp <= 0x10FFFF;
}

bool needs_xml_cleaning(std::string_view s) {
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    // Control bytes, and lead bytes of U+FFFE/U+FFFF (EF), surrogates (ED) or invalid sequences.
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xEF || c == 0xED || c == 0xC0 ||
        c == 0xC1 || c >= 0xF5)
      return true;
  }
  return false;
}

namespace {

/// Copies s with every character XML 1.0 forbids replaced by U+FFFD; also every byte that is not
/// part of valid UTF-8 when replace_invalid (else such bytes are copied as they are).
std::string replace_non_xml(std::string_view s, bool replace_invalid) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    const char32_t cp = next_code_point(s, i);
    const bool invalid = replace_invalid && cp == 0xFFFD && i - at != 3;
    if (!invalid && is_xml_char(cp)) {
      out.append(s.substr(at, i - at));
    } else {
      out += "\xEF\xBF\xBD";
    }
  }
  return out;
}

}  // namespace

std::string xml_safe(std::string_view s) { return replace_non_xml(s, false); }

std::string xml_safe_bytes(std::string_view s) { return replace_non_xml(s, true); }

std::string terminal_safe(std::string_view s, bool keep_lines) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    const char32_t cp = next_code_point(s, i);
    const bool invalid = cp == 0xFFFD && i - at != 3;
    if (invalid || cp < 0x20 || cp == 0x7F) {
      if (!invalid && keep_lines && (cp == '\n' || cp == '\t')) {
        out += static_cast<char>(cp);
        continue;
      }
      const unsigned char b = static_cast<unsigned char>(s[at]);
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 15];
    } else if (cp >= 0x80 && cp < 0xA0) {
      out += "\\u00";
      out += kHex[cp >> 4];
      out += kHex[cp & 15];
    } else {
      out.append(s.substr(at, i - at));
    }
  }
  return out;
}

namespace {
inline bool is_space_at(std::string_view s, std::size_t i, std::size_t& len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c > ' ' && c != 0xC2) return false;  // most bytes: one test
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    len = 2;  // U+00A0 no-break space
    return true;
  }
  return false;
}
}  // namespace

std::string_view trim(std::string_view s) {
  std::size_t len = 0;
  std::size_t b = 0;
  while (b < s.size() && is_space_at(s, b, len)) b += len;
  std::size_t e = s.size();
  while (e > b) {
    if (is_space_at(s, e - 1, len)) {
      --e;
    } else if (e >= b + 2 && is_space_at(s, e - 2, len) && len == 2) {
      e -= 2;
    } else {
      break;
    }
  }
  return s.substr(b, e - b);
}

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  std::size_t len = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (is_space_at(s, i, len)) {
      pending_space = !out.empty();
      i += len;
      continue;
    }
    std::size_t end = i + 1;  // the run of non-space bytes, appended at once
    while (end < s.size() && !is_space_at(s, end, len)) ++end;
    if (pending_space) out += ' ';
    pending_space = false;
    out.append(s, i, end - i);
    i = end;
  }
  return out;
}

namespace {

/// Calls word(piece) for each run of s between whitespace (ASCII and U+00A0), in order.
template <typename Word>
void for_each_word(std::string_view s, Word word) {
  std::size_t len = 0;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i < s.size();) {
    if (is_space_at(s, i, len)) {
      if (start != std::string_view::npos) word(s.substr(start, i - start)), start = std::string_view::npos;
      i += len;
      continue;
    }
    if (start == std::string_view::npos) start = i;
    ++i;
  }
  if (start != std::string_view::npos) word(s.substr(start));
}

}  // namespace

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  for_each_word(s, [&words](std::string_view w) { words.emplace_back(w); });
  return words;
}

namespace {

/// True for a character of a script written without spaces between words: Han, kana, Thai,
/// Lao, Myanmar, Khmer.
bool in_unspaced_script(char32_t c) {
  return (c >= 0x0E00 && c < 0x0F00) || (c >= 0x1000 && c < 0x10A0) || (c >= 0x1780 && c < 0x1800) ||
         (c >= 0x3040 && c < 0x3100) || (c >= 0x3400 && c < 0x4DC0) || (c >= 0x4E00 && c < 0xA000) ||
         (c >= 0xF900 && c < 0xFB00) || (c >= 0x20000 && c < 0x32000);
}

/// True when token has a character of a script written without spaces (a quick byte test
/// first: those characters take three or four bytes in UTF-8).
bool has_unspaced_script(std::string_view token) {
  for (std::size_t i = 0; i < token.size();) {
    if (static_cast<unsigned char>(token[i]) < 0xE0) {
      ++i;
      continue;
    }
    if (in_unspaced_script(next_code_point(token, i))) return true;
  }
  return false;
}

/// The words of a token with no spaces in it by ICU's word break iterator (a dictionary for
/// Chinese, Japanese, Thai, Lao, Khmer and Myanmar): the pieces it marks as words, at least 1.
std::size_t count_dictionary_words(std::string_view token) {
  UErrorCode status = U_ZERO_ERROR;
  thread_local std::unique_ptr<icu::BreakIterator> words(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (!words) return 1;
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(token.data(), static_cast<int32_t>(token.size())));
  words->setText(text);
  std::size_t n = 0;
  for (int32_t end = words->next(); end != icu::BreakIterator::DONE; end = words->next()) {
    if (words->getRuleStatus() != UBRK_WORD_NONE) ++n;
  }
  return std::max<std::size_t>(n, 1);
}

}  // namespace

std::size_t count_words(std::string_view s) {
  std::size_t n = 0;
  for_each_word(s, [&n](std::string_view w) { n += has_unspaced_script(w) ? count_dictionary_words(w) : 1; });
  return n;
}

namespace {

bool ends_with_abbreviation(std::string_view before) {
  // The word just before the period, lowercased, without leading punctuation.
  const std::size_t start = before.find_last_of(" (\"");
  std::string word(before.substr(start == std::string_view::npos ? 0 : start + 1));
  for (char& c : word) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  static constexpr std::string_view kAbbreviations[] = {
      "dr", "mr", "mrs", "ms", "st", "no", "vs", "e.g", "i.e", "etc", "approx", "fig", "jr", "sr", "prof",
      "inc", "ltd", "co", "u.s", "a.m", "p.m", "min", "max", "ca", "cf", "al", "dept", "tel", "ext"};
  for (std::string_view a : kAbbreviations)
    if (word == a) return true;
  // A single capital letter is an initial ("J. Smith").
  return word.size() == 1 && before.back() >= 'A' && before.back() <= 'Z';
}

bool starts_sentence(std::string_view rest) {
  if (rest.empty()) return false;
  const unsigned char c = static_cast<unsigned char>(rest[0]);
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c == '(' || c >= 0xC0;
}

}  // namespace

/// Returns the length in bytes of the sentence terminator at s[i], or 0: . ! ? and every other
/// character with the Unicode property Sentence_Terminal (the danda \u0964, the Arabic question
/// mark, the ideographic full stop, the Armenian and Ethiopic full stops...). wide is set for
/// the ideographic and fullwidth ones, which no space follows.
std::size_t terminator_at(std::string_view s, std::size_t i, bool& wide) {
  wide = false;
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '.' || c == '!' || c == '?') return 1;
  if (c < 0xC0) return 0;
  std::size_t next = i;
  const char32_t cp = next_code_point(s, next);
  if (!u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_S_TERM)) return 0;
  wide = cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E || cp == 0xFF61;
  return next - i;
}

std::vector<std::string> split_sentences(std::string_view input) {
  const std::string s = collapse_whitespace(input);
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    bool wide = false;
    const std::size_t length = terminator_at(s, i, wide);
    if (length == 0) continue;
    std::size_t end = i + length;
    // Closing quotes and brackets belong to the sentence: " ' ) ] and U+201D / U+2019.
    while (end < s.size()) {
      if (s[end] == '"' || s[end] == '\'' || s[end] == ')' || s[end] == ']') {
        ++end;
      } else if (s.compare(end, 3, "\xE2\x80\x9D") == 0 || s.compare(end, 3, "\xE2\x80\x99") == 0 ||
                 s.compare(end, 3, "\xE3\x80\x8D") == 0 || s.compare(end, 3, "\xE3\x80\x8F") == 0 ||
                 s.compare(end, 3, "\xEF\xBC\x89") == 0) {  // also 」 』 ）
        end += 3;
      } else {
        break;
      }
    }
    if (wide && end < s.size() && s[end] != ' ') {  // 。 ！ ？ end a sentence with no space after
      out.push_back(s.substr(start, end - start));
      start = end;
      i = end - 1;
      continue;
    }
    if (end >= s.size() || s[end] != ' ' || !starts_sentence(std::string_view(s).substr(end + 1))) {
      i = end - 1;
      continue;
    }
    if (c == '.' && ends_with_abbreviation(std::string_view(s).substr(start, i - start))) continue;
    out.push_back(s.substr(start, end - start));
    start = end + 1;
    i = end;
  }
  if (start < s.size()) out.push_back(s.substr(start));
  return out;
}

namespace {
struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

std::string utf8proc_map_string(std::string_view s, int options) {
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                              static_cast<utf8proc_ssize_t>(s.size()), &out,
                              static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> guard(out);
  if (n < 0) return std::string(s);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}
}  // namespace

std::string slugify(std::string_view s, std::size_t max_length) {
  const std::string folded =
      utf8proc_map_string(s, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  std::string slug;
  bool dash = false;
  for (const char ch : folded) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      if (dash && !slug.empty()) slug += '-';
      dash = false;
      slug += static_cast<char>(c);
      if (slug.size() >= max_length) break;
    } else {
      dash = true;
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

std::string fold_case(std::string_view s) {
  // Case folding maps each code point on its own, so ASCII is lowercased here and only the
  // other code points go through utf8proc (without the allocation utf8proc_map makes): the same
  // result, several times faster on the mostly-ASCII lines every reader and pass folds.
  std::string out;
  out.reserve(s.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  const auto size = static_cast<utf8proc_ssize_t>(s.size());
  for (utf8proc_ssize_t i = 0; i < size;) {
    if (bytes[i] < 0x80) {  // a run of ASCII: appended at once, then lowercased in place
      utf8proc_ssize_t end = i + 1;
      while (end < size && bytes[end] < 0x80) ++end;
      const std::size_t from = out.size();
      out.append(s.data() + i, static_cast<std::size_t>(end - i));
      for (std::size_t k = from; k < out.size(); ++k)
        if (out[k] >= 'A' && out[k] <= 'Z') out[k] = static_cast<char>(out[k] - 'A' + 'a');
      i = end;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t len = utf8proc_iterate(bytes + i, size - i, &cp);
    if (len <= 0) return std::string(s);  // not UTF-8: left as it is, as utf8proc_map does
    utf8proc_int32_t folded[8];
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    const utf8proc_ssize_t n = utf8proc_decompose_char(cp, folded, 8, UTF8PROC_CASEFOLD, &boundclass);
    if (n < 0 || n > 8) return utf8proc_map_string(s, UTF8PROC_CASEFOLD);
    for (utf8proc_ssize_t k = 0; k < n; ++k) {
      utf8proc_uint8_t enc[4];
      out.append(reinterpret_cast<const char*>(enc), static_cast<std::size_t>(utf8proc_encode_char(folded[k], enc)));
    }
    i += len;
  }
  return out;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void append_sentence(std::string& text, std::string_view sentence) {
  static constexpr std::string_view kFullWidth[] = {"\u3002", "\uFF01", "\uFF1F", "\uFF0E"};
  const bool glued = std::any_of(std::begin(kFullWidth), std::end(kFullWidth), [&](std::string_view end) {
    return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
  });
  if (!text.empty() && !glued) text += ' ';
  text += sentence;
}

}  // namespace handout::text

