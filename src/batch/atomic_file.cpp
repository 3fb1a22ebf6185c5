#include "batch/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <system_error>

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

}  // namespace

void write_file_atomically(const std::filesystem::path& target, std::string_view bytes) {
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) fail(ec.value(), "cannot create folder " + dir.string());
  std::string temp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) fail(errno, "cannot create a temporary file in " + dir.string());
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : ENOSPC;
      ::close(fd);
      ::unlink(temp.c_str());
      fail(err, "cannot write " + target.string());
    }
    done += static_cast<std::size_t>(n);
  }
  // The temporary file is private (mkstemp makes it 0600): give it the usual permissions.
  ::fchmod(fd, 0666 & ~process_umask());
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
}

bool is_atomic_temp_file(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return name.size() > 12 && name[0] == '.' && name.find(".tmp-") == name.size() - 11;
}

}  // namespace handout
