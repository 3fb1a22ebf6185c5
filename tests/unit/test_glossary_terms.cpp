// Words to know: the forms definitions take, and what is refused.
#include "transforms/glossary_terms.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace handout;

namespace {

/// The single definition a sentence gives, as "term: definition", or "" when it gives none.
std::string defined(std::string_view sentence, std::string_view emphasized = {}) {
  const std::vector<GlossaryEntry> found = definitions_in(sentence, emphasized);
  return found.empty() ? std::string() : found.front().term + ": " + found.front().definition;
}

std::vector<std::string> terms(const Document& doc) {
  std::vector<std::string> out;
  for (const GlossaryEntry& e : find_glossary(doc)) out.push_back(e.term);
  return out;
}

}  // namespace

TEST_CASE("definition forms: is a, means, happens when, is + noun phrase, apposition", "[glossary]") {
  CHECK(defined("A biopsy is a small sample of tissue taken for testing.") ==
        "biopsy: a small sample of tissue taken for testing");
  CHECK(defined("Heart failure means your heart does not pump as well as it should.") ==
        "Heart failure: your heart does not pump as well as it should");
  CHECK(defined("A stroke happens when blood flow to part of the brain is blocked.") ==
        "stroke: when blood flow to part of the brain is blocked");
  CHECK(defined("Angina is chest pain caused by reduced blood flow to the heart.") ==
        "Angina: chest pain caused by reduced blood flow to the heart");
  CHECK(defined("Iron is needed to make hemoglobin, the protein in red blood cells that carries oxygen.") ==
        "hemoglobin: the protein in red blood cells that carries oxygen");
  CHECK(defined("Shingles, also known as herpes zoster, is a viral infection that causes a rash.") ==
        "Shingles: a viral infection that causes a rash");
  CHECK(defined("A spacer (also called a holding chamber) is a plastic tube for an inhaler.") ==
        "spacer: a plastic tube for an inhaler");
  CHECK(defined("Spacer: a tube that makes an inhaler easier to use.", "Spacer") ==
        "Spacer: a tube that makes an inhaler easier to use");
}

TEST_CASE("not definitions: clauses, lists, subordinate clauses, adjectives, labels", "[glossary]") {
  CHECK(defined("Recovery is slowest in the first weeks after surgery.").empty());
  CHECK(defined("Pneumonia is common in older adults and young children.").empty());
  CHECK(defined("After a person has had chickenpox, the virus stays inactive in nerve cells.").empty());
  CHECK(defined("Do not walk into the clinic, an urgent care center or an emergency room.").empty());
  CHECK(defined("Treatment includes cleaning the wound, an antitoxin, antibiotics, rest and fluids.").empty());
  CHECK(defined("Speech difficulty: speech is slurred or strange.", "Speech difficulty").empty());
  CHECK(defined("Alcohol: keep it to small amounts, or none.", "Alcohol").empty());
  CHECK(defined("Less salt: most salt comes from bread and soups.", "Less salt").empty());
  CHECK(defined("Spacer: a tube for the inhaler.").empty());  // "X: ..." needs emphasis on X
  CHECK(defined("People who are pregnant are at higher risk and should call us.").empty());
  CHECK(defined("It is a good idea to rest.").empty());
}

TEST_CASE("find_glossary: definition lists, the title's subject, terms used again", "[glossary]") {
  Document doc = test::markdown(
      "# How to use an insulin pen\n\n"
      "An insulin pen holds a cartridge of insulin and lets you dial the dose. Sample text.\n\n"
      "A lancet is a small needle for a finger prick. Ketones are mentioned once here, "
      "a word for acids the body makes.\n\n"
      "Keep the insulin pen cool. Use a new lancet each time.\n");
  const std::vector<std::string> t = terms(doc);
  CHECK(std::find(t.begin(), t.end(), "lancet") != t.end());
  CHECK(std::find(t.begin(), t.end(), "insulin pen") != t.end());
  CHECK(std::find(t.begin(), t.end(), "Ketones") == t.end());
  // A more certain form first: "X is a ..." before a subject defined by what it does.
  CHECK(std::find(t.begin(), t.end(), "lancet") < std::find(t.begin(), t.end(), "insulin pen"));

  Document wiki_like = test::markdown("# T\n\nFerroptosis: The Rusty Death\n\nA note about ferroptosis.\n");
  CHECK(terms(wiki_like).empty());
}
