#include "layout/handout_layout.hpp"
#include "layout/line_breaker.hpp"
#include "layout/paginate.hpp"
#include "layout/shaping.hpp"
#include "layout/style.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <hb.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace handout;

namespace {

const Style& default_style() {
  static Diagnostics diag;
  static const Style style = load_style("default", diag);
  return style;
}

const FontSet& default_fonts() {
  static Diagnostics diag;
  static const FontSet fonts(default_style(), diag);
  return fonts;
}

LaidOutDocument lay_out(const std::string& markdown, const Style& style = default_style()) {
  Diagnostics diag("t.md");
  Document doc = test::markdown(markdown, diag);
  FontSet fonts(style, diag);
  return layout_handout(doc, style, fonts, {}, diag);
}

std::string page_text(const Drawing& page) {
  std::string out;
  for (const TextRun& r : page.runs) out += r.text + " ";
  return out;
}

std::string long_document() {
  std::string md = "# Long\n\n";
  for (int s = 1; s <= 12; ++s) {
    md += "## Section " + std::to_string(s) + "\n\n";
    for (int p = 0; p < 3; ++p) {
      for (int w = 0; w < 40 + s * 3 + p * 7; ++w) md += "word" + std::to_string(w % 10) + " ";
      md += "\n\n";
    }
  }
  return md;
}

}  // namespace

TEST_CASE("lines never exceed their width and a 300-character URL breaks inside it", "[layout]") {
  MissingGlyphs missing;
  SpanStyle s;
  s.size = 12;
  const std::string url = "https://example.org/" + std::string(280, 'x');
  std::vector<Line> lines = break_lines({{"See " + url + " for more.", s, {}}}, 300, default_fonts(), "en", missing);
  REQUIRE(lines.size() > 3);
  std::string joined;
  for (const Line& l : lines) {
    CHECK(l.width <= 300.001);
    for (const TextRun& r : l.drawing.runs) joined += r.text;
  }
  std::erase(joined, ' ');
  CHECK(joined == "See" + url + "formore.");  // no character lost
  CHECK(missing.characters.empty());
}

TEST_CASE("whitespace collapses and a line break PI forces a new line", "[layout]") {
  MissingGlyphs missing;
  SpanStyle s;
  std::vector<Line> lines = break_lines({{"  one \n\t two", s, {}}, {"\xE2\x80\xA8", s, {}}, {"three  ", s, {}}}, 500,
                                        default_fonts(), "en", missing);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].drawing.runs.size() == 1);
  // A line ended by a break keeps one space in its text (not its width): the word boundary
  // survives text extraction and the tagged PDF's structure text.
  CHECK(lines[0].drawing.runs[0].text == "one two ");
  CHECK(lines[0].width == Approx(measure_text("one two", s, default_fonts())));
  CHECK(lines[1].drawing.runs[0].text == "three");
}

TEST_CASE("a character the style's font lacks is drawn by a fallback face, one no font has is reported", "[layout]") {
  MissingGlyphs missing;
  SpanStyle mono;
  mono.font.family = FontStyle::mono;
  // U+2192 is in DejaVu Sans Mono; U+1F600 (beyond the BMP) is in no face libharu can draw.
  std::vector<Line> lines = break_lines({{"a \xE2\x86\x92 b \xF0\x9F\x98\x80", mono, {}}}, 500, default_fonts(), "en", missing);
  REQUIRE(lines.size() == 1);
  CHECK(missing.characters == std::vector<char32_t>{0x1F600});
  std::string joined;
  for (const TextRun& r : lines[0].drawing.runs) joined += r.text;
  CHECK(joined == "a \xE2\x86\x92 b \xEF\xBF\xBD");
}

