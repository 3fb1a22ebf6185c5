#include "batch/stop_signals.hpp"

#include <atomic>

namespace handout {

namespace {

std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void on_stop_signal(int sig) { g_stop_signal.store(sig); }

}  // namespace

StopSignals::StopSignals(bool enabled) {
  g_stop_signal.store(0);
  if (!enabled) return;
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;
  for (std::size_t i = 0; i < 2; ++i) {
    struct sigaction current {};
    if (sigaction(kSignals[i], nullptr, &current) != 0 || current.sa_handler == SIG_IGN) continue;
    installed_[i] = sigaction(kSignals[i], &sa, &old_[i]) == 0;
  }
}

StopSignals::~StopSignals() {
  for (std::size_t i = 0; i < 2; ++i)
    if (installed_[i]) sigaction(kSignals[i], &old_[i], nullptr);
}

bool StopSignals::stopping() { return g_stop_signal.load() != 0; }

int StopSignals::signal() { return g_stop_signal.load(); }

void StopSignals::request_stop(int sig) { g_stop_signal.store(sig); }

}  // namespace handout
