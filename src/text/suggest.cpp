#include "text/suggest.hpp"

#include <algorithm>
#include <limits>

namespace handout {

namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic-programming table suffice for the swap rule.
  std::vector<std::size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1])) {
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      }
    }
    before.swap(prev);
    prev.swap(cur);
  }
  return prev[b.size()];
}

std::vector<std::string> nearest_names(std::string_view typed, std::span<const std::string> names) {
  const std::size_t limit = std::clamp<std::size_t>(typed.size() / 3, 1, 3);
  std::size_t best = std::numeric_limits<std::size_t>::max();
  std::vector<std::string> out;
  for (const std::string& n : names) {
    const std::size_t d = edit_distance(typed, n);
    if (d > limit || d > best || d == 0) continue;
    if (d < best) out.clear();
    best = d;
    out.push_back(n);
  }
  if (!out.empty() || typed.size() < 2) return out;
  for (const std::string& n : names) {
    if (n.size() > typed.size() && std::equal(typed.begin(), typed.end(), n.begin(),
                                              [](char x, char y) { return fold(x) == fold(y); })) {
      out.push_back(n);
    }
  }
  return out;
}

std::string did_you_mean(std::string_view typed, std::span<const std::string> names) {
  const std::vector<std::string> near = nearest_names(typed, names);
  if (near.empty()) return {};
  std::string out = "; did you mean ";
  for (std::size_t i = 0; i < near.size(); ++i) {
    if (i > 0) out += i + 1 == near.size() ? " or " : ", ";
    out += "'" + near[i] + "'";
  }
  return out + "?";
}

}  // namespace handout
