// The plain-text reader: structure recovered from line shapes, and nothing lost on the way.
#include "model/metadata.hpp"
#include "text/text.hpp"
#include "readers/registry.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace handout;
using handout::test::body_xml;
using handout::test::count;

namespace {

/// Runs the text reader and the transforms over text, as a file named path would be.
Document text_doc(std::string_view text, Diagnostics& diag, std::string path = "page.txt") {
  SourceText src = decode_source(path, text, diag);
  Document doc = read_text(src, ReaderOptions{}, diag);
  doc.source_path = path;
  TransformOptions options;
  options.verbose = true;
  run_transforms(doc, options, diag);
  return doc;
}

Document text_doc(std::string_view text) {
  Diagnostics diag("page.txt");
  return text_doc(text, diag);
}

std::string text_of(const Document& doc, const char* xpath) {
  auto n = doc.xml().select_node(xpath);
  return n ? text::collapse_whitespace(text_content(n.node())) : std::string("(none)");
}

}  // namespace

TEST_CASE("a note without structure: title from the first line, paragraphs between blank lines", "[text-reader]") {
  Document doc = text_doc("Questions for Friday\nAsk about the new inhaler.\n\nAsk whether the cough should last this long.\n");
  CHECK(doc.title() == "Questions for Friday");
  CHECK(body_xml(doc) == "<para>Ask about the new inhaler.</para><para>Ask whether the cough should last this long.</para>");
}

TEST_CASE("hard-wrapped prose joins; lines that each end a sentence stay paragraphs", "[text-reader]") {
  Document doc = text_doc(
      "Title\n\nThe nurse said the swelling should go down over the next two weeks if\n"
      "I keep resting the knee and keep it raised on a pillow when I sit down.\n\n"
      "Breathe slowly and look at something across the room.\nTell the nurse you feel nervous about needles.\n");
  CHECK(count(doc, "/article/para") == 3);
  CHECK(text_of(doc, "/article/para[1]") ==
        "The nurse said the swelling should go down over the next two weeks if I keep resting the knee and keep it "
        "raised on a pillow when I sit down.");
  CHECK(text_of(doc, "/article/para[3]") == "Tell the nurse you feel nervous about needles.");
}

TEST_CASE("headings: short lines without final punctuation, numbered ones nest what follows", "[text-reader]") {
  Document doc = text_doc(
      "Guide\n\nIntro sentence here.\n\nOverview\n\nText one.\n\n1. Before Treatment\n\nText two.\n\n"
      "What to Bring\n\nText three.\n\n2. After Treatment\n\nText four.\n\n2.1 Side Effects\n\nText five.\n\n"
      "What Helps\n\nText six.\n\n3. Follow-up\n\nText seven.\n");
  CHECK(count(doc, "/article/section") == 4);
  CHECK(text_of(doc, "/article/section[1]/title") == "Overview");
  CHECK(text_of(doc, "/article/section[2]/title") == "1. Before Treatment");
  CHECK(text_of(doc, "/article/section[2]/section/title") == "What to Bring");
  CHECK(text_of(doc, "/article/section[3]/section/title") == "2.1 Side Effects");
  // While the series goes on (3. follows), an un-numbered heading nests under the last numbered one.
  CHECK(text_of(doc, "/article/section[3]/section/section/title") == "What Helps");
  CHECK(text_of(doc, "/article/section[3]/section/section/para") == "Text six.");
  CHECK(text_of(doc, "/article/section[4]/title") == "3. Follow-up");
}

TEST_CASE("after a numbered series ends, un-numbered headings return to the outer level", "[text-reader]") {
  std::string src = "Guide\n\nIntro sentence here.\n\n";
  for (int n = 1; n <= 7; ++n) src += std::to_string(n) + ". Step Number " + std::to_string(n) + "\n\nDo this.\n\n";
  src += "Living With It\n\nText after.\n\nOutlook\n\nMore text.\n\nSupport Groups\nThey meet on Fridays.\n";
  Document doc = text_doc(src);
  CHECK(count(doc, "/article/section") == 10);
  CHECK(count(doc, "/article/section[7]/section") == 0);
  CHECK(text_of(doc, "/article/section[8]/title") == "Living With It");
  CHECK(text_of(doc, "/article/section[10]/title") == "Support Groups");
}

TEST_CASE("a heading set directly above its paragraph", "[text-reader]") {
  Document doc = text_doc("Guide\n\nFirst text.\n\nWhat Helps\nDrinking water through the day keeps you well.\n");
  CHECK(text_of(doc, "/article/section/title") == "What Helps");
  CHECK(text_of(doc, "/article/section/para") == "Drinking water through the day keeps you well.");
}

