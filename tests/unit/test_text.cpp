#include "text/text.hpp"
#include "text/word_match.hpp"

#include <catch2/catch.hpp>
#include <utf8proc.h>

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

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

TEST_CASE("fold_case gives what utf8proc's case folding gives", "[text]") {
  const auto reference = [](const std::string& s) {
    utf8proc_uint8_t* out = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                                &out, UTF8PROC_CASEFOLD);
    std::string r = n < 0 ? s : std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
    std::free(out);
    return r;
  };
  const std::vector<std::string> samples = {
      "", "Plain ASCII, Mixed CASE 123 [edit]!",
      "\xE2\x80\x9C" "Don\xE2\x80\x99t\xE2\x80\x9D \xE2\x80\x94 25 \xC2\xB5g \xE2\x89\xA5 7.0",
      "\xC3\x89" "COLE Stra\xC3\x9F" "e \xCE\xA3\xCE\xB1\xCF\x82 \xC4\xB0" "stanbul \xEF\xAC\x81",
      "e\xCC\x81 A\xCC\x8A \xF0\x9F\x98\x80 Z", "bad \xC3 byte", "bad \xFF\xFE tail", std::string("nul\0inside", 11)};
  for (const std::string& s : samples) {
    CHECK(text::fold_case(s) == reference(s));
  }
}

TEST_CASE("fold_case and length work on Unicode", "[text]") {
  CHECK(text::fold_case("ÉCOLE Straße") == "école strasse");
  CHECK(text::length("h\xC3\xA9llo") == 5);
  CHECK(text::starts_with_nocase("Last Updated: x", "last updated"));
}

TEST_CASE("count_words counts the words of scripts written without spaces", "[text]") {
  CHECK(text::count_words("Wash your hands often.") == 4);
  // Sample sentences: "the flu vaccine is given every year" (Chinese), "please drink water" (Thai).
  const std::size_t chinese = text::count_words("\u6D41\u611F\u75AB\u82D7\u6BCF\u5E74\u90FD\u8981\u63A5\u7A2E\u3002");
  CHECK(chinese >= 4);   // was 1: a sentence with no space was one word
  CHECK(chinese <= 11);  // not one per character either
  CHECK(text::count_words("\u0E01\u0E23\u0E38\u0E13\u0E32\u0E14\u0E37\u0E48\u0E21\u0E19\u0E49\u0E33") >= 2);
  CHECK(text::count_words("handout \u8CC7\u6599") >= 2);
}

TEST_CASE("append_sentence puts a space between sentences, none after a full-width stop", "[text]") {
  std::string s;
  text::append_sentence(s, "Rest.");
  text::append_sentence(s, "Drink water.");
  CHECK(s == "Rest. Drink water.");
  std::string zh = "\u591A\u4F11\u606F\u3002";  // sample: "rest more."
  text::append_sentence(zh, "\u591A\u559D\u6C34\u3002");
  CHECK(zh == "\u591A\u4F11\u606F\u3002\u591A\u559D\u6C34\u3002");
}

TEST_CASE("contains_any finds any needle anywhere, as one find per needle would", "[text]") {
  using handout::text::contains_any;
  // Needles sharing first bytes, one-byte needles, needles at the very end and longer than what
  // is left, UTF-8 bytes.
  const std::vector<std::string> haystacks = {"", "c", "call", "please call 911 now", "see your doctor",
                                              "tell the nurse right away", "the caf\xC3\xA9 is closed", "ends with cal",
                                              "x", "call 9"};
  for (const std::string& h : haystacks) {
    INFO(h);
    const std::initializer_list<std::string_view> needles = {"call 911", "call your", "call", "see a", "x", "caf\xC3\xA9",
                                                              "right away", "9"};
    bool any = false;
    for (std::string_view n : needles) any = any || h.find(n) != std::string::npos;
    CHECK(contains_any(h, needles) == any);
    CHECK(contains_any(h, {"call 911", "call your"}) == (h.find("call 911") != std::string::npos));
    CHECK_FALSE(contains_any(h, {"call 9111", "zz"}));
  }
  CHECK(contains_any("ends with cal", {"cal"}));
  CHECK_FALSE(contains_any("ends with ca", {"cal"}));
  CHECK(contains_any("anything", {""}));
  CHECK_FALSE(contains_any("anything", {}));
}
