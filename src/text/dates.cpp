#include "text/dates.hpp"

#include "text/language_tag.hpp"
#include "text/text.hpp"

#include <unicode/calendar.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

namespace handout {

namespace {

/// The date words of every language read so far: month names as CLDR spells them (ICU 72's
/// format and stand-alone forms, wide and abbreviated) with the variants people also write.
const std::vector<DateWords>& date_word_table() {
  static const std::vector<DateWords> table = {
      {.language = "en",
       .months = {{"january", "jan"},
                  {"february", "feb"},
                  {"march", "mar"},
                  {"april", "apr"},
                  {"may"},
                  {"june", "jun"},
                  {"july", "jul"},
                  {"august", "aug"},
                  {"september", "sep", "sept"},
                  {"october", "oct"},
                  {"november", "nov"},
                  {"december", "dec"}},
       .ordinal_suffixes = {"st", "nd", "rd", "th"},
       .day_month_links = {"of"}},
      {.language = "es",
       .months = {{"enero", "ene"}, {"febrero", "feb"}, {"marzo", "mar"}, {"abril", "abr"}, {"mayo", "may"},
                  {"junio", "jun"}, {"julio", "jul"}, {"agosto", "ago"}, {"septiembre", "setiembre", "sept", "sep"},
                  {"octubre", "oct"}, {"noviembre", "nov"}, {"diciembre", "dic"}},
       .ordinal_suffixes = {"º", "°"},
       .day_month_links = {"de"},
       .month_year_links = {"de", "del"}},
      {.language = "pt",
       .months = {{"janeiro", "jan"}, {"fevereiro", "fev"}, {"março", "marco", "mar"}, {"abril", "abr"}, {"maio", "mai"},
                  {"junho", "jun"}, {"julho", "jul"}, {"agosto", "ago"}, {"setembro", "set"}, {"outubro", "out"},
                  {"novembro", "nov"}, {"dezembro", "dez"}},
       .ordinal_suffixes = {"º", "°"},
       .day_month_links = {"de"},
       .month_year_links = {"de"}},
      {.language = "fr",
       .months = {{"janvier", "janv"}, {"février", "fevrier", "févr", "fevr"}, {"mars"}, {"avril", "avr"}, {"mai"},
                  {"juin"}, {"juillet", "juil"}, {"août", "aout"}, {"septembre", "sept"}, {"octobre", "oct"},
                  {"novembre", "nov"}, {"décembre", "decembre", "déc", "dec"}},
       .ordinal_suffixes = {"er", "ᵉʳ"},
       .day_month_links = {}},
      {.language = "vi",
       .months = {},
       .ordinal_suffixes = {},
       .day_month_links = {},
       .month_year_links = {"năm"},
       .numbered_month = {"tháng", "thg"},
       .day_prefixes = {"ngày"},
       .year_prefixes = {"năm"}},
      {.language = "tl",
       .months = {{"enero", "ene"}, {"pebrero", "peb", "febrero"}, {"marso", "mar"}, {"abril", "abr"}, {"mayo", "may"},
                  {"hunyo", "hun"}, {"hulyo", "hul"}, {"agosto", "ago"}, {"setyembre", "set", "septiyembre"},
                  {"oktubre", "okt"}, {"nobyembre", "nob"}, {"disyembre", "dis"}},
       .ordinal_suffixes = {},
       .day_month_links = {"ng"}},
      {.language = "ht",
       .months = {{"janvye"}, {"fevriye"}, {"mas"}, {"avril"}, {"me"}, {"jen"}, {"jiyè", "jiye"}, {"out", "dawout"},
                  {"septanm"}, {"oktòb", "oktob"}, {"novanm"}, {"desanm"}},
       .ordinal_suffixes = {},
       .day_month_links = {}},
      {.language = "ru",
       .months = {{"января", "январь", "янв"}, {"февраля", "февраль", "февр", "фев"}, {"марта", "март", "мар"},
                  {"апреля", "апрель", "апр"}, {"мая", "май"}, {"июня", "июнь", "июн"}, {"июля", "июль", "июл"},
                  {"августа", "август", "авг"}, {"сентября", "сентябрь", "сент", "сен"}, {"октября", "октябрь", "окт"},
                  {"ноября", "ноябрь", "нояб", "ноя"}, {"декабря", "декабрь", "дек"}},
       .ordinal_suffixes = {},
       .day_month_links = {}},
      {.language = "ar",
       .months = {{"يناير", "كانون الثاني"}, {"فبراير", "شباط"}, {"مارس", "آذار"}, {"أبريل", "ابريل", "إبريل", "نيسان"},
                  {"مايو", "أيار"}, {"يونيو", "يونيه", "حزيران"}, {"يوليو", "يوليه", "تموز"}, {"أغسطس", "اغسطس", "آب"},
                  {"سبتمبر", "أيلول"}, {"أكتوبر", "اكتوبر", "تشرين الأول"}, {"نوفمبر", "تشرين الثاني"},
                  {"ديسمبر", "كانون الأول"}},
       .ordinal_suffixes = {},
       .day_month_links = {}},
      {.language = "fa",
       .months = {{"ژانویه", "ژانویهٔ"}, {"فوریه", "فوریهٔ"}, {"مارس"}, {"آوریل"}, {"مه", "مهٔ", "مى"}, {"ژوئن"},
                  {"ژوئیه", "ژوئیهٔ", "جولای"}, {"اوت", "آگوست"}, {"سپتامبر"}, {"اکتبر"}, {"نوامبر"}, {"دسامبر"}},
       .ordinal_suffixes = {},
       .day_month_links = {},
       .solar_hijri_months = {{"فروردین"}, {"اردیبهشت"}, {"خرداد"}, {"تیر"}, {"مرداد", "امرداد"}, {"شهریور"},
                              {"مهر"}, {"آبان"}, {"آذر"}, {"دی"}, {"بهمن"}, {"اسفند"}}},
      {.language = "hi",
       .months = {{"जनवरी"}, {"फ़रवरी", "फरवरी"}, {"मार्च"}, {"अप्रैल", "अप्रेल"}, {"मई"}, {"जून"}, {"जुलाई"},
                  {"अगस्त"}, {"सितंबर", "सितम्बर"}, {"अक्तूबर", "अक्टूबर"}, {"नवंबर", "नवम्बर"}, {"दिसंबर", "दिसम्बर"}},
       .ordinal_suffixes = {},
       .day_month_links = {}},
      {.language = "bn",
       .months = {{"জানুয়ারী", "জানুয়ারি", "জানু"}, {"ফেব্রুয়ারী", "ফেব্রুয়ারি", "ফেব"}, {"মার্চ"}, {"এপ্রিল"}, {"মে"},
                  {"জুন"}, {"জুলাই"}, {"আগস্ট", "অগাস্ট"}, {"সেপ্টেম্বর"}, {"অক্টোবর"}, {"নভেম্বর"}, {"ডিসেম্বর"}},
       .ordinal_suffixes = {},
       .day_month_links = {}},
      {.language = "zh",
       .months = {},
       .ordinal_suffixes = {},
       .day_month_links = {},
       .ymd_markers = {{"年"}, {"月"}, {"日", "号", "號"}}},
      {.language = "ja",
       .months = {},
       .ordinal_suffixes = {},
       .day_month_links = {},
       .ymd_markers = {{"年"}, {"月"}, {"日"}}},
      {.language = "ko",
       .months = {},
       .ordinal_suffixes = {},
       .day_month_links = {},
       .ymd_markers = {{"년"}, {"월"}, {"일"}}},
  };
  return table;
}

/// Regions where English numeric dates are written month first (the United States, its
/// territories and the Philippines); "" is English with no region.
constexpr std::array<std::string_view, 9> kMonthFirstRegions = {"", "us", "as", "gu", "mp", "pr", "um", "vi", "ph"};

enum class TokenKind { number, word, punct };

struct Token {
  TokenKind kind;
  std::string_view text;
  std::size_t begin;
  std::size_t end;
  std::size_t digits = 0;  ///< a number's digits (of any script: "২০২৬" has 4)
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// A decimal digit of any script (Unicode Nd: "7", "৭", "۷", "٧").
bool is_any_digit(char32_t cp) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ND;
}

bool is_letter(char32_t cp) {
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/// A mark continuing a word (Devanagari and Bengali vowel signs, viramas, nukta; harakat).
bool is_mark(char32_t cp) {
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cp == 0x200C || cp == 0x200D;
}

/// Han ideographs stand alone as tokens ("2026年4月18日" has the markers 年, 月, 日 as words).
bool is_han(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x3FFFF);
}

/// Splits s into runs of digits (of one script or another), runs of letters (any script, with
/// their marks; each Han ideograph alone) and single other characters.
std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t') {
      ++i;  // spaces only separate tokens
      continue;
    }
    std::size_t j = i;
    char32_t cp = text::next_code_point(s, j);
    if (is_any_digit(cp)) {
      std::size_t digits = 1;
      while (j < s.size()) {
        std::size_t k = j;
        if (!is_any_digit(text::next_code_point(s, k))) break;
        j = k;
        ++digits;
      }
      tokens.push_back({TokenKind::number, s.substr(i, j - i), i, j, digits});
      i = j;
      continue;
    }
    if (!is_letter(cp)) {
      tokens.push_back({TokenKind::punct, s.substr(i, j - i), i, j});
      i = j;
      continue;
    }
    std::size_t end = j;
    if (!is_han(cp)) {
      while (end < s.size()) {
        std::size_t k = end;
        cp = text::next_code_point(s, k);
        if (!(is_letter(cp) || is_mark(cp)) || is_han(cp)) break;
        end = k;
      }
    }
    tokens.push_back({TokenKind::word, s.substr(i, end - i), i, end});
    i = end;
  }
  return tokens;
}

