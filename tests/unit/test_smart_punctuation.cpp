// Smart punctuation: quotes curled by context and language, dashes and ellipses, never in code.
#include "model/metadata.hpp"
#include "test_support.hpp"
#include "transforms/smart_punctuation.hpp"

#include <catch2/catch.hpp>

using namespace handout;
using handout::test::body_xml;
using handout::test::count;

namespace {

std::string en(std::string_view s) { return smart_punctuation(s, *quote_marks("en")); }

/// Reads Markdown and runs the smart punctuation pass alone.
Document smartened(std::string_view md) {
  Diagnostics diag("t.md");
  SourceText src = decode_source("t.md", md, diag);
  Document doc = read_markdown(src, ReaderOptions{}, diag);
  apply_smart_punctuation(doc, TransformOptions{}, diag);
  return doc;
}

}  // namespace

TEST_CASE("straight quotes curl by context, apostrophes in contractions and possessives", "[smart-punctuation]") {
  CHECK(en("\"Take it with food,\" she said.") == "\xE2\x80\x9CTake it with food,\xE2\x80\x9D she said.");
  CHECK(en("Don't stop; it's fine.") == "Don\xE2\x80\x99t stop; it\xE2\x80\x99s fine.");
  CHECK(en("The patients' room") == "The patients\xE2\x80\x99 room");
  CHECK(en("He said 'no' twice.") == "He said \xE2\x80\x98no\xE2\x80\x99 twice.");
  CHECK(en("\"She said 'wait'.\"") == "\xE2\x80\x9CShe said \xE2\x80\x98wait\xE2\x80\x99.\xE2\x80\x9D");
  CHECK(en("'cause it helps") == "\xE2\x80\x99" "cause it helps");  // no partner: an apostrophe
  CHECK(en("in the '90s") == "in the \xE2\x80\x99" "90s");
  CHECK(en("(\"quoted\")") == "(\xE2\x80\x9Cquoted\xE2\x80\x9D)");
}

TEST_CASE("what is not clearly a quote stays straight", "[smart-punctuation]") {
  CHECK(en("He is 5'10\" tall.") == "He is 5'10\" tall.");
  CHECK(en("A 12\" ruler") == "A 12\" ruler");      // no opening partner: inches
  CHECK(en("an \"open quote") == "an \"open quote");  // no closing partner
  CHECK(en("x\"y") == "x\"y");
  CHECK(en("''Not italic'' as written") == "''Not italic'' as written");
  CHECK(en("an empty \"\" pair") == "an empty \"\" pair");
  CHECK(en("") == "");
}

TEST_CASE("dashes and ellipses as pandoc makes them; addresses left alone", "[smart-punctuation]") {
  CHECK(en("pages 10--12") == "pages 10\xE2\x80\x93" "12");
  CHECK(en("rest---then walk") == "rest\xE2\x80\x94then walk");
  CHECK(en("wait...") == "wait\xE2\x80\xA6");
  CHECK(en("a ---- rule") == "a ---- rule");
  CHECK(en("a.... b") == "a.... b");
  CHECK(en("one-two") == "one-two");
  CHECK(en("see https://example.org/a--b's or www.example.org/x...y") ==
        "see https://example.org/a--b's or www.example.org/x...y");
  CHECK(en("mail care@example.org--today") == "mail care@example.org--today");
}

TEST_CASE("quote marks are data per language; a language without an entry is left as written", "[smart-punctuation]") {
  REQUIRE(quote_marks("en-GB") != nullptr);
  CHECK(quote_marks("xx") == nullptr);
  CHECK(smart_punctuation("\"Ja\", sagt sie.", *quote_marks("de")) == "\xE2\x80\x9EJa\xE2\x80\x9C, sagt sie.");
  CHECK(smart_punctuation("Il dit \"oui\".", *quote_marks("fr-CA")) == "Il dit \xC2\xABoui\xC2\xBB.");
  CHECK(smart_punctuation("l'eau", *quote_marks("fr")) == "l\xE2\x80\x99" "eau");
  Document xx = smartened("---\nlang: xx\n---\n\"Hello\" and don't.\n");
  CHECK(body_xml(xx) == "<para>\"Hello\" and don't.</para>");
}

TEST_CASE("the pass reads a paragraph across its markup and never touches code", "[smart-punctuation]") {
  Document doc = smartened(
      "# Don't \"panic\"\n\n\"*Stop* now,\" she said -- and `don't \"edit\"` me.\n\n"
      "```\nsay \"hi\" -- ok...\n```\n\n[the 'guide'](https://example.org/a'b) and <https://example.org/x--y>\n");
  CHECK(doc.title() == "Don\xE2\x80\x99t \xE2\x80\x9Cpanic\xE2\x80\x9D");
  CHECK(body_xml(doc) ==
        "<para>\xE2\x80\x9C<emphasis>Stop</emphasis> now,\xE2\x80\x9D she said \xE2\x80\x93 and "
        "<code>don't \"edit\"</code> me.</para>"
        "<programlisting>say \"hi\" -- ok...</programlisting>"
        "<para><link xlink:href=\"https://example.org/a'b\">the \xE2\x80\x98guide\xE2\x80\x99</link> and "
        "<link xlink:href=\"https://example.org/x--y\">https://example.org/x--y</link></para>");
}

TEST_CASE("in <info> only the title, subtitle and abstracts change; twice is once", "[smart-punctuation]") {
  Document doc = smartened(
      "---\ntitle: \"Kids' asthma\"\nsummary: \"It's common.\"\nsource_url: \"https://example.org/it's\"\n"
      "keep_me: \"don't\"\n---\nText.\n");
  const Metadata m = read_metadata(doc);
  CHECK(m.title == "Kids\xE2\x80\x99 asthma");
  CHECK(m.summary == "It\xE2\x80\x99s common.");
  CHECK(m.source_url == "https://example.org/it's");
  REQUIRE(m.extra.size() == 1);
  CHECK(m.extra[0].second == "don't");
  const std::string once = body_xml(doc);
  Diagnostics diag("t.md");
  apply_smart_punctuation(doc, TransformOptions{}, diag);
  CHECK(body_xml(doc) == once);
}

TEST_CASE("a long run of quotes and dashes is read in linear time", "[smart-punctuation]") {
  std::string s;
  for (int i = 0; i < 200000; ++i) s += "'\" -- ";
  const std::string out = en(s);
  CHECK(out.size() > s.size());
  // One run of a million quotes of both kinds: each is judged by what stands before it once.
  std::string quotes;
  for (int i = 0; i < 500000; ++i) quotes += "'\"";
  const std::string curled = en("a " + quotes + " b");
  CHECK(curled.substr(0, 2) == "a ");
  CHECK(curled.substr(curled.size() - 2) == " b");
}
