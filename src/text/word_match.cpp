#include "text/word_match.hpp"

#include "text/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace handout::text {

namespace {

/// fold_for_match, computed.
std::string fold_for_match_computed(std::string_view s) {
  const std::string f = fold_case(trim(s));
  std::string out;
  out.reserve(f.size());
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.compare(i, 3, "\xE2\x80\x99") == 0) {
      out += '\'';
      i += 2;
    } else {
      out += f[i];
    }
  }
  return out;
}

}  // namespace

std::string fold_for_match(std::string_view s) {
  // The checks of a sentence (call to action, byline, safety, first person...) each fold it in
  // turn: each thread keeps the last few texts it folded.
  struct Folded {
    std::string text, folded;
  };
  thread_local std::array<Folded, 8> recent;
  thread_local std::size_t next = 0;
  for (const Folded& f : recent)
    if (f.text.size() == s.size() && f.text == s) return f.folded;
  Folded& slot = recent[next];
  next = (next + 1) % recent.size();
  slot.text.assign(s.data(), s.size());
  slot.folded = fold_for_match_computed(s);
  return slot.folded;
}

std::string fold_title(std::string_view s) {
  std::string t = fold_case(trim(s));
  while (!t.empty() && (t.back() == ':' || t.back() == '.')) t.pop_back();
  return t;
}

bool has_word(std::string_view s, std::string_view word) {
  for (std::size_t p = s.find(word); p != std::string_view::npos; p = s.find(word, p + 1)) {
    const bool start = p == 0 || !std::isalpha(static_cast<unsigned char>(s[p - 1]));
    const std::size_t e = p + word.size();
    const bool end = e == s.size() || !std::isalpha(static_cast<unsigned char>(s[e]));
    if (start && end) return true;
  }
  return false;
}

bool contains_any(std::string_view haystack, std::initializer_list<std::string_view> needles) {
  // One pass over the haystack, not one per needle: the needles are chained by their first byte,
  // and at each byte only the needles starting with it are compared.
  if (needles.size() > 255) {
    return std::any_of(needles.begin(), needles.end(),
                       [&](std::string_view n) { return haystack.find(n) != std::string_view::npos; });
  }
  constexpr std::uint8_t kNone = 255;
  std::array<std::uint8_t, 256> first;
  first.fill(kNone);
  std::array<std::uint8_t, 256> next;
  std::uint8_t k = 0;
  for (const std::string_view n : needles) {
    if (n.empty()) return true;
    const auto b = static_cast<unsigned char>(n.front());
    next[k] = first[b];
    first[b] = k++;
  }
  const std::string_view* list = needles.begin();
  for (std::size_t i = 0; i < haystack.size(); ++i) {
    for (std::uint8_t j = first[static_cast<unsigned char>(haystack[i])]; j != kNone; j = next[j]) {
      const std::string_view n = list[j];
      // The second byte first: most candidates differ there, and it costs no call.
      if (n.size() <= haystack.size() - i && (n.size() == 1 || n[1] == haystack[i + 1]) &&
          haystack.compare(i, n.size(), n) == 0) {
        return true;
      }
    }
  }
  return false;
}

bool starts_with_any(std::string_view haystack, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return haystack.substr(0, n.size()) == n; });
}

bool one_of(std::string_view w, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

}  // namespace handout::text
