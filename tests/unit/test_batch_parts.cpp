// The parts of `handout build`: manifest, catalog page, content hashes, worker pool.
#include "batch/catalog.hpp"
#include "batch/content_hash.hpp"
#include "batch/manifest.hpp"
#include "batch/program_identity.hpp"
#include "batch/worker_pool.hpp"

#include <catch2/catch.hpp>
#include <pugixml.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include <pthread.h>

using namespace handout;

namespace {

Manifest sample_manifest() {
  Manifest m;
  m.program = "handout 0.1.0 abc";
  m.style = "default";
  m.style_hash = "00ff";
  SourceRecord a;
  a.source = "a/b & c.md";
  a.hash = "1234";
  a.mtime_ns = 1700000000123456789;
  a.title = "Tom & Jerry <3";
  a.date = "2026-01-02";
  a.language = "fr";
  a.reading = {120, 10, 180, 1, 5.5, "Flesch-Kincaid", 0};
  a.pages = 2;
  a.warnings = {{Severity::warning, Code::markup_unsupported, "input/a/b & c.md", 3, 4, "odd <thing>"}};
  a.outputs = {{"docbook", "a/b & c.xml", "ff", 10, 5, 0, "k1"}, {"pdf", "a/b & c.pdf", "ee", 20, 6, 2, "k2"}};
  SourceRecord b;
  b.source = "z.md";
  b.failed = true;
  b.errors = {{Severity::error, Code::front_matter_invalid, "input/z.md", 1, 1, "front matter opened here is never closed"}};
  m.sources = {a, b};
  return m;
}

}  // namespace

TEST_CASE("manifest: JSON round trip", "[manifest]") {
  const Manifest m = sample_manifest();
  const std::string json = manifest_to_json(m);
  const Manifest back = manifest_from_json(json, "input");
  CHECK(manifest_to_json(back) == json);
  REQUIRE(back.sources.size() == 2);
  CHECK(back.sources[0].warnings[0].path == "input/a/b & c.md");
  CHECK(back.sources[0].warnings[0].line == 3);
  CHECK(back.sources[0].warnings[0].code == Code::markup_unsupported);
  CHECK(back.sources[1].errors[0].code == Code::front_matter_invalid);
  CHECK(json.find("\"code\": \"front-matter-invalid\"") != std::string::npos);
  CHECK(back.sources[0].reading.grade == 5.5);
  CHECK(back.sources[1].failed);
  CHECK(back.find("z.md") == &back.sources[1]);
  CHECK(back.find("y.md") == nullptr);
  CHECK(json.find("\"status\": \"failed\"") != std::string::npos);
}

TEST_CASE("manifest: what is not a manifest is refused", "[manifest]") {
  CHECK_THROWS_WITH(manifest_from_json("{"), Catch::Contains("not valid JSON"));
  CHECK_THROWS_WITH(manifest_from_json("[]"), Catch::Contains("not a handout build manifest"));
  CHECK_THROWS_WITH(manifest_from_json(R"({"manifest": "handout-build", "version": 99, "sources": []})"),
                    Catch::Contains("version 99"));
  CHECK_THROWS_AS(manifest_from_json(R"({"manifest": "handout-build", "version": 2, "sources": [{"title": 1}]})"),
                  std::runtime_error);
  // A diagnostic whose code this program does not know (a newer or edited manifest).
  std::string unknown = manifest_to_json(sample_manifest());
  unknown.replace(unknown.find("markup-unsupported"), 18, "no-such-code");
  CHECK_THROWS_WITH(manifest_from_json(unknown), Catch::Contains("unknown diagnostic code \"no-such-code\""));
  CHECK(read_manifest("/nonexistent/manifest.json").sources.empty());
}

