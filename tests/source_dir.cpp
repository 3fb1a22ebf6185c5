#include "source_dir.hpp"

namespace handout::test {

const std::string& source_dir() {
  static const std::string dir = HANDOUT_SOURCE_DIR;
  return dir;
}

}  // namespace handout::test
