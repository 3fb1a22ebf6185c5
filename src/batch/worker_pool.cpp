#include "batch/worker_pool.hpp"

#include <exception>
#include <system_error>
#include <thread>

#include <sched.h>
#include <signal.h>

namespace handout {

unsigned available_cores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<unsigned>(n);
  }
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

namespace {

struct StackTask {
  const std::function<void()>* fn;
  std::exception_ptr error;
};

void* run_stack_task(void* p) {
  auto* task = static_cast<StackTask*>(p);
  try {
    (*task->fn)();
  } catch (...) {
    task->error = std::current_exception();
  }
  return nullptr;
}

}  // namespace

void run_with_stack(const std::function<void()>& fn, std::size_t stack_bytes) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return fn();
  pthread_attr_setstacksize(&attr, stack_bytes);
  StackTask task{&fn, nullptr};
  pthread_t thread;
  const int err = pthread_create(&thread, &attr, &run_stack_task, &task);
  pthread_attr_destroy(&attr);
  if (err != 0) return fn();
  pthread_join(thread, nullptr);
  if (task.error) std::rethrow_exception(task.error);
}

WorkerPool::WorkerPool(unsigned workers, std::size_t stack_bytes) {
  if (workers == 0) workers = 1;
  pthread_attr_t attr;
  if (int err = pthread_attr_init(&attr); err != 0) throw std::system_error(err, std::generic_category(), "pthread_attr_init");
  pthread_attr_setstacksize(&attr, stack_bytes);
  // Workers inherit a mask without SIGINT and SIGTERM, so those reach the thread that posts tasks.
  sigset_t blocked, previous;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &blocked, &previous);
  int last_error = 0;
  for (unsigned i = 0; i < workers; ++i) {
    pthread_t thread;
    if (int err = pthread_create(&thread, &attr, &WorkerPool::thread_main, this); err != 0) {
      last_error = err;
      break;
    }
    threads_.push_back(thread);
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  pthread_attr_destroy(&attr);
  if (threads_.empty()) throw std::system_error(last_error, std::generic_category(), "cannot start a worker thread");
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  wake_.notify_all();
  for (pthread_t thread : threads_) pthread_join(thread, nullptr);
}

void WorkerPool::post(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
}

std::size_t WorkerPool::drop_pending() {
  std::lock_guard lock(mutex_);
  const std::size_t n = tasks_.size();
  tasks_.clear();
  return n;
}

void* WorkerPool::thread_main(void* self) {
  static_cast<WorkerPool*>(self)->work();
  return nullptr;
}

void WorkerPool::work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return closing_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // closing and nothing left
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task();
  }
}

}  // namespace handout
