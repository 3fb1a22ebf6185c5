#include "batch/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace handout {

namespace {

[[noreturn]] void fail(int err, const std::string& what) {
  throw std::system_error(err, std::generic_category(), what);
}

/// The process's file-creation mask, read without changing it (Linux shows it in
/// /proc/self/status); setting and restoring it would race with other threads creating files.
mode_t process_umask() {
  static const mode_t mask = [] {
    if (FILE* status = std::fopen("/proc/self/status", "r")) {
      char line[256];
      unsigned value = 0;
      bool found = false;
      while (!found && std::fgets(line, sizeof line, status) != nullptr) found = std::sscanf(line, "Umask: %o", &value) == 1;
      std::fclose(status);
      if (found) return static_cast<mode_t>(value);
    }
    const mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }();
  return mask;
}

/// Writes all of bytes to fd; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n < 0 ? errno : ENOSPC;
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

/// Flushes a folder's entries (a rename in it) to the disk.
void sync_folder(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(errno, "cannot open folder " + dir.string());
  int err = 0;
  while (::fsync(fd) != 0) {
    if (errno == EINTR) continue;
    // A file system that cannot sync folders (EINVAL) has nothing more to flush.
    if (errno != EINVAL && errno != EROFS) err = errno;
    break;
  }
  ::close(fd);
  if (err != 0) fail(err, "cannot sync folder " + dir.string());
}

/// Writes bytes straight into an existing special file (device, FIFO): no truncation, no rename.
void write_in_place(const std::filesystem::path& target, std::string_view bytes) {
  int fd;
  do fd = ::open(target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) fail(errno, "cannot open " + target.string());
  const int err = write_all(fd, bytes);
  if (::close(fd) != 0 && err == 0 && errno != EINTR) fail(errno, "cannot write " + target.string());
  if (err != 0) fail(err, "cannot write " + target.string());
}

}  // namespace

void FolderFlushes::add(const std::filesystem::path& dir) {
  std::lock_guard<std::mutex> lock(mutex_);
  folders_.insert(dir);
}

void FolderFlushes::flush_all() {
  std::set<std::filesystem::path> folders;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    folders.swap(folders_);
  }
  for (const std::filesystem::path& dir : folders) sync_folder(dir);
}

void write_file_atomically(const std::filesystem::path& target, std::string_view bytes, FolderFlushes* deferred) {
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  // Folders made here are entries in their parents: those are flushed too (with the file's
  // folder), or after a power loss a recorded file could sit in a folder that is not there.
  std::vector<std::filesystem::path> made;
  std::error_code ec;
  for (std::filesystem::path p = dir; !p.empty() && !std::filesystem::exists(p, ec); p = p.parent_path()) {
    made.push_back(p.has_parent_path() ? p.parent_path() : std::filesystem::path("."));
    if (!p.has_parent_path()) break;
  }
  std::filesystem::create_directories(dir, ec);
  if (ec) fail(ec.value(), "cannot create folder " + dir.string());
  std::string temp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) fail(errno, "cannot create a temporary file in " + dir.string());
  auto give_up = [&](int err, const std::string& what) {
    ::close(fd);
    ::unlink(temp.c_str());
    fail(err, what);
  };
  if (const int err = write_all(fd, bytes); err != 0) give_up(err, "cannot write " + target.string());
  // The temporary file is private (mkstemp makes it 0600): give it the usual permissions.
  ::fchmod(fd, 0666 & ~process_umask());
  // The bytes reach the disk before the name does: after a power loss the target is the old file
  // or the whole new one, never an empty or torn file under the new name.
  while (::fsync(fd) != 0) {
    if (errno != EINTR) give_up(errno, "cannot sync " + target.string());
  }
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    fail(err, "cannot write " + target.string());
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp.c_str());
    fail(err, "cannot replace " + target.string());
  }
  made.push_back(dir);
  for (const std::filesystem::path& folder : made) {
    if (deferred != nullptr) deferred->add(folder);
    else sync_folder(folder);
  }
}

void write_output_file(const std::filesystem::path& target, std::string_view bytes, FolderFlushes* deferred) {
  struct stat link {};
  if (::lstat(target.c_str(), &link) != 0) {
    if (errno != ENOENT) fail(errno, "cannot inspect " + target.string());
    write_file_atomically(target, bytes, deferred);  // a new name
    return;
  }
  struct stat st = link;
  if (S_ISLNK(link.st_mode) && ::stat(target.c_str(), &st) != 0)
    fail(errno, "cannot write " + target.string() + ": it is a symbolic link to a missing or unreachable file");
  if (S_ISDIR(st.st_mode)) fail(EISDIR, "cannot write " + target.string());
  if (S_ISSOCK(st.st_mode)) fail(ENXIO, "cannot write " + target.string() + ": it is a socket");
  if (!S_ISREG(st.st_mode)) {
    write_in_place(target, bytes);  // a device or a FIFO (possibly through links): never replaced
    return;
  }
  if (!S_ISLNK(link.st_mode)) {
    write_file_atomically(target, bytes, deferred);
    return;
  }
  // A link to a regular file: replace the file it points to, keep the link.
  char* real = ::realpath(target.c_str(), nullptr);
  if (real == nullptr) fail(errno, "cannot resolve " + target.string());
  const std::filesystem::path resolved(real);
  std::free(real);
  write_file_atomically(resolved, bytes, deferred);
}

bool is_atomic_temp_file(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 12 && name[0] == '.' && name.find(".tmp-") == name.size() - 11;
}

}  // namespace handout
