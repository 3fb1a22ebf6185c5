// Reading statistics over the tree: words, sentences, syllables, reading time, grade.
#include "transforms/reading_stats.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace handout;

TEST_CASE("reading stats: words and sentences of the body only", "[reading]") {
  const Document doc = test::markdown(
      "---\ntitle: Many words in the title\nsummary: And in the summary too.\n---\n\n"
      "Take one tablet. Drink water!\n\n- Call us\n- Rest\n\nA note.[^1]\n\n[^1]: Footnotes are not counted here.\n");
  const ReadingStats s = reading_stats(doc);
  CHECK(s.words == 10);      // Take one tablet Drink water Call us Rest A note
  CHECK(s.sentences == 5);   // two in the paragraph, one per list item, one more
  CHECK(s.minutes == 1);
  CHECK(s.grade >= 0);
}

TEST_CASE("reading stats: headings and table cells end sentences", "[reading]") {
  const Document doc = test::markdown("# Title\n\n## Your medicines\n\n| When | What |\n|---|---|\n| Morning | One tablet |\n");
  const ReadingStats s = reading_stats(doc);
  CHECK(s.words == 7);
  CHECK(s.sentences == 5);
}

TEST_CASE("reading stats: harder text has a higher grade", "[reading]") {
  const ReadingStats easy = reading_stats(test::markdown("# T\n\nWe eat. We walk. We rest. We sleep.\n"));
  const ReadingStats hard = reading_stats(test::markdown(
      "# T\n\nPharmacological interventions necessitate comprehensive individualized evaluation considering "
      "comorbidities, contraindications, and anticipated therapeutic effectiveness.\n"));
  CHECK(easy.grade == 0.0);
  CHECK(hard.grade > 16.0);
  CHECK(reading_stats(test::markdown("# Only a title\n")).words == 0);
  CHECK(reading_stats(test::markdown("# Only a title\n")).minutes == 0);
}

TEST_CASE("reading stats: reading time rounds up at 200 words a minute", "[reading]") {
  std::string text = "# T\n\n";
  for (int i = 0; i < 201; ++i) text += "word ";
  CHECK(reading_stats(test::markdown(text)).minutes == 2);
}

TEST_CASE("syllables: English estimates", "[reading]") {
  CHECK(count_syllables("cat") == 1);
  CHECK(count_syllables("Table") == 2);
  CHECK(count_syllables("medicine") == 3);
  CHECK(count_syllables("used") == 1);
  CHECK(count_syllables("water,") == 2);
  CHECK(count_syllables("beautiful") == 3);
  CHECK(count_syllables("yes") == 1);
  CHECK(count_syllables("2026") == 1);
  CHECK(count_syllables("—") == 0);
}
