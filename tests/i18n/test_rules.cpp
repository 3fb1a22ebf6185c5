// The i18n checks' rules (rules.hpp): what counts as a word, as the same order, as the right
// language tag, as an English label, as body text. Each case is one rule of README.md.

#include "rules.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <unistd.h>

using namespace handout::i18n;

namespace {

std::vector<std::string> texts(const Words& w) {
  std::vector<std::string> out;
  for (const Word& x : w) out.push_back(x.text);
  return out;
}

/// A scratch file removed at the end of the test.
struct ScratchFile {
  std::filesystem::path path;
  explicit ScratchFile(const std::string& content) {
    static int count = 0;
    path = std::filesystem::temp_directory_path() /
           ("i18n-rules-" + std::to_string(::getpid()) + "-" + std::to_string(++count) + ".html");
    std::ofstream(path) << content;
  }
  ~ScratchFile() { std::filesystem::remove(path); }
};

/// A pdftotext -bbox-layout page with one line of words at the given x positions.
std::string bbox_line(const std::vector<std::pair<double, std::string>>& words) {
  std::string s = "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><doc><page><flow><block><line>";
  for (const auto& [x, w] : words)
    s += "<word xMin=\"" + std::to_string(x) + "\" yMin=\"0\" xMax=\"" + std::to_string(x + 10) + "\" yMax=\"10\">" + w + "</word>";
  return s + "</line></block></flow></page></doc></body></html>";
}

}  // namespace

TEST_CASE("words are NFC, case-folded runs of letters, marks and digits", "[i18n]") {
  // "Việt" decomposed (NFD) and composed give the same word.
  CHECK(texts(words_of("Vi\xE1\xBB\x87t")) == texts(words_of("Vie\xCC\xA3\xCC\x82t")));
  CHECK(texts(words_of("Take ibuprofen 400 mg, twice.")) == std::vector<std::string>{"take", "ibuprofen", "400", "mg", "twice"});
  CHECK(texts(words_of("Page", false)) == std::vector<std::string>{"Page"});
}

TEST_CASE("each Han or kana character is a word; Hangul words are spaced", "[i18n]") {
  CHECK(texts(words_of("2026\xE5\xB9\xB4" "4\xE6\x9C\x88" "18\xE6\x97\xA5")) ==  // 2026年4月18日
        std::vector<std::string>{"2026", "\xE5\xB9\xB4", "4", "\xE6\x9C\x88", "18", "\xE6\x97\xA5"});
  CHECK(words_of("\xEC\x84\xB1\xEC\x9D\xB8\xEC\x9D\x98 \xEB\xB0\x9C\xEC\x97\xB4").size() == 2);  // 성인의 발열
}

TEST_CASE("format characters (ZWNJ, bidi marks) and the tatweel are no part of a word", "[i18n]") {
  // Persian می‌زند with a ZWNJ, and with none: the same one word.
  const std::string with_zwnj = "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB2\xD9\x86\xD8\xAF";
  const std::string without = "\xD9\x85\xDB\x8C\xD8\xB2\xD9\x86\xD8\xAF";
  CHECK(texts(words_of(with_zwnj)) == texts(words_of(without)));
  CHECK(words_of(with_zwnj).size() == 1);
  CHECK(texts(words_of("\xE2\x80\xAB" "abc" "\xE2\x80\xAC")) == std::vector<std::string>{"abc"});  // RLE abc PDF
}

TEST_CASE("words in order: a subsequence, other lines allowed in between", "[i18n]") {
  const Words body = words_of("Drink water often. Rest.");
  CHECK(words_in_order(body, words_of("Fever page 1 of 2\nDrink water\nHeader line\noften. Rest.")) == body.size());
  CHECK(words_in_order(body, words_of("Rest. Drink water often.")) == 3);  // order counts
  CHECK(first_missing(body, words_of("Drink water often.")).find("\xC2\xAB" "rest" "\xC2\xBB") != std::string::npos);
  CHECK(first_missing(body, words_of("Drink water often. Rest.")).empty());
}

TEST_CASE("reversed right-to-left words are not the same words", "[i18n]") {
  const Words body = words_of("\xD8\xA7\xD9\x84\xD8\xAD\xD9\x85\xD9\x89");                // الحمى
  CHECK(words_in_order(body, words_of("\xD9\x89\xD9\x85\xD8\xAD\xD9\x84\xD8\xA7")) == 0);  // ىمحلا
}

TEST_CASE("hyphenation: a word split at a line end, or two hyphenated words joined by pdftotext", "[i18n]") {
  CHECK(words_in_order(words_of("medication"), words_of("medi-\ncation")) == 1);
  CHECK(words_in_order(words_of("medication"), words_of("medi- cation")) == 0);  // not at a line end
  // pdftotext drops a hyphen that ends a line: "одного-двух" comes out as "одногодвух".
  const Words body = words_of("\xD0\xBE\xD0\xB4\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE-\xD0\xB4\xD0\xB2\xD1\x83\xD1\x85 days");
  const Words pdf = words_of("\xD0\xBE\xD0\xB4\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB2\xD1\x83\xD1\x85 days");
  CHECK(words_in_order(body, pdf) == 3);
  CHECK(first_missing(body, pdf).empty());
}

TEST_CASE("runs of words; {n} in a label stands for any number", "[i18n]") {
  CHECK(contains_run(words_of("call 911 right away"), "Call 911"));
  CHECK_FALSE(contains_run(words_of("call the clinic, then 911"), "call 911"));
  Words label{{"Page", false, false}, {"#", false, false}, {"of", false, false}, {"#", false, false}};
  CHECK(count_runs(words_of("Page 1 of 3 ... Page 2 of 3", false), label, true) == 2);
  CHECK(count_runs(words_of("Page one of three", false), label, true) == 0);
}

