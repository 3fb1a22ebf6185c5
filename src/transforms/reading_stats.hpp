// Reading statistics of a finished tree: words, sentences, reading time, and how hard the text
// reads by a formula made for its language (Flesch–Kincaid grade for English, INFLESZ for
// Spanish, Kandel–Moles for French, Flesch adapted for Portuguese and Russian), or none.
#pragma once

#include "model/document.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace handout {

/// How much there is to read in a document's body and how hard it is.
struct ReadingStats {
  std::size_t words = 0;      ///< words of the body (title, metadata and footnotes excluded)
  std::size_t sentences = 0;  ///< sentences; a paragraph, list item, heading or cell ends one
  std::size_t syllables = 0;  ///< estimated syllables (the language's vowel groups; 0 when none is known)
  int minutes = 0;            ///< reading time at 200 words a minute, rounded up; 0 for no words
  double grade = 0;           ///< Flesch–Kincaid grade level (English only), one decimal, never below 0
  /// The formula valid for the document's language: "Flesch-Kincaid" (en: a US school grade),
  /// "INFLESZ" (es), "Kandel-Moles" (fr), "Flesch-Martins" (pt), "Flesch-Oborneva" (ru) (the
  /// others: ease scores, 0 hard to 100 easy); empty when the language has none here, and no
  /// English figure stands in for it.
  std::string formula;
  double ease = 0;            ///< the ease formula's value, one decimal, clamped to 0..100 (not English)
  /// "grade 6.2", "INFLESZ 64.3", or "not available".
  std::string level() const;
};

/// Words read per minute by the reading-time estimate (a plain-language reader's pace).
inline constexpr int kWordsPerMinute = 200;

/// Returns the reading statistics of the document's body (everything in the article but info),
/// with the formula of the document's language (doc.language()).
ReadingStats reading_stats(const Document& doc);

/// Returns the estimated number of syllables of one English word (at least 1 when it has a letter
/// or digit, 0 otherwise).
std::size_t count_syllables(std::string_view word);

/// Returns the estimated syllables of a word of a language with a formula here (es, fr, pt, ru:
/// vowel groups of the language's alphabet, a French final mute e dropped), English rules for
/// en; 0 for another language.
std::size_t count_syllables(std::string_view word, std::string_view language);

}  // namespace handout
