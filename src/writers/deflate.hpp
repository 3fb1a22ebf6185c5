// DEFLATE compression for the PDF and EPUB writers (libdeflate, level 6, one compressor per thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace handout {

/// Compresses data as a zlib stream (RFC 1950), the form of a PDF FlateDecode stream, into out
/// (resized to fit). Returns false only when libdeflate cannot allocate its compressor.
bool zlib_compress(std::string_view data, std::string& out);

/// Compresses data as raw DEFLATE (RFC 1951), the form of a ZIP entry, into out (resized to fit).
/// Returns false only when libdeflate cannot allocate its compressor.
bool deflate_compress(std::string_view data, std::string& out);

/// The CRC-32 of data that ZIP stores for an entry.
std::uint32_t zip_crc32(std::string_view data);

}  // namespace handout
