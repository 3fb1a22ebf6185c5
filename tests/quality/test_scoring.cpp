// The quality scorer checks itself: normalisation, tokens, each matching rule, sheets and trees
// scored by hand, and every gold file of the corpus read and checked against its source.
#include "scoring.hpp"
#include "source_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace handout;
using namespace handout::quality;

namespace {

using Tokens = std::vector<std::string>;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Document parse_docbook(const char* xml) {
  Document doc;
  REQUIRE(doc.xml().load_string(xml));
  return doc;
}

}  // namespace

TEST_CASE("normalize: NFC, case folded, plain quotes and dashes, spaces, final punctuation", "[quality]") {
  CHECK(normalize("Caf\x65\xCC\x81 AU  LAIT.") == "caf\xC3\xA9 au lait");  // e + combining acute = é
  CHECK(normalize("\xE2\x80\x9CMaybe he\xE2\x80\x99s tired\xE2\x80\x9D") == "\"maybe he's tired\"");
  CHECK(normalize("Mon\xE2\x80\x93" "Fri \xE2\x80\x94 closed") == "mon-fri - closed");
  CHECK(normalize("  Questions?  ") == "questions");
  CHECK(normalize("Use this time to: ") == "use this time to");
  CHECK(normalize("a\xC2\xA0\tb\n c") == "a b c");
  CHECK(normalize("") == "");
}

TEST_CASE("tokens: words, inner apostrophes and hyphens, numbers with . and ,", "[quality]") {
  CHECK(tokens("It's a fever over 101\xC2\xB0" "F (38.3\xC2\xB0" "C).") == Tokens{"it's", "a", "fever", "over", "101\xC2\xB0" "f", "38.3\xC2\xB0" "c"});
  CHECK(tokens("Aim for 2,000 mg -- fiber-rich foods, 7%.") == Tokens{"aim", "for", "2,000", "mg", "fiber-rich", "foods", "7%"});
  CHECK(tokens("Home \xE2\x80\xBA Conditions \xE2\x80\xBA Asthma") == Tokens{"home", "conditions", "asthma"});
  CHECK(tokens("'''Pneumonia''' is [[lung]] **bad**") == Tokens{"pneumonia", "is", "lung", "bad"});
  CHECK(tokens("\xF0\x9F\x91\x8D \xF0\x9F\x91\x8E").empty());
  CHECK(tokens("end. Next").size() == 2);
}

TEST_CASE("token_share counts with multiplicity, contains_run finds contiguous runs", "[quality]") {
  CHECK(token_share({"a", "a", "b"}, {"a", "b"}) == Approx(2.0 / 3.0));
  CHECK(token_share({}, {"a"}) == 0.0);
  CHECK(contains_run({"x", "a", "b", "y"}, {"a", "b"}));
  CHECK_FALSE(contains_run({"a", "x", "b"}, {"a", "b"}));
  CHECK_FALSE(contains_run({"a"}, {}));
}

TEST_CASE("strip_numbering drops section numbers, not digit-led words", "[quality]") {
  CHECK(strip_numbering("3. During the visit") == "During the visit");
  CHECK(strip_numbering("3.1 Before you go") == "Before you go");
  CHECK(strip_numbering("2) Aftercare") == "Aftercare");
  CHECK(strip_numbering("4.2.1. Deep") == "Deep");
  CHECK(strip_numbering("2 to 4 weeks before surgery") == "2 to 4 weeks before surgery");
  CHECK(strip_numbering("1 Signs and symptoms") == "1 Signs and symptoms");
  CHECK(strip_numbering("2026") == "2026");
  CHECK(strip_numbering("3.") == "3.");
  CHECK(same_heading("1. What causes type 2 diabetes", "What causes type 2 diabetes"));
  CHECK(same_heading("\xE2\x80\x9CMaybe he\xE2\x80\x99s just tired\xE2\x80\x9D", "\"Maybe he's just tired\""));
  CHECK_FALSE(same_heading("Signs and symptoms[edit]", "Signs and symptoms"));
  CHECK_FALSE(same_heading("", ""));
}

