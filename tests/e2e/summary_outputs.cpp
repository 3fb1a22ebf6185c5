// One-page summary sheets, for every sample and every reader fixture, then a document of over 50
// handout pages and a bare document. Each sheet is converted in-process by the command line
// (`convert --to summary -v`, as a user runs it) and the assertions are made here; the real
// validators still read every file, but are started once for all of them: pdffonts (embedded,
// subset, ToUnicode), pdftotext (words and their boxes) and pdftoppm per file under xargs -P2,
// zbarimg over every rendered page (the QR code) in two processes of half the pages each, and
// qpdf --check (valid file, page count) over every file in one process (qpdf_check_many). Replaces the shell script that started a dozen processes per sample.
#include "readers/registry.hpp"
#include "text/text.hpp"
#include "unit/command_runs.hpp"
#include "unit/file_text.hpp"
#include "source_dir.hpp"

#include <catch2/catch.hpp>
#include <pugixml.hpp>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace handout;
namespace fs = std::filesystem;

namespace {

// The default style's text block on US Letter, in points (styles/default.yaml); half a point of
// slack, as pdftotext's boxes are rounded.
constexpr double kLeft = 64.8, kRight = 547.2, kTop = 57.6, kBottom = 727.2, kSlack = 0.5;

/// True for a character of Perl's \w: letters, marks, decimal digits, connector punctuation.
bool is_word_char(char32_t c) {
  const int8_t t = u_charType(static_cast<UChar32>(c));
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ALPHABETIC) || t == U_DECIMAL_DIGIT_NUMBER ||
         t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK ||
         t == U_CONNECTOR_PUNCTUATION || c == 0x200C || c == 0x200D;
}

/// The lower-case words (runs of letters and digits, any script) of text.
std::set<std::string> words_of(std::string_view text) {
  std::set<std::string> out;
  std::string word;
  for (std::size_t i = 0; i <= text.size();) {
    const std::size_t start = i;
    const bool in_word = i < text.size() && is_word_char(text::next_code_point(text, i));
    if (in_word) {
      word.append(text.substr(start, i - start));
      continue;
    }
    if (!word.empty()) out.insert(text::fold_case(word));
    word.clear();
    if (i == start) ++i;
  }
  return out;
}

/// The words of wanted that are not among the sheet's words, space-separated ("" when none).
std::string missing_words(std::string_view wanted, const std::set<std::string>& sheet) {
  std::string missing;
  for (const std::string& w : words_of(wanted)) {
    if (!sheet.count(w)) missing += (missing.empty() ? "" : " ") + w;
  }
  return missing;
}

/// The paragraphs of info/abstract[@role=role] in tree, whitespace collapsed, blank ones left out.
std::vector<std::string> recorded(const pugi::xml_document& tree, const std::string& role) {
  std::vector<std::string> out;
  const std::string xpath = "//*[local-name()='abstract' and @role='" + role + "']/*[local-name()='para']";
  for (const pugi::xpath_node& p : tree.select_nodes(xpath.c_str())) {
    const std::string text = text::collapse_whitespace(pugi::xpath_query("string(.)").evaluate_string(p.node()));
    if (!text.empty()) out.push_back(text);
  }
  return out;
}

/// The first n space-separated fields of s.
std::string first_fields(const std::string& s, int n) {
  std::istringstream in(s);
  std::string field, out;
  for (int i = 0; i < n && in >> field; ++i) out += (out.empty() ? "" : " ") + field;
  return out;
}

/// One PDF of the batch and what the validators said about it.
struct Pdf {
  std::string name;      ///< the source's path under the repository, or the case's name
  fs::path file;         ///< where it was written
  test::Run convert;     ///< the in-process `handout convert` that wrote it
  bool written = false;  ///< the file was there after the conversion
  std::uintmax_t bytes = 0;  ///< its size
  int qpdf_status = -1;  ///< 0 when qpdf --check passed it
  std::string qpdf;      ///< qpdf_check_many's verdict: "ok PAGES", or the failure and qpdf's output
  int pages = -1;        ///< the page count qpdf printed
  int fonts_status = -1; ///< pdffonts's exit status
  std::string fonts;     ///< pdffonts's output
  std::string bbox;      ///< pdftotext -bbox's XHTML
  std::string text;      ///< pdftotext's text
  std::vector<std::string> qr;  ///< what zbarimg decoded on the page rendered at 150 dpi, one entry per symbol
  bool rendered = false;        ///< zbarimg read the rendered page
};

