#include "cli/app.hpp"

#include <catch2/catch.hpp>

#include "command_runs.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <unistd.h>

namespace {

using handout::test::Run;
using handout::test::run;

std::filesystem::path temp_dir() {
  auto dir = std::filesystem::temp_directory_path() / ("handout-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("version and help flags", "[cli]") {
  Run v = run({"--version"});
  CHECK(v.status == 0);
  CHECK(v.out == std::string("handout ") + HANDOUT_VERSION + "\n");
  Run h = run({"--help"});
  CHECK(h.status == 0);
  CHECK(h.out.find("Examples:") != std::string::npos);
  Run ch = run({"convert", "--help"});
  CHECK(ch.status == 0);
  CHECK(ch.out.find("--from") != std::string::npos);
}

TEST_CASE("usage errors exit 2", "[cli]") {
  CHECK(run({}).status == 2);
  CHECK(run({"convert"}).status == 2);
  CHECK(run({"convert", "x.md", "--to", "docx"}).status == 2);
  CHECK(run({"convert", "x.md", "--bogus"}).status == 2);
  Run unknown_ext = run({"convert", "x.md", "-o", "x.docx"});
  CHECK(unknown_ext.status == 2);
  CHECK(unknown_ext.err.find("--to") != std::string::npos);
}

TEST_CASE("a missing source is a located error and exit 1", "[cli]") {
  Run r = run({"convert", "no/such/file.md"});
  CHECK(r.status == 1);
  CHECK(r.err.rfind("no/such/file.md: error: cannot open", 0) == 0);
  CHECK(r.out.empty());
}

TEST_CASE("convert writes DocBook to stdout or to a file", "[cli]") {
  const auto dir = temp_dir();
  const auto src = dir / "sample.md";
  std::ofstream(src) << "# Sample\n\nHello.\n";
  Run r = run({"convert", src.c_str(), "-o", "-"});
  CHECK(r.status == 0);
  CHECK(r.out.find("<title>Sample</title>") != std::string::npos);
  const auto out = dir / "sub" / "sample.xml";
  Run f = run({"convert", src.c_str(), "-o", out.c_str()});
  CHECK(f.status == 0);
  CHECK(std::filesystem::file_size(out) > 0);
  // Only the output itself is left in the folder: no temporary file.
  CHECK(std::distance(std::filesystem::directory_iterator(out.parent_path()), {}) == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a failed conversion leaves an existing output untouched", "[cli]") {
  const auto dir = temp_dir();
  const auto src = dir / "broken.md";
  std::ofstream(src) << "---\ntitle: [unclosed\n---\nBody\n";
  const auto out = dir / "broken.xml";
  std::ofstream(out) << "previous good output";
  Run r = run({"convert", src.c_str(), "-o", out.c_str()});
  CHECK(r.status == 1);
  CHECK(r.err.find("broken.md:3:") != std::string::npos);
  CHECK(r.err.find("error: malformed YAML front matter") != std::string::npos);
  std::ifstream in(out);
  std::string kept((std::istreambuf_iterator<char>(in)), {});
  CHECK(kept == "previous good output");
  std::filesystem::remove_all(dir);
}
