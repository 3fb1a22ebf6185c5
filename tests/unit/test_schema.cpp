// The DocBook vocabulary (model/schema) and the format registries: one table each, and every
// tree the readers build uses only the table's elements.
#include "batch/job.hpp"
#include "cli/app.hpp"
#include "docbook_rng.hpp"
#include "epub/every_construct.hpp"
#include "model/schema.hpp"
#include "readers/registry.hpp"
#include "test_support.hpp"
#include "writers/registry.hpp"
#include "source_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <sstream>
#include <string>

using namespace handout;

TEST_CASE("every Kind has one name and the name gives the Kind back", "[schema]") {
  std::set<std::string_view> names;
  for (int k = 0; k < static_cast<int>(Kind::unknown); ++k) {
    const Kind kind = static_cast<Kind>(k);
    const std::string_view name = name_of(kind);
    CHECK_FALSE(name.empty());
    CHECK(names.insert(name).second);
    CHECK(kind_named(name) == kind);
    CHECK(placement_of(kind) != Placement::unknown);
  }
  CHECK(kind_named("paragraph") == Kind::unknown);
  CHECK(kind_named("") == Kind::unknown);
  CHECK(name_of(Kind::unknown).empty());
}

TEST_CASE("one list of inline elements: footnotes, glossary terms and foreign phrases run in the text", "[schema]") {
  for (Kind k : {Kind::emphasis, Kind::link, Kind::footnote, Kind::footnoteref, Kind::glossterm, Kind::foreignphrase,
                 Kind::phrase, Kind::quote, Kind::inlinemediaobject, Kind::anchor})
    CHECK(is_inline(k));
  for (Kind k : {Kind::para, Kind::section, Kind::listitem, Kind::info, Kind::abstract, Kind::unknown})
    CHECK_FALSE(is_inline(k));
  CHECK(is_admonition(Kind::caution));
  CHECK_FALSE(is_admonition(Kind::sidebar));
}

/// Counts the elements under node whose name the schema does not know, naming the first.
std::size_t unknown_elements(pugi::xml_node node, std::string& first) {
  std::size_t n = 0;
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    if (kind_of(c) == Kind::unknown) {
      if (first.empty()) first = c.name();
      ++n;
    }
    n += unknown_elements(c, first);
  }
  return n;
}

TEST_CASE("the trees of every sample and reader fixture use only the schema's elements and validate against DocBook 5.0 RELAX NG", "[schema]") {
  const std::filesystem::path root = handout::test::source_dir();
  std::size_t files = 0;
  for (const char* dir : {"input", "tests/readers", "tests/quality"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(root / dir)) {
      const std::string ext = e.path().extension().string();
      if (!e.is_regular_file() || e.path().filename() == "README.md" ||
          (ext != ".md" && ext != ".txt" && ext != ".wiki"))
        continue;
      Diagnostics diag(e.path().string());
      ConvertOptions options;
      std::optional<Document> doc = load_document(e.path(), options, diag);
      REQUIRE(doc.has_value());
      std::string first;
      const std::size_t unknown = unknown_elements(doc->xml(), first);
      INFO(e.path().string() << ": unknown element <" << first << ">");
      CHECK(unknown == 0);
      const std::string violation = content_model_violation(doc->article());
      INFO(e.path().string() << ": " << violation);
      CHECK(violation.empty());
      const std::string rng = test::document_rng_errors(*doc);
      INFO(e.path().string() << ": DocBook 5.0 RELAX NG: " << rng);
      CHECK(rng.empty());
      ++files;
    }
  }
  Diagnostics diag("every-construct");
  Document every = test::every_construct_document(diag);
  std::string first;
  const std::size_t unknown = unknown_elements(every.xml(), first);
  INFO("every construct: unknown element <" << first << ">");
  CHECK(unknown == 0);
  CHECK(content_model_violation(every.article()) == "");
  CHECK(test::document_rng_errors(every) == "");
  CHECK(files > 40);
}

TEST_CASE("the DocBook 5.0 RELAX NG oracle accepts a valid article and rejects superscript > emphasis", "[schema]") {
  const std::string head =
      "<?xml version=\"1.0\"?>\n<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\"><title>T</title>";
  CHECK(test::docbook_rng_errors(head + "<para>x<superscript>2</superscript></para></article>") == "");
  const std::string nested = test::docbook_rng_errors(head + "<para>x<superscript><emphasis>2</emphasis></superscript></para></article>");
  INFO(nested);
  CHECK(nested.find("element para") != std::string::npos);
  CHECK(test::docbook_rng_errors(head + "<para>unclosed</article>").rfind("not well-formed", 0) == 0);
}

TEST_CASE("the format list (--list-formats) prints the registries, and the CLI's choices are theirs", "[schema][cli]") {
  std::ostringstream out, err;
  const char* argv[] = {"handout", "--list-formats"};
  REQUIRE(run_cli(2, argv, out, err) == 0);
  for (const ReaderEntry& r : reader_registry()) {
    CHECK(out.str().find("  " + std::string(r.name) + " ") != std::string::npos);
    for (std::string_view e : r.extensions) CHECK(out.str().find(std::string(e)) != std::string::npos);
  }
  for (const WriterEntry& w : writer_registry()) {
    CHECK(out.str().find(std::string(w.label)) != std::string::npos);
    CHECK(out.str().find("[" + std::string(w.extension) + "]") != std::string::npos);
  }
  // Every source extension of the build is a reader's (decisive or read from the content).
  const std::vector<std::string> exts = source_extensions();
  CHECK(std::find(exts.begin(), exts.end(), ".txt") != exts.end());
  CHECK(std::find(exts.begin(), exts.end(), ".mediawiki") != exts.end());
  CHECK(reader_for_extension("a/B.WIKI") == find_reader("wiki"));
  CHECK(reader_for_extension("notes.txt") == nullptr);  // .txt is read from its content
  // An unknown --to names the registry's writers.
  std::ostringstream out2, err2;
  const char* bad[] = {"handout", "convert", "x.md", "--to", "html"};
  CHECK(run_cli(5, bad, out2, err2) != 0);
  for (const WriterEntry& w : writer_registry()) CHECK(err2.str().find(std::string(w.name)) != std::string::npos);
}
