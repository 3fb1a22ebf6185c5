// Content hashes for incremental builds: XXH3-128 (libxxhash), written as 32 lowercase hex digits.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace handout {

/// Returns the XXH3-128 hash of bytes as 32 lowercase hex digits (the same bytes give the same text).
std::string hash_bytes(std::string_view bytes);

/// Returns the XXH3-128 hash of a file's bytes, read in blocks. Throws std::system_error (with the
/// path) when the file cannot be opened or read.
std::string hash_file(const std::filesystem::path& file);

/// Accumulates several pieces into one hash; each piece is length-prefixed, so ("ab","c") and
/// ("a","bc") differ.
class HashBuilder {
 public:
  HashBuilder();
  ~HashBuilder();
  HashBuilder(const HashBuilder&) = delete;
  HashBuilder& operator=(const HashBuilder&) = delete;

  /// Adds one piece; returns *this.
  HashBuilder& add(std::string_view piece);
  /// Returns the hash of every piece added so far, as 32 lowercase hex digits.
  std::string hex() const;

 private:
  void* state_;  // XXH3_state_t, kept out of this header
};

}  // namespace handout
