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

/// What a diagnostic is about. Each code has a stable name (code_name) that scripts read from
/// `--diagnostics=json` and the README lists; the message says the particulars.
enum class Code {
  // Reading the source
  source_unreadable,     ///< not opened, not read, a folder, or not a text file
  source_encoding,       ///< not valid UTF-8 (or UTF-16 without a mark): how it was read
  format_unknown,        ///< no reader for the file, or an HTML page
  format_detected,       ///< which reader the content chose (a note)
  front_matter_invalid,  ///< malformed YAML front matter
  limit_exceeded,        ///< a --limit was reached: content left out or the source refused
  markup_unsupported,    ///< markup no reader supports: kept as text or left out
  markup_unclosed,       ///< an opening without its close: kept as text or closed at the end
  markup_left_out,       ///< comments, categories, magic words... left out on purpose
  footnote_unmatched,    ///< a footnote defined but never used, or used but never defined
  furniture_removed,     ///< site furniture (menus, share lines, feedback...) left out
  // What the document says about itself
  title_missing,         ///< no title in the source: one was made from the file name
  metadata_moved,        ///< a byline, date or source line moved from the text to the details
  date_unread,           ///< a date that could not be read: kept as text
  language_invalid,      ///< a language that is not a BCP 47 tag
  language_detected,     ///< the language was detected, not declared (a note)
  labels_missing,        ///< no labels in the document's language: printed in English
  // Styles, fonts, layout and writing
  style_not_found,       ///< no style of that name or path
  style_invalid,         ///< a style file that cannot be used
  style_unknown_key,     ///< a key a style file may not hold: ignored
  font_fallback,         ///< a font the style names is not installed: another is used
  glyphs_missing,        ///< characters no installed font has: printed as boxes
  image_left_out,        ///< an image that is missing, too large or damaged: left out
  image_no_alt,          ///< an image without a text alternative
  link_unresolved,       ///< a link or reference whose target is not in the output
  table_adjusted,        ///< a table set smaller or read as a layout table
  summary_fit,           ///< what the one-page summary sheet left out or shrank to fit
  // The build and the program
  source_skipped,        ///< a file the build does not convert (a link out of the folder...)
  manifest_ignored,      ///< a build manifest that could not be used
  output_refused,        ///< an output that would replace a file handout did not write
  output_failed,         ///< an output that could not be written
  out_of_memory,         ///< the source needed more memory than there was
  internal_error,        ///< a fault in handout itself: please report it
};

/// Returns the stable kebab-case name of a code ("glyphs-missing").
std::string_view code_name(Code code);
/// Returns one line saying in plain words what a code means.
std::string_view code_summary(Code code);
/// Returns the code whose name is name, or nullptr when there is none.
const Code* code_named(std::string_view name);
/// Returns every code, in the order above.
const std::vector<Code>& all_codes();

/// One message about a source, located at a 1-based line and column (0 = unknown).
struct Diagnostic {
  Severity severity = Severity::warning;
  Code code = Code::internal_error;
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
/// or {"file","line","column","severity","code","message"}. Counts the warnings it is given,
/// printed or not. Thread-safe.
void print_diagnostic(std::ostream& out, const Diagnostic& d);

/// Returns how many warnings print_diagnostic was given in this process.
std::size_t warnings_reported();

class SourceError;

/// Collects the diagnostics of one source. Not thread-safe: one per document.
class Diagnostics {
 public:
  explicit Diagnostics(std::string path = {}) : path_(std::move(path)) {}

  /// Records a warning at line:col of this source.
  void warning(Code code, int line, int column, std::string message);
  /// Records a note (shown only with --verbose) at line:col of this source.
  void note(Code code, int line, int column, std::string message);
  /// Records an error; the source is then considered failed.
  void error(Code code, int line, int column, std::string message);
  /// Records a warning located in another file (a style file...).
  void warning_in(Code code, std::string path, int line, int column, std::string message);
  /// Records an error located in another file (a style file...); the source is then failed.
  void error_in(Code code, std::string path, int line, int column, std::string message);
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
  SourceError(Code code, int line, int column, const std::string& message)
      : std::runtime_error(message), code_(code), line_(line), column_(column) {}
  /// An error located in another file than the source (a style file...).
  SourceError(Code code, std::string path, int line, int column, const std::string& message)
      : std::runtime_error(message), code_(code), line_(line), column_(column), path_(std::move(path)) {}
  /// Returns what the error is about.
  Code code() const { return code_; }
  /// Returns the 1-based line of the cause, or 0 when unknown.
  int line() const { return line_; }
  /// Returns the 1-based column of the cause, or 0 when unknown.
  int column() const { return column_; }
  /// Returns the file the error is in when it is not the source itself, else "".
  const std::string& path() const { return path_; }

 private:
  Code code_;
  int line_;
  int column_;
  std::string path_;
};

}  // namespace handout
