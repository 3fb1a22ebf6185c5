// Sentence ranking: LexRank centrality over idf-weighted cosine similarity, with the title,
// heading and location cues.
#include "transforms/sentence_rank.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <string>

using namespace handout;

TEST_CASE("rank terms: lower case, no function words, plural s stripped", "[rank]") {
  CHECK(rank_terms("The Nurses check YOUR blood pressure, and it's fine.") ==
        std::vector<std::string>{"nurse", "check", "blood", "pressure", "fine"});
  CHECK(rank_terms("The doctor's advice") == std::vector<std::string>{"doctor", "advice"});
  CHECK(rank_terms("Glass, gas, bus").size() == 3);  // "glass" keeps its double s
  CHECK(rank_terms("the a of").empty());
  CHECK(rank_terms("Café naïve") == std::vector<std::string>{"café", "naïve"});
}

TEST_CASE("similarity is 1 for the same sentence, 0 for unrelated ones, and symmetric", "[rank]") {
  const SentenceGraph g({"Salt raises blood pressure.", "Salt raises blood pressure.", "Walking helps sleep.",
                         "Blood pressure rises with salt and stress."});
  CHECK(g.similarity(0, 1) == Approx(1));
  CHECK(g.similarity(0, 2) == 0);
  CHECK(g.similarity(0, 3) > 0.3);
  CHECK(g.similarity(0, 3) == Approx(g.similarity(3, 0)));
  CHECK(g.overlap(0, "Your blood pressure") == Approx(0.5));  // salt, raise, blood, pressure
}

TEST_CASE("LexRank: the sentence that shares most with the others is the most central", "[rank]") {
  const std::vector<std::string> s = {
      "Salt raises blood pressure in many people.",
      "Blood pressure that stays high strains the heart.",
      "Less salt and more walking lower blood pressure.",
      "Cats like warm windows.",
      "Blood pressure, salt and walking are linked: less salt lowers blood pressure.",
  };
  const SentenceGraph g(s);
  const std::vector<double> c = g.centrality(0.85, 0.1);
  REQUIRE(c.size() == s.size());
  CHECK(std::accumulate(c.begin(), c.end(), 0.0) == Approx(1));
  CHECK(std::max_element(c.begin(), c.end()) - c.begin() == 4);
  CHECK(std::min_element(c.begin(), c.end()) - c.begin() == 3);
}

TEST_CASE("title and location cues lift a sentence among equals", "[rank]") {
  const std::vector<std::string> s = {"Apples grow on trees.", "Pears grow on trees.", "Plums grow on trees."};
  std::vector<SentencePlace> places(3);
  std::vector<double> r = rank_sentences(s, places, "Pears");
  CHECK(std::max_element(r.begin(), r.end()) - r.begin() == 1);
  places[2].opens_section = true;
  r = rank_sentences(s, places, "Fruit");
  CHECK(std::max_element(r.begin(), r.end()) - r.begin() == 2);
  places[2] = {};
  places[0].heading = "Apples";
  r = rank_sentences(s, places, "Fruit");
  CHECK(std::max_element(r.begin(), r.end()) - r.begin() == 0);
}

TEST_CASE("ranking is capped: sentences past the limit score 0 and cost nothing", "[rank]") {
  std::vector<std::string> s;
  for (std::size_t i = 0; i < kMaxRankedSentences + 50; ++i) s.push_back("Sentence number " + std::to_string(i) + " about tea.");
  const std::vector<double> r = rank_sentences(s, {}, "Tea");
  REQUIRE(r.size() == s.size());
  CHECK(r[kMaxRankedSentences - 1] > 0);
  CHECK(r[kMaxRankedSentences] == 0);
  CHECK(SentenceGraph(s).size() == kMaxRankedSentences);
  CHECK(rank_sentences({}, {}, "x").empty());
}
