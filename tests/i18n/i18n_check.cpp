// i18n_check: judges handout's outputs of the i18n corpus (tests/i18n/corpus) against the gold
// files. tests/i18n/run.sh converts every source once and extracts what the poppler and qpdf
// tools say into a work folder; this program reads that folder and prints PASS or FAIL per
// source and check, then a table. The rules are described in tests/i18n/README.md.
//
//   i18n_check gold|docbook|pdf|summary|epub CORPUS WORK [--enforce|--report-only] [NAME...]
//   i18n_check compare DOCBOOK HANDOUT.txt PEER=PEER.txt... [--rtl] [--enforce|--report-only]
//
// Exit status: 0 when every check passed or under --report-only (the default for all but
// `gold`, which always enforces: it checks the corpus itself); 1 when a check failed under
// --enforce; 2 on a usage error or a corpus that cannot be read.

#include "rules.hpp"

#include "batch/job.hpp"
#include "layout/summary_layout.hpp"
#include "transforms/summary_content.hpp"
#include "writers/pdf/pdf.hpp"

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <utf8proc.h>
#include <yaml-cpp/yaml.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace handout::i18n;

namespace {

// ---------------------------------------------------------------------------------------------
// Reporting: one line per check and source, then a table.

enum class Verdict { pass, fail, none };

/// The results of one check over the corpus: printed as they come, then as a table.
struct Report {
  std::string check;                    ///< i18n_docbook...
  std::vector<std::string> columns;     ///< in order of first use
  std::vector<std::string> rows;        ///< source names
  std::map<std::pair<std::string, std::string>, Verdict> cells;
  std::string row;

  void source(const Gold& g) {
    row = g.name;
    rows.push_back(row);
    std::printf("%s (%s, %s)\n", g.name.c_str(), g.language.c_str(), g.direction.c_str());
  }
  void result(const std::string& column, bool ok, const std::string& detail) {
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
    cells[{row, column}] = ok ? Verdict::pass : Verdict::fail;
    std::printf("  %s %s: %s\n", ok ? "PASS" : "FAIL", column.c_str(), detail.c_str());
  }
  void skip(const std::string& column, const std::string& why) {
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) columns.push_back(column);
    cells[{row, column}] = Verdict::none;
    std::printf("  ---- %s: %s\n", column.c_str(), why.c_str());
  }
  /// Prints the table and the totals; returns the number of failed checks.
  std::size_t finish() const {
    std::size_t width = 6;
    for (const auto& r : rows) width = std::max(width, r.size());
    std::printf("\n%-*s", static_cast<int>(width + 2), "source");
    for (const auto& c : columns) std::printf(" %-*s", static_cast<int>(std::max<std::size_t>(c.size(), 4)), c.c_str());
    std::printf("\n");
    std::size_t passed = 0, failed = 0, failed_sources = 0;
    for (const auto& r : rows) {
      std::printf("%-*s", static_cast<int>(width + 2), r.c_str());
      bool any = false;
      for (const auto& c : columns) {
        const auto it = cells.find({r, c});
        const Verdict v = it == cells.end() ? Verdict::none : it->second;
        std::printf(" %-*s", static_cast<int>(std::max<std::size_t>(c.size(), 4)),
                    v == Verdict::pass ? "PASS" : v == Verdict::fail ? "FAIL" : "-");
        if (v == Verdict::pass) ++passed;
        if (v == Verdict::fail) {
          ++failed;
          any = true;
        }
      }
      if (any) ++failed_sources;
      std::printf("\n");
    }
    std::printf("%s: %zu of %zu checks pass; %zu of %zu sources fail at least one\n", check.c_str(), passed,
                passed + failed, failed_sources, rows.size());
    return failed;
  }
};

/// The files of one output in the work folder (see run.sh).
struct Output {
  fs::path file;
  int rc = -1;  ///< handout's exit status; -1 when it was not run
  std::string err;

  bool made() const { return rc == 0 && fs::exists(file) && fs::file_size(file) > 0; }
  std::string why_not() const {
    if (rc < 0) return "not converted (run.sh convert did not run for it)";
    if (rc != 0) return "handout exited " + std::to_string(rc) + first_line(err);
    return "no output file";
  }
  static std::string first_line(const std::string& s) {
    const auto nl = s.find('\n');
    return s.empty() ? "" : ": " + s.substr(0, nl);
  }
};

/// The output file of the work folder with its exit status and stderr.
Output output_of(const fs::path& work, const std::string& file) {
  Output o;
  o.file = work / file;
  if (fs::exists(work / (file + ".rc"))) o.rc = std::atoi(read_text(work / (file + ".rc")).c_str());
  if (fs::exists(work / (file + ".err"))) o.err = read_text(work / (file + ".err"));
  return o;
}