bool is_one_of(const std::string& folded, const std::vector<std::string_view>& words) {
  for (std::string_view w : words)
    if (folded == w) return true;
  return false;
}

bool valid_date(int y, int m, int d) {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int max = kDays[static_cast<std::size_t>(m - 1)] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

std::string iso(int y, int m, int d) {
  char buf[16];
  if (d == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  return buf;
}

/// The value of a number token's digits (any script; at most 4 digits, else -1).
int to_int(std::string_view digits) {
  int v = 0, n = 0;
  for (std::size_t i = 0; i < digits.size();) {
    const auto cp = static_cast<UChar32>(text::next_code_point(digits, i));
    const int d = u_charDigitValue(cp);
    if (d < 0 || ++n > 4) return -1;
    v = v * 10 + d;
  }
  return v;
}

/// Converts a Solar Hijri date to the Gregorian calendar (ICU's Persian calendar); false when
/// the day does not exist.
bool from_solar_hijri(int& y, int& m, int& d) {
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > (m <= 6 ? 31 : 30)) return false;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Calendar> persian(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("fa@calendar=persian"), status));
  std::unique_ptr<icu::Calendar> gregorian(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale("en@calendar=gregorian"), status));
  if (U_FAILURE(status)) return false;
  persian->setLenient(false);
  persian->clear();
  persian->set(y, m - 1, d, 12, 0, 0);
  const UDate when = persian->getTime(status);
  if (U_FAILURE(status)) return false;
  gregorian->setTime(when, status);
  y = gregorian->get(UCAL_YEAR, status);
  m = gregorian->get(UCAL_MONTH, status) + 1;
  d = gregorian->get(UCAL_DATE, status);
  return U_SUCCESS(status);
}

