// The one-page summary sheet: fitting by rule then by type size, never off the page, never
// below the floor; the QR code; the writer's notes.
#include "layout/handout_layout.hpp"
#include "layout/qr_code.hpp"
#include "layout/summary_layout.hpp"
#include "text/text.hpp"
#include "test_support.hpp"
#include "writers/summary.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using namespace handout;

namespace {

struct Laid {
  SummarySheet sheet;
  SummaryContent content;
  Style style;
  std::vector<std::string> notes;
};

Laid sheet_of(const std::string& markdown, const std::string& style_name = "default") {
  Diagnostics diag("t.md");
  Document doc = test::markdown(markdown, diag);
  Laid out;
  out.style = load_style(style_name, diag);
  FontSet fonts(out.style, diag);
  out.content = read_summary_content(doc);
  out.sheet = layout_summary(doc, out.content, out.style, fonts, {}, diag);
  return out;
}

/// The page's text with every run joined by spaces, whitespace collapsed.
std::string page_text(const Drawing& page) {
  std::string out;
  for (const TextRun& r : page.runs) out += r.text + " ";
  return text::collapse_whitespace(out);
}

/// Returns true when every word of text appears among the page's words.
bool all_words_on(const std::string& text, const Drawing& page) {
  const std::vector<std::string> words = text::split_words(page_text(page));
  for (const std::string& w : text::split_words(text)) {
    if (std::find(words.begin(), words.end(), w) == words.end()) return false;
  }
  return true;
}

/// Checks every box lies inside the page's margins and every run is at least min_size.
void check_inside(const Laid& l, double min_size) {
  const PageGeometry& g = l.style.page;
  REQUIRE(l.sheet.laid.pages.size() == 1);
  const Drawing& d = l.sheet.laid.pages.front();
  for (const TextRun& r : d.runs) {
    INFO(r.text);
    CHECK(r.x >= g.left - 0.01);
    CHECK(r.x + r.width <= g.width - g.right + 0.01);
    CHECK(r.y - r.size * 0.8 >= g.top - 0.01);
    CHECK(r.y + r.size * 0.25 <= g.height - g.bottom + 0.01);
    CHECK(r.size >= min_size - 1e-9);
  }
  for (const RectBox& r : d.rects) {
    CHECK(r.x >= g.left - 0.01);
    CHECK(r.x + r.width <= g.width - g.right + 0.01);
    CHECK(r.y >= g.top - 0.01);
    CHECK(r.y + r.height <= g.height - g.bottom + 0.01);
  }
}

const char* kFull = R"(---
title: Looking after a sprained ankle
summary: A sprain is a stretched or torn ligament. Most heal in a few weeks with rest and gentle movement.
source: https://example.org/sample/sprained-ankle
updated: 2026-03-04
key-points:
  - Rest the ankle for the first two days.
  - Use a cold pack for 15 minutes at a time.
  - Raise the foot above the level of your heart when you sit.
  - Start gentle movement once the pain allows.
questions:
  - How long should I rest before walking normally?
  - When should I come back if it does not get better?
---

Sample material written to test the handout program; not medical advice.

A **ligament** is a band of tissue that holds two bones together at a joint. A sprained ligament
needs a few weeks to heal.
)";