/// One sample's sheet: its PDF and what its tree recorded.
struct SampleSheet {
  Pdf pdf;
  std::vector<std::string> key_points;  ///< info/abstract key-points paragraphs
  std::vector<std::string> safety;      ///< info/abstract safety paragraphs
  std::string url;                      ///< info/bibliosource, the first, normalised
};

/// Every PDF the test writes, then reads back through the validators.
struct Batch {
  fs::path dir;
  std::vector<SampleSheet> samples;
  Pdf long_handout, long_sheet, long_quiet, bare;
  std::string long_notes;  ///< -v's notes for the long document's sheet
};

/// The sources of the samples (input/) and the reader fixtures (tests/readers/), sorted: every
/// file with an extension a reader claims.
std::vector<fs::path> sources() {
  const std::vector<std::string> exts = source_extensions();
  std::vector<fs::path> out;
  for (const char* under : {"input", "tests/readers"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(handout::test::source_dir()) / under)) {
      const std::string name = e.path().filename().string();
      const bool claimed = std::any_of(exts.begin(), exts.end(), [&](const std::string& x) {
        return name.size() >= x.size() && name.compare(name.size() - x.size(), x.size(), x) == 0;
      });
      if (e.is_regular_file() && claimed) out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// The markdown of a document of over 50 handout pages with seven long key points.
std::string long_markdown() {
  std::string md = "---\ntitle: A long sample document\nsource: https://example.org/sample/long-document\nkey-points:\n";
  std::string more;
  for (int i = 0; i < 20; ++i) more += " and on, saying more";
  for (int i = 1; i <= 7; ++i) md += "  - Key point " + std::to_string(i) + " is a sample sentence. It goes on" + more + ".\n";
  md += "---\n\nSample material written to test the handout program.\n\n";
  std::string fill;
  for (int i = 0; i < 15; ++i) fill += "Ordinary sample words fill the page here. ";
  for (int s = 1; s <= 60; ++s) {
    md += "## Part " + std::to_string(s) + "\n\n";
    for (int p = 1; p <= 7; ++p) {
      md += "A **word" + std::to_string(s) + "x" + std::to_string(p) + "** is a made-up term for this sample. " + fill + "\n\n";
    }
  }
  return md;
}

/// Runs `handout convert SOURCE ARGS... -o OUT` in-process; the PDF is named by the batch index.
Pdf convert(const std::string& name, const fs::path& source, const fs::path& out, std::vector<const char*> args) {
  Pdf pdf;
  pdf.name = name;
  pdf.file = out;
  const std::string src = source.string(), file = out.string();
  args.insert(args.begin(), {"convert", src.c_str()});
  args.insert(args.end(), {"-o", file.c_str()});
  pdf.convert = test::run(args);
  return pdf;
}

/// Runs the validators over every PDF in dir (two at a time), then zbarimg once over all pages.
void validate(const fs::path& dir) {
  // ctest names qpdf_check_many in the environment (no absolute path in this file's compile).
  const char* qpdf_check_many = std::getenv("QPDF_CHECK_MANY");
  REQUIRE(qpdf_check_many != nullptr);
  const std::string per_file =
      "f=$1; pdffonts \"$f\" > \"$f.fonts\" 2>&1; echo $? > \"$f.fonts.rc\"; "
      "pdftotext -bbox \"$f\" \"$f.bbox\"; pdftotext \"$f\" \"$f.txt\"; "
      "pdftoppm -r 150 -gray -singlefile -f 1 -l 1 \"$f\" \"$f\"; true";
  // A file a validator cannot read is seen in its results, so the per-file script always
  // succeeds. zbarimg takes about 0.15 s a page: two processes, each over half of the pages, one
  // XML file each (its exit status says only whether any page had a code).
  const std::string command = "cd '" + dir.string() + "' && ls *.pdf | xargs -P2 -n1 sh -c '" + per_file +
                              "' _ && n=$(ls | grep -c pgm$); ls | grep pgm$ | xargs -r -P2 -n $(((n + 2) / 2)) "
                              "sh -c 'zbarimg --xml -q \"$@\" > qr-$$.xml 2> /dev/null; true' _; '" +
                              std::string(qpdf_check_many) + "' --show-npages *.pdf > qpdf.out; true";
  // The per-file script holds no single quote, so it goes inside one.
  REQUIRE(per_file.find('\'') == std::string::npos);
  REQUIRE(std::system(command.c_str()) == 0);
}

/// What qpdf_check_many printed (qpdf.out in dir), by file name: "ok PAGES" or "FAILED (exit N)"
/// and qpdf's lines.
std::map<std::string, std::string> qpdf_verdicts(const fs::path& dir) {
  std::map<std::string, std::string> out;
  std::istringstream in(test::file_text(dir / "qpdf.out"));
  std::string line, current;
  while (std::getline(in, line)) {
    const std::size_t colon = line.find(".pdf: ");
    // A verdict line starts with the bare file name; qpdf's own lines ("WARNING: 001.pdf: ...") do not.
    if (colon != std::string::npos && line.find_first_of(" /") > colon) {
      current = line.substr(0, colon + 4);
      out[current] = line.substr(colon + 6);
    } else if (!current.empty()) {
      out[current] += "\n" + line;
    }
  }
  return out;
}

/// Fills pdf with what the validators wrote next to its file.
void read_results(Pdf& pdf, const std::map<std::string, std::vector<std::string>>& qr,
                  const std::map<std::string, std::string>& qpdf) {
  const std::string f = pdf.file.string();
  pdf.written = fs::exists(pdf.file);
  if (!pdf.written) return;
  pdf.bytes = fs::file_size(pdf.file);
  const auto verdict = qpdf.find(pdf.file.filename().string());
  if (verdict != qpdf.end()) {
    pdf.qpdf = verdict->second;
    // "ok PAGES" when qpdf --check exits 0.
    if (pdf.qpdf.rfind("ok ", 0) == 0) {
      pdf.qpdf_status = 0;
      pdf.pages = std::atoi(pdf.qpdf.c_str() + 3);
    }
  }
  pdf.fonts = test::file_text(f + ".fonts");
  pdf.fonts_status = std::atoi(test::file_text(f + ".fonts.rc").c_str());
  pdf.bbox = test::file_text(f + ".bbox");
  pdf.text = test::file_text(f + ".txt");
  const auto it = qr.find(pdf.file.filename().string() + ".pgm");
  pdf.rendered = it != qr.end();
  if (pdf.rendered) pdf.qr = it->second;
}

/// What zbarimg decoded (its qr-*.xml files in dir), by image file name.
std::map<std::string, std::vector<std::string>> decoded(const fs::path& dir) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("qr-", 0) != 0 || e.path().extension() != ".xml") continue;
    pugi::xml_document xml;
    INFO(name);
    REQUIRE(xml.load_file(e.path().c_str()));
    for (pugi::xml_node source : xml.child("barcodes").children("source")) {
      std::vector<std::string>& symbols = out[source.attribute("href").as_string()];
      for (const pugi::xpath_node& d : source.select_nodes(".//data")) symbols.push_back(d.node().child_value());
    }
  }
  return out;
}

