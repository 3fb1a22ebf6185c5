// Summary content: what the sheet shows, chosen from the source's structure first, then by
// sentence ranking, and recorded in the tree with where each choice came from. The fixtures are
// sample material written for these tests, not medical advice.
#include "transforms/summary_content.hpp"
#include "transforms/safety_content.hpp"
#include "readers/reader.hpp"
#include "text/text.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace handout;
using handout::test::count;
using handout::test::markdown;

namespace {

/// Runs the plain-text reader (copied web pages, notes) and the transforms.
Document plain_text(std::string_view text) {
  Diagnostics diag("test.txt");
  SourceText src = decode_source("test.txt", text, diag);
  Document doc = read_text(src, ReaderOptions{}, diag);
  run_transforms(doc, TransformOptions{}, diag);
  return doc;
}

/// Runs the MediaWiki reader and the transforms.
Document wiki(std::string_view text) {
  Diagnostics diag("test.wiki");
  SourceText src = decode_source("test.wiki", text, diag);
  Document doc = read_wiki(src, ReaderOptions{}, diag);
  run_transforms(doc, TransformOptions{}, diag);
  return doc;
}

bool has(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

bool any_contains(const std::vector<std::string>& v, std::string_view part) {
  return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return s.find(part) != std::string::npos; });
}

std::vector<std::string> terms_of(const SummaryContent& c) {
  std::vector<std::string> out;
  for (const auto& e : c.glossary) out.push_back(e.term);
  return out;
}

}  // namespace

TEST_CASE("split_sentences respects abbreviations, initials and decimals", "[text]") {
  CHECK(text::split_sentences("Take 2.5 mg daily. See Dr. Lee, e.g. on Monday! Ask J. Smith? Yes.") ==
        std::vector<std::string>{"Take 2.5 mg daily.", "See Dr. Lee, e.g. on Monday!", "Ask J. Smith?", "Yes."});
  CHECK(text::split_sentences("He said \"stop.\" Then left.") ==
        std::vector<std::string>{"He said \"stop.\"", "Then left."});
  CHECK(text::split_sentences("no end mark") == std::vector<std::string>{"no end mark"});
  CHECK(text::split_sentences("  ").empty());
}

TEST_CASE("split_sentences ends sentences at every script's terminator (Unicode Sentence_Terminal)", "[text]") {
  using V = std::vector<std::string>;
  // Devanagari and Bengali danda (sample sentences: drink water; rest).
  CHECK(text::split_sentences("\u092A\u093E\u0928\u0940 \u092A\u093F\u090F\u0901\u0964 \u0906\u0930\u093E\u092E "
                              "\u0915\u0930\u0947\u0902\u0964") ==
        V{"\u092A\u093E\u0928\u0940 \u092A\u093F\u090F\u0901\u0964", "\u0906\u0930\u093E\u092E \u0915\u0930\u0947\u0902\u0964"});
  CHECK(text::split_sentences("\u09AA\u09BE\u09A8\u09BF \u0996\u09BE\u09A8\u0964 \u09AC\u09BF\u09B6\u09CD\u09B0\u09BE\u09AE "
                              "\u09A8\u09BF\u09A8\u0964")
            .size() == 2);
  // The Arabic question mark, then a full stop.
  CHECK(text::split_sentences("\u0647\u0644 \u062A\u0634\u0639\u0631 \u0628\u0627\u0644\u0639\u0637\u0634\u061F "
                              "\u0627\u0634\u0631\u0628 \u0627\u0644\u0645\u0627\u0621.")
            .size() == 2);
  // The ideographic full stop and fullwidth marks need no space after them.
  CHECK(text::split_sentences("\u591A\u559D\u6C34\u3002\u597D\u597D\u4F11\u606F\uFF01\u4F1A\u597D\u5417\uFF1F") ==
        V{"\u591A\u559D\u6C34\u3002", "\u597D\u597D\u4F11\u606F\uFF01", "\u4F1A\u597D\u5417\uFF1F"});
  // A closing corner bracket stays with its sentence.
  CHECK(text::split_sentences("\u300C\u559D\u6C34\u3002\u300D\u4F11\u606F\u3002") ==
        V{"\u300C\u559D\u6C34\u3002\u300D", "\u4F11\u606F\u3002"});
}

// --- Front matter and summary sections ---------------------------------------------------------