/// A source long enough to fill well over 50 handout pages, with long key points.
std::string long_source() {
  std::string md = "---\ntitle: A very long sample document\nsource: https://example.org/sample/long\nkey-points:\n";
  for (int i = 1; i <= 7; ++i) {
    md += "  - Key point " + std::to_string(i) + " says something worth knowing. It then goes on";
    for (int k = 0; k < 12; ++k) md += " with more words that explain it again";
    md += ". And a third sentence closes it.\n";
  }
  md += "questions:\n";
  for (int i = 1; i <= 8; ++i) md += "  - Question number " + std::to_string(i) + " to ask about the sample?\n";
  md += "summary: ";
  for (int i = 0; i < 10; ++i) md += "This sentence " + std::to_string(i) + " belongs to the long main message. ";
  md += "\n---\n\n";
  for (int s = 1; s <= 60; ++s) {
    md += "## Section " + std::to_string(s) + "\n\n";
    for (int p = 0; p < 8; ++p) {
      // Terms are words (letters only): "termbaa", "termbab"...
      const std::string term = std::string("term") + char('a' + s / 26) + char('a' + s % 26) + char('a' + p);
      md += "A **" + term + "** is a made-up word for this test. The " + term + " is used again. ";
      for (int k = 0; k < 14; ++k) md += "Sample text keeps the page busy with ordinary words. ";
      md += "\n\n";
    }
  }
  return md;
}

}  // namespace

TEST_CASE("sentences split after . ! ? before a capital, not after initials or abbreviations", "[summary-sheet]") {
  CHECK(split_sentences("One thing. Another one! A third? Yes") ==
        std::vector<std::string>{"One thing.", "Another one!", "A third?", "Yes"});
  CHECK(split_sentences("Ask Dr. Lee about it, e.g. the dose. Then rest.") ==
        std::vector<std::string>{"Ask Dr. Lee about it, e.g. the dose.", "Then rest."});
  CHECK(split_sentences("J. Smith wrote it. lower case goes on.") ==
        std::vector<std::string>{"J. Smith wrote it. lower case goes on."});
  CHECK(split_sentences("").empty());
}

TEST_CASE("a full sheet keeps everything on one page at the starting size", "[summary-sheet]") {
  const Laid l = sheet_of(kFull);
  check_inside(l, 11);
  CHECK(l.sheet.body_size == l.style.summary_size);
  CHECK(l.sheet.left_out.empty());
  const Drawing& page = l.sheet.laid.pages.front();
  REQUIRE(l.content.key_points.size() == 4);
  for (const std::string& k : l.content.key_points) CHECK(all_words_on(k, page));
  for (const std::string& q : l.content.questions) CHECK(all_words_on(q, page));
  CHECK(all_words_on(l.content.main_message, page));
  // What the sheet says it printed is what it printed: nothing was shortened here.
  CHECK(l.sheet.shown.main_message == l.content.main_message);
  CHECK(l.sheet.shown.key_points == l.content.key_points);
  const std::string text = page_text(page);
  CHECK(text.find("Key points") != std::string::npos);
  CHECK(text.find("Questions to ask your care team") != std::string::npos);
  CHECK(text.find("ligament:") != std::string::npos);
  CHECK(text.find("https://example.org/sample/sprained-ankle") != std::string::npos);
  CHECK(text.find("Updated March 4, 2026") != std::string::npos);
  // The URL is a live link, and the QR code is drawn (many small dark squares).
  CHECK(std::any_of(page.links.begin(), page.links.end(),
                    [](const LinkArea& a) { return a.uri == "https://example.org/sample/sprained-ankle"; }));
  CHECK(std::count_if(page.rects.begin(), page.rects.end(),
                      [](const RectBox& r) { return r.fill && r.fill_color == Color{0, 0, 0}; }) > 50);
}

TEST_CASE("a bare document still gets title, main message from its first sentences and source", "[summary-sheet]") {
  const Laid l = sheet_of(
      "---\ntitle: Plain words\nsource: https://example.org/sample/plain\n---\n\n"
      "Plain sample text can do without a summary, a list or a heading. It only has two plain paragraphs.\n\n"
      "The second paragraph says a little more about nothing in particular.\n");
  check_inside(l, 11);
  const std::string text = page_text(l.sheet.laid.pages.front());
  CHECK(text.find("Plain words") != std::string::npos);
  CHECK(text.find("Plain sample text can do without a summary") != std::string::npos);
  CHECK(text.find("https://example.org/sample/plain") != std::string::npos);
  // Whatever else is chosen does not repeat the main message.
  CHECK(text.find("Plain sample text can do without a summary") == text.rfind("Plain sample text can do without a summary"));
}

