#include "writers/deflate.hpp"

#include <libdeflate.h>

namespace handout {

namespace {

/// zlib's default level: about twice as fast as zlib itself with libdeflate, and a little smaller.
constexpr int kLevel = 6;

/// This thread's compressor, made on first use; null when it could not be allocated.
libdeflate_compressor* thread_compressor() {
  struct Owner {
    libdeflate_compressor* compressor = libdeflate_alloc_compressor(kLevel);
    ~Owner() { libdeflate_free_compressor(compressor); }
  };
  thread_local Owner owner;
  return owner.compressor;
}

template <typename Compress, typename Bound>
bool compress_into(const void* data, std::size_t size, std::string& out, Compress compress, Bound bound) {
  libdeflate_compressor* compressor = thread_compressor();
  if (compressor == nullptr) return false;
  out.resize(bound(compressor, size));
  const std::size_t written = compress(compressor, data, size, out.data(), out.size());
  out.resize(written);  // never 0: the buffer holds the bound
  return written > 0;
}

}  // namespace

bool zlib_compress(std::string_view data, std::string& out) {
  return compress_into(data.data(), data.size(), out, libdeflate_zlib_compress, libdeflate_zlib_compress_bound);
}

bool deflate_compress(std::string_view data, std::string& out) {
  return compress_into(data.data(), data.size(), out, libdeflate_deflate_compress, libdeflate_deflate_compress_bound);
}

std::uint32_t zip_crc32(std::string_view data) {
  return libdeflate_crc32(0, data.data(), data.size());
}

}  // namespace handout
