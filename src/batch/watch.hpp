// `handout build --watch`: build, then rebuild what changed each time sources or styles are saved.
#pragma once

#include "batch/build.hpp"

#include <atomic>
#include <chrono>
#include <iosfwd>

namespace handout {

/// How the watch loop waits.
struct WatchOptions {
  std::chrono::milliseconds debounce{200};  ///< quiet time after the last change before a rebuild
  /// When set, the loop stops once it is true (checked at least every 200 ms) and installs no
  /// signal handlers (another thread owns SIGINT/SIGTERM, as in `handout serve FOLDER`).
  const std::atomic<bool>* stop = nullptr;
};

/// Runs run_build(options), then watches (inotify) the input folder and its subfolders, the
/// styles folder, a --style file's folder and --boilerplate files' folders; after a change and
/// `debounce` without another, runs the (incremental) build again. Hidden files, editor backups
/// (NAME~) and the output folder are not watched. SIGINT or SIGTERM while waiting stops it:
/// returns 0, or the last build's exit status when it failed (1) or was stopped by the signal
/// (128+signal), or 0 when `stop` became true. Returns 2 when inotify is unavailable or the first build was a usage error.
int run_watch(BuildOptions options, const WatchOptions& watch, std::ostream& out, std::ostream& err);

}  // namespace handout