TEST_CASE("item_matches: whole or cut statements match, lead-ins and fragments do not", "[quality]") {
  const std::string gold = "Most people can drive again 4 to 6 weeks after surgery, once they are off opioid pain medicine.";
  CHECK(item_matches("Most people can drive again 4 to 6 weeks after surgery, once they are off opioid pain medicine.", gold));
  CHECK(item_matches("Most people can drive again 4 to 6 weeks after surgery", gold));
  CHECK(item_matches("\xE2\x80\x9CMost people can drive again\xE2\x80\x9D 4 to 6 weeks after surgery.", gold));
  // A lead-in never matches, even when its words are in a gold text.
  CHECK_FALSE(item_matches("Call your doctor right away if you have:", "Call your doctor right away if you have a fever."));
  CHECK(item_matches("Call your doctor right away if you have a fever.", "Call your doctor right away if you have a fever."));
  // More than a fifth of the words come from elsewhere.
  CHECK_FALSE(item_matches("Most people can drive again after knee surgery, but ask your surgeon and your therapist first.", gold));
  CHECK_FALSE(item_matches("Share this page with your family.", gold));
  // Short items must equal the gold text.
  CHECK(item_matches("Heavier periods", "Heavier periods."));
  CHECK_FALSE(item_matches("Most people", gold));
  CHECK_FALSE(item_matches("", gold));
  CHECK_FALSE(item_matches("   ", ""));
}

TEST_CASE("safety_found: a gold danger sign inside a longer sheet item", "[quality]") {
  CHECK(safety_found("Black or tarry stools", "Call your doctor right away if you have black or tarry stools, or red urine."));
  CHECK(safety_found("Vomiting", "Severe belly pain; vomiting; a fever of 100.4\xC2\xB0" "F"));
  CHECK_FALSE(safety_found("Black or tarry stools", "Call your doctor right away if you have red urine."));
  CHECK_FALSE(safety_found("Chest pain", ""));
}

TEST_CASE("main_message_matches needs most words from the alternative and half of it", "[quality]") {
  const std::string alt = "Warfarin is a blood thinner. It lowers the chance of harmful blood clots forming in your legs, lungs, heart or brain.";
  CHECK(main_message_matches(alt, alt));
  CHECK(main_message_matches("Warfarin is a blood thinner. It lowers the chance of harmful blood clots.", alt));
  CHECK_FALSE(main_message_matches("Warfarin is a blood thinner.", alt));  // covers under half
  CHECK_FALSE(main_message_matches("We use cookies to give you the best experience on our site.", alt));
  CHECK_FALSE(main_message_matches("By the Pharmacy Editorial Team | Updated January 14, 2026", alt));
  CHECK_FALSE(main_message_matches("", alt));
}

TEST_CASE("glossary_matches: term forms and the start of the definition", "[quality]") {
  CHECK(glossary_matches("An asthma action plan", "a written plan, made with your doctor, that...", "asthma action plan",
                         "a written plan, made with your doctor"));
  CHECK(glossary_matches("Polyps", "small growths that can turn into cancer", "polyps|polyp", "small growths that can turn into cancer over time"));
  CHECK(glossary_matches("T cell", "immune cells that can attach to a cancer cell and trigger its death", "T cells",
                         "immune cells that can attach to a cancer cell"));
  CHECK(glossary_matches("CPAP", "a small bedside pump that blows air", "CPAP machine|CPAP", "a small bedside pump that blows air through a mask"));
  // A nickname from a heading is not the definition.
  CHECK_FALSE(glossary_matches("Apoptosis", "The Quiet Exit", "apoptosis", "a planned, orderly form of cell death"));
  // A circular definition does not start like the real one.
  CHECK_FALSE(glossary_matches("Necrosis", "necrosis can happen in large tumors", "necrosis", "cell death caused by injury"));
  CHECK_FALSE(glossary_matches("Join cardiac rehab", "Most people can start a program", "cardiac rehabilitation",
                               "a supervised program of exercise"));
  CHECK_FALSE(glossary_matches("", "anything", "x", "anything"));
}

