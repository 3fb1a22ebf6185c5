// What a build prints while it runs: diagnostics, progress, and a closing summary line.
#pragma once

#include "model/diagnostics.hpp"

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace handout {

/// Counts shown in the closing summary line.
struct BuildCounts {
  std::size_t built = 0;      ///< sources whose outputs were all written
  std::size_t skipped = 0;    ///< sources already up to date
  std::size_t failed = 0;     ///< sources with at least one error
  std::size_t removed = 0;    ///< sources gone since the last build, whose outputs were removed
  std::size_t abandoned = 0;  ///< sources not finished because the build was stopped
};

/// Prints a build's progress. On a terminal: one line on out, redrawn in place (done/total,
/// failures, rate, current file), cleared before any other text. Otherwise: one line per finished
/// source. Diagnostics go to err either way. Used from one thread only.
class BuildProgress {
 public:
  BuildProgress(std::ostream& out, std::ostream& err, bool terminal, bool verbose);

  /// Sets the number of sources that will be built (the "total" of done/total).
  void set_total(std::size_t total);
  /// Notes that a source started (shown as the current file on a terminal).
  void started(const std::string& source);
  /// Reports one finished source: its diagnostics, then a progress line.
  void finished(const std::string& source, bool failed, const std::vector<std::string>& outputs,
                const std::vector<Diagnostic>& diagnostics);
  /// Prints a message line (removed outputs, cleaned temporary files) without disturbing progress.
  void message(const std::string& line);
  /// Prints diagnostics that belong to no finished source (a manifest problem, a collision).
  void diagnostics(const std::vector<Diagnostic>& items);
  /// Redraws the terminal line when it is due (at most ten times a second); no-op otherwise.
  void tick();
  /// Clears the terminal line and prints the summary: "built N, skipped N, failed N, removed N in T s".
  void summary(const BuildCounts& counts, bool interrupted);

 private:
  void clear_line();
  void draw_line();
  double elapsed_seconds() const;

  std::ostream& out_;
  std::ostream& err_;
  bool terminal_;
  bool verbose_;
  std::size_t total_ = 0;
  std::size_t done_ = 0;
  std::size_t failed_ = 0;
  std::string current_;
  bool line_shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace handout
