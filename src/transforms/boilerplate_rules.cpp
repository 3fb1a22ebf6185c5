#include "transforms/boilerplate_rules.hpp"

#include "model/resources.hpp"
#include "readers/article_blocks.hpp"
#include "text/text.hpp"

#include <yaml-cpp/yaml.h>

#include <bitset>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace handout {

namespace {

constexpr std::size_t kMaxFurnitureBytes = 300;

/// Lowercases, collapses spaces, straightens curly quotes and drops a final . ! ? or :.
std::string normalize(std::string_view s) {
  std::string t = text::fold_case(text::collapse_whitespace(s));
  for (const auto& [curly, straight] : {std::pair<std::string_view, std::string_view>{"\xE2\x80\x99", "'"},
                                        {"\xE2\x80\x98", "'"},
                                        {"\xE2\x80\x9C", "\""},
                                        {"\xE2\x80\x9D", "\""}}) {
    for (std::size_t p = t.find(curly); p != std::string::npos; p = t.find(curly, p)) {
      t.replace(p, curly.size(), straight);
    }
  }
  while (!t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?' || t.back() == ':' || t.back() == ' ')) {
    t.pop_back();
  }
  return t;
}

std::runtime_error file_error(const std::string& file, int line, const std::string& what) {
  return std::runtime_error(file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + what);
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw file_error(p.string(), 0, "cannot read boilerplate rules");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

namespace {

std::string ascii_lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

/// A pattern that, matched case-sensitively against ASCII-lowercased text, matches what the
/// pattern matches with std::regex::icase (which folds ASCII only, and looks up the locale's
/// ctype facet for every character it compares: most of a match's time). The character after a
/// backslash keeps its case: \S and \s differ. Empty for a pattern naming characters by code
/// (\x41, \u0041, \cJ), whose letters the lowercasing would miss.
std::string lowered_pattern(std::string_view pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      if (pattern[i + 1] == 'x' || pattern[i + 1] == 'u' || pattern[i + 1] == 'c') return {};
      out += pattern[i];
      out += pattern[++i];
    } else {
      out += static_cast<char>(pattern[i] >= 'A' && pattern[i] <= 'Z' ? pattern[i] - 'A' + 'a' : pattern[i]);
    }
  }
  return out;
}

/// The index of the ')' closing the group, or of the ']' closing the class, that opens at
/// pattern[open] (escapes, nested groups and classes inside groups skipped); pattern.size() when
/// it is never closed. The group's top-level alternatives start after each '|' put in bars.
std::size_t group_end(std::string_view pattern, std::size_t open, std::vector<std::size_t>* bars = nullptr) {
  const bool is_class = pattern[open] == '[';
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = open; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
    } else if (in_class) {
      in_class = pattern[i] != ']';
    } else if (pattern[i] == '[') {
      in_class = true;
    } else if (pattern[i] == '(') {
      ++depth;
    } else if (pattern[i] == ')' && --depth == 0) {
      return i;
    } else if (pattern[i] == '|' && depth == 1 && bars != nullptr) {
      bars->push_back(i);
    }
    if (is_class && !in_class) return i;
  }
  return pattern.size();
}

/// The longest run of characters that every match of an ECMAScript pattern must contain, read
/// conservatively: only characters outside groups, classes and alternatives, a character
/// followed by a quantifier left out. Empty when there is none (or a top-level alternative).
std::string required_literal(std::string_view pattern) {
  std::string best;
  std::string run;
  auto flush = [&] {
    if (run.size() > best.size()) best = run;
    run.clear();
  };
  auto is_quantifier = [&](std::size_t i) {
    return i < pattern.size() && (pattern[i] == '*' || pattern[i] == '+' || pattern[i] == '?' || pattern[i] == '{');
  };
  // Skips a quantifier (and its lazy '?') at i; returns the index after it.
  auto skip_quantifier = [&](std::size_t i) {
    if (pattern[i] == '{') {
      const std::size_t close = pattern.find('}', i);
      i = close == std::string_view::npos ? pattern.size() : close + 1;
    } else {
      ++i;
    }
    if (i < pattern.size() && pattern[i] == '?') ++i;
    return i;
  };
  for (std::size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '|') return {};
    if (c == '(' || c == '[') {
      i = group_end(pattern, i) + 1;
      flush();
      if (is_quantifier(i)) i = skip_quantifier(i);
      continue;
    }
    std::size_t next = i + 1;
    char literal = c;
    bool is_literal = true;
    if (c == '\\') {
      if (i + 1 >= pattern.size()) return {};
      literal = pattern[i + 1];
      next = i + 2;
      // Letters and digits after a backslash are classes, anchors, back references or codes.
      is_literal = !std::isalnum(static_cast<unsigned char>(literal));
    } else if (c == '.' || c == '^' || c == '$' || c == ')' || is_quantifier(i)) {
      is_literal = false;
    }
    if (!is_literal) {
      flush();
      i = is_quantifier(i) ? skip_quantifier(i) : next;
      continue;
    }
    if (is_quantifier(next)) {  // optional or repeated: not part of a fixed run
      flush();
      i = skip_quantifier(next);
      continue;
    }
    run += literal;
    i = next;
  }
  flush();
  return best;
}

