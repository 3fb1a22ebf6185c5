#include "model/metadata.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace handout;
using handout::test::body_xml;
using handout::test::count;
using handout::test::count_messages;
using handout::test::markdown;

TEST_CASE("a lone opening level-1 heading becomes the title", "[markdown]") {
  Document doc = markdown("# Asthma at school\n\nIntro.\n\n## Triggers\n\nSmoke.\n");
  CHECK(doc.title() == "Asthma at school");
  CHECK(body_xml(doc) ==
        "<para>Intro.</para><section xml:id=\"triggers\"><title>Triggers</title><para>Smoke.</para></section>");
}

TEST_CASE("several level-1 headings stay sections, the file name gives the title", "[markdown]") {
  Diagnostics diag("path/to/peak-flow_guide.md");
  Document doc = markdown("# One\n\na\n\n# Two\n\nb\n", diag, "path/to/peak-flow_guide.md");
  CHECK(doc.title() == "Peak flow guide");
  CHECK(count(doc, "/article/section") == 2);
  CHECK(diag.count(Severity::warning) == 1);
}

TEST_CASE("front matter title wins, a heading repeating it is not duplicated", "[markdown]") {
  Document same = markdown("---\ntitle: Inhalers\n---\n# Inhalers\n\nText.\n");
  CHECK(same.title() == "Inhalers");
  CHECK(count(same, "//section") == 0);
  Document other = markdown("---\ntitle: Inhalers\n---\n# Using a spacer\n\nText.\n");
  CHECK(other.title() == "Inhalers");
  CHECK(count(other, "/article/section/title") == 1);
}

TEST_CASE("inline markup maps to DocBook inlines", "[markdown]") {
  Document doc = markdown(
      "*em* **strong** ~~gone~~ `code` [link](https://example.org \"Title\") <https://auto.example> "
      "www.bare.example H<sub>2</sub>O line  \nbreak<br>x ![alt text](img.png)\n");
  const std::string xml = body_xml(doc);
  CHECK(xml.find("<emphasis>em</emphasis>") != std::string::npos);
  CHECK(xml.find("<emphasis role=\"strong\">strong</emphasis>") != std::string::npos);
  CHECK(xml.find("<emphasis role=\"strikethrough\">gone</emphasis>") != std::string::npos);
  CHECK(xml.find("<code>code</code>") != std::string::npos);
  CHECK(xml.find("<link xlink:href=\"https://example.org\" xlink:title=\"Title\">link</link>") != std::string::npos);
  CHECK(xml.find("<link xlink:href=\"https://auto.example\">https://auto.example</link>") != std::string::npos);
  CHECK(xml.find("<link xlink:href=\"http://www.bare.example\">www.bare.example</link>") != std::string::npos);
  CHECK(xml.find("<phrase role=\"raw-html\">&lt;sub&gt;</phrase>2") != std::string::npos);
  CHECK(count(doc, "//processing-instruction('linebreak')") == 2);
  CHECK(count(doc, "//inlinemediaobject[imageobject/imagedata/@fileref='img.png'][textobject/phrase='alt text']") == 1);
}

TEST_CASE("blocks map to DocBook blocks", "[markdown]") {
  Document doc = markdown(
      "Para.\n\n> quoted\n\n1. one\n2. two\n\n3) three\n\n- [x] done\n- [ ] todo\n\n"
      "```python title\nprint(1)\n```\n\n    indented\n\n***\n\n<div class=\"x\">raw block</div>\n\n"
      "![A diagram of the lungs](lungs.png)\n\n### Deep heading\n\n- ## heading in a list\n");
  CHECK(count(doc, "//blockquote/para[.='quoted']") == 1);
  CHECK(count(doc, "//orderedlist[not(@startingnumber)]/listitem") == 2);
  CHECK(count(doc, "//orderedlist[@startingnumber='3']") == 1);
  CHECK(count(doc, "//listitem[@role='task-done']") == 1);
  CHECK(count(doc, "//listitem[@role='task-todo']") == 1);
  CHECK(count(doc, "//programlisting[@language='python'][.='print(1)']") == 1);
  CHECK(count(doc, "//programlisting[not(@language)][.='indented']") == 1);
  CHECK(count(doc, "//para[@role='thematic-break']") == 1);
  CHECK(count(doc, "//literallayout[@role='raw-html'][.='<div class=\"x\">raw block</div>']") == 1);
  CHECK(count(doc, "//mediaobject[textobject/phrase='A diagram of the lungs']") == 1);
  CHECK(count(doc, "//section/title[.='Deep heading']") == 1);
  CHECK(count(doc, "//listitem/bridgehead[.='heading in a list']") == 1);
}

