// libFuzzer target: one reader (HANDOUT_FUZZ_READER names it) and the transform passes over
// arbitrary source bytes. Any crash, sanitizer report, hang or exception other than SourceError
// (a source that cannot be read at all, with a location) is a finding, and so is a tree that
// breaks the DocBook 5.0 content models (content_model_violation, after the reader and after the
// transforms).
#include "model/diagnostics.hpp"
#include "docbook_rng.hpp"
#include "model/schema.hpp"
#include "readers/registry.hpp"
#include "readers/source_text.hpp"
#include "transforms/pipeline.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

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
  static const ReaderEntry* reader = find_reader(HANDOUT_FUZZ_READER);
  Diagnostics diag("fuzz-source");
  try {
    SourceText source = decode_source("fuzz-source", {reinterpret_cast<const char*>(data), size}, diag);
    Document doc = reader->read(source, ReaderOptions{}, diag);
    check_tree(doc, "the reader");
    run_transforms(doc, TransformOptions{}, diag);
    check_tree(doc, "the transforms");
  } catch (const SourceError&) {
  }
  return 0;
}