TEST_CASE("language tags: primary language, script (or a region implying it), region", "[i18n]") {
  CHECK(tag_matches("zh-Hans", "zh-Hans"));
  CHECK(tag_matches("zh-CN", "zh-Hans"));
  CHECK(tag_matches("zh-hans-cn", "zh-Hans"));
  CHECK_FALSE(tag_matches("zh", "zh-Hans"));
  CHECK_FALSE(tag_matches("zh-TW", "zh-Hans"));
  CHECK(tag_matches("zh-TW", "zh-Hant"));
  CHECK(tag_matches("pt-BR", "pt-BR"));
  CHECK_FALSE(tag_matches("pt", "pt-BR"));
  CHECK_FALSE(tag_matches("pt-PT", "pt-BR"));
  CHECK(tag_matches("fr-FR", "fr"));
  CHECK_FALSE(tag_matches("en", "fr"));
  CHECK_FALSE(tag_matches("", "fr"));
  Gold g;
  g.language = "tl";
  g.language_also = {"fil"};
  CHECK(language_ok("fil", g));
  CHECK(language_ok("tl-PH", g));
  CHECK_FALSE(language_ok("en-PH", g));
}

TEST_CASE("English labels: only those the output has more often than the source", "[i18n]") {
  std::vector<Label> labels;
  for (const char* t : {"Key points", "Important", "Summary", "Summary sheet"}) {
    Label l;
    l.text = t;
    l.words = words_of(t, false);
    if (l.text == "Important") l.also_right_in = {"fr"};
    labels.push_back(l);
  }
  const auto found = english_labels_in("Summary sheet\nKey points\nPuntos clave", "Puntos clave", labels, "es");
  CHECK(found == std::vector<std::string>{"\"Key points\" \xC3\x97" "1", "\"Summary sheet\" \xC3\x97" "1"});
  // A word the source itself uses, and a word that is also French, are not generated labels.
  CHECK(english_labels_in("Key points: Key points", "Key points", labels, "es").size() == 1);
  CHECK(english_labels_in("Key points", "Key points", labels, "es").empty());
  CHECK(english_labels_in("Important : buvez", "buvez", labels, "fr").empty());
  CHECK(english_labels_in("Important: drink", "drink", labels, "es").size() == 1);
}

TEST_CASE("visual order: RTL lines read right to left, Latin runs left to right", "[i18n]") {
  // "تناول paracetamol 500 mg كل 6 ساعات" laid out right to left: on the page, from the left,
  // ساعات 6 كل paracetamol 500 mg تناول.
  const std::string take = "\xD8\xAA\xD9\x86\xD8\xA7\xD9\x88\xD9\x84", every = "\xD9\x83\xD9\x84",
                    hours = "\xD8\xB3\xD8\xA7\xD8\xB9\xD8\xA7\xD8\xAA";
  const Words expected = keyed(words_of(take + " paracetamol 500 mg " + every + " 6 " + hours));
  ScratchFile right(bbox_line({{0, hours}, {20, "6"}, {30, every}, {50, "paracetamol"}, {90, "500"}, {110, "mg"}, {130, take}}));
  const auto good = visual_words(right.path, true);
  REQUIRE(good);
  CHECK(words_in_order(expected, *good) == expected.size());
  // The words laid out left to right in logical order (today's handout): not the right order.
  ScratchFile wrong(bbox_line({{0, take}, {20, "paracetamol"}, {60, "500"}, {80, "mg"}, {100, every}, {120, "6"}, {130, hours}}));
  const auto bad = visual_words(wrong.path, true);
  REQUIRE(bad);
  CHECK(words_in_order(expected, *bad) < expected.size());
  // Letter order inside a word does not matter here (tools extract RTL letters either way).
  ScratchFile reversed_letters(bbox_line({{0, "\xD8\xAA\xD8\xA7\xD8\xB9\xD8\xA7\xD8\xB3"}}));  // تاعاس
  CHECK(words_in_order(keyed(words_of(hours)), *visual_words(reversed_letters.path, true)) == 1);
  CHECK_FALSE(visual_words("/nonexistent/file.html", true));
}

TEST_CASE("DocBook body text: title and body, no metadata, footnotes or text alternatives", "[i18n]") {
  pugi::xml_document doc;
  REQUIRE(doc.load_string(
      "<article xmlns='http://docbook.org/ns/docbook'><info><title>Fever</title><pubdate>2026-01-01</pubdate>"
      "<abstract><para>Summary words</para></abstract></info>"
      "<para>Drink<footnote><para>noted</para></footnote> water.</para><para>Rest<emphasis>ing</emphasis></para>"
      "<mediaobject><textobject><phrase>a picture</phrase></textobject></mediaobject></article>"));
  std::string body, whole;
  body_text(doc.document_element(), body);
  all_text(doc.document_element(), whole);
  CHECK(texts(words_of(body)) == std::vector<std::string>{"fever", "drink", "water", "resting"});
  CHECK(contains_run(words_of(whole), "Summary words"));
}

TEST_CASE("a gold file missing a key says so", "[i18n]") {
  ScratchFile gold("language: es\ntitle: Fiebre\n");
  const Gold g = load_gold("x", "x.md", gold.path);
  CHECK(g.language == "es");
  CHECK(g.problems.size() == 3);  // direction, date, english_labels_forbidden
  CHECK_FALSE(load_gold("x", "x.md", "/nonexistent/x.gold.yaml").problems.empty());
}
