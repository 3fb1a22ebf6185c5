// `handout build`: every source of a folder to every chosen format, incremental, parallel and safe.
#pragma once

#include "batch/job.hpp"
#include "batch/program_identity.hpp"
#include "batch/progress.hpp"
#include "writers/registry.hpp"

#include <filesystem>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// What `handout build` was asked to do.
struct BuildOptions {
  std::filesystem::path input_dir = "input";
  std::filesystem::path output_dir = "output";
  std::vector<std::string> formats;  ///< writer names; empty means every writer in `writers`
  unsigned jobs = 0;                 ///< worker threads; 0 means one per available core
  ConvertOptions convert;            ///< reader, transform and writer options (style, SOURCE_DATE_EPOCH)
  bool force = false;                ///< rebuild every output even when up to date
  bool verbose = false;              ///< also print notes
  bool terminal = false;             ///< progress as one line redrawn in place (out is a terminal)
  bool handle_signals = true;        ///< stop cleanly on SIGINT/SIGTERM while the build runs
  std::span<const WriterEntry> writers = writer_registry();  ///< the formats that exist
  std::string program = program_fingerprint();  ///< identifies the code; a different one rebuilds all
};

/// What a build did.
struct BuildReport {
  BuildCounts counts;
  std::size_t sources = 0;  ///< sources found in the input folder
  int signal = 0;           ///< SIGINT or SIGTERM when the build was stopped by one, else 0
  bool usage_error = false; ///< the options were unusable; nothing was built
  bool setup_error = false; ///< the output folder could not be prepared; nothing was built

  /// Returns the exit status: 2 usage error, 128+signal when stopped by a signal, 1 when a
  /// source failed or the build could not start, else 0.
  int exit_status() const;
};


/// Returns the sources under input_dir, relative to it, '/' separated and sorted: files with a
/// source extension, skipping hidden files and folders and the folder `skip` (the output folder).
/// A symbolic link whose file lies outside input_dir is skipped, with a warning added to
/// warnings when given. Throws std::system_error naming the folder when input_dir or a folder
/// in it cannot be read: a partial list would make the build remove the outputs it did not see.
std::vector<std::string> find_sources(const std::filesystem::path& input_dir, const std::filesystem::path& skip,
                                      std::vector<Diagnostic>* warnings = nullptr);

/// Returns the output path (relative to the output folder) of source for a writer:
/// "a/b.md" with ".summary.pdf" gives "a/b.summary.pdf".
std::string output_path_for(std::string_view source, const WriterEntry& writer);

/// Runs a build: removes outputs of vanished sources, rebuilds outdated outputs in parallel,
/// writes OUTPUT_DIR/manifest.json and OUTPUT_DIR/index.html. Progress goes to out and
/// diagnostics to err. An output is up to date when its file is unchanged since it was written
/// and its key matches: the key hashes the program (version and build id), the conversion
/// options, the source's bytes and modification time, the format, and (for writers that use it)
/// the style's files. A source that fails keeps its previous outputs (marked failed in the
/// manifest) and is retried on every build. Returns what was done; never throws for a bad source.
BuildReport run_build(const BuildOptions& options, std::ostream& out, std::ostream& err);

}  // namespace handout