/// Warnings of handout about fonts or glyphs (missing characters), one per line.
std::vector<std::string> glyph_warnings(const std::string& err) {
  std::vector<std::string> out;
  std::istringstream in(err);
  std::string line;
  static const std::regex re("warning:.*(font|glyph)", std::regex::icase);
  while (std::getline(in, line))
    if (std::regex_search(line, re)) out.push_back(line);
  return out;
}

/// Up to max items joined by sep, with the count of the rest.
std::string join(const std::vector<std::string>& v, const std::string& sep, std::size_t max = 4) {
  std::string s;
  for (std::size_t i = 0; i < v.size() && i < max; ++i) s += (i ? sep : "") + v[i];
  if (v.size() > max) s += sep + "\xE2\x80\xA6 (" + std::to_string(v.size()) + " in all)";
  return s;
}

/// The first n bytes of s, cut back to a whole UTF-8 character.
std::string clip(const std::string& s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "\xE2\x80\xA6";
}

/// a of b as a percentage with one decimal.
std::string percent(std::size_t a, std::size_t b) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 100.0);
  return buf;
}

// Shared checks of a text against the gold.

/// The date must be printed by handout itself: a gold form occurs in the output more often
/// than in the text the output took from the document (a byline left in the body is not it):
/// the whole DocBook text for the PDF and EPUB, the printed pieces for the summary sheet.
void check_date(Report& r, const Words& text, const Words& taken, const Gold& g) {
  for (const std::string& form : g.date_printed) {
    const Words w = words_of(form);
    if (count_runs(text, w) > count_runs(taken, w)) return r.result("date", true, "\"" + form + "\"");
  }
  r.result("date", false, "none of " + join(g.date_printed, " | ") + " printed (besides the body text)");
}

/// The text is in NFC, as the tool should have normalised its input (decomposed marks drawn
/// as separate glyphs collide).
void check_nfc(Report& r, const std::string& text) {
  const std::string normal = nfc(text);
  if (normal == text) return r.result("nfc", true, "text in NFC");
  const std::size_t composed = code_points(text).size() - code_points(normal).size();
  r.result("nfc", false, "text not in NFC (" + std::to_string(composed) + " code points compose under NFC)");
}

/// Every must_contain phrase as words in a row.
void check_phrases(Report& r, const Words& text, const Gold& g) {
  std::vector<std::string> missing;
  for (const std::string& p : g.must_contain)
    if (!contains_run(text, p)) missing.push_back("\"" + p + "\"");
  r.result("phrases", missing.empty(),
           missing.empty() ? std::to_string(g.must_contain.size()) + " of " + std::to_string(g.must_contain.size()) + " found"
                           : "missing " + join(missing, ", "));
}

/// No English label more often than in the source (non-English sources).
void check_labels(Report& r, const std::string& text, const Gold& g, const std::vector<Label>& labels) {
  if (!g.english_labels_forbidden) return r.skip("labels", "English source");
  const std::vector<std::string> found = english_labels_in(text, read_text(g.source), labels, g.language);
  r.result("labels", found.empty(), found.empty() ? "no English label" : "English: " + join(found, ", ", 8));
}

/// Body words of the DocBook output, or nullopt when there is none.
std::optional<Words> docbook_body_words(const fs::path& work, const Gold& g, std::string* whole = nullptr) {
  const Output o = output_of(work, g.name + ".xml");
  if (!o.made()) return std::nullopt;
  pugi::xml_document doc;
  if (!doc.load_file(o.file.c_str())) return std::nullopt;
  std::string text;
  body_text(doc.document_element(), text);
  if (whole) all_text(doc.document_element(), *whole);
  return words_of(text);
}

/// The expected words in order in the found ones (LCS), with the first that cannot be placed.
void check_words(Report& r, const std::string& column, const Words& expected, const Words& found, const std::string& what) {
  const std::size_t n = words_in_order(expected, found);
  std::string detail = std::to_string(n) + " of " + std::to_string(expected.size()) + " " + what + " in order (" +
                       percent(n, expected.size()) + ")";
  if (n < expected.size()) detail += "; " + first_missing(expected, found);
  r.result(column, n == expected.size() && !expected.empty(), detail);
}

// ---------------------------------------------------------------------------------------------
// The checks.

