#include "model/diagnostics.hpp"

#include "text/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <ostream>

namespace handout {

namespace {

struct CodeInfo {
  Code code;
  std::string_view name;
  std::string_view summary;
};

// One row per Code, in its order (checked by a test): the name scripts read, the plain words.
constexpr CodeInfo kCodes[] = {
    {Code::source_unreadable, "source-unreadable", "the file could not be opened or read, or is not a text file"},
    {Code::source_encoding, "source-encoding", "the file is not valid UTF-8; the message says how it was read"},
    {Code::format_unknown, "format-unknown", "no reader reads this kind of file"},
    {Code::format_detected, "format-detected", "the file's content chose the reader (the extension did not)"},
    {Code::front_matter_invalid, "front-matter-invalid", "the YAML front matter is malformed"},
    {Code::limit_exceeded, "limit-exceeded", "a --limit was reached: content was left out or the source refused"},
    {Code::markup_unsupported, "markup-unsupported", "markup handout does not support was kept as text or left out"},
    {Code::markup_unclosed, "markup-unclosed", "markup opened and never closed was kept as text or closed at the end"},
    {Code::markup_left_out, "markup-left-out", "comments, categories and similar markup were left out on purpose"},
    {Code::footnote_unmatched, "footnote-unmatched", "a footnote is defined but never used, or used but never defined"},
    {Code::furniture_removed, "furniture-removed", "lines of the web site around the article (menus, share and feedback lines) were left out"},
    {Code::title_missing, "title-missing", "the source has no title; one was made from the file name"},
    {Code::metadata_moved, "metadata-moved", "a byline, date, title or source line was moved from the text into the document's details"},
    {Code::date_unread, "date-unread", "a date could not be read; it is kept as text and not printed as the document's date"},
    {Code::language_invalid, "language-invalid", "a language is not a BCP 47 tag"},
    {Code::language_detected, "language-detected", "the language was detected from the text, not declared"},
    {Code::labels_missing, "labels-missing", "there are no labels in the document's language; the words handout adds are in English"},
    {Code::style_not_found, "style-not-found", "no style has that name or path"},
    {Code::style_invalid, "style-invalid", "a style file cannot be used"},
    {Code::style_unknown_key, "style-unknown-key", "a style file holds a key handout does not know; it is ignored"},
    {Code::font_fallback, "font-fallback", "a font the style names is not installed; another font is used"},
    {Code::glyphs_missing, "glyphs-missing", "no installed font has some characters; they print as empty boxes"},
    {Code::image_left_out, "image-left-out", "an image is missing, too large or damaged; it was left out"},
    {Code::image_no_alt, "image-no-alt", "an image has no text alternative; screen readers skip it"},
    {Code::link_unresolved, "link-unresolved", "a link's target is not in the output; the link is kept as text"},
    {Code::table_adjusted, "table-adjusted", "a table was set in smaller type to fit, or read as a layout table"},
    {Code::summary_fit, "summary-fit", "the one-page summary sheet left something out or shrank its type to fit"},
    {Code::source_skipped, "source-skipped", "a file in the input folder is not converted (a link out of the folder...)"},
    {Code::manifest_ignored, "manifest-ignored", "the build manifest could not be used; everything is rebuilt"},
    {Code::output_refused, "output-refused", "an output would replace a file handout did not write; --force replaces it"},
    {Code::output_failed, "output-failed", "an output could not be written"},
    {Code::out_of_memory, "out-of-memory", "the source needed more memory than there was"},
    {Code::internal_error, "internal-error", "a fault in handout itself; please report it with the source"},
};

const CodeInfo& info(Code code) {
  const auto index = static_cast<std::size_t>(code);
  return index < std::size(kCodes) ? kCodes[index] : kCodes[std::size(kCodes) - 1];
}

}  // namespace

std::string_view code_name(Code code) { return info(code).name; }

std::string_view code_summary(Code code) { return info(code).summary; }

const Code* code_named(std::string_view name) {
  for (const CodeInfo& c : kCodes) {
    if (c.name == name) return &c.code;
  }
  return nullptr;
}

const std::vector<Code>& all_codes() {
  static const std::vector<Code> codes = [] {
    std::vector<Code> out;
    for (const CodeInfo& c : kCodes) out.push_back(c.code);
    return out;
  }();
  return codes;
}

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
  j["code"] = code_name(d.code);
  j["message"] = d.message;
  // Invalid UTF-8 in a message (from a damaged source) is replaced, never a throw.
  out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

std::size_t warnings_reported() { return g_warnings.load(); }

void Diagnostics::warning(Code code, int line, int column, std::string message) {
  items_.push_back({Severity::warning, code, path_, line, column, std::move(message)});
}

void Diagnostics::note(Code code, int line, int column, std::string message) {
  items_.push_back({Severity::note, code, path_, line, column, std::move(message)});
}

void Diagnostics::error(Code code, int line, int column, std::string message) {
  items_.push_back({Severity::error, code, path_, line, column, std::move(message)});
}

void Diagnostics::warning_in(Code code, std::string path, int line, int column, std::string message) {
  items_.push_back({Severity::warning, code, std::move(path), line, column, std::move(message)});
}

void Diagnostics::error_in(Code code, std::string path, int line, int column, std::string message) {
  items_.push_back({Severity::error, code, std::move(path), line, column, std::move(message)});
}

void Diagnostics::error(const SourceError& e) {
  if (e.path().empty()) {
    error(e.code(), e.line(), e.column(), e.what());
  } else {
    error_in(e.code(), e.path(), e.line(), e.column(), e.what());
  }
}

bool Diagnostics::has_errors() const { return count(Severity::error) > 0; }

std::size_t Diagnostics::count(Severity s) const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

}  // namespace handout
