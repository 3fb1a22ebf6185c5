// Hostile input: the builder's table and footnote limits, --limit parsing, UTF-16 without a
// byte-order mark, image limits from the writer options, and one regression test per crash the
// fuzz targets (tests/fuzz/) or the hostile corpus (tests/hostile/) found.
#include "batch/job.hpp"
#include "layout/style.hpp"
#include "model/builder.hpp"
#include "readers/reader.hpp"
#include "readers/source_text.hpp"
#include "test_support.hpp"
#include "writers/image_files.hpp"
#include "writers/pdf/raster_image.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>

using namespace handout;

namespace {

/// Returns the SourceError message thrown by f, or "" when it throws none.
template <class F>
std::string source_error(F&& f) {
  try {
    f();
  } catch (const SourceError& e) {
    return std::to_string(e.line()) + ":" + std::to_string(e.column()) + ": " + e.what();
  }
  return {};
}

/// A builder over an empty document with the given limits (the defaults unless changed).
struct Built {
  explicit Built(TreeLimits limits = {}) : builder(doc, diag, limits) {}
  Document doc;
  Diagnostics diag;
  TreeBuilder builder;
};

}  // namespace

TEST_CASE("a row past table-columns stops the source at its line", "[limits]") {
  TreeLimits limits;
  limits.max_table_columns = 3;
  Built built(limits);
  TreeBuilder& b = built.builder;
  b.set_line(7);
  RowSink row = b.body().table().row();
  row.cell(false).text("a");
  row.cell(false, CellAlign::none, 2).text("b");  // three columns: at the limit, fine
  CHECK(source_error([&] { row.cell(false); }) ==
        "7:1: table row has more than 3 columns (the limit; raise it with --limit table-columns=N)");
}

TEST_CASE("a colspan of two billion counts as that many columns", "[limits]") {
  Built built;
  TreeBuilder& b = built.builder;
  RowSink row = b.body().table().row();
  CHECK(source_error([&] { row.cell(false, CellAlign::none, 2000000000, 2000000000); })
            .find("more than 1000 columns") != std::string::npos);
}

TEST_CASE("table-cells counts every row of one table, spans included, and tables apart", "[limits]") {
  TreeLimits limits;
  limits.max_table_cells = 4;
  Built built(limits);
  TreeBuilder& b = built.builder;
  TableSink first = b.body().table();
  first.row().cell(false, CellAlign::none, 1, 2);  // 2 cells
  first.row().cell(false);                         // 3
  TableSink second = b.body().table();             // another table has its own count
  second.row().cell(false, CellAlign::none, 2, 2);  // 4: at the limit
  first.row().cell(false);                          // 4 in the first
  CHECK(source_error([&] { first.row().cell(false); }).find("table has more than 4 cells") != std::string::npos);
}

TEST_CASE("footnotes past the limit stop the source; nested ones are not counted twice", "[limits]") {
  TreeLimits limits;
  limits.max_footnotes = 2;
  Built built(limits);
  TreeBuilder& b = built.builder;
  InlineSink p = b.body().para();
  BlockSink note = p.footnote();
  note.para().footnote();  // folded into the outer note: not a second footnote
  p.footnote();
  CHECK(source_error([&] { p.footnote(); }).find("more than 2 footnotes") != std::string::npos);
}

TEST_CASE("the Markdown reader reports a footnote bomb at a line", "[limits]") {
  std::string md = "Text";
  for (int i = 0; i < 12; ++i) md += "[^" + std::to_string(i) + "]";
  md += "\n\n";
  for (int i = 0; i < 12; ++i) md += "[^" + std::to_string(i) + "]: n\n";
  Diagnostics diag("t.md");
  ReaderOptions options;
  options.limits.max_footnotes = 10;
  const SourceText src = decode_source("t.md", md, diag);
  CHECK(source_error([&] { read_markdown(src, options, diag); }) ==
        "1:1: more than 10 footnotes (the limit; raise it with --limit footnotes=N)");
}

TEST_CASE("set_limit sets each limit, with K, M and G suffixes", "[limits]") {
  ConvertOptions o;
  set_limit(o, "source-bytes=2M");
  CHECK(o.max_source_bytes == 2u << 20);
  set_limit(o, "depth=12");
  CHECK(o.reader.limits.max_block_depth == 12);
  CHECK(o.reader.limits.max_inline_depth == 12);
  set_limit(o, "table-columns=5");
  CHECK(o.reader.limits.max_table_columns == 5);
  set_limit(o, "table-cells=1k");
  CHECK(o.reader.limits.max_table_cells == 1024);
  set_limit(o, "footnotes=9");
  CHECK(o.reader.limits.max_footnotes == 9);
  set_limit(o, "image-bytes=1G");
  CHECK(o.writer.max_image_bytes == std::uintmax_t{1} << 30);
  set_limit(o, "image-pixels=100");
  CHECK(o.writer.max_image_pixels == 100);
  set_limit(o, "yaml-nodes=50");
  CHECK(o.reader.front_matter.max_nodes == 50);
  set_limit(o, "yaml-bytes=64K");
  CHECK(o.reader.front_matter.max_text == 64u << 10);
  CHECK(describe_limits(o) ==
        "source-bytes=2097152\ndepth=12\ntable-columns=5\ntable-cells=1024\nfootnotes=9\n"
        "image-bytes=1073741824\nimage-pixels=100\nyaml-nodes=50\nyaml-bytes=65536\n");
}

