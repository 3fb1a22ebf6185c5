// Cleanup of empty elements.
#include "test_support.hpp"
#include "transforms/empty_elements.hpp"

#include <catch2/catch.hpp>

using namespace handout;
using handout::test::body_xml;

namespace {

/// Parses an article body given as XML, runs the cleanup and returns the body's XML.
std::string cleaned(const char* body) {
  Document doc;
  pugi::xml_document frag;
  REQUIRE(frag.load_string((std::string("<x>") + body + "</x>").c_str()));
  for (auto c : frag.first_child().children()) doc.article().append_copy(c);
  Diagnostics diag;
  remove_empty_elements(doc, TransformOptions{}, diag);
  remove_empty_elements(doc, TransformOptions{}, diag);  // a second run changes nothing
  return body_xml(doc);
}

}  // namespace

TEST_CASE("empty paragraphs, inline wrappers and what they leave empty go", "[empty-elements]") {
  CHECK(cleaned("<para/><para> \n </para><para>Kept <emphasis/>text<phrase> </phrase></para>") ==
        "<para>Kept text</para>");
  CHECK(cleaned("<itemizedlist><listitem><para/></listitem><listitem><para>a</para></listitem></itemizedlist>") ==
        "<itemizedlist><listitem><para>a</para></listitem></itemizedlist>");
  CHECK(cleaned("<blockquote><para/></blockquote><note><title>T</title><para/></note><bridgehead/>") == "");
  CHECK(cleaned("<section><title/><para/></section><section><title>Kept</title></section>") ==
        "<section><title>Kept</title></section>");
}

TEST_CASE("what shows something without words is kept", "[empty-elements]") {
  const char* kept =
      "<para role=\"thematic-break\"/><para><code>\xC2\xA0</code></para><para>\xC2\xA0</para>"
      "<para><inlinemediaobject><imageobject><imagedata fileref=\"a.png\"/></imageobject></inlinemediaobject></para>"
      "<informaltable><tbody><tr><td/></tr></tbody></informaltable>";
  CHECK(cleaned(kept) == kept);
  // A task item keeps its check box even when empty (repair gives it its paragraph back).
  CHECK(cleaned("<itemizedlist><listitem role=\"task-todo\"><para/></listitem></itemizedlist>") ==
        "<itemizedlist><listitem role=\"task-todo\"/></itemizedlist>");
}