TEST_CASE("front matter summary and key points win, recorded as source", "[summary]") {
  Document doc = markdown(
      "---\ntitle: T\nsummary: The main message is this one.\nkey-points: [One thing to do., Two things to do., "
      "Three things to do.]\n---\nIntro.\n\n## Section\n\nBody.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.main_message == "The main message is this one.");
  CHECK(c.key_points == std::vector<std::string>{"One thing to do.", "Two things to do.", "Three things to do."});
  // Explicit key points are shown in the body, before the first section, and leave the metadata.
  CHECK(count(doc, "/article/sidebar[@role='key-points'][following-sibling::section]/itemizedlist[@role='key-points']/listitem") == 3);
  CHECK(count(doc, "//bibliomisc[@role='meta:key-points']") == 0);
  CHECK(count(doc, "/article/info/abstract[@role='key-points']/para[@role='source']") == 3);
  CHECK(count(doc, "/article/info/abstract[not(@role)]/para[@role='source']") == 1);
}

TEST_CASE("a summary section gives the main message and its bullets are the key points", "[summary]") {
  Document doc = markdown(
      "# Flu\n\nIntro sentence for the sample.\n\n## In short\n\nGet a flu shot every year. It is quick.\n\n"
      "- Shots are safe for most people.\n- They cut your risk of a bad flu.\n- Ask at any pharmacy.\n\n"
      "## Details\n\nMore.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.main_message == "Get a flu shot every year. It is quick.");
  CHECK(c.key_points ==
        std::vector<std::string>{"Shots are safe for most people.", "They cut your risk of a bad flu.", "Ask at any pharmacy."});
  CHECK(count(doc, "//section[title='In short']/itemizedlist[@role='key-points']") == 1);
  CHECK(count(doc, "/article/info/abstract[@role='key-points']/para[@role='source']") == 3);
}

TEST_CASE("a key points section of short paragraphs gives one point per paragraph", "[summary]") {
  Document doc = markdown(
      "# Sample: looking after a cut\n\nSmall cuts usually heal on their own in a week or so.\n\n"
      "## Key points\n\nWash the cut gently with clean water.\n\n"
      "Cover it with a clean dressing and change it each day. A dry dressing helps it heal.\n\n"
      "Keep an eye on it for redness and swelling that spreads.\n\n"
      "## More detail\n\nNot all cuts are the same. This is arguably the most common injury.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.key_points == std::vector<std::string>{"Wash the cut gently with clean water.",
                                                 "Cover it with a clean dressing and change it each day. A dry dressing helps it heal.",
                                                 "Keep an eye on it for redness and swelling that spreads."});
}

// --- Lists that state the article's points ---------------------------------------------------------

TEST_CASE("a list of bold lead terms is the article's points, not the lead-in before it", "[summary]") {
  Document doc = markdown(
      "# Sample: how wounds heal\n\nA wound heals in stages that overlap.\n\n"
      "## The stages\n\nHere are the stages a wound goes through:\n\n"
      "- **Bleeding stops**: the blood clots within minutes and seals the wound.\n"
      "- **Swelling**: the area becomes warm and puffy for a few days while the body clears germs. "
      "This is a normal part of healing and usually settles on its own without any treatment at all, "
      "although it can feel uncomfortable for a while.\n"
      "- **Rebuilding**: new tissue fills the wound over the next weeks.\n"
      "- **Remodelling**: the scar becomes flatter and paler over months.\n\n"
      "## Caring for the wound\n\nKeep the wound clean and dry for the first day.\n");
  SummaryContent c = read_summary_content(doc);
  REQUIRE(c.key_points.size() == 4);
  CHECK(c.key_points[0] == "Bleeding stops: the blood clots within minutes and seals the wound.");
  // A long item keeps its lead term and is cut to its first sentence.
  CHECK(c.key_points[1] == "Swelling: the area becomes warm and puffy for a few days while the body clears germs.");
  CHECK_FALSE(any_contains(c.key_points, "Here are the stages"));
  CHECK(count(doc, "//section[title='The stages']/itemizedlist[@role='key-points']") == 1);
}

TEST_CASE("an ordered checklist of instructions is the article's points", "[summary]") {
  Document doc = markdown(
      "# Sample: using an eye drop\n\nEye drops work best when most of the drop stays in the eye.\n\n"
      "## Steps\n\n1. Wash your hands with soap.\n2. Tilt your head back and look up.\n"
      "3. Pull the lower lid down gently.\n4. Squeeze one drop into the pocket.\n"
      "5. Close your eye for a minute.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.key_points.size() == 5);
  CHECK(c.key_points.front() == "Wash your hands with soap.");
  CHECK(count(doc, "//orderedlist[@role='key-points']") == 1);
}

TEST_CASE("items that need their lead-in are not points on their own", "[summary]") {
  Document doc = markdown(
      "# Sample: before a blood test\n\nSome blood tests need you to prepare the day before.\n\n"
      "Tell the nurse before the test if any of these apply to you:\n\n"
      "1. You take a blood thinner.\n2. You have fainted at a blood test before.\n3. You are pregnant.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK_FALSE(any_contains(c.key_points, "blood thinner"));
  CHECK_FALSE(any_contains(c.key_points, "apply to you:"));
}

// --- Ranked sentences ----------------------------------------------------------------------------

TEST_CASE("without structure, key points are ranked sentences that read on their own", "[summary]") {
  Document doc = markdown(
      "# Sleep\n\nAdults need seven or more hours of sleep. Too little sleep affects mood. A third sentence.\n\n"
      "## Keep a schedule\n\nGo to bed at the same time each night. Even on weekends.\n\n"
      "## Limit screens\n\nStop screens an hour before bed. This helps you fall asleep. Blue light keeps you up.\n\n"
      "## Watch caffeine\n\nAvoid coffee after noon. Not all drinks are the same?\n\n"
      "Want better sleep? Sign up for our newsletter.\n\n## References\n\nA list of sleep papers, sleep studies.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.main_message == "Adults need seven or more hours of sleep. Too little sleep affects mood.");
  CHECK(has(c.key_points, "Go to bed at the same time each night."));
  CHECK(has(c.key_points, "Stop screens an hour before bed."));
  CHECK(has(c.key_points, "Avoid coffee after noon."));
  for (const std::string& k : c.key_points) {
    INFO(k);
    CHECK(k.rfind("This", 0) != 0);                 // no unresolved reference
    CHECK(k.find('?') == std::string::npos);        // no teaser question
    CHECK(k.find("newsletter") == std::string::npos);  // no call to action
    CHECK(k.find("sleep papers") == std::string::npos);  // not from the references
    CHECK(k != "Even on weekends.");                // not a fragment
  }
  // Ranked key points stay out of the body and say they were ranked.
  CHECK(count(doc, "/article/info/abstract[@role='key-points']/para[@role='ranked']") == c.key_points.size());
  CHECK(count(doc, "//itemizedlist[@role='key-points']") == 0);
}

TEST_CASE("a lead-in that ends in a colon is never a key point", "[summary]") {
  Document doc = markdown(
      "# Sample: after surgery\n\nMost people go home the day after a small operation.\n\n"
      "## Recovery\n\nRecovery takes about two weeks for most people. Walking every day helps recovery.\n\n"
      "Here are some of the key things to watch for:\n\n## Wound\n\nKeep the dressing dry for two days.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK_FALSE(c.key_points.empty());
  CHECK_FALSE(any_contains(c.key_points, "Here are"));
}

TEST_CASE("a document with no structure still gets a main message", "[summary]") {
  Document doc = markdown("Just one paragraph. It has three sentences. The end.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.main_message == "Just one paragraph. It has three sentences. The end.");
}

TEST_CASE("the main message is at most a sentence or two", "[summary]") {
  std::string intro;
  for (int i = 0; i < 10; ++i) intro += "Every sentence here has exactly nine words in it. ";
  Document doc = markdown("# T\n\n" + intro + "\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(text::split_words(c.main_message).size() == 18);  // a short first sentence takes the next
  CHECK(c.main_message.back() == '.');
}

TEST_CASE("the main message skips bylines, disclaimers and furniture", "[summary]") {
  Document doc = plain_text(
      "Skip to main content\nSample Health Library\nUnderstanding Anaemia\n"
      "By Sam Reyes, RN \xC2\xB7 Published May 2, 2026 \xC2\xB7 3 min read\n\n"
      "This page is sample material and not medical advice.\n\n"
      "Anaemia means your blood has fewer healthy red blood cells than it needs. It can make you feel tired.\n\n"
      "Common Causes\n\nLow iron is the most common cause. Blood loss and some long-term illnesses can cause it too.\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(c.main_message.rfind("Anaemia means your blood has fewer healthy red blood cells", 0) == 0);
}

TEST_CASE("a description that is not a sentence is used only when nothing better exists", "[summary]") {
  Document described = markdown(
      "---\ntitle: Sample guide\ndescription: A plain-language guide to the kinds of sample medicine.\n---\n"
      "Most sample medicines work best when you take them at the same time each day.\n");
  CHECK(read_summary_content(described).main_message ==
        "Most sample medicines work best when you take them at the same time each day.");
  // The description is kept in the tree, not lost.
  CHECK(count(described, "//bibliomisc[@role='meta:description']") == 1);

  Document wiki_doc = wiki("{{Short description|How to care for a sample plant}}\n== Watering ==\n"
                           "Water the sample plant once a week in summer.\n");
  CHECK(read_summary_content(wiki_doc).main_message == "Water the sample plant once a week in summer.");

  Document nothing_better = markdown("---\ntitle: T\ndescription: How to read a sample label\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  CHECK(read_summary_content(nothing_better).main_message == "How to read a sample label");
}

// --- Safety --------------------------------------------------------------------------------------

TEST_CASE("a call lead-in with its list goes to the safety block, items and all", "[summary]") {
  Document doc = markdown(
      "# Sample: after your operation\n\nMost people feel better within a week.\n\n"
      "## Your wound\n\nKeep the wound clean and dry.\n\nCall your surgeon's office if you have:\n\n"
      "- a fever of 38 \xC2\xB0""C or higher\n- redness that spreads around the wound\n- bleeding that will not stop\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(c.safety == std::vector<std::string>{"Call your surgeon\xE2\x80\x99s office if you have:",
                                             "a fever of 38 \xC2\xB0""C or higher",
                                             "redness that spreads around the wound", "bleeding that will not stop"});
  CHECK_FALSE(any_contains(c.key_points, "Call your surgeon"));
  CHECK(count(doc, "/article/info/abstract[@role='safety']/para[@role='source']") == 4);
}

TEST_CASE("sections titled like 'When to call' and warning call-outs go to the safety block", "[summary]") {
  Document doc = markdown(
      "# Sample: a sore throat\n\nMost sore throats get better in a week.\n\n"
      "> [!WARNING]\n> Do not give aspirin to children under 16.\n\n"
      "> [!NOTE]\n> Sample material, not medical advice.\n\n"
      "## Warning signs\n\n- trouble breathing\n- drooling or not able to swallow\n\n"
      "## When to call\n\nCall your doctor if the sore throat lasts more than a week. "
      "Questions? Visit www.example.org for more.\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(has(c.safety, "Do not give aspirin to children under 16."));
  CHECK(has(c.safety, "Warning signs:"));
  CHECK(has(c.safety, "trouble breathing"));
  CHECK(has(c.safety, "Call your doctor if the sore throat lasts more than a week."));
  CHECK_FALSE(any_contains(c.safety, "Sample material"));
  CHECK_FALSE(any_contains(c.safety, "Visit"));
  // In document order: the call-out comes first.
  CHECK(c.safety.front() == "Do not give aspirin to children under 16.");
}

TEST_CASE("important and caution call-outs and lone safety sentences reach the safety block", "[summary]") {
  Document doc = markdown(
      "# Sample: taking a blood thinner\n\nA blood thinner lowers the chance of a clot.\n\n"
      "> [!IMPORTANT]\n> Tell every doctor and dentist that you take a blood thinner.\n\n"
      "> [!CAUTION]\n> Check with your pharmacist before taking any pain reliever.\n\n"
      "## Daily life\n\nUse a soft toothbrush. Get emergency help for a fall that hits your head.\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(has(c.safety, "Tell every doctor and dentist that you take a blood thinner."));
  CHECK(has(c.safety, "Check with your pharmacist before taking any pain reliever."));
  CHECK(has(c.safety, "Get emergency help for a fall that hits your head."));
  CHECK_FALSE(any_contains(c.safety, "soft toothbrush"));
}

TEST_CASE("danger signs in a copied web page reach the safety block", "[summary]") {
  Document doc = plain_text(
      "Sample Clinic\nLooking After a Burn\n\nSmall burns heal well at home with simple care.\n\n"
      "What to Do\n\nCool the burn under running water for 20 minutes.\n\n"
      "Get Emergency Help\n\nCall 911 for a burn on the face, hands or genitals, or a burn bigger than your hand.\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(any_contains(c.safety, "Call 911 for a burn on the face"));
}

TEST_CASE("safety items are found once, and none in a source without any", "[summary]") {
  CHECK(read_summary_content(markdown("# T\n\nA quiet sample text about gardens.\n")).safety.empty());
  Document doc = markdown(
      "# T\n\nSample text.\n\n## When to call\n\n> [!WARNING]\n> Call 911 if you cannot breathe.\n");
  CHECK(read_summary_content(doc).safety == std::vector<std::string>{"Call 911 if you cannot breathe."});
}

// --- Questions -----------------------------------------------------------------------------------

TEST_CASE("questions come from a questions-to-ask section or from front matter", "[summary]") {
  Document in_place = markdown("# T\n\nX.\n\n## Questions to ask your doctor\n\n- Is it safe?\n- How long?\n");
  CHECK(read_summary_content(in_place).questions == std::vector<std::string>{"Is it safe?", "How long?"});
  CHECK(count(in_place, "//section[@role='questions']") == 1);
  CHECK(count(in_place, "/article/info/abstract[@role='questions']/para[@role='source']") == 2);

  Document given = markdown("---\ntitle: T\nquestions:\n  - What dose?\n  - Any side effects?\n---\nBody.\n");
  CHECK(read_summary_content(given).questions == std::vector<std::string>{"What dose?", "Any side effects?"});
  CHECK(count(given, "/article/section[@role='questions'][@xml:id]/itemizedlist/listitem") == 2);
}

TEST_CASE("only real questions, from the first section that has some, never a title that merely says 'question'",
          "[summary]") {
  Document doc = markdown(
      "# Sample: a new inhaler\n\nA new inhaler takes some practice.\n\n"
      "## Common questions\n\n### Does it hurt?\n\nNo, it does not hurt.\n\n"
      "## What you can do\n\n- Practise with the nurse.\n- Keep it with you.\n\n"
      "## Questions to ask your nurse\n\n- Use it every day.\n\n"
      "## Questions to ask your pharmacist\n\n- How do I know when it is empty?\n"
      "- Ask whether a spacer would help.\n- Keep it away from heat.\n"
      "- Can I take it with my other medicines? (Bring a list.)\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(c.questions == std::vector<std::string>{"How do I know when it is empty?", "Ask whether a spacer would help.",
                                                "Can I take it with my other medicines?"});
  CHECK_FALSE(c.questions_generated);
  CHECK(count(doc, "//section[title='Questions to ask your pharmacist'][@role='questions']") == 1);
  CHECK(count(doc, "//section[title='Common questions'][@role='questions']") == 0);
}

TEST_CASE("a list of questions after a lead-in about asking is found outside a section", "[summary]") {
  Document doc = markdown(
      "# Sample: a scan\n\nA scan takes pictures of the inside of the body.\n\n"
      "You may want to ask your care team:\n\n- Why do I need this scan?\n- When will I get the results?\n");
  CHECK(read_summary_content(doc).questions ==
        std::vector<std::string>{"Why do I need this scan?", "When will I get the results?"});
}

TEST_CASE("a source without questions gets the general questions, marked generated", "[summary]") {
  Document doc = markdown("# T\n\nNothing to ask in this sample.\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(c.questions_generated);
  CHECK(c.questions.size() == 3);
  CHECK(c.questions.front() == "What is my main problem?");
  CHECK(count(doc, "/article/info/abstract[@role='questions']/para[@role='generated']") == 3);
  CHECK(count(doc, "//section[@role='questions']") == 0);  // nothing generated enters the body
}

// --- Glossary ------------------------------------------------------------------------------------

TEST_CASE("the glossary takes defined terms the text uses again, the most certain forms first", "[summary]") {
  Document doc = markdown(
      "# Terms\n\n"
      "An *inhaler* is a device that sends medicine into the lungs.\n\n"
      "**Spacer**: a tube that makes an inhaler easier to use.\n\n"
      "**Angina**: chest pain caused by reduced blood flow to the heart.\n\n"
      "Asthma is a long-term condition of the airways that makes breathing hard at times.\n\n"
      "It is a good idea to rest.\n\n"
      "Use the inhaler with a spacer. Asthma can flare up in cold air. Angina needs a check-up.\n");
  SummaryContent c = read_summary_content(doc);
  const std::vector<std::string> terms = terms_of(c);
  CHECK(has(terms, "inhaler"));
  CHECK(has(terms, "Spacer"));
  CHECK(has(terms, "Angina"));
  CHECK(has(terms, "Asthma"));
  CHECK_FALSE(has(terms, "It"));
  // "X is a ..." before "X: a ...": the more certain form first.
  CHECK(std::find(terms.begin(), terms.end(), "inhaler") < std::find(terms.begin(), terms.end(), "Spacer"));
  CHECK(c.glossary.size() <= 6);
  const auto inhaler = std::find_if(c.glossary.begin(), c.glossary.end(), [](auto& e) { return e.term == "inhaler"; });
  REQUIRE(inhaler != c.glossary.end());
  CHECK(inhaler->definition == "a device that sends medicine into the lungs");
  CHECK(count(doc, "/article/info/abstract[@role='glossary']/para[@role='source']/glossterm") == c.glossary.size());
}

TEST_CASE("the glossary refuses circular definitions, nicknames, labels, instructions and one-off terms",
          "[summary]") {
  Document doc = markdown(
      "# Sample: cells\n\n"
      "**Tumour microenvironment**: the tumour microenvironment can change over time.\n\n"
      "**Ferroptosis**: The Rusty Death\n\n"
      "**Note**: a reminder that this is sample material for tests.\n\n"
      "**Join cardiac rehab**: a programme of exercise and advice after a heart problem.\n\n"
      "**Alcohol**: keep it to small amounts, or none.\n\n"
      "A *biopsy* is a small sample of tissue taken for testing.\n\n"
      "Your doctor may suggest a biopsy. Ferroptosis and the tumour microenvironment are studied. "
      "Join cardiac rehab if you can. Alcohol matters.\n");
  const std::vector<std::string> terms = terms_of(read_summary_content(doc));
  CHECK(terms == std::vector<std::string>{"biopsy"});
}

TEST_CASE("a glossary section's definition list is taken whole; 'X: a ...' needs emphasis elsewhere", "[summary]") {
  Document doc = wiki(
      "Sample text about inhalers.\n\n== Words you may hear ==\n; Reliever\n: A medicine that eases sudden symptoms within minutes.\n"
      "; Preventer\n: A medicine taken every day to calm the airways.\n\n== Use ==\nSpacer: a tube for the inhaler.\n");
  const std::vector<std::string> terms = terms_of(read_summary_content(doc));
  CHECK(has(terms, "Reliever"));
  CHECK(has(terms, "Preventer"));
  CHECK_FALSE(has(terms, "Spacer"));
}

// --- Dates, idempotence --------------------------------------------------------------------------

TEST_CASE("updated and published dates are kept apart; source and copyright are carried", "[summary]") {
  Document doc = markdown(
      "---\ntitle: T\ndate: 2026-01-02\nupdated: 2026-03-04\nsource: https://example.org/t\n"
      "copyright: \"\xC2\xA9 2026 Test Clinic.\"\n---\nBody.\n");
  SummaryContent c = read_summary_content(doc);
  CHECK(c.updated == "2026-03-04");
  CHECK(c.published == "2026-01-02");
  CHECK(c.source_url == "https://example.org/t");
  CHECK(c.copyright == "\xC2\xA9 2026 Test Clinic.");

  const SummaryContent only_published = read_summary_content(markdown("---\ntitle: T\ndate: 2026-01-02\n---\nBody.\n"));
  CHECK(only_published.updated.empty());
  CHECK(only_published.published == "2026-01-02");
}

TEST_CASE("selection runs once: a second pass adds nothing", "[summary]") {
  for (const char* source :
       {"---\ntitle: T\nkey-points: [A., B., C.]\nquestions: [\"Q?\"]\n---\n# T\n\nAn *x* is a thing we define.\n",
        "# T\n\nA sample with no structure. Call 911 if you cannot breathe.\n\nWarning signs include:\n\n- a\n- b\n",
        "# T\n\n## When to call\n\nCall your doctor if it gets worse.\n"}) {
    Diagnostics diag("t.md");
    Document doc = markdown(source, diag);
    const std::string before = test::xml_of(doc.article());
    select_summary_content(doc, TransformOptions{}, diag);
    CHECK(test::xml_of(doc.article()) == before);
  }
}

// --- Structure a copied page lost ----------------------------------------------------------------

TEST_CASE("a danger list whose bullets were lost is still found, and site furniture after it is not", "[summary]") {
  Document doc = plain_text(
      "Sample Hospital\nGoing Home After a Head Injury\n\n"
      "You hit your head and were checked today. Most people feel better within two weeks.\n\n"
      "Return to the emergency department right away if you have:\n\n"
      "A headache that gets worse and does not go away\nRepeated vomiting\nA seizure\nSlurred speech\n"
      "Weakness or numbness in your arms or legs\nBeing very hard to wake up\n\n"
      "Keep reading\nLiving with allergies\nDid you find this article helpful?\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(has(c.safety, "Return to the emergency department right away if you have:"));
  CHECK(any_contains(c.safety, "Repeated vomiting"));
  CHECK_FALSE(any_contains(c.safety, "Keep reading"));
  CHECK_FALSE(any_contains(c.safety, "allergies"));
  CHECK_FALSE(any_contains(c.safety, "helpful"));
}

TEST_CASE("a 'Warning:' paragraph of copied text is a call-out for the safety block", "[summary]") {
  Document doc = plain_text(
      "Sample Clinic\nFever in Children\n\nA fever is a body temperature of 38 degrees or more.\n\n"
      "Warning: Never give aspirin to children or teenagers. It can harm the liver.\n\n"
      "Note: Bring your child's medicine list to the visit.\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(has(c.safety, "Never give aspirin to children or teenagers. It can harm the liver."));
  CHECK_FALSE(any_contains(c.safety, "medicine list"));  // a note is not a warning
  CHECK_FALSE(any_contains(c.key_points, "medicine list"));  // nor a point
}

TEST_CASE("a section that says to call 911 gives its signs and what to do", "[summary]") {
  Document doc = markdown(
      "# Sample: low blood sugar\n\nSome diabetes medicines can make blood sugar drop.\n\n"
      "## Low blood sugar\n\nSigns include shaking, sweating and confusion.\n\n"
      "If your blood sugar is below 70, eat 15 grams of fast sugar.\n\n"
      "Call 911 if someone cannot swallow safely.\n\n"
      "## Everyday care\n\nIf you feel well, keep to your usual meals.\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(has(c.safety, "Signs include shaking, sweating and confusion."));
  CHECK(has(c.safety, "If your blood sugar is below 70, eat 15 grams of fast sugar."));
  CHECK(has(c.safety, "Call 911 if someone cannot swallow safely."));
  CHECK_FALSE(any_contains(c.safety, "usual meals"));  // not an emergency section
}

TEST_CASE("strong prohibitions and emergencies stated in running text are safety items", "[summary]") {
  Document doc = markdown(
      "# Sample: after sedation\n\nYou had a short procedure with sedation today.\n\n"
      "Do not drive for the rest of the day. Do not drink alcohol tonight.\n\n"
      "Never leave a child alone in a parked car. Heat stroke is a medical emergency.\n\n"
      "I did call 911 that night, and it was the right thing.\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(has(c.safety, "Do not drive for the rest of the day."));
  CHECK_FALSE(has(c.safety, "Do not drink alcohol tonight."));  // ordinary advice
  CHECK(has(c.safety, "Never leave a child alone in a parked car."));
  CHECK(has(c.safety, "Heat stroke is a medical emergency."));
  CHECK_FALSE(any_contains(c.safety, "I did call 911"));  // a story
}

TEST_CASE("stated danger signs are kept before signs inferred from an emergency context", "[summary]") {
  std::string md = "# Sample: an emergency\n\nThis condition is a medical emergency and needs emergency treatment.\n\n"
                   "Signs include:\n\n";
  for (int i = 0; i < 12; ++i) md += "- sign number " + std::to_string(i) + " of many\n";
  md += "\n## When to call\n\nCall 911 if you have:\n\n- trouble breathing\n- chest pain\n";
  const SummaryContent c = read_summary_content(markdown(md));
  CHECK(c.safety.size() <= 14);
  CHECK(has(c.safety, "trouble breathing"));
  CHECK(has(c.safety, "chest pain"));
}

// --- Questions a copied page or a FAQ holds -------------------------------------------------------

TEST_CASE("a FAQ's questions are its question headings, never its answers", "[summary]") {
  Document doc = markdown(
      "# Sample: fever in children, frequently asked questions\n\nMost fevers are harmless.\n\n"
      "## Do I need to treat a fever?\n\nNot always. Treat it if your child is uncomfortable.\n\n"
      "## Which medicines can I give?\n\nAcetaminophen from 3 months.\n\n"
      "## When should I call the office?\n\nCall us if the fever lasts more than 3 days.\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(c.questions == std::vector<std::string>{"Do I need to treat a fever?", "Which medicines can I give?",
                                                "When should I call the office?"});
  CHECK_FALSE(c.questions_generated);
}

TEST_CASE("a page's single question heading is not a question to ask", "[summary]") {
  Document doc = markdown(
      "# Sample: measles exposure\n\nA person with measles visited the clinic.\n\n"
      "## Are you protected?\n\nYou are protected if you had two doses of the vaccine.\n");
  CHECK(read_summary_content(doc).questions_generated);
}

TEST_CASE("questions in a row are a list of questions, even when a heading ran into the first", "[summary]") {
  Document doc = plain_text(
      "Sample Pharmacy\nMedicine Safety\n\nKeep a list of your medicines.\n\n"
      "Good questions to ask when you pick up a new medicine\nWhat is this medicine for?\n"
      "How long should I take it?\nWhat should I do if I miss a dose?\n");
  const SummaryContent c = read_summary_content(doc);
  REQUIRE(c.questions.size() >= 3);
  CHECK(c.questions.front() == "What is this medicine for?");
  CHECK(has(c.questions, "What should I do if I miss a dose?"));
}

TEST_CASE("'Ask ...' list items to the care team are questions, others are not", "[summary]") {
  Document doc = markdown(
      "# Sample: pneumonia\n\nPneumonia is an infection of the lungs.\n\n## Prevention\n\n"
      "- Get a yearly flu vaccine.\n- Ask whether a pneumococcal vaccine is right for you.\n"
      "- Ask the person next to you to cover their cough.\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(c.questions == std::vector<std::string>{"Ask whether a pneumococcal vaccine is right for you."});
}

// --- The main message and key points of harder openings -----------------------------------------

TEST_CASE("the main message starts at the opening definition, two sentences at most", "[summary]") {
  Document doc = markdown(
      "# Sample: concussion\n\nYou were seen today for a head injury. The doctor found signs of a concussion. "
      "A concussion is a brain injury caused by a blow to the head. Most people feel better within 2 to 4 weeks. "
      "Rest helps.\n\n## Care\n\nRest for a day or two.\n");
  CHECK(read_summary_content(doc).main_message ==
        "A concussion is a brain injury caused by a blow to the head. Most people feel better within 2 to 4 weeks.");
}

TEST_CASE("a story, a labelled item or a wiki hatnote is not the main message", "[summary]") {
  Document story = markdown(
      "# Sample: a caregiver's story\n\nLast spring my husband dropped his cup. I thought he was tired.\n\n"
      "## What I learned\n\nMy first thought was wrong. A stroke happens when blood flow to the brain is blocked.\n\n"
      "Face drooping: one side of the face droops.\n");
  CHECK(read_summary_content(story).main_message.rfind("A stroke happens when blood flow to the brain is blocked.", 0) == 0);

  Document hatnote = plain_text(
      "Tetanus\n\n\"Lockjaw\" redirects here. For the vaccine, see Tetanus vaccine.\n\n"
      "Tetanus is a serious bacterial infection that causes painful muscle stiffness.\n");
  CHECK(read_summary_content(hatnote).main_message.rfind("Tetanus is a serious bacterial infection", 0) == 0);
}

TEST_CASE("ranked key points leave out the writer's story, the page itself and timetables", "[summary]") {
  Document doc = markdown(
      "# Sample: knee surgery recovery\n\nRecovery after knee surgery takes several weeks of steady work.\n\n"
      "## At home\n\nI found the first week hard. Keep this page with your discharge papers.\n\n"
      "Do your knee exercises three times a day. Walk a little more each day with your walker.\n\n"
      "Saturday: 9 a.m. to 1 p.m.\n\nKeep the wound clean and dry until your surgeon checks it.\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK_FALSE(c.key_points.empty());
  CHECK_FALSE(any_contains(c.key_points, "I found"));
  CHECK_FALSE(any_contains(c.key_points, "this page"));
  CHECK_FALSE(any_contains(c.key_points, "9 a.m."));
  CHECK(any_contains(c.key_points, "knee exercises"));
}

TEST_CASE("the safety block reads the document's language: its 'when to get help' titles and get-help sentences", "[summary]") {
  // Sample material written for this test.
  Document es = markdown(
      "---\nlang: es\n---\n# Ejemplo: la tos\n\nLa tos suele mejorar en una semana.\n\n"
      "## Cuándo pedir ayuda\n\nLlame a su médico si la tos dura más de tres semanas. "
      "Vaya a urgencias de inmediato si le cuesta respirar.\n\n"
      "## En casa\n\nBeba agua. Descanse bien.\n");
  const SummaryContent c = read_summary_content(es);
  CHECK(has(c.safety, "Llame a su médico si la tos dura más de tres semanas."));
  CHECK(has(c.safety, "Vaya a urgencias de inmediato si le cuesta respirar."));
  CHECK_FALSE(any_contains(c.safety, "Beba agua"));

  Document ru = markdown(
      "---\nlang: ru\n---\n# Пример: кашель\n\nКашель обычно проходит за неделю.\n\n"
      "## Дома\n\nПейте больше воды. Если стало трудно дышать, сразу звоните 911.\n");
  CHECK(has(read_summary_content(ru).safety, "Если стало трудно дышать, сразу звоните 911."));

  // The same words in an English document are not read as Spanish cues.
  Document en = markdown("# Sample: names\n\nLlame a su tia.\n\nRest at home and drink water.\n");
  CHECK(read_summary_content(en).safety.empty());
  CHECK(is_safety_title("Cuándo pedir ayuda", "es"));
  CHECK_FALSE(is_safety_title("Cuándo pedir ayuda", "en"));
  CHECK(is_safety_sentence("如果出现胸痛，请立即拨打 911。", "zh-Hans"));
}

TEST_CASE("a Chinese text gets key points and a main message that is not its disclaimer", "[summary]") {
  // Sample material written for this test, not medical advice: a disclaimer paragraph ("sample
  // material written to test handout; not medical advice. Follow your doctor."), then the text.
  const Document doc = markdown(
      "---\ntitle: \u6D41\u611F\u75AB\u82D7\nlang: zh-Hant\n---\n\n"
      "\u672C\u9801\u662F\u70BA\u6E2C\u8A66 handout \u800C\u5BEB\u7684\u7BC4\u4F8B\u3002\u9019\u4E0D\u662F\u91AB\u7642"
      "\u5EFA\u8B70\u3002\u8ACB\u807D\u5F9E\u91AB\u5E2B\u7684\u6307\u793A\u3002\n\n"
      "\u6D41\u611F\u75C5\u6BD2\u6BCF\u5E74\u90FD\u6703\u6539\u8B8A\uFF0C\u6240\u4EE5\u6D41\u611F\u75AB\u82D7\u9700\u8981"
      "\u6BCF\u5E74\u63A5\u7A2E\u3002\u63A5\u7A2E\u5F8C\u5927\u7D04\u5169\u9031\uFF0C\u8EAB\u9AD4\u624D\u6703\u7522\u751F"
      "\u4FDD\u8B77\u529B\u3002\n\n"
      "## \u63A5\u7A2E\u5F8C\n\n"
      "\u5927\u591A\u6578\u4EBA\u6C92\u6709\u4E0D\u9069\uFF0C\u6216\u53EA\u6709\u8F15\u5FAE\u7684\u53CD\u61C9\uFF0C"
      "\u901A\u5E38\u4E00\u5230\u5169\u5929\u5167\u5C31\u6703\u6D88\u5931\u3002\u6CE8\u5C04\u90E8\u4F4D\u53EF\u80FD"
      "\u6703\u7D05\u3001\u816B\u3001\u75DB\uFF0C\u9019\u662F\u6B63\u5E38\u7684\u53CD\u61C9\u3002\n");
  const SummaryContent c = read_summary_content(doc);
  CHECK(c.main_message.find("\u6D41\u611F\u75C5\u6BD2\u6BCF\u5E74") == 0);  // the text's opening, not the notice
  CHECK(c.key_points.size() >= 2);  // was none: no sentence ended with '.' and each counted as one word
}
