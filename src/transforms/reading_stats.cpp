#include "transforms/reading_stats.hpp"

#include "text/text.hpp"

#include <utf8proc.h>

#include <array>
#include <cmath>
#include <string>
#include <string_view>

namespace handout {

namespace {

/// Elements whose end also ends a sentence (a heading or list item without a full stop still ends one).
constexpr std::array<std::string_view, 16> kSentenceBlocks = {
    "para",    "simpara", "title", "subtitle", "bridgehead", "term",   "td",     "th",
    "entry",   "literallayout", "programlisting", "screen", "caption", "attribution", "listitem", "glossterm"};

/// Elements whose words are not read as part of the body.
constexpr std::array<std::string_view, 3> kSkipped = {"info", "footnote", "remark"};

bool is_one_of(std::string_view name, auto const& list) {
  for (std::string_view n : list)
    if (n == name) return true;
  return false;
}

/// Returns true when word holds a letter or a digit of any script (a lone dash or bullet is no word).
bool has_letter_or_digit(std::string_view word) {
  for (std::size_t i = 0; i < word.size();) {
    const char32_t cp = text::next_code_point(word, i);
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
      case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
      case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return true;
      default: break;
    }
  }
  return false;
}

/// Counts words, sentences and syllables block by block.
class Counter {
 public:
  void visit(pugi::xml_node node) {
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        pending_ += child.value();
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      if (is_one_of(name, kSkipped)) continue;
      const bool block = is_one_of(name, kSentenceBlocks);
      if (block) flush();
      visit(child);
      if (block) flush();
    }
  }

  ReadingStats finish() {
    flush();
    return stats_;
  }

 private:
  /// Counts the words gathered since the last block boundary, which also ends a sentence.
  void flush() {
    bool open_sentence = false;
    for (const std::string& word : text::split_words(pending_)) {
      if (!has_letter_or_digit(word)) continue;
      ++stats_.words;
      stats_.syllables += count_syllables(word);
      open_sentence = true;
      std::size_t end = word.size();
      while (end > 0 && (word[end - 1] == '"' || word[end - 1] == '\'' || word[end - 1] == ')' ||
                         word[end - 1] == ']' || static_cast<unsigned char>(word[end - 1]) >= 0x80)) {
        --end;  // closing quotes and brackets (ASCII or not) after the full stop
      }
      if (end > 0 && (word[end - 1] == '.' || word[end - 1] == '!' || word[end - 1] == '?')) {
        ++stats_.sentences;
        open_sentence = false;
      }
    }
    if (open_sentence) ++stats_.sentences;
    pending_.clear();
  }

  std::string pending_;
  ReadingStats stats_;
};

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

}  // namespace

std::size_t count_syllables(std::string_view word) {
  if (!has_letter_or_digit(word)) return 0;
  std::string w;
  for (unsigned char c : word) {
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') w += static_cast<char>(c);
  }
  if (w.size() <= 3) return 1;
  auto ends_with = [&](std::string_view s) { return w.size() >= s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0; };
  if ((ends_with("es") || ends_with("ed")) && !ends_with("ted") && !ends_with("ded") && !ends_with("ees")) {
    w.resize(w.size() - 2);
  } else if (ends_with("e") && !ends_with("le") && !ends_with("ee")) {
    w.pop_back();
  }
  std::size_t groups = 0;
  bool previous_vowel = false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const bool vowel = is_vowel(w[i]) && !(i == 0 && w[i] == 'y');
    if (vowel && !previous_vowel) ++groups;
    previous_vowel = vowel;
  }
  return groups == 0 ? 1 : groups;
}

ReadingStats reading_stats(const Document& doc) {
  Counter counter;
  counter.visit(doc.article());
  ReadingStats stats = counter.finish();
  if (stats.words == 0) return stats;
  stats.minutes = static_cast<int>((stats.words + kWordsPerMinute - 1) / kWordsPerMinute);
  const double words = static_cast<double>(stats.words);
  const double grade = 0.39 * (words / static_cast<double>(stats.sentences)) +
                       11.8 * (static_cast<double>(stats.syllables) / words) - 15.59;
  stats.grade = grade < 0 ? 0.0 : std::round(grade * 10.0) / 10.0;
  return stats;
}

}  // namespace handout
