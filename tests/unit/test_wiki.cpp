// The MediaWiki reader: what survives, what is dropped and reported, where diagnostics point,
// and pathological input (unbalanced, unclosed, deeply nested, huge) giving valid trees.
#include "cli/app.hpp"
#include "model/schema.hpp"
#include "text/text.hpp"
#include "readers/registry.hpp"
#include "readers/wiki/lexer.hpp"
#include "readers/wiki/templates.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <unistd.h>

using namespace handout;
using handout::test::body_xml;
using handout::test::count;
using handout::test::count_messages;

namespace {

/// Runs the wiki reader and the transforms over text, as a file named path would be.
Document read_page(std::string_view text, Diagnostics& diag, std::string path = "test.wiki", ReaderOptions options = {}) {
  SourceText src = decode_source(path, text, diag);
  Document doc = read_wiki(src, options, diag);
  run_transforms(doc, TransformOptions{}, diag);
  return doc;
}

Document read_page(std::string_view text) {
  Diagnostics diag("test.wiki");
  return read_page(text, diag);
}

/// Returns the first diagnostic whose message contains part, or nullptr.
const Diagnostic* find_message(const Diagnostics& diag, std::string_view part) {
  for (const auto& d : diag.items())
    if (d.message.find(part) != std::string::npos) return &d;
  return nullptr;
}

/// Checks what every tree must satisfy, whatever the input: the builder's content models hold
/// after serialization and reparsing (no para in para, sections only after blocks, lists with items).
void check_well_formed(const Document& doc) {
  CHECK(count(doc, "//para/para") == 0);
  CHECK(count(doc, "//itemizedlist[not(listitem)] | //orderedlist[not(listitem)]") == 0);
  CHECK(count(doc, "//informaltable[not(tbody)] | //table[not(tbody)]") == 0);
  CHECK(count(doc, "//footnote//footnote") == 0);
  CHECK(count(doc, "//link//link") == 0);
  CHECK(count(doc, "//section[following-sibling::para]") == 0);
  INFO(content_model_violation(doc.article()));
  CHECK(content_model_violation(doc.article()).empty());
  const std::string xml = test::xml_of(doc.xml());
  pugi::xml_document reparsed;
  CHECK(reparsed.load_string(xml.c_str()));
}

/// Words written "vNN" in a source: every one must reach the tree.
std::set<std::string> words_matching(std::string_view text, const std::regex& re) {
  std::set<std::string> words;
  const std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) words.insert(it->str());
  return words;
}

}  // namespace

