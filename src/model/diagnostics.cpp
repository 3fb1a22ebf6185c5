#include "model/diagnostics.hpp"

#include <algorithm>

namespace handout {

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.path.empty() ? std::string("handout") : d.path;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  switch (d.severity) {
    case Severity::note: out += ": note: "; break;
    case Severity::warning: out += ": warning: "; break;
    case Severity::error: out += ": error: "; break;
  }
  out += d.message;
  return out;
}

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
