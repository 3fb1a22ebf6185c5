#include "batch/job.hpp"

#include "batch/atomic_file.hpp"
#include "batch/worker_pool.hpp"
#include "readers/registry.hpp"

#include <algorithm>
#include <charconv>
#include <iostream>
#include <iterator>
#include <cstdint>
#include <exception>
#include <ostream>
#include <stdexcept>
#include <system_error>

namespace handout {

namespace {

/// One --limit: its name and where it lives in the options.
struct LimitSetting {
  std::string_view name;
  std::uint64_t (*get)(const ConvertOptions&);
  void (*set)(ConvertOptions&, std::uint64_t);
  std::uint64_t max;  ///< largest value accepted
};

constexpr std::uint64_t kIntMax = 1'000'000'000;
/// The largest byte or count limit: 1 GiB (or 2^30 items). Above it a run would need more memory
/// than a machine running handout has, so a larger value is a usage error, not a late abort.
constexpr std::uint64_t kSizeMax = std::uint64_t{1} << 30;

// clang-format off
const LimitSetting kLimits[] = {
  {"source-bytes", [](const ConvertOptions& o) -> std::uint64_t { return o.max_source_bytes; },
                   [](ConvertOptions& o, std::uint64_t v) { o.max_source_bytes = v; }, kSizeMax},
  {"depth",        [](const ConvertOptions& o) -> std::uint64_t { return static_cast<std::uint64_t>(o.reader.limits.max_block_depth); },
                   [](ConvertOptions& o, std::uint64_t v) { o.reader.limits.max_block_depth = o.reader.limits.max_inline_depth = static_cast<int>(v); }, 1000},
  {"table-columns",[](const ConvertOptions& o) -> std::uint64_t { return static_cast<std::uint64_t>(o.reader.limits.max_table_columns); },
                   [](ConvertOptions& o, std::uint64_t v) { o.reader.limits.max_table_columns = static_cast<int>(v); }, kIntMax},
  {"table-cells",  [](const ConvertOptions& o) -> std::uint64_t { return o.reader.limits.max_table_cells; },
                   [](ConvertOptions& o, std::uint64_t v) { o.reader.limits.max_table_cells = v; }, kSizeMax},
  {"footnotes",    [](const ConvertOptions& o) -> std::uint64_t { return o.reader.limits.max_footnotes; },
                   [](ConvertOptions& o, std::uint64_t v) { o.reader.limits.max_footnotes = v; }, kSizeMax},
  {"image-bytes",  [](const ConvertOptions& o) -> std::uint64_t { return o.writer.max_image_bytes; },
                   [](ConvertOptions& o, std::uint64_t v) { o.writer.max_image_bytes = v; }, kSizeMax},
  {"image-pixels", [](const ConvertOptions& o) -> std::uint64_t { return o.writer.max_image_pixels; },
                   [](ConvertOptions& o, std::uint64_t v) { o.writer.max_image_pixels = v; }, kSizeMax},
  {"yaml-nodes",   [](const ConvertOptions& o) -> std::uint64_t { return o.reader.front_matter.max_nodes; },
                   [](ConvertOptions& o, std::uint64_t v) { o.reader.front_matter.max_nodes = v; }, kSizeMax},
  {"yaml-bytes",   [](const ConvertOptions& o) -> std::uint64_t { return o.reader.front_matter.max_text; },
                   [](ConvertOptions& o, std::uint64_t v) { o.reader.front_matter.max_text = v; }, kSizeMax},
};
// clang-format on

}  // namespace

void set_limit(ConvertOptions& options, std::string_view assignment) {
  const std::size_t eq = assignment.find('=');
  const std::string_view name = assignment.substr(0, eq);
  const auto found = std::find_if(std::begin(kLimits), std::end(kLimits), [&](const LimitSetting& s) { return s.name == name; });
  if (eq == std::string_view::npos || found == std::end(kLimits)) {
    std::string known;
    for (const LimitSetting& s : kLimits) known += (known.empty() ? "" : ", ") + std::string(s.name);
    throw std::invalid_argument("--limit takes NAME=VALUE with NAME one of " + known + "; got '" +
                                std::string(assignment) + "'");
  }
  std::string_view value = assignment.substr(eq + 1);
  std::uint64_t scale = 1;
  if (!value.empty()) {
    switch (value.back()) {
      case 'K': case 'k': scale = 1024; break;
      case 'M': case 'm': scale = 1024 * 1024; break;
      case 'G': case 'g': scale = 1024 * 1024 * 1024; break;
      default: break;
    }
    if (scale != 1) value.remove_suffix(1);
  }
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || n == 0 ||
      n > found->max / scale) {
    throw std::invalid_argument("--limit " + std::string(name) + " takes a whole number from 1 to " +
                                std::to_string(found->max) + " (K, M, G suffixes allowed); got '" +
                                std::string(assignment.substr(eq + 1)) + "'");
  }
  found->set(options, n * scale);
}

std::string describe_limits(const ConvertOptions& options) {
  std::string out;
  for (const LimitSetting& s : kLimits) out += std::string(s.name) + '=' + std::to_string(s.get(options)) + '\n';
  return out;
}