TEST_CASE("set_limit refuses unknown names, zero, junk and overflow", "[limits]") {
  ConvertOptions o;
  CHECK_THROWS_WITH(set_limit(o, "pages=3"), Catch::Contains("NAME one of source-bytes, depth"));
  CHECK_THROWS_WITH(set_limit(o, "depth"), Catch::Contains("NAME=VALUE"));
  CHECK_THROWS_WITH(set_limit(o, "depth=0"), Catch::Contains("whole number from 1 to 1000"));
  CHECK_THROWS_WITH(set_limit(o, "depth=1001"), Catch::Contains("whole number"));
  CHECK_THROWS_WITH(set_limit(o, "depth=-3"), Catch::Contains("whole number"));
  CHECK_THROWS_WITH(set_limit(o, "table-columns=2G"), Catch::Contains("whole number"));
  CHECK_THROWS_WITH(set_limit(o, "footnotes=99999999999999999999999"), Catch::Contains("whole number"));
  CHECK_THROWS_WITH(set_limit(o, "footnotes=1.5"), Catch::Contains("whole number"));
  CHECK_THROWS_WITH(set_limit(o, "footnotes="), Catch::Contains("whole number"));
  CHECK(o.reader.limits.max_block_depth == 40);  // nothing changed
}

TEST_CASE("UTF-16 without a byte-order mark is recognized by its NUL halves", "[limits][source]") {
  Diagnostics diag("t.txt");
  std::string le, be;
  for (char c : std::string("Hello there\nnext line\n")) {
    le += c, le += '\0';
    be += '\0', be += c;
  }
  CHECK(decode_source("t.txt", le, diag).text == "Hello there\nnext line\n");
  CHECK(decode_source("t.txt", be, diag).encoding == "UTF-16BE");
  REQUIRE(diag.items().size() == 2);
  CHECK(format_diagnostic(diag.items()[0]) ==
        "t.txt:1:1: warning: no byte-order mark, but the NUL bytes show UTF-16; the file was read as UTF-16LE");
  // A NUL pair, an odd length or a binary header is still not text.
  CHECK_THROWS_AS(decode_source("t.txt", std::string("A\0\0\0B\0C\0", 8), diag), SourceError);
  CHECK_THROWS_AS(decode_source("t.txt", std::string("A\0B\0C", 5), diag), SourceError);
  CHECK_THROWS_AS(decode_source("t.txt", std::string("PK\3\4\0\0binary", 12), diag), SourceError);
}

TEST_CASE("image limits come from the caller", "[limits]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "handout-test-limits";
  fs::create_directories(dir);
  const std::string png("\x89PNG\r\n\x1a\n0123456789", 18);
  std::ofstream(dir / "i.png", std::ios::binary) << png;
  const fs::path source = dir / "s.md";
  CHECK(find_source_image(source, "i.png").image);
  CHECK(find_source_image(source, "i.png", 17).problem == "larger than 17 bytes");
  CHECK(find_source_image(source, "i.png", 18).image);
  fs::remove_all(dir);
}

TEST_CASE("strings past libharu's 65,535 bytes still make a PDF (found by the hostile corpus)", "[limits][pdf]") {
  std::string words;
  while (words.size() < 70000) words += "word ";
  const std::string md = "---\ntitle: \"" + words + "\"\nsummary: \"" + words + "\"\nkeywords: \"" + words +
                         "\"\nlang: \"" + words + "\"\n---\n\n## " + words + "\n\n[a link](https://example.org/" +
                         std::string(70000, 'x') + ")\n";
  Diagnostics diag("long.md");
  const Document doc = test::markdown(md, diag, "long.md");
  WriterOptions options;
  options.source_date_epoch = 0;
  const Output out = write_pdf(doc, options, diag);
  CHECK(out.pages >= 1);
  CHECK(out.bytes.substr(0, 5) == "%PDF-");
}

TEST_CASE("a style naming a logo too long for the file system is a style error (fuzz_style)", "[limits][style]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "handout-test-style-name";
  fs::create_directories(dir);
  const fs::path file = dir / "s.yaml";
  std::ofstream(file) << "extends: default\nlogo: " << std::string(5000, 'a') << ".png\n";
  Diagnostics diag("x.md");
  CHECK_THROWS_WITH(load_style(file.string(), diag), Catch::Contains("not found"));
  std::ofstream(file) << "extends: " << std::string(5000, 'b') << ".yaml\n";
  CHECK_THROWS_WITH(load_style(file.string(), diag), Catch::Contains("extends an unknown style"));
  std::ofstream(file) << "extends: /dev/zero\n";
  CHECK_THROWS_WITH(load_style(file.string(), diag), Catch::Contains("must be a regular file"));
  fs::remove_all(dir);
}
