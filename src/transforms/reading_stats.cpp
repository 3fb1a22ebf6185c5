#include "transforms/reading_stats.hpp"

#include "text/text.hpp"

#include <utf8proc.h>

#include <algorithm>
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

/// True when a word ends with a full stop of another script (。 ！ ？ । ؟ ۔), closing quotes aside.
bool ends_with_stop(std::string_view word) {
  for (std::string_view stop : {"\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xE0\xA5\xA4", "\xD8\x9F", "\xDB\x94"})
    if (word.size() >= stop.size() && word.substr(word.size() - stop.size()) == stop) return true;
  return false;
}

/// Counts words, sentences and syllables block by block.
class Counter {
 public:
  explicit Counter(std::string language) : language_(std::move(language)) {}

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
      stats_.syllables += count_syllables(word, language_);
      open_sentence = true;
      std::size_t end = word.size();
      while (end > 0 && (word[end - 1] == '"' || word[end - 1] == '\'' || word[end - 1] == ')' ||
                         word[end - 1] == ']' || static_cast<unsigned char>(word[end - 1]) >= 0x80)) {
        --end;  // closing quotes and brackets (ASCII or not) after the full stop
      }
      if (end > 0 && (word[end - 1] == '.' || word[end - 1] == '!' || word[end - 1] == '?' || ends_with_stop(word))) {
        ++stats_.sentences;
        open_sentence = false;
      }
    }
    if (open_sentence) ++stats_.sentences;
    pending_.clear();
  }

  std::string language_;
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

namespace {

/// The vowels of a language's alphabet (lowercase), for syllables as vowel groups.
std::u32string_view vowels_of(std::string_view language) {
  if (language == "es") return U"aeiouáéíóúü";
  if (language == "pt") return U"aeiouáâãàéêíóôõúü";
  if (language == "fr") return U"aeiouyàâäéèêëîïôöûùüÿœæ";
  if (language == "ru") return U"аеёиоуыэюя";
  return {};
}

}  // namespace

std::size_t count_syllables(std::string_view word, std::string_view language_tag) {
  std::string lower(language_tag.substr(0, language_tag.find_first_of("-_")));
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower.empty()) lower = "en";
  if (lower == "en") return count_syllables(word);
  const std::u32string_view vowels = vowels_of(lower);
  if (vowels.empty() || !has_letter_or_digit(word)) return 0;
  std::u32string letters;
  for (std::size_t i = 0; i < word.size();) {
    const auto cp = static_cast<utf8proc_int32_t>(text::next_code_point(word, i));
    const auto cat = utf8proc_category(cp);
    if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) letters += static_cast<char32_t>(utf8proc_tolower(cp));
  }
  // French: a final mute e (and -es) is no syllable ("rapide", "rapides"), unless it is the only vowel.
  if (lower == "fr" && letters.size() > 3) {
    if (letters.back() == U's') letters.pop_back();
    if (!letters.empty() && letters.back() == U'e') letters.pop_back();
  }
  std::size_t groups = 0;
  bool previous = false;
  for (char32_t c : letters) {
    const bool vowel = vowels.find(c) != std::u32string_view::npos;
    // Russian: every vowel letter is a syllable of its own.
    if (vowel && (!previous || lower == "ru")) ++groups;
    previous = vowel;
  }
  return groups == 0 ? 1 : groups;
}

std::string ReadingStats::level() const {
  if (words == 0 || formula.empty()) return "not available";
  char out[48];
  if (formula == "Flesch-Kincaid") std::snprintf(out, sizeof out, "grade %.1f", grade);
  else std::snprintf(out, sizeof out, "%s %.1f", formula.c_str(), ease);
  return out;
}

ReadingStats reading_stats(const Document& doc) {
  std::string language = doc.language();
  language = language.substr(0, language.find_first_of("-_"));
  for (char& c : language) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (language.empty()) language = "en";
  Counter counter(language);
  counter.visit(doc.article());
  ReadingStats stats = counter.finish();
  if (stats.words == 0) return stats;
  stats.minutes = static_cast<int>((stats.words + kWordsPerMinute - 1) / kWordsPerMinute);
  const double words = static_cast<double>(stats.words);
  const double per_sentence = words / static_cast<double>(std::max<std::size_t>(stats.sentences, 1));
  const double per_word = static_cast<double>(stats.syllables) / words;
  auto ease = [&](const char* formula, double value) {
    stats.formula = formula;
    stats.ease = std::round(std::clamp(value, 0.0, 100.0) * 10.0) / 10.0;
  };
  if (language == "en") {
    const double grade = 0.39 * per_sentence + 11.8 * per_word - 15.59;
    stats.grade = grade < 0 ? 0.0 : std::round(grade * 10.0) / 10.0;
    stats.formula = "Flesch-Kincaid";
  } else if (language == "es") {
    // INFLESZ (Barrio-Cantalejo et al. 2008) on the Szigriszt-Pazos perspicuity formula.
    ease("INFLESZ", 206.835 - 62.3 * per_word - per_sentence);
  } else if (language == "fr") {
    ease("Kandel-Moles", 207.0 - 1.015 * per_sentence - 73.6 * per_word);  // Kandel & Moles 1958
  } else if (language == "pt") {
    ease("Flesch-Martins", 248.835 - 1.015 * per_sentence - 84.6 * per_word);  // Martins et al. 1996
  } else if (language == "ru") {
    ease("Flesch-Oborneva", 206.835 - 1.52 * per_sentence - 65.14 * per_word);  // Oborneva 2006
  }
  return stats;
}

}  // namespace handout
