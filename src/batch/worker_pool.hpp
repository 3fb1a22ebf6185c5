// A fixed pool of worker threads with large stacks, fed from one queue of tasks.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include <pthread.h>

namespace handout {

/// Stack size given to each worker and to convert's work: readers, transforms and writers recurse
/// to the tree's bounded depth (at most --limit depth=1000, a few KiB a level, several times that
/// under ASan). Address space only: the pages a run does not touch are never used.
inline constexpr std::size_t kWorkerStackBytes = std::size_t{64} << 20;

/// Runs fn on a new thread with stack_bytes of stack and waits for it, rethrowing what fn throws;
/// runs fn on the calling thread when no thread can be started.
void run_with_stack(const std::function<void()>& fn, std::size_t stack_bytes = kWorkerStackBytes);

/// Returns the number of processors this process may run on (at least 1).
unsigned available_cores();

/// Runs posted tasks on a fixed number of threads. Tasks must not throw (an escaping exception
/// ends the program, as in std::thread). The destructor runs what was already posted, then joins.
class WorkerPool {
 public:
  /// Starts max(1, workers) threads with stack_bytes of stack each. Throws std::system_error when
  /// no thread can be started (fewer threads than asked are kept when only some fail).
  explicit WorkerPool(unsigned workers, std::size_t stack_bytes = kWorkerStackBytes);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Queues a task; it runs on the first free worker, in the order posted.
  void post(std::function<void()> task);
  /// Drops every task not yet started; returns how many were dropped.
  std::size_t drop_pending();
  /// Returns the number of threads running tasks.
  std::size_t size() const { return threads_.size(); }

 private:
  static void* thread_main(void* self);
  void work();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool closing_ = false;
  std::vector<pthread_t> threads_;
};

}  // namespace handout