TEST_CASE("furniture_left: equal blocks, long lines inside blocks, not words of the article", "[quality]") {
  const std::vector<std::string> blocks = {"Share", "Take your dose at the same time.", "Share your plan with your family.",
                                           "Privacy Policy | Terms of Use | Careers | Sitemap", "\xF0\x9F\x91\x8D \xF0\x9F\x91\x8E"};
  CHECK(furniture_left("Share", blocks));
  CHECK(furniture_left("Share:", blocks));
  CHECK(furniture_left("Privacy Policy | Terms of Use | Careers", blocks));
  CHECK_FALSE(furniture_left("Print this page", blocks));
  CHECK_FALSE(furniture_left("Careers", blocks));  // only inside a longer block
  CHECK_FALSE(furniture_left("your family", blocks));
  CHECK(furniture_left("\xF0\x9F\x91\x8D \xF0\x9F\x91\x8E", blocks));
  // A header line found only inside a footer line that holds it is the footer's, not left.
  const std::vector<std::string> footer = {"Printed from Northgate Health Patient Portal", "Northgate Health Patient Portal"};
  CHECK_FALSE(furniture_left("Northgate Health Patient Portal", {"Printed from Northgate Health Patient Portal"}, footer));
  CHECK(furniture_left("Northgate Health Patient Portal", {"Printed from Northgate Health Patient Portal"}));
  CHECK(furniture_left("Northgate Health Patient Portal", {"Northgate Health Patient Portal Back to visit summary"}, footer));
}

TEST_CASE("content_kept: long texts anywhere in the body, short ones as a block or a sentence", "[quality]") {
  const std::vector<std::string> blocks = {"Yes. Whole fruit has fiber and vitamins.", "Cough", "High fever Runny nose",
                                           "Some pain and swelling are normal", "for several weeks.",
                                           "No. Genes play a part. Tiredness. Blurred vision"};
  CHECK(content_kept("Whole fruit has \xE2\x80\x9C" "fiber\xE2\x80\x9D and vitamins", blocks));
  CHECK(content_kept("Some pain and swelling are normal for several weeks.", blocks));  // split across blocks
  CHECK(content_kept("Yes.", blocks));
  CHECK(content_kept("Cough", blocks));
  CHECK_FALSE(content_kept("Runny nose", blocks));  // merged into another item
  CHECK(content_kept("No.", blocks));  // "No." is also an abbreviation for the text splitter
  CHECK(content_kept("Tiredness", blocks));
  CHECK(content_kept("Blurred vision", blocks));
  CHECK_FALSE(content_kept("Maybe.", blocks));
  CHECK_FALSE(content_kept("Genes", blocks));
  CHECK_FALSE(content_kept("Drink plenty of fluids every day.", blocks));
  CHECK_FALSE(content_kept("fever", blocks));
}

TEST_CASE("callout_starts_with drops the call-out's own label", "[quality]") {
  CHECK(callout_starts_with("Warning: Warfarin can cause serious bleeding.", "Warfarin can cause serious bleeding"));
  CHECK(callout_starts_with("Warfarin can cause serious bleeding. Know the signs.", "Warfarin can cause"));
  CHECK_FALSE(callout_starts_with("Know the signs. Warfarin can cause serious bleeding.", "Warfarin can cause"));
  CHECK_FALSE(callout_starts_with("Short", "Short text that is longer"));
}

namespace {

Gold sheet_gold() {
  Gold g;
  g.title = "T";
  g.main_message = std::vector<std::string>{"Warfarin is a blood thinner that lowers the chance of harmful clots."};
  g.key_points = std::vector<std::string>{"Take warfarin at the same time each day.", "Limit alcohol, because it can change your INR."};
  g.questions = std::vector<std::string>{"What is my target INR range?"};
  g.glossary = std::vector<GoldTerm>{{"INR", "a measure of how quickly your blood forms a clot"}};
  g.safety = std::vector<std::string>{"Black or tarry stools", "Bleeding that will not stop"};
  return g;
}

}  // namespace

TEST_CASE("score_sheet: an empty sheet scores 0 precision and recall", "[quality]") {
  const SheetScore s = score_sheet(SummaryContent{}, sheet_gold());
  CHECK(s.key_points.hit == 0);
  CHECK(s.key_points.total == 1);
  CHECK(s.key_points.value() == 0.0);
  CHECK(s.questions.total == 1);
  CHECK(s.questions.hit == 0);
  CHECK(s.glossary.total == 1);
  CHECK(s.glossary.hit == 0);
  CHECK(s.safety.hit == 0);
  CHECK(s.safety.total == 2);
  REQUIRE(s.main_message);
  CHECK_FALSE(*s.main_message);
  CHECK_FALSE(s.misses.empty());
}