bool is_punct(const Token& t, std::string_view p) { return t.kind == TokenKind::punct && t.text == p; }

/// What was found at one token.
enum class Found { nothing, unreadable, date };

/// Matches the spellings of a date starting at one token, with the words of one language.
class DateMatcher {
 public:
  DateMatcher(const std::vector<Token>& tokens, const DateLocale& locale)
      : t_(tokens), n_(tokens.size()), words_(locale.words ? *locale.words : date_word_table().front()),
        order_(locale.order) {
    for (const auto* list : {&words_.months, &words_.solar_hijri_months})
      for (const auto& spellings : *list)
        for (std::string_view w : spellings) longest_ = std::max(longest_, w.size() * 2);  // room for case folding
    for (const auto* list : {&words_.ordinal_suffixes, &words_.day_month_links, &words_.month_year_links,
                             &words_.numbered_month, &words_.day_prefixes, &words_.year_prefixes})
      for (std::string_view w : *list) longest_ = std::max(longest_, w.size() * 2);
  }

  /// Tries every spelling at token k; sets the date (day 0: none written) and the last token used.
  Found match(std::size_t k, int& y, int& m, int& d, std::size_t& last) const {
    // Numbers with markers: 2026年4月18日, 2026년 6월 5일, 2026年4月.
    if (!words_.ymd_markers.empty() && num(k, 4, 4) && marker_at(k + 1, 0) && num(k + 2, 1, 2) && marker_at(k + 3, 1)) {
      y = to_int(t_[k].text), m = to_int(t_[k + 2].text);
      if (num(k + 4, 1, 2) && marker_at(k + 5, 2)) {
        d = to_int(t_[k + 4].text);
        last = k + 5;
        return checked(y, m, d);
      }
      d = 0, last = k + 3;
      return valid_date(y, m, 1) ? Found::date : Found::nothing;
    }
    // ISO: 2024-11-22, 2024/11/22 or 2024.11.22; ISO year and month: 2026-03.
    if (num(k, 4, 4) && k + 2 < n_ && (is_punct(t_[k + 1], "-") || is_punct(t_[k + 1], "/") || is_punct(t_[k + 1], ".")) &&
        num(k + 2, 1, 2)) {
      y = to_int(t_[k].text), m = to_int(t_[k + 2].text);
      if (k + 4 < n_ && t_[k + 3].text == t_[k + 1].text && num(k + 4, 1, 2)) {
        d = to_int(t_[k + 4].text);
        last = k + 4;
        return checked(y, m, d);
      }
      if (is_punct(t_[k + 1], "-") && t_[k + 2].digits == 2 && !glued_after(k + 2)) {
        d = 0, last = k + 2;
        return valid_date(y, m, 1) ? Found::date : Found::nothing;
      }
      return Found::nothing;
    }
    // A word before the day: Vietnamese "ngày 9 tháng 2 năm 2026".
    if (is_word_in(k, words_.day_prefixes) && num(k + 1, 1, 2)) return day_first(k + 1, y, m, d, last);
    if (k < n_ && t_[k].kind == TokenKind::word) return month_first(k, y, m, d, last);
    return day_first(k, y, m, d, last);
  }