TEST_CASE("a document of over 50 handout pages gives one page at or above 11 pt", "[summary-sheet]") {
  const std::string md = long_source();
  {
    Diagnostics diag("t.md");
    Document doc = test::markdown(md, diag);
    const Style style = load_style("default", diag);
    FontSet fonts(style, diag);
    REQUIRE(layout_handout(doc, style, fonts, {}, diag).pages.size() > 50);
  }
  const Laid l = sheet_of(md);
  check_inside(l, 11);
  CHECK(l.sheet.body_size >= 11);
  CHECK(l.sheet.body_size < l.style.summary_size);  // type was reduced...
  REQUIRE_FALSE(l.sheet.left_out.empty());          // ...and content shortened, and said so
  // By rule first: glossary terms go before key points, key points before the main message.
  const auto first_of = [&](std::string_view what) {
    for (std::size_t i = 0; i < l.sheet.left_out.size(); ++i)
      if (l.sheet.left_out[i].rfind(what, 0) == 0) return i;
    return l.sheet.left_out.size();
  };
  CHECK(first_of("glossary term") < first_of("key point"));
  CHECK(first_of("key point") < first_of("main message"));
  // What stays is whole: every kept key point's words are on the page.
  const Drawing& page = l.sheet.laid.pages.front();
  CHECK(all_words_on("Key point 1 says something worth knowing.", page));
}

TEST_CASE("large print keeps its own floor", "[summary-sheet]") {
  const Laid l = sheet_of(long_source(), "large-print");
  check_inside(l, l.style.summary_minimum);
  CHECK(l.sheet.body_size >= l.style.summary_minimum);
}

TEST_CASE("an endless title and endless words are cut, never drawn off the page", "[summary-sheet]") {
  std::string title;
  for (int i = 0; i < 80; ++i) title += "Longtitle" + std::to_string(i) + " ";
  std::string word(3000, 'x');
  const Laid l = sheet_of("---\ntitle: " + title + "\nkey-points:\n  - " + word + "\n  - short\n  - " + word +
                          "\n---\n\nBody.\n");
  check_inside(l, 11);
  CHECK(std::any_of(l.sheet.left_out.begin(), l.sheet.left_out.end(),
                    [](const std::string& s) { return s.rfind("the end of the title", 0) == 0; }));
}

TEST_CASE("QR codes: smallest symbol, every module decided, nothing for empty text", "[summary-sheet]") {
  const auto qr = encode_qr("https://example.org/sample/sprained-ankle");
  REQUIRE(qr);
  CHECK(qr->size >= 21);
  CHECK((qr->size - 17) % 4 == 0);  // a QR symbol is 17 + 4 × version modules wide
  CHECK(qr->dark.size() == static_cast<std::size_t>(qr->size * qr->size));
  // The three finder patterns: dark 7×7 corners with a light ring inside.
  for (auto [x, y] : {std::pair{0, 0}, std::pair{qr->size - 7, 0}, std::pair{0, qr->size - 7}}) {
    CHECK(qr->at(x, y));
    CHECK_FALSE(qr->at(x + 1, y + 1));
    CHECK(qr->at(x + 3, y + 3));
  }
  CHECK_FALSE(encode_qr(""));
  CHECK_FALSE(encode_qr(std::string(8000, 'a')));  // more than any symbol holds
}

TEST_CASE("the writer reports what was left out as notes and writes a one-page PDF", "[summary-sheet]") {
  Diagnostics diag("t.md");
  Document doc = test::markdown(long_source(), diag);
  WriterOptions options;
  const Output out = write_summary(doc, options, diag);
  CHECK(out.pages == 1);
  CHECK(out.bytes.rfind("%PDF-", 0) == 0);
  CHECK(test::count_messages(diag, "summary sheet: left out ") > 0);
  CHECK(test::count_messages(diag, "summary sheet: type set at ") == 1);
}

