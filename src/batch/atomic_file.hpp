// Atomic file replacement: a reader of the target sees the old file or the new one, never half.
#pragma once

#include <filesystem>
#include <string_view>

namespace handout {

/// Writes bytes to a temporary file beside target, then renames it over target.
/// Creates missing parent folders. On any failure the temporary file is removed, target is
/// left as it was, and std::system_error (with the path) is thrown.
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes);

/// Returns true for the temporary files write_file_atomically makes (".NAME.tmp-XXXXXX").
bool is_atomic_temp_file(const std::filesystem::path& path);

}  // namespace handout