/// The gold files themselves: keys present, title, phrases and furniture quoted from the source.
int check_gold(const std::vector<Gold>& corpus, Report& r) {
  for (const Gold& g : corpus) {
    r.source(g);
    std::vector<std::string> bad = g.problems;
    const std::string source = read_text(g.source);
    const Words src = words_of(source);
    if (!g.title.empty() && !contains_run(src, g.title)) bad.push_back("title not in the source");
    for (const auto& p : g.must_contain)
      if (!contains_run(src, p)) bad.push_back("must_contain not in the source: \"" + p + "\"");
    for (const auto& p : g.furniture)
      if (!contains_run(src, p)) bad.push_back("furniture not in the source: \"" + p + "\"");
    static const std::regex iso("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    if (!std::regex_match(g.date, iso)) bad.push_back("date is not YYYY-MM-DD: " + g.date);
    if (g.date_printed.empty()) bad.push_back("no date_printed");
    if (g.direction != "ltr" && g.direction != "rtl") bad.push_back("direction is neither ltr nor rtl");
    if (parse_tag(g.language).language.size() < 2) bad.push_back("language is not a BCP 47 tag");
    if (g.must_contain.empty()) bad.push_back("no must_contain");
    if (parse_tag(g.language).language == "en" && g.english_labels_forbidden) bad.push_back("English source forbids English labels");
    if (parse_tag(g.language).language != "en" && !g.english_labels_forbidden) bad.push_back("non-English source allows English labels");
    r.result("gold", bad.empty(), bad.empty() ? "quotes its source" : join(bad, "; ", 10));
  }
  return 0;
}

/// DocBook: converted, valid, xml:lang, NFC, title, ISO date, phrases, furniture, labels.
int check_docbook(const std::vector<Gold>& corpus, const fs::path& work, const std::vector<Label>& labels, Report& r) {
  const bool jing_ran = fs::exists(work / "jing.rc");
  const std::string jing = jing_ran ? read_text(work / "jing.out") : "";
  for (const Gold& g : corpus) {
    r.source(g);
    const Output o = output_of(work, g.name + ".xml");
    if (!o.made()) {
      r.result("converted", false, o.why_not());
      continue;
    }
    r.result("converted", true, o.file.filename().string());
    if (!jing_ran) r.result("valid", false, "jing did not run");
    else {
      std::vector<std::string> errs;
      std::istringstream in(jing);
      std::string line;
      const std::string prefix = o.file.string() + ":";
      while (std::getline(in, line))
        if (line.starts_with(prefix)) errs.push_back(line.substr(prefix.size()));
      r.result("valid", errs.empty(), errs.empty() ? "jing: no error" : "jing: " + join(errs, " | ", 3));
    }
    pugi::xml_document doc;
    if (!doc.load_file(o.file.c_str())) {
      r.result("lang", false, "not well-formed XML");
      continue;
    }
    const pugi::xml_node article = doc.document_element();
    const std::string lang = article.attribute("xml:lang").as_string();
    r.result("lang", language_ok(lang, g), "xml:lang=\"" + lang + "\", gold " + g.language);
    check_nfc(r, read_text(o.file));
    const pugi::xml_node info = child_named(article, "info");
    std::string title;
    all_text(child_named(info, "title"), title);
    const bool title_ok = collapse_spaces(title) == collapse_spaces(g.title);
    r.result("title", title_ok, "\"" + collapse_spaces(title) + "\"" + (title_ok ? "" : ", gold \"" + g.title + "\""));
    std::vector<std::string> dates;
    for (const auto& x : info.select_nodes(".//*[local-name()='date' or local-name()='pubdate']")) dates.push_back(x.node().text().get());
    const bool date_ok = std::any_of(dates.begin(), dates.end(), [&](const std::string& d) { return d.substr(0, 10) == g.date; });
    r.result("date", date_ok, (dates.empty() ? std::string("no date") : "dates " + join(dates, ", ")) + ", gold " + g.date);
    std::string whole;
    all_text(article, whole);
    const Words text = words_of(whole);
    check_phrases(r, text, g);
    if (g.furniture.empty()) r.skip("furniture", "no furniture in the source");
    else {
      std::vector<std::string> left;
      for (const std::string& f : g.furniture)
        if (contains_run(text, f)) left.push_back("\"" + f + "\"");
      r.result("furniture", left.empty(),
               left.empty() ? std::to_string(g.furniture.size()) + " lines removed" : "kept " + join(left, ", "));
    }
    check_labels(r, whole, g, labels);
  }
  return 0;
}

/// /Lang of the catalog in qpdf's JSON (version 2) of a PDF.
std::optional<std::string> pdf_lang(const fs::path& json_file, std::string& why) {
  try {
    const nlohmann::json j = nlohmann::json::parse(read_text(json_file));
    const auto& objects = j.at("qpdf").at(1);
    const std::string root = objects.at("trailer").at("value").at("/Root").get<std::string>();
    const auto& catalog = objects.at("obj:" + root).at("value");
    if (!catalog.contains("/Lang")) {
      why = "no /Lang in the catalog";
      return std::nullopt;
    }
    std::string v = catalog.at("/Lang").get<std::string>();
    if (v.starts_with("u:")) return v.substr(2);
    if (v.starts_with("b:")) {  // hex; UTF-16BE with a byte-order mark, else PDFDocEncoding (ASCII here)
      std::string bytes;
      for (std::size_t i = 2; i + 1 < v.size(); i += 2) bytes += static_cast<char>(std::stoi(v.substr(i, 2), nullptr, 16));
      if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE && static_cast<unsigned char>(bytes[1]) == 0xFF) {
        std::string out;
        for (std::size_t i = 2; i + 1 < bytes.size(); i += 2)
          append_utf8(out, (static_cast<unsigned char>(bytes[i]) << 8) | static_cast<unsigned char>(bytes[i + 1]));
        return out;
      }
      return bytes;
    }
    return v;
  } catch (const std::exception& e) {
    why = std::string("cannot read qpdf's JSON: ") + e.what();
    return std::nullopt;
  }
}

