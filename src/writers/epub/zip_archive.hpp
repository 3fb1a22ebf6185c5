// ZIP archives in memory (libzip): written for EPUB packages, read back by tests and tools.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// How one entry is stored.
enum class ZipMethod { store, deflate };

/// Builds a ZIP archive in memory. Entries keep the order they were added in, and every
/// entry gets the same timestamp, so equal input gives byte-identical archives.
class ZipWriter {
 public:
  /// Starts an empty archive whose entries are all dated unix_time (UTC; clamped to 1980–2107,
  /// the range ZIP's DOS dates can hold). Throws std::runtime_error when libzip cannot start.
  explicit ZipWriter(std::int64_t unix_time);
  ~ZipWriter();
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  /// Adds a file named name (UTF-8, '/'-separated) holding bytes. Throws std::runtime_error
  /// when the name is already present or libzip refuses it.
  void add(std::string_view name, std::string bytes, ZipMethod method = ZipMethod::deflate);

  /// Writes the archive and returns its bytes. Call once; the writer is empty afterwards.
  /// Throws std::runtime_error when libzip fails.
  std::string finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// One entry read back from an archive.
struct ZipEntry {
  std::string name;
  std::string bytes;
  bool stored = false;  ///< true when kept uncompressed
};

/// Reads every entry of the archive in bytes, in the order of its central directory.
/// Throws std::runtime_error when bytes are not a readable ZIP archive.
std::vector<ZipEntry> read_zip(std::string_view bytes);

}  // namespace handout
