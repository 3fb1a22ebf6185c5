#include "batch/output_lock.hpp"

#include <cerrno>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <sys/file.h>
#include <system_error>
#include <unistd.h>

namespace handout {

OutputLock::OutputLock(const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / std::string(kLockName);
  fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "cannot create " + file.string());
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd_);
    if (err == EWOULDBLOCK) throw std::runtime_error("another build is writing to " + dir.string());
    throw std::system_error(err, std::generic_category(), "cannot lock " + file.string());
  }
}

OutputLock::~OutputLock() { ::close(fd_); }

}  // namespace handout
