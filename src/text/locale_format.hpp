// Dates and numbers printed the way a language writes them: CLDR's patterns through ICU
// (DateFormat's long date, the locale's default digits and calendar), with the month names of
// text/dates.hpp for a language CLDR does not have (Haitian Creole).
#pragma once

#include <string>
#include <string_view>

namespace handout {

/// Returns an ISO 8601 date ("2026-03-12", or "2026-03" for a month) in the language's long
/// form: "12 de marzo de 2026", "2026年3月12日", "March 12, 2026", "۲۱ اسفند ۱۴۰۴" (Persian
/// writes the Solar Hijri calendar). Returns iso unchanged when it is not such a date or
/// neither ICU nor the month table knows the language.
std::string print_date(std::string_view iso, std::string_view language_tag);

/// Returns a whole number in the language's default digits ("١٢" in Arabic, "12" in English),
/// without grouping separators.
std::string print_number(long long n, std::string_view language_tag);

/// Returns a language's name as its readers write it, with the English name after it when they
/// differ: "español (Spanish)", "中文 (Chinese)", "English". Returns the tag itself when ICU does
/// not know the language.
std::string language_display_name(std::string_view language_tag);

}  // namespace handout
