// handout serve: cpp-httplib server, the token and Host/Origin checks, conversions kept in memory.
#include "serve/server.hpp"

#include "batch/stop_signals.hpp"
#include "batch/watch.hpp"
#include "batch/worker_pool.hpp"
#include "layout/style.hpp"
#include "serve/folder_files.hpp"
#include "readers/registry.hpp"
#include "serve/page.hpp"
#include "text/messages.hpp"
#include "writers/epub/zip_archive.hpp"
#include "writers/registry.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <ostream>
#include <pthread.h>
#include <sstream>
#include <system_error>
#include <thread>

#include <sys/stat.h>
#include <unistd.h>

namespace handout {
namespace {

// Random hex from the kernel (the token and result ids are guessed by nobody else).
std::string random_hex(std::size_t bytes) {
  std::ifstream in("/dev/urandom", std::ios::binary);
  std::string raw(bytes, '\0');
  in.read(raw.data(), static_cast<std::streamsize>(bytes));
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : raw) {
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  return hex;
}

// One conversion's outputs, by writer name.
struct Result {
  std::map<std::string, std::string> files;
};

// One conversion on its own thread (64 MiB stack, like convert's): the request waits for it up to
// the time limit; one that runs over is left to finish on its own and its outputs are dropped.
struct Conversion {
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  ConvertOptions convert;
  std::string label;
  std::string text;
  Diagnostics diag;
  Result result;
  std::atomic<unsigned>* overdue = nullptr;  // the server's count of conversions past their limit
  bool abandoned = false;

  Conversion(ConvertOptions c, std::string l, std::string t)
      : convert(std::move(c)), label(std::move(l)), text(std::move(t)), diag(label) {}

  void run() {
    try {
      std::optional<Document> doc = read_document_bytes(label, std::move(text), convert, diag);
      if (doc) {
        for (const char* name : {"pdf", "summary", "epub"}) {
          const WriterEntry* writer = find_writer(name);
          if (!writer) continue;
          if (std::optional<Output> output = render_document(*doc, *writer, convert, diag)) {
            result.files[name] = std::move(output->bytes);
          }
        }
      }
    } catch (const std::bad_alloc&) {
      diag.error(Code::out_of_memory, 0, 0, "out of memory while converting");
    } catch (const std::exception& e) {
      diag.error(Code::internal_error, 0, 0, e.what());
    }
    std::lock_guard<std::mutex> lock(mutex);
    done = true;
    if (abandoned && overdue != nullptr) --*overdue;
    done_cv.notify_all();
  }
};

void* conversion_main(void* arg) {
  auto* holder = static_cast<std::shared_ptr<Conversion>*>(arg);
  std::shared_ptr<Conversion> conversion = std::move(*holder);
  delete holder;
  conversion->run();
  return nullptr;
}

// Starts the conversion on a detached thread; false when no thread could be started.
bool start_conversion(const std::shared_ptr<Conversion>& conversion) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return false;
  pthread_attr_setstacksize(&attr, kWorkerStackBytes);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  auto* holder = new std::shared_ptr<Conversion>(conversion);
  pthread_t thread;
  const int err = pthread_create(&thread, &attr, &conversion_main, holder);
  pthread_attr_destroy(&attr);
  if (err != 0) delete holder;
  return err == 0;
}

// Results kept in memory, oldest dropped past a count.
class ResultStore {
 public:
  std::string add(Result r) {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string id = random_hex(16);
    order_.push_back(id);
    results_.emplace(id, std::make_shared<Result>(std::move(r)));
    while (order_.size() > 64) {
      results_.erase(order_.front());
      order_.erase(order_.begin());
    }
    return id;
  }
  std::shared_ptr<const Result> find(const std::string& id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = results_.find(id);
    return it == results_.end() ? nullptr : it->second;
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> order_;
  std::map<std::string, std::shared_ptr<Result>> results_;
};

// A catalog language's name in that language (the select on the page); the tag when not known.
std::string language_name(const std::string& tag) {
  static const std::map<std::string, std::string> names = {
      {"en", "English"}, {"es", "Español"}, {"zh-Hans", "中文（简体）"}, {"zh-Hant", "中文（繁體）"},
      {"vi", "Tiếng Việt"}, {"ko", "한국어"}, {"ru", "Русский"}, {"ar", "العربية"}, {"tl", "Tagalog"},
      {"ht", "Kreyòl ayisyen"}, {"pt", "Português"}, {"fr", "Français"}, {"hi", "हिन्दी"}, {"bn", "বাংলা"},
      {"fa", "فارسی"}};
  auto it = names.find(tag);
  return it == names.end() ? tag : it->second;
}

const char* content_type(const std::string& writer) {
  if (writer == "epub") return "application/epub+zip";
  if (writer == "pdf" || writer == "summary") return "application/pdf";
  return "application/octet-stream";
}

// Removes the private output folders (handout-serve-PID-XXXXXX) that servers killed without a
// chance to clean up (SIGKILL, power loss) left in dir: only folders of this user whose process
// is gone; a folder whose number now belongs to a live process is left.
void remove_abandoned_private_folders(const std::filesystem::path& dir) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    static constexpr std::string_view kPrefix = "handout-serve-";
    if (name.compare(0, kPrefix.size(), kPrefix) != 0) continue;
    const std::size_t dash = name.find('-', kPrefix.size());
    if (dash == std::string::npos || dash == kPrefix.size()) continue;
    const std::string digits = name.substr(kPrefix.size(), dash - kPrefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 9) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()) continue;
    if (pid <= 0 || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;
    std::filesystem::remove_all(it->path(), ignored);
  }
}

