#include "batch/content_hash.hpp"

#include <cerrno>
#include <cstdint>
#include <memory>
#include <new>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <xxhash.h>

namespace handout {

namespace {

std::string to_hex(XXH128_hash_t h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(32, '0');
  const std::uint64_t halves[2] = {h.high64, h.low64};
  for (int half = 0; half < 2; ++half) {
    for (int i = 0; i < 16; ++i) out[half * 16 + i] = kDigits[(halves[half] >> (60 - 4 * i)) & 0xF];
  }
  return out;
}

XXH3_state_t* state_of(void* p) { return static_cast<XXH3_state_t*>(p); }

}  // namespace

std::string hash_bytes(std::string_view bytes) { return to_hex(XXH3_128bits(bytes.data(), bytes.size())); }

std::string hash_file(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot open " + file.string());
  const std::unique_ptr<XXH3_state_t, XXH_errorcode (*)(XXH3_state_t*)> state(XXH3_createState(), XXH3_freeState);
  if (!state) {
    ::close(fd);
    throw std::bad_alloc();
  }
  XXH3_128bits_reset(state.get());
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      throw std::system_error(err, std::generic_category(), "cannot read " + file.string());
    }
    if (n == 0) break;
    XXH3_128bits_update(state.get(), buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return to_hex(XXH3_128bits_digest(state.get()));
}

HashBuilder::HashBuilder() : state_(XXH3_createState()) {
  if (state_ == nullptr) throw std::bad_alloc();
  XXH3_128bits_reset(state_of(state_));
}

HashBuilder::~HashBuilder() { XXH3_freeState(state_of(state_)); }

HashBuilder& HashBuilder::add(std::string_view piece) {
  const std::uint64_t size = piece.size();
  XXH3_128bits_update(state_of(state_), &size, sizeof size);
  XXH3_128bits_update(state_of(state_), piece.data(), piece.size());
  return *this;
}

std::string HashBuilder::hex() const { return to_hex(XXH3_128bits_digest(state_of(state_))); }

}  // namespace handout
