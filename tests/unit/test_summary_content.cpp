#include "transforms/summary_content.hpp"
#include "text/text.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace handout;
using handout::test::count;
using handout::test::markdown;

TEST_CASE("split_sentences respects abbreviations, initials and decimals", "[text]") {
  CHECK(text::split_sentences("Take 2.5 mg daily. See Dr. Lee, e.g. on Monday! Ask J. Smith? Yes.") ==
        std::vector<std::string>{"Take 2.5 mg daily.", "See Dr. Lee, e.g. on Monday!", "Ask J. Smith?", "Yes."});
  CHECK(text::split_sentences("He said \"stop.\" Then left.") ==
        std::vector<std::string>{"He said \"stop.\"", "Then left."});
  CHECK(text::split_sentences("no end mark") == std::vector<std::string>{"no end mark"});
  CHECK(text::split_sentences("  ").empty());
}

TEST_CASE("front matter summary and key points win", "[summary]") {
  Document doc = markdown(
      "---\ntitle: T\nsummary: The main message.\nkey-points: [One., Two., Three.]\n---\n"
      "Intro.\n\n## Section\n\nBody.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.main_message == "The main message.");
  CHECK(c.key_points == std::vector<std::string>{"One.", "Two.", "Three."});
  // Explicit key points are shown in the body, before the first section, and leave the metadata.
  CHECK(count(doc, "/article/sidebar[@role='key-points'][following-sibling::section]/itemizedlist[@role='key-points']/listitem") == 3);
  CHECK(count(doc, "//bibliomisc[@role='meta:key-points']") == 0);
}

TEST_CASE("a summary section gives the main message and its bullets are the key points", "[summary]") {
  Document doc = markdown(
      "# Flu\n\nIntro sentence.\n\n## In short\n\nGet a flu shot every year. It is quick.\n\n"
      "- Shots are safe.\n- They cut your risk.\n- Ask at any pharmacy.\n\n## Details\n\nMore.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.main_message == "Get a flu shot every year. It is quick.");
  CHECK(c.key_points == std::vector<std::string>{"Shots are safe.", "They cut your risk.", "Ask at any pharmacy."});
  CHECK(count(doc, "//section[title='In short']/itemizedlist[@role='key-points']") == 1);
}

TEST_CASE("without a summary: first sentences of the intro and of each section", "[summary]") {
  Document doc = markdown(
      "# Sleep\n\nAdults need seven or more hours of sleep. Too little sleep affects mood. A third sentence.\n\n"
      "## Keep a schedule\n\nGo to bed at the same time. Even on weekends.\n\n"
      "## Limit screens\n\nStop screens an hour before bed. Blue light keeps you up.\n\n"
      "## Watch caffeine\n\nAvoid coffee after noon.\n\n## References\n\nA list.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.main_message == "Adults need seven or more hours of sleep. Too little sleep affects mood. A third sentence.");
  CHECK(c.key_points ==
        std::vector<std::string>{"Go to bed at the same time.", "Stop screens an hour before bed.", "Avoid coffee after noon."});
  // Inferred key points stay out of the body.
  CHECK(count(doc, "/article/info/abstract[@role='key-points']/para") == 3);
  CHECK(count(doc, "//itemizedlist[@role='key-points']") == 0);
}

TEST_CASE("a document with no structure still gets a main message and points", "[summary]") {
  Document doc = markdown("Just one paragraph. It has three sentences. The end.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.main_message == "Just one paragraph. It has three sentences. The end.");
  CHECK(c.key_points.empty());  // every sentence is already the main message
}

TEST_CASE("the main message is cut at a sentence boundary near 45 words", "[summary]") {
  std::string intro;
  for (int i = 0; i < 10; ++i) intro += "This sentence has exactly seven words here. ";
  Document doc = markdown("# T\n\n" + intro + "\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(text::split_words(c.main_message).size() == 42);
  CHECK(c.main_message.back() == '.');
}

TEST_CASE("questions come from a questions section or from front matter", "[summary]") {
  Document in_place = markdown("# T\n\nX.\n\n## Questions to ask your doctor\n\n- Is it safe?\n- How long?\n");
  CHECK(read_summary_content(in_place).questions == std::vector<std::string>{"Is it safe?", "How long?"});
  CHECK(count(in_place, "//section[@role='questions']") == 1);

  Document given = markdown("---\ntitle: T\nquestions:\n  - What dose?\n  - Any side effects?\n---\nBody.\n");
  CHECK(read_summary_content(given).questions == std::vector<std::string>{"What dose?", "Any side effects?"});
  CHECK(count(given, "/article/section[@role='questions'][@xml:id]/itemizedlist/listitem") == 2);

  Document none = markdown("# T\n\nNothing to ask.\n");
  CHECK(read_summary_content(none).questions.empty());
}

TEST_CASE("the glossary takes defined terms, shortest definitions first, at most six", "[summary]") {
  Document doc = markdown(
      "# Terms\n\n"
      "An *inhaler* is a device that sends medicine into the lungs.\n\n"
      "**Spacer**: a tube that makes an inhaler easier to use.\n\n"
      "Asthma is a long-term condition of the airways that makes breathing hard at times.\n\n"
      "Wheezing, meaning a whistling sound when you breathe.\n\n"
      "It is a good idea to rest.\n\n"
      "Term one\n: definition list entry here.\n\n"
      "Peak flow\n: how fast you can breathe out.\n");
  SummaryContent c = read_summary_content(doc);
  std::vector<std::string> terms;
  for (const auto& e : c.glossary) terms.push_back(e.term);
  CHECK(std::find(terms.begin(), terms.end(), "inhaler") != terms.end());
  CHECK(std::find(terms.begin(), terms.end(), "Spacer") != terms.end());
  CHECK(std::find(terms.begin(), terms.end(), "Asthma") != terms.end());
  CHECK(std::find(terms.begin(), terms.end(), "Wheezing") != terms.end());
  CHECK(std::find(terms.begin(), terms.end(), "It") == terms.end());
  for (std::size_t i = 1; i < c.glossary.size(); ++i) {
    CHECK(text::length(c.glossary[i - 1].definition) <= text::length(c.glossary[i].definition));
  }
  CHECK(c.glossary.size() <= 6);
  const auto inhaler = std::find_if(c.glossary.begin(), c.glossary.end(), [](auto& e) { return e.term == "inhaler"; });
  REQUIRE(inhaler != c.glossary.end());
  CHECK(inhaler->definition == "a device that sends medicine into the lungs.");
}

TEST_CASE("updated date, source and copyright are carried", "[summary]") {
  Document doc = markdown(
      "---\ntitle: T\ndate: 2026-01-02\nupdated: 2026-03-04\nsource: https://example.org/t\n"
      "copyright: \"\xC2\xA9 2026 Test Clinic.\"\n---\nBody.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.updated == "2026-03-04");
  CHECK(c.source_url == "https://example.org/t");
  CHECK(c.copyright == "\xC2\xA9 2026 Test Clinic.");
}

TEST_CASE("selection runs once: a second pass adds nothing", "[summary]") {
  Diagnostics diag("t.md");
  Document doc = markdown("---\ntitle: T\nkey-points: [A., B., C.]\nquestions: [\"Q?\"]\n---\n# T\n\nAn *x* is a thing we define.\n", diag);
  const std::string before = test::xml_of(doc.article());
  select_summary_content(doc, TransformOptions{}, diag);
  CHECK(test::xml_of(doc.article()) == before);
}
