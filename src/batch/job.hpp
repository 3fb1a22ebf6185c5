// One source through the pipeline: load, read, transform, write. Used by convert and by build.
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "readers/reader.hpp"
#include "transforms/pipeline.hpp"
#include "writers/registry.hpp"

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace handout {

/// Everything one conversion needs besides the source.
struct ConvertOptions {
  std::string from = "auto";  ///< reader name, or "auto" to detect
  std::size_t max_source_bytes = std::size_t{16} << 20;  ///< larger source files fail
  ReaderOptions reader;
  TransformOptions transforms;
  WriterOptions writer;
};

/// Sets one limit from "NAME=VALUE" (--limit): source-bytes, depth, table-columns, table-cells,
/// footnotes, image-bytes, image-pixels, yaml-nodes, yaml-bytes. VALUE is a positive whole
/// number, optionally followed by K, M or G (times 1024, 1024², 1024³). Throws
/// std::invalid_argument with a message naming the problem.
void set_limit(ConvertOptions& options, std::string_view assignment);

/// Returns every limit as "NAME=VALUE" lines, in the order set_limit lists them (for --help and keys).
std::string describe_limits(const ConvertOptions& options);

/// Reads one source file into a finished tree (decode, pick the reader, read, run transforms).
/// Returns nullopt when the source failed; the cause is recorded as an error in diag.
std::optional<Document> load_document(const std::filesystem::path& source, const ConvertOptions& options,
                                      Diagnostics& diag);

/// The name standard input goes by in diagnostics (`handout convert -`).
inline constexpr std::string_view kStdinLabel = "<stdin>";

/// Reads a source already in memory (standard input): as load_document, label naming it in
/// diagnostics and standing for its path (no extension: the format is read from the content
/// unless --from says it).
std::optional<Document> read_document_bytes(const std::string& label, std::string bytes, const ConvertOptions& options,
                                            Diagnostics& diag);

/// Runs one writer over a finished tree. Returns nullopt when it failed (error recorded in diag).
std::optional<Output> render_document(const Document& doc, const WriterEntry& writer,
                                           const ConvertOptions& options, Diagnostics& diag);

/// What `handout convert` was asked to do.
struct ConvertRequest {
  std::filesystem::path source;
  std::string output;  ///< file path, "-" for standard output, empty for standard output
  std::string to;      ///< writer name; empty means from the output's extension, else docbook
  ConvertOptions options;
  bool verbose = false;
  bool stdout_is_terminal = false;  ///< a binary output is refused there
  std::istream* input = nullptr;    ///< where source "-" is read from; standard input when null
};

/// Converts one source as `handout convert` does: diagnostics to err, the output written
/// atomically (or to out for "-"). Returns the exit status: 0 done, 1 the source failed, 2 usage.
int run_convert(const ConvertRequest& request, std::ostream& out, std::ostream& err);

/// Prints diagnostics like a compiler, one per line; notes only when verbose.
void print_diagnostics(const Diagnostics& diag, std::ostream& err, bool verbose);

}  // namespace handout
