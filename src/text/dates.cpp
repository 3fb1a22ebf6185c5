#include "text/dates.hpp"

#include "text/language_tag.hpp"
#include "text/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace handout {

namespace {

/// The date words of every language read so far. A later language is one more entry here.
const std::vector<DateWords>& date_word_table() {
  static const std::vector<DateWords> table = {
      {"en",
       {{"january", "jan"},
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
       {"st", "nd", "rd", "th"},
       {"of"}},
  };
  return table;
}

/// Regions where English numeric dates are written month first (the United States, its
/// territories and the Philippines); "" is English with no region.
constexpr std::array<std::string_view, 9> kMonthFirstRegions = {"", "us", "as", "gu", "mp", "pr", "um", "vi", "ph"};

enum class Kind { number, word, punct };

struct Token {
  Kind kind;
  std::string_view text;
  std::size_t begin;
  std::size_t end;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_letter(char32_t cp) {
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

/// Splits s into runs of digits, runs of letters (any script) and single other characters.
std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (is_digit(c)) {
      std::size_t j = i + 1;
      while (j < s.size() && is_digit(s[j])) ++j;
      tokens.push_back({Kind::number, s.substr(i, j - i), i, j});
      i = j;
      continue;
    }
    if (c == ' ' || c == '\t') {
      ++i;  // spaces only separate tokens
      continue;
    }
    std::size_t j = i;
    char32_t cp = text::next_code_point(s, j);
    if (!is_letter(cp)) {
      tokens.push_back({Kind::punct, s.substr(i, j - i), i, j});
      i = j;
      continue;
    }
    std::size_t end = j;
    while (end < s.size()) {
      std::size_t k = end;
      cp = text::next_code_point(s, k);
      if (!is_letter(cp)) break;
      end = k;
    }
    tokens.push_back({Kind::word, s.substr(i, end - i), i, end});
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

int to_int(std::string_view digits) {
  if (digits.size() > 4) return -1;
  int v = 0;
  for (const char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool is_punct(const Token& t, std::string_view p) { return t.kind == Kind::punct && t.text == p; }

/// What was found at one token.
enum class Found { nothing, unreadable, date };

/// Matches the spellings of a date starting at one token, with the words of one language.
class DateMatcher {
 public:
  DateMatcher(const std::vector<Token>& tokens, const DateLocale& locale)
      : t_(tokens), n_(tokens.size()), words_(locale.words ? *locale.words : date_word_table().front()),
        order_(locale.order) {
    for (const auto& spellings : words_.months)
      for (std::string_view w : spellings) longest_ = std::max(longest_, w.size() * 2);  // room for case folding
  }

  /// Tries every spelling at token k; sets the date (day 0: none written) and the last token used.
  Found match(std::size_t k, int& y, int& m, int& d, std::size_t& last) const {
    // ISO: 2024-11-22, 2024/11/22 or 2024.11.22; ISO year and month: 2026-03.
    if (num(k, 4, 4) && k + 2 < n_ && (is_punct(t_[k + 1], "-") || is_punct(t_[k + 1], "/") || is_punct(t_[k + 1], ".")) &&
        num(k + 2, 1, 2)) {
      y = to_int(t_[k].text), m = to_int(t_[k + 2].text);
      if (k + 4 < n_ && t_[k + 3].text == t_[k + 1].text && num(k + 4, 1, 2)) {
        d = to_int(t_[k + 4].text);
        last = k + 4;
        return checked(y, m, d);
      }
      if (is_punct(t_[k + 1], "-") && t_[k + 2].text.size() == 2 && !glued_after(k + 2)) {
        d = 0, last = k + 2;
        return valid_date(y, m, 1) ? Found::date : Found::nothing;
      }
      return Found::nothing;
    }
    if (k < n_ && t_[k].kind == Kind::word) return month_first(k, y, m, d, last);
    return day_first(k, y, m, d, last);
  }

 private:
  bool num(std::size_t i, std::size_t digits_min, std::size_t digits_max) const {
    return i < n_ && t_[i].kind == Kind::number && t_[i].text.size() >= digits_min && t_[i].text.size() <= digits_max;
  }
  /// True when token i is directly followed by a letter, digit or another separator ("2026-03-x").
  bool glued_after(std::size_t i) const {
    return i + 1 < n_ && t_[i + 1].begin == t_[i].end &&
           (t_[i + 1].kind != Kind::punct || is_punct(t_[i + 1], "-") || is_punct(t_[i + 1], "/"));
  }
  static Found checked(int y, int m, int d) { return valid_date(y, m, d) ? Found::date : Found::unreadable; }

  int month_at(std::size_t i) const {
    if (i >= n_ || t_[i].kind != Kind::word || t_[i].text.size() < 3 || t_[i].text.size() > longest_) return 0;
    const std::string folded = folded_word(t_[i].text);
    for (std::size_t m = 0; m < words_.months.size(); ++m)
      if (is_one_of(folded, words_.months[m])) return static_cast<int>(m) + 1;
    return 0;
  }
  bool ordinal_at(std::size_t i) const {
    return i < n_ && t_[i].kind == Kind::word && t_[i].text.size() <= longest_ &&
           is_one_of(folded_word(t_[i].text), words_.ordinal_suffixes);
  }
  /// Day number, with an ordinal suffix written right after it ("5th"); returns the next index or 0.
  std::size_t day_at(std::size_t i, int& day) const {
    if (!num(i, 1, 2)) return 0;
    day = to_int(t_[i].text);
    std::size_t next = i + 1;
    if (ordinal_at(next) && t_[next].begin == t_[i].end) ++next;
    return next;
  }
  /// A dash or slash between a month name and its numbers: "10-Apr-2026", "Apr-10-2026", "10/Apr/2026".
  bool dash_at(std::size_t i) const { return i < n_ && (is_punct(t_[i], "-") || is_punct(t_[i], "/")); }

  /// "April 10, 2026", "June 5th 2026", "Jun. 5 2026", "Apr-10-2026", "June 2026".
  Found month_first(std::size_t k, int& y, int& m, int& d, std::size_t& last) const {
    const int month = month_at(k);
    if (month == 0) return Found::nothing;
    std::size_t i = k + 1;
    if (i < n_ && is_punct(t_[i], ".")) ++i;
    const bool dashed = dash_at(i) && num(i + 1, 1, 2);
    if (dashed) ++i;
    int day = 0;
    if (std::size_t after = day_at(i, day); after != 0) {
      if (dashed) {
        if (!dash_at(after) || t_[after].text != t_[i - 1].text) return Found::nothing;
        ++after;
      }
      if (after < n_ && is_punct(t_[after], ",")) ++after;
      if (!num(after, 4, 4)) return Found::nothing;
      y = to_int(t_[after].text), m = month, d = day, last = after;
      return checked(y, m, d);
    }
    if (i < n_ && is_punct(t_[i], ",")) ++i;
    if (!num(i, 4, 4)) return Found::nothing;
    y = to_int(t_[i].text), m = month, d = 0, last = i;
    return valid_date(y, m, 1) ? Found::date : Found::nothing;
  }

  /// "3 February 2026", "5th of June, 2026", "10-Apr-2026"; numeric 22/11/2024, 3.2.2026, 11/2025.
  Found day_first(std::size_t k, int& y, int& m, int& d, std::size_t& last) const {
    int day = 0;
    std::size_t i = day_at(k, day);
    if (i == 0) return Found::nothing;
    if (i < n_ && t_[i].kind == Kind::word && t_[i].text.size() <= longest_ &&
        is_one_of(folded_word(t_[i].text), words_.day_month_links)) {
      ++i;
    }
    const std::string_view dash = dash_at(i) && i + 1 < n_ && t_[i + 1].kind == Kind::word ? t_[i].text : "";
    if (!dash.empty()) ++i;
    if (i < n_ && t_[i].kind == Kind::word) {
      const int month = month_at(i);
      if (month == 0) return Found::nothing;
      ++i;
      if (i < n_ && is_punct(t_[i], ".")) ++i;
      if (!dash.empty()) {
        if (i >= n_ || t_[i].text != dash) return Found::nothing;
        ++i;
      }
      if (i < n_ && is_punct(t_[i], ",")) ++i;
      if (!num(i, 4, 4)) return Found::nothing;
      y = to_int(t_[i].text), m = month, d = day, last = i;
      return checked(y, m, d);
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
    if (k > 0 && tokens[k - 1].end == tokens[k].begin && tokens[k - 1].kind != Kind::punct) continue;
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
  const std::string language = language_tag::primary(language_tag);
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
