// Writer and layout goldens: the every-construct fixture through every writer, so that a change
// to the EPUB's XHTML or to where the PDF layout puts things shows as a diff, not only as
// "still valid". Also the diagnostics of every reader golden. The files live in tests/writers/
// and next to each reader golden (NAME.diagnostics); HANDOUT_UPDATE_GOLDEN=1 (`make
// update-golden`) rewrites them; review the diff.
#include "batch/job.hpp"
#include "epub/every_construct.hpp"
#include "layout/fonts.hpp"
#include "layout/handout_layout.hpp"
#include "layout/style.hpp"
#include "layout/summary_layout.hpp"
#include "writers/epub/zip_archive.hpp"
#include "writers/pdf/pdf.hpp"
#include "writers/registry.hpp"
#include "unit/file_text.hpp"
#include "source_dir.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace handout;

namespace {

constexpr std::int64_t kEpoch = 1767225600;  // 2026-01-01T00:00:00Z

/// Compares text with the golden file, or rewrites the file under HANDOUT_UPDATE_GOLDEN.
void check_golden(const std::string& text, const fs::path& golden) {
  if (std::getenv("HANDOUT_UPDATE_GOLDEN") != nullptr) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << text;
    return;
  }
  INFO("missing or different: " << golden << " (run `make update-golden` and review the diff)");
  REQUIRE(fs::exists(golden));
  CHECK(text == test::file_text(golden));
}

fs::path writers_dir() { return fs::path(handout::test::source_dir()) / "tests" / "writers"; }

/// A number as the dump prints it: two decimals, so that a hundredth of a point shows.
std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}

/// The laid-out pages as text: one line per text run, rectangle, image, link and anchor.
std::string dump_pages(const LaidOutDocument& laid) {
  std::string out = "geometry " + num(laid.geometry.width) + " x " + num(laid.geometry.height) + "\n";
  for (std::size_t p = 0; p < laid.pages.size(); ++p) {
    const Drawing& d = laid.pages[p];
    out += "page " + std::to_string(p + 1) + "\n";
    for (const RectBox& r : d.rects)
      out += "  rect " + num(r.x) + " " + num(r.y) + " " + num(r.width) + " " + num(r.height) + (r.fill ? " fill" : "") +
             (r.stroke ? " stroke" : "") + "\n";
    for (const ImageBox& i : d.images)
      out += "  image " + num(i.x) + " " + num(i.y) + " " + num(i.width) + " " + num(i.height) + " " + i.key + "\n";
    for (const TextRun& t : d.runs)
      out += "  text " + num(t.x) + " " + num(t.y) + " f" + std::to_string(t.face) + " " + num(t.size) + " " + t.text + "\n";
    for (const LinkArea& l : d.links)
      out += "  link " + num(l.x) + " " + num(l.y) + " " + num(l.width) + " " + num(l.height) + " " +
             (l.uri.empty() ? "#" + l.target : l.uri) + "\n";
    for (const Anchor& a : d.anchors) out += "  anchor " + a.id + " " + num(a.y) + "\n";
  }
  for (const Bookmark& b : laid.bookmarks)
    out += "bookmark " + std::to_string(b.level) + " p" + std::to_string(b.page + 1) + " " + b.title + "\n";
  return out;
}

/// Every entry of an EPUB: text entries whole, binary ones by name and size.
std::string dump_epub(const std::string& bytes) {
  std::string out;
  for (const ZipEntry& e : read_zip(bytes)) {
    const bool text = e.name.ends_with(".xhtml") || e.name.ends_with(".opf") || e.name.ends_with(".xml") ||
                      e.name.ends_with(".css") || e.name == "mimetype";
    out += "=== " + e.name + (text ? "" : " (" + std::to_string(e.bytes.size()) + " bytes)") + "\n";
    if (text) out += e.bytes + (e.bytes.ends_with("\n") ? "" : "\n");
  }
  return out;
}

}  // namespace

TEST_CASE("writer goldens: the every-construct fixture's EPUB, handout pages and summary sheet", "[golden]") {
  Diagnostics diag("every-construct.md");
  const Document doc = test::every_construct_document(diag);
  WriterOptions options;
  options.source_date_epoch = kEpoch;

  SECTION("EPUB: every file of the package") {
    const Output epub = find_writer("epub")->write(doc, options, diag);
    check_golden(dump_epub(epub.bytes), writers_dir() / "every-construct.epub.txt");
  }
  const Style style = load_style(options.style, diag);
  const FontSet fonts(style, diag);
  SECTION("PDF handout: the laid-out pages") {
    const PdfImages images = load_pdf_images(doc, style, diag, options);
    check_golden(dump_pages(layout_handout(doc, style, fonts, images.sizes, diag)),
                 writers_dir() / "every-construct.handout.txt");
  }
  SECTION("summary sheet: the laid-out page") {
    const PdfImages images = load_style_logo(style, diag, options);
    const SummarySheet sheet = layout_summary(doc, read_summary_content(doc), style, fonts, images.sizes, diag);
    check_golden(dump_pages(sheet.laid), writers_dir() / "every-construct.summary.txt");
  }
}

TEST_CASE("diagnostics goldens: what each reader golden's source reports", "[golden]") {
  const fs::path root = fs::path(handout::test::source_dir()) / "tests" / "readers";
  std::vector<fs::path> sources;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const fs::path& p = entry.path();
    if (entry.is_regular_file() && p.extension() != ".xml" && p.extension() != ".diagnostics" &&
        p.filename().string()[0] != '.')
      sources.push_back(p);
  }
  std::sort(sources.begin(), sources.end());
  REQUIRE(sources.size() >= 10);
  for (const fs::path& source : sources) {
    DYNAMIC_SECTION(source.lexically_relative(handout::test::source_dir()).string()) {
      ConvertOptions options;
      Diagnostics diag(source.filename().string());
      auto doc = load_document(source, options, diag);
      std::ostringstream text;
      print_diagnostics(diag, text, true);
      fs::path golden = source;
      golden.replace_extension(".diagnostics");
      check_golden(text.str(), golden);
    }
  }
}
