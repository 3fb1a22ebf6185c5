// The command line's habits (issue 21): "did you mean", --quiet, --diagnostics=json,
// --fail-on-warnings, completion and man page output.
#include "cli/app.hpp"
#include "text/suggest.hpp"

#include <catch2/catch.hpp>

#include "command_runs.hpp"
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <unistd.h>

namespace {

using handout::test::Run;
using handout::test::run;

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

/// A Markdown source whose front matter date cannot be read: one warning at line 3.
std::filesystem::path source_with_warning() {
  const auto dir = std::filesystem::temp_directory_path() / ("handout-habits-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "warned.md";
  std::ofstream(path) << "---\ntitle: Sample page\ndate: the day after the storm\n---\n\nSample text.\n";
  return path;
}

}  // namespace

TEST_CASE("edit distance counts edits and neighbour swaps", "[cli][suggest]") {
  CHECK(handout::edit_distance("conver", "convert") == 1);
  CHECK(handout::edit_distance("covnert", "convert") == 1);
  CHECK(handout::edit_distance("--too", "--to") == 1);
  CHECK(handout::edit_distance("BUILD", "build") == 0);
  CHECK(handout::edit_distance("", "abc") == 3);
  const std::vector<std::string> names{"convert", "build", "completion"};
  CHECK(handout::nearest_names("biuld", names) == std::vector<std::string>{"build"});
  CHECK(handout::nearest_names("comp", names) == std::vector<std::string>{"completion"});
  CHECK(handout::nearest_names("zzz", names).empty());
  CHECK(handout::did_you_mean("co", names) == "; did you mean 'convert' or 'completion'?");
}

TEST_CASE("a mistyped subcommand, option or style says what was meant", "[cli][suggest]") {
  Run sub = run({"conver", "x.md"});
  CHECK(sub.status == 2);
  CHECK(first_line(sub.err) == "handout: error: unknown command 'conver'; did you mean 'convert'?");
  Run opt = run({"convert", "x.md", "--too", "pdf"});
  CHECK(opt.status == 2);
  CHECK(first_line(opt.err) == "handout: error: unknown option '--too'; did you mean '--to'?");
  Run build_opt = run({"build", "--focre"});
  CHECK(first_line(build_opt.err) == "handout: error: unknown option '--focre'; did you mean '--force'?");
  Run nothing = run({"convert", "x.md", "--zzzzzz"});
  CHECK(first_line(nothing.err) == "handout: error: unknown option '--zzzzzz'");
  const auto src = source_with_warning();
  Run style = run({"convert", src.c_str(), "--to", "pdf", "--style", "larg-print", "-o", "/dev/null/x.pdf"});
  CHECK(style.status == 1);
  CHECK(style.err.find("no style 'larg-print'; did you mean 'large-print'? (styles: a4, default, large-print;") !=
        std::string::npos);
}

TEST_CASE("JSON diagnostics: one object per diagnostic (--diagnostics=json)", "[cli]") {
  const auto src = source_with_warning();
  Run r = run({"convert", src.c_str(), "--diagnostics=json"});
  CHECK(r.status == 0);
  std::istringstream lines(r.err);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    const nlohmann::json j = nlohmann::json::parse(line);  // throws (fails the test) when not JSON
    CHECK(j.at("file") == src.string());
    CHECK(j.at("severity") == "warning");
    CHECK(j.at("line") == 3);
    CHECK(j.at("code").is_null());
    CHECK(j.at("message").get<std::string>().find("the day after the storm") != std::string::npos);
    ++count;
  }
  CHECK(count == 1);
  // Back to text for the next run in this process.
  Run text = run({"convert", src.c_str()});
  CHECK(first_line(text.err).rfind(src.string() + ":3:", 0) == 0);
}

TEST_CASE("quiet runs drop warnings, --fail-on-warnings makes them fail", "[cli]") {
  const auto src = source_with_warning();
  Run quiet = run({"convert", src.c_str(), "--quiet"});
  CHECK(quiet.status == 0);
  CHECK(quiet.err.empty());
  CHECK(quiet.out.find("<title>Sample page</title>") != std::string::npos);
  Run strict = run({"convert", src.c_str(), "--fail-on-warnings"});
  CHECK(strict.status == 1);
  CHECK(strict.err.find("warning: date 'the day after the storm'") != std::string::npos);
  CHECK(strict.err.find("handout: error: 1 warning, and --fail-on-warnings was given\n") != std::string::npos);
  Run both = run({"convert", src.c_str(), "-q", "--fail-on-warnings"});
  CHECK(both.status == 1);
  CHECK(both.err == "handout: error: 1 warning, and --fail-on-warnings was given\n");
}

TEST_CASE("handout styles lists the shipped styles with their files", "[cli]") {
  Run r = run({"styles"});
  CHECK(r.status == 0);
  std::istringstream lines(r.out);
  std::vector<std::string> names;
  std::string line;
  while (std::getline(lines, line)) {
    const std::size_t tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    names.push_back(line.substr(0, tab));
    CHECK(std::filesystem::is_regular_file(line.substr(tab + 1)));
  }
  CHECK(names == std::vector<std::string>{"a4", "default", "large-print"});
}
