// libFuzzer target: one reader (HANDOUT_FUZZ_READER names it) and the transform passes over
// arbitrary source bytes. Any crash, sanitizer report, hang or exception other than SourceError
// (a source that cannot be read at all, with a location) is a finding.
#include "model/diagnostics.hpp"
#include "readers/registry.hpp"
#include "readers/source_text.hpp"
#include "transforms/pipeline.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace handout;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ReaderEntry* reader = find_reader(HANDOUT_FUZZ_READER);
  Diagnostics diag("fuzz-source");
  try {
    SourceText source = decode_source("fuzz-source", {reinterpret_cast<const char*>(data), size}, diag);
    Document doc = reader->read(source, ReaderOptions{}, diag);
    run_transforms(doc, TransformOptions{}, diag);
  } catch (const SourceError&) {
  }
  return 0;
}