TEST_CASE("numbered lines with blank lines between them stay one list", "[text-reader]") {
  Document doc = text_doc("Steps\n\n1. Wash your hands.\n\n2. Shake the inhaler\n\n3. Breathe out slowly.\n\nDone.\n");
  CHECK(count(doc, "//section") == 0);
  CHECK(count(doc, "/article/orderedlist/listitem") == 3);
  CHECK(text_of(doc, "/article/orderedlist/listitem[2]") == "Shake the inhaler");
}

TEST_CASE("lists: bullets nest by indent and by sub-bullet glyph, wrapped items join", "[text-reader]") {
  Document doc = text_doc(
      "Lists\n\nBring these:\n\xE2\x80\xA2 Your card\n\xE2\x80\xA2 Your medicines\n  - the inhaler\n  - the spacer\n"
      "\xE2\x80\xA2 A list of questions\n\xE2\x97\xA6 written down\n\xE2\x97\xA6 in order\n\n"
      "3. Sit down\n4. Wait for your name\n   to be called\n\n* Star item\n\n   An indented paragraph under it.\n\nAfter.\n");
  CHECK(text_of(doc, "/article/para[1]") == "Bring these:");
  CHECK(count(doc, "/article/itemizedlist[1]/listitem") == 3);
  CHECK(count(doc, "/article/itemizedlist[1]/listitem[2]/itemizedlist/listitem") == 2);
  CHECK(count(doc, "/article/itemizedlist[1]/listitem[3]/itemizedlist/listitem") == 2);
  CHECK(count(doc, "/article/orderedlist[@startingnumber='3']/listitem") == 2);
  CHECK(text_of(doc, "/article/orderedlist/listitem[2]") == "Wait for your name to be called");
  CHECK(text_of(doc, "/article/itemizedlist[2]/listitem/para[2]") == "An indented paragraph under it.");
  CHECK(text_of(doc, "/article/para[last()]") == "After.");
}

TEST_CASE("Label: text lead-ins get a strong label; sentences with a colon do not", "[text-reader]") {
  Document doc = text_doc(
      "Labels\n\nGreen zone: you breathe easily.\n\n\xE2\x80\xA2 Red zone: call 911.\n\n"
      "This page is sample material: made up.\n\nAt 8:30 take the tablet.\n");
  CHECK(count(doc, "/article/para/emphasis[@role='strong'][.='Green zone:']") == 1);
  CHECK(count(doc, "//listitem/para/emphasis[@role='strong'][.='Red zone:']") == 1);
  CHECK(count(doc, "//emphasis") == 2);
  CHECK(text_of(doc, "/article/para[1]") == "Green zone: you breathe easily.");
}

TEST_CASE("web addresses become links, closing punctuation left outside", "[text-reader]") {
  Document doc = text_doc("Links\n\nSee https://example.org/a_(b) and www.example.org/log.pdf, or (http://x.example/y).\n");
  CHECK(count(doc, "//link[@xlink:href='https://example.org/a_(b)']") == 1);
  CHECK(count(doc, "//link[@xlink:href='https://www.example.org/log.pdf'][.='www.example.org/log.pdf']") == 1);
  CHECK(count(doc, "//link[@xlink:href='http://x.example/y']") == 1);
  CHECK(text_of(doc, "/article/para") == "See https://example.org/a_(b) and www.example.org/log.pdf, or (http://x.example/y).");
}

TEST_CASE("flattened tables: header lines, one cell per block, rows until a heading or a sentence", "[text-reader]") {
  Document doc = text_doc(
      "Tables\n\nIntro.\n\nZone\nPeak flow\nWhat to do\n\nGreen\n\n80 to 100 percent\n\nKeep taking your controller.\n\n"
      "Yellow\n\n50 to 79 percent\n\nUse your reliever.\n\nRed\n\nBelow 50 percent\n\nCall 911.\n\n"
      "Next Steps\n\nAsk your nurse to go through the plan with you at every visit, and bring your meter so she can check it.\n");
  REQUIRE(count(doc, "//informaltable") == 1);
  CHECK(count(doc, "//informaltable/thead/tr/th") == 3);
  CHECK(count(doc, "//informaltable/tbody/tr") == 3);
  CHECK(count(doc, "//informaltable/tbody/tr[count(td)=3]") == 3);
  CHECK(text_of(doc, "//informaltable/thead/tr/th[2]") == "Peak flow");
  CHECK(text_of(doc, "//informaltable/tbody/tr[3]/td[3]") == "Call 911.");
  CHECK(text_of(doc, "/article/section/title") == "Next Steps");
}

