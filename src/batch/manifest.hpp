// OUTPUT_DIR/manifest.json: what the last build made from each source, read back by the next one.
#pragma once

#include "model/diagnostics.hpp"
#include "transforms/reading_stats.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// The manifest schema version this program writes and reads (2: diagnostics carry a code).
inline constexpr int kManifestVersion = 2;

/// One file written for a source.
struct OutputRecord {
  std::string format;          ///< writer name: "docbook", "pdf"...
  std::string path;            ///< relative to the output folder, '/' separated
  std::string hash;            ///< XXH3-128 of the file's bytes
  std::uint64_t size = 0;      ///< bytes
  std::int64_t mtime_ns = 0;   ///< modification time after writing, ns since the epoch
  int pages = 0;               ///< printed pages; 0 for reflowable outputs
  std::string key;             ///< hash of everything the file was made from (see build.hpp)
};

/// One source and what became of it.
struct SourceRecord {
  std::string source;          ///< relative to the input folder, '/' separated
  std::string hash;            ///< XXH3-128 of the source's bytes
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool failed = false;         ///< the last attempt recorded an error (outputs may be older)
  std::string title;
  std::string date;            ///< last updated, else published (ISO 8601); empty when unknown
  std::string language;
  ReadingStats reading;
  int pages = 0;               ///< pages of the PDF handout, else of the longest paged output
  std::vector<Diagnostic> warnings;  ///< path is not stored: it is the source's
  std::vector<Diagnostic> errors;
  std::vector<OutputRecord> outputs;  ///< sorted by format
};

/// The whole manifest.
struct Manifest {
  std::string program;                 ///< "handout VERSION BUILD-ID" that wrote it
  std::string style;                   ///< --style of the last build
  std::string style_hash;
  std::vector<std::string> style_files;
  std::vector<SourceRecord> sources;   ///< sorted by source

  /// Returns the record of source, or nullptr.
  const SourceRecord* find(std::string_view source) const;
};

/// Returns the manifest as indented JSON (stable key order, so equal manifests give equal bytes).
std::string manifest_to_json(const Manifest& manifest);

/// Parses a manifest. Throws std::runtime_error naming the problem when the text is not JSON or
/// not a manifest of kManifestVersion. Diagnostics get path input_prefix/source.
Manifest manifest_from_json(std::string_view json, const std::string& input_prefix = {});

/// Reads file with manifest_from_json. Returns an empty manifest when file does not exist;
/// throws std::runtime_error when it exists but cannot be read or parsed.
Manifest read_manifest(const std::filesystem::path& file, const std::string& input_prefix = {});

}  // namespace handout
