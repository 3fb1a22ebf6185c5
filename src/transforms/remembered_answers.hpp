#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace handout {

/// Hashes a std::string key by its text, so a table is looked up by a std::string_view (no copy).
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// The answer of a check of a text (a pure function of the text: yes/no, a kind...), remembered
/// per thread: the safety, glossary and summary steps ask the same checks of the same sentences
/// and titles several times. Each call site (each Check type) has its own table, emptied when it
/// grows large.
template <class Check>
auto remembered_answer(std::string_view text, Check check) -> decltype(check(text)) {
  using Answer = decltype(check(text));
  thread_local std::unordered_map<std::string, Answer, TextHash, std::equal_to<>> answers;
  if (auto it = answers.find(text); it != answers.end()) return it->second;
  if (answers.size() >= 16384) answers.clear();
  Answer answer = check(text);
  answers.emplace(std::string(text), answer);
  return answer;
}

}  // namespace handout
