#include "model/builder.hpp"
#include "model/metadata.hpp"
#include "model/schema.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace handout;
using handout::test::body_xml;
using handout::test::count;

TEST_CASE("headings nest sections by level and blocks never follow a subsection", "[builder]") {
  Document doc;
  Diagnostics diag;
  TreeBuilder b(doc, diag);
  b.body().para().text("intro");
  b.heading(2).text("A");
  b.body().para().text("a");
  b.heading(3).text("A.1");
  b.body().para().text("a1");
  b.heading(2).text("B");
  b.heading(4).text("B.x");  // a skipped level still nests one deeper
  b.heading(1).text("C");
  b.finish();
  CHECK(body_xml(doc) ==
        "<para>intro</para>"
        "<section><title>A</title><para>a</para><section><title>A.1</title><para>a1</para></section></section>"
        "<section><title>B</title><section><title>B.x</title><para/></section></section>"
        "<section><title>C</title><para/></section>");
}

TEST_CASE("finish adds required children and removes empty containers", "[builder]") {
  Document doc;
  Diagnostics diag;
  TreeBuilder b(doc, diag);
  BlockSink body = b.body();
  body.itemized_list();           // no items: removed
  body.ordered_list().item();     // empty item: gets a para
  body.blockquote();              // empty quote: gets a para
  TableSink only_header = body.table();
  only_header.header_row().cell(true).text("h");  // thead alone becomes tbody
  body.table().row();             // a row without cells: table removed
  b.finish();
  CHECK(body_xml(doc) ==
        "<orderedlist><listitem><para/></listitem></orderedlist>"
        "<blockquote><para/></blockquote>"
        "<informaltable><tbody><tr><th>h</th></tr></tbody></informaltable>");
}

TEST_CASE("an empty document still has a title and a body", "[builder]") {
  Document doc;
  Diagnostics diag;
  TreeBuilder(doc, diag).finish();
  CHECK(count(doc, "/article/info/title") == 1);
  CHECK(body_xml(doc) == "<para/>");
}

TEST_CASE("links and footnotes never nest", "[builder]") {
  Document doc;
  Diagnostics diag;
  TreeBuilder b(doc, diag);
  InlineSink p = b.body().para();
  InlineSink outer = p.link("https://a.example");
  outer.link("https://b.example").text("inner");
  BlockSink fn = p.footnote(b.claim_id("fn"));
  fn.para().footnote().para().text("nested note");
  CHECK(count(doc, "//link//link") == 0);
  CHECK(count(doc, "//link/phrase") == 1);
  CHECK(count(doc, "//footnote//footnote") == 0);
  CHECK(count(doc, "//footnote/para") == 2);
}

TEST_CASE("inside superscript and subscript only text-level inlines stand (DocBook 5.0 db._text)", "[builder][issue23]") {
  Document doc;
  Diagnostics diag;
  TreeBuilder b(doc, diag);
  InlineSink p = b.body().para();
  InlineSink sup = p.superscript();
  sup.emphasis().text("e");
  sup.strong().strikethrough().text("s");
  sup.code("c");
  sup.link("https://a.example").emphasis().text("l");
  sup.phrase("r").text("p");
  sup.subscript().emphasis().text("n");
  sup.footnote(b.claim_id("fn")).para().emphasis().text("note");
  sup.footnote_ref("fn");
  sup.text("z");
  p.emphasis().superscript().text("x");
  b.finish();
  CHECK(body_xml(doc) ==
        "<para><superscript>esc<link xlink:href=\"https://a.example\">l</link><phrase role=\"r\">p</phrase>"
        "<subscript>n</subscript>z</superscript><footnoteref linkend=\"fn\"/>"
        "<footnote xml:id=\"fn\"><para><emphasis>note</emphasis></para></footnote>"
        "<emphasis><superscript>x</superscript></emphasis></para>");
  CHECK(content_model_violation(doc.article()).empty());
  CHECK(diag.count(Severity::warning) == 0);
}

TEST_CASE("the content-model check finds what DocBook 5.0 forbids", "[builder][schema][issue23]") {
  const auto violation = [](const char* body) {
    Document doc;
    pugi::xml_document frag;
    REQUIRE(frag.load_string(body, pugi::parse_default | pugi::parse_fragment));
    for (pugi::xml_node c : frag.children()) doc.article().append_copy(c);
    return content_model_violation(doc.article());
  };
  CHECK(violation("<para>a<superscript>b</superscript></para>").empty());
  CHECK(violation("<para><superscript><link><phrase>b</phrase></link></superscript></para>").empty());
  CHECK(violation("<para><superscript><emphasis>b</emphasis></superscript></para>") ==
        "/article/para/superscript > emphasis: DocBook 5.0 allows only text here");
  CHECK_FALSE(violation("<para><subscript><phrase><code>b</code></phrase></subscript></para>").empty());
  CHECK_FALSE(violation("<para><code><emphasis>b</emphasis></code></para>").empty());
  CHECK_FALSE(violation("<para><footnote><para><footnote><para/></footnote></para></footnote></para>").empty());
  CHECK_FALSE(violation("<para><emphasis><para/></emphasis></para>").empty());
  CHECK_FALSE(violation("<emphasis>loose</emphasis>").empty());
  CHECK_FALSE(violation("loose text").empty());
  CHECK_FALSE(violation("<itemizedlist><para/></itemizedlist>").empty());
  CHECK_FALSE(violation("<para><blink/></para>").empty());
}