// The output folder of `handout serve FOLDER`: the one asked for, or a private temporary one
// (mode 0700) removed at the end.
class ServedOutput {
 public:
  ServedOutput() = default;
  ~ServedOutput() {
    std::error_code ec;
    if (private_) std::filesystem::remove_all(root_, ec);
  }
  ServedOutput(const ServedOutput&) = delete;
  ServedOutput& operator=(const ServedOutput&) = delete;

  /// Creates or opens the folder; returns an error message, empty when it is usable.
  std::string open(const std::filesystem::path& asked) {
    std::error_code ec;
    std::filesystem::path dir = asked;
    if (dir.empty()) {
      const std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
      if (ec) return "cannot create a temporary folder";
      remove_abandoned_private_folders(tmp);
      std::string pattern = (tmp / ("handout-serve-" + std::to_string(::getpid()) + "-XXXXXX")).string();
      if (::mkdtemp(pattern.data()) == nullptr) return "cannot create a temporary folder";
      dir = pattern;
      private_ = true;
    } else {
      std::filesystem::create_directories(dir, ec);
    }
    root_ = std::filesystem::canonical(dir, ec);
    if (ec || !std::filesystem::is_directory(root_, ec)) return "cannot use the output folder " + dir.string();
    return {};
  }
  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
  bool private_ = false;
};

