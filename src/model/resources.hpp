// Where the data files the program ships (styles/: style files, CSS, boilerplate patterns) are found.
#pragma once

#include <filesystem>
#include <string_view>

namespace handout {

/// Returns the folder of shipped data files: $HANDOUT_STYLES_DIR when set, else the styles/
/// folder of the source tree the program was built from.
std::filesystem::path styles_dir();

/// Returns styles_dir() / name.
std::filesystem::path shipped_file(std::string_view name);

}  // namespace handout
