#include "text/metadata_lines.hpp"

#include "text/dates.hpp"
#include "text/line_shape.hpp"
#include "model/metadata.hpp"
#include "text/text.hpp"

#include <array>

namespace handout {

namespace {

constexpr std::size_t kMaxLineBytes = 1000;  // longer text is never a metadata line
constexpr std::size_t kMaxBylineWords = 35;
constexpr std::size_t kMaxCopyrightWords = 60;
constexpr std::size_t kMaxDatePrefixWords = 7;
constexpr std::size_t kMaxDateSuffixWords = 8;
constexpr std::size_t kMaxNameWords = 6;

bool contains_any(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words)
    if (s.find(w) != std::string_view::npos) return true;
  return false;
}

/// Splits a byline at "·", "|", "•" and dashes with spaces around them.
std::vector<std::string_view> byline_parts(std::string_view line) {
  static constexpr std::array<std::string_view, 6> kSeparators = {"\xC2\xB7", "|", "\xE2\x80\xA2",
                                                                  " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - "};
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < line.size();) {
    const char c = line[i];
    if (c != '\xC2' && c != '|' && c != '\xE2' && c != ' ') {  // no separator starts here
      ++i;
      continue;
    }
    std::size_t hit = 0;
    for (std::string_view sep : kSeparators) {
      if (line.substr(i, sep.size()) == sep) {
        hit = sep.size();
        break;
      }
    }
    if (hit == 0) {
      ++i;
      continue;
    }
    if (auto part = text::trim(line.substr(start, i - start)); !part.empty()) parts.push_back(part);
    i += hit;
    start = i;
  }
  if (auto part = text::trim(line.substr(start)); !part.empty()) parts.push_back(part);
  return parts;
}

/// Drops a trailing " on", ",", ":" or "." from a name or a keyword phrase.
std::string_view strip_tail(std::string_view s) {
  for (bool again = true; again;) {
    again = false;
    s = text::trim(s);
    for (std::string_view tail : {",", ":", ".", " on", " On"}) {
      if (s.size() > tail.size() && s.substr(s.size() - tail.size()) == tail) {
        s.remove_suffix(tail.size());
        again = true;
      }
    }
  }
  return s;
}

/// Returns the name after "by " in s (up to " on" or the end), or empty.
std::string name_after_by(std::string_view s) {
  const std::string folded = text::fold_case(s);
  std::size_t at = std::string::npos;
  if (folded.rfind("by ", 0) == 0) {
    at = 3;
  } else if (const std::size_t p = folded.find(" by "); p != std::string::npos) {
    at = p + 4;
  }
  if (at == std::string::npos) return {};
  std::string_view name = s.substr(at);
  if (const std::size_t on = name.find(" on "); on != std::string_view::npos) name = name.substr(0, on);
  name = strip_tail(name);
  if (name.empty() || line_shape::word_count(name) > kMaxNameWords || !line_shape::starts_with_capital_or_digit(name)) {
    return {};
  }
  for (const char c : name)
    if (c >= '0' && c <= '9') return {};
  return std::string(name);
}

bool is_reading_time(std::string_view part) {
  const std::vector<std::string> w = text::split_words(text::fold_case(part));
  if (w.empty() || w.size() > 6) return false;
  std::size_t i = 0;
  bool keyworded = false;
  if (w.size() >= 2 && (w[0] == "reading" || w[0] == "read") && (w[1] == "time" || w[1] == "time:")) {
    i = 2, keyworded = true;
  }
  if (i < w.size() && (w[i] == "about" || w[i] == "approx." || w[i] == "~")) ++i;
  if (i >= w.size()) return false;
  // "4", "4-minute", "4min".
  std::string_view number = w[i];
  std::size_t digits = 0;
  while (digits < number.size() && number[digits] >= '0' && number[digits] <= '9') ++digits;
  if (digits == 0) return false;
  std::string_view unit = number.substr(digits);
  if (!unit.empty() && unit[0] == '-') unit.remove_prefix(1);
  ++i;
  if (unit.empty() && i < w.size()) unit = w[i++];
  if (!(unit == "min" || unit == "mins" || unit == "minute" || unit == "minutes" || unit == "min." ||
        unit == "mins.")) {
    return false;
  }
  const bool read = i < w.size() && (w[i] == "read" || w[i] == "read." || w[i] == "reading");
  if (read) ++i;
  return i == w.size() && (keyworded || read);
}