 private:
  bool num(std::size_t i, std::size_t digits_min, std::size_t digits_max) const {
    return i < n_ && t_[i].kind == TokenKind::number && t_[i].digits >= digits_min && t_[i].digits <= digits_max;
  }
  /// True when token i is directly followed by a letter, digit or another separator ("2026-03-x").
  bool glued_after(std::size_t i) const {
    return i + 1 < n_ && t_[i + 1].begin == t_[i].end &&
           (t_[i + 1].kind != TokenKind::punct || is_punct(t_[i + 1], "-") || is_punct(t_[i + 1], "/"));
  }
  static Found checked(int y, int m, int d) { return valid_date(y, m, d) ? Found::date : Found::unreadable; }

  bool is_word_in(std::size_t i, const std::vector<std::string_view>& words) const {
    return !words.empty() && i < n_ && t_[i].kind == TokenKind::word && t_[i].text.size() <= longest_ &&
           is_one_of(folded_word(t_[i].text), words);
  }
  /// Token i is a year (0), month (1) or day (2) marker; a day marker may open a longer word
  /// (Korean "5일에": on the 5th).
  bool marker_at(std::size_t i, std::size_t which) const {
    if (i >= n_ || t_[i].kind != TokenKind::word || which >= words_.ymd_markers.size()) return false;
    for (std::string_view w : words_.ymd_markers[which])
      if (t_[i].text == w || (which == 2 && t_[i].text.substr(0, w.size()) == w)) return true;
    return false;
  }

