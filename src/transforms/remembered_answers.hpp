#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace handout {

/// The answer of a yes/no check of a text (a pure function of the text), remembered per thread:
/// the safety, glossary and summary steps ask the same checks of the same sentences several
/// times. Each call site (each Check type) has its own table, emptied when it grows large.
template <class Check>
bool remembered_answer(std::string_view text, Check check) {
  thread_local std::unordered_map<std::string, bool> answers;
  std::string key(text);
  if (auto it = answers.find(key); it != answers.end()) return it->second;
  if (answers.size() >= 16384) answers.clear();
  const bool answer = check(text);
  answers.emplace(std::move(key), answer);
  return answer;
}

}  // namespace handout