TEST_CASE("a script the style's fonts lack is drawn by an installed face for that script", "[layout]") {
  Diagnostics diag;
  const FontSet fonts(load_style("default", diag), diag);
  const FontStyle plain;
  auto family_of = [&](char32_t cp) { const int f = fonts.face_for(plain, cp); return f < 0 ? std::string("none") : fonts.face(f).family(); };
  CHECK(family_of(U'a').rfind("DejaVu", 0) == 0);
  // Chinese, Korean, Hindi, Bengali: every character of a script from one face, not DejaVu.
  for (const std::u32string& words : {std::u32string(U"血压高"), std::u32string(U"성인의발열"), std::u32string(U"पानीकमी"),
                                      std::u32string(U"জ্বরের")}) {
    const std::string first = family_of(words[0]);
    INFO(first);
    CHECK(first != "none");
    CHECK(first.rfind("DejaVu", 0) != 0);
    for (const char32_t c : words) CHECK(family_of(c) == first);
  }
  // Punctuation shared by scripts stays in the face of the text before it.
  const int han = fonts.face_for(plain, U'压');
  CHECK(fonts.face_for(plain, U'\u3001', han) == han);
  CHECK(fonts.face_for(plain, U',', fonts.primary(plain)) == fonts.primary(plain));
}

TEST_CASE("Korean breaks at spaces, Chinese between ideographs", "[layout]") {
  MissingGlyphs missing;
  SpanStyle s;
  auto lines_of = [&](const std::string& text, double width) {
    std::vector<std::string> out;
    for (const Line& l : break_lines({{text, s, {}}}, width, default_fonts(), "ko", missing)) {
      std::string joined;
      for (const TextRun& r : l.drawing.runs) joined += r.text;
      out.push_back(joined);
    }
    return out;
  };
  // Every line ends at a space: no word is cut between syllables.
  const std::string korean = "\xEC\x9D\x98\xED\x95\x99\xEC\xA0\x81 \xEC\xA1\xB0\xEC\x96\xB8\xEC\x9D\xB4 "
                             "\xEC\x95\x84\xEB\x8B\x99\xEB\x8B\x88\xEB\x8B\xA4 500 mg\xEC\x9D\x84";
  const double one_word = measure_text("\xEC\x95\x84\xEB\x8B\x99\xEB\x8B\x88\xEB\x8B\xA4 ", s, default_fonts()) * 1.3;
  const std::vector<std::string> ko = lines_of(korean, one_word);
  REQUIRE(ko.size() >= 3);
  for (const std::string& l : ko) {
    INFO(l);
    CHECK((l.back() == ' ' || &l == &ko.back()));
  }
  CHECK(ko.back().find("mg\xEC\x9D\x84") != std::string::npos);  // "mg을" stays whole
  // Chinese has no spaces: lines may end between any two ideographs.
  std::vector<Line> zh = break_lines({{"\xE8\xA1\x80\xE5\x8E\x8B\xE9\xAB\x98\xE8\xA1\x80\xE5\x8E\x8B\xE9\xAB\x98", s, {}}},
                                     s.size * 2.5, default_fonts(), "zh-Hans", missing);
  CHECK(zh.size() >= 3);
}

TEST_CASE("characters no font has: a warning listing them, an error when more than a few", "[layout]") {
  Diagnostics few("few.md");
  report_missing_glyphs(MissingGlyphs{{0x1F600, 0x1F601}}, few);
  REQUIRE(few.items().size() == 1);
  CHECK(few.items()[0].severity == Severity::warning);
  CHECK(few.items()[0].message.find("U+1F600") != std::string::npos);
  CHECK(few.items()[0].message.find("U+1F601") != std::string::npos);
  Diagnostics many("many.md");
  report_missing_glyphs(MissingGlyphs{{0x1F600, 0x1F601, 0x1F602, 0x1F603, 0x1F604}}, many);
  REQUIRE(many.items().size() == 1);
  CHECK(many.has_errors());
  CHECK(many.items()[0].message.find("5 characters") != std::string::npos);
}

TEST_CASE("no text is placed outside the margins", "[layout]") {
  for (const char* name : {"default", "large-print", "a4"}) {
    Diagnostics diag;
    const Style style = load_style(name, diag);
    const LaidOutDocument laid = lay_out(long_document() + "\n| A | B |\n|---|---|\n| " + std::string(400, 'z') + " | b |\n", style);
    const PageGeometry& g = laid.geometry;
    CHECK(laid.pages.size() >= 3);
    for (const Drawing& page : laid.pages) {
      for (const TextRun& r : page.runs) {
        CHECK(r.x >= g.left - 0.01);
        INFO(name << ": '" << r.text << "' at " << r.x << " size " << r.size);
        CHECK(r.x + r.width <= g.width - g.right + 0.01);
        CHECK(r.y > 0);
        CHECK(r.y < g.height);
      }
    }
  }
}

