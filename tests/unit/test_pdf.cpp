// The PDF handout checked by poppler's pdftotext: every word of the tree, in order.
#include "batch/job.hpp"
#include "model/text.hpp"
#include "test_support.hpp"
#include "writers/font_subset.hpp"
#include "writers/pdf.hpp"
#include "writers/pdf_document.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

using namespace handout;
namespace fs = std::filesystem;

namespace {

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  return out;
}

/// The words a reader must find in the PDF: the title, then the body (footnotes left out),
/// then the footnotes in order.
std::vector<std::string> expected_words(const Document& source) {
  // An image's caption is printed before its description: "caption — description".
  pugi::xml_document copy;
  copy.reset(source.xml());
  for (const auto& x : copy.select_nodes("//mediaobject/textobject[@role='title']")) {
    pugi::xml_node media = x.node().parent();
    media.insert_move_before(x.node(), media.child("textobject"));
  }
  std::string text = source.title() + "\n";
  for (pugi::xml_node c = copy.document_element().first_child(); c; c = c.next_sibling()) {
    if (std::string_view(c.name()) != "info") text += text_content(c, true) + "\n";
  }
  for (const auto& x : copy.select_nodes("//footnote")) text += text_content(x.node(), true) + "\n";
  return text::split_words(text);
}

/// True when every expected word appears in order in the PDF's words; a word may be split
/// over consecutive PDF words (a word longer than a line is broken between characters) and be
/// followed by a footnote number.
bool in_order(const std::vector<std::string>& expected, const std::vector<std::string>& pdf, std::string& first_missing) {
  std::size_t at = 0;
  for (const std::string& word : expected) {
    bool found = false;
    for (std::size_t i = at; i < pdf.size() && !found; ++i) {
      std::string joined;
      for (std::size_t k = i; k < pdf.size() && joined.size() < word.size(); ++k) {
        joined += pdf[k];
        // A footnote number may follow the word directly: "eyes.1".
        const bool note_mark = joined.size() > word.size() && joined.compare(0, word.size(), word) == 0 &&
                               joined.find_first_not_of("0123456789", word.size()) == std::string::npos;
        if (joined == word || note_mark) {
          at = k + 1;
          found = true;
          break;
        }
        if (word.compare(0, joined.size(), joined) != 0) break;
      }
    }
    if (!found) {
      first_missing = word;
      return false;
    }
  }
  return true;
}

std::vector<fs::path> samples() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(HANDOUT_SOURCE_DIR) / "input")) {
    const auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".md" || ext == ".txt" || ext == ".wiki")) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("pdftotext gives back every word of each sample, in order, in every shipped style", "[pdf]") {
  const fs::path dir = fs::temp_directory_path() / ("handout-pdf-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const fs::path& source : samples()) {
    for (const char* style : {"default", "large-print", "a4"}) {
      DYNAMIC_SECTION(source.filename().string() << " in " << style) {
        ConvertOptions options;
        options.writer.style = style;
        Diagnostics diag(source.string());
        std::optional<Document> doc = load_document(source, options, diag);
        REQUIRE(doc);
        std::optional<Output> pdf = render_document(*doc, *find_writer("pdf"), options, diag);
        REQUIRE(pdf);
        CHECK(pdf->pages >= 1);
        const fs::path file = dir / "out.pdf";
        std::ofstream(file, std::ios::binary) << pdf->bytes;
        const std::vector<std::string> words = text::split_words(run("pdftotext -raw -enc UTF-8 '" + file.string() + "' -"));
        std::string missing;
        const bool all_there = in_order(expected_words(*doc), words, missing);
        INFO("first word not found in order: " << missing);
        CHECK(all_there);
        CHECK(diag.count(Severity::error) == 0);
      }
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("two runs with SOURCE_DATE_EPOCH give byte-identical PDFs", "[pdf]") {
  Document doc = test::markdown("# Same\n\nText with a [link](https://example.org) and a footnote[^1].\n\n[^1]: Note.\n");
  WriterOptions options;
  options.source_date_epoch = 1700000000;
  Diagnostics diag;
  const Output a = write_pdf(doc, options, diag);
  const Output b = write_pdf(doc, options, diag);
  CHECK(a.bytes == b.bytes);
  CHECK(a.bytes.find("D:20231114221320Z") != std::string::npos);  // the date comes from the epoch
}

TEST_CASE("a damaged image is left out with a warning, its description printed instead", "[pdf]") {
  const fs::path dir = fs::temp_directory_path() / ("handout-img-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "broken.png", std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDRgarbage", 24);
  std::ofstream(dir / "doc.md") << "# Images\n\n![A chart of peak flow readings](broken.png)\n\n![Outside](../secret.png)\n";
  ConvertOptions options;
  Diagnostics diag("doc.md");
  std::optional<Document> doc = load_document(dir / "doc.md", options, diag);
  REQUIRE(doc);
  std::optional<Output> pdf = render_document(*doc, *find_writer("pdf"), options, diag);
  REQUIRE(pdf);
  CHECK(test::count_messages(diag, "image 'broken.png' left out") == 1);
  CHECK(test::count_messages(diag, "image '../secret.png' left out") == 1);
  std::ofstream(dir / "out.pdf", std::ios::binary) << pdf->bytes;
  const std::string text = run("pdftotext -raw '" + (dir / "out.pdf").string() + "' -");
  CHECK(text.find("A chart of peak flow readings") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("fonts whose rebuilt data ends on libharu's stream boundary still save", "[pdf]") {
  // With exactly these characters libharu 2.3.0 rebuilds DejaVu Sans into a multiple of its
  // 4 KiB stream buffer and fails to save (error 0x1033); the writer retries with one glyph more.
  const std::u32string chars = U" ,./012579:AEIOSUWabcdefghiklmnoprstuvwxy";
  std::string text;
  for (char32_t c : chars) text += static_cast<char>(c);
  {
    const std::set<char32_t> set(chars.begin(), chars.end());
    PdfDocument pdf;
    HPDF_Font f = pdf.load_font(subset_font("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", set));
    pdf.text(pdf.add_page(612, 792), f, 12, Color{}, 72, 72, text);
    REQUIRE_THROWS_AS(pdf.save(), PdfError);  // the trap is still there in libharu...
  }
  Diagnostics diag;
  const Style style = load_style("default", diag);
  const FontSet fonts(style, diag);
  REQUIRE(fonts.face(fonts.primary({})).path() == "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
  LaidOutDocument laid;
  laid.pages.emplace_back();
  TextRun run;
  run.x = 72, run.y = 72, run.face = fonts.primary({}), run.text = text;
  laid.pages.back().runs.push_back(run);
  Document doc = test::markdown("# T\n");
  const Output out = draw_pdf(laid, doc, fonts, {}, WriterOptions{});  // ...and the writer avoids it
  CHECK(out.pages == 1);
  CHECK(out.bytes.rfind("%PDF-", 0) == 0);
}
