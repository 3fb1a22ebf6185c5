// The lock that keeps two builds from writing to one output folder at once.
#pragma once

#include <filesystem>
#include <string_view>

namespace handout {

/// The lock file's name at the top of the output folder: hidden, left in place.
inline constexpr std::string_view kLockName = ".handout-build.lock";

/// An exclusive flock on the output folder's lock file, released on destruction or process death.
class OutputLock {
 public:
  /// Takes the lock of dir, or throws (another build holds it, or the file cannot be made).
  explicit OutputLock(const std::filesystem::path& dir);
  /// Releases the lock.
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace handout
