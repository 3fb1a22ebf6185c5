// Dates as people write them, normalized to ISO 8601.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace handout {

/// A date found in a line of text.
struct DateMatch {
  std::string iso;        ///< "YYYY-MM-DD", or "YYYY-MM" when no day was written
  std::size_t begin = 0;  ///< byte offset of the first character of the date
  std::size_t end = 0;    ///< byte offset just past the date
};

/// Finds the first date in s. Understands ISO ("2024-11-22", with or without a time),
/// "April 10, 2026", "June 5th 2026", "Jun. 5 2026", "3 February 2026", "5th of June 2026",
/// "June 2026", "22/11/2024" and "11/22/2024" when unambiguous, "3.2.2026" (day first),
/// "2026.04.10", and month names between dashes or slashes ("10-Apr-2026", "Apr-10-2026").
/// Returns nullopt when s holds no valid calendar date.
std::optional<DateMatch> find_date(std::string_view s);

/// Returns the ISO 8601 form when s (trimmed) is a date and nothing else, else nullopt.
std::optional<std::string> normalize_date(std::string_view s);

}  // namespace handout
