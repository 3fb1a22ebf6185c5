#include "batch/build.hpp"

#include "batch/atomic_file.hpp"
#include "batch/catalog.hpp"
#include "batch/content_hash.hpp"
#include "batch/manifest.hpp"
#include "batch/output_lock.hpp"
#include "batch/stop_signals.hpp"
#include "batch/program_identity.hpp"
#include "batch/style_fingerprint.hpp"
#include "batch/worker_pool.hpp"
#include "model/metadata.hpp"
#include "readers/registry.hpp"
#include "transforms/boilerplate_rules.hpp"
#include "model/resources.hpp"
#include "transforms/reading_stats.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <new>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace handout {

namespace fs = std::filesystem;

namespace {

/// Files the build itself writes at the top of the output folder.
constexpr std::string_view kManifestName = "manifest.json";
constexpr std::string_view kCatalogName = "index.html";
/// How often the manifest is saved while a build runs, so a killed build loses little.
constexpr auto kCheckpointInterval = std::chrono::seconds(2);

// ---- the output folder --------------------------------------------------------------------------

/// Returns true when the folders of rel (a path inside root) are real folders, not symbolic
/// links: a path the build resolves without following links, so it never leaves root.
bool folders_are_real(const fs::path& root, const std::string& rel) {
  fs::path dir = root;
  for (const fs::path& part : fs::path(rel).parent_path()) {
    dir /= part;
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return false;
  }
  return true;
}

/// Removes the temporary files an interrupted build left beside the files it writes (rels,
/// relative to dir; ".NAME.tmp-XXXXXX" of one of those names, a regular file, in a real folder
/// inside dir) and nothing else; returns how many.
std::size_t remove_stale_temp_files(const fs::path& dir, const std::set<std::string>& rels) {
  std::map<std::string, std::set<std::string>> names_by_folder;
  for (const std::string& rel : rels) {
    const fs::path p(rel);
    names_by_folder[p.parent_path().generic_string()].insert(p.filename().string());
  }
  std::size_t removed = 0;
  for (const auto& [folder, names] : names_by_folder) {
    if (!folders_are_real(dir, folder + "/x")) continue;
    std::error_code ec;
    for (fs::directory_iterator it(dir / folder, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!is_atomic_temp_file(name)) continue;
      const std::string base = name.substr(1, name.size() - 12);  // ".NAME.tmp-XXXXXX" -> NAME
      if (names.count(base) == 0) continue;
      struct stat st {};
      if (::lstat(it->path().c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::unlink(it->path().c_str()) == 0) ++removed;
    }
  }
  return removed;
}

/// Returns true when rel is a plain relative path that stays inside its folder.
bool stays_inside(const std::string& rel) {
  const fs::path p(rel);
  if (rel.empty() || p.is_absolute()) return false;
  for (const fs::path& part : p)
    if (part == ".." || part == ".") return false;
  return true;
}

/// Returns true when file exists, is not empty and its first 4 KiB do not name a handout build
/// manifest: someone else's file, not a damaged manifest of ours, so it is not overwritten.
bool looks_foreign(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.find_first_not_of(" \t\r\n") == std::string::npos) return false;
  return head.find("\"handout-build\"") == std::string::npos;
}

/// Returns true for the files the build keeps for itself at the top of the output folder; a
/// manifest entry naming one is never an output (never removed, never claimed by a source).
bool is_build_file(const std::string& rel) {
  return rel == kManifestName || rel == kCatalogName || rel == kLockName;
}

/// Returns true when a recorded output may be removed: a plain path inside the output folder,
/// not one of the build's own files, through real folders (no link followed), a regular file.
bool removable_output(const fs::path& root, const std::string& rel) {
  if (!stays_inside(rel) || is_build_file(rel) || !folders_are_real(root, rel)) return false;
  struct stat st {};
  return ::lstat((root / rel).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

/// Removes the empty folders from rel's folder up to (not including) root.
void prune_empty_folders(const fs::path& root, const std::string& rel) {
  std::error_code ec;
  for (fs::path dir = fs::path(rel).parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (!fs::is_empty(root / dir, ec) || ec) return;
    fs::remove(root / dir, ec);
  }
}

/// Writes bytes atomically unless the file already holds exactly them; returns true when written.
bool write_if_changed(const fs::path& file, const std::string& bytes) {
  std::ifstream in(file, std::ios::binary);
  if (in) {
    std::ostringstream current;
    current << in.rdbuf();
    if (current.str() == bytes) return false;
  }
  write_output_file(file, bytes);
  return true;
}

// ---- sources and keys ---------------------------------------------------------------------------

std::string lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

std::int64_t mtime_ns_of(const struct stat& st) {
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

/// Hashes the conversion options that change what writers produce.
std::string options_fingerprint(const ConvertOptions& o) {
  HashBuilder h;
  h.add("options-v1").add(o.from).add(o.reader.wiki_base_url);
  if (!o.reader.language.empty()) h.add("lang").add(o.reader.language);  // no field before --lang: keys kept
  h.add(describe_limits(o));  // every --limit: a source over one fails, under a raised one it builds
  h.add(o.writer.source_date_epoch ? std::to_string(*o.writer.source_date_epoch) : std::string("-"));
  // The furniture rules change every output: the shipped file and the users' files, by content;
  // so does the message catalog (the words the writers add in the document's language).
  std::vector<std::filesystem::path> files = boilerplate_rule_files(o.transforms.boilerplate_files);
  files.push_back(shipped_file("messages.yaml"));
  for (const auto& f : files) {
    h.add(f.string());
    try {
      h.add(hash_file(f));
    } catch (const std::system_error&) {
      h.add("unreadable");  // each source then fails with the reader's error
    }
  }
  return h.hex();
}

/// What every output key shares in one build.
struct KeyInputs {
  std::string program;
  std::string options;
  std::string style;
};

/// The state of one source file when the build looked at it.
struct SourceState {
  std::string hash;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

std::string output_key(const KeyInputs& k, const SourceState& s, const WriterEntry& w) {
  HashBuilder h;
  h.add("output-v1").add(k.program).add(k.options).add(s.hash).add(std::to_string(s.mtime_ns));
  h.add(w.name).add(w.extension).add(w.uses_style ? k.style : std::string("no-style"));
  return h.hex();
}

/// Returns true when the output file is the one the record describes. A changed modification
/// time with the same bytes still counts (and the record's time is updated).
bool output_file_matches(const fs::path& output_dir, OutputRecord& record) {
  struct stat st {};
  if (::stat((output_dir / record.path).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  if (static_cast<std::uint64_t>(st.st_size) != record.size) return false;
  if (mtime_ns_of(st) == record.mtime_ns) return true;
  try {
    if (hash_file(output_dir / record.path) != record.hash) return false;
  } catch (const std::system_error&) {
    return false;
  }
  record.mtime_ns = mtime_ns_of(st);
  return true;
}

// ---- one document per task -----------------------------------------------------------------------

/// One output a task has to write.
struct FormatJob {
  const WriterEntry* writer = nullptr;
  std::string path;  ///< relative to the output folder
  std::string key;
};

/// One source to build; read-only once posted.
struct SourceTask {
  std::size_t index = 0;
  std::string source;   ///< relative to the input folder
  std::string display;  ///< the path diagnostics show
  fs::path file;
  std::vector<FormatJob> formats;
};

/// An output being flushed to the disk and renamed into place while its worker goes on.
struct PendingWrite {
  OutputRecord record;
  fs::path target;
  std::future<void> done;
};

/// Bounds the sources whose outputs are still being written: a worker takes a slot before it
/// starts a source's writes, and the building thread gives it back once it has settled them.
/// Workers so go on to the next source while the disk flushes the last one's files, and a slow
/// disk cannot make the outputs waiting in memory pile up.
class WriteSlots {
 public:
  explicit WriteSlots(std::size_t limit) : limit_(limit) {}

  /// Waits for a free slot and takes it (at once after close()).
  void acquire() {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [this] { return closed_ || used_ < limit_; });
    ++used_;
  }

  /// Gives a slot back.
  void release() {
    {
      std::lock_guard lock(mutex_);
      --used_;
    }
    freed_.notify_one();
  }

  /// Stops limiting (the building thread is leaving and will settle nothing more).
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    freed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable freed_;
  std::size_t limit_;
  std::size_t used_ = 0;
  bool closed_ = false;
};

/// What a task found and wrote.
struct SourceResult {
  std::size_t index = 0;
  bool loaded = false;
  bool abandoned = false;  ///< stopped before every format was written
  std::string title, date, language;
  ReadingStats reading;
  std::vector<Diagnostic> diagnostics;
  bool has_errors = false;
  std::vector<OutputRecord> written;
  std::vector<PendingWrite> pending;  ///< writes not settled yet (settle_writes)
  bool holds_slot = false;            ///< a WriteSlots slot is taken for the pending writes
};

/// Waits for a result's pending writes: each written output is recorded (with its file's
/// modification time), each failure becomes an error of the source. Frees the result's slot.
void settle_writes(const SourceTask& task, SourceResult& result, WriteSlots& slots) {
  for (PendingWrite& w : result.pending) {
    try {
      w.done.get();
    } catch (const std::exception& e) {
      result.diagnostics.push_back({Severity::error, Code::output_failed, task.display, 0, 0, e.what()});
      result.has_errors = true;
      continue;
    }
    struct stat st {};
    if (::stat(w.target.c_str(), &st) == 0) w.record.mtime_ns = mtime_ns_of(st);
    result.written.push_back(std::move(w.record));
  }
  result.pending.clear();
  if (result.holds_slot) slots.release();
  result.holds_slot = false;
}

/// Starts writing bytes to target (write_output_file) on the writers' threads; the future is
/// ready when the file is durable under its name, or holds the error.
std::future<void> start_write(WorkerPool& writers, fs::path target, std::string bytes, FolderFlushes& folders) {
  auto task = std::make_shared<std::packaged_task<void()>>(
      [target = std::move(target), bytes = std::move(bytes), &folders] { write_output_file(target, bytes, &folders); });
  std::future<void> done = task->get_future();
  writers.post([task] { (*task)(); });
  return done;
}

SourceResult build_source(const SourceTask& task, const ConvertOptions& options, const fs::path& output_dir,
                          FolderFlushes& folders, WriteSlots& slots, WorkerPool& writers) {
  SourceResult result;
  result.index = task.index;
  Diagnostics diag(task.display);
  try {
    if (StopSignals::stopping()) {
      result.abandoned = true;
      return result;
    }
    std::optional<Document> doc = load_document(task.file, options, diag);
    if (doc) {
      result.loaded = true;
      const Metadata m = read_metadata(*doc);
      result.title = doc->title();
      result.date = m.updated.empty() ? m.published : m.updated;
      result.language = doc->language();
      result.reading = reading_stats(*doc);
      // Each output is flushed to the disk before it is renamed into place; the flushes of one
      // source's outputs run at once on the writers' threads (the file system commits them
      // together) while the worker goes on to its next source, the building thread settles them (settle_writes), and the
      // folders are flushed once, before the manifest records the files (folders.flush_all()).
      for (const FormatJob& job : task.formats) {
        if (StopSignals::stopping()) {
          result.abandoned = true;
          break;
        }
        std::optional<Output> output = render_document(*doc, *job.writer, options, diag);
        if (!output) continue;
        const fs::path target = output_dir / job.path;
        OutputRecord record{std::string(job.writer->name), job.path, hash_bytes(output->bytes), output->bytes.size(), 0,
                            output->pages, job.key};
        if (!result.holds_slot) {
          slots.acquire();
          result.holds_slot = true;
        }
        result.pending.push_back({std::move(record), target, start_write(writers, target, std::move(output->bytes), folders)});
      }
    }
  } catch (const std::bad_alloc&) {
    diag.error(Code::out_of_memory, 0, 0, "out of memory while building this source");
  } catch (const std::exception& e) {
    diag.error(Code::internal_error, 0, 0, std::string("internal error: ") + e.what());
  } catch (...) {
    diag.error(Code::internal_error, 0, 0, "internal error");
  }
  result.has_errors = diag.has_errors();
  result.diagnostics = diag.items();
  return result;
}

/// The result list: the only state tasks share. Workers push, the building thread pops.
class EventQueue {
 public:
  struct Event {
    bool started = false;  ///< a "started" notice (result is empty) or a finished task
    std::size_t index = 0;
    std::optional<SourceResult> result;
  };

  void push(Event e) {
    {
      std::lock_guard lock(mutex_);
      events_.push_back(std::move(e));
    }
    ready_.notify_one();
  }

  /// Returns the next event, or nullopt after waiting timeout without one.
  std::optional<Event> pop_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!ready_.wait_for(lock, timeout, [this] { return !events_.empty(); })) return std::nullopt;
    Event e = std::move(events_.front());
    events_.pop_front();
    return e;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Event> events_;
};

/// Returns the pages shown for a source: the PDF handout's, else the most of any output.
int pages_of(const std::vector<OutputRecord>& outputs) {
  int most = 0;
  for (const OutputRecord& o : outputs) {
    if (o.format == "pdf") return o.pages;
    most = std::max(most, o.pages);
  }
  return most;
}

void put_output(std::vector<OutputRecord>& outputs, OutputRecord record) {
  auto it = std::find_if(outputs.begin(), outputs.end(), [&](const OutputRecord& o) { return o.format == record.format; });
  if (it != outputs.end()) *it = std::move(record);
  else outputs.push_back(std::move(record));
  std::sort(outputs.begin(), outputs.end(), [](const OutputRecord& a, const OutputRecord& b) { return a.format < b.format; });
}

Diagnostic build_error(Code code, std::string path, std::string message) {
  return {Severity::error, code, std::move(path), 0, 0, std::move(message)};
}

std::string generic(const fs::path& p) { return p.generic_string(); }

}  // namespace

// ---- public -------------------------------------------------------------------------------------

int BuildReport::exit_status() const {
  if (usage_error) return 2;
  if (signal != 0) return 128 + signal;
  if (setup_error || counts.failed > 0) return 1;
  return 0;
}

namespace {

/// Adds a source file found under input_dir to sources, or warns that it is skipped: a
/// symbolic link to a file outside the input folder.
void add_source(const fs::recursive_directory_iterator& it, const fs::path& input_dir, const fs::path& input_canonical,
                std::vector<std::string>& sources, std::vector<Diagnostic>* warnings) {
  const fs::path entry = it->path();
  std::error_code e2;
  const fs::path real = it->is_symlink(e2) ? fs::canonical(entry, e2) : fs::path();
  const fs::path rel = real.empty() ? fs::path() : real.lexically_relative(input_canonical);
  if (!real.empty() && (rel.empty() || *rel.begin() == "..")) {
    if (warnings != nullptr)
      warnings->push_back({Severity::warning, Code::source_skipped, generic(entry), 0, 0,
                           "skipped: a symbolic link to " + real.string() + ", outside the input folder"});
  } else {
    sources.push_back(generic(entry.lexically_relative(input_dir)));
  }
}

/// Whether the scan does not go into this folder: a hidden one, or the one to skip (the
/// output folder).
bool skip_folder(const fs::path& entry, const std::string& name, const fs::path& skip_canonical) {
  if (name.empty() || name[0] == '.') return true;
  std::error_code e2;
  return !skip_canonical.empty() && fs::weakly_canonical(entry, e2) == skip_canonical;
}

}  // namespace

std::vector<std::string> find_sources(const fs::path& input_dir, const fs::path& skip, std::vector<Diagnostic>* warnings) {
  const std::vector<std::string> exts = source_extensions();
  std::error_code ec;
  const fs::path skip_canonical = skip.empty() ? fs::path() : fs::weakly_canonical(skip, ec);
  const fs::path input_canonical = fs::weakly_canonical(input_dir, ec);
  std::vector<std::string> sources;
  fs::recursive_directory_iterator it(input_dir, ec), end;
  if (ec) throw std::system_error(ec, "cannot read folder " + generic(input_dir));
  for (; it != end;) {
    const fs::path entry = it->path();
    const std::string name = entry.filename().string();
    std::error_code e2;
    const bool is_dir = it->is_directory(e2);
    if (is_dir) {
      if (skip_folder(entry, name, skip_canonical)) it.disable_recursion_pending();
    } else if (!name.empty() && name[0] != '.' && it->is_regular_file(e2)) {
      const std::string ext = lowercase(entry.extension().string());
      if (std::find(exts.begin(), exts.end(), ext) != exts.end()) add_source(it, input_dir, input_canonical, sources, warnings);
    }
    it.increment(ec);
    if (ec) {
      // The entry just left is the folder that could not be opened (or the one being read).
      const fs::path where = is_dir && fs::is_directory(entry, e2) ? entry : entry.parent_path();
      throw std::system_error(ec, "cannot read folder " + generic(where));
    }
  }
  std::sort(sources.begin(), sources.end());
  return sources;
}

std::string output_path_for(std::string_view source, const WriterEntry& writer) {
  const fs::path p(source);
  return generic(p.parent_path() / (p.stem().string() + std::string(writer.extension)));
}

namespace {

/// One `handout build`, as named phases over shared state: usage, the output folder, the
/// previous manifest, the source scan, removals, the plan, the run on the pool, the catalog.
/// Each phase returns false when the build must stop (the report says why).
class BuildRun {
 public:
  BuildRun(const BuildOptions& options, std::ostream& out, std::ostream& err)
      : options_(options), out_(out), err_(err), input_dir_(options.input_dir), output_dir_(options.output_dir),
        manifest_file_(output_dir_ / std::string(kManifestName)) {}

  /// Runs every phase in order and returns the report.
  BuildReport run() {
    if (!check_usage()) return report_;
    progress_.emplace(out_, err_, options_.terminal, options_.verbose);
    stop_.emplace(options_.handle_signals);
    if (open_output_folder() && read_previous_manifest() && scan_sources()) {
      remove_outputs_of_gone_sources();
      plan();
      remove_stale_temporaries();
      build_on_pool();
      finish();
    }
    return report_;
  }

 private:
  /// The folders differ and exist as folders; every requested format has a writer.
  bool check_usage() {
    std::error_code ec;
    if (!fs::is_directory(input_dir_, ec)) {
      return usage_error("input folder '" + input_dir_.string() + "' does not exist or is not a folder");
    }
    if (fs::weakly_canonical(input_dir_, ec) == fs::weakly_canonical(output_dir_, ec)) {
      return usage_error("the output folder must differ from the input folder");
    }
    if (fs::exists(output_dir_, ec) && !fs::is_directory(output_dir_, ec)) {
      return usage_error("output folder '" + output_dir_.string() + "' exists and is not a folder");
    }
    if (options_.formats.empty()) {
      for (const WriterEntry& w : options_.writers) writers_.push_back(&w);
      return true;
    }
    for (const std::string& name : options_.formats) {
      auto it = std::find_if(options_.writers.begin(), options_.writers.end(),
                             [&](const WriterEntry& w) { return w.name == name; });
      if (it == options_.writers.end()) return usage_error("unknown output format '" + name + "'");
      if (std::find(writers_.begin(), writers_.end(), &*it) == writers_.end()) writers_.push_back(&*it);
    }
    return true;
  }

  bool usage_error(const std::string& message) {
    err_ << "handout: error: " << message << '\n';
    report_.usage_error = true;
    return false;
  }

  /// Fails the build before any source is touched, with one located error.
  bool setup_error(Diagnostic d) {
    progress_->diagnostics({std::move(d)});
    report_.setup_error = true;
    return false;
  }

  /// The output folder: created and locked against a concurrent build.
  bool open_output_folder() {
    try {
      fs::create_directories(output_dir_);
      lock_.emplace(output_dir_);
    } catch (const std::exception& e) {
      err_ << "handout: error: " << e.what() << '\n';
      report_.setup_error = true;
      return false;
    }
    return true;
  }

  /// The previous build's manifest (or none); a foreign manifest or catalog stops the build
  /// unless --force; records naming the build's own files or leaving the folder are dropped.
  bool read_previous_manifest() {
    std::error_code ec;
    try {
      previous_ = read_manifest(manifest_file_, generic(input_dir_));
    } catch (const std::exception& e) {
      const std::string why = e.what();
      if (looks_foreign(manifest_file_) && !options_.force) {
        return setup_error(build_error(Code::output_refused, generic(manifest_file_),
                                       "not a handout build manifest (" + why + "); not overwriting it (--force replaces it)"));
      }
      progress_->diagnostics({{Severity::warning, Code::manifest_ignored, generic(manifest_file_), 0, 0,
                               "ignoring the manifest (" + why + "); rebuilding everything"}});
    }
    // An index.html in a folder no build wrote to (no manifest) is someone else's page.
    const fs::path catalog = output_dir_ / std::string(kCatalogName);
    if (!options_.force && !fs::exists(manifest_file_, ec) && fs::exists(fs::symlink_status(catalog, ec))) {
      return setup_error(build_error(Code::output_refused, generic(catalog),
                                     "exists and was not written by handout build; not overwriting it (--force replaces it)"));
    }
    for (SourceRecord& r : previous_.sources)
      r.outputs.erase(std::remove_if(r.outputs.begin(), r.outputs.end(),
                                     [](const OutputRecord& o) { return is_build_file(o.path) || !stays_inside(o.path); }),
                      r.outputs.end());
    style_ = fingerprint_style(options_.convert.writer.style);
    keys_ = KeyInputs{options_.program, options_fingerprint(options_.convert), style_.hash};
    return true;
  }

  /// The sources of the input folder; a folder that cannot be read stops the build before
  /// anything is removed or rebuilt from a partial list.
  bool scan_sources() {
    std::vector<Diagnostic> warnings;
    try {
      sources_ = find_sources(input_dir_, output_dir_, &warnings);
    } catch (const std::system_error& e) {
      return setup_error(build_error(Code::source_unreadable, generic(input_dir_), e.what()));
    }
    if (!warnings.empty()) progress_->diagnostics(warnings);
    report_.sources = sources_.size();
    if (sources_.empty()) {
      std::string extensions;
      for (const std::string& e : source_extensions()) extensions += (extensions.empty() ? "" : " ") + e;
      progress_->diagnostics({{Severity::warning, Code::source_skipped, generic(input_dir_), 0, 0,
                               "no sources found (" + extensions + ")"}});
    }
    present_ = std::set<std::string>(sources_.begin(), sources_.end());
    // The manifest being built: previous records of sources still present, updated as tasks end.
    for (const SourceRecord& r : previous_.sources)
      if (present_.count(r.source) != 0) records_.emplace(r.source, r);
    return true;
  }

  /// Sources that disappeared: their recorded outputs are removed.
  void remove_outputs_of_gone_sources() {
    for (const SourceRecord& r : previous_.sources) {
      if (present_.count(r.source) != 0) continue;
      std::string removed_list;
      for (const OutputRecord& o : r.outputs) {
        if (!removable_output(output_dir_, o.path)) continue;
        std::error_code rm;
        if (fs::remove(output_dir_ / o.path, rm)) removed_list += (removed_list.empty() ? "" : ", ") + o.path;
        prune_empty_folders(output_dir_, o.path);
      }
      ++report_.counts.removed;
      progress_->message("removed " + (removed_list.empty() ? std::string("nothing") : removed_list) + " (source " +
                         r.source + " is gone)");
    }
  }

  /// Marks a source failed before any task runs, with one error.
  void fail_source(const std::string& source, Diagnostic error) {
    SourceRecord& r = records_[source];
    r.source = source;
    r.failed = true;
    r.errors = {std::move(error)};
    progress_->diagnostics(r.errors);
    ++report_.counts.failed;
  }

  /// Plan: which outputs of which source are out of date, one task per source that has any.
  void plan() {
    for (const std::string& source : sources_) plan_source(source);
  }

  void plan_source(const std::string& source) {
    const fs::path file = input_dir_ / source;
    const std::string display = generic(file);
    SourceState state;
    struct stat st {};
    try {
      if (::stat(file.c_str(), &st) != 0) throw std::system_error(errno, std::generic_category(), "cannot read " + display);
      state.hash = hash_file(file);
    } catch (const std::system_error& e) {
      fail_source(source, build_error(Code::source_unreadable, display, e.what()));
      records_[source].warnings.clear();
      return;
    }
    state.size = static_cast<std::uint64_t>(st.st_size);
    state.mtime_ns = mtime_ns_of(st);
    states_[source] = state;

    std::vector<FormatJob> jobs;
    for (const WriterEntry* w : writers_) {
      const std::string path = output_path_for(source, *w);
      if (auto [it, fresh] = claimed_.emplace(path, source); !fresh) {
        SourceRecord& r = records_[source];
        r.hash = state.hash;
        r.size = state.size;
        r.mtime_ns = state.mtime_ns;
        fail_source(source, build_error(Code::output_refused, display,
                                        "its " + std::string(w->name) + " output " + path + " would overwrite that of " +
                                            it->second + "; rename one of them"));
        return;
      }
      jobs.push_back({w, path, output_key(keys_, state, *w)});
    }
    auto found = records_.find(source);
    const bool retry = found == records_.end() || found->second.failed || options_.force;
    std::vector<FormatJob> outdated;
    for (FormatJob& job : jobs) {
      bool fresh = false;
      if (!retry) {
        for (OutputRecord& o : found->second.outputs) {
          if (o.format == job.writer->name) fresh = o.key == job.key && o.path == job.path && output_file_matches(output_dir_, o);
        }
      }
      if (!fresh) outdated.push_back(std::move(job));
    }
    if (outdated.empty()) {
      ++report_.counts.skipped;
      return;
    }
    tasks_.push_back({tasks_.size(), source, display, file, std::move(outdated)});
  }

  /// Temporary files a killed build left: only those beside files this build records or writes.
  void remove_stale_temporaries() {
    std::set<std::string> ours;
    for (const auto& [path, owner] : claimed_) ours.insert(path);
    for (const SourceRecord& r : previous_.sources)
      for (const OutputRecord& o : r.outputs) ours.insert(o.path);
    if (const std::size_t stale = remove_stale_temp_files(output_dir_, ours); stale > 0) {
      progress_->message("removed " + std::to_string(stale) + " temporary file" + (stale == 1 ? "" : "s") +
                         " left by an interrupted build");
    }
  }

  /// Merges a finished task into its record.
  void merge(const SourceTask& task, const SourceResult& result) {
    SourceRecord& r = records_[task.source];
    r.source = task.source;
    const SourceState& state = states_[task.source];
    r.hash = state.hash;
    r.size = state.size;
    r.mtime_ns = state.mtime_ns;
    if (result.loaded) {
      r.title = result.title;
      r.date = result.date;
      r.language = result.language;
      r.reading = result.reading;
    }
    r.warnings.clear();
    r.errors.clear();
    for (const Diagnostic& d : result.diagnostics) {
      if (d.severity == Severity::warning) r.warnings.push_back(d);
      if (d.severity == Severity::error) r.errors.push_back(d);
    }
    r.failed = result.has_errors;
    for (const OutputRecord& o : result.written) put_output(r.outputs, o);
    r.pages = pages_of(r.outputs);
  }

  /// The manifest as the records stand now.
  Manifest snapshot() const {
    Manifest m;
    m.program = keys_.program;
    m.style = style_.style;
    m.style_hash = style_.hash;
    for (const fs::path& f : style_.files) m.style_files.push_back(generic(f));
    for (const auto& [source, r] : records_) m.sources.push_back(r);
    return m;
  }

  /// Saves the manifest once every output it records is whole on the disk.
  void save_manifest(const Manifest& m) {
    try {
      folders_.flush_all();
      write_if_changed(manifest_file_, manifest_to_json(m));
    } catch (const std::exception& e) {
      progress_->diagnostics({build_error(Code::output_failed, generic(manifest_file_), e.what())});
      report_.setup_error = true;
    }
  }

  /// Takes one finished task's result: counted, reported, recorded. Returns true when the
  /// manifest changed.
  bool take_result(const SourceTask& task, const SourceResult& result) {
    if (result.abandoned && !result.has_errors) {
      ++report_.counts.abandoned;
      if (result.written.empty()) return false;
      SourceRecord& r = records_[task.source];  // some outputs were written before the stop: record them
      r.source = task.source;
      for (const OutputRecord& o : result.written) put_output(r.outputs, o);
      return true;
    }
    merge(task, result);
    if (result.has_errors) ++report_.counts.failed;
    else ++report_.counts.built;
    std::vector<std::string> written;
    for (const OutputRecord& o : result.written) written.push_back(o.path);
    progress_->finished(task.source, result.has_errors, written, result.diagnostics);
    return true;
  }

  /// Build: one task per source on the pool; this thread reports and keeps the manifest,
  /// saving it every kCheckpointInterval while tasks end.
  void build_on_pool() {
    progress_->set_total(tasks_.size());
    if (tasks_.empty()) return;
    EventQueue events;
    const ConvertOptions& convert = options_.convert;
    unsigned jobs = options_.jobs == 0 ? available_cores() : options_.jobs;
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, tasks_.size()));
    std::size_t expected = tasks_.size();
    std::size_t received = 0;
    auto last_checkpoint = std::chrono::steady_clock::now();
    bool dirty = false;
    WriteSlots slots(2 * std::size_t{jobs} + 2);
    // The outputs' writes (fsync, rename) run on threads of their own, a source's four at once:
    // the file system commits them together. Ended after the workers, which post to it.
    WorkerPool writers(4, std::size_t{1} << 20);
    WorkerPool pool(jobs);
    // Declared after the pool, so ended before the pool joins: a worker waiting for a slot is
    // let go if this thread leaves without settling every result.
    struct CloseSlots {
      WriteSlots& slots;
      ~CloseSlots() { slots.close(); }
    } close_slots{slots};
    for (const SourceTask& task : tasks_) {
      pool.post([&events, &task, &convert, &slots, &writers, this] {
        events.push({true, task.index, std::nullopt});
        events.push({false, task.index, build_source(task, convert, output_dir_, folders_, slots, writers)});
      });
    }
    bool dropped = false;
    while (received < expected) {
      if (StopSignals::stopping() && !dropped) {
        const std::size_t n = pool.drop_pending();
        expected -= n;
        report_.counts.abandoned += n;
        dropped = true;
        continue;
      }
      std::optional<EventQueue::Event> e = events.pop_for(std::chrono::milliseconds(100));
      if (!e) {
        progress_->tick();
      } else if (e->started) {
        progress_->started(tasks_[e->index].source);
      } else {
        ++received;
        settle_writes(tasks_[e->index], *e->result, slots);
        dirty = take_result(tasks_[e->index], *e->result) || dirty;
      }
      if (dirty && std::chrono::steady_clock::now() - last_checkpoint >= kCheckpointInterval) {
        save_manifest(snapshot());
        last_checkpoint = std::chrono::steady_clock::now();
        dirty = false;
      }
    }
  }  // the pool joins here; every task has ended

  /// The final manifest, the catalog and the summary line.
  void finish() {
    report_.signal = StopSignals::signal();
    const Manifest manifest = snapshot();
    save_manifest(manifest);
    try {
      write_if_changed(output_dir_ / std::string(kCatalogName), render_catalog(manifest));
    } catch (const std::exception& e) {
      progress_->diagnostics({build_error(Code::output_failed, generic(output_dir_ / std::string(kCatalogName)), e.what())});
      report_.setup_error = true;
    }
    progress_->summary(report_.counts, report_.signal != 0);
  }

  const BuildOptions& options_;
  std::ostream& out_;
  std::ostream& err_;
  const fs::path& input_dir_;
  const fs::path& output_dir_;
  const fs::path manifest_file_;
  BuildReport report_;
  std::vector<const WriterEntry*> writers_;
  std::optional<BuildProgress> progress_;
  std::optional<StopSignals> stop_;
  std::optional<OutputLock> lock_;
  Manifest previous_;
  StyleFingerprint style_;
  KeyInputs keys_;
  std::vector<std::string> sources_;
  std::set<std::string> present_;
  std::map<std::string, SourceRecord> records_;
  std::map<std::string, SourceState> states_;
  /// Output paths taken so far, by source (the build's own files are taken by "the build").
  std::map<std::string, std::string> claimed_ = {{std::string(kManifestName), "the build"},
                                                 {std::string(kCatalogName), "the build"},
                                                 {std::string(kLockName), "the build"}};
  std::vector<SourceTask> tasks_;
  FolderFlushes folders_;  // folders outputs were renamed into, flushed before each manifest save
};

}  // namespace

BuildReport run_build(const BuildOptions& options, std::ostream& out, std::ostream& err) {
  return BuildRun(options, out, err).run();
}

}  // namespace handout
