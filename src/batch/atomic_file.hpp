// Writing an output file: a file is replaced atomically and durably (a reader, or the disk after a
// power loss, sees the old file or the new one, never half); anything else is written in place.
#pragma once

#include <filesystem>
#include <string_view>

namespace handout {

/// Writes bytes to an output target, by what the target is:
///  - a regular file or a new name: a temporary file beside it, fsync, rename over it, fsync of
///    the folder (missing parent folders are created);
///  - a symbolic link to a regular file: the file it points to is replaced that way, the link kept;
///  - a character or block device, a FIFO, or a link to one: written directly (opened without
///    truncating), never renamed or removed;
///  - a folder, a socket or a dangling link: an error.
/// On failure the target is left as it was, no temporary file stays, and std::system_error (with
/// the path) is thrown.
void write_output_file(const std::filesystem::path& target, std::string_view bytes);

/// Writes bytes to a temporary file beside target, fsyncs it, renames it over target and fsyncs
/// the folder. target must not be a symbolic link or a special file (write_output_file decides).
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes);

/// Returns true for the temporary files write_file_atomically makes (".NAME.tmp-XXXXXX").
bool is_atomic_temp_file(const std::filesystem::path& path);

}  // namespace handout