/// The bytes a match of the ECMAScript pattern p (from i) can begin with, read conservatively:
/// a literal character, or a group whose alternatives each begin with one; nullopt when any byte
/// may (a class, '.', an escape code, an anchor, a lookahead, or a first term that may be empty).
std::optional<std::bitset<256>> leading_bytes(std::string_view p, std::size_t i = 0) {
  auto optional_after = [&](std::size_t at) {
    return at < p.size() && (p[at] == '?' || p[at] == '*' || p[at] == '{');
  };
  if (i >= p.size()) return std::nullopt;
  const char c = p[i];
  if (c == '(') {
    // The group's end, and its top-level alternatives.
    std::vector<std::size_t> bars;
    const std::size_t close = group_end(p, i, &bars);
    if (close >= p.size() || optional_after(close + 1) || p.substr(i + 1, 1) == "?") return std::nullopt;
    std::vector<std::size_t> starts{i + 1};
    for (const std::size_t bar : bars) starts.push_back(bar + 1);
    std::bitset<256> bytes;
    for (std::size_t a = 0; a < starts.size(); ++a) {
      const std::size_t end = a + 1 < starts.size() ? starts[a + 1] - 1 : close;
      if (starts[a] >= end) return std::nullopt;  // an empty alternative
      const auto first = leading_bytes(p.substr(0, end), starts[a]);
      if (!first) return std::nullopt;
      bytes |= *first;
    }
    return bytes;
  }
  std::size_t next = i + 1;
  char literal = c;
  if (c == '\\') {
    if (i + 1 >= p.size() || std::isalnum(static_cast<unsigned char>(p[i + 1]))) return std::nullopt;
    literal = p[i + 1];
    next = i + 2;
  } else if (std::string_view(".[^$*+?{})|").find(c) != std::string_view::npos) {
    return std::nullopt;
  }
  if (optional_after(next)) return std::nullopt;
  std::bitset<256> bytes;
  bytes.set(static_cast<unsigned char>(literal));
  return bytes;
}

}  // namespace

const BoilerplateRule* BoilerplateRules::first_match(std::string_view text, const BoilerplateScope* only) const {
  if (text.size() > kMaxFurnitureBytes) return nullptr;
  const std::string collapsed = text::collapse_whitespace(text);
  if (collapsed.empty()) return nullptr;
  auto applies = [only](const BoilerplateRule& r) { return only == nullptr || r.scope == *only; };
  // The first plain rule with this text, found by its normalized text; then the regular
  // expressions written before it, in order (the rules' order decides which one is reported).
  std::size_t first = rules_.size();
  if (const auto it = plain_rules_.find(normalize(collapsed)); it != plain_rules_.end()) {
    for (const std::size_t i : it->second) {
      if (applies(rules_[i])) {
        first = i;
        break;
      }
    }
  }
  if (!regex_rules_.empty() && regex_rules_.front() < first) {
    const std::string lowered = ascii_lower(collapsed);
    for (const std::size_t i : regex_rules_) {
      if (i >= first) break;
      const BoilerplateRule& r = rules_[i];
      if (!applies(r)) continue;
      // A regular expression is tried only on text holding the characters every match holds.
      const bool hit = r.has_lowered ? (r.any_first || r.first_bytes.test(static_cast<unsigned char>(lowered.front()))) &&
                                           lowered.find(r.required) != std::string::npos && std::regex_match(lowered, r.lowered)
                                     : std::regex_match(collapsed, r.regex);
      if (hit) return &r;
    }
  }
  return first < rules_.size() ? &rules_[first] : nullptr;
}

const BoilerplateRule* BoilerplateRules::match(std::string_view text) const { return first_match(text, nullptr); }

const BoilerplateRule* BoilerplateRules::match_scope(std::string_view text, BoilerplateScope scope) const {
  return first_match(text, &scope);
}

std::vector<const BoilerplateRule*> BoilerplateRules::strip_in_text(std::string& s) const {
  std::vector<const BoilerplateRule*> used;
  for (const BoilerplateRule& r : rules_) {
    if (r.scope != BoilerplateScope::in_text) continue;
    bool removed = false;
    if (r.is_regex) {
      if (s.size() > 4000) continue;  // std::regex may recurse per character: keep it off long text
      std::string out = std::regex_replace(s, r.regex, "");
      removed = out != s;
      s = std::move(out);
    } else {
      for (std::size_t p = s.find(r.pattern); p != std::string::npos; p = s.find(r.pattern, p)) {
        s.erase(p, r.pattern.size());
        removed = true;
      }
    }
    if (removed) used.push_back(&r);
  }
  return used;
}

