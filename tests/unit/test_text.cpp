#include "model/text.hpp"

#include <catch2/catch.hpp>

using namespace handout;

TEST_CASE("next_code_point decodes UTF-8 and flags invalid bytes", "[text]") {
  std::size_t i = 0;
  const std::string s = "a\xC3\xA9\xE2\x86\x92\xF0\x9F\x98\x80\xFF";
  CHECK(text::next_code_point(s, i) == U'a');
  CHECK(text::next_code_point(s, i) == U'\u00E9');
  CHECK(text::next_code_point(s, i) == U'\u2192');
  CHECK(text::next_code_point(s, i) == U'\U0001F600');
  CHECK(text::next_code_point(s, i) == 0xFFFD);
  CHECK(i == s.size());
}

TEST_CASE("find_invalid_utf8 points at the first bad byte", "[text]") {
  CHECK(text::find_invalid_utf8("plain \xC3\xA9 text") == std::string_view::npos);
  CHECK(text::find_invalid_utf8("ok \xEF\xBF\xBD replacement is valid") == std::string_view::npos);
  CHECK(text::find_invalid_utf8("abc\xE9xyz") == 3);
  CHECK(text::find_invalid_utf8("\xC0\xAF overlong") == 0);
  CHECK(text::find_invalid_utf8("\xED\xA0\x80 surrogate") == 0);
  CHECK(text::find_invalid_utf8("cut \xE2\x86") == 4);
}

TEST_CASE("xml_safe replaces characters XML cannot hold", "[text]") {
  CHECK(text::xml_safe("a\x01" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(text::xml_safe("tab\tnew\nline") == "tab\tnew\nline");
  CHECK(text::xml_safe("x\xEF\xBF\xBFy") == "x\xEF\xBF\xBDy");
  CHECK_FALSE(text::needs_xml_cleaning("plain ascii"));
  CHECK(text::needs_xml_cleaning("bell\x07"));
}

TEST_CASE("whitespace helpers treat no-break spaces as spaces", "[text]") {
  CHECK(text::trim("  \xC2\xA0 hello \t\xC2\xA0") == "hello");
  CHECK(text::trim("\xC2\xA0") == "");
  CHECK(text::collapse_whitespace("  a \n\n b\xC2\xA0\xC2\xA0" "c  ") == "a b c");
  CHECK(text::split_words(" one  two\nthree ") == std::vector<std::string>{"one", "two", "three"});
}

TEST_CASE("slugify makes ASCII ids from titles", "[text]") {
  CHECK(text::slugify("When to Call 911") == "when-to-call-911");
  CHECK(text::slugify("Café & Crème brûlée!") == "cafe-creme-brulee");
  CHECK(text::slugify("  --  ") == "");
  CHECK(text::slugify("β-blockers") == "blockers");
  CHECK(text::slugify(std::string(200, 'a')).size() == 60);
}

TEST_CASE("fold_case and length work on Unicode", "[text]") {
  CHECK(text::fold_case("ÉCOLE Straße") == "école strasse");
  CHECK(text::length("h\xC3\xA9llo") == 5);
  CHECK(text::starts_with_nocase("Last Updated: x", "last updated"));
}