/// Fonts pdffonts lists that are not embedded or have no ToUnicode map; "no fonts" when none.
std::vector<std::string> font_problems(const std::string& pdffonts) {
  std::vector<std::string> out;
  std::istringstream in(pdffonts);
  std::string line;
  int n = 0, rows = 0;
  while (std::getline(in, line)) {
    if (++n <= 2 || line.empty()) continue;  // header and rule
    ++rows;
    std::istringstream cols(line);
    std::vector<std::string> c;
    std::string x;
    while (cols >> x) c.push_back(x);
    if (c.size() < 6) continue;
    // From the right: object id, generation, uni, sub, emb.
    const std::string& emb = c[c.size() - 5];
    const std::string& uni = c[c.size() - 3];
    if (emb != "yes") out.push_back(c[0] + " not embedded");
    if (uni != "yes") out.push_back(c[0] + " without ToUnicode");
  }
  if (rows == 0) out.push_back("no fonts");
  return out;
}

/// The checks both PDF kinds share: no U+FFFD, no missing-glyph warning, /Lang, fonts, date, labels.
/// taken: the words the PDF took from the document (for the date check).
void check_pdf_common(Report& r, const Output& o, const std::string& text, const Words& taken, const Gold& g,
                      const std::vector<Label>& labels) {
  std::size_t replacement = 0;
  for (utf8proc_int32_t c : code_points(text)) replacement += c == 0xFFFD;
  check_nfc(r, text);
  r.result("fffd", replacement == 0, replacement == 0 ? "no U+FFFD in the text" : std::to_string(replacement) + " U+FFFD in the text");
  const std::vector<std::string> warnings = glyph_warnings(o.err);
  r.result("glyphs", warnings.empty(), warnings.empty() ? "no font or glyph warning" : std::to_string(warnings.size()) + " warnings: " + join(warnings, " | ", 2));
  std::string why;
  const std::optional<std::string> lang = pdf_lang(fs::path(o.file.string() + ".json"), why);
  if (!lang) r.result("lang", false, why + ", gold " + g.language);
  else r.result("lang", language_ok(*lang, g), "/Lang (" + *lang + "), gold " + g.language);
  const fs::path fonts = o.file.string() + ".fonts";
  if (!fs::exists(fonts)) r.result("fonts", false, "pdffonts did not run");
  else {
    const std::vector<std::string> bad = font_problems(read_text(fonts));
    r.result("fonts", bad.empty(), bad.empty() ? "every font embedded, with ToUnicode" : join(bad, ", "));
  }
  check_date(r, words_of(text), taken, g);
  check_labels(r, text, g, labels);
}