TEST_CASE("pagination keeps chains: no page ends on a heading, an orphan or before a widow", "[layout]") {
  Diagnostics diag("t.md");
  Document doc = test::markdown(long_document(), diag);
  FlowBuilder builder(doc, default_style(), default_fonts(), {}, default_style().page.body_width(), diag);
  builder.add_blocks(doc.article());
  const Flow flow = builder.take();
  const auto pages = paginate(flow, default_style().page.body_height());
  REQUIRE(pages.size() >= 3);
  for (std::size_t p = 0; p + 1 < pages.size(); ++p) {
    double used = 0;
    for (const PlacedItem& placed : pages[p]) used = std::max(used, placed.y + flow.items[placed.item].height);
    CHECK(used <= default_style().page.body_height() + 0.01);
    // The last item that is not a space must not be kept with what follows.
    for (auto it = pages[p].rbegin(); it != pages[p].rend(); ++it) {
      const FlowItem& item = flow.items[it->item];
      if (item.discardable) continue;
      CHECK_FALSE(item.keep_with_next);
      CHECK_FALSE(item.bookmark);
      break;
    }
    // No page starts with a space.
    CHECK_FALSE(flow.items[pages[p + 1].front().item].discardable);
  }
}

TEST_CASE("a table split across pages repeats its header row", "[layout]") {
  std::string md = "# Doses\n\n| Medicine name | Dose |\n|---|---|\n";
  for (int i = 0; i < 90; ++i) md += "| medicine " + std::to_string(i) + " | " + std::to_string(i) + " mg |\n";
  const LaidOutDocument laid = lay_out(md);
  REQUIRE(laid.pages.size() >= 2);
  for (const Drawing& page : laid.pages) {
    CHECK(page_text(page).find("Medicine name") != std::string::npos);
  }
}

TEST_CASE("a right-to-left table is mirrored: first column on the right, cells aligned right", "[layout]") {
  // Latin cell text, so the same words measure the same in both directions.
  const std::string table = "| Medicine name | Dose |\n|---|---|\n| sample medicine | 5 mg |\n";
  const LaidOutDocument ltr = lay_out("# Doses\n\n" + table);
  const LaidOutDocument rtl = lay_out("---\nlang: ar\n---\n\n# Doses\n\n" + table);
  auto run_x = [](const LaidOutDocument& d, const std::string& text) {
    for (const TextRun& r : d.pages.front().runs)
      if (r.text == text) return r.x;
    return -1.0;
  };
  const PageGeometry& g = default_style().page;
  const double middle = g.left + g.body_width() / 2;
  REQUIRE(run_x(ltr, "Medicine name") >= 0);
  REQUIRE(run_x(rtl, "Medicine name") >= 0);
  REQUIRE(run_x(rtl, "Dose") >= 0);
  CHECK(run_x(ltr, "Medicine name") < run_x(ltr, "Dose"));
  CHECK(run_x(rtl, "Medicine name") > run_x(rtl, "Dose"));
  CHECK(run_x(rtl, "Medicine name") > middle);
  // The first column's header frame (the one holding "Medicine name") ends at the body's right edge.
  const double name_x = run_x(rtl, "Medicine name");
  int frames = 0;
  for (const RectBox& r : rtl.pages.front().rects) {
    if (!r.fill || name_x < r.x || name_x > r.x + r.width) continue;
    ++frames;
    CHECK(r.x + r.width == Approx(g.left + g.body_width()));
  }
  CHECK(frames >= 1);
}

TEST_CASE("sections give nested bookmarks and the notes come last", "[layout]") {
  const LaidOutDocument laid = lay_out("# T\n\nText[^1].\n\n## One\n\nA.\n\n### One point one\n\nB.\n\n## Two\n\nC.\n\n[^1]: The note.\n");
  REQUIRE(laid.bookmarks.size() == 4);
  CHECK(laid.bookmarks[0].title == "One");
  CHECK(laid.bookmarks[1].level == 2);
  CHECK(laid.bookmarks[3].title == "Notes");
  const std::string text = page_text(laid.pages.back());
  CHECK(text.find("The note.") > text.find("C."));
}