TEST_CASE("flattened tables: rows as blocks of lines; cells short of a row stay paragraphs", "[text-reader]") {
  Document rows = text_doc("T\n\nA\nB\n\n1\n2\n\n3\n4\n\nLast words of the page come here.\n");
  CHECK(count(rows, "//informaltable/tbody/tr[count(td)=2]") == 2);
  CHECK(text_of(rows, "/article/para") == "Last words of the page come here.");
  Document partial = text_doc(
      "T\n\nMedicine\nDose\nWhen\n\nA\n\n1 mg\n\nMorning\n\nB\n\n2 mg\n\n"
      "A long paragraph ends the table here because it has far more words than any table cell would ever hold, "
      "so it cannot be the last cell of the second row of this small table.\n");
  CHECK(count(partial, "//informaltable/tbody/tr") == 1);
  // "B" and "2 mg" are read again as what they look like (a heading and its text): nothing lost.
  CHECK(count(partial, "//*[not(ancestor::informaltable)][normalize-space(text())='B']") == 1);
  CHECK(count(partial, "/article//para[not(ancestor::informaltable) and not(ancestor::info)][.='2 mg']") == 1);
  Document none = text_doc("T\n\nInsurance card\nMedicine list\nPhoto ID\n\nArrive fifteen minutes early.\n");
  CHECK(count(none, "//informaltable") == 0);
  CHECK(count(none, "/article/para") == 4);
}

TEST_CASE("furniture and metadata lines never join a paragraph, heading or table", "[text-reader]") {
  Document doc = text_doc("Page\n\nShare\nPrint\n\nBody text is here and long enough to be a paragraph.\n");
  CHECK(count(doc, "//informaltable") == 0);
  CHECK(text_of(doc, "/article/para") == "Body text is here and long enough to be a paragraph.");
}

TEST_CASE("site names above the title are left out with a note; the byline is read", "[text-reader]") {
  Diagnostics diag("page.txt");
  Document doc = text_doc(
      "Skip to main content\nRiverside Library\nHome \xE2\x80\xBA Lungs\nAsthma Basics\nPublished April 10, 2026 "
      "\xC2\xB7 3 min read\n\nAsthma is a long-term condition of the airways.\n",
      diag);
  CHECK(doc.title() == "Asthma Basics");
  CHECK(text_of(doc, "/article/info/pubdate") == "2026-04-10");
  CHECK(body_xml(doc) == "<para>Asthma is a long-term condition of the airways.</para>");
  CHECK(handout::test::count_messages(diag, "left out \"Riverside Library\" above the title") == 1);
}

TEST_CASE("front matter wins over what the text says", "[text-reader]") {
  Document doc = text_doc(
      "---\ntitle: Inhaler Technique\ndate: 2025-01-15\nsource_url: https://example.org/given\n---\n"
      "Inhaler Technique\nPublished April 10, 2026\n\nShake it first.\n\nSource: https://example.org/other\n");
  CHECK(doc.title() == "Inhaler Technique");
  CHECK(text_of(doc, "/article/info/pubdate") == "2025-01-15");
  CHECK(text_of(doc, "/article/info/bibliosource") == "https://example.org/given");
  // The repeated title and the byline go; a second, different source is content and stays.
  CHECK(body_xml(doc) ==
        "<para>Shake it first.</para><para>Source: "
        "<link xlink:href=\"https://example.org/other\">https://example.org/other</link></para>");
}

TEST_CASE("detection: .txt is plain text unless it shows front matter or MediaWiki signs", "[text-reader]") {
  CHECK(detect_reader("notes.txt", "Just a note.\n")->name == "text");
  CHECK(detect_reader("notes.TXT", "Title\n\nBody.\n")->name == "text");
  CHECK(detect_reader("page.txt", "---\ntitle: x\n---\nBody\n")->name == "markdown");
  CHECK(find_reader("text")->read == &read_text);
}

TEST_CASE("pathological text: a 4 MB line and 5,000 indented bullets read in bounded time", "[text-reader]") {
  std::string line(4u << 20, 'a');
  Document big = text_doc("Title\n\n" + line + "\n");
  CHECK(count(big, "/article/para") == 1);
  std::string deep = "Title\n\n";
  for (int i = 0; i < 5000; ++i) deep += std::string(static_cast<std::size_t>(i % 200), ' ') + "- item\n";
  Diagnostics diag("deep.txt");
  Document nested = text_doc(deep, diag);
  // Past the builder's depth limit items are flattened into their container: every one is kept.
  CHECK(count(nested, "//para[not(ancestor::info)][.='item']") == 5000);
  CHECK(handout::test::count_messages(diag, "nest") >= 1);
}

