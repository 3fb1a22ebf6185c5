// Which style files an export depends on, and one hash over them, for incremental builds.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// The style in use as the incremental build sees it.
struct StyleFingerprint {
  std::string style;                          ///< the name or path given with --style
  std::vector<std::filesystem::path> files;   ///< the files found for it, sorted
  std::string hash;                           ///< over the style string and every file's name and bytes
};

/// Finds the files the writers would read for style and hashes them. style is a path to a file
/// (then that file), or a name looked up in styles_dir(): NAME.yaml, NAME.yml, every other
/// NAME.* file there (NAME.css, NAME.summary.yaml...) and the folder NAME/. YAML files are
/// followed through `extends:` (a path beside the file, or a name in styles_dir()).
/// Returns a fingerprint with no files when nothing is found (the hash then covers only the
/// style string, so switching styles still counts as a change). Files that cannot be read are
/// hashed as "unreadable" and never throw.
///
/// This is the one place that knows how styles are located: point it at the style loader once
/// the style system exists, so both always agree.
StyleFingerprint fingerprint_style(std::string_view style);

}  // namespace handout
