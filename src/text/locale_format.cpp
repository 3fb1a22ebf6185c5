#include "text/locale_format.hpp"

#include "text/dates.hpp"
#include "text/language_tag.hpp"

#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/dtptngen.h>
#include <unicode/locid.h>
#include <unicode/numfmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <map>
#include <memory>
#include <set>

namespace handout {

namespace {

/// The primary languages ICU has data for ("fil" for Tagalog).
const std::set<std::string>& icu_languages() {
  static const std::set<std::string> languages = [] {
    std::set<std::string> out;
    int32_t count = 0;
    const icu::Locale* all = icu::Locale::getAvailableLocales(count);
    for (int32_t i = 0; i < count; ++i) out.insert(all[i].getLanguage());
    return out;
  }();
  return languages;
}

/// The ICU locale for a tag, or a bogus locale when ICU has no data for its language.
icu::Locale icu_locale(std::string_view language_tag) {
  std::string tag(language_tag.empty() ? "en" : language_tag);
  std::string primary = language_tag::primary(tag);
  if (primary == "tl") {
    tag = "fil" + tag.substr(2);
    primary = "fil";
  }
  if (icu_languages().count(primary) == 0) {
    icu::Locale bogus;
    bogus.setToBogus();
    return bogus;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale l = icu::Locale::forLanguageTag(tag, status);
  if (U_FAILURE(status)) l = icu::Locale(primary.c_str());
  return l;
}

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

/// "3 out 2026": day, the month's first spelling in the table, year (languages CLDR lacks).
std::string from_table(int y, int m, int d, std::string_view language_tag) {
  const DateWords* words = date_words(language_tag);
  if (!words || words->months.size() != 12 || words->months[static_cast<std::size_t>(m - 1)].empty()) return {};
  const std::string month(words->months[static_cast<std::size_t>(m - 1)].front());
  return (d > 0 ? std::to_string(d) + " " : std::string()) + month + " " + std::to_string(y);
}

/// This thread's Gregorian calendar in UTC (ICU calendars and formatters are not shared between
/// threads; creating them costs more than formatting, so each thread keeps its own).
icu::Calendar* utc_gregorian() {
  thread_local std::unique_ptr<icu::Calendar> calendar = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Calendar> c(icu::Calendar::createInstance(
        icu::TimeZone::createTimeZone("UTC"), icu::Locale("en@calendar=gregorian"), status));
    return U_FAILURE(status) ? nullptr : std::move(c);
  }();
  return calendar.get();
}

/// This thread's value for key, made once by make(); each call site (each Make) keeps its own,
/// at most 64 (a long-running server may be given many odd tags). ICU formatters are not shared
/// between threads, and making or using one costs thousands of instructions.
template <typename Value, typename Make>
Value& kept_per_thread(std::string_view key, Make make) {
  thread_local std::map<std::string, Value, std::less<>> kept;
  if (auto it = kept.find(key); it != kept.end()) return it->second;
  if (kept.size() >= 64) kept.clear();
  return kept.emplace(std::string(key), make()).first->second;
}

/// This thread's formatter for key, made once by make() (null when ICU cannot make it).
template <typename Format, typename Make>
Format* per_thread(std::string_view key, Make make) {
  return kept_per_thread<std::unique_ptr<Format>>(key, make).get();
}

/// The long date format (day_month_year) or month-and-year format of a locale, in UTC; null when
/// ICU cannot make it.
std::unique_ptr<icu::DateFormat> make_date_format(const icu::Locale& locale, bool day_month_year) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateFormat> format;
  if (day_month_year) {
    format.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
  } else {
    std::unique_ptr<icu::DateTimePatternGenerator> gen(icu::DateTimePatternGenerator::createInstance(locale, status));
    const icu::UnicodeString pattern =
        U_SUCCESS(status) ? gen->getBestPattern(icu::UnicodeString("yMMMM"), status) : icu::UnicodeString();
    if (U_SUCCESS(status)) format = std::make_unique<icu::SimpleDateFormat>(pattern, locale, status);
    if (U_FAILURE(status)) format.reset();
  }
  if (format) {
    std::unique_ptr<icu::TimeZone> utc(icu::TimeZone::createTimeZone("UTC"));
    format->setTimeZone(*utc);
  }
  return format;
}

/// The number format of a locale without grouping; null when ICU cannot make it.
std::unique_ptr<icu::NumberFormat> make_number_format(const icu::Locale& locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> format(icu::NumberFormat::createInstance(locale, status));
  if (U_FAILURE(status)) format.reset();
  if (format) format->setGroupingUsed(false);
  return format;
}

/// key + '\n' + tag, the key of a remembered answer.
std::string answer_key(std::string_view key, std::string_view language_tag) {
  std::string k;
  k.reserve(key.size() + 1 + language_tag.size());
  k.append(key).append(1, '\n').append(language_tag);
  return k;
}

/// print() for key in a language, remembered per thread: the same date and page count are
/// printed on every page of a handout.
template <typename Print>
const std::string& remembered(std::string_view key, std::string_view language_tag, Print print) {
  return kept_per_thread<std::string>(answer_key(key, language_tag), print);
}

std::string print_date_now(std::string_view iso, std::string_view language_tag) {
  if (iso.size() != 7 && iso.size() != 10) return std::string(iso);
  for (std::size_t i = 0; i < iso.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash != (iso[i] == '-') || (!dash && (iso[i] < '0' || iso[i] > '9'))) return std::string(iso);
  }
  const int y = std::stoi(std::string(iso.substr(0, 4)));
  const int m = std::stoi(std::string(iso.substr(5, 2)));
  const int d = iso.size() == 10 ? std::stoi(std::string(iso.substr(8, 2))) : 0;
  if (m < 1 || m > 12 || (iso.size() == 10 && (d < 1 || d > 31))) return std::string(iso);