TEST_CASE("styles extend each other and bad style files are located errors", "[style]") {
  Diagnostics diag;
  const Style large = load_style("large-print", diag);
  CHECK(large.body_size == 18);
  CHECK(large.page.width == 612);  // from default
  const Style a4 = load_style("a4", diag);
  CHECK(a4.page.width == Approx(595.28));
  CHECK(a4.body_size == 12);
  CHECK(large.files.size() == 2);

  const auto dir = std::filesystem::temp_directory_path() / "handout-style-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "bad.yaml") << "extends: default\nsizes:\n  body: huge\n";
  try {
    load_style((dir / "bad.yaml").string(), diag);
    FAIL("no error");
  } catch (const SourceError& e) {
    CHECK(e.path() == (dir / "bad.yaml").string());
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()).find("huge") != std::string::npos);
  }
  std::ofstream(dir / "loop.yaml") << "extends: loop.yaml\n";
  CHECK_THROWS_WITH(load_style((dir / "loop.yaml").string(), diag), Catch::Contains("loop"));
  std::ofstream(dir / "broken.yaml") << "page: [unclosed\n";
  CHECK_THROWS_WITH(load_style((dir / "broken.yaml").string(), diag), Catch::Contains("malformed"));
  CHECK_THROWS_WITH(load_style("no-such-style", diag), Catch::Contains("no style"));
  Diagnostics typo;
  std::ofstream(dir / "typo.yaml") << "extends: default\nsizez: {body: 12}\n";
  load_style((dir / "typo.yaml").string(), typo);
  REQUIRE(typo.count(Severity::warning) == 1);
  CHECK(typo.items()[0].line == 2);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a style rewritten in place, same size and same modification time, is read again", "[style]") {
  // A long-running process (watch, serve) keeps loaded styles; timestamps tick coarsely, so an
  // edit within one tick must still be seen: the cache compares the content too.
  const auto dir = std::filesystem::temp_directory_path() / "handout-style-rewrite-test";
  std::filesystem::create_directories(dir);
  const auto file = dir / "tick.yaml";
  std::ofstream(file) << "extends: default\nsizes: {body: 12}\n";
  Diagnostics diag;
  CHECK(load_style(file.string(), diag).body_size == 12);
  const auto when = std::filesystem::last_write_time(file);
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);  // same inode, same size
    f.seekp(0);
    f << "extends: default\nsizes: {body: 14}\n";
  }
  std::filesystem::last_write_time(file, when);
  CHECK(load_style(file.string(), diag).body_size == 14);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a space after the last line that does not fit makes no blank page", "[layout]") {
  Flow flow;
  for (int i = 0; i < 7; ++i) {
    FlowItem line;
    line.height = 100;
    flow.items.push_back(line);
  }
  FlowItem space;
  space.height = 50;
  space.discardable = true;
  flow.items.push_back(space);
  CHECK(paginate(flow, 700).size() == 1);  // seven lines fill the page; the space is dropped
  CHECK(paginate(flow, 720).size() == 1);
  CHECK(paginate(flow, 690).size() == 2);  // the seventh line goes on
}

TEST_CASE("line breaks follow Unicode 15's UAX #14 test file; no character stops the breaker", "[layout]") {
  // Every code point class the old libunibreak 1.1 aborted on: regional indicators (flags), U+FFFF.
  const LaidOutDocument laid = lay_out("# Flags\n\nSpoken in \xF0\x9F\x87\xBA\xF0\x9F\x87\xB8 and \xEF\xBF\xBF here.\n");
  CHECK(page_text(laid.pages.front()).find("Spoken in") != std::string::npos);
  std::ifstream in("/usr/share/unicode/auxiliary/LineBreakTest.txt");
  if (!in) {
    WARN("SKIPPED: the Unicode line-break test file is not installed (Debian package unicode-data)");
    return;
  }
  std::size_t cases = 0, agree = 0;
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream words(line);
    std::u32string text;
    std::vector<bool> break_before;
    for (std::string w; words >> w;) {
      if (w == "\xC3\x97") break_before.push_back(false);       // ×
      else if (w == "\xC3\xB7") break_before.push_back(true);   // ÷
      else text.push_back(static_cast<char32_t>(std::stoul(w, nullptr, 16)));
    }
    if (text.empty() || break_before.size() != text.size() + 1) continue;
    ++cases;
    const std::vector<char> got = line_break_opportunities(text, "en");
    bool same = true;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) same = same && ((got[i] != kNoBreak) == break_before[i + 1]);
    agree += same ? 1 : 0;
  }
  INFO(agree << " of " << cases << " cases agree");
  CHECK(cases > 7000);
  CHECK(agree >= cases * 995 / 1000);
}

