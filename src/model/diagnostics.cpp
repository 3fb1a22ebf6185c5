#include "model/diagnostics.hpp"

#include "text/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <ostream>

namespace handout {

std::string format_diagnostic(const Diagnostic& d) {
  // A file name or message may hold any bytes: escaped so they cannot drive the terminal.
  std::string out = d.path.empty() ? std::string("handout") : text::terminal_safe(d.path);
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  switch (d.severity) {
    case Severity::note: out += ": note: "; break;
    case Severity::warning: out += ": warning: "; break;
    case Severity::error: out += ": error: "; break;
  }
  out += text::terminal_safe(d.message, true);
  return out;
}

namespace {

std::atomic<bool> g_json{false};
std::atomic<int> g_least{static_cast<int>(Severity::note)};
std::atomic<std::size_t> g_warnings{0};

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

}  // namespace

void set_diagnostic_output(DiagnosticOutput output) {
  g_json.store(output.json);
  g_least.store(static_cast<int>(output.least));
}

void print_diagnostic(std::ostream& out, const Diagnostic& d) {
  if (d.severity == Severity::warning) g_warnings.fetch_add(1);
  if (static_cast<int>(d.severity) < g_least.load()) return;
  if (!g_json.load()) {
    out << format_diagnostic(d) << '\n';
    return;
  }
  nlohmann::ordered_json j;
  j["file"] = d.path.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(d.path);
  j["line"] = d.line > 0 ? nlohmann::ordered_json(d.line) : nlohmann::ordered_json(nullptr);
  j["column"] = d.column > 0 ? nlohmann::ordered_json(d.column) : nlohmann::ordered_json(nullptr);
  j["severity"] = severity_name(d.severity);
  j["code"] = nullptr;
  j["message"] = d.message;
  // Invalid UTF-8 in a message (from a damaged source) is replaced, never a throw.
  out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

std::size_t warnings_reported() { return g_warnings.load(); }

void Diagnostics::warning(int line, int column, std::string message) {
  items_.push_back({Severity::warning, path_, line, column, std::move(message)});
}

void Diagnostics::note(int line, int column, std::string message) {
  items_.push_back({Severity::note, path_, line, column, std::move(message)});
}

void Diagnostics::error(int line, int column, std::string message) {
  items_.push_back({Severity::error, path_, line, column, std::move(message)});
}

void Diagnostics::warning_in(std::string path, int line, int column, std::string message) {
  items_.push_back({Severity::warning, std::move(path), line, column, std::move(message)});
}

void Diagnostics::error_in(std::string path, int line, int column, std::string message) {
  items_.push_back({Severity::error, std::move(path), line, column, std::move(message)});
}

void Diagnostics::error(const SourceError& e) {
  if (e.path().empty()) {
    error(e.line(), e.column(), e.what());
  } else {
    error_in(e.path(), e.line(), e.column(), e.what());
  }
}

bool Diagnostics::has_errors() const { return count(Severity::error) > 0; }

std::size_t Diagnostics::count(Severity s) const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

}  // namespace handout
