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

TEST_CASE("reading stats: a formula made for the document's language, or none", "[reading]") {
  const ReadingStats en = reading_stats(test::markdown("---\nlang: en-US\n---\n\nWe eat. We walk. We rest.\n"));
  CHECK(en.formula == "Flesch-Kincaid");
  CHECK(en.level() == "grade 0.0");
  // Spanish: INFLESZ. Short words and sentences read easy, long ones hard.
  const ReadingStats es_easy = reading_stats(test::markdown("---\nlang: es\n---\n\nBeba agua. Coma poco. Duerma bien.\n"));
  const ReadingStats es_hard = reading_stats(test::markdown(
      "---\nlang: es\n---\n\nLas intervenciones farmacológicas necesitan una evaluación individualizada "
      "considerando comorbilidades, contraindicaciones y efectividad terapéutica anticipada.\n"));
  CHECK(es_easy.formula == "INFLESZ");
  CHECK(es_easy.grade == 0.0);  // no English grade for Spanish
  CHECK(es_easy.ease > 80.0);
  CHECK(es_hard.ease < 40.0);
  CHECK(es_hard.level().rfind("INFLESZ ", 0) == 0);
  CHECK(reading_stats(test::markdown("---\nlang: fr\n---\n\nBuvez de l'eau. Reposez-vous.\n")).formula == "Kandel-Moles");
  CHECK(reading_stats(test::markdown("---\nlang: pt-BR\n---\n\nBeba água. Descanse.\n")).formula == "Flesch-Martins");
  CHECK(reading_stats(test::markdown("---\nlang: ru\n---\n\nПейте воду. Отдыхайте.\n")).formula == "Flesch-Oborneva");
  // Vietnamese: no formula here, and no English figure either.
  const ReadingStats vi = reading_stats(test::markdown("---\nlang: vi\n---\n\nUống nhiều nước. Nghỉ ngơi.\n"));
  CHECK(vi.formula.empty());
  CHECK(vi.grade == 0.0);
  CHECK(vi.syllables == 0);
  CHECK(vi.level() == "not available");
  CHECK(vi.words == 5);
}

TEST_CASE("syllables: vowel groups of the language", "[reading]") {
  CHECK(count_syllables("medicamento", "es") == 5);
  CHECK(count_syllables("agua", "es") == 2);  // gua: one group
  CHECK(count_syllables("rapide", "fr") == 2);
  CHECK(count_syllables("rapides", "fr") == 2);
  CHECK(count_syllables("вода", "ru") == 2);
  CHECK(count_syllables("água", "pt-BR") == 2);
  CHECK(count_syllables("nước", "vi") == 0);
  CHECK(count_syllables("water", "en") == 2);
}