namespace {

/// The tree of a source's bytes: the reader named by --from, else the one of the extension, else
/// the one the content shows (said in a note). Throws SourceError for what cannot be read.
Document read_document(const std::string& path, std::string bytes, const ConvertOptions& options, Diagnostics& diag) {
  const ReaderEntry* reader = options.from == "auto" ? reader_for_extension(path) : find_reader(options.from);
  SourceText text;
  if (reader != nullptr && reader->input == ReaderInput::bytes) {
    // A packaged format: the reader gets the file as it is.
    text.path = path;
    text.encoding = "binary";
    text.bytes = std::move(bytes);
  } else {
    text = decode_source(path, bytes, diag);
    if (options.from == "auto" && reader == nullptr) {
      std::string reason;
      reader = detect_reader(text.path, text.text, reason);
      if (reader != nullptr && !reason.empty())
        diag.note(Code::format_detected, 0, 0, "read as " + std::string(reader->name) + ": the content shows " + reason);
      if (reader == nullptr && looks_like_html(text.text)) {
        throw SourceError(Code::format_unknown, 0, 0,
                          "this is an HTML page, which handout does not read; open it in a browser, select the "
                          "article, copy it and save the text as a .txt file (or save the page as Markdown)");
      }
    }
  }
  if (reader == nullptr) {
    throw SourceError(Code::format_unknown, 0, 0, options.from == "auto" ? "no reader for this kind of file"
                                                   : "unknown source format '" + options.from + "'");
  }
  Document doc = reader->read(text, options.reader, diag);
  doc.source_path = text.path;
  run_transforms(doc, options.transforms, diag);
  return doc;
}

/// Runs read, turning its failures into located errors in diag.
template <class Read>
std::optional<Document> guarded(Read read, Diagnostics& diag) {
  try {
    return read();
  } catch (const SourceError& e) {
    diag.error(e);
  } catch (const std::bad_alloc&) {
    diag.error(Code::out_of_memory, 0, 0, "out of memory while reading this source");
  } catch (const std::exception& e) {
    diag.error(Code::source_unreadable, 0, 0, std::string("cannot read: ") + e.what());
  }
  return std::nullopt;
}

}  // namespace

std::optional<Document> load_document(const std::filesystem::path& source, const ConvertOptions& options,
                                      Diagnostics& diag) {
  return guarded([&] { return read_document(source.string(), load_bytes(source, options.max_source_bytes), options, diag); },
                 diag);
}

std::optional<Document> read_document_bytes(const std::string& label, std::string bytes, const ConvertOptions& options,
                                            Diagnostics& diag) {
  return guarded([&] { return read_document(label, std::move(bytes), options, diag); }, diag);
}

std::optional<Output> render_document(const Document& doc, const WriterEntry& writer,
                                           const ConvertOptions& options, Diagnostics& diag) {
  try {
    return writer.write(doc, options.writer, diag);
  } catch (const SourceError& e) {
    diag.error(e);
  } catch (const std::bad_alloc&) {
    diag.error(Code::out_of_memory, 0, 0, "out of memory while writing " + std::string(writer.name));
  } catch (const std::exception& e) {
    diag.error(Code::output_failed, 0, 0, std::string("cannot write ") + std::string(writer.name) + ": " + e.what());
  }
  return std::nullopt;
}

void print_diagnostics(const Diagnostics& diag, std::ostream& err, bool verbose) {
  for (const Diagnostic& d : diag.items()) {
    if (d.severity == Severity::note && !verbose) continue;
    print_diagnostic(err, d);
  }
}

int run_convert(const ConvertRequest& request, std::ostream& out, std::ostream& err) {
  const bool to_stdout = request.output.empty() || request.output == "-";
  const WriterEntry* writer = nullptr;
  if (!request.to.empty()) {
    writer = find_writer(request.to);
    if (writer == nullptr) {
      err << "handout: error: unknown output format '" << request.to << "'\n";
      return 2;
    }
  } else if (!to_stdout) {
    writer = writer_for_path(request.output);
    if (writer == nullptr) {
      err << "handout: error: cannot tell the output format from '" << request.output << "'; use --to\n";
      return 2;
    }
  } else {
    writer = find_writer("docbook");
  }
  if (to_stdout && writer->binary && request.stdout_is_terminal) {
    err << "handout: error: will not write " << writer->name
        << " to a terminal; give -o FILE or redirect standard output\n";
    return 2;
  }

  const bool from_stdin = request.source == "-";
  Diagnostics diag(from_stdin ? std::string(kStdinLabel) : request.source.string());
  std::optional<Document> doc;
  std::optional<Output> output;
  // Reading and writing recurse to the tree's depth: on a stack sized for it, not the main one.
  run_with_stack([&] {
    if (from_stdin) {
      std::istream& in = request.input != nullptr ? *request.input : std::cin;
      std::string bytes;
      char buf[65536];
      while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        bytes.append(buf, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > request.options.max_source_bytes) break;
      }
      if (bytes.size() > request.options.max_source_bytes) {
        diag.error(Code::limit_exceeded, 0, 0, "standard input is over the limit of " + std::to_string(request.options.max_source_bytes) +
                             " bytes (raise it with --limit source-bytes=N)");
      } else {
        doc = read_document_bytes(std::string(kStdinLabel), std::move(bytes), request.options, diag);
      }
    } else {
      doc = load_document(request.source, request.options, diag);
    }
    if (doc) output = render_document(*doc, *writer, request.options, diag);
    doc.reset();  // freed here too
  });
  if (output && !to_stdout) {
    try {
      write_output_file(request.output, output->bytes);
    } catch (const std::system_error& e) {
      diag.error(Code::output_failed, 0, 0, e.what());
      output.reset();
    }
  }
  print_diagnostics(diag, err, request.verbose);
  if (!output) return 1;
  if (to_stdout) out.write(output->bytes.data(), static_cast<std::streamsize>(output->bytes.size())).flush();
  return 0;
}

}  // namespace handout