TEST_CASE("nesting past the limit is flattened with one warning", "[builder]") {
  Document doc;
  Diagnostics diag;
  TreeBuilder b(doc, diag, TreeLimits{5, 5});
  BlockSink sink = b.body();
  for (int i = 0; i < 1000; ++i) sink = sink.blockquote();
  sink.para().text("deep");
  InlineSink in = b.body().para();
  for (int i = 0; i < 1000; ++i) in = in.emphasis();
  in.text("deep inline");
  b.finish();
  CHECK(count(doc, "//blockquote") == 5);
  CHECK(count(doc, "//emphasis") == 5);
  CHECK(text_content(doc.article()).find("deep inline") != std::string::npos);
  CHECK(diag.count(Severity::warning) == 1);
}

TEST_CASE("text and attributes are made safe for XML", "[builder]") {
  Document doc;
  Diagnostics diag;
  TreeBuilder b(doc, diag);
  InlineSink p = b.body().para();
  p.text("bell\x07here");
  p.link("https://example.org/a b<c>").text("x");
  CHECK(body_xml(doc) ==
        "<para>bell\xEF\xBF\xBDhere<link xlink:href=\"https://example.org/a%20b%3Cc%3E\">x</link></para>");
}

TEST_CASE("a link's host keeps a colon only before a port of digits (issue 23, RELAX NG oracle)", "[builder][issue23]") {
  Document doc;
  Diagnostics diag;
  TreeBuilder b(doc, diag);
  InlineSink p = b.body().para();
  p.link("http://docbook.org:ns/docbook").text("a");
  p.link("http://u:pw@example.org:8080/x:y").text("b");
  p.link("http://[2001:db8::1]:80/").text("c");
  p.link("http://a@b@example.org/").text("d");
  p.link("http://docbook.orglee://docbook.org").text("e");
  CHECK(body_xml(doc) ==
        "<para><link xlink:href=\"http://docbook.org%3Ans/docbook\">a</link>"
        "<link xlink:href=\"http://u:pw@example.org:8080/x:y\">b</link>"
        "<link xlink:href=\"http://[2001:db8::1]:80/\">c</link>"
        "<link xlink:href=\"http://a%40b@example.org/\">d</link>"
        "<link xlink:href=\"http://docbook.orglee//docbook.org\">e</link></para>");
}

TEST_CASE("claim_id returns unique NCName ids", "[builder]") {
  Document doc;
  Diagnostics diag;
  TreeBuilder b(doc, diag);
  CHECK(b.claim_id("fn-1") == "fn-1");
  CHECK(b.claim_id("fn-1") == "fn-1-2");
  CHECK(b.claim_id("1st") == "id-1st");
  CHECK(b.claim_id("a:b") == "a-b");
}

TEST_CASE("metadata round-trips through info", "[metadata]") {
  Document doc;
  Metadata m;
  m.title = "Title";
  m.subtitle = "Sub";
  m.authors = {{"Ana Ruiz", false}, {"Sample Clinic", true}};
  m.published = "2026-04-10";
  m.updated = "2026-06-05";
  m.language = "es";
  m.summary = "First.\n\nSecond.";
  m.keywords = {"a", "b"};
  m.legal = {"\xC2\xA9 2026 Sample Clinic."};
  m.copyright_year = "2026";
  m.copyright_holder = "Sample Clinic";
  m.source_url = "https://example.org/x";
  m.extra = {{"reviewer", "Dr Lee"}, {"reviewer", "Dr Kim"}};
  write_metadata(doc, m);
  const Metadata back = read_metadata(doc);
  CHECK(back.title == m.title);
  CHECK(back.subtitle == m.subtitle);
  REQUIRE(back.authors.size() == 2);
  CHECK(back.authors[1].organization);
  CHECK(back.published == m.published);
  CHECK(back.updated == m.updated);
  CHECK(back.language == "es");
  CHECK(back.summary == m.summary);
  CHECK(back.keywords == m.keywords);
  CHECK(back.legal == m.legal);
  CHECK(back.copyright_holder == "Sample Clinic");
  CHECK(back.source_url == m.source_url);
  CHECK(back.extra == m.extra);
  CHECK(doc.language() == "es");
}

TEST_CASE("parse_copyright reads year and holder", "[metadata]") {
  auto c = parse_copyright("\xC2\xA9 2026 Harbor Health Collective. All rights reserved. Reuse with credit.");
  REQUIRE(c);
  CHECK(c->year == "2026");
  CHECK(c->holder == "Harbor Health Collective");
  c = parse_copyright("Copyright (c) 2024\xE2\x80\x93" "2026 by Sample Clinic, Inc");
  REQUIRE(c);
  CHECK(c->year == "2024");
  CHECK(c->holder == "Sample Clinic, Inc");
  CHECK_FALSE(parse_copyright("No sign here 2026"));
  CHECK_FALSE(parse_copyright("\xC2\xA9 Sample Clinic"));
}

TEST_CASE("is_language_tag accepts BCP 47 shapes", "[metadata]") {
  CHECK(is_language_tag("en"));
  CHECK(is_language_tag("pt-BR"));
  CHECK(is_language_tag("zh-Hant-TW"));
  CHECK_FALSE(is_language_tag("english please"));
  CHECK_FALSE(is_language_tag("e"));
  CHECK_FALSE(is_language_tag(""));
}
