#include "model/resources.hpp"

#include <cstdlib>

namespace handout {

namespace fs = std::filesystem;

namespace {

/// True when dir is inside (or is) root, comparing whole path components.
bool is_within(const fs::path& dir, const fs::path& root) {
  auto d = dir.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++d) {
    if (r->empty()) continue;  // a trailing separator
    if (d == dir.end() || *d != *r) return false;
  }
  return true;
}

/// The data folder when no environment variable names one; looked up once per process.
fs::path default_styles_dir() {
  std::error_code ec;
  const fs::path exe = executable_path();
  // <prefix>/bin/handout -> <prefix>/share/handout/styles, wherever the tree was copied to.
  const fs::path beside = exe.empty() ? fs::path() : (exe.parent_path() / HANDOUT_DATA_FROM_BINDIR / "styles").lexically_normal();
  if (!beside.empty() && fs::is_directory(beside, ec)) return beside;
#ifdef HANDOUT_BUILD_TREE
  // A program (or test) run from the build tree reads the source tree's styles; an installed
  // copy never looks there.
  if (!exe.empty() && is_within(exe.parent_path(), fs::weakly_canonical(HANDOUT_BUILD_TREE, ec)) &&
      fs::is_directory(HANDOUT_SOURCE_STYLES_DIR, ec)) {
    return HANDOUT_SOURCE_STYLES_DIR;
  }
#endif
  const fs::path prefix = fs::path(HANDOUT_INSTALL_DATADIR) / "styles";
  if (fs::is_directory(prefix, ec)) return prefix;
  return beside.empty() ? prefix : beside;
}

}  // namespace

fs::path executable_path() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return p;
}

fs::path styles_dir() {
  if (const char* dir = std::getenv("HANDOUT_STYLES_DIR"); dir != nullptr && *dir != '\0') return dir;
  if (const char* dir = std::getenv("HANDOUT_DATA_DIR"); dir != nullptr && *dir != '\0') return fs::path(dir) / "styles";
  static const fs::path found = default_styles_dir();
  return found;
}

fs::path shipped_file(std::string_view name) { return styles_dir() / name; }

}  // namespace handout
