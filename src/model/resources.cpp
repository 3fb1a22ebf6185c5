#include "model/resources.hpp"

#include <cstdlib>

namespace handout {

std::filesystem::path styles_dir() {
  if (const char* dir = std::getenv("HANDOUT_STYLES_DIR"); dir != nullptr && *dir != '\0') return dir;
  return HANDOUT_STYLES_DIR;
}

std::filesystem::path shipped_file(std::string_view name) { return styles_dir() / name; }

}  // namespace handout