  /// The month named at token i: a name (one or two words: "تشرين الأول"), or a numbered month
  /// (Vietnamese "tháng 2"). Sets next to the token after it and solar for a Solar Hijri name.
  int month_at(std::size_t i, std::size_t& next, bool& solar) const {
    solar = false;
    if (i >= n_ || t_[i].kind != TokenKind::word || t_[i].text.size() < 2 || t_[i].text.size() > longest_) return 0;
    const std::string folded = folded_word(t_[i].text);
    if (is_one_of(folded, words_.numbered_month) && num(i + 1, 1, 2)) {
      const int month = to_int(t_[i + 1].text);
      if (month < 1 || month > 12) return 0;
      next = i + 2;
      return month;
    }
    std::string two;
    if (i + 1 < n_ && t_[i + 1].kind == TokenKind::word) two = folded + " " + folded_word(t_[i + 1].text);
    for (const auto* list : {&words_.months, &words_.solar_hijri_months}) {
      for (std::size_t m = 0; m < list->size(); ++m) {
        for (std::string_view w : (*list)[m]) {
          const bool one = folded == w, pair = !two.empty() && two == w;
          if (!one && !pair) continue;
          next = i + (pair ? 2 : 1);
          solar = list == &words_.solar_hijri_months;
          return static_cast<int>(m) + 1;
        }
      }
    }
    return 0;
  }
  bool ordinal_at(std::size_t i) const { return is_word_in(i, words_.ordinal_suffixes); }
  /// Day number, with an ordinal suffix written right after it ("5th"); returns the next index or 0.
  std::size_t day_at(std::size_t i, int& day) const {
    if (!num(i, 1, 2)) return 0;
    day = to_int(t_[i].text);
    std::size_t next = i + 1;
    if (next < n_ && t_[next].begin == t_[i].end && ordinal_at(next)) ++next;
    else if (next < n_ && t_[next].begin == t_[i].end && t_[next].kind == TokenKind::punct && ordinal_at(next + 1)) next += 2;  // "1.º"
    return next;
  }
  /// Skips what stands between a month and its year: a comma, "de", "năm".
  std::size_t before_year(std::size_t i) const {
    if (i < n_ && is_punct(t_[i], ",")) ++i;
    if (is_word_in(i, words_.month_year_links) || is_word_in(i, words_.year_prefixes)) ++i;
    return i;
  }
  /// A dash or slash between a month name and its numbers: "10-Apr-2026", "Apr-10-2026", "10/Apr/2026".
  bool dash_at(std::size_t i) const { return i < n_ && (is_punct(t_[i], "-") || is_punct(t_[i], "/")); }

  /// The date found, converted from the Solar Hijri calendar when its month was named there.
  static Found solar_checked(bool solar, int& y, int& m, int& d) {
    if (!solar) return checked(y, m, d);
    if (d == 0) {
      int day = 1;
      return from_solar_hijri(y, m, day) ? Found::date : Found::nothing;  // the month's first day's month
    }
    return from_solar_hijri(y, m, d) ? checked(y, m, d) : Found::unreadable;
  }