TEST_CASE("catalog: a card per source, title first, actions, escaped, accessible", "[catalog]") {
  const std::string html = render_catalog(sample_manifest());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("lang=\"en\"") != std::string::npos);
  CHECK(html.find("<h1>Handouts</h1>") != std::string::npos);
  // The title in its language, then what to do with it: buttons for the outputs that exist.
  CHECK(html.find("<h2 lang=\"fr\" xml:lang=\"fr\">Tom &amp; Jerry &lt;3</h2>") != std::string::npos);
  CHECK(html.find("<a class=\"action\" href=\"a/b%20%26%20c.pdf\">Print handout</a>") != std::string::npos);
  CHECK(html.find("EPUB") == std::string::npos);  // no EPUB was made: no button for it
  CHECK(html.find("français (French)") != std::string::npos);
  CHECK(html.find("data-lang=\"fr\"") != std::string::npos);
  // The maintainer's details (path, DocBook, problems) behind a closed disclosure.
  const std::size_t details = html.find("<details><summary>Details for maintainers</summary>");
  REQUIRE(details != std::string::npos);
  CHECK(html.find("href=\"a/b%20%26%20c.xml\">DocBook</a>") > details);
  CHECK(html.find("href=\"a/b%20%26%20c.pdf\">PDF handout</a> (2 pages)") > details);
  CHECK(html.find("(line 3, column 4): odd &lt;thing&gt;") != std::string::npos);
  CHECK(html.find("1 min (120 words)") != std::string::npos);
  // A failed source says so on its card, and is listed for the maintainer (open when any failed).
  CHECK(html.find("<strong>Not updated:</strong>") != std::string::npos);
  CHECK(html.find("<details open=\"open\"><summary>About this build (for maintainers)</summary>") != std::string::npos);
  CHECK(html.find("<h2>Failed sources</h2>") != std::string::npos);
  // Search and filters: labelled controls, hidden until the script shows them.
  CHECK(html.find("<label for=\"q\">") != std::string::npos);
  CHECK(html.find("<label for=\"lang\">Language</label>") != std::string::npos);
  CHECK(html.find("<form id=\"filters\" class=\"filters\" role=\"search\" hidden=\"hidden\"") != std::string::npos);
  CHECK(html.find("Tom & Jerry") == std::string::npos);
  // Well-formed XML as well as HTML (the script is inside CDATA).
  pugi::xml_document doc;
  CHECK(doc.load_string(html.c_str(), pugi::parse_default | pugi::parse_doctype));
  CHECK(escape_html("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
  CHECK(url_path("a b/é.pdf") == "a%20b/%C3%A9.pdf");
}

TEST_CASE("content hashes: stable, 32 hex digits, length-prefixed pieces", "[hash]") {
  CHECK(hash_bytes("abc") == hash_bytes("abc"));
  CHECK(hash_bytes("abc").size() == 32);
  CHECK(hash_bytes("abc") != hash_bytes("abd"));
  HashBuilder a, b;
  a.add("ab").add("c");
  b.add("a").add("bc");
  CHECK(a.hex() != b.hex());
  CHECK_THROWS_AS(hash_file("/nonexistent/file"), std::system_error);
  CHECK(!program_build_id().empty());
  CHECK(program_fingerprint().find(HANDOUT_VERSION) != std::string::npos);
}

TEST_CASE("worker pool: every task runs once, on threads with 8 MB stacks", "[pool]") {
  std::atomic<int> ran{0};
  std::mutex mutex;
  std::set<std::size_t> stacks;
  {
    WorkerPool pool(3);
    CHECK(pool.size() == 3);
    for (int i = 0; i < 100; ++i) {
      pool.post([&] {
        ++ran;
        pthread_attr_t attr;
        std::size_t size = 0;
        if (pthread_getattr_np(pthread_self(), &attr) == 0) {
          pthread_attr_getstacksize(&attr, &size);
          pthread_attr_destroy(&attr);
        }
        std::lock_guard lock(mutex);
        stacks.insert(size);
      });
    }
  }
  CHECK(ran == 100);
  for (std::size_t size : stacks) CHECK(size >= kWorkerStackBytes);
  CHECK(available_cores() >= 1);
}

TEST_CASE("worker pool: pending tasks can be dropped", "[pool]") {
  std::atomic<int> ran{0};
  std::atomic<bool> release{false}, started{false};
  std::size_t dropped = 0;
  {
    WorkerPool pool(1);
    pool.post([&] {
      started = true;
      while (!release) std::this_thread::yield();
      ++ran;
    });
    for (int i = 0; i < 10; ++i) pool.post([&] { ++ran; });
    while (!started) std::this_thread::yield();
    dropped = pool.drop_pending();  // the first task is running, blocked
    release = true;
  }
  CHECK(dropped == 10);
  CHECK(ran == 1);
}