TEST_CASE("a cached style replaced by a FIFO is refused, not waited for", "[style]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("handout-fifo-style-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::filesystem::path fifo = dir / "pipe.yaml";
  // A style loaded once (so cached), then replaced by a FIFO: checking whether the cached copy
  // is still current must not open the FIFO, which would wait for a writer for ever.
  std::ofstream(fifo) << "extends: default\n";
  Diagnostics diag("test");
  CHECK_NOTHROW(load_style(fifo.string(), diag));
  std::filesystem::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_AS(load_style(fifo.string(), diag), SourceError);
  std::filesystem::remove_all(dir);
}

namespace {

/// The glyphs HarfBuzz gives text shaped whole, in one call, as ShapedGlyph (the reference).
std::vector<ShapedGlyph> shaped_whole(const FontFace& face, const std::string& text) {
  hb_blob_t* blob = hb_blob_create_from_file(face.path().c_str());
  hb_face_t* hb_face = hb_face_create(blob, 0);
  hb_font_t* font = hb_font_create(hb_face);
  const double upem = hb_face_get_upem(hb_face);
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
  hb_buffer_guess_segment_properties(buffer);
  hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);
  hb_shape(font, buffer, nullptr, 0);
  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
  std::vector<ShapedGlyph> out;
  for (unsigned i = 0; i < count; ++i) {
    ShapedGlyph g;
    g.glyph = info[i].codepoint;
    g.cluster = info[i].cluster;
    g.advance = pos[i].x_advance / upem;
    g.x_offset = pos[i].x_offset / upem;
    g.y_offset = pos[i].y_offset / upem;
    out.push_back(g);
  }
  hb_buffer_destroy(buffer);
  hb_font_destroy(font);
  hb_face_destroy(hb_face);
  hb_blob_destroy(blob);
  return out;
}

}  // namespace

TEST_CASE("text in simple scripts shaped a word at a time equals the text shaped whole", "[layout][shaping]") {
  const FontSet& fonts = default_fonts();
  const FontStyle plain;
  // Kerning pairs (AV, To, Ty), ligature candidates, marks after letters and after a space
  // (a space followed by a combining mark is not a cut), Vietnamese in NFD, Cyrillic, Greek,
  // digits alone, several spaces, a word repeated (the second comes from the per-thread cache).
  const std::vector<std::string> texts = {
      "AVATAR Tower: To Tyre, office affine flow.", "caf\u0065\u0301 a \u0301b  two  spaces",
      "Vi\u0065\u0323\u0302t Nam co\u0302\u0301 ngu\u031b\u01a1\u0300i", "\u041f\u0440\u0438\u0432\u0438\u0432\u043a\u0430 \u043e\u0442 \u0433\u0440\u0438\u043f\u043f\u0430",
      "\u03b3\u03c1\u03af\u03c0\u03b7 \u03ba\u03b1\u03b9 \u03c0\u03c5\u03c1\u03b5\u03c4\u03cc\u03c2", "120 / 80 mmHg 120 / 80 mmHg",
      "the the the the"};
  for (const std::string& text : texts) {
    INFO(text);
    const FontFace& face = fonts.face(fonts.face_for(plain, U'a'));
    const std::vector<ShapedGlyph> words = shape_text(face, text, false);
    const std::vector<ShapedGlyph> whole = shaped_whole(face, text);
    REQUIRE(words.size() == whole.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
      CHECK(words[i].glyph == whole[i].glyph);
      CHECK(words[i].cluster == whole[i].cluster);
      CHECK(words[i].advance == Approx(whole[i].advance).margin(1e-9));
      CHECK(words[i].x_offset == Approx(whole[i].x_offset).margin(1e-9));
      CHECK(words[i].y_offset == Approx(whole[i].y_offset).margin(1e-9));
    }
    // The layout's measure agrees with the drawing: one advance per code point, summing to the same.
    double drawn = 0, measured = 0;
    for (const ShapedGlyph& g : whole) drawn += g.advance;
    for (const double a : shaped_advances(face, text)) measured += a;
    CHECK(measured == Approx(drawn).margin(1e-9));
  }
}
