// The PDF handout checked by poppler's pdftotext: every word of the tree, in order.
#include "batch/job.hpp"
#include "text/text.hpp"
#include "test_support.hpp"
#include "layout/fonts.hpp"
#include "writers/pdf/font_subset.hpp"
#include "writers/pdf/pdf.hpp"
#include "writers/pdf/pdf_document.hpp"

#include <catch2/catch.hpp>

#include "command_runs.hpp"
#include "source_dir.hpp"
#include <hb.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <memory>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace handout;
namespace fs = std::filesystem;

namespace {


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
  for (const auto& e : fs::recursive_directory_iterator(fs::path(handout::test::source_dir()) / "input")) {
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
        const std::vector<std::string> words = text::split_words(handout::test::shell_output("pdftotext -raw -enc UTF-8 '" + file.string() + "' -"));
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
  const std::string text = handout::test::shell_output("pdftotext -raw '" + (dir / "out.pdf").string() + "' -");
  CHECK(text.find("A chart of peak flow readings") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("font subsets hold only the tables libharu embeds, with a non-empty prep", "[pdf]") {
  // libharu 2.3.0 failed to save (0x1033) when a font's last table, 'prep', was empty and the
  // tables before it ended exactly at a multiple of 4,096 bytes (one PDF in a hundred of the
  // benchmark corpus). Subsets therefore always carry a small 'prep'; tables libharu drops
  // (GSUB, GPOS...) are not subset at all.
  const fs::path bold = find_font_file("DejaVu Sans", true, false);
  REQUIRE(!bold.empty());
  const std::string text = " ()018:AFHKLQSTWabcdefghiklmnoprstuvwy";
  const std::string bytes = subset_font(bold, std::set<char32_t>(text.begin(), text.end()));
  hb_blob_t* blob = hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_blob_t* prep = hb_face_reference_table(face, HB_TAG('p', 'r', 'e', 'p'));
  CHECK(hb_blob_get_length(prep) > 0);
  hb_blob_destroy(prep);
  for (const hb_tag_t dropped : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F')}) {
    hb_blob_t* table = hb_face_reference_table(face, dropped);
    CHECK(hb_blob_get_length(table) == 0);
    hb_blob_destroy(table);
  }
  hb_face_destroy(face);
  hb_blob_destroy(blob);

  PdfDocument pdf;
  const HPDF_Font font = pdf.load_font(bytes);
  const HPDF_Page page = pdf.add_page(612, 792);
  pdf.text(page, font, 12, Color{}, 72, 72, text);
  const fs::path file = fs::temp_directory_path() / "handout-subset-tables.pdf";
  std::ofstream(file, std::ios::binary) << pdf.save();
  CHECK(handout::test::shell_output("pdftotext -enc UTF-8 " + file.string() + " -").find(text.substr(1)) != std::string::npos);
  fs::remove(file);
}

TEST_CASE("text whose 2-byte codes hold parentheses, backslash, CR or LF bytes comes back whole", "[pdf]") {
  // Text is written as a literal string of 2-byte codes: "(" ")" "\\" must be escaped, and a
  // bare CR (U+010D is 01 0D) would be read as LF. Each of these characters has such a byte.
  const std::string text = "a) b\\c (\u0128\u0129 \u015C \u010A \u010D done";
  std::set<char32_t> chars;
  for (std::size_t i = 0; i < text.size();) chars.insert(text::next_code_point(text, i));
  PdfDocument pdf;
  const HPDF_Font font = pdf.load_font(subset_font("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", chars));
  pdf.text(pdf.add_page(612, 792), font, 12, Color{}, 72, 72, text);
  const fs::path file = fs::temp_directory_path() / ("handout-escapes-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf.save();
  CHECK(handout::test::shell_output("qpdf --check " + file.string() + " >/dev/null 2>&1; echo $?") == "0\n");
  CHECK(handout::test::shell_output("pdftotext -raw -enc UTF-8 " + file.string() + " -").find(text) != std::string::npos);
  fs::remove(file);
}

TEST_CASE("each string is shown in its own font, size and colour when unchanged settings are not repeated", "[pdf]") {
  // The writer sets font, size and fill colour only when they differ from the last text on the
  // page; q...Q around rectangles and images restores them. Read the content streams back (qpdf
  // uncompresses them) and replay rg, Tf, q and Q to see what each string was shown in.
  const std::string text = "abcdefgh";
  const std::set<char32_t> chars(text.begin(), text.end());
  PdfDocument pdf;
  const HPDF_Font regular = pdf.load_font(subset_font("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", chars));
  const HPDF_Font bold = pdf.load_font(subset_font("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", chars));
  const Color red{1, 0, 0}, blue{0, 0, 1}, black{};
  const HPDF_Page one = pdf.add_page(612, 792);
  const HPDF_Page two = pdf.add_page(612, 792);
  pdf.text(one, regular, 12, red, 72, 72, "a");
  pdf.rect(one, 72, 100, 50, 20, &blue, nullptr, 0);
  pdf.text(one, regular, 12, red, 72, 130, "b");
  pdf.text(one, regular, 12, black, 72, 160, "c");
  pdf.text(one, bold, 12, black, 72, 190, "d");
  pdf.text(one, bold, 10, black, 72, 220, "e");
  pdf.text(two, bold, 10, black, 72, 72, "f");
  pdf.text(one, bold, 10, red, 72, 250, "g");
  pdf.text(two, regular, 10, black, 72, 100, "h");
  const fs::path file = fs::temp_directory_path() / ("handout-state-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf.save();
  const std::string qdf = handout::test::shell_output("qpdf --qdf --object-streams=disable " + file.string() + " -");
  fs::remove(file);

  std::vector<std::string> shown;  // "page string font size colour" for each Tj
  for (int page = 1; page <= 2; ++page) {
    const std::size_t at = qdf.find("%% Contents for page " + std::to_string(page));
    REQUIRE(at != std::string::npos);
    const std::size_t start = qdf.find("stream\n", at) + 7;
    const std::string content = qdf.substr(start, qdf.find("endstream", start) - start);
    struct State {
      std::string font = "?", size = "?", colour = "?";
    };
    std::vector<State> stack{State{}};
    std::vector<std::string> operands;
    std::istringstream in(content);
    for (std::string token; in >> token;) {
      if (token == "q") {
        stack.push_back(stack.back());
      } else if (token == "Q") {
        stack.pop_back();
      } else if (token == "rg") {
        stack.back().colour = operands[0] + "," + operands[1] + "," + operands[2];
      } else if (token == "Tf") {
        stack.back().font = operands[0], stack.back().size = operands[1];
      } else if (token == "Tj") {
        const State& st = stack.back();
        const std::string& string = operands.back();  // qpdf writes it in hex: "<0061>"
        const char letter = static_cast<char>(std::stoi(string.substr(string.size() - 3, 2), nullptr, 16));
        shown.push_back(std::to_string(page) + " " + letter + " " + st.font + " " + st.size + " " + st.colour);
      }
      if (token == "q" || token == "Q" || token == "rg" || token == "Tf" || token == "Tj" || token == "BT" ||
          token == "ET" || token == "Td" || token == "re" || token == "f") {
        operands.clear();
      } else {
        operands.push_back(token);
      }
    }
  }
  // libharu names a page's fonts /F1, /F2... in the order the page first uses them.
  CHECK(shown == std::vector<std::string>{"1 a /F1 12 1,0,0", "1 b /F1 12 1,0,0", "1 c /F1 12 0,0,0",
                                          "1 d /F2 12 0,0,0", "1 e /F2 10 0,0,0", "1 g /F2 10 1,0,0",
                                          "2 f /F1 10 0,0,0", "2 h /F2 10 0,0,0"});
}

TEST_CASE("libharu's font files are read through the memory reader; a missing file is its open error", "[pdf]") {
  // HPDF_FileReader_New is replaced (pdf_document.cpp): one read into a memory stream instead
  // of stdio with a seek before every read. Failures must stay libharu's own errors.
  HPDF_Doc doc = HPDF_New(nullptr, nullptr);
  REQUIRE(doc);
  CHECK(HPDF_LoadTTFontFromFile(doc, "/nonexistent/handout-font.ttf", HPDF_TRUE) == nullptr);
  CHECK(HPDF_GetError(doc) == HPDF_FILE_OPEN_ERROR);
  HPDF_ResetError(doc);
  CHECK(HPDF_LoadTTFontFromFile(doc, "/usr/share/fonts/truetype/dejavu", HPDF_TRUE) == nullptr);  // a folder
  CHECK(HPDF_GetError(doc) != HPDF_OK);
  HPDF_ResetError(doc);
  const char* name = HPDF_LoadTTFontFromFile(doc, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", HPDF_TRUE);
  REQUIRE(name != nullptr);
  CHECK(std::string(name) == "DejaVuSans,Book");  // libharu names it family,style
  HPDF_Free(doc);
}

TEST_CASE("fonts whose rebuilt data ends on libharu's stream boundary still save", "[pdf]") {
  // With exactly these characters libharu 2.3.0 rebuilt DejaVu Sans into a multiple of its
  // 4 KiB stream buffer and failed to save (error 0x1033) when the subset had no 'prep' table.
  // Subsets now carry one, so they save at once; the writer still retries with one glyph more.
  const std::u32string chars = U" ,./012579:AEIOSUWabcdefghiklmnoprstuvwxy";
  std::string text;
  for (char32_t c : chars) text += static_cast<char>(c);
  {
    const std::set<char32_t> set(chars.begin(), chars.end());
    PdfDocument pdf;
    HPDF_Font f = pdf.load_font(subset_font("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", set));
    pdf.text(pdf.add_page(612, 792), f, 12, Color{}, 72, 72, text);
    REQUIRE_NOTHROW(pdf.save());  // the subset's 'prep' keeps libharu clear of the trap...
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

namespace {

/// Converts the source file to a PDF handout written beside it as NAME.pdf; returns that path.
fs::path handout_pdf_of(const fs::path& source) {
  ConvertOptions options;
  Diagnostics diag(source.filename().string());
  std::optional<Document> doc = load_document(source, options, diag);
  REQUIRE(doc);
  std::optional<Output> pdf = render_document(*doc, *find_writer("pdf"), options, diag);
  REQUIRE(pdf);
  fs::path out = source;
  out.replace_extension(".pdf");
  std::ofstream(out, std::ios::binary) << pdf->bytes;
  return out;
}

}  // namespace

TEST_CASE("Indic clusters read back whole: ActualText spans, none for plain text", "[pdf]") {
  const fs::path dir = fs::temp_directory_path() / ("handout-actual-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // Sample words: Hindi "drink water and rest", Bengali "thirst".
  const std::string hindi = "\u092A\u093E\u0928\u0940 \u092A\u093F\u090F\u0901 \u0914\u0930 \u0906\u0930\u093E\u092E "
                            "\u0915\u0930\u0947\u0902";
  const std::string bengali = "\u09A4\u09C3\u09B7\u09CD\u09A3\u09BE";
  std::ofstream(dir / "doc.md") << "---\ntitle: Sample\nlang: hi\n---\n\n" << hindi << "\n\n" << bengali << "\n\nplain words\n";
  const fs::path indic = handout_pdf_of(dir / "doc.md");
  const std::string text = handout::test::shell_output("pdftotext -enc UTF-8 '" + indic.string() + "' -");
  CHECK(text.find(hindi) != std::string::npos);
  CHECK(text.find(bengali) != std::string::npos);
  // Spans for the Hindi and Bengali paragraphs (and the Hindi page footer); none in English.
  auto spans_in = [&](const fs::path& file) {
    return std::stoi(handout::test::shell_output("qpdf --qdf --object-streams=disable '" + file.string() +
                                                 "' - | grep -ac '/ActualText' || true"));
  };
  CHECK(spans_in(indic) >= 2);
  std::ofstream(dir / "en.md") << "---\ntitle: Sample\n---\n\nplain words, caf\u00E9 and na\u00EFve\n";
  CHECK(spans_in(handout_pdf_of(dir / "en.md")) == 0);
  fs::remove_all(dir);
}

TEST_CASE("Arabic reads back in logical order: marks after their letter, Latin runs apart", "[pdf]") {
  const fs::path dir = fs::temp_directory_path() / ("handout-arabic-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // Sample sentences: "written (with a damma) for testing, usually (a tanwin on a final ta
  // marbuta, drawn near its letter's start)", "take paracetamol 500 mg every 6 hours and do
  // not pass 3000 mg a day".
  const std::string marked = "\u0643\u064F\u062A\u0628\u062A \u0644\u0644\u0627\u062E\u062A\u0628\u0627\u0631 "
                             "\u0639\u0627\u062F\u0629\u064B";
  const std::string mixed = "\u062A\u0646\u0627\u0648\u0644 paracetamol 500 mg \u0643\u0644 6 \u0633\u0627\u0639\u0627\u062A "
                            "\u0648\u0644\u0627 \u062A\u062A\u062C\u0627\u0648\u0632 3000 mg \u0641\u064A "
                            "\u0627\u0644\u064A\u0648\u0645";
  std::ofstream(dir / "ar.md") << "---\ntitle: \u0646\u0645\u0648\u0630\u062C\nlang: ar\n---\n\n" << marked << "\n\n" << mixed << "\n";
  std::string text = handout::test::shell_output("pdftotext -enc UTF-8 '" + handout_pdf_of(dir / "ar.md").string() + "' -");
  // pdftotext wraps runs in bidi embeddings (U+202A-202C); the writer adds right-to-left marks
  // (U+200F) to spaces. Both are invisible format characters: drop them before comparing.
  for (const char* control : {"\u202A", "\u202B", "\u202C", "\u200F"}) {
    for (std::size_t at; (at = text.find(control)) != std::string::npos;) text.erase(at, std::strlen(control));
  }
  CHECK(text.find(marked) != std::string::npos);   // was "\u064F\u0643…": the damma before its letter
  CHECK(text.find("mg \u0643\u0644") != std::string::npos);  // was "mg\u0643\u0644": glued
  CHECK(text.find("6 \u0633\u0627\u0639\u0627\u062A") != std::string::npos);
  // "3000 mg" after an Arabic word: two left-to-right runs by the bidi algorithm (the number
  // takes the Arabic side), read back in their logical order, not "mg 3000".
  CHECK(text.find("\u062A\u062A\u062C\u0627\u0648\u0632 3000 mg \u0641\u064A") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("Right-to-left paragraph lines all end at the right margin", "[pdf]") {
  const fs::path dir = fs::temp_directory_path() / ("handout-rtl-edge-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // A sample Persian paragraph long enough to wrap, opening with a bold phrase: each wrapped
  // line keeps a space after its last word (for text extraction) that is not in its width.
  std::ofstream(dir / "fa.md") << "---\ntitle: \u0646\u0645\u0648\u0646\u0647\nlang: fa\n---\n\n"
                               << "**\u0641\u0634\u0627\u0631 \u062E\u0648\u0646** "
                               << "\u062F\u0627\u0631\u0648 \u0631\u0627 \u0647\u0631 \u0631\u0648\u0632 \u0645\u0635\u0631\u0641 "
                                  "\u06A9\u0646\u06CC\u062F \u0648 \u0627\u06AF\u0631 \u0633\u0624\u0627\u0644\u06CC "
                                  "\u062F\u0627\u0631\u06CC\u062F \u0628\u0627 \u067E\u0632\u0634\u06A9 \u062E\u0648\u062F "
                                  "\u062A\u0645\u0627\u0633 \u0628\u06AF\u06CC\u0631\u06CC\u062F. "
                               << "\u062F\u0627\u0631\u0648 \u0631\u0627 \u0647\u0631 \u0631\u0648\u0632 \u0645\u0635\u0631\u0641 "
                                  "\u06A9\u0646\u06CC\u062F \u0648 \u0627\u06AF\u0631 \u0633\u0624\u0627\u0644\u06CC "
                                  "\u062F\u0627\u0631\u06CC\u062F \u0628\u0627 \u067E\u0632\u0634\u06A9 \u062E\u0648\u062F "
                                  "\u062A\u0645\u0627\u0633 \u0628\u06AF\u06CC\u0631\u06CC\u062F. "
                               << "\u062F\u0627\u0631\u0648 \u0631\u0627 \u0647\u0631 \u0631\u0648\u0632 \u0645\u0635\u0631\u0641 "
                                  "\u06A9\u0646\u06CC\u062F \u0648 \u0627\u06AF\u0631 \u0633\u0624\u0627\u0644\u06CC "
                                  "\u062F\u0627\u0631\u06CC\u062F \u0628\u0627 \u067E\u0632\u0634\u06A9 \u062E\u0648\u062F "
                                  "\u062A\u0645\u0627\u0633 \u0628\u06AF\u06CC\u0631\u06CC\u062F.\n";
  const std::string boxes = handout::test::shell_output("pdftotext -bbox '" + handout_pdf_of(dir / "fa.md").string() + "' -");
  // The right edge of each line of the body text (words of the body's type size).
  std::map<double, double> right_of_line;  // yMin -> largest xMax
  const std::regex word("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\"");
  for (auto it = std::sregex_iterator(boxes.begin(), boxes.end(), word); it != std::sregex_iterator(); ++it) {
    const double height = std::stod((*it)[4]) - std::stod((*it)[2]);
    if (height > 20) continue;  // the title
    double& right = right_of_line[std::stod((*it)[2])];
    right = std::max(right, std::stod((*it)[3]));
  }
  right_of_line.erase(right_of_line.rbegin()->first);  // the page footer, lowest on the page
  REQUIRE(right_of_line.size() >= 3);  // the paragraph wraps: lines that are neither first nor last
  const double first = right_of_line.begin()->second;
  // (pdftotext measures a glyph by its font width, not its shaped advance: within a point.)
  for (const auto& [y, right] : right_of_line) CHECK(right == Approx(first).margin(1.5));
  fs::remove_all(dir);
}
