#include "batch/style_fingerprint.hpp"

#include "batch/content_hash.hpp"
#include "layout/style.hpp"
#include "model/diagnostics.hpp"
#include "model/resources.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <set>
#include <system_error>

namespace handout {

namespace fs = std::filesystem;

namespace {

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

/// Adds the files a style name stands for in the styles folder.
void add_named(std::string_view name, std::set<fs::path>& found) {
  const fs::path dir = styles_dir();
  std::error_code ec;
  if (name.empty() || name.find('/') != std::string_view::npos) return;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    if (file.size() > name.size() && file.compare(0, name.size(), name) == 0 && file[name.size()] == '.' &&
        is_file(it->path())) {
      found.insert(it->path());
    }
  }
  const fs::path folder = dir / std::string(name);
  if (fs::is_directory(folder, ec)) {
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      if (is_file(it->path())) found.insert(it->path());
    }
  }
}

/// Returns the `extends:` targets of a YAML style file (a scalar or a list of scalars).
std::vector<std::string> extends_of(const fs::path& file) {
  std::vector<std::string> out;
  const std::string ext = file.extension().string();
  if (ext != ".yaml" && ext != ".yml") return out;
  try {
    const YAML::Node root = YAML::LoadFile(file.string());
    const YAML::Node parent = root.IsMap() ? root["extends"] : YAML::Node();
    if (parent && parent.IsScalar()) out.push_back(parent.as<std::string>());
    if (parent && parent.IsSequence()) {
      for (const YAML::Node& n : parent)
        if (n.IsScalar()) out.push_back(n.as<std::string>());
    }
  } catch (const std::exception&) {
    // A style that does not parse is still hashed; its writer reports the error.
  }
  return out;
}

/// Adds what one style reference stands for: a file path (relative to base) when
/// is_style_path says so or it ends in .css (an EPUB stylesheet), else a name (a file of that
/// name in the current folder is not it).
void add_reference(const std::string& ref, const fs::path& base, std::set<fs::path>& found) {
  if (!is_style_path(ref) && !ref.ends_with(".css")) {
    add_named(ref, found);
    return;
  }
  const fs::path as_path = base.empty() ? fs::path(ref) : base / ref;
  if (is_file(as_path)) {
    found.insert(as_path.lexically_normal());
  } else if (!base.empty() && is_file(fs::path(ref))) {
    found.insert(fs::path(ref).lexically_normal());
  }
}

}  // namespace

StyleFingerprint fingerprint_style(std::string_view style) {
  StyleFingerprint result;
  result.style = std::string(style);
  std::set<fs::path> found;
  add_reference(result.style, {}, found);
  // Follow `extends:` until no new file appears (a cycle adds nothing new and stops).
  std::set<fs::path> followed;
  for (bool grew = true; grew;) {
    grew = false;
    const std::set<fs::path> snapshot = found;
    for (const fs::path& file : snapshot) {
      if (!followed.insert(file).second) continue;
      for (const std::string& parent : extends_of(file)) {
        const std::size_t before = found.size();
        add_reference(parent, file.parent_path(), found);
        grew = grew || found.size() != before;
      }
    }
  }
  // The files a loaded style points to: its logo and its EPUB stylesheet.
  try {
    Diagnostics ignored(result.style);
    const Style loaded = load_style(result.style.empty() ? "default" : result.style, ignored);
    if (!loaded.logo.empty() && is_file(loaded.logo)) found.insert(loaded.logo.lexically_normal());
    if (!loaded.epub_css.empty() && is_file(loaded.epub_css)) found.insert(fs::path(loaded.epub_css).lexically_normal());
  } catch (const std::exception&) {
    // A style that does not load is still hashed by its files; its writers report the error.
  }
  HashBuilder hash;
  hash.add("style").add(result.style);
  for (const fs::path& file : found) {
    result.files.push_back(file);
    hash.add(file.filename().string());
    try {
      hash.add(hash_file(file));
    } catch (const std::system_error&) {
      hash.add("unreadable");
    }
  }
  result.hash = hash.hex();
  return result;
}

}  // namespace handout
