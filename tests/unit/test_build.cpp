// `handout build` through the library, with writers made for the test: what is rebuilt when
// sources, the style or the program change; failed, deleted and colliding sources; Ctrl-C.
#include "batch/build.hpp"
#include "batch/manifest.hpp"
#include "batch/style_fingerprint.hpp"
#include "layout/style.hpp"
#include "unit/file_text.hpp"

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace handout;

namespace {

std::atomic<int> g_styled_calls{0};
std::atomic<int> g_interrupt_after{-1};  // the styled writer raises SIGINT on this call (-1: never)

/// A writer whose output depends on the style: "style:TITLE", two pages.
Output write_styled(const Document& doc, const WriterOptions& options, Diagnostics& /*diag*/) {
  const int call = ++g_styled_calls;
  if (call == g_interrupt_after.load()) ::kill(::getpid(), SIGINT);
  return {options.style + ":" + doc.title() + "\n", 2};
}

/// A writer that cannot handle documents whose title starts with "Fail".
Output write_fragile(const Document& doc, const WriterOptions& /*options*/, Diagnostics& /*diag*/) {
  if (doc.title().rfind("Fail", 0) == 0) throw std::runtime_error("cannot lay out this document");
  return {"fragile:" + doc.title() + "\n", 1};
}

constexpr WriterEntry kWriters[] = {
    {"docbook", ".xml", write_docbook, false},
    {"styled", ".styled.txt", write_styled, true},
    {"fragile", ".fragile.txt", write_fragile, false},
};

void spit(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

/// A scratch folder with input/ and output/, removed at the end of the test.
struct Scratch {
  fs::path root;
  explicit Scratch(const std::string& name)
      : root(fs::temp_directory_path() / ("handout-build-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(root);
    fs::create_directories(root / "input");
    fs::create_directories(root / "styles");
    ::setenv("HANDOUT_STYLES_DIR", (root / "styles").c_str(), 1);
  }
  ~Scratch() {
    fs::remove_all(root);
    ::unsetenv("HANDOUT_STYLES_DIR");
  }
  fs::path in(const std::string& rel) const { return root / "input" / rel; }
  fs::path out(const std::string& rel) const { return root / "output" / rel; }

  BuildOptions options() const {
    BuildOptions o;
    o.input_dir = root / "input";
    o.output_dir = root / "output";
    o.writers = kWriters;
    o.jobs = 2;
    o.handle_signals = false;
    o.program = "handout test build 1";
    return o;
  }
  BuildReport build(const BuildOptions& o) const {
    std::ostringstream out, err;
    BuildReport r = run_build(o, out, err);
    last_out = out.str();
    last_err = err.str();
    return r;
  }
  BuildReport build() const { return build(options()); }
  Manifest manifest() const { return read_manifest(root / "output" / "manifest.json"); }
  mutable std::string last_out, last_err;
};

void add_sources(const Scratch& s, int n) {
  for (int i = 0; i < n; ++i) spit(s.in("topic/doc-" + std::to_string(i) + ".md"), "# Doc " + std::to_string(i) + "\n\nText.\n");
}

fs::file_time_type mtime(const fs::path& p) { return fs::last_write_time(p); }

/// Returns the key recorded for a source's output of format.
std::string key_of(const Manifest& m, const std::string& source, const std::string& format) {
  for (const OutputRecord& o : m.find(source)->outputs)
    if (o.format == format) return o.key;
  return {};
}

}  // namespace

TEST_CASE("build: everything once, then nothing when nothing changed", "[build]") {
  Scratch s("nochange");
  add_sources(s, 6);
  BuildReport first = s.build();
  CHECK(first.exit_status() == 0);
  CHECK(first.counts.built == 6);
  CHECK(fs::exists(s.out("topic/doc-0.xml")));
  CHECK(test::file_text(s.out("topic/doc-3.styled.txt")) == "default:Doc 3\n");
  CHECK(fs::exists(s.out("index.html")));
  const Manifest m = s.manifest();
  REQUIRE(m.sources.size() == 6);
  CHECK(m.sources[0].outputs.size() == 3);
  CHECK(m.sources[0].pages == 2);  // the most pages of any output when there is no "pdf"
  CHECK(m.sources[0].reading.words == 1);
  CHECK(m.sources[0].title == "Doc 0");

  const auto before = mtime(s.out("topic/doc-0.styled.txt"));
  const std::string manifest_before = test::file_text(s.out("manifest.json"));
  const int calls = g_styled_calls;
  BuildReport second = s.build();
  CHECK(second.counts.built == 0);
  CHECK(second.counts.skipped == 6);
  CHECK(g_styled_calls == calls);
  CHECK(mtime(s.out("topic/doc-0.styled.txt")) == before);
  CHECK(test::file_text(s.out("manifest.json")) == manifest_before);
  CHECK(s.last_out.find("built 0, skipped 6, failed 0, removed 0") != std::string::npos);
}

TEST_CASE("build: an edited source rebuilds only its outputs", "[build]") {
  Scratch s("edit");
  add_sources(s, 4);
  s.build();
  const auto other = mtime(s.out("topic/doc-1.xml"));
  spit(s.in("topic/doc-2.md"), "# Doc two, edited\n\nMore text here.\n");
  BuildReport r = s.build();
  CHECK(r.counts.built == 1);
  CHECK(r.counts.skipped == 3);
  CHECK(test::file_text(s.out("topic/doc-2.styled.txt")) == "default:Doc two, edited\n");
  CHECK(mtime(s.out("topic/doc-1.xml")) == other);
}

TEST_CASE("build: a changed boilerplate file (shipped or the user's) rebuilds every output", "[build]") {
  Scratch s("boilerplate");
  spit(s.root / "styles" / "boilerplate.yaml", "anywhere:\n  - Share\n");
  spit(s.root / "mine.yaml", "anywhere:\n  - Print\n");
  add_sources(s, 2);
  BuildOptions o = s.options();
  o.convert.transforms.boilerplate_files = {(s.root / "mine.yaml").string()};
  CHECK(s.build(o).counts.built == 2);
  CHECK(s.build(o).counts.built == 0);
  spit(s.root / "styles" / "boilerplate.yaml", "anywhere:\n  - Share this page\n");
  CHECK(s.build(o).counts.built == 2);
  spit(s.root / "mine.yaml", "anywhere:\n  - Print this page\n");
  CHECK(s.build(o).counts.built == 2);
  CHECK(s.build(o).counts.built == 0);
}

TEST_CASE("build: a style change rebuilds exactly the outputs that use the style", "[build]") {
  Scratch s("style");
  spit(s.root / "styles" / "base.yaml", "body_size: 12\n");
  spit(s.root / "styles" / "handout.yaml", "extends: base\npage: a4\n");
  add_sources(s, 3);
  BuildOptions o = s.options();
  o.convert.writer.style = "handout";
  s.build(o);
  const auto docbook = mtime(s.out("topic/doc-0.xml"));
  const auto fragile = mtime(s.out("topic/doc-0.fragile.txt"));
  const std::string styled_key = key_of(s.manifest(), "topic/doc-0.md", "styled");

  spit(s.root / "styles" / "base.yaml", "body_size: 14\n");  // the parent style, through extends:
  const int calls = g_styled_calls;
  BuildReport r = s.build(o);
  CHECK(r.counts.built == 3);
  CHECK(g_styled_calls == calls + 3);
  CHECK(mtime(s.out("topic/doc-0.xml")) == docbook);
  CHECK(mtime(s.out("topic/doc-0.fragile.txt")) == fragile);
  CHECK(key_of(s.manifest(), "topic/doc-0.md", "styled") != styled_key);
  CHECK(s.manifest().style_files.size() == 2);

  o.convert.writer.style = "default";  // another style name: the same outputs again
  CHECK(s.build(o).counts.built == 3);
  CHECK(g_styled_calls == calls + 6);
  CHECK(s.build(o).counts.built == 0);
}

TEST_CASE("build: a different program or SOURCE_DATE_EPOCH rebuilds everything; --force too", "[build]") {
  Scratch s("program");
  add_sources(s, 3);
  s.build();
  BuildOptions o = s.options();
  o.program = "handout test build 2";
  CHECK(s.build(o).counts.built == 3);
  CHECK(s.build(o).counts.built == 0);
  o.convert.writer.source_date_epoch = 1700000000;
  CHECK(s.build(o).counts.built == 3);
  o.force = true;
  CHECK(s.build(o).counts.built == 3);
}

TEST_CASE("build: a failed source keeps its previous outputs, is reported and retried", "[build]") {
  Scratch s("failed");
  add_sources(s, 2);
  s.build();
  const std::string previous = test::file_text(s.out("topic/doc-0.fragile.txt"));
  spit(s.in("topic/doc-0.md"), "# Fail now\n\nText.\n");
  BuildReport r = s.build();
  CHECK(r.exit_status() == 1);
  CHECK(r.counts.failed == 1);
  CHECK(s.last_err.find("topic/doc-0.md: error: cannot write fragile: cannot lay out this document") != std::string::npos);
  CHECK(test::file_text(s.out("topic/doc-0.fragile.txt")) == previous);       // the previous good output is kept
  CHECK(test::file_text(s.out("topic/doc-0.styled.txt")) == "default:Fail now\n");  // the others are written
  const Manifest m = s.manifest();
  REQUIRE(m.find("topic/doc-0.md") != nullptr);
  CHECK(m.find("topic/doc-0.md")->failed);
  CHECK(m.find("topic/doc-0.md")->errors.size() == 1);
  CHECK(s.build().counts.failed == 1);  // retried, fails again
  spit(s.in("topic/doc-0.md"), "# Fine again\n\nText.\n");
  BuildReport fixed = s.build();
  CHECK(fixed.exit_status() == 0);
  CHECK(fixed.counts.built == 1);
  CHECK_FALSE(s.manifest().find("topic/doc-0.md")->failed);
}

TEST_CASE("build: outputs of deleted sources are removed with their empty folders", "[build]") {
  Scratch s("deleted");
  add_sources(s, 2);
  spit(s.in("other/gone.md"), "# Gone\n\nSoon.\n");
  s.build();
  REQUIRE(fs::exists(s.out("other/gone.xml")));
  spit(s.out("topic/keep-me.txt"), "not ours");
  fs::remove(s.in("other/gone.md"));
  fs::remove(s.in("topic/doc-1.md"));
  BuildReport r = s.build();
  CHECK(r.counts.removed == 2);
  CHECK_FALSE(fs::exists(s.out("other")));
  CHECK_FALSE(fs::exists(s.out("topic/doc-1.styled.txt")));
  CHECK(fs::exists(s.out("topic/keep-me.txt")));  // files the build did not write are never removed
  CHECK(s.last_out.find("removed other/gone.xml, other/gone.fragile.txt, other/gone.styled.txt (source other/gone.md is gone)") !=
        std::string::npos);
  CHECK(s.manifest().sources.size() == 1);
}

TEST_CASE("build: two sources with the same output fail the later one", "[build]") {
  Scratch s("collision");
  spit(s.in("a.md"), "# A\n\nText.\n");
  spit(s.in("a.markdown"), "# A again\n\nText.\n");
  BuildReport r = s.build();
  CHECK(r.exit_status() == 1);
  CHECK(r.counts.built == 1);
  CHECK(r.counts.failed == 1);
  CHECK(s.last_err.find("a.md: error: its docbook output a.xml would overwrite that of a.markdown") != std::string::npos);
}

TEST_CASE("build: an output changed on disk is rebuilt; one only touched is not", "[build]") {
  Scratch s("tampered");
  add_sources(s, 2);
  s.build();
  spit(s.out("topic/doc-0.styled.txt"), "edited by hand\n");
  fs::last_write_time(s.out("topic/doc-1.xml"), fs::file_time_type::clock::now());
  BuildReport r = s.build();
  CHECK(r.counts.built == 1);
  CHECK(test::file_text(s.out("topic/doc-0.styled.txt")) == "default:Doc 0\n");
  CHECK(s.build().counts.built == 0);
}

TEST_CASE("build: an unreadable manifest is reported and everything rebuilt", "[build]") {
  Scratch s("manifest");
  add_sources(s, 2);
  s.build();
  spit(s.out("manifest.json"), "{\"manifest\": \"handout-build\", \"version\": 1, \"sources\": [");
  BuildReport r = s.build();
  CHECK(r.counts.built == 2);
  CHECK(s.last_err.find("manifest.json: warning: ignoring the manifest") != std::string::npos);
  CHECK(s.manifest().sources.size() == 2);
}

TEST_CASE("build: SIGINT stops after the running tasks with a valid manifest; a rerun finishes", "[build][signal]") {
  Scratch s("sigint");
  add_sources(s, 40);
  BuildOptions o = s.options();
  o.handle_signals = true;
  o.jobs = 1;
  struct sigaction before {};
  sigaction(SIGINT, nullptr, &before);
  g_interrupt_after = g_styled_calls + 5;
  BuildReport r = s.build(o);
  g_interrupt_after = -1;
  CHECK(r.signal == SIGINT);
  CHECK(r.exit_status() == 130);
  CHECK(r.counts.built >= 4);
  CHECK(r.counts.built < 40);
  CHECK(s.last_out.find("interrupted: built") != std::string::npos);
  const Manifest m = s.manifest();
  CHECK(m.sources.size() < 40);
  for (const SourceRecord& rec : m.sources)
    for (const OutputRecord& out : rec.outputs) CHECK(test::file_text(s.out(out.path)).size() == out.size);
  // The build's handler is gone again: the process has its own SIGINT disposition back.
  struct sigaction now {};
  sigaction(SIGINT, nullptr, &now);
  CHECK(now.sa_handler == before.sa_handler);
  BuildReport rest = s.build();
  CHECK(rest.exit_status() == 0);
  CHECK(rest.counts.built + m.sources.size() >= 40);
  CHECK(s.manifest().sources.size() == 40);
}

TEST_CASE("build: usage errors", "[build]") {
  Scratch s("usage");
  BuildOptions o = s.options();
  o.formats = {"docx"};
  CHECK(s.build(o).exit_status() == 2);
  o = s.options();
  o.input_dir = s.root / "nowhere";
  CHECK(s.build(o).exit_status() == 2);
  o = s.options();
  o.output_dir = o.input_dir;
  CHECK(s.build(o).exit_status() == 2);
}

TEST_CASE("sources: extensions, hidden files, the output folder", "[build]") {
  Scratch s("find");
  spit(s.in("a.md"), "x");
  spit(s.in("B.MARKDOWN"), "x");
  spit(s.in("c/d.txt"), "x");
  spit(s.in("c/e.wiki"), "x");
  spit(s.in("c/f.mediawiki"), "x");
  spit(s.in("g.pdf"), "x");
  spit(s.in(".h.md"), "x");
  spit(s.in(".git/i.md"), "x");
  spit(s.in("out/j.md"), "x");
  const auto found = find_sources(s.root / "input", s.root / "input" / "out");
  CHECK(found == std::vector<std::string>{"B.MARKDOWN", "a.md", "c/d.txt", "c/e.wiki", "c/f.mediawiki"});
  CHECK(output_path_for("a/b.md", {"summary", ".summary.pdf", nullptr}) == "a/b.summary.pdf");
  CHECK(output_path_for("b.v2.md", {"docbook", ".xml", nullptr}) == "b.v2.xml");
}

TEST_CASE("style fingerprint: files found by name, path and extends; changes change the hash", "[build]") {
  Scratch s("fingerprint");
  const StyleFingerprint none = fingerprint_style("missing");
  CHECK(none.files.empty());
  CHECK(none.hash != fingerprint_style("other").hash);
  spit(s.root / "styles" / "clinic.yaml", "extends: [base]\n");
  spit(s.root / "styles" / "clinic.epub.css", "body {}\n");
  spit(s.root / "styles" / "base.yaml", "extends: clinic\n");  // a cycle stops
  spit(s.root / "styles" / "unrelated.yaml", "a: 1\n");
  const StyleFingerprint named = fingerprint_style("clinic");
  CHECK(named.files.size() == 3);
  spit(s.root / "own.yaml", "extends: base\n");
  const StyleFingerprint by_path = fingerprint_style((s.root / "own.yaml").string());
  CHECK(by_path.files.size() == 4);
  spit(s.root / "styles" / "clinic.epub.css", "body { margin: 0 }\n");
  CHECK(fingerprint_style("clinic").hash != named.hash);
  CHECK(fingerprint_style("clinic").hash == fingerprint_style("clinic").hash);
}

TEST_CASE("style fingerprint: a style name is a name even when the current folder holds a file of that name", "[build]") {
  Scratch s("name-vs-path");
  spit(s.root / "styles" / "clinic.yaml", "body_size: 12\n");
  spit(s.root / "cwd" / "clinic", "not a style\n");
  spit(s.root / "cwd" / "own.yaml", "body_size: 13\n");
  const fs::path before = fs::current_path();
  fs::current_path(s.root / "cwd");
  const StyleFingerprint named = fingerprint_style("clinic");
  const StyleFingerprint by_path = fingerprint_style("own.yaml");
  fs::current_path(before);
  REQUIRE(named.files.size() == 1);
  CHECK(named.files[0].filename() == "clinic.yaml");
  CHECK(named.files[0].parent_path().filename() == "styles");
  REQUIRE(by_path.files.size() == 1);
  CHECK(by_path.files[0] == fs::path("own.yaml"));
  CHECK(is_style_path("own.yaml"));
  CHECK(is_style_path("dir/clinic"));
  CHECK_FALSE(is_style_path("clinic"));
}

// ---- issue 23: never delete what the build did not make --------------------------------------

TEST_CASE("build: an unreadable subfolder stops the build before any removal", "[build][issue23]") {
  if (::geteuid() == 0) {
    // root reads a mode-000 folder anyway; a folder that vanishes while scanned is not portable
    // to fake either, so this test runs as a normal user only (ctest runs here as root: see
    // the hostile test build_scan_error, which drops privileges with setpriv).
    WARN("SKIPPED: running as root, permissions are not enforced");
    return;
  }
  Scratch s("scan-error");
  add_sources(s, 3);
  spit(s.in("other/x.md"), "# X\n\nText.\n");
  REQUIRE(s.build().exit_status() == 0);
  REQUIRE(fs::exists(s.out("topic/doc-0.xml")));
  fs::permissions(s.in("topic"), fs::perms::none);
  const BuildReport r = s.build();
  fs::permissions(s.in("topic"), fs::perms::owner_all);
  CHECK(r.exit_status() == 1);
  CHECK(s.last_err.find("cannot read folder") != std::string::npos);
  CHECK(s.last_err.find("topic") != std::string::npos);
  CHECK(fs::exists(s.out("topic/doc-0.xml")));
  CHECK(s.manifest().sources.size() == 4);
}

TEST_CASE("build: removal never follows a symbolic link in a recorded path", "[build][issue23]") {
  Scratch s("rm-link");
  add_sources(s, 1);
  REQUIRE(s.build().exit_status() == 0);
  // Outside the output folder: a file that must survive.
  spit(s.root / "precious" / "doc-9.xml", "keep me\n");
  fs::create_directory_symlink(s.root / "precious", s.out("via"));
  // A crafted manifest: a vanished source whose output goes through the link, and one that
  // names the build's own lock file.
  std::string json = test::file_text(s.out("manifest.json"));
  const std::string entry = R"({"source": "gone.md", "hash": "00", "size": 1, "mtime_ns": 1, "status": "ok", "outputs": {"docbook": {"path": "via/doc-9.xml", "hash": "00", "size": 1, "mtime_ns": 1, "pages": 0, "key": "k"}, "styled": {"path": ".handout-build.lock", "hash": "00", "size": 1, "mtime_ns": 1, "pages": 0, "key": "k"}}},)";
  const auto at = json.find("\"sources\": [");
  REQUIRE(at != std::string::npos);
  json.insert(at + 12, entry);
  spit(s.out("manifest.json"), json);
  REQUIRE(read_manifest(s.out("manifest.json")).sources.size() == 2);
  const BuildReport r = s.build();
  CHECK(r.exit_status() == 0);
  CHECK(test::file_text(s.root / "precious" / "doc-9.xml") == "keep me\n");
  CHECK(fs::exists(s.out(".handout-build.lock")));
}

TEST_CASE("build: temporary-file cleanup removes only temporaries of the build's own files", "[build][issue23]") {
  Scratch s("tmp-clean");
  add_sources(s, 1);
  REQUIRE(s.build().exit_status() == 0);
  spit(s.out("topic/.doc-0.xml.tmp-abc123"), "a killed build's temporary\n");
  spit(s.out("topic/.notes.txt.tmp-zzz999"), "the user's file\n");
  spit(s.out(".manifest.json.tmp-q1w2e3"), "a killed build's manifest\n");
  s.build();
  CHECK_FALSE(fs::exists(s.out("topic/.doc-0.xml.tmp-abc123")));
  CHECK_FALSE(fs::exists(s.out(".manifest.json.tmp-q1w2e3")));
  CHECK(fs::exists(s.out("topic/.notes.txt.tmp-zzz999")));
}

TEST_CASE("build: a foreign manifest.json is not overwritten without --force", "[build][issue23]") {
  Scratch s("foreign-manifest");
  add_sources(s, 1);
  spit(s.out("manifest.json"), "{\"name\": \"my-web-app\", \"icons\": []}\n");
  BuildReport r = s.build();
  CHECK(r.exit_status() == 1);
  CHECK(s.last_err.find("not a handout build manifest") != std::string::npos);
  CHECK(test::file_text(s.out("manifest.json")) == "{\"name\": \"my-web-app\", \"icons\": []}\n");
  CHECK_FALSE(fs::exists(s.out("topic/doc-0.xml")));
  BuildOptions o = s.options();
  o.force = true;
  r = s.build(o);
  CHECK(r.exit_status() == 0);
  CHECK(s.manifest().sources.size() == 1);
}

TEST_CASE("build: a symbolic link to a file outside the input folder is skipped with a warning", "[build][issue23]") {
  Scratch s("link-out");
  add_sources(s, 1);
  spit(s.root / "secret.md", "# Secret\n\nNot for publishing.\n");
  fs::create_symlink(s.root / "secret.md", s.in("leak.md"));
  spit(s.in("inside/real.md"), "# Real\n\nText.\n");
  fs::create_symlink(fs::path("inside") / "real.md", s.in("alias.md"));
  const BuildReport r = s.build();
  CHECK(r.exit_status() == 0);
  CHECK(s.last_err.find("leak.md: warning: skipped: a symbolic link to") != std::string::npos);
  CHECK_FALSE(fs::exists(s.out("leak.xml")));
  CHECK(fs::exists(s.out("alias.xml")));  // a link that stays inside is a source
}

TEST_CASE("build: a foreign index.html is not overwritten without --force", "[build][issue23]") {
  Scratch s("foreign-index");
  add_sources(s, 1);
  spit(s.out("index.html"), "<p>my own page</p>\n");
  BuildReport r = s.build();
  CHECK(r.exit_status() == 1);
  CHECK(s.last_err.find("index.html: error: exists and was not written by handout build") != std::string::npos);
  CHECK(test::file_text(s.out("index.html")) == "<p>my own page</p>\n");
  BuildOptions o = s.options();
  o.force = true;
  CHECK(s.build(o).exit_status() == 0);
  CHECK(test::file_text(s.out("index.html")) != "<p>my own page</p>\n");
  CHECK(s.build().exit_status() == 0);  // now the folder's manifest vouches for it
}

TEST_CASE("build: file names that are not UTF-8 or hold control characters are carried as bytes (issue 23, finding 10)", "[build][issue23]") {
  Scratch s("odd-names");
  add_sources(s, 1);
  const std::string bad = "caf\xff.md", ctl = "a\x01" "b.md";
  spit(s.in(bad), "# Bad bytes\n\nText.\n");
  spit(s.in(ctl), "# Control\n\nText.\n\n[^n]: A note nobody cites.\n");
  BuildReport r = s.build();
  CHECK(r.exit_status() == 0);
  CHECK(r.counts.built == 3);
  CHECK(fs::exists(s.out("caf\xff.xml")));
  // The manifest is written and names each source exactly.
  REQUIRE(fs::exists(s.out("manifest.json")));
  const std::string json = test::file_text(s.out("manifest.json"));
  CHECK(json.find('\xff') == std::string::npos);
  CHECK(json.find('\x01') == std::string::npos);
  CHECK(json.find("\"source_bytes\": \"636166ff2e6d64\"") != std::string::npos);
  const Manifest m = s.manifest();
  CHECK(m.find(bad) != nullptr);
  CHECK(m.find(ctl) != nullptr);
  // The catalog is well-formed XML and holds neither byte.
  const std::string html = test::file_text(s.out("index.html"));
  pugi::xml_document page;
  CHECK(page.load_string(html.c_str()));
  CHECK(html.find('\xff') == std::string::npos);
  CHECK(html.find('\x01') == std::string::npos);
  CHECK(html.find("caf%FF.xml") != std::string::npos);
  // Diagnostics name the file with the byte escaped, never raw.
  CHECK(s.last_err.find("a\\x01b.md") != std::string::npos);
  CHECK(s.last_err.find('\x01') == std::string::npos);
  // The next build trusts the manifest: nothing to do.
  BuildReport again = s.build();
  CHECK(again.exit_status() == 0);
  CHECK(again.counts.skipped == 3);
}
