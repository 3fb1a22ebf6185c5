// Reading statistics of a finished tree: words, sentences, reading time and reading grade.
#pragma once

#include "model/document.hpp"

#include <cstddef>

namespace handout {

/// How much there is to read in a document's body and how hard it is.
struct ReadingStats {
  std::size_t words = 0;      ///< words of the body (title, metadata and footnotes excluded)
  std::size_t sentences = 0;  ///< sentences; a paragraph, list item, heading or cell ends one
  std::size_t syllables = 0;  ///< estimated English syllables over all words
  int minutes = 0;            ///< reading time at 200 words a minute, rounded up; 0 for no words
  double grade = 0;           ///< Flesch–Kincaid grade level, one decimal, never below 0; 0 for no words
};

/// Words read per minute by the reading-time estimate (a plain-language reader's pace).
inline constexpr int kWordsPerMinute = 200;

/// Returns the reading statistics of the document's body (everything in the article but info).
/// The grade uses English syllable rules; for other languages it is only a rough guide.
ReadingStats reading_stats(const Document& doc);

/// Returns the estimated number of syllables of one English word (at least 1 when it has a letter
/// or digit, 0 otherwise).
std::size_t count_syllables(std::string_view word);

}  // namespace handout
