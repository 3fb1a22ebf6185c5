#include "text/dates.hpp"

#include "text/text.hpp"

#include <array>
#include <cstdio>
#include <vector>

namespace handout {

namespace {

enum class Kind { number, word, punct };

struct Token {
  Kind kind;
  std::string_view text;
  std::size_t begin;
  std::size_t end;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    std::size_t j = i + 1;
    if (is_digit(c)) {
      while (j < s.size() && is_digit(s[j])) ++j;
      tokens.push_back({Kind::number, s.substr(i, j - i), i, j});
    } else if (is_alpha(c)) {
      while (j < s.size() && is_alpha(s[j])) ++j;
      tokens.push_back({Kind::word, s.substr(i, j - i), i, j});
    } else if (c == ' ' || c == '\t') {
      // Spaces only separate tokens.
    } else {
      // Multi-byte characters count as one punctuation token each.
      const unsigned char u = static_cast<unsigned char>(c);
      if (u >= 0xC0) {
        while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
      }
      tokens.push_back({Kind::punct, s.substr(i, j - i), i, j});
    }
    i = j;
  }
  return tokens;
}

int month_from_name(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kNames = {"january", "february", "march",     "april",
                                                              "may",     "june",     "july",      "august",
                                                              "september", "october", "november", "december"};
  if (w.size() < 3) return 0;
  std::string lower(w);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (std::size_t m = 0; m < kNames.size(); ++m) {
    if (lower == kNames[m]) return static_cast<int>(m) + 1;
    if (lower.size() == 3 && kNames[m].substr(0, 3) == lower) return static_cast<int>(m) + 1;
  }
  if (lower == "sept") return 9;
  return 0;
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

bool is_ordinal_suffix(const Token& t) {
  if (t.kind != Kind::word) return false;
  std::string lower(t.text);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower == "st" || lower == "nd" || lower == "rd" || lower == "th";
}

bool is_punct(const Token& t, std::string_view p) { return t.kind == Kind::punct && t.text == p; }

/// Tries every spelling at token k; on success sets the date and the index of the last token used.
bool match_at(const std::vector<Token>& t, std::size_t k, int& y, int& m, int& d, std::size_t& last) {
  const std::size_t n = t.size();
  auto num = [&](std::size_t i, std::size_t digits_min, std::size_t digits_max) {
    return i < n && t[i].kind == Kind::number && t[i].text.size() >= digits_min && t[i].text.size() <= digits_max;
  };
  // Day number, with an ordinal suffix written right after it ("5th"); returns the next index.
  auto day_at = [&](std::size_t i, int& day) -> std::size_t {
    if (!num(i, 1, 2)) return 0;
    day = to_int(t[i].text);
    std::size_t next = i + 1;
    if (next < n && is_ordinal_suffix(t[next]) && t[next].begin == t[i].end) ++next;
    return next;
  };
  // A dash or slash between a month name and its numbers: "10-Apr-2026", "Apr-10-2026", "10/Apr/2026".
  auto dash_at = [&](std::size_t i) { return i < n && (is_punct(t[i], "-") || is_punct(t[i], "/")); };
  // ISO: 2024-11-22, 2024/11/22 or 2024.11.22.
  if (num(k, 4, 4) && k + 4 < n && (is_punct(t[k + 1], "-") || is_punct(t[k + 1], "/") || is_punct(t[k + 1], ".")) &&
      num(k + 2, 1, 2) &&
      t[k + 3].text == t[k + 1].text && num(k + 4, 1, 2)) {
    y = to_int(t[k].text), m = to_int(t[k + 2].text), d = to_int(t[k + 4].text);
    last = k + 4;
    return valid_date(y, m, d);
  }
  // Month first: "April 10, 2026", "June 5th 2026", "Jun. 5 2026", "June 2026".
  if (k < n && t[k].kind == Kind::word) {
    const int month = month_from_name(t[k].text);
    if (month == 0) return false;
    std::size_t i = k + 1;
    if (i < n && is_punct(t[i], ".")) ++i;
    const bool dashed = dash_at(i) && num(i + 1, 1, 2);
    if (dashed) ++i;
    int day = 0;
    if (std::size_t after = day_at(i, day); after != 0) {
      if (dashed) {
        if (!dash_at(after) || t[after].text != t[i - 1].text) return false;
        ++after;
      }
      if (after < n && is_punct(t[after], ",")) ++after;
      if (num(after, 4, 4)) {
        y = to_int(t[after].text), m = month, d = day;
        last = after;
        return valid_date(y, m, d);
      }
      return false;
    }
    if (i < n && is_punct(t[i], ",")) ++i;
    if (num(i, 4, 4)) {
      y = to_int(t[i].text), m = month, d = 0;
      last = i;
      return valid_date(y, m, 1);
    }
    return false;
  }
  // Day first: "3 February 2026", "5th of June, 2026"; or numeric 22/11/2024, 3.2.2026.
  int day = 0;
  std::size_t i = day_at(k, day);
  if (i == 0) return false;
  if (i < n && t[i].kind == Kind::word && (t[i].text == "of" || t[i].text == "Of")) ++i;
  const std::string_view dash = dash_at(i) && i + 1 < n && t[i + 1].kind == Kind::word ? t[i].text : "";
  if (!dash.empty()) ++i;
  if (i < n && t[i].kind == Kind::word) {
    const int month = month_from_name(t[i].text);
    if (month == 0) return false;
    ++i;
    if (i < n && is_punct(t[i], ".")) ++i;
    if (!dash.empty()) {
      if (i >= n || t[i].text != dash) return false;
      ++i;
    }
    if (i < n && is_punct(t[i], ",")) ++i;
    if (num(i, 4, 4)) {
      y = to_int(t[i].text), m = month, d = day;
      last = i;
      return valid_date(y, m, d);
    }
    return false;
  }
  if (i == k + 1 && i + 3 < n && (is_punct(t[i], "/") || is_punct(t[i], ".")) && num(i + 1, 1, 2) &&
      t[i + 2].text == t[i].text && num(i + 3, 4, 4)) {
    const int a = day, b = to_int(t[i + 1].text);
    y = to_int(t[i + 3].text);
    last = i + 3;
    if (t[i].text == ".") {
      d = a, m = b;  // 3.2.2026 is day first wherever dots are used.
    } else if (a > 12 && b <= 12) {
      d = a, m = b;
    } else if (b > 12 && a <= 12) {
      m = a, d = b;
    } else {
      return false;  // 03/04/2026 could be March or April: do not guess.
    }
    return valid_date(y, m, d);
  }
  return false;
}

}  // namespace

std::optional<DateMatch> find_date(std::string_view s) {
  const std::vector<Token> tokens = tokenize(s);
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    // A date starts a token run: not glued to a preceding letter or digit.
    int y = 0, m = 0, d = 0;
    std::size_t last = 0;
    if (match_at(tokens, k, y, m, d, last)) return DateMatch{iso(y, m, d), tokens[k].begin, tokens[last].end};
  }
  return std::nullopt;
}

std::optional<std::string> normalize_date(std::string_view s) {
  const std::string_view trimmed = text::trim(s);
  auto match = find_date(trimmed);
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