/// Converts everything once (the first test case to ask), runs the validators, reads their results.
const Batch& batch() {
  static const Batch b = [] {
    INFO("needs pdffonts, pdftotext, pdftoppm (poppler-utils) and zbarimg (zbar-tools)");
    REQUIRE(std::system("command -v pdffonts && command -v pdftotext && command -v pdftoppm && command -v zbarimg"
                        " > /dev/null") == 0);
    ::setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
    Batch b;
    b.dir = fs::temp_directory_path() / ("handout-summary-" + std::to_string(::getpid()));
    fs::remove_all(b.dir);
    fs::create_directories(b.dir);
    // The folder goes when the batch is done or a REQUIRE stops it (HANDOUT_KEEP_SUMMARIES=1 keeps it).
    struct Remove {
      fs::path dir;
      ~Remove() {
        std::error_code ec;
        if (!std::getenv("HANDOUT_KEEP_SUMMARIES")) fs::remove_all(dir, ec);
      }
    } remove{b.dir};
    int n = 0;
    for (const fs::path& source : sources()) {
      char index[16];
      std::snprintf(index, sizeof index, "%03d", n++);
      SampleSheet s;
      s.pdf = convert(fs::relative(source, handout::test::source_dir()).string(), source, b.dir / (std::string(index) + ".pdf"),
                      {"--to", "summary", "-v"});
      const fs::path tree_file = b.dir / (std::string(index) + ".xml");
      test::run({"convert", source.c_str(), "--to", "docbook", "-o", tree_file.c_str()});
      pugi::xml_document tree;
      tree.load_file(tree_file.c_str());
      s.key_points = recorded(tree, "key-points");
      s.safety = recorded(tree, "safety");
      s.url = text::collapse_whitespace(pugi::xpath_query(
          "normalize-space((//*[local-name()='info']/*[local-name()='bibliosource'])[1])").evaluate_string(tree));
      b.samples.push_back(std::move(s));
    }
    const fs::path long_md = b.dir / "long.md", bare_md = b.dir / "bare.md";
    std::ofstream(long_md) << long_markdown();
    std::ofstream(bare_md) << "---\ntitle: Just two paragraphs\nsource: https://example.org/sample/bare\n---\n\n"
                              "This sample note has nothing but prose. It says very little.\n\nA second paragraph follows.\n";
    b.long_handout = convert("long document, handout", long_md, b.dir / "long.pdf", {});
    b.long_sheet = convert("long document, sheet", long_md, b.dir / "long.sheet.pdf", {"--to", "summary", "-v"});
    b.long_quiet = convert("long document, sheet without -v", long_md, b.dir / "quiet.pdf", {"--to", "summary"});
    // The .summary.pdf name alone chooses the summary writer.
    b.bare = convert("bare document", bare_md, b.dir / "bare.summary.pdf", {});
    validate(b.dir);
    const auto qr = decoded(b.dir);
    const auto qpdf = qpdf_verdicts(b.dir);
    for (SampleSheet& s : b.samples) read_results(s.pdf, qr, qpdf);
    for (Pdf* p : {&b.long_handout, &b.long_sheet, &b.long_quiet, &b.bare}) read_results(*p, qr, qpdf);
    return b;
  }();
  return b;
}

