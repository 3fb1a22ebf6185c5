// libFuzzer target: finding and parsing YAML front matter (yaml-cpp, the node budget, key mapping).
#include "model/diagnostics.hpp"
#include "readers/front_matter.hpp"
#include "readers/source_text.hpp"

#include <cstddef>
#include <cstdint>

using namespace handout;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Diagnostics diag("fuzz-source");
  try {
    SourceText source = decode_source("fuzz-source", {reinterpret_cast<const char*>(data), size}, diag);
    FrontMatterBlock block = find_front_matter(source.text);
    if (block.present) parse_front_matter(block, diag);
  } catch (const SourceError&) {
  }
  return 0;
}