TEST_CASE("headings in text copied without blank lines", "[text-reader]") {
  Document doc = text_doc(
      "Cell Death\nCell death ends the life of a cell. It is part of normal growth.\nTypes\n"
      "There are two main kinds, and they look different under a microscope.\n"
      "Apoptosis: The Controlled Demolition\nThe cell shrinks and is cleared away.\n"
      "2 to 4 weeks before surgery\nStop smoking if you smoke.\nRole in disease\n"
      "Too little apoptosis lets damaged cells survive.\n");
  CHECK(count(doc, "/article/section") == 4);
  CHECK(text_of(doc, "/article/section[1]/title") == "Types");
  CHECK(text_of(doc, "/article/section[2]/title") == "Apoptosis: The Controlled Demolition");
  CHECK(text_of(doc, "/article/section[3]/title") == "2 to 4 weeks before surgery");
  CHECK(text_of(doc, "/article/section[3]/para") == "Stop smoking if you smoke.");
  CHECK(text_of(doc, "/article/section[4]/title") == "Role in disease");
  CHECK(text_of(doc, "/article/para") == "Cell death ends the life of a cell. It is part of normal growth.");
}

TEST_CASE("short lines that are no headings: mid-sentence, fields, calls to action, bylines", "[text-reader]") {
  Document doc = text_doc(
      "Clinic Notice\n\nThe clinic moves next month.\nPhone: Main Desk\nHours: Monday to Friday\n"
      "Book an appointment\nCall us to change a visit or ask a question.\nCall us today!\n"
      "Sign up now\nOur newsletter comes once a month and lists new classes.\n"
      "By the Front Desk Team | Updated January 14, 2026\nThe new address is on the map below.\n"
      "The nurse said that the\nSwelling Should Go Down\nin a week or two.\n"
      "You will need\n2 tablets with food\nhttps://example.org/leaflet\n");
  CHECK(count(doc, "//section") == 0);
  CHECK(count(doc, "//para[.='Book an appointment']") == 1);
  CHECK(count(doc, "//para[.='Sign up now']") == 1);
  CHECK(count(doc, "/article/para[starts-with(., '2 tablets with food')]") == 1);
  CHECK(read_metadata(doc).updated == "2026-01-14");
}

TEST_CASE("a colon heading beside field lines is a field; digit lines need a sentence after them", "[text-reader]") {
  Document fields = text_doc("Contact\n\nSome text here.\n\nLocation: Main Street Clinic\nParking: Behind The Building\n"
                             "Arrive early on the day.\n");
  CHECK(count(fields, "//section") == 0);
  Document dose = text_doc("Doses\n\nTake it as shown.\n\n10 mg twice daily\n\nhttps://example.org/doses\n");
  CHECK(count(dose, "//section") == 0);
}

TEST_CASE("call-outs: the five labels, a spelled-out title, a lone label, a list after ':'", "[text-reader]") {
  Document doc = text_doc(
      "Taking Your Tablets\n\nTake one tablet each morning.\n\nWARNING: do not stop suddenly.\n\n"
      "Important safety information:\nTell your doctor if you are pregnant.\n\nImportant:\n\n"
      "Keep all medicines out of the reach of children.\n\nCaution: get help straight away if you have:\n"
      "\xE2\x80\xA2 swelling of the lips\n\xE2\x80\xA2 trouble breathing\n\nTip: set an alarm.\nNote:\n"
      "Store below 25 degrees.\nAfter that you can go home.\n\nWarning:\n\nNext Steps\n\nWe call in a week.\n");
  CHECK(count(doc, "/article/warning/para[.='Do not stop suddenly.']") == 1);
  CHECK(count(doc, "/article/important[title='Important safety information']/para[.='Tell your doctor if you are "
                   "pregnant.']") == 1);
  CHECK(count(doc, "/article/important[not(title)]/para[.='Keep all medicines out of the reach of children.']") == 1);
  CHECK(count(doc, "/article/caution/para[.='Get help straight away if you have:']") == 1);
  CHECK(count(doc, "/article/caution/itemizedlist/listitem") == 2);
  CHECK(count(doc, "/article/tip/para[.='Set an alarm.']") == 1);
  CHECK(count(doc, "/article/note/para") == 1);
  CHECK(count(doc, "/article/para[.='After that you can go home.']") == 1);
  // A lone label with nothing for it before a heading stays a paragraph: nothing is lost.
  CHECK(count(doc, "/article/para[.='Warning:']") == 1);
  CHECK(count(doc, "//emphasis") == 0);
}