void BoilerplateRules::add_yaml(std::string_view yaml, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    throw file_error(file, e.mark.line + 1, "malformed YAML: " + e.msg);
  }
  if (!root || root.IsNull()) return;
  if (!root.IsMap()) throw file_error(file, root.Mark().line + 1, "expected keys anywhere:, at-ends:, in-text:");
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    BoilerplateScope scope;
    if (key == "anywhere") {
      scope = BoilerplateScope::anywhere;
    } else if (key == "at-ends") {
      scope = BoilerplateScope::at_ends;
    } else if (key == "in-text") {
      scope = BoilerplateScope::in_text;
    } else {
      throw file_error(file, kv.first.Mark().line + 1,
                       "unknown key '" + key + "' (expected anywhere, at-ends, in-text)");
    }
    if (kv.second.IsNull()) continue;
    if (!kv.second.IsSequence()) throw file_error(file, kv.second.Mark().line + 1, "'" + key + "' must be a list");
    for (const auto& entry : kv.second) {
      const int line = entry.Mark().line + 1;
      if (!entry.IsScalar()) throw file_error(file, line, "each pattern must be a string");
      BoilerplateRule r;
      r.pattern = entry.as<std::string>();
      r.file = file;
      r.line = line;
      r.scope = scope;
      if (text::trim(r.pattern).empty()) throw file_error(file, line, "empty pattern");
      r.is_regex = r.pattern.size() >= 2 && r.pattern.front() == '/' && r.pattern.back() == '/';
      if (r.is_regex) {
        try {
          const std::string body = r.pattern.substr(1, r.pattern.size() - 2);
          r.regex = std::regex(body, std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
          const std::string lowered = lowered_pattern(body);
          r.has_lowered = !lowered.empty();
          if (r.has_lowered) {
            r.lowered = std::regex(lowered, std::regex::ECMAScript | std::regex::optimize);
            r.required = required_literal(lowered);
            // As a group: a top-level alternative (/cats|dogs/) begins its own match.
            if (const auto first = leading_bytes("(" + lowered + ")")) {
              r.first_bytes = *first;
              r.any_first = false;
            }
          }
        } catch (const std::regex_error& e) {
          throw file_error(file, line, "bad regular expression " + r.pattern + ": " + e.what());
        }
      } else {
        r.plain = normalize(r.pattern);
      }
      if (r.scope != BoilerplateScope::in_text) {
        if (r.is_regex) {
          regex_rules_.push_back(rules_.size());
        } else {
          plain_rules_[r.plain].push_back(rules_.size());
        }
      }
      rules_.push_back(std::move(r));
    }
  }
}

namespace {

/// The files the rules are read from: the shipped styles/boilerplate.yaml, then extra_files.
std::vector<std::filesystem::path> rule_files(const std::vector<std::string>& extra_files) {
  // A styles folder without the shipped file (HANDOUT_STYLES_DIR pointing at a user's own styles)
  // means no shipped rules; a user's file that is missing is an error when it is read.
  std::vector<std::filesystem::path> files;
  if (std::error_code ec; std::filesystem::exists(shipped_file("boilerplate.yaml"), ec)) {
    files.push_back(shipped_file("boilerplate.yaml"));
  }

  files.insert(files.end(), extra_files.begin(), extra_files.end());
  return files;
}

}  // namespace

std::vector<std::filesystem::path> boilerplate_rule_files(const std::vector<std::string>& extra_files) {
  std::vector<std::filesystem::path> files = rule_files(extra_files);
  // The word lists of the text reader's article finder decide what is furniture too.
  for (const auto& f : page_word_files()) files.push_back(f);
  return files;
}

std::shared_ptr<const BoilerplateRules> load_boilerplate_rules(const std::vector<std::string>& extra_files) {
  const std::vector<std::filesystem::path> files = rule_files(extra_files);
  // The cache key names each file with its modification time and size, so an edited file is read again.
  std::string key;
  for (const auto& f : files) {
    std::error_code ec;
    const auto time = std::filesystem::last_write_time(f, ec).time_since_epoch().count();
    const auto size = std::filesystem::file_size(f, ec);
    key += f.string() + '\n' + std::to_string(time) + '\n' + std::to_string(ec ? 0 : size) + '\n';
  }
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const BoilerplateRules>> cache;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  auto rules = std::make_shared<BoilerplateRules>();
  for (const auto& f : files) rules->add_yaml(slurp(f), f.string());
  const std::lock_guard<std::mutex> lock(mutex);
  return cache.emplace(key, std::move(rules)).first->second;
}

}  // namespace handout