/// The words of the page, as pdftotext reads them.
std::set<std::string> sheet_words(const Pdf& pdf) { return words_of(pdf.text); }

/// Every word box of the PDF (pdftotext -bbox) outside the text block, one per line ("" when none).
std::string outside_margins(const Pdf& pdf) {
  pugi::xml_document xml;
  if (!xml.load_string(pdf.bbox.c_str())) return "pdftotext -bbox gave no XHTML";
  std::string out;
  std::size_t words = 0;
  for (const pugi::xpath_node& w : xml.select_nodes("//word")) {
    ++words;
    const pugi::xml_node n = w.node();
    const double x0 = n.attribute("xMin").as_double(), y0 = n.attribute("yMin").as_double();
    const double x1 = n.attribute("xMax").as_double(), y1 = n.attribute("yMax").as_double();
    if (x0 < kLeft - kSlack || x1 > kRight + kSlack || y0 < kTop - kSlack || y1 > kBottom + kSlack) {
      out += std::string(n.child_value()) + " (" + std::to_string(x0) + " " + std::to_string(y0) + " " +
             std::to_string(x1) + " " + std::to_string(y1) + ")\n";
    }
  }
  if (words == 0) return "no words at all";
  return out;
}

/// The rows of pdffonts whose font is not embedded, subset and with ToUnicode ("" when all are;
/// "no fonts" when there is none).
std::string bad_fonts(const Pdf& pdf) {
  std::istringstream in(pdf.fonts);
  std::string line, bad;
  int row = 0;
  while (std::getline(in, line)) {
    if (++row <= 2) continue;  // the header and the rule
    std::vector<std::string> f;
    std::istringstream cols(line);
    for (std::string c; cols >> c;) f.push_back(c);
    if (f.size() < 5) continue;
    // Columns from the right: object id, generation, uni, sub, emb.
    const std::size_t n = f.size();
    if (f[n - 3] != "yes" || f[n - 4] != "yes" || f[n - 5] != "yes") bad += line + "\n";
  }
  if (row <= 2) return "no fonts";
  return bad;
}

