// Boilerplate rules: the patterns of site furniture ("Skip to main content", "Was this
// helpful?", "Jump to navigation", "[edit]"...) read from styles/boilerplate.yaml and from users'
// extra files of the same shape (see src/transforms/README.md, "The boilerplate file").
#pragma once

#include <bitset>
#include <filesystem>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace handout {

/// Where a rule applies.
enum class BoilerplateScope {
  anywhere,  ///< a paragraph, list item or heading that is only this text, wherever it stands
  at_ends,   ///< the same, but only in the run of furniture that opens or closes the document
  in_text,   ///< this text inside any paragraph or heading (removed, the rest kept)
};

/// One pattern of a boilerplate file.
struct BoilerplateRule {
  std::string pattern;  ///< as written ("Skip to main content", "/jump to (navigation|search)/")
  std::string file;     ///< the file it comes from
  int line = 0;         ///< its 1-based line there
  BoilerplateScope scope = BoilerplateScope::anywhere;
  bool is_regex = false;
  std::string plain;    ///< the normalized text of a plain pattern
  std::regex regex;     ///< the compiled pattern of a /regex/
  std::regex lowered;   ///< the same with ASCII letters lowercased (escapes kept), case-sensitive
  bool has_lowered = false;  ///< false when the pattern names characters by code (\x41...)
  std::string required;      ///< characters every match of lowered contains, in order (may be empty)
  std::bitset<256> first_bytes;  ///< the bytes a match of lowered can begin with, unless any_first
  bool any_first = true;         ///< a match of lowered may begin with any byte
};

/// A set of rules, in file order.
class BoilerplateRules {
 public:
  /// Returns the first anywhere or at-ends rule matching the whole of text, or nullptr.
  /// Plain patterns ignore case, runs of spaces, curly quotes and a final . ! ? or :; regular
  /// expressions must match the whole text (whitespace collapsed), ignoring case. Text longer
  /// than 300 bytes is never furniture and returns nullptr.
  const BoilerplateRule* match(std::string_view text) const;
  /// Returns the first rule of the given scope (anywhere or at-ends) matching the whole of text,
  /// as match() does, or nullptr.
  const BoilerplateRule* match_scope(std::string_view text, BoilerplateScope scope) const;
  /// Removes every in-text pattern from s (plain ones as written, regular expressions wherever
  /// they match). Returns the rules that removed something (empty when s is unchanged).
  std::vector<const BoilerplateRule*> strip_in_text(std::string& s) const;
  /// Returns every rule.
  const std::vector<BoilerplateRule>& rules() const { return rules_; }
  /// Appends the rules of a YAML document; file names the source in errors. Throws
  /// std::runtime_error "FILE:LINE: ..." for malformed YAML, an unknown key, an entry that is
  /// not a string, or a regular expression that does not compile.
  void add_yaml(std::string_view yaml, const std::string& file);

 private:
  /// The first anywhere or at-ends rule (of scope *only, when given) matching the whole of text.
  const BoilerplateRule* first_match(std::string_view text, const BoilerplateScope* only) const;

  std::vector<BoilerplateRule> rules_;
  /// The anywhere and at-ends plain rules by normalized text (indices into rules_, in order).
  std::unordered_map<std::string, std::vector<std::size_t>> plain_rules_;
  /// The anywhere and at-ends regular expressions (indices into rules_, in order).
  std::vector<std::size_t> regex_rules_;
};

/// Returns the files furniture is decided by: the shipped styles/boilerplate.yaml when
/// styles_dir() has it, extra_files in order, and the text reader's styles/page-words/*.txt.
/// (The incremental build hashes these.)
std::vector<std::filesystem::path> boilerplate_rule_files(const std::vector<std::string>& extra_files);

/// Returns the rules of the shipped styles/boilerplate.yaml (none when styles_dir() has no such
/// file) followed by those of extra_files, read once per combination of files (and their
/// modification times) and shared; safe to call from several threads. Throws
/// std::runtime_error naming the file when one of extra_files cannot be read, or any is malformed.
std::shared_ptr<const BoilerplateRules> load_boilerplate_rules(const std::vector<std::string>& extra_files);

}  // namespace handout
