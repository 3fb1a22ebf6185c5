// Golden tests: every source under tests/readers/<format>/ is converted to DocBook and compared
// with the .xml of the same name. HANDOUT_UPDATE_GOLDEN=1 rewrites the .xml files instead
// (`make update-golden`); review the diff with `git diff tests/readers`.
#include "batch/job.hpp"
#include "unit/file_text.hpp"
#include "source_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> golden_sources() {
  std::vector<fs::path> sources;
  const fs::path root = fs::path(handout::test::source_dir()) / "tests" / "readers";
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const fs::path& p = entry.path();
    if (entry.is_regular_file() && p.extension() != ".xml" && p.extension() != ".diagnostics" &&
        p.filename().string()[0] != '.')
      sources.push_back(p);
  }
  std::sort(sources.begin(), sources.end());
  return sources;
}

}  // namespace

TEST_CASE("golden files: each reader source gives its .xml", "[golden]") {
  const bool update = std::getenv("HANDOUT_UPDATE_GOLDEN") != nullptr;
  const auto sources = golden_sources();
  REQUIRE(sources.size() >= 10);
  for (const fs::path& source : sources) {
    DYNAMIC_SECTION(source.lexically_relative(handout::test::source_dir()).string()) {
      handout::ConvertOptions options;
      handout::Diagnostics diag(source.filename().string());
      auto doc = handout::load_document(source, options, diag);
      REQUIRE(doc);
      auto xml = handout::render_document(*doc, *handout::find_writer("docbook"), options, diag);
      REQUIRE(xml);
      fs::path golden = source;
      golden.replace_extension(".xml");
      if (update) {
        std::ofstream(golden, std::ios::binary) << xml->bytes;
      } else {
        INFO("missing or different: " << golden << " (run `make update-golden` and review the diff)");
        REQUIRE(fs::exists(golden));
        CHECK(xml->bytes == handout::test::file_text(golden));
      }
    }
  }
}
