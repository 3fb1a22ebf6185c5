// The command line's habits (issue 21): "did you mean", --quiet, --diagnostics=json,
// --fail-on-warnings, completion and man page output.
#include "batch/job.hpp"
#include "cli/app.hpp"
#include "readers/registry.hpp"
#include "model/diagnostics.hpp"
#include "text/suggest.hpp"

#include <catch2/catch.hpp>

#include "command_runs.hpp"
#include "source_dir.hpp"
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
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
    CHECK(j.at("code") == "date-unread");
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

namespace {

/// Writes text to a file of the given name in a fresh temporary folder and returns its path.
std::filesystem::path temp_source(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / ("handout-sniff-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

}  // namespace

TEST_CASE("a source's format is read from its content when the extension does not decide", "[cli][sniff]") {
  // Markdown saved as .txt or with no extension: headings, bold and lists are Markdown.
  const std::string md = "# Taking your pills\n\nTake **one** tablet each morning.\n\n- with water\n- with food\n";
  for (const char* name : {"pills.txt", "pills"}) {
    const std::string path = temp_source(name, md).string();
    const Run r = run({"convert", path.c_str(), "-t", "docbook", "-v"});
    REQUIRE(r.status == 0);
    CHECK(r.out.find("<title>Taking your pills</title>") != std::string::npos);
    CHECK(r.out.find("<emphasis role=\"strong\">one</emphasis>") != std::string::npos);
    CHECK(r.err.find("read as markdown: the content shows Markdown (# headings, **bold**, - lists)") != std::string::npos);
  }
  // Text copied from a page with stray asterisks and dashes stays text.
  const std::string copied = "Home > Health > Pills\n\nTaking your pills\n\n* Take one tablet each morning.\n"
                             "- November 20, 2026\nRated *4 stars* by readers\n";
  const Run text = run({"convert", temp_source("copied.txt", copied).c_str(), "-t", "docbook", "-v"});
  REQUIRE(text.status == 0);
  CHECK(text.err.find("read as") == std::string::npos);
  // MediaWiki markup in a .txt file.
  const Run wiki = run({"convert", temp_source("w.txt", "'''Asthma''' is common.\n\n== Signs ==\nA [[cough]].\n").c_str(),
                        "-t", "docbook", "-v"});
  CHECK(wiki.err.find("read as wiki") != std::string::npos);
  // --from still decides.
  const Run forced = run({"convert", temp_source("f.txt", md).c_str(), "-f", "text", "-t", "docbook", "-v"});
  CHECK(forced.err.find("read as") == std::string::npos);
  CHECK(forced.out.find("<emphasis role=\"strong\">") == std::string::npos);
}

TEST_CASE("an HTML page is refused with a message that says what to do", "[cli][sniff]") {
  for (const char* name : {"page.html", "page.txt"}) {
    const Run r = run({"convert", temp_source(name, "<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>\n").c_str(),
                       "-t", "docbook"});
    CHECK(r.status == 1);
    CHECK(r.err.find(std::string(name) + ": error: this is an HTML page, which handout does not read; open it in a browser") !=
          std::string::npos);
  }
  // XML that is not a web page (a DocBook file) is not called one.
  CHECK_FALSE(handout::looks_like_html("<?xml version=\"1.0\"?>\n<article xmlns=\"http://docbook.org/ns/docbook\"><para>x</para></article>\n"));
  CHECK(handout::looks_like_html("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>\n"));
}

TEST_CASE("standard input as the source (-), and the pandoc-style -t, -f and -s", "[cli][sniff]") {
  handout::ConvertRequest request;
  request.source = "-";
  request.to = "docbook";
  std::istringstream in("# From a pipe\n\nSome **bold** text and a [link](https://example.org).\n");
  request.input = &in;
  request.verbose = true;
  std::ostringstream out, err;
  REQUIRE(handout::run_convert(request, out, err) == 0);
  CHECK(out.str().find("<title>From a pipe</title>") != std::string::npos);
  CHECK(err.str().find("<stdin>: note: read as markdown") != std::string::npos);
  // An empty pipe is an empty source, reported like an empty file (not a crash).
  std::istringstream empty("");
  request.input = &empty;
  std::ostringstream out2, err2;
  handout::run_convert(request, out2, err2);
  CHECK(err2.str().find("<stdin>") != std::string::npos);

  const std::string md = temp_source("aliases.md", "# Aliases\n\nText.\n").string();
  const Run r = run({"convert", md.c_str(), "-t", "docbook", "-f", "markdown", "-s", "large-print"});
  CHECK(r.status == 0);
  CHECK(r.out.find("<title>Aliases</title>") != std::string::npos);
  CHECK(run({"convert", md.c_str(), "-t", "nope"}).status != 0);
}

TEST_CASE("diagnostic codes: one kebab-case name each, found by name, listed in the README", "[cli]") {
  using namespace handout;
  std::ifstream in(handout::test::source_dir() + "/README.md");
  std::stringstream readme;
  readme << in.rdbuf();
  std::set<std::string_view> names;
  int index = 0;
  for (Code code : all_codes()) {
    CHECK(static_cast<int>(code) == index++);  // the table follows the enum's order
    const std::string_view name = code_name(code);
    CHECK(names.insert(name).second);
    CHECK(name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string_view::npos);
    CHECK_FALSE(code_summary(code).empty());
    REQUIRE(code_named(name) != nullptr);
    CHECK(*code_named(name) == code);
    CHECK(readme.str().find("| `" + std::string(name) + "` |") != std::string::npos);
  }
  CHECK(static_cast<int>(all_codes().back()) == static_cast<int>(Code::internal_error));
  CHECK(code_named("no-such-code") == nullptr);
}

TEST_CASE("JSON diagnostics: an error carries its code", "[cli]") {
  const auto dir = std::filesystem::temp_directory_path() / ("handout-codes-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto broken = dir / "broken.md";
  std::ofstream(broken) << "---\ntitle: \"Broken\nlang: en\n---\n\nText.\n";
  Run r = run({"convert", broken.c_str(), "--diagnostics=json", "-o", (dir / "broken.xml").c_str()});
  CHECK(r.status == 1);
  const nlohmann::json j = nlohmann::json::parse(first_line(r.err));
  CHECK(j.at("severity") == "error");
  CHECK(j.at("code") == "front-matter-invalid");
  CHECK(j.at("line") == 2);
  std::filesystem::remove_all(dir);
}