TEST_CASE("a term the main message already defines comes last under words to know", "[summary-sheet]") {
  const Laid l = sheet_of(
      "---\ntitle: Sample\nsummary: A sprain is a stretched or torn ligament around a joint.\n---\n\n"
      "A **sprain** is a stretched or torn ligament around a joint.\n\n"
      "A **ligament** is a band of tissue that holds two bones together.\n\n"
      "A sprain hurts because the ligament is stretched.\n");
  REQUIRE(l.content.glossary.size() == 2);
  const std::string text = page_text(l.sheet.laid.pages.front());
  REQUIRE(text.find("sprain:") != std::string::npos);
  REQUIRE(text.find("ligament:") != std::string::npos);
  CHECK(text.find("ligament:") < text.find("sprain:"));
}

TEST_CASE("the safety block is framed, headed with a symbol, and its lead-ins are bold", "[summary-sheet]") {
  const Laid l = sheet_of(
      "---\ntitle: Sample after surgery\nsource: https://example.org/sample/after-surgery\n---\n\n"
      "Most people go home the day after a small operation.\n\n"
      "Call your surgeon's office if you have:\n\n- a fever of 38 \xC2\xB0""C or higher\n- bleeding that will not stop\n");
  check_inside(l, 11);
  REQUIRE(l.sheet.shown.safety.size() == 3);
  const Drawing& page = l.sheet.laid.pages.front();
  const std::string text = page_text(page);
  CHECK(text.find("\xE2\x9A\xA0 When to get help") != std::string::npos);  // the symbol, not colour alone
  CHECK(text.find("bleeding that will not stop") != std::string::npos);
  // A frame drawn as a stroked rectangle of the style's width.
  CHECK(std::any_of(page.rects.begin(), page.rects.end(), [&](const RectBox& r) {
    return r.stroke && !r.fill && r.line_width == l.style.summary_safety_rule && r.width > l.style.page.body_width() - 5;
  }));
  // The lead-in is set in another face (bold) than the items.
  const auto run_of = [&](std::string_view start) {
    return std::find_if(page.runs.begin(), page.runs.end(), [&](const TextRun& r) { return r.text.rfind(start, 0) == 0; });
  };
  REQUIRE(run_of("Call your") != page.runs.end());
  REQUIRE(run_of("bleeding") != page.runs.end());
  CHECK(run_of("Call your")->face != run_of("bleeding")->face);
}

TEST_CASE("when space is short the safety block stays and key points give way", "[summary-sheet]") {
  std::string md = long_source();
  // Danger signs at the very end of a long text still reach the sheet, whole.
  md += "## When to get help\n\nCall 911 if you have chest pain or trouble breathing.\n\n"
        "Call your care team if you have:\n\n- a fever that lasts more than two days\n- a rash that spreads\n";
  const Laid l = sheet_of(md);
  check_inside(l, 11);
  CHECK(l.sheet.shown.safety == l.content.safety);
  CHECK(l.sheet.shown.safety.size() == 4);
  CHECK(l.sheet.shown.key_points.size() < l.content.key_points.size());
  CHECK(all_words_on("a fever that lasts more than two days", l.sheet.laid.pages.front()));
}

TEST_CASE("the date says Published for a publication date and Updated only for an update", "[summary-sheet]") {
  const Laid published = sheet_of("---\ntitle: Sample dates\ndate: 2026-02-03\n---\n\nA sample body sentence is here.\n");
  CHECK(page_text(published.sheet.laid.pages.front()).find("Published February 3, 2026") != std::string::npos);
  CHECK(page_text(published.sheet.laid.pages.front()).find("Updated") == std::string::npos);
  const Laid updated =
      sheet_of("---\ntitle: Sample dates\ndate: 2026-02-03\nupdated: 2026-05-06\n---\n\nA sample body sentence is here.\n");
  CHECK(page_text(updated.sheet.laid.pages.front()).find("Updated May 6, 2026") != std::string::npos);
}

