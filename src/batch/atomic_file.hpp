// Writing an output file: a file is replaced atomically and durably (a reader, or the disk after a
// power loss, sees the old file or the new one, never half); anything else is written in place.
#pragma once

#include <filesystem>
#include <mutex>
#include <set>
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
/// With deferred given, the folder is not flushed here but added to deferred, whose owner flushes
/// it before recording the file anywhere (`build` flushes each folder once per manifest save).
void write_output_file(const std::filesystem::path& target, std::string_view bytes,
                       class FolderFlushes* deferred = nullptr);

/// Writes bytes to a temporary file beside target, fsyncs it, renames it over target and fsyncs
/// the folder (or defers that, as above). target must not be a symbolic link or a special file
/// (write_output_file decides).
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes,
                           FolderFlushes* deferred = nullptr);

/// Folders renamed into and not yet flushed; safe to use from several threads.
class FolderFlushes {
 public:
  /// Records a folder to flush.
  void add(const std::filesystem::path& dir);
  /// Flushes every recorded folder (fsync) and forgets them. Throws std::system_error.
  void flush_all();

 private:
  std::mutex mutex_;
  std::set<std::filesystem::path> folders_;
};

/// Returns true for the temporary files write_file_atomically makes (".NAME.tmp-XXXXXX").
bool is_atomic_temp_file(const std::filesystem::path& path);

}  // namespace handout
