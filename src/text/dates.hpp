// Dates as people write them, normalized to ISO 8601. The words of dates (month names, ordinal
// suffixes, the "of" in "5th of June") are data, one entry per language; the order of numeric
// dates (03/04/2026) depends on the region and is given by a DateLocale.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// How a language writes dates in words. Every spelling is lowercase (compared case-folded).
struct DateWords {
  std::string_view language;  ///< BCP 47 primary language subtag: "en"
  /// Spellings of each month, January first: full names and abbreviations ("sep", "sept").
  std::vector<std::vector<std::string_view>> months;
  std::vector<std::string_view> ordinal_suffixes;  ///< written right after a day number: "5th"
  std::vector<std::string_view> day_month_links;   ///< between a day and its month: "5th of June"
};

/// Returns the date words of a language tag's primary subtag ("en-GB" gives English), or
/// nullptr when no entry exists for it. English is the only entry so far.
const DateWords* date_words(std::string_view language_tag);

/// How a numeric date with two small numbers (03/04/2026) is read.
enum class NumericOrder {
  unknown,      ///< only when one number is over 12 (22/11/2024); 03/04/2026 is not read
  month_first,  ///< MM/DD/YYYY: the United States and English with no region
  day_first,    ///< DD/MM/YYYY: most other places
};

/// What a date is read with: the words of a language and the order of numeric dates.
struct DateLocale {
  const DateWords* words = nullptr;  ///< nullptr means English
  NumericOrder order = NumericOrder::unknown;
};

/// Returns the locale for a BCP 47 tag: English words when the language has no entry;
/// month first for "en", "en-US" and the other places that write MM/DD/YYYY, day first for
/// every other tag, unknown for an empty tag.
DateLocale date_locale(std::string_view language_tag);

/// A date found in a line of text.
struct DateMatch {
  std::string iso;        ///< "YYYY-MM-DD", or "YYYY-MM" when no day was written
  std::size_t begin = 0;  ///< byte offset of the first character of the date
  std::size_t end = 0;    ///< byte offset just past the date
};

/// Finds the first date in s. Understands ISO ("2024-11-22", with or without a time; "2026-03"),
/// "April 10, 2026", "June 5th 2026", "Jun. 5 2026", "3 February 2026", "5th of June 2026",
/// "June 2026", numeric day and month by locale ("02/10/2026"; "22/11/2024" in any locale when
/// one number is over 12), "11/2025" (month and year), "3.2.2026" (day first), "2026.04.10",
/// and month names between dashes or slashes ("10-Apr-2026", "Apr-10-2026").
/// Returns nullopt when s holds no valid calendar date.
std::optional<DateMatch> find_date(std::string_view s, const DateLocale& locale = {});

/// Finds the first thing shaped like a date that cannot be read as one: no such day
/// ("13/13/2026", "February 30, 2026") or, with an unknown order, an ambiguous "03/04/2026".
/// begin and end locate it; iso is empty. Returns nullopt when there is none before the first
/// valid date.
std::optional<DateMatch> find_unreadable_date(std::string_view s, const DateLocale& locale = {});

/// Returns the ISO 8601 form when s (trimmed) is a date and nothing else, else nullopt.
std::optional<std::string> normalize_date(std::string_view s, const DateLocale& locale = {});

}  // namespace handout