TEST_CASE("general questions are printed when they fit and left out all together when not", "[summary-sheet]") {
  const Laid fits = sheet_of("---\ntitle: Sample\n---\n\nA short sample text says one thing clearly.\n");
  CHECK(fits.content.questions_generated);
  CHECK(fits.sheet.shown.questions.size() == 3);
  CHECK(page_text(fits.sheet.laid.pages.front()).find("What is my main problem?") != std::string::npos);

  std::string md = "---\ntitle: Sample\nkey-points:\n";
  for (int i = 1; i <= 7; ++i) {
    md += "  - Point " + std::to_string(i);
    for (int k = 0; k < 9; ++k) md += " has many words that fill the page";
    md += ".\n";
  }
  md += "---\n\nA short sample text says one thing clearly.\n";
  const Laid full = sheet_of(md);
  CHECK(full.content.questions_generated);
  CHECK((full.sheet.shown.questions.empty() || full.sheet.shown.questions.size() == 3));
}

TEST_CASE("a right-to-left sheet is mirrored: badges, tick boxes, bar and QR code on the right", "[summary-sheet]") {
  const std::string rtl = std::string("---\nlang: ar") + (kFull + 3);  // the same sheet declared Arabic
  const Laid ltr_sheet = sheet_of(kFull);
  const Laid rtl_sheet = sheet_of(rtl);
  check_inside(rtl_sheet, 11);
  const PageGeometry& g = rtl_sheet.style.page;
  const double middle = g.left + g.body_width() / 2;
  struct Sides {
    int badges_left = 0, badges_right = 0, boxes_left = 0, boxes_right = 0, qr_left = 0, qr_right = 0;
    double bar_x = -1;
  };
  auto sides = [&](const Laid& l) {
    Sides out;
    for (const RectBox& r : l.sheet.laid.pages.front().rects) {
      const bool right = r.x + r.width / 2 > middle;
      const bool badge = r.fill && r.fill_color == l.style.heading && std::abs(r.width - r.height) < 0.01 && r.width > 5;
      const bool tick_box = r.stroke && !r.fill && std::abs(r.width - r.height) < 0.01 && r.width < 20;
      const bool qr = r.fill && r.fill_color == Color{0, 0, 0};
      if (badge) (right ? out.badges_right : out.badges_left)++;
      if (tick_box) (right ? out.boxes_right : out.boxes_left)++;
      if (qr) (right ? out.qr_right : out.qr_left)++;
      if (r.fill && r.fill_color == l.style.heading && r.width == 4) out.bar_x = r.x;
    }
    return out;
  };
  const Sides ltr = sides(ltr_sheet);
  const Sides r = sides(rtl_sheet);
  // Left to right: key points (badges) in the first column on the left, tick boxes at the
  // start of the questions on the right, QR code at the bottom left.
  CHECK(ltr.badges_left == 4);
  CHECK(ltr.badges_right == 0);
  CHECK(ltr.qr_right == 0);
  CHECK(ltr.qr_left > 50);
  CHECK(ltr.bar_x == Approx(g.left));
  // Right to left: everything on the other side.
  CHECK(r.badges_right == 4);
  CHECK(r.badges_left == 0);
  CHECK(ltr.boxes_right > 0);
  CHECK(r.boxes_left == ltr.boxes_right);
  CHECK(r.boxes_right == ltr.boxes_left);
  CHECK(r.qr_left == 0);
  CHECK(r.qr_right == ltr.qr_left);
  CHECK(r.bar_x == Approx(g.left + g.body_width() - 4));
  // Each badge stands at the right edge of the body, where the reader starts.
  for (const RectBox& badge : rtl_sheet.sheet.laid.pages.front().rects) {
    if (!(badge.fill && badge.fill_color == rtl_sheet.style.heading && std::abs(badge.width - badge.height) < 0.01 && badge.width > 5))
      continue;
    CHECK(badge.x + badge.width == Approx(g.left + g.body_width()));
  }
}