/// PDF handout: words in order, visual order (RTL), NFC, U+FFFD, glyph warnings, /Lang, fonts,
/// date, labels, phrases.
int check_pdf(const std::vector<Gold>& corpus, const fs::path& work, const std::vector<Label>& labels, Report& r) {
  for (const Gold& g : corpus) {
    r.source(g);
    const Output o = output_of(work, g.name + ".pdf");
    if (!o.made()) {
      r.result("converted", false, o.why_not());
      continue;
    }
    r.result("converted", true, o.file.filename().string());
    const std::string text = read_text(o.file.string() + ".txt");
    std::string docbook_text;
    const std::optional<Words> body = docbook_body_words(work, g, &docbook_text);
    if (!body) r.result("words", false, "no DocBook output to compare with");
    else check_words(r, "words", *body, words_of(text), "DocBook body words");
    if (g.direction != "rtl") r.skip("visual", "left-to-right source: the words check says it");
    else if (const auto visual = visual_words(o.file.string() + ".bbox.html", true); !visual || !body)
      r.result("visual", false, "no pdftotext -bbox-layout output or no DocBook");
    else {
      const Words expected = keyed(*body);
      const std::size_t n = words_in_order(expected, *visual);
      r.result("visual", n == expected.size(), std::to_string(n) + " of " + std::to_string(expected.size()) +
                                                  " DocBook body words in right-to-left visual order (" + percent(n, expected.size()) + ")");
    }
    check_pdf_common(r, o, text, words_of(docbook_text), g, labels);
    check_phrases(r, words_of(text), g);
  }
  std::printf("(page 1 of every PDF and summary sheet, at 60 dpi: %s)\n", (work.parent_path() / "i18n-pages").c_str());
  return 0;
}

/// Summary sheet: the printed pieces in order, visual order (RTL), and the PDF checks.
int check_summary(const std::vector<Gold>& corpus, const fs::path& work, const std::vector<Label>& labels, Report& r) {
  using namespace handout;
  // The summary writer's setting, as `handout convert` has it: the default style and its fonts.
  const ConvertOptions options;
  Diagnostics style_diag("style");
  const Style style = load_style(options.writer.style, style_diag);
  const FontSet fonts(style, style_diag);
  const PdfImages logo = load_style_logo(style, style_diag, options.writer);
  for (const Gold& g : corpus) {
    r.source(g);
    const Output o = output_of(work, g.name + ".summary.pdf");
    if (!o.made()) {
      r.result("converted", false, o.why_not());
      continue;
    }
    r.result("converted", true, o.file.filename().string());
    const std::string text = read_text(o.file.string() + ".txt");
    const Words found = words_of(text);
    // What the sheet says it printed (title, message, key points, questions, glossary): each
    // piece's words must come out of the PDF in order.
    Diagnostics diag(g.source.string());
    std::optional<Document> doc;
    try {
      doc = load_document(g.source, options, diag);
    } catch (const std::exception& e) {
      diag.error(Code::source_unreadable, 0, 0, e.what());
    }
    std::string pieces_text;
    if (!doc) {
      r.result("words", false, "the source does not load in-process");
    } else {
      const SummaryContent content = read_summary_content(*doc);
      const SummarySheet sheet = layout_summary(*doc, content, style, fonts, logo.sizes, diag);
      std::vector<std::string> pieces = {sheet.shown.title, sheet.shown.main_message};
      for (const auto& k : sheet.shown.key_points) pieces.push_back(k);
      for (const auto& q : sheet.shown.questions) pieces.push_back(q);
      for (const auto& e : sheet.shown.glossary) pieces.push_back(e.term + " " + e.definition);
      std::size_t total = 0, placed = 0, whole = 0, n = 0;
      std::string first_bad;
      for (const std::string& p : pieces) {
        pieces_text += p + "\n";
        const Words w = words_of(p);
        if (w.empty()) continue;
        ++n;
        const std::size_t k = words_in_order(w, found);
        total += w.size();
        placed += k;
        if (k == w.size()) ++whole;
        else if (first_bad.empty()) first_bad = "\"" + clip(p, 80) + "\": " + first_missing(w, found);
      }
      r.result("words", n > 0 && whole == n,
               std::to_string(whole) + " of " + std::to_string(n) + " printed pieces whole, " + std::to_string(placed) + " of " +
                   std::to_string(total) + " words in order (" + percent(placed, total) + ")" +
                   (first_bad.empty() ? "" : "; " + first_bad));
      if (g.direction != "rtl") r.skip("visual", "left-to-right source: the words check says it");
      else if (const auto visual = visual_words(o.file.string() + ".bbox.html", true); !visual)
        r.result("visual", false, "no pdftotext -bbox-layout output");
      else {
        std::size_t vtotal = 0, vplaced = 0;
        for (const std::string& p : pieces) {
          const Words w = keyed(words_of(p));
          vtotal += w.size();
          vplaced += words_in_order(w, *visual);
        }
        r.result("visual", vplaced == vtotal && vtotal > 0,
                 std::to_string(vplaced) + " of " + std::to_string(vtotal) + " printed words in right-to-left visual order (" +
                     percent(vplaced, vtotal) + ")");
      }
    }
    check_pdf_common(r, o, text, words_of(pieces_text), g, labels);
  }
  std::printf("(page 1 of every PDF and summary sheet, at 60 dpi: %s)\n", (work.parent_path() / "i18n-pages").c_str());
  return 0;
}