  /// "April 10, 2026", "June 5th 2026", "Jun. 5 2026", "Apr-10-2026", "June 2026", "Hulyo 8, 2026".
  Found month_first(std::size_t k, int& y, int& m, int& d, std::size_t& last) const {
    std::size_t i = k;
    bool solar = false;
    const int month = month_at(k, i, solar);
    if (month == 0) return Found::nothing;
    if (i < n_ && is_punct(t_[i], ".")) ++i;
    const bool dashed = dash_at(i) && num(i + 1, 1, 2);
    if (dashed) ++i;
    int day = 0;
    if (std::size_t after = day_at(i, day); after != 0) {
      if (dashed) {
        if (!dash_at(after) || t_[after].text != t_[i - 1].text) return Found::nothing;
        ++after;
      }
      after = before_year(after);
      if (!num(after, 4, 4)) return Found::nothing;
      y = to_int(t_[after].text), m = month, d = day, last = after;
      return solar_checked(solar, y, m, d);
    }
    i = before_year(i);
    if (!num(i, 4, 4)) return Found::nothing;
    y = to_int(t_[i].text), m = month, d = 0, last = i;
    if (solar) return solar_checked(solar, y, m, d);
    return valid_date(y, m, 1) ? Found::date : Found::nothing;
  }

  /// "3 February 2026", "5th of June, 2026", "10-Apr-2026", "12 de marzo de 2026", "9 tháng 2
  /// năm 2026"; numeric 22/11/2024, 3.2.2026, 11/2025.
  Found day_first(std::size_t k, int& y, int& m, int& d, std::size_t& last) const {
    int day = 0;
    std::size_t i = day_at(k, day);
    if (i == 0) return Found::nothing;
    if (is_word_in(i, words_.day_month_links)) ++i;
    const std::string_view dash = dash_at(i) && i + 1 < n_ && t_[i + 1].kind == TokenKind::word ? t_[i].text : "";
    if (!dash.empty()) ++i;
    if (i < n_ && t_[i].kind == TokenKind::word) {
      bool solar = false;
      std::size_t next = i;
      const int month = month_at(i, next, solar);
      if (month == 0) return Found::nothing;
      i = next;
      if (i < n_ && is_punct(t_[i], ".")) ++i;
      if (!dash.empty()) {
        if (i >= n_ || t_[i].text != dash) return Found::nothing;
        ++i;
      }
      i = before_year(i);
      if (!num(i, 4, 4)) return Found::nothing;
      y = to_int(t_[i].text), m = month, d = day, last = i;
      return solar_checked(solar, y, m, d);
    }
    if (i != k + 1 || i + 1 >= n_ || !(is_punct(t_[i], "/") || is_punct(t_[i], ".")) || t_[i].begin != t_[k].end) {
      return Found::nothing;
    }
    // Month and year: "11/2025".
    if (is_punct(t_[i], "/") && num(i + 1, 4, 4) && !glued_after(i + 1)) {
      y = to_int(t_[i + 1].text), m = day, d = 0, last = i + 1;
      return valid_date(y, m, 1) ? Found::date : Found::unreadable;
    }
    if (!(i + 3 < n_ && num(i + 1, 1, 2) && t_[i + 2].text == t_[i].text && num(i + 3, 4, 4))) return Found::nothing;
    const int a = day, b = to_int(t_[i + 1].text);
    y = to_int(t_[i + 3].text);
    last = i + 3;
    if (t_[i].text == ".") {
      d = a, m = b;  // 3.2.2026 is day first wherever dots are used.
    } else if (a > 12 && b <= 12) {
      d = a, m = b;
    } else if (b > 12 && a <= 12) {
      m = a, d = b;
    } else if (a > 12 || order_ == NumericOrder::unknown) {
      return Found::unreadable;  // 13/13/2026 is no date; 03/04/2026 with no locale could be March or April
    } else if (order_ == NumericOrder::month_first) {
      m = a, d = b;
    } else {
      d = a, m = b;
    }
    return checked(y, m, d);
  }

