#include "batch/watch.hpp"

#include "model/resources.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <system_error>

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace handout {

namespace fs = std::filesystem;

namespace {

std::atomic<int> g_watch_signal{0};
extern "C" void on_watch_signal(int sig) { g_watch_signal.store(sig); }

/// SIGINT and SIGTERM set g_watch_signal while the loop waits (run_build puts its own handler
/// in place while it builds, and restores this one).
class WatchSignals {
 public:
  WatchSignals() {
    struct sigaction sa {};
    sa.sa_handler = on_watch_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: poll() returns at once with EINTR
    for (int i = 0; i < 2; ++i) installed_[i] = sigaction(kSignals[i], &sa, &old_[i]) == 0;
  }
  ~WatchSignals() {
    for (int i = 0; i < 2; ++i) {
      if (installed_[i]) sigaction(kSignals[i], &old_[i], nullptr);
    }
  }
  WatchSignals(const WatchSignals&) = delete;
  WatchSignals& operator=(const WatchSignals&) = delete;

 private:
  static constexpr int kSignals[2] = {SIGINT, SIGTERM};
  struct sigaction old_[2] {};
  bool installed_[2] = {false, false};
};

/// One inotify instance and the folders it watches.
class FolderWatch {
 public:
  explicit FolderWatch(fs::path skip) : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)), skip_(std::move(skip)) {}
  ~FolderWatch() {
    if (fd_ >= 0) ::close(fd_);
  }
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;

  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }

  /// Watches dir and, when recursive, every folder under it but hidden ones and the skipped one.
  void add(const fs::path& dir, bool recursive) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(dir, ec);
    if (ec || !fs::is_directory(canonical, ec) || is_skipped(canonical)) return;
    const int wd = inotify_add_watch(fd_, canonical.c_str(),
                                     IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE);
    if (wd < 0) return;
    folders_[wd] = {canonical, recursive};
    if (!recursive) return;
    for (fs::directory_iterator it(canonical, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] != '.' && it->is_directory(ec)) add(it->path(), true);
    }
  }

  /// Reads the pending events; returns true when one of them is a change worth a rebuild.
  bool drain() {
    alignas(struct inotify_event) char buf[16384];
    bool changed = false;
    for (;;) {
      const ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) break;
      for (ssize_t off = 0; off < n;) {
        const auto* ev = reinterpret_cast<const struct inotify_event*>(buf + off);
        off += static_cast<ssize_t>(sizeof(struct inotify_event) + ev->len);
        if (ev->mask & IN_Q_OVERFLOW) {
          changed = true;
          continue;
        }
        const auto folder = folders_.find(ev->wd);
        if (folder == folders_.end() || ev->len == 0) continue;
        const std::string name(ev->name);
        // Hidden files (editor swap files, our own temporaries) and backups are not sources.
        if (name.empty() || name[0] == '.' || name.back() == '~') continue;
        const fs::path path = folder->second.path / name;
        if (is_skipped(path)) continue;
        if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO)) && folder->second.recursive) add(path, true);
        changed = true;
      }
    }
    return changed;
  }

 private:
  bool is_skipped(const fs::path& p) const {
    if (skip_.empty()) return false;
    auto s = skip_.begin();
    for (auto it = p.begin(); s != skip_.end(); ++s, ++it) {
      if (it == p.end() || *it != *s) return false;
    }
    return true;
  }

  struct Folder {
    fs::path path;
    bool recursive = false;
  };
  int fd_;
  fs::path skip_;
  std::map<int, Folder> folders_;
};

enum class Wait { readable, timeout, signal };

/// Waits up to ms for the inotify descriptor to have events; with a stop flag, in steps of at
/// most 200 ms, answering Wait::signal once the flag is true.
Wait wait_for(int fd, int ms, const std::atomic<bool>* stop) {
  struct pollfd p {fd, POLLIN, 0};
  int r = 0;
  if (stop != nullptr) {
    for (int waited = 0; r == 0 && waited < ms && !stop->load(); waited += 200) {
      r = ::poll(&p, 1, std::min(200, ms - waited));
    }
    if (stop->load()) return Wait::signal;
  } else {
    r = ::poll(&p, 1, ms);
  }
  if (g_watch_signal.load() != 0 || (r < 0 && errno == EINTR)) return Wait::signal;
  return r > 0 ? Wait::readable : Wait::timeout;
}

}  // namespace

int run_watch(BuildOptions options, const WatchOptions& watch, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  fs::create_directories(options.output_dir, ec);
  FolderWatch folders(fs::weakly_canonical(options.output_dir, ec));
  if (!folders.ok()) {
    err << "handout: error: cannot watch for changes (inotify: " << std::strerror(errno) << ")\n";
    return 2;
  }
  folders.add(options.input_dir, true);
  folders.add(styles_dir(), true);
  const std::string& style = options.convert.writer.style;
  if (!style.empty() && fs::is_regular_file(style, ec)) folders.add(fs::absolute(style, ec).parent_path(), false);
  for (const auto& b : options.convert.transforms.boilerplate_files) folders.add(fs::absolute(b, ec).parent_path(), false);

  std::optional<WatchSignals> signals;
  if (watch.stop == nullptr) signals.emplace();
  g_watch_signal.store(0);
  BuildReport report = run_build(options, out, err);
  if (report.usage_error) return 2;
  options.force = false;  // --force applies to the first build only
  while (report.signal == 0) {
    out << "watching " << options.input_dir.string() << " for changes (Ctrl-C stops)" << std::endl;
    // Wait for a change, then for `debounce` without another (an editor's save is several events).
    bool changed = false;
    Wait w = Wait::timeout;
    while (!changed && w != Wait::signal) {
      w = wait_for(folders.fd(), 1000, watch.stop);
      if (w == Wait::readable) changed = folders.drain();
    }
    while (w != Wait::signal && (w = wait_for(folders.fd(), static_cast<int>(watch.debounce.count()), watch.stop)) == Wait::readable) {
      folders.drain();
    }
    if (w == Wait::signal) break;
    report = run_build(options, out, err);
  }
  if (report.signal != 0) return report.exit_status();
  out << "stopped watching" << std::endl;
  return report.exit_status() == 1 ? 1 : 0;
}

}  // namespace handout
