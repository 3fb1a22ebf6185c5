// Source files as text: encoding detection and line-end normalization shared by every reader.
#pragma once

#include "model/diagnostics.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace handout {

/// A source decoded to UTF-8 with '\n' line ends and no byte-order mark.
/// Line numbers are those of the original file, so diagnostics point at the right place.
struct SourceText {
  std::string path;      ///< as given on the command line or found by the batch
  std::string text;      ///< valid UTF-8, '\n' line ends
  std::string encoding;  ///< what the bytes were: "UTF-8", "UTF-16LE", "UTF-16BE" or "windows-1252"
  std::string bytes;     ///< the file as it is, only for readers that declare bytes input (text empty)
};

/// Decodes raw bytes: UTF-8 with or without BOM, UTF-16 with BOM (or without one, with a warning,
/// when NUL high halves of ASCII characters show it), CRLF and CR line ends.
/// Bytes that are not valid UTF-8 are decoded as Windows-1252 with a warning naming the first
/// bad byte's line and column. Throws SourceError "not a text file" when the bytes hold NUL.
SourceText decode_source(std::string path, std::string_view bytes, Diagnostics& diag);

/// Reads a file's bytes. Throws SourceError when it cannot be read or is larger than max_bytes.
std::string load_bytes(const std::filesystem::path& file, std::size_t max_bytes = std::size_t{16} << 20);

/// Reads a file and decodes it with decode_source. Throws SourceError when it cannot be read
/// or is larger than max_bytes.
SourceText load_source(const std::filesystem::path& file, Diagnostics& diag,
                       std::size_t max_bytes = std::size_t{16} << 20);

/// Returns the 1-based line and column (in bytes) of byte offset pos in text.
std::pair<int, int> line_and_column(std::string_view text, std::size_t pos);

}  // namespace handout