TEST_CASE("GFM tables keep header, alignment and inline content", "[markdown]") {
  Document doc = markdown("| Drug | Dose |\n|:-----|-----:|\n| **A** | 2 mg |\n| B | 5 mg |\n");
  CHECK(count(doc, "//informaltable/thead/tr/th") == 2);
  CHECK(count(doc, "//informaltable/tbody/tr") == 2);
  CHECK(count(doc, "//tbody/tr[1]/td[1][@align='left']/emphasis[@role='strong']") == 1);
  CHECK(count(doc, "//tbody/tr[2]/td[2][@align='right'][.='5 mg']") == 1);
}

TEST_CASE("footnotes are placed at their first reference and shared after", "[markdown]") {
  Diagnostics diag("t.md");
  Document doc = markdown("One[^a], two[^b], again[^a].\n\n[^a]: Note *A*.\n[^b]: Note B.\n\n    more B\n[^c]: never used\n",
                          diag);
  CHECK(count(doc, "//para/footnote") == 2);
  CHECK(count(doc, "//footnote[@xml:id='fn-1']/para/emphasis[.='A']") == 1);
  CHECK(count(doc, "//footnote[@xml:id='fn-2']/para") == 2);
  CHECK(count(doc, "//footnoteref[@linkend='fn-1']") == 1);
  REQUIRE(count_messages(diag, "footnote") == 1);
  CHECK(diag.items()[0].message.find("[^c] is defined but never referenced") != std::string::npos);
  CHECK(diag.items()[0].line == 7);
}

TEST_CASE("GitHub alerts become call-outs", "[markdown]") {
  Document doc = markdown("> [!WARNING]\n> Call 911 if lips turn blue.\n\n> [!tip]\n>\n> Keep a spare inhaler.\n");
  CHECK(count(doc, "//warning/para[.='Call 911 if lips turn blue.']") == 1);
  CHECK(count(doc, "//tip/para[.='Keep a spare inhaler.']") == 1);
  CHECK(count(doc, "//blockquote") == 0);
}

TEST_CASE("paragraphs opening with a call-out label become that call-out", "[markdown]") {
  Document doc = markdown(
      "Warning: do not stop suddenly.\n\n**Note:** Store below 25 \xC2\xB0" "C.\n\n**Tip**: set an alarm.\n\n"
      "IMPORTANT: keep out of reach of children.\n\ncaution: *hot* surfaces.\n");
  CHECK(body_xml(doc) ==
        "<warning><para>Do not stop suddenly.</para></warning>"
        "<note><para>Store below 25 \xC2\xB0" "C.</para></note>"
        "<tip><para>Set an alarm.</para></tip>"
        "<important><para>Keep out of reach of children.</para></important>"
        "<caution><para><emphasis>hot</emphasis> surfaces.</para></caution>");
}

TEST_CASE("a lone bold label holds the next block; a call-out ending with ':' its list", "[markdown]") {
  Document doc = markdown(
      "**Important safety information**\n\nTell your doctor if you are pregnant.\n\n"
      "**Caution:** get help if you have:\n\n- swelling of the lips\n- trouble breathing\n\nAfter.\n");
  CHECK(count(doc, "/article/important[title='Important safety information']/para[.='Tell your doctor if you are "
                   "pregnant.']") == 1);
  CHECK(count(doc, "/article/caution/itemizedlist/listitem") == 2);
  CHECK(count(doc, "/article/para[.='After.']") == 1);
  CHECK(count(doc, "//emphasis") == 0);
}