TEST_CASE("score_sheet: a right sheet scores full, a wrong one is counted item by item", "[quality]") {
  SummaryContent good;
  good.main_message = "Warfarin is a blood thinner that lowers the chance of harmful clots.";
  good.key_points = {"Take warfarin at the same time each day.", "Limit alcohol, because it can change your INR."};
  good.questions = {"What is my target INR range?"};
  good.glossary = {{"INR", "a measure of how quickly your blood forms a clot."}};
  good.safety = {"Call your doctor right away if you have black or tarry stools or bleeding that will not stop."};
  SheetScore s = score_sheet(good, sheet_gold());
  CHECK(s.key_points.hit == 2);
  CHECK(s.key_points.total == 2);
  CHECK(s.questions.hit == 1);
  CHECK(s.glossary.hit == 1);
  CHECK(s.safety.hit == 2);
  CHECK(*s.main_message);
  CHECK(s.misses.empty());

  SummaryContent bad = good;
  bad.main_message = "We use cookies to improve your experience.";
  bad.key_points = {"Side effects include:", "Take warfarin at the same time each day.", "Share this page"};
  bad.questions = {"Common side effects include bruising."};
  bad.safety.clear();
  s = score_sheet(bad, sheet_gold());
  CHECK(s.key_points.hit == 1);
  CHECK(s.key_points.total == 3);
  CHECK(s.questions.hit == 0);
  CHECK(s.questions.total == 1);
  CHECK(s.safety.hit == 0);
  CHECK_FALSE(*s.main_message);

  // A safety item shown as a key point is found there, and is a right key point.
  bad.key_points.push_back("Bleeding that will not stop.");
  s = score_sheet(bad, sheet_gold());
  CHECK(s.safety.hit == 1);
  CHECK(s.key_points.hit == 2);
  CHECK(s.key_points.total == 4);
  bad.key_points.push_back("If you see black or tarry stools after a fall, call your doctor right away.");
  CHECK(score_sheet(bad, sheet_gold()).key_points.hit == 3);
}

TEST_CASE("score_sheet: generated questions are not the source's", "[quality]") {
  SummaryContent sheet;
  sheet.questions = {"What is my main problem?"};
  sheet.questions_generated = true;
  Gold with = sheet_gold();
  SheetScore s = score_sheet(sheet, with);
  CHECK(s.generated_questions_against_gold);
  CHECK(s.questions.total == 1);  // none of the source's questions shown
  CHECK(s.questions.hit == 0);
  Gold without = sheet_gold();
  without.questions = std::vector<std::string>{};
  s = score_sheet(sheet, without);
  CHECK_FALSE(s.generated_questions_against_gold);
  CHECK(s.questions.total == 0);
  // Source questions shown where the gold has none are wrong.
  sheet.questions_generated = false;
  sheet.questions = {"Common questions"};
  CHECK(score_sheet(sheet, without).questions.total == 1);
  CHECK(score_sheet(sheet, without).questions.hit == 0);
  // A key that is absent is not scored.
  Gold bare;
  bare.title = "T";
  s = score_sheet(sheet, bare);
  CHECK(s.questions.total == 0);
  CHECK(s.key_points.total == 0);
  CHECK_FALSE(s.main_message);
}