TEST_CASE("lists from short lines after a lead-in ending in ':'", "[text-reader]") {
  Document doc = text_doc(
      "Side Effects\n\nMost people feel fine.\nCommon side effects include:\nSwelling around the knee\nBruising\n"
      "Tiredness for a few weeks\nThese usually settle within a month, and your nurse can help with each of them.\n\n"
      "Bring these:\n\nYour insurance card\nA list of your medicines\n\n"
      "Watch for:\nfever\nredness\nWhen to call the clinic\nCall if the wound leaks or smells.\n");
  CHECK(count(doc, "//itemizedlist") == 3);
  CHECK(count(doc, "//itemizedlist[1]/listitem") == 3);
  CHECK(text_of(doc, "//itemizedlist[1]/listitem[3]") == "Tiredness for a few weeks");
  CHECK(count(doc, "/article/para[starts-with(., 'These usually settle')]") == 1);
  CHECK(count(doc, "//itemizedlist[2]/listitem") == 2);  // the items in the block after the lead-in
  CHECK(count(doc, "//itemizedlist[3]/listitem") == 2);
  CHECK(text_of(doc, "//section/title") == "When to call the clinic");
}

TEST_CASE("lead-in lines that are no list: one line, wrapped prose, a blank line before a paragraph", "[text-reader]") {
  Document doc = text_doc(
      "Notes\n\nYou will need:\n2 tablets with food\n\nThe nurse said:\nyou should rest the knee and keep it raised on a "
      "pillow when\nyou sit down in the evening.\n\nBring:\n\nThis leaflet and your card, because the desk asks for both "
      "and will not book without them.\n");
  CHECK(count(doc, "//itemizedlist") == 0);
}

TEST_CASE("a question over its answer is a heading; a run of questions is not", "[text-reader]") {
  Document doc = text_doc(
      "Warfarin\n\nTake it at the same time each day.\n\nQuestions to ask your pharmacist\nWhat is my target range?\n"
      "What should I do if I miss a dose?\nWho should I call if I notice bleeding?\n\n"
      "Common questions\nCan I still eat fruit?\nYes. Whole fruit has fiber and vitamins.\n");
  CHECK(count(doc, "//section/title[.='Questions to ask your pharmacist']") == 1);
  CHECK(count(doc, "//section/title[.='Can I still eat fruit?']") == 1);
  CHECK(count(doc, "//section/title[contains(., 'miss a dose')]") == 0);
  CHECK(count(doc, "//section/title[contains(., 'target range')]") == 0);
}

TEST_CASE("sign-offs, download links and fields are no headings; lowercase colon headings are", "[text-reader]") {
  Document doc = text_doc(
      "Measles Notice\n\nCall before you come in.\nThank you for helping us protect our community.\n"
      "The Infection Prevention Team\n\nThis notice is sample material for the handout project.\n\n"
      "Download: Prep calendar (PDF)\nPrint it and keep it on the fridge.\n"
      "Heat stroke: a medical emergency\nCall 911 if someone is confused or stops sweating.\n"
      "Dose: two tablets\nTake them with food.\n");
  CHECK(count(doc, "//section") == 1);
  CHECK(text_of(doc, "//section/title") == "Heat stroke: a medical emergency");
}

TEST_CASE("a heading that asks leads a list of short lines", "[text-reader]") {
  Document doc = text_doc(
      "Surgery Checklist\n\nLeave valuables at home.\n\nWhat to bring\nPhoto ID and insurance card\nYour medicine list\n"
      "Glasses or contact lens case\n\nWhen to call 911\nChest pain\nSudden shortness of breath\nCoughing up blood\n"
      "Call your surgeon for anything else that worries you, day or night, using the number on your card.\n\n"
      "Home\nAbout us\nContact\n");
  CHECK(count(doc, "/article/section") == 2);
  CHECK(count(doc, "/article/section[1][title='What to bring']/itemizedlist/listitem") == 3);
  CHECK(count(doc, "/article/section[2][title='When to call 911']/itemizedlist/listitem") == 3);
  CHECK(count(doc, "/article/section[2]/para[starts-with(., 'Call your surgeon')]") == 1);
  // A block of short lines with no heading that asks stays lines (a menu is no list).
  CHECK(count(doc, "//para[.='Home']") == 1);
}
