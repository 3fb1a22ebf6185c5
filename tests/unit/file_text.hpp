// Reading a whole file in the tests (one helper, not a copy per test file).
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace handout::test {

/// Returns the whole content of a file, bytes as they are ("" when it cannot be read).
inline std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace handout::test