TEST_CASE("read_tree and score_tree: headings, false headings, call-outs, furniture, content", "[quality]") {
  const Document doc = parse_docbook(R"(<article xmlns="http://docbook.org/ns/docbook" version="5.0">
  <info><title>Going home</title><pubdate>2026-04-22</pubdate></info>
  <para>Share</para>
  <section><title>1. Caring for your incision</title><para>Keep it dry.</para>
    <warning><title>Warning</title><para>Warning: Do not soak in a bath.</para></warning></section>
  <section><title>Related articles</title><bridgehead>Pain</bridgehead><itemizedlist><listitem><para>Cough</para></listitem></itemizedlist></section>
  <section><title>See also</title><para>Anemia</para></section>
  <section role="questions"><title>Questions to ask your care team</title><itemizedlist><listitem><para>What next?</para></listitem></itemizedlist></section>
</article>)");
  const TreeView view = read_tree(doc, "Going home\nShare\nCaring for your incision\nPain\nSee also\nWhat next?\n");
  CHECK(view.title == "Going home");
  CHECK(view.published == "2026-04-22");
  CHECK(view.headings == std::vector<std::string>{"1. Caring for your incision", "Related articles", "Pain", "See also"});
  REQUIRE(view.callouts.size() == 1);
  CHECK(view.callouts[0].first == "warning");
  CHECK(view.callouts[0].second == "Warning: Do not soak in a bath.");

  Gold g;
  g.title = "Going Home";
  g.date = std::pair<std::string, std::string>{"2026-04-22", ""};
  g.headings = std::vector<std::string>{"Caring for your incision", "Pain", "Follow-up"};
  g.optional_headings = {"See also"};
  g.callouts = std::vector<GoldCallout>{{"warning", "Do not soak"}, {"note", "Keep it dry"}};
  g.furniture = std::vector<std::string>{"Share", "Related articles", "Email"};
  g.content = std::vector<std::string>{"Keep it dry.", "Cough", "Fever"};
  const TreeScore s = score_tree(view, g);
  CHECK(*s.title_ok);
  CHECK(*s.date_ok);
  CHECK(s.headings.hit == 2);
  CHECK(s.headings.total == 3);
  CHECK(s.false_headings == 1);  // "Related articles"; "See also" is optional
  CHECK(s.callouts.hit == 1);
  CHECK(s.furniture_left.hit == 2);
  CHECK(s.content_lost.hit == 1);

  g.date = std::pair<std::string, std::string>{"", "2026-04-22"};  // the kind matters
  CHECK_FALSE(*score_tree(view, g).date_ok);
  g.date = std::pair<std::string, std::string>{};  // none
  CHECK_FALSE(*score_tree(view, g).date_ok);
}

TEST_CASE("load_gold rejects unknown keys and wrong shapes", "[quality]") {
  const fs::path dir = fs::temp_directory_path() / "quality_gold_test";
  fs::create_directories(dir);
  auto write = [&](const char* text) {
    std::ofstream(dir / "x.gold.yaml") << text;
    return dir / "x.gold.yaml";
  };
  CHECK_THROWS_WITH(load_gold(write("title: A\nheadlines: [a]\n")), Catch::Contains("unknown key 'headlines'"));
  CHECK_THROWS_WITH(load_gold(write("headings: [a]\n")), Catch::Contains("title is required"));
  CHECK_THROWS_WITH(load_gold(write("title: A\ncallouts: [{kind: alarm, text: x}]\n")), Catch::Contains("alarm"));
  CHECK_THROWS_WITH(load_gold(write("title: A\nsummary: {glossary: [a]}\n")), Catch::Contains("glossary"));
  const Gold g = load_gold(write("title: A\ndate: {updated: 2025-11}\nsummary: {questions: [], glossary: {\"X|Y\": a thing}}\n"));
  CHECK(g.name == "x");
  CHECK(g.date->second == "2025-11");
  CHECK(g.questions->empty());
  CHECK(g.glossary->at(0).forms == "X|Y");
  CHECK_FALSE(g.key_points);
  CHECK(load_gold(write("title: A\ndate: none\n")).date->first.empty());
  fs::remove_all(dir);
}

TEST_CASE("every gold file of the corpus loads and quotes its source", "[quality]") {
  const fs::path dir = fs::path(handout::test::source_dir()) / "tests" / "quality";
  int golds = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    const std::string file = e.path().filename().string();
    if (!file.ends_with(".gold.yaml")) continue;
    ++golds;
    const Gold g = load_gold(e.path());
    fs::path source;
    for (const char* ext : {".txt", ".md", ".wiki"}) {
      if (fs::exists(dir / (g.name + ext))) source = dir / (g.name + ext);
    }
    DYNAMIC_SECTION(g.name) {
      REQUIRE_FALSE(source.empty());
      const std::string text = read_file(source);
      CHECK(normalize(text).find("sample material") != std::string::npos);
      const Tokens all = tokens(text);
      // What the tree must keep is the source's own text, word for word.
      for (const std::string& c : g.content.value_or(std::vector<std::string>{})) {
        INFO(c);
        CHECK(contains_run(all, tokens(c)));
      }
      for (const std::string& h : g.headings.value_or(std::vector<std::string>{})) {
        INFO(h);
        CHECK(contains_run(all, tokens(h)));
      }
      CHECK(contains_run(all, tokens(g.title)));
      CHECK(g.content.value_or(std::vector<std::string>{}).size() >= 5);
    }
  }
  CHECK(golds >= 24);
}
