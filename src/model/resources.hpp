// Where the data files the program ships (styles/: style files, CSS, boilerplate patterns, page
// words) are found: in the installed tree beside the executable, under the install prefix, or —
// for a program run from its build tree — in the source tree.
#pragma once

#include <filesystem>
#include <string_view>

namespace handout {

/// Returns the folder of shipped data files, the first of: $HANDOUT_STYLES_DIR; $HANDOUT_DATA_DIR/styles;
/// share/handout/styles beside the executable's bin/ folder; the source tree's styles/ when the
/// executable lies in the build tree; the install prefix's share/handout/styles. When none of
/// them exists, the one beside the executable (so errors name where an installed copy looks).
std::filesystem::path styles_dir();

/// Returns styles_dir() / name.
std::filesystem::path shipped_file(std::string_view name);

/// Returns the absolute path of the running executable (/proc/self/exe), or empty when unknown.
std::filesystem::path executable_path();

}  // namespace handout
