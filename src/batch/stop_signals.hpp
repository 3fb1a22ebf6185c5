// Stopping a build on SIGINT / SIGTERM: the handlers only set a flag the build polls.
#pragma once

#include <csignal>
#include <cstddef>

namespace handout {

/// Installs the stop handlers for its lifetime. SA_RESETHAND: a second Ctrl-C ends the program
/// at once (every file it could leave is still whole, thanks to the atomic writes). A signal the
/// parent set to be ignored (a background job without job control, nohup) stays ignored.
class StopSignals {
 public:
  /// Clears the flag; installs the handlers when enabled.
  explicit StopSignals(bool enabled);
  /// Puts back the handlers it replaced.
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  /// Returns true once SIGINT or SIGTERM arrived.
  static bool stopping();
  /// Returns the signal that arrived, or 0.
  static int signal();
  /// Stops the running build as if sig had arrived (for a thread that took it with sigwait, as
  /// `handout serve` does while its folder builds).
  static void request_stop(int sig);

 private:
  static constexpr int kSignals[2] = {SIGINT, SIGTERM};
  bool installed_[2] = {false, false};
  struct sigaction old_[2] {};
};

}  // namespace handout