// Shown at /catalog/ until the first build has written index.html.
const char* const kCatalogPending = R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2"><title>Handouts: being built</title></head>
<body><main><h1>The handouts are being built</h1><p>This page reloads by itself when they are ready.</p></main></body></html>
)HTML";

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  std::error_code folder_ec;
  if (!options.folder.empty() && !std::filesystem::is_directory(options.folder, folder_ec)) {
    err << "handout serve: error: " << options.folder.string() << " is not a folder\n";
    return 2;
  }
  ServedOutput served;
  if (!options.folder.empty()) {
    if (std::string problem = served.open(options.output_dir); !problem.empty()) {
      err << "handout serve: error: " << problem << "\n";
      return 1;
    }
  }

  // SIGINT/SIGTERM are taken by one waiting thread, which stops the server (no work in a handler).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server server;
  // The languages the page offers: those whose labels the message catalog has.
  const std::vector<std::string> catalog_languages = message_catalog_report().languages;
  const std::string token = random_hex(24);
  ResultStore store;
  std::atomic<unsigned> overdue{0};  // conversions past their time limit, still running
  const std::size_t body_limit = options.convert.max_source_bytes + (std::size_t{64} << 10);
  server.set_payload_max_length(body_limit);
  const unsigned threads = options.threads == 0 ? 2 : options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_read_timeout(30, 0);
  server.set_write_timeout(30, 0);
  // A browser keeps idle connections open; with few request threads they would hold them for
  // httplib's default 5 s while the next page load waits.
  server.set_keep_alive_timeout(1);

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.listen);
  } else if (!server.bind_to_port(options.listen, port)) {
    port = -1;
  }
  if (port < 0) {
    err << "handout serve: error: cannot listen on " << options.listen << ":" << options.port << "\n";
    return 1;
  }
  const std::string host_port = options.listen + ":" + std::to_string(port);
  const std::string localhost_port = "localhost:" + std::to_string(port);

  // Host must name this server (DNS rebinding); an Origin, when sent, must be this server too.
  auto host_ok = [&](const httplib::Request& req) {
    const std::string host = req.get_header_value("Host");
    return host == host_port || host == localhost_port;
  };
  auto origin_ok = [&](const httplib::Request& req) {
    if (!req.has_header("Origin")) return true;
    const std::string origin = req.get_header_value("Origin");
    return origin == "http://" + host_port || origin == "http://" + localhost_port;
  };
  auto token_ok = [&](const httplib::Request& req) {
    if (req.get_header_value("X-Handout-Token") == token) return true;
    if (req.has_param("token") && req.get_param_value("token") == token) return true;
    return req.has_file("token") && req.get_file_value("token").content == token;
  };
  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    if (!host_ok(req)) {
      res.status = 421;
      res.set_content("This server answers only to " + host_port + "\n", "text/plain");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method == "POST" && (!origin_ok(req) || !token_ok(req))) {
      res.status = 403;
      res.set_content("Refused: open the address handout serve printed (with its token)\n", "text/plain");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 413) res.set_content("The file or text is too large to convert here.\n", "text/plain");
  });

  server.Get("/", [&](const httplib::Request& req, httplib::Response& res) {
    // The page opened with the token leaves it in a cookie for the catalog's links (/catalog/
    // needs the token too: with --listen, others on the network could otherwise read it).
    if (req.has_param("token") && req.get_param_value("token") == token) {
      res.set_header("Set-Cookie", "handout_token=" + token + "; Path=/catalog; HttpOnly; SameSite=Strict");
    }
    std::string styles;
    for (const std::string& s : style_names()) {
      styles += (s == options.convert.writer.style ? "<option selected>" : "<option>") + s + "</option>";
    }
    std::string page(kServePage);
    page.replace(page.find("@STYLES@"), 8, styles);
    std::string languages = "<option value=\"\">Find out from the text</option>";
    for (const std::string& tag : catalog_languages) {
      languages += "<option value=\"" + tag + "\" lang=\"" + tag + "\">" + language_name(tag) + "</option>";
    }
    page.replace(page.find("@LANGUAGES@"), 11, languages);
    // The file picker offers what the readers accept (the reader registry's extensions).
    std::string shown;
    std::string accept;
    for (const std::string& ext : source_extensions()) {
      shown += (shown.empty() ? "" : ", ") + ext;
      accept += (accept.empty() ? "" : ",") + ext;
    }
    page.replace(page.find("@EXTENSIONS@"), 12, shown);
    page.replace(page.find("@ACCEPT@"), 8, accept);
    const std::string catalog = options.folder.empty()
                                    ? std::string{}
                                    : "<p class=\"catalog\"><a href=\"/catalog/\">Handouts already made from this folder</a></p>";
    page.replace(page.find("@CATALOG@"), 9, catalog);
    res.set_header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(page, "text/html; charset=utf-8");
  });

  server.Get("/page.css", [](const httplib::Request&, httplib::Response& res) { res.set_content(kServeCss, "text/css"); });
  server.Get("/page.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kServeJs, "text/javascript");
  });

  server.Post("/convert", [&](const httplib::Request& req, httplib::Response& res) {
    nlohmann::json answer;
    std::string text;
    std::string label = "pasted text";
    if (req.has_file("file") && !req.get_file_value("file").content.empty()) {
      const auto& file = req.get_file_value("file");
      text = file.content;
      label = file.filename.empty() ? "uploaded file" : file.filename;
    } else if (req.has_file("text")) {
      text = req.get_file_value("text").content;
    } else if (req.has_param("text")) {
      text = req.get_param_value("text");
    }
    ConvertOptions convert = options.convert;
    std::string style = req.has_file("style") ? req.get_file_value("style").content : std::string{};
    if (!style.empty()) {
      bool known = false;
      for (const std::string& s : style_names()) known = known || s == style;
      if (!known) {
        res.status = 400;
        res.set_content(R"({"error":"unknown style"})", "application/json");
        return;
      }
      convert.writer.style = style;
    }
    const std::string lang = req.has_file("lang") ? req.get_file_value("lang").content : std::string{};
    if (!lang.empty()) {
      if (std::find(catalog_languages.begin(), catalog_languages.end(), lang) == catalog_languages.end()) {
        res.status = 400;
        res.set_content(R"({"error":"unknown language"})", "application/json");
        return;
      }
      convert.reader.language = lang;
    }
    // Conversions that ran over the limit still hold a core each: past one per request thread,
    // new ones wait for them instead of piling up.
    if (overdue.load() >= threads) {
      res.status = 503;
      res.set_header("Retry-After", "10");
      res.set_content(R"({"error":"busy: earlier conversions that ran over the time limit are still finishing; try again in a minute"})",
                      "application/json");
      return;
    }
    auto conversion = std::make_shared<Conversion>(std::move(convert), label, std::move(text));
    conversion->overdue = &overdue;
    if (!start_conversion(conversion)) conversion->run();
    bool in_time = false;
    {
      std::unique_lock<std::mutex> lock(conversion->mutex);
      in_time = conversion->done_cv.wait_for(lock, std::chrono::seconds(options.seconds), [&] { return conversion->done; });
      if (!in_time) {
        conversion->abandoned = true;
        ++overdue;
      }
    }
    Diagnostics late(label);
    Result none;
    if (!in_time) {
      late.error(Code::limit_exceeded, 0, 0,
                 "the conversion took longer than " + std::to_string(options.seconds) +
                     " seconds (--limit seconds) and was given up; try a shorter text");
    }
    const Diagnostics& diag = in_time ? conversion->diag : late;
    Result& result = in_time ? conversion->result : none;
    answer["messages"] = nlohmann::json::array();
    for (const Diagnostic& d : diag.items()) {
      const char* severity = d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "note";
      answer["messages"].push_back({{"severity", severity}, {"code", code_name(d.code)}, {"about", code_summary(d.code)},
                                    {"line", d.line}, {"message", d.message}});
    }
    answer["files"] = nlohmann::json::object();
    if (!result.files.empty()) {
      std::vector<std::string> names;
      for (const auto& [name, bytes] : result.files) names.push_back(name);
      const std::string id = store.add(std::move(result));
      answer["id"] = id;
      for (const std::string& name : names) answer["files"][name] = "/result/" + id + "/" + name;
      answer["zip"] = "/result/" + id + "/zip";
    }
    res.set_content(answer.dump(), "application/json");
  });

  server.Get(R"(/result/([0-9a-f]{32})/(pdf|summary|epub))", [&](const httplib::Request& req, httplib::Response& res) {
    std::shared_ptr<const Result> result = store.find(req.matches[1]);
    const std::string name = req.matches[2];
    if (!result || !result->files.count(name)) {
      res.status = 404;
      return;
    }
    const WriterEntry* writer = find_writer(name);
    const std::string filename = std::string("handout") + std::string(writer ? writer->extension : "");
    res.set_header("Content-Disposition", (req.has_param("download") ? "attachment" : "inline") +
                                              std::string("; filename=\"") + filename + "\"");
    res.set_content(result->files.at(name), content_type(name));
  });

  // Every output of one conversion in one ZIP (stored: PDF and EPUB are compressed already).
  server.Get(R"(/result/([0-9a-f]{32})/zip)", [&](const httplib::Request& req, httplib::Response& res) {
    std::shared_ptr<const Result> result = store.find(req.matches[1]);
    if (!result || result->files.empty()) {
      res.status = 404;
      return;
    }
    try {
      ZipWriter zip(options.convert.writer.source_date_epoch.value_or(std::time(nullptr)));
      for (const auto& [name, bytes] : result->files) {
        const WriterEntry* writer = find_writer(name);
        zip.add("handout" + std::string(writer ? writer->extension : ""), bytes, ZipMethod::store);
      }
      res.set_header("Content-Disposition", "attachment; filename=\"handout.zip\"");
      res.set_content(zip.finish(), "application/zip");
    } catch (const std::exception& e) {
      res.status = 500;
      res.set_content(std::string("The ZIP could not be made: ") + e.what() + "\n", "text/plain");
    }
  });

  if (!options.folder.empty()) {
    server.Get("/catalog", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/catalog/"); });
    // Only regular files inside the output folder, by their real path (file_inside).
    server.Get(R"(/catalog/(.*))", [&](const httplib::Request& req, httplib::Response& res) {
      const std::string cookie = req.get_header_value("Cookie");
      const bool cookie_ok = cookie.find("handout_token=" + token) != std::string::npos;
      if (!cookie_ok && !token_ok(req)) {
        res.status = 403;
        res.set_content("Refused: open the address handout serve printed (with its token) first\n", "text/plain");
        return;
      }
      const std::string rel = req.matches[1];
      res.set_header("X-Content-Type-Options", "nosniff");
      std::optional<std::filesystem::path> file = file_inside(served.root(), rel);
      if (!file && (rel.empty() || rel == "index.html")) {
        res.set_content(kCatalogPending, "text/html; charset=utf-8");
        return;
      }
      std::ifstream in;
      if (file) in.open(*file, std::ios::binary);
      if (!file || !in.is_open()) {
        res.status = 404;
        res.set_content("Not found\n", "text/plain");
        return;
      }
      std::ostringstream bytes;
      bytes << in.rdbuf();
      // The catalog is one static file with its own style and script; nothing else runs.
      res.set_header("Content-Security-Policy",
                     "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
                     "frame-ancestors 'self'");
      res.set_content(bytes.str(), content_type_for(*file));
    });
  }

  std::thread stopper([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    // A build of FOLDER under way stops at its next source (its finished outputs are whole).
    if (!options.folder.empty()) StopSignals::request_stop(signal);
    server.stop();
  });

  const std::string address = "http://" + host_port + "/?token=" + token;
  out << "handout serve: listening on http://" << host_port << "/\n" << "Open " << address << "\n" << std::flush;
  if (options.open_browser && std::system("command -v xdg-open >/dev/null 2>&1") == 0) {
    std::system(("xdg-open '" + address + "' >/dev/null 2>&1 &").c_str());
  }
  // The folder is built, then rebuilt after each change, on its own thread (the signals are
  // blocked there as everywhere: the stopper sets stop_watch).
  std::atomic<bool> stop_watch{false};
  std::atomic<bool> watch_failed{false};
  std::thread watcher;
  if (!options.folder.empty()) {
    out << "handout serve: building " << options.folder.string() << " into " << served.root().string() << "\n"
        << std::flush;
    watcher = std::thread([&] {
      BuildOptions build;
      build.input_dir = options.folder;
      build.output_dir = served.root();
      build.convert = options.convert;
      build.handle_signals = false;
      WatchOptions watch;
      watch.stop = &stop_watch;
      // A usage error (the output folder is the input folder...) or no inotify: the server
      // stops with it rather than showing "being built" for ever.
      if (run_watch(build, watch, out, err) == 2) {
        watch_failed = true;
        while (!server.is_running() && !stop_watch) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        server.stop();
      }
    });
  }
  server.listen_after_bind();
  stop_watch = true;
  if (watcher.joinable()) watcher.join();
  // Conversions past their limit run on detached threads: give them a moment, then leave without
  // running static destructors under them (nothing of theirs is written to disk).
  for (int i = 0; i < 50 && overdue.load() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  if (overdue.load() > 0) {
    out << "handout serve: stopped\n" << std::flush;
    std::_Exit(0);
  }
  // Stopped by a signal: the stopper has returned. Stopped otherwise: wake it.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  out << "handout serve: stopped\n";
  return watch_failed ? 2 : 0;
}

}  // namespace handout