/// Reads one part of a byline into out. Returns false when the part is not understood.
bool read_part(std::string_view part, MetadataLine& out) {
  if (is_reading_time(part)) {
    out.reading_time = true;
    return true;
  }
  const std::string folded = text::fold_case(part);
  if (auto date = find_date(part)) {
    const std::string_view prefix = text::trim(part.substr(0, date->begin));
    const std::string_view suffix = text::trim(part.substr(date->end));
    if (line_shape::word_count(prefix) > kMaxDatePrefixWords || line_shape::word_count(suffix) > kMaxDateSuffixWords) {
      return false;
    }
    const std::string p = text::fold_case(prefix);
    const bool updated = contains_any(p, {"updated", "edited", "reviewed", "modified", "revised", "refreshed"});
    const bool published = contains_any(p, {"published", "posted", "written", "created", "released", "dated",
                                            "date", "issued"});
    const std::string by = name_after_by(prefix);
    if (!updated && !published && by.empty() && !prefix.empty()) return false;
    (updated ? out.updated : out.published) = date->iso;
    if (!by.empty()) (updated && p.find("reviewed") != std::string::npos ? out.reviewers : out.authors).push_back(by);
    // "… by Sam Lee" names an author; "… by the editorial team" names nobody in particular.
    if (const std::string after = name_after_by(suffix); !after.empty()) out.authors.push_back(after);
    return true;
  }
  if (folded.rfind("by ", 0) == 0 || folded.rfind("written by ", 0) == 0 || folded.rfind("author: ", 0) == 0) {
    const std::string name = folded.rfind("author: ", 0) == 0 ? std::string(strip_tail(part.substr(8)))
                                                               : name_after_by(part);
    if (name.empty()) return false;
    out.authors.push_back(name);
    return true;
  }
  if (contains_any(folded, {"reviewed by "})) {
    const std::string name = name_after_by(part);
    if (name.empty() || line_shape::word_count(part) > kMaxNameWords + 3) return false;
    out.reviewers.push_back(name);
    return true;
  }
  if (line_shape::is_label_like(part, 4)) {
    for (const char c : part)
      if (c >= '0' && c <= '9') return false;
    out.labels.emplace_back(part);
    return true;
  }
  return false;
}

/// Reads "Source: URL", "Retrieved from "URL"" and the like; returns the URL or empty.
std::string source_line_url(std::string_view line) {
  std::size_t at = line.find("https://");
  if (at == std::string_view::npos) at = line.find("http://");
  if (at == std::string_view::npos) return {};
  std::string prefix = text::fold_case(text::trim(line.substr(0, at)));
  while (!prefix.empty() && (prefix.back() == ':' || prefix.back() == '"' || prefix.back() == ' ')) prefix.pop_back();
  if (prefix.size() >= 3 && prefix.substr(prefix.size() - 3) == "\xE2\x80\x9C") prefix.resize(prefix.size() - 3);
  while (!prefix.empty() && prefix.back() == ' ') prefix.pop_back();
  static constexpr std::array<std::string_view, 10> kPrefixes = {
      "source", "retrieved from", "originally published at", "originally published on", "available at",
      "available from", "canonical url", "url", "web address", "read it online at"};
  bool known = false;
  for (std::string_view p : kPrefixes) known = known || prefix == p;
  if (!known) return {};
  std::string_view rest = line.substr(at);
  std::size_t end = rest.find_first_of(" \t\"<>");
  if (const std::size_t q = rest.find("\xE2\x80\x9D"); q < end) end = q;
  std::string_view url = rest.substr(0, end);
  std::string_view after = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  // Only closing quotes and a final full stop may follow the address.
  for (std::string_view allowed : {"\"", "\xE2\x80\x9D", "."}) {
    after = text::trim(after);
    if (after.substr(0, allowed.size()) == allowed) after.remove_prefix(allowed.size());
  }
  if (!text::trim(after).empty()) return {};
  while (!url.empty() && (url.back() == '.' || url.back() == ',' || url.back() == ';')) url.remove_suffix(1);
  return std::string(url);
}

bool is_copyright_line(std::string_view line) {
  const std::string_view t = text::trim(line);
  if (line_shape::word_count(t) > kMaxCopyrightWords) return false;
  if (t.substr(0, 2) == "\xC2\xA9" || t.substr(0, 3) == "(c)" || t.substr(0, 3) == "(C)" ||
      text::starts_with_nocase(t, "copyright")) {
    return parse_copyright(t).has_value() || text::fold_case(t).find("all rights reserved") != std::string::npos;
  }
  const std::string folded = text::fold_case(t);
  if (folded.find("all rights reserved") != std::string::npos) return true;
  // Licence lines: "Text is available under the Creative Commons … License", "Licensed under CC BY 4.0".
  const bool licence = contains_any(folded, {"licen", "creative commons", "public domain"});
  return licence && (contains_any(folded, {"available under", "licensed under", "released under", "published under"}) ||
                     folded.rfind("licen", 0) == 0);
}

}  // namespace

MetadataLine classify_metadata_line(std::string_view line) {
  MetadataLine out;
  line = text::trim(line);
  if (line.empty() || line.size() > kMaxLineBytes) return out;
  // Longer than a copyright line may be, and so than a byline or a source line (a few words
  // and one address): most paragraphs stop here.
  if (line_shape::word_count(line) > kMaxCopyrightWords) return out;
  if (is_copyright_line(line)) {
    out.kind = MetadataLineKind::copyright;
    return out;
  }
  if (std::string url = source_line_url(line); !url.empty()) {
    out.kind = MetadataLineKind::source;
    out.source_url = std::move(url);
    return out;
  }
  if (line_shape::word_count(line) > kMaxBylineWords) return out;
  MetadataLine parsed;
  for (std::string_view part : byline_parts(line)) {
    if (!read_part(part, parsed)) return out;
  }
  if (!parsed.dated() && parsed.authors.empty()) return out;
  parsed.kind = MetadataLineKind::byline;
  return parsed;
}

}  // namespace handout
