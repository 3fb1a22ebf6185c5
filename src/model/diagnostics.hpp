// Diagnostics: warnings and errors tied to a place in a source file.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// How serious a diagnostic is.
enum class Severity { note, warning, error };

/// One message about a source, located at a 1-based line and column (0 = unknown).
struct Diagnostic {
  Severity severity = Severity::warning;
  std::string path;
  int line = 0;
  int column = 0;
  std::string message;
};

/// Formats a diagnostic like a compiler: "path:line:col: error: message".
/// Omits line and column when they are 0.
std::string format_diagnostic(const Diagnostic& d);

/// How this process prints diagnostics (set once by the command line, before any work starts).
struct DiagnosticOutput {
  bool json = false;                   ///< one JSON object per line instead of path:line:col text
  Severity least = Severity::note;     ///< severities below this are not printed (--quiet: error)
};

/// Sets how print_diagnostic prints, for the whole process.
void set_diagnostic_output(DiagnosticOutput output);

/// Prints d on its own line to out as set by set_diagnostic_output: the format_diagnostic text,
/// or {"file","line","column","severity","code","message"} (code is null: diagnostics have no
/// codes yet). Counts the warnings it is given, printed or not. Thread-safe.
void print_diagnostic(std::ostream& out, const Diagnostic& d);

/// Returns how many warnings print_diagnostic was given in this process.
std::size_t warnings_reported();

class SourceError;

/// Collects the diagnostics of one source. Not thread-safe: one per document.
class Diagnostics {
 public:
  explicit Diagnostics(std::string path = {}) : path_(std::move(path)) {}

  /// Records a warning at line:col of this source.
  void warning(int line, int column, std::string message);
  /// Records a note (shown only with --verbose) at line:col of this source.
  void note(int line, int column, std::string message);
  /// Records an error; the source is then considered failed.
  void error(int line, int column, std::string message);
  /// Records a warning located in another file (a style file...).
  void warning_in(std::string path, int line, int column, std::string message);
  /// Records an error located in another file (a style file...); the source is then failed.
  void error_in(std::string path, int line, int column, std::string message);
  /// Records a SourceError: in its own file when it names one, else in this source.
  void error(const SourceError& e);

  /// Returns every diagnostic recorded, in order.
  const std::vector<Diagnostic>& items() const { return items_; }
  /// Returns true when at least one error was recorded.
  bool has_errors() const;
  /// Returns the count of diagnostics of the given severity.
  std::size_t count(Severity s) const;
  /// Returns the path every diagnostic is attributed to.
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<Diagnostic> items_;
};

/// Thrown when a source cannot be converted at all; carries the location of the cause.
class SourceError : public std::runtime_error {
 public:
  SourceError(int line, int column, const std::string& message)
      : std::runtime_error(message), line_(line), column_(column) {}
  /// An error located in another file than the source (a style file...).
  SourceError(std::string path, int line, int column, const std::string& message)
      : std::runtime_error(message), line_(line), column_(column), path_(std::move(path)) {}
  /// Returns the 1-based line of the cause, or 0 when unknown.
  int line() const { return line_; }
  /// Returns the 1-based column of the cause, or 0 when unknown.
  int column() const { return column_; }
  /// Returns the file the error is in when it is not the source itself, else "".
  const std::string& path() const { return path_; }

 private:
  int line_;
  int column_;
  std::string path_;
};

}  // namespace handout
