#include "batch/job.hpp"

#include "batch/atomic_file.hpp"
#include "readers/registry.hpp"

#include <exception>
#include <ostream>
#include <system_error>

namespace handout {

std::optional<Document> load_document(const std::filesystem::path& source, const ConvertOptions& options,
                                      Diagnostics& diag) {
  try {
    SourceText text = load_source(source, diag);
    const ReaderEntry* reader =
        options.from == "auto" ? detect_reader(text.path, text.text) : find_reader(options.from);
    if (reader == nullptr) {
      diag.error(0, 0, options.from == "auto" ? "no reader for this kind of file"
                                              : "unknown source format '" + options.from + "'");
      return std::nullopt;
    }
    Document doc = reader->read(text, options.reader, diag);
    doc.source_path = text.path;
    run_transforms(doc, options.transforms, diag);
    return doc;
  } catch (const SourceError& e) {
    diag.error(e);
  } catch (const std::bad_alloc&) {
    diag.error(0, 0, "out of memory while reading this source");
  } catch (const std::exception& e) {
    diag.error(0, 0, std::string("cannot read: ") + e.what());
  }
  return std::nullopt;
}

std::optional<Output> render_document(const Document& doc, const WriterEntry& writer,
                                           const ConvertOptions& options, Diagnostics& diag) {
  try {
    return writer.write(doc, options.writer, diag);
  } catch (const SourceError& e) {
    diag.error(e);
  } catch (const std::exception& e) {
    diag.error(0, 0, std::string("cannot write ") + std::string(writer.name) + ": " + e.what());
  }
  return std::nullopt;
}

void print_diagnostics(const Diagnostics& diag, std::ostream& err, bool verbose) {
  for (const Diagnostic& d : diag.items()) {
    if (d.severity == Severity::note && !verbose) continue;
    err << format_diagnostic(d) << '\n';
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

  Diagnostics diag(request.source.string());
  std::optional<Document> doc = load_document(request.source, request.options, diag);
  std::optional<Output> output;
  if (doc) output = render_document(*doc, *writer, request.options, diag);
  if (output && !to_stdout) {
    try {
      write_file_atomically(request.output, output->bytes);
    } catch (const std::system_error& e) {
      diag.error(0, 0, e.what());
      output.reset();
    }
  }
  print_diagnostics(diag, err, request.verbose);
  if (!output) return 1;
  if (to_stdout) out.write(output->bytes.data(), static_cast<std::streamsize>(output->bytes.size())).flush();
  return 0;
}

}  // namespace handout