/// The entries of an EPUB (zip) that check_epub reads.
struct Epub {
  std::map<std::string, std::string> files;  ///< path in the zip -> bytes
  std::string opf_path;
  std::string error;
};

/// Reads every entry of an EPUB and finds its package document.
Epub read_epub(const fs::path& file) {
  Epub e;
  int err = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_RDONLY, &err);
  if (!z) {
    e.error = "not a zip file";
    return e;
  }
  const zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(z, static_cast<zip_uint64_t>(i), 0);
    zip_stat_t st;
    if (!name || zip_stat_index(z, static_cast<zip_uint64_t>(i), 0, &st) != 0 || st.size > (64u << 20)) continue;
    zip_file_t* f = zip_fopen_index(z, static_cast<zip_uint64_t>(i), 0);
    if (!f) continue;
    std::string bytes(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t got = bytes.empty() ? 0 : zip_fread(f, bytes.data(), st.size);
    zip_fclose(f);
    if (got == static_cast<zip_int64_t>(st.size)) e.files[name] = std::move(bytes);
  }
  zip_close(z);
  pugi::xml_document container;
  const auto it = e.files.find("META-INF/container.xml");
  if (it == e.files.end() || !container.load_string(it->second.c_str())) {
    e.error = "no META-INF/container.xml";
    return e;
  }
  e.opf_path = container.select_node("//*[local-name()='rootfile']").node().attribute("full-path").as_string();
  if (!e.files.count(e.opf_path)) e.error = "no package document " + e.opf_path;
  return e;
}

/// A manifest href resolved against the package document's folder.
std::string resolve(const std::string& base_file, const std::string& href) {
  const auto slash = base_file.rfind('/');
  std::string path = (slash == std::string::npos ? "" : base_file.substr(0, slash + 1)) + href.substr(0, href.find('#'));
  return fs::path(path).lexically_normal().generic_string();
}

/// Appends the text of an XHTML page (no head, scripts or styles), blocks separated by spaces.
void xhtml_text(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
    else if (c.type() == pugi::node_element) {
      const std::string name = local_name(c);
      if (name == "script" || name == "style" || name == "head") continue;
      static const std::set<std::string> inline_html = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em",
                                                        "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong",
                                                        "sub", "sup", "time", "u", "var", "wbr"};
      const bool block = !inline_html.count(name);
      if (block) out += ' ';
      xhtml_text(c, out);
      if (block) out += ' ';
    }
  }
}