  const icu::Locale locale = icu_locale(language_tag);
  if (locale.isBogus()) {
    const std::string s = from_table(y, m, d, language_tag);
    return s.empty() ? std::string(iso) : s;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::Calendar* gregorian = utc_gregorian();
  if (!gregorian) return std::string(iso);
  gregorian->clear();
  gregorian->set(y, m - 1, d > 0 ? d : 1, 12, 0, 0);
  const UDate when = gregorian->getTime(status);
  if (U_FAILURE(status)) return std::string(iso);

  icu::DateFormat* format =
      d > 0 ? per_thread<icu::DateFormat>(language_tag, [&] { return make_date_format(locale, true); })
            : per_thread<icu::DateFormat>(language_tag, [&] { return make_date_format(locale, false); });
  if (!format) return std::string(iso);
  icu::UnicodeString out;
  format->format(when, out);
  return utf8(out);
}

std::string print_number_now(long long n, std::string_view language_tag) {
  const icu::Locale locale = icu_locale(language_tag);
  if (locale.isBogus()) return std::to_string(n);
  icu::NumberFormat* format = per_thread<icu::NumberFormat>(language_tag, [&] { return make_number_format(locale); });
  if (!format) return std::to_string(n);
  icu::UnicodeString out;
  format->format(static_cast<int64_t>(n), out);
  return utf8(out);
}

}  // namespace

std::string print_date(std::string_view iso, std::string_view language_tag) {
  return remembered(iso, language_tag, [&] { return print_date_now(iso, language_tag); });
}

std::string print_number(long long n, std::string_view language_tag) {
  return remembered(std::to_string(n), language_tag, [&] { return print_number_now(n, language_tag); });
}

std::string language_display_name(std::string_view language_tag) {
  const std::string tag(language_tag.empty() ? "en" : language_tag);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(tag.c_str(), status);
  if (U_FAILURE(status) || locale.isBogus() || std::string(locale.getLanguage()).empty()) return tag;
  icu::UnicodeString own, english;
  locale.getDisplayName(locale, own);
  locale.getDisplayName(icu::Locale::getEnglish(), english);
  std::string own_utf8, english_utf8;
  own.toUTF8String(own_utf8);
  english.toUTF8String(english_utf8);
  if (own_utf8.empty() || own_utf8 == tag) return english_utf8.empty() ? tag : english_utf8;
  return own_utf8 == english_utf8 ? own_utf8 : own_utf8 + " (" + english_utf8 + ")";
}

}  // namespace handout