/// Checks what every sheet must be: converted, one page, valid, fonts, margins, under 80 KB.
void check_one_valid_page(const Pdf& pdf) {
  INFO(pdf.name << "\n" << pdf.convert.err);
  CHECK(pdf.convert.status == 0);
  CHECK(pdf.written);
  if (!pdf.written) return;
  CHECK(pdf.bytes < 80000);
  INFO("qpdf --check --show-npages: " << pdf.qpdf);
  CHECK(pdf.qpdf_status == 0);
  CHECK(pdf.pages == 1);
  INFO("pdffonts:\n" << pdf.fonts);
  CHECK(pdf.fonts_status == 0);
  CHECK(bad_fonts(pdf) == "");
  CHECK(outside_margins(pdf) == "");
}

/// True when the notes say it.
bool said(const std::string& notes, const std::string& what) { return notes.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("every sample's and reader fixture's sheet converts to one valid page, fonts embedded, inside the margins, under 80 KB",
          "[summary-outputs]") {
  const Batch& b = batch();
  REQUIRE(b.samples.size() > 10);
  for (const SampleSheet& s : b.samples) check_one_valid_page(s.pdf);
}

TEST_CASE("the key points and safety items the tree chose are on the sheet unless -v says they were left out",
          "[summary-outputs]") {
  const Batch& b = batch();
  for (const SampleSheet& s : b.samples) {
    const std::string& notes = s.pdf.convert.err;
    const std::set<std::string> words = sheet_words(s.pdf);
    INFO(s.pdf.name << "\n" << notes);
    if (!s.pdf.written) continue;
    for (std::size_t i = 1; i <= std::min<std::size_t>(s.key_points.size(), 7); ++i) {
      const std::string n = std::to_string(i);
      if (said(notes, "left out key point " + n + ":")) continue;
      // A key point cut to its first sentence keeps its first words.
      std::string point = s.key_points[i - 1];
      if (said(notes, "left out key point " + n + " after")) point = first_fields(point, 5);
      INFO("key point " << i << ": " << point);
      CHECK(missing_words(point, words) == "");
    }
    // The safety block: every danger sign the tree chose is on the sheet unless it was left out.
    if (!said(notes, "left out safety item")) {
      for (std::size_t i = 0; i < s.safety.size(); ++i) {
        INFO("safety item " << i + 1 << ": " << s.safety[i]);
        CHECK(missing_words(s.safety[i], words) == "");
      }
    }
    if (!s.safety.empty()) CHECK(said(s.pdf.text, "When to get help"));
  }
}

TEST_CASE("the QR code decodes to the source URL, and there is none without one", "[summary-outputs]") {
  const Batch& b = batch();
  for (const SampleSheet& s : b.samples) {
    INFO(s.pdf.name << ": source URL '" << s.url << "'");
    if (!s.pdf.written) continue;
    CHECK(s.pdf.rendered);
    if (s.url.empty()) {
      CHECK(s.pdf.qr.empty());
    } else {
      CHECK(s.pdf.qr == std::vector<std::string>{s.url});
    }
  }
}

TEST_CASE("a document of over 50 handout pages gives one page at 11 pt or more; -v says what was left out",
          "[summary-outputs]") {
  const Batch& b = batch();
  INFO(b.long_handout.qpdf);
  CHECK(b.long_handout.convert.status == 0);
  CHECK(b.long_handout.pages > 50);
  check_one_valid_page(b.long_sheet);
  const std::string& notes = b.long_sheet.convert.err;
  INFO(notes);
  const std::string mark = "summary sheet: type set at ";
  const std::size_t at = notes.find(mark);
  REQUIRE(at != std::string::npos);
  CHECK(std::atof(notes.c_str() + at + mark.size()) >= 11);
  CHECK(said(notes, "summary sheet: left out "));
  CHECK(b.long_quiet.convert.status == 0);
  CHECK_FALSE(said(b.long_quiet.convert.err + b.long_quiet.convert.out, "left out"));
  CHECK(b.long_sheet.qr == std::vector<std::string>{"https://example.org/sample/long-document"});
}

TEST_CASE("a bare document's sheet has its title, its first sentences and its source, on one page",
          "[summary-outputs]") {
  const Batch& b = batch();
  INFO(b.bare.text);
  check_one_valid_page(b.bare);
  CHECK(said(b.bare.text, "Just two paragraphs"));
  CHECK(said(b.bare.text, "This sample note has nothing but prose"));
  CHECK(said(b.bare.text, "https://example.org/sample/bare"));
}
