// handout serve FOLDER: which file of the output folder a request path names, if any.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace handout {

/// Returns the regular file that request_path (already percent-decoded, relative to the folder,
/// '/' separated; empty or ending in '/' means index.html) names inside root, or nothing when
/// the path has a '..', '.', empty or hidden segment, a backslash or NUL, is absolute, names no
/// regular file, or leads (through a symbolic link) outside root. root must be canonical.
std::optional<std::filesystem::path> file_inside(const std::filesystem::path& root, std::string_view request_path);

/// Returns the Content-Type for a served file, by its extension.
const char* content_type_for(const std::filesystem::path& file);

}  // namespace handout
