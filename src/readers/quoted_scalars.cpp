#include "readers/quoted_scalars.hpp"

#include <vector>

namespace handout {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/// The lines of yaml, without their newline.
std::vector<std::string_view> yaml_lines(std::string_view yaml) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= yaml.size()) {
    std::size_t end = yaml.find('\n', start);
    if (end == std::string_view::npos) end = yaml.size();
    lines.push_back(yaml.substr(start, end - start));
    if (end == yaml.size()) break;
    start = end + 1;
  }
  return lines;
}

/// Count of leading spaces.
int indent_of(std::string_view line) {
  int n = 0;
  while (static_cast<std::size_t>(n) < line.size() && line[n] == ' ') ++n;
  return n;
}

bool blank(std::string_view line) {
  for (char c : line) {
    if (!is_space(c)) return false;
  }
  return true;
}

}  // namespace

std::optional<QuotedScalarError> find_broken_quoted_scalar(std::string_view yaml) {
  const std::vector<std::string_view> lines = yaml_lines(yaml);
  int flow_depth = 0;            // open [ and { around the current position
  int block_scalar_indent = -1;  // inside a | or > block scalar: the indentation of its key's line
  std::size_t li = 0;
  while (li < lines.size()) {
    const int indent = indent_of(lines[li]);
    if (block_scalar_indent >= 0) {
      if (blank(lines[li]) || indent > block_scalar_indent) {
        ++li;
        continue;
      }
      block_scalar_indent = -1;
    }
    bool value_start = true;  // the next non-space character may open a scalar
    std::size_t i = 0;
    // Scans lines[li] from i; a quoted scalar may move li on to the line it closes on.
    while (i < lines[li].size()) {
      const std::string_view line = lines[li];
      const char c = line[i];
      if (is_space(c)) {
        ++i;
        continue;
      }
      if (c == '#' && (i == 0 || is_space(line[i - 1]))) break;  // a comment
      if (value_start && (c == '"' || c == '\'')) {
        const int open_line = static_cast<int>(li);
        const int open_column = static_cast<int>(i);
        std::size_t p = i + 1;
        for (;;) {
          const std::string_view cur = lines[li];
          while (p < cur.size()) {
            if (c == '"' && cur[p] == '\\') {
              p += 2;  // an escape: the next character is taken as it is
            } else if (c == '\'' && cur[p] == '\'' && p + 1 < cur.size() && cur[p + 1] == '\'') {
              p += 2;  // '' is an escaped single quote
            } else if (cur[p] == c) {
              break;
            } else {
              ++p;
            }
          }
          if (p < cur.size()) break;  // closed at p
          if (li + 1 == lines.size()) {
            return QuotedScalarError{open_line, open_column, c, -1};
          }
          const std::string_view next = lines[++li];
          if (flow_depth == 0 && !blank(next) && indent_of(next) <= indent) {
            return QuotedScalarError{open_line, open_column, c, static_cast<int>(li)};
          }
          p = 0;
        }
        i = p + 1;
        value_start = false;
        continue;
      }
      if (value_start && (c == '|' || c == '>')) {
        block_scalar_indent = indent;
        break;
      }
      if (value_start && (c == '[' || c == '{')) {
        ++flow_depth;
      } else if (flow_depth > 0 && (c == ']' || c == '}')) {
        --flow_depth;
        value_start = false;
      } else if (flow_depth > 0 && c == ',') {
        value_start = true;
      } else if ((c == '-' || c == '?' || c == ':') && (i + 1 == line.size() || is_space(line[i + 1]))) {
        value_start = true;  // "- item", "? key", "key: value"
      } else {
        value_start = false;
      }
      ++i;
    }
    ++li;
  }
  return std::nullopt;
}

}  // namespace handout