TEST_CASE("every word of visible text survives; hidden text does not", "[wiki]") {
  // vNN words are visible on the page; hNN words are not (comments, dropped templates, categories,
  // attributes, options, magic words). Every construct of the issue appears at least once.
  const std::string source = R"(= v01 v02 =
{{Short description|v03 summary}}
'''v04''' ''v05'' '''''v06''''' <!-- h01 h02 --> ''unbalanced v07
== v08 ==
* v09
*# v10
*#: v11
; v12 : v13
: v14
----
v15<br>v16 <nowiki>''v17'' [[v18]]</nowiki> &eacute;v19
<sub>v20</sub> <sup>v21</sup> <del>v22</del> <s>v23</s> <code>v24</code> <u>v25</u>
<pre>
v26 ''v27''
</pre>
<syntaxhighlight lang="python">
v28 = 1
</syntaxhighlight>
<blockquote>v29</blockquote>
 v30 verbatim ''v31''
[[v32]] [[h03 page|v33]] [[v34]]s [https://example.org v35] https://example.org/v36
[[File:h04.png|thumb|200px|alt=v37 alt|v38 caption]]
{| class="h05" style="h06"
|+ v39
! v40 !! v41
|-
| style="text-align:right" | v42 || v43
|-
| v44
{|
| v45
|}
|}
Note.<ref>v46 {{cite web |url=https://example.org/h07 |title=v47 |website=v48}}</ref> Again.<ref name="h08">v49</ref><ref name="h08"/>
<math>v50^2</math> {{lang|fr|v51}} {{convert|5|km}} {{Frobnicate|h09|h10=h11}} {{citation needed|date=h12}}
<gallery>
File:h13.png|v52 gallery
</gallery>
<includeonly>h14</includeonly><templatestyles src="h15.css"/>
__NOTOC__
[[Category:h16]]
[[fr:h17]]
== References ==
<references/>
)";
  Diagnostics diag("words.wiki");
  Document doc = read_page(source, diag, "words.wiki");
  const std::string all = text_content(doc.article());
  for (const std::string& w : words_matching(source, std::regex("v[0-9][0-9]"))) {
    INFO("visible word " << w);
    CHECK(all.find(w) != std::string::npos);
  }
  for (const std::string& w : words_matching(source, std::regex("h[0-9][0-9]"))) {
    INFO("hidden word " << w);
    CHECK(all.find(w) == std::string::npos);
  }
  CHECK(all.find("5 km") != std::string::npos);
  CHECK(diag.has_errors() == false);
  check_well_formed(doc);
}

TEST_CASE("emphasis, code and refs inside <sup> and <sub> keep their text and a valid tree (issue 23, finding 3)", "[wiki][issue23]") {
  Diagnostics diag("test.wiki");
  Document doc = read_page(
      "Energy is m c<sup>''exponent''</sup>; water is H<sub>'''2'''<code>x</code></sub>O"
      "<sup>a<ref>The note.</ref>b</sup>.\n",
      diag);
  CHECK(count(doc, "//superscript//emphasis | //subscript//emphasis | //subscript//code") == 0);
  CHECK(count(doc, "//superscript//footnote") == 0);
  CHECK(count(doc, "//superscript[.='exponent']") == 1);
  CHECK(count(doc, "//subscript[.='2x']") == 1);
  CHECK(count(doc, "//superscript[.='ab']/following-sibling::footnote") == 1);
  CHECK(text_content(doc.article()).find("The note.") != std::string::npos);
  CHECK(content_model_violation(doc.article()).empty());
  check_well_formed(doc);
  CHECK(diag.count(Severity::warning) == 0);
}

TEST_CASE("unknown templates are left out with a warning naming them and their source line", "[wiki]") {
  // A multi-line comment, a multi-line template and a multi-line ref come first: lines must still be right.
  Diagnostics diag("t.wiki");
  Document doc = read_page(
      "Intro <!-- a\nb\nc -->\n"                     // lines 1-3
      "{{cite web\n|title=T\n|url=https://x.org\n}}\n"  // lines 4-7
      "Text<ref>note\nover two lines</ref>\n"          // lines 8-9
      "More {{Frobnicate|a}} text.\n"                  // line 10
      "{{Infobox something\n| a = b\n}}\n",            // line 11
      diag, "t.wiki");
  const Diagnostic* d = find_message(diag, "{{Frobnicate}}");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::warning);
  CHECK(d->line == 10);
  CHECK(d->message == "template {{Frobnicate}} is not supported; it is left out");
  CHECK(diag.has_errors() == false);
  CHECK(text_content(doc.article()).find("More  text.") != std::string::npos);
}

TEST_CASE("title: DISPLAYTITLE, else a lone opening level-1 heading, else the page name", "[wiki]") {
  CHECK(read_page("= Inhalers =\nText.\n== Types ==\nMore.\n").title() == "Inhalers");
  Document display = read_page("{{DISPLAYTITLE:Using ''spacers''}}\n= Other heading =\nText.\n");
  CHECK(display.title() == "Using spacers");
  CHECK(count(display, "/article/section/title[.='Other heading']") == 1);
  Diagnostics diag("path/Peak_flow-meter.wiki");
  Document named = read_page("= One =\na\n= Two =\nb\n", diag, "path/Peak_flow-meter.wiki");
  CHECK(named.title() == "Peak flow-meter");
  CHECK(count(named, "/article/section") == 2);
  CHECK(count_messages(diag, "no title found") == 0);
}

/// Reads text as a page stored under path.
Document read_named(std::string_view text, const std::string& path) {
  Diagnostics diag(path);
  return read_page(text, diag, path);
}

TEST_CASE("title without heading: the lead's bold subject when it names the page, else the page name capitalized", "[wiki]") {
  const char* lead = "'''Lyme disease''' is an infection spread by ticks.\n\n== Signs ==\nA rash.\n";
  CHECK(read_named(lead, "lyme-disease.wiki").title() == "Lyme disease");
  CHECK(read_named(lead, "Tick_bites.wiki").title() == "Tick bites");
  CHECK(read_named("Text about '''spacers'''.\n", "using-an-inhaler.wiki").title() == "Using an inhaler");
  CHECK(read_named("Text.\n", "Peak_flow-meter.wiki").title() == "Peak flow-meter");
  CHECK(read_named("Text.\n", "\xC3\xA9tude.wiki").title() == "\xC3\x89tude");
}

TEST_CASE("internal links are text, or links under --wiki-base-url", "[wiki]") {
  const char* text = "See [[peak flow|the meter]], [[Asthma#Signs]], [[#Local]] and [[wikt:wheeze]].\n";
  Document plain = read_page(text);
  CHECK(count(plain, "//link") == 0);
  CHECK(text_content(plain.article()).find("See the meter, Asthma#Signs, #Local and wikt:wheeze.") != std::string::npos);

  Diagnostics diag("test.wiki");
  ReaderOptions options;
  options.wiki_base_url = "https://wiki.example.org/wiki/";
  Document linked = read_page(text, diag, "test.wiki", options);
  CHECK(count(linked, "//link[@xlink:href='https://wiki.example.org/wiki/Peak_flow'][.='the meter']") == 1);
  CHECK(count(linked, "//link[@xlink:href='https://wiki.example.org/wiki/Asthma#Signs']") == 1);
  CHECK(count(linked, "//link") == 2);  // #Local and the interwiki link stay text

  options.wiki_base_url = "https://wiki.example.org/index.php?title=$1&action=view";
  Document slot = read_page("[[Spacer]]\n", diag, "test.wiki", options);
  CHECK(count(slot, "//link[@xlink:href='https://wiki.example.org/index.php?title=Spacer&action=view']") == 1);
}

TEST_CASE("convert --wiki-base-url reaches the reader", "[wiki][cli]") {
  const auto dir = std::filesystem::temp_directory_path() / ("handout-wiki-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string source = (dir / "page.wiki").string();
  std::ofstream(source) << "See [[Asthma]].\n";
  std::vector<const char*> args = {"handout", "convert", source.c_str(), "--wiki-base-url", "https://w.example/wiki/"};
  std::ostringstream out, err;
  CHECK(run_cli(static_cast<int>(args.size()), args.data(), out, err) == 0);
  CHECK(out.str().find("<link xlink:href=\"https://w.example/wiki/Asthma\">Asthma</link>") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("refs: named refs are reused with footnoteref; missing and unused ones are reported", "[wiki]") {
  Diagnostics diag("r.wiki");
  Document doc = read_page(
      "A.<ref name=\"g\">Guide.</ref> B.<ref name=\"g\"/> C.<ref name=\"missing\"/> D.<ref>Plain.</ref>\n"
      "<references>\n<ref name=\"unused\">Never used.</ref>\n</references>\n",
      diag, "r.wiki");
  CHECK(count(doc, "//footnote") == 2);
  CHECK(count(doc, "//footnoteref[@linkend=//footnote[.='Guide.']/@xml:id]") == 1);
  CHECK(find_message(diag, "'missing' is used but never given a text") != nullptr);
  CHECK(find_message(diag, "'unused' is defined but never used") != nullptr);
  CHECK(text_content(doc.article()).find("Never used.") == std::string::npos);
}

TEST_CASE("a ref inside a table cell, a heading and a list item is a footnote there", "[wiki]") {
  Document doc = read_page("== Head<ref>In heading.</ref> ==\n* item<ref>In item.</ref>\n{|\n| cell<ref>In cell.</ref>\n|}\n");
  CHECK(count(doc, "//section/title/footnote") == 1);
  CHECK(count(doc, "//listitem/para/footnote") == 1);
  CHECK(count(doc, "//td/footnote") == 1);
}

TEST_CASE("detection: .wiki and .mediawiki by extension, MediaWiki markup in .txt by its signs", "[wiki]") {
  REQUIRE(find_reader("wiki") != nullptr);
  CHECK(detect_reader("a.wiki", "anything")->name == "wiki");
  CHECK(detect_reader("A.MEDIAWIKI", "anything")->name == "wiki");
  const char* markup = "'''Asthma''' is a condition of the [[lung]]s.\n\n== Signs ==\n{| class=\"wikitable\"\n| a\n|}\n";
  const ReaderEntry* detected = detect_reader("copied.txt", markup);
  REQUIRE(detected != nullptr);
  CHECK(detected->name == "wiki");
  const ReaderEntry* markdown = detect_reader("notes.txt", "---\ntitle: x\n---\n'''not wiki'''\n[[x]]\n");
  REQUIRE(markdown != nullptr);
  CHECK(markdown->name == "markdown");
  // Plain prose is not MediaWiki (the plain-text reader, when registered, takes it).
  const ReaderEntry* prose = detect_reader("notes.txt", "Asthma is common.\nIt can be treated.\n");
  CHECK((prose == nullptr || prose->name != "wiki"));
}

TEST_CASE("warnings of one kind are capped, with the rest counted", "[wiki]") {
  std::string many;
  for (int i = 0; i < 500; ++i) many += "{{Unknown" + std::to_string(i) + "}} ";
  Diagnostics diag("cap.wiki");
  read_page(many, diag, "cap.wiki");
  CHECK(count_messages(diag, "is not supported") == 20);
  CHECK(find_message(diag, "480 more like this not shown") != nullptr);
}

TEST_CASE("templates: the call is split at top-level bars; the table renders common ones", "[wiki]") {
  const wiki::TemplateCall call = wiki::parse_template_call(" Cite_web |url=https://x.org/?a=b |title=[[A|B]] | second ");
  CHECK(call.name == "cite web");
  CHECK(call.arg("url") == "https://x.org/?a=b");
  CHECK(call.arg("title") == "[[A|B]]");
  CHECK(call.pos(0) == "second");
  wiki::PageFacts facts;
  CHECK(wiki::expand_template(wiki::parse_template_call("convert|5|km|mi"), facts).wikitext == "5 km");
  CHECK(wiki::expand_template(wiki::parse_template_call("lang|fr|oui"), facts).wikitext == "<span lang=\"fr\">oui</span>");
  CHECK(wiki::expand_template(wiki::parse_template_call("Frobnicate"), facts).outcome == wiki::TemplateOutcome::unknown);
  CHECK(wiki::expand_template(wiki::parse_template_call("cn|date=May 2024"), facts).outcome == wiki::TemplateOutcome::dropped);
  CHECK(wiki::is_invalid_template_name("a [[b]]"));
}

TEST_CASE("lexer: tags, attributes, entities, closing-tag search", "[wiki]") {
  const auto tag = wiki::read_tag("<ref name=\"a b\" group=x/>", 0);
  REQUIRE(tag);
  CHECK(tag->name == "ref");
  CHECK(tag->self_closing);
  const auto attrs = wiki::parse_attributes(tag->attributes);
  CHECK(wiki::attribute(attrs, "name") == "a b");
  CHECK(wiki::attribute(attrs, "group") == "x");
  CHECK_FALSE(wiki::read_tag("< ref>", 0));
  CHECK_FALSE(wiki::read_tag("<ref <b>", 0));
  CHECK(wiki::decode_entities("&eacute;&amp;&#233;&#x41;&bogus;&#0;") == "\u00e9&\u00e9A&bogus;&#0;");
  wiki::ClosingTagFinder finder("a</REF >b</ref>");
  std::size_t end = 0;
  CHECK(finder.find(0, "ref", &end) == 1);
  CHECK(end == 8);
  CHECK(finder.find(9, "ref", &end) == 9);
  CHECK(finder.find(10, "ref", &end) == std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Pathological input: valid trees or a clear diagnostic, in time linear in the input (bounded by
// the ctest TIMEOUT; nothing here measures time). Nothing recurses with the input's depth: these
// would overflow the stack if it did.

TEST_CASE("unbalanced and unclosed markup gives a valid tree with located warnings", "[wiki][pathological]") {
  Diagnostics diag("u.wiki");
  Document doc = read_page(
      "'''bold never closed\n"       // 1
      "{|\n| a || b\n"                // 2-3: never closed
      "text<ref>never closed\n"       // 4
      "{{Cite web|title=open\n"       // 5: never closed
      "<nowiki>open\n"                // 6
      "<blockquote>open quote\n"      // 7
      "<!-- open comment\n",          // 8
      diag, "u.wiki");
  CHECK_FALSE(diag.has_errors());
  check_well_formed(doc);
  CHECK(find_message(diag, "table ('{|') is not closed")->line == 2);
  CHECK(find_message(diag, "<ref> is not closed")->line == 4);
  CHECK(find_message(diag, "'{{' is not closed")->line == 5);
  CHECK(find_message(diag, "<nowiki> is not closed")->line == 6);
  const std::string all = text_content(doc.article());
  CHECK(all.find("never closed") != std::string::npos);  // an unclosed ref stays text
  CHECK(count(doc, "//emphasis[@role='strong']") >= 1);
}

TEST_CASE("5,000 nested list markers, quotes and tables are flattened past the depth limit", "[wiki][pathological]") {
  std::string deep = std::string(5000, '*') + " deep item\n" + std::string(5000, '#') + " numbered\n";
  for (int i = 0; i < 1250; ++i) deep += "*#:;";
  deep += " mixed\n\n";
  for (int i = 0; i < 5000; ++i) deep += "<blockquote>";
  deep += "quoted\n";
  for (int i = 0; i < 5000; ++i) deep += "{|\n|\n";
  deep += "cell text\n";
  for (int i = 0; i < 5000; ++i) deep += "|}\n";
  Diagnostics diag("deep.wiki");
  Document doc = read_page(deep, diag, "deep.wiki");
  CHECK_FALSE(diag.has_errors());
  check_well_formed(doc);
  CHECK(find_message(diag, "nested more than 40 levels deep") != nullptr);
  const std::string all = text_content(doc.article());
  for (const char* w : {"deep item", "numbered", "mixed", "quoted", "cell text"}) {
    INFO(w);
    CHECK(all.find(w) != std::string::npos);
  }
}

TEST_CASE("deeply nested templates stop at the depth limit with one warning", "[wiki][pathological]") {
  std::string nested;
  for (int i = 0; i < 5000; ++i) nested += "{{lang|fr|";
  nested += "centre";
  for (int i = 0; i < 5000; ++i) nested += "}}";
  nested += " after\n";
  for (int i = 0; i < 20000; ++i) nested += "{{";  // more "{{" than may be open at once
  nested += "x\n";
  Diagnostics diag("t.wiki");
  Document doc = read_page(nested, diag, "t.wiki");
  CHECK_FALSE(diag.has_errors());
  check_well_formed(doc);
  CHECK(count_messages(diag, "templates nested more than 40 levels deep are left out") == 1);
  CHECK(text_content(doc.article()).find("after") != std::string::npos);
}

TEST_CASE("a 10 MB single line of mixed markup is read in one pass", "[wiki][pathological]") {
  const std::string unit = "Words ''it'' '''b''' [[link|label]] [http://x.org y] {{convert|5|km}} <ref>n</ref> <sub>s</sub> ";
  std::string line;
  line.reserve(10u << 20);
  while (line.size() + unit.size() < (10u << 20)) line += unit;
  line += "LAST";
  Diagnostics diag("big.wiki");
  // About 110,000 <ref>s: past the default footnotes limit (10,000), which would stop the source
  // with an error (see test_hostile.cpp); raised here to test the reading itself.
  ReaderOptions options;
  options.limits.max_footnotes = 1000000;
  Document doc = read_page(line, diag, "big.wiki", options);
  CHECK_FALSE(diag.has_errors());
  CHECK(count(doc, "/article/para") == 1);
  const std::string all = text_content(doc.article());
  CHECK(all.rfind("LAST") != std::string::npos);
  CHECK(all.find("5 km") != std::string::npos);
}

TEST_CASE("10 MB of apostrophes, brackets or tag openers stays text", "[wiki][pathological]") {
  for (const std::string& piece : {std::string("'''"), std::string("[["), std::string("<b"), std::string("[http://a "),
                                   std::string("<ref>"), std::string("{{"), std::string("<sub>x</i>")}) {
    std::string s;
    while (s.size() < (10u << 20)) s += piece;
    Diagnostics diag("p.wiki");
    Document doc = read_page(s, diag, "p.wiki");
    INFO(piece);
    CHECK_FALSE(diag.has_errors());
    CHECK(diag.items().size() <= 60);  // capped per kind
    check_well_formed(doc);
  }
}

TEST_CASE("call-out boxes and labelled paragraphs become DocBook call-outs", "[wiki]") {
  Diagnostics diag("t.wiki");
  Document doc = read_page(
      "Intro text.\n\n"
      "{{Warning|Get help right away if breathing becomes harder.}}\n\n"
      "Before {{Caution|text=Do not drive after the dose.}} after.\n\n"
      "'''Important:''' Keep the pen in the fridge.\n\n"
      "'''Note''': Needles are single use.\n\n"
      "Tip: Write the date on the box.\n\n"
      "'''Important''' to know: this stays a paragraph.\n\n"
      "'''Warning:'''\n\n"
      "{{Note|}}\n",
      diag, "t.wiki");
  CHECK(count(doc, "//warning[para='Get help right away if breathing becomes harder.']") == 1);
  CHECK(count(doc, "//caution[para='Do not drive after the dose.']") == 1);
  CHECK(count(doc, "//important[para='Keep the pen in the fridge.']") == 1);
  CHECK(count(doc, "//note[para='Needles are single use.']") == 1);
  CHECK(count(doc, "//tip[para='Write the date on the box.']") == 1);
  // A bold word that is not followed by a colon, and a label with nothing after it, stay text.
  CHECK(count(doc, "/article/para[starts-with(normalize-space(.), 'Important to know')]") == 1);
  CHECK(count(doc, "/article/para[.='Warning:']") == 1);
  CHECK(count(doc, "//warning | //caution | //important | //note | //tip") == 5);
  CHECK(find_message(diag, "is not supported") == nullptr);
  // The text around a box in a paragraph is kept, on both sides.
  CHECK(count(doc, "/article/para[.='Before']") == 1);
  CHECK(count(doc, "/article/para[.='after.']") == 1);
}
