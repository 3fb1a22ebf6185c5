// libFuzzer target: the whole path, source bytes → reader (by content) → transforms → every
// registered writer (DocBook, PDF, EPUB and whatever the registry holds). The source is placed in
// tests/epub/every-construct/ so image references can find real images there.
#include "model/diagnostics.hpp"
#include "docbook_rng.hpp"
#include "model/schema.hpp"
#include "readers/registry.hpp"
#include "readers/source_text.hpp"
#include "transforms/pipeline.hpp"
#include "writers/registry.hpp"
#include "source_dir.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace handout;

/// The oracles: a tree that breaks the content models (model/schema, cheap, names the element
/// path) or whose DocBook does not validate against the DocBook 5.0 RELAX NG schema (libxml2,
/// tests/oracle) is a finding.
static void check_tree(const Document& doc, const char* stage) {
  const std::string violation = content_model_violation(doc.article());
  if (!violation.empty()) {
    std::fprintf(stderr, "invalid tree after %s: %s\n", stage, violation.c_str());
    std::abort();
  }
  test::abort_unless_rng_valid(doc, stage);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = handout::test::source_dir() + "/tests/epub/every-construct/fuzz-source.txt";
  Diagnostics diag(path);
  try {
    SourceText source = decode_source(path, {reinterpret_cast<const char*>(data), size}, diag);
    const ReaderEntry* reader = detect_reader(source.path, source.text);
    if (reader == nullptr) return 0;  // an HTML page: refused with an error, as handout convert does
    Document doc = reader->read(source, ReaderOptions{}, diag);
    doc.source_path = path;
    check_tree(doc, "the reader");
    run_transforms(doc, TransformOptions{}, diag);
    check_tree(doc, "the transforms");
    WriterOptions options;
    options.source_date_epoch = 1767225600;
    for (const WriterEntry& writer : writer_registry()) writer.write(doc, options, diag);
  } catch (const SourceError&) {
  }
  return 0;
}