TEST_CASE("labels that are no call-out stay what they are", "[markdown]") {
  Document doc = markdown(
      "**Important** to know: a paragraph.\n\n> **Warning:** quoted.\n\n- **Warning:** an item.\n\n"
      "Warning signs: fever and rash.\n\n**Warning**\n\n## Next\n\nText.\n");
  CHECK(count(doc, "//warning | //important | //note") == 0);
  CHECK(count(doc, "/article/para[emphasis='Important']") == 1);
  CHECK(count(doc, "//blockquote/para/emphasis[.='Warning:']") == 1);
  CHECK(count(doc, "//listitem/para/emphasis[.='Warning:']") == 1);
  CHECK(count(doc, "/article/para[.='Warning signs: fever and rash.']") == 1);
  CHECK(count(doc, "/article/para[emphasis='Warning']") == 1);  // a lone label before a heading is kept
}

TEST_CASE("HTML comments are left out with a warning, other raw HTML is kept", "[markdown]") {
  Diagnostics diag("t.md");
  Document doc = markdown("Text <!-- inline note --> <span>kept</span>\n\n<!-- block note -->\n", diag);
  CHECK(text_content(doc.article()).find("note") == std::string::npos);
  CHECK(count(doc, "//phrase[@role='raw-html'][.='<span>']") == 1);
  CHECK(count_messages(diag, "HTML comment left out") == 2);
}

TEST_CASE("a body carried in front matter is the document", "[markdown]") {
  Document doc = markdown(
      "---\nquestion: How do I use a spacer?\nanswer: \"Shake the inhaler.\\n\\n## Steps\\n\\n1. Attach it\\n2. Breathe slowly\"\n"
      "category: inhalers\n---\n&nbsp;\n");
  CHECK(doc.title() == "How do I use a spacer?");
  CHECK(count(doc, "/article/para[.='Shake the inhaler.']") == 1);
  CHECK(count(doc, "//section[title='Steps']/orderedlist/listitem") == 2);
  const Metadata m = read_metadata(doc);
  REQUIRE(m.extra.size() == 1);
  CHECK(m.extra[0].first == "category");
}

TEST_CASE("a body in a field is kept as metadata when the file has its own", "[markdown]") {
  Document doc = markdown("---\ntitle: T\ncontent: other text\n---\nReal body.\n");
  CHECK(count(doc, "/article/para[.='Real body.']") == 1);
  const Metadata m = read_metadata(doc);
  REQUIRE(m.extra.size() == 1);
  CHECK(m.extra[0] == std::pair<std::string, std::string>{"content", "other text"});
}

TEST_CASE("bad input: empty file, huge line, deep nesting", "[markdown][bad-input]") {
  Diagnostics empty_diag("empty.md");
  Document empty = markdown("", empty_diag, "empty.md");
  CHECK(empty.title() == "Empty");
  CHECK(body_xml(empty) == "<para/>");

  const std::string line(10u << 20, 'a');
  Document big = markdown(line);
  CHECK(text_content(big.article().child("para")).size() == line.size());

  Diagnostics quotes_diag("q.md");
  Document quotes = markdown(std::string(10000, '>') + " deep\n", quotes_diag);
  CHECK(count(quotes, "//blockquote") == TreeLimits{}.max_block_depth);
  CHECK(text_content(quotes.article()).find("deep") != std::string::npos);
  CHECK(count_messages(quotes_diag, "nested more than") == 1);

  std::string lists;
  for (int i = 0; i < 10000; ++i) lists += "- ";
  Document nested = markdown(lists + "level\n" + lists + "1. numbered\n");
  CHECK(count(nested, "//listitem") > 0);
  CHECK(count(nested, "//listitem[count(ancestor::listitem) >= 40]") == 0);
  CHECK(text_content(nested.article()).find("numbered") != std::string::npos);

  Document emphasis = markdown(std::string(20000, '*') + "x" + std::string(20000, '*') + "\n");
  CHECK(text_content(emphasis.article()).find('x') != std::string::npos);
}