  /// A word case-folded: ASCII directly, other scripts through Unicode case folding.
  static std::string folded_word(std::string_view w) {
    bool ascii = true;
    for (const char c : w) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (!ascii) return text::fold_case(w);
    std::string out(w);
    for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
  }

  const std::vector<Token>& t_;
  std::size_t n_;
  const DateWords& words_;
  NumericOrder order_;
  std::size_t longest_ = 0;  // bytes of the longest word worth comparing
};

/// Finds the first date-shaped token run in s; with skip_unreadable, runs that cannot be read
/// are passed over and the first valid date counts. found tells what the result is.
std::optional<DateMatch> scan(std::string_view s, const DateLocale& locale, bool skip_unreadable, Found& found) {
  const std::vector<Token> tokens = tokenize(s);
  const DateMatcher matcher(tokens, locale);
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    // A date starts a token run: not glued to a letter or digit before it ("x2026-01-01").
    // Chinese and Japanese write no spaces: "于2026年4月18日" starts a date after the ideograph.
    if (k > 0 && tokens[k - 1].end == tokens[k].begin && tokens[k - 1].kind != TokenKind::punct) {
      std::size_t at = tokens[k - 1].begin;
      if (!is_han(text::next_code_point(s, at))) continue;
    }
    int y = 0, m = 0, d = 0;
    std::size_t last = 0;
    found = matcher.match(k, y, m, d, last);
    if (found == Found::date) return DateMatch{iso(y, m, d), tokens[k].begin, tokens[last].end};
    if (found == Found::unreadable) {
      if (!skip_unreadable) return DateMatch{{}, tokens[k].begin, tokens[last].end};
      k = last;
    }
  }
  found = Found::nothing;
  return std::nullopt;
}

}  // namespace

const DateWords* date_words(std::string_view language_tag) {
  std::string language = language_tag::primary(language_tag);
  if (language == "fil") language = "tl";  // Filipino: the Tagalog entry
  for (const DateWords& w : date_word_table())
    if (w.language == language) return &w;
  return nullptr;
}

DateLocale date_locale(std::string_view language_tag) {
  DateLocale locale;
  locale.words = date_words(language_tag);
  if (text::trim(language_tag).empty()) return locale;
  const std::string region = language_tag::region(language_tag);
  bool month_first = false;
  if (language_tag::primary(language_tag) == "en") {
    for (std::string_view r : kMonthFirstRegions) month_first = month_first || region == r;
  }
  locale.order = month_first ? NumericOrder::month_first : NumericOrder::day_first;
  return locale;
}

std::optional<DateMatch> find_date(std::string_view s, const DateLocale& locale) {
  Found found = Found::nothing;
  return scan(s, locale, true, found);
}

std::optional<DateMatch> find_unreadable_date(std::string_view s, const DateLocale& locale) {
  Found found = Found::nothing;
  auto m = scan(s, locale, false, found);
  if (!m || found != Found::unreadable) return std::nullopt;
  return m;
}

std::optional<std::string> normalize_date(std::string_view s, const DateLocale& locale) {
  const std::string_view trimmed = text::trim(s);
  auto match = find_date(trimmed, locale);
  if (!match || match->begin != 0) return std::nullopt;
  std::string_view rest = trimmed.substr(match->end);
  // Allow an ISO time after an ISO date: 2024-11-22T10:00:00Z or "2024-11-22 10:00".
  if (!rest.empty() && (rest[0] == 'T' || rest[0] == ' ')) {
    const std::string_view time = text::trim(rest.substr(1));
    bool time_like = !time.empty() && is_digit(time[0]);
    for (const char c : time) {
      if (!(is_digit(c) || c == ':' || c == '.' || c == '+' || c == '-' || c == 'Z')) time_like = false;
    }
    if (time_like) rest = {};
  }
  if (!text::trim(rest).empty()) return std::nullopt;
  return match->iso;
}

}  // namespace handout