/// EPUB: epubcheck, dc:language, lang and dir on every page, NFC, stylesheet alignment, words,
/// date, labels, phrases.
int check_epub(const std::vector<Gold>& corpus, const fs::path& work, const std::vector<Label>& labels, Report& r) {
  const bool epubcheck_ran = fs::exists(work / "epubcheck.rc");
  const std::string epubcheck = epubcheck_ran ? read_text(work / "epubcheck.out") : "";
  for (const Gold& g : corpus) {
    r.source(g);
    const Output o = output_of(work, g.name + ".epub");
    if (!o.made()) {
      r.result("converted", false, o.why_not());
      continue;
    }
    r.result("converted", true, o.file.filename().string());
    // epubcheck: EpubcheckBatch prints "ok: PATH (0 errors, 0 warnings)" or "FAILED: PATH (...)".
    if (!epubcheck_ran) r.result("epubcheck", false, "epubcheck did not run");
    else {
      std::istringstream in(epubcheck);
      std::string line, verdict, messages;
      while (std::getline(in, line)) {
        if (line.find(o.file.string()) == std::string::npos) continue;
        if (line.starts_with("ok: ") || line.starts_with("FAILED: ")) verdict = line;
        else if (line.find("ERROR") != std::string::npos || line.find("WARNING") != std::string::npos)
          messages += (messages.empty() ? "" : " | ") + clip(line, 160);
      }
      r.result("epubcheck", verdict.starts_with("ok: "),
               verdict.empty() ? "not in epubcheck's output" : verdict.substr(verdict.rfind('(')) + (messages.empty() ? "" : " " + clip(messages, 400)));
    }
    const Epub e = read_epub(o.file);
    if (!e.error.empty()) {
      r.result("dc:language", false, e.error);
      continue;
    }
    pugi::xml_document opf;
    opf.load_string(e.files.at(e.opf_path).c_str());
    const std::string dc_lang = opf.select_node("//*[local-name()='metadata']/*[local-name()='language']").node().text().get();
    r.result("dc:language", language_ok(dc_lang, g), "dc:language " + (dc_lang.empty() ? std::string("absent") : dc_lang) + ", gold " + g.language);
    // Manifest, spine, stylesheets.
    std::map<std::string, std::string> href_of;
    std::vector<std::string> xhtml, css, spine;
    for (const auto& x : opf.select_nodes("//*[local-name()='manifest']/*[local-name()='item']")) {
      const std::string path = resolve(e.opf_path, x.node().attribute("href").as_string());
      const std::string type = x.node().attribute("media-type").as_string();
      href_of[x.node().attribute("id").as_string()] = path;
      if (type == "application/xhtml+xml") xhtml.push_back(path);
      if (type == "text/css") css.push_back(path);
    }
    std::set<std::string> nav;
    for (const auto& x : opf.select_nodes("//*[local-name()='manifest']/*[local-name()='item'][contains(@properties,'nav')]"))
      nav.insert(href_of[x.node().attribute("id").as_string()]);
    for (const auto& x : opf.select_nodes("//*[local-name()='spine']/*[local-name()='itemref']")) {
      const std::string path = href_of[x.node().attribute("idref").as_string()];
      if (!nav.count(path)) spine.push_back(path);  // the reading order, without the table of contents
    }
    std::vector<std::string> wrong_lang, wrong_dir;
    std::string all_pages_text, spine_text;
    for (const std::string& path : xhtml) {
      pugi::xml_document page;
      if (!e.files.count(path) || !page.load_string(e.files.at(path).c_str())) {
        wrong_lang.push_back(path + " unreadable");
        continue;
      }
      const pugi::xml_node html = page.document_element();
      const std::string lang = html.attribute("lang").as_string(), xml_lang = html.attribute("xml:lang").as_string();
      if (!language_ok(lang, g) || !language_ok(xml_lang, g))
        wrong_lang.push_back(fs::path(path).filename().string() + " lang=\"" + lang + "\" xml:lang=\"" + xml_lang + "\"");
      const std::string dir = html.attribute("dir").as_string();
      if (g.direction == "rtl" ? dir != "rtl" : dir == "rtl")
        wrong_dir.push_back(fs::path(path).filename().string() + " dir=\"" + dir + "\"");
      std::string t;
      xhtml_text(html, t);
      all_pages_text += ' ' + t;
    }
    for (const std::string& path : spine) {
      pugi::xml_document page;
      if (!e.files.count(path) || !page.load_string(e.files.at(path).c_str())) continue;
      spine_text += ' ';
      xhtml_text(page.document_element(), spine_text);
    }
    r.result("html lang", wrong_lang.empty() && !xhtml.empty(),
             wrong_lang.empty() ? std::to_string(xhtml.size()) + " pages with lang and xml:lang" : join(wrong_lang, ", ", 3));
    r.result("dir", wrong_dir.empty(), wrong_dir.empty() ? (g.direction == "rtl" ? "dir=\"rtl\" on every page" : "no dir=\"rtl\"")
                                                          : join(wrong_dir, ", ", 3) + ", gold " + g.direction);
    // No physical text alignment (left/right) in any stylesheet: start/end follow the direction.
    std::vector<std::string> physical;
    static const std::regex align("text-align\\s*:\\s*(left|right)", std::regex::icase);
    static const std::regex comment("/\\*[^*]*\\*+([^/*][^*]*\\*+)*/");
    for (const std::string& path : css) {
      if (!e.files.count(path)) continue;
      const std::string sheet = std::regex_replace(e.files.at(path), comment, " ");
      for (auto it = std::sregex_iterator(sheet.begin(), sheet.end(), align); it != std::sregex_iterator(); ++it)
        physical.push_back(fs::path(path).filename().string() + ": " + it->str());
    }
    check_nfc(r, all_pages_text);
    r.result("css", physical.empty(), physical.empty() ? "no text-align: left|right" : join(physical, ", "));
    std::string docbook_text;
    const std::optional<Words> body = docbook_body_words(work, g, &docbook_text);
    if (!body) r.result("words", false, "no DocBook output to compare with");
    else check_words(r, "words", *body, words_of(spine_text), "DocBook body words");
    check_date(r, words_of(spine_text), words_of(docbook_text), g);  // the nav repeats headings
    check_labels(r, all_pages_text, g, labels);
    check_phrases(r, words_of(spine_text), g);
  }
  return 0;
}

/// Prints the usage; returns 2.
int usage() {
  std::fputs(
      "usage: i18n_check gold|docbook|pdf|summary|epub CORPUS WORK [--enforce|--report-only] [NAME...]\n"
      "       i18n_check compare DOCBOOK HANDOUT.txt PEER=PEER.txt... [--rtl] [--enforce|--report-only]\n",
      stderr);
  return 2;
}

/// Side by side: the DocBook body's words in handout's PDF and in each peer's (NAME=TEXT), as
/// pdftotext prints them and in the visual order of their glyph positions (the .bbox.html from
/// pdftotext -bbox-layout beside each text). The verdict: handout places at least as many of
/// the body's words in visual order as the best peer.
int compare(const std::vector<std::string>& args, const std::string& direction, bool enforce) {
  if (args.size() < 3) return usage();
  pugi::xml_document doc;
  if (!doc.load_file(args[0].c_str())) {
    std::fprintf(stderr, "i18n_check: cannot read %s\n", args[0].c_str());
    return 2;
  }
  std::string text;
  body_text(doc.document_element(), text);
  const Words body = words_of(text), expected = keyed(body);
  const auto bbox = [](const std::string& txt) { return fs::path(txt.substr(0, txt.size() - 4) + ".bbox.html"); };
  std::size_t best_peer = 0, ours = 0;
  bool readable = true;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const auto eq = args[i].find('=');
    const std::string who = i == 1 ? "handout" : args[i].substr(0, eq), file = i == 1 ? args[i] : args[i].substr(eq + 1);
    const Words words = words_of(read_text(file));
    const std::size_t n = words_in_order(body, words);
    const auto visual = visual_words(bbox(file), direction == "rtl");
    const std::size_t v = visual ? words_in_order(expected, *visual) : 0;
    readable &= visual.has_value();
    std::printf("  %-28s pdftotext text %3zu of %zu body words in order (%s); visual order %3zu (%s)%s%s\n", (who + ":").c_str(), n,
                body.size(), percent(n, body.size()).c_str(), v, percent(v, body.size()).c_str(), n < body.size() ? "; text " : "",
                first_missing(body, words).c_str());
    if (i == 1) ours = v;
    else best_peer = std::max(best_peer, v);
  }
  const bool ok = readable && ours >= best_peer && ours > 0;
  std::printf("  %s handout places %s of the source's words in %s visual order as the best peer (%zu against %zu)\n",
              ok ? "PASS" : "FAIL", ok ? "at least as many" : "fewer", direction.c_str(), ours, best_peer);
  return ok || !enforce ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  bool enforce = false;
  std::vector<std::string> positional;
  for (const std::string& a : args) {
    if (a == "--enforce") enforce = true;
    else if (a == "--report-only") enforce = false;
    else positional.push_back(a);
  }
  if (positional.empty()) return usage();
  const std::string check = positional[0];
  if (check == "compare") {
    std::string direction = "ltr";
    std::vector<std::string> rest;
    for (auto it = positional.begin() + 1; it != positional.end(); ++it) {
      if (*it == "--rtl") direction = "rtl";
      else rest.push_back(*it);
    }
    return compare(rest, direction, enforce);
  }
  if (positional.size() < 3) return usage();
  const fs::path corpus_dir = positional[1], work = positional[2];
  const std::vector<std::string> names(positional.begin() + 3, positional.end());
  std::vector<std::string> errors;
  std::vector<Gold> corpus;
  try {
    corpus = load_corpus(corpus_dir, names, errors);
  } catch (const std::exception& e) {
    errors.push_back(e.what());
  }
  for (const auto& e : errors) std::fprintf(stderr, "i18n_check: %s\n", e.c_str());
  if (corpus.empty()) std::fprintf(stderr, "i18n_check: no source in %s\n", corpus_dir.c_str());
  if (corpus.empty() || (check == "gold" && !errors.empty())) return 2;
  const std::vector<Label> labels = load_labels(corpus_dir.parent_path() / "english_labels.txt");
  if (labels.empty()) {
    std::fprintf(stderr, "i18n_check: no labels in %s\n", (corpus_dir.parent_path() / "english_labels.txt").c_str());
    return 2;
  }
  Report r;
  r.check = "i18n_" + check;
  if (check == "gold") enforce = true;
  std::printf("== %s: %zu sources (%s) ==\n", r.check.c_str(), corpus.size(),
              enforce ? "failures fail" : "report only: configure with -DHANDOUT_I18N_ENFORCE=ON to make failures fail");
  if (check == "gold") check_gold(corpus, r);
  else if (check == "docbook") check_docbook(corpus, work, labels, r);
  else if (check == "pdf") check_pdf(corpus, work, labels, r);
  else if (check == "summary") check_summary(corpus, work, labels, r);
  else if (check == "epub") check_epub(corpus, work, labels, r);
  else return usage();
  const std::size_t failed = r.finish();
  return failed > 0 && enforce ? 1 : 0;
}
