// Boilerplate rules (styles/boilerplate.yaml and users' files) and the pass that applies them.
#include "text/text.hpp"
#include "test_support.hpp"
#include "transforms/boilerplate.hpp"
#include "transforms/boilerplate_rules.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace handout;
using handout::test::body_xml;
using handout::test::count;
using handout::test::count_messages;
using handout::test::markdown;

namespace {

BoilerplateRules rules_from(std::string_view yaml) {
  BoilerplateRules r;
  r.add_yaml(yaml, "test.yaml");
  return r;
}

/// The first rule whose compiled std::regex::icase expression matches text (whitespace
/// collapsed): what match() must return for rules that are all regular expressions.
const BoilerplateRule* first_icase_match(const BoilerplateRules& r, const std::string& text) {
  for (const BoilerplateRule& rule : r.rules()) {
    if (std::regex_match(text::collapse_whitespace(text), rule.regex)) return &rule;
  }
  return nullptr;
}

/// Runs only the boilerplate pass over a Markdown document (verbose, so removals are notes).
Document without_furniture(std::string_view md, Diagnostics& diag, std::vector<std::string> extra = {}) {
  SourceText src = decode_source("t.md", md, diag);
  Document doc = read_markdown(src, ReaderOptions{}, diag);
  TransformOptions options;
  options.verbose = true;
  options.boilerplate_files = std::move(extra);
  remove_boilerplate(doc, options, diag);
  return doc;
}

}  // namespace

TEST_CASE("plain patterns ignore case, spacing, curly quotes and a final mark", "[boilerplate]") {
  const BoilerplateRules r = rules_from("anywhere:\n  - Was this page helpful?\n  - We're here to help\n");
  CHECK(r.match("was this  PAGE helpful") != nullptr);
  CHECK(r.match("  Was this page helpful?! ") != nullptr);
  CHECK(r.match("We\xE2\x80\x99re here to help.") != nullptr);
  CHECK(r.match("Was this page helpful to you?") == nullptr);
  CHECK(r.match("") == nullptr);
  REQUIRE(r.match("was this page helpful"));
  CHECK(r.match("was this page helpful")->line == 2);
  CHECK(r.match("was this page helpful")->file == "test.yaml");
}

TEST_CASE("regular expressions match the whole text, ignoring case; long text is never furniture", "[boilerplate]") {
  const BoilerplateRules r = rules_from("at-ends:\n  - '/categories: .+/'\n  - /jump to (navigation|search)/\n");
  CHECK(r.match("Categories: Asthma | Lungs") != nullptr);
  CHECK(r.match("JUMP TO SEARCH") != nullptr);
  CHECK(r.match("Please jump to search results") == nullptr);
  CHECK(r.match("Categories: " + std::string(400, 'x')) == nullptr);
}

TEST_CASE("in-text patterns are cut out of text, the rest kept", "[boilerplate]") {
  const BoilerplateRules r = rules_from("in-text:\n  - '[edit]'\n  - /\\[citation needed\\]/\n");
  std::string s = "Causes[edit] and more[citation needed]";
  CHECK(r.strip_in_text(s).size() == 2);
  CHECK(s == "Causes and more");
  std::string clean = "Nothing here";
  CHECK(r.strip_in_text(clean).empty());
  CHECK(r.match("[edit]") == nullptr);  // in-text rules never remove a whole paragraph
}

TEST_CASE("a malformed boilerplate file is an error naming its file and line", "[boilerplate]") {
  auto message = [](std::string_view yaml) {
    try {
      rules_from(yaml);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message("anywhere:\n  - ok\n  - /a(/\n").rfind("test.yaml:3: bad regular expression", 0) == 0);
  CHECK(message("everywhere:\n  - x\n").rfind("test.yaml:1: unknown key 'everywhere'", 0) == 0);
  CHECK(message("anywhere:\n  - [a, b]\n").rfind("test.yaml:2: each pattern must be a string", 0) == 0);
  CHECK(message("anywhere: [unclosed\n").rfind("test.yaml:", 0) == 0);
  CHECK(message("anywhere:\n  - '  '\n").rfind("test.yaml:2: empty pattern", 0) == 0);
}

TEST_CASE("the shipped file loads and holds the web and wiki furniture", "[boilerplate]") {
  const auto rules = load_boilerplate_rules({});
  REQUIRE(rules);
  for (const char* line : {"Skip to main content", "Was this helpful?", "Feedback Form", "Start Free Preview",
                           "Get your free preview", "Sign up for our newsletter", "Jump to navigation", "Jump to search",
                           "From Healthwiki, the free encyclopedia", "Last updated", "Share",
                           "Categories: Body fluids | Medical signs", "Home \xE2\x80\xBA Heart health \xE2\x80\xBA Blood pressure"}) {
    INFO(line);
    CHECK(rules->match(line) != nullptr);
  }
  CHECK(rules->match("Share your worries with your nurse.") == nullptr);
  std::string heading = "Signs and symptoms[edit]";
  CHECK(!rules->strip_in_text(heading).empty());
  CHECK(heading == "Signs and symptoms");
  CHECK(load_boilerplate_rules({}) == rules);  // read once, then shared
}

TEST_CASE("anywhere rules go wherever they stand; at-ends rules only in the opening and closing furniture",
          "[boilerplate]") {
  Diagnostics diag("t.md");
  Document doc = without_furniture(
      "Skip to main content\n\nShare\n\nFirst real paragraph.\n\nShare\n\nSkip to main content\n\n"
      "Last real paragraph.\n\nShare\n\nPrint\n",
      diag);
  CHECK(body_xml(doc) == "<para>First real paragraph.</para><para>Share</para><para>Last real paragraph.</para>");
  CHECK(count_messages(diag, "removed furniture \"Skip to main content\" (boilerplate.yaml:") == 2);
  CHECK(count_messages(diag, "removed furniture \"Share\"") == 2);
  CHECK(count_messages(diag, "removed furniture") == 5);
}

TEST_CASE("a furniture heading is dissolved: its content joins what came before it", "[boilerplate]") {
  // (An at-ends heading such as "Share" in the middle of the page would stay: see above.)
  Diagnostics diag("t.md");
  Document doc = without_furniture(
      "Intro.\n\n## Care\n\nRest.\n\n### Feedback Form\n\nKeep the leg raised.\n\n#### Details\n\nUse a pillow.\n",
      diag);
  CHECK(count(doc, "//section[title='Feedback Form']") == 0);
  CHECK(count(doc, "//section[title='Care']/para[.='Keep the leg raised.']") == 1);
  CHECK(count(doc, "//section[title='Care']/section[title='Details']/para[.='Use a pillow.']") == 1);
  CHECK(count_messages(diag, "removed furniture heading \"Feedback Form\"") == 1);
  // Nothing but the heading's own word left the document.
  CHECK(text::collapse_whitespace(text_content(doc.article())) == "Intro. Care Rest. Keep the leg raised. Details Use a pillow.");
}

TEST_CASE("list items and in-text furniture; code is left alone", "[boilerplate]") {
  Diagnostics diag("t.md");
  Document doc = without_furniture("Text.\n\n## Causes[edit]\n\n- Real item\n- Jump to search\n\n`[edit]`\n", diag);
  CHECK(count(doc, "//section/title[.='Causes']") == 1);
  CHECK(count(doc, "//listitem") == 1);
  CHECK(count(doc, "//code[.='[edit]']") == 1);
}

TEST_CASE("users extend the rules with their own files", "[boilerplate]") {
  const auto dir = std::filesystem::temp_directory_path() / ("handout-bp-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "mine.yaml";
  std::ofstream(file) << "# my site\nanywhere:\n  - Call our friendly team today\nat-ends:\n  - /download the app.*/\n";
  Diagnostics diag("t.md");
  Document doc = without_furniture("Call our friendly team today\n\nReal text.\n\nDownload the app now\n", diag,
                                   {file.string()});
  CHECK(body_xml(doc) == "<para>Real text.</para>");
  CHECK(count_messages(diag, "(mine.yaml:3)") == 1);
  CHECK(count_messages(diag, "(mine.yaml:5)") == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a styles folder without boilerplate.yaml means no shipped rules; a missing user file is an error",
          "[boilerplate]") {
  const auto dir = std::filesystem::temp_directory_path() / ("handout-bp-empty-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  ::setenv("HANDOUT_STYLES_DIR", dir.c_str(), 1);
  const auto rules = load_boilerplate_rules({});
  CHECK(rules->rules().empty());
  CHECK_THROWS_WITH(load_boilerplate_rules({(dir / "missing.yaml").string()}),
                    Catch::Contains("missing.yaml: cannot read boilerplate rules"));
  ::unsetenv("HANDOUT_STYLES_DIR");
  std::filesystem::remove_all(dir);
  CHECK_FALSE(load_boilerplate_rules({})->rules().empty());
}

TEST_CASE("regular expressions ignore case as std::regex::icase does, escapes keeping their meaning", "[boilerplate]") {
  const BoilerplateRules r = rules_from(
      "anywhere:\n"
      "  - '/Jump To (Navigation|SEARCH)/'\n"
      "  - '/\\S+ NEWSLETTER \\d{4}/'\n"
      "  - '/[A-Z]{2,} ONLY/'\n"
      "  - '/\\x41BC code/'\n");
  for (const char* text : {"jump to navigation", "JUMP TO search", "Jump to Navigation!", "weekly Newsletter 2026",
                           "   newsletter 2026", "weekly NEWSLETTER 20x6", "ab only", "AB ONLY", "a only", "abc CODE",
                           "ABC code", "xbc code"}) {
    INFO(text);
    CHECK(r.match(text) == first_icase_match(r, text));
  }
  CHECK(r.match("JUMP TO search") != nullptr);
  CHECK(r.match("abc code") != nullptr);
}

TEST_CASE("a regular expression is tried only on text holding its fixed characters, and matches as before",
          "[boilerplate]") {
  // Each rule has characters that are optional, repeated, escaped, grouped or alternative; the
  // shortcut must never skip text the expression matches.
  const BoilerplateRules r = rules_from(
      "anywhere:\n"
      "  - '/colou?r chart/'\n"
      "  - '/ab*c done/'\n"
      "  - '/x{0,2}yz end/'\n"
      "  - '/(big|small) dog/'\n"
      "  - '/price\\.list/'\n"
      "  - '/cats|dogs only/'\n"
      "  - '/[pq]uiet room/'\n"
      "  - '/e+ky\\s+key/'\n"
      "  - '/tick.tock/'\n"
      "  - '/home( ?› ?[a-z]+){1,3}/'\n"
      "  - '/from .{1,20}, the free encyclopedia/'\n");
  for (const char* text : {"color chart", "COLOUR CHART", "colr chart", "ac done", "abbbc done", "yz end", "xxyz end",
                           "small dog", "BIG DOG", "price.list", "pricexlist", "cats", "dogs only", "dogs", "quiet room",
                           "puiet room", "eeeky   key", "ky key", "tick-tock", "Home › Health › Asthma", "home",
                           "From Wikipedia, the free encyclopedia", "from , the free encyclopedia"}) {
    INFO(text);
    CHECK(r.match(text) == first_icase_match(r, text));
  }
  std::vector<std::string> required;
  for (const BoilerplateRule& rule : r.rules()) required.push_back(rule.required);
  CHECK(required == std::vector<std::string>{"r chart", "c done", "yz end", " dog", "price.list", "", "uiet room",
                                             "key", "tick", "home", ", the free encyclopedia"});
}

TEST_CASE("the rule written first wins, plain or regular expression, within the scope asked for", "[boilerplate]") {
  // Plain rules are found by their text, regular expressions tried in order: the answer must
  // still be the first matching rule of the file, as when every rule was tried in turn.
  const BoilerplateRules r = rules_from(
      "anywhere:\n"
      "  - '/print( this)? page/'\n"
      "  - Print this page\n"
      "  - Share\n"
      "at-ends:\n"
      "  - share\n"
      "  - '/sha.e/'\n"
      "  - Related topics\n"
      "in-text:\n"
      "  - Related topics\n");
  REQUIRE(r.match("print this page"));
  CHECK(r.match("print this page")->line == 2);  // the expression, written before the plain rule
  REQUIRE(r.match("Share"));
  CHECK(r.match("Share")->line == 4);
  REQUIRE(r.match_scope("Share", BoilerplateScope::at_ends));
  CHECK(r.match_scope("Share", BoilerplateScope::at_ends)->line == 6);  // the plain rule before the expression
  REQUIRE(r.match_scope("SHAKE", BoilerplateScope::at_ends));
  CHECK(r.match_scope("SHAKE", BoilerplateScope::at_ends)->line == 7);
  CHECK(r.match_scope("SHAKE", BoilerplateScope::anywhere) == nullptr);
  REQUIRE(r.match("related topics"));
  CHECK(r.match("related topics")->scope == BoilerplateScope::at_ends);  // in-text rules are never whole-text rules
  CHECK(r.match_scope("print this page", BoilerplateScope::at_ends) == nullptr);
}

TEST_CASE("a regular expression is tried only on text starting with a byte a match can start with", "[boilerplate]") {
  // Leading groups, nested groups, optional and repeated first terms, escapes, classes, UTF-8
  // letters of either case: the shortcut must never skip text the expression matches.
  const BoilerplateRules r = rules_from(
      "anywhere:\n"
      "  - '/(home|back)( ?(›|>) ?[a-z]+){1,3}/'\n"
      "  - '/(inicio|(г|Г)лавная|홈) page/'\n"
      "  - '/(è|È)ske itil/'\n"
      "  - '/¿(le|te) útil\\?.*/'\n"
      "  - '/x?yz shop/'\n"
      "  - '/(ab)?cd shop/'\n"
      "  - '/(|q)rs shop/'\n"
      "  - '/\\.net shop/'\n"
      "  - '/[mn]ow shop/'\n"
      "  - '/.*cookies/'\n"
      "  - '/(?:tu|vu) shop/'\n"
      "  - '/k{0,2}lm shop/'\n");
  for (const char* text : {"Home › Health", "BACK > a", "home", "Inicio page", "главная page", "Главная page",
                           "홈 page", "È ske itil", "Èske itil", "èske itil", "¿Le útil? sí", "¿te útil?", "yz shop",
                           "xyz shop", "cd shop", "abcd shop", "rs shop", "qrs shop", ".net shop", "Now shop",
                           "mow shop", "we use cookies", "cookies", "tu shop", "VU shop", "lm shop", "kklm shop"}) {
    INFO(text);
    CHECK(r.match(text) == first_icase_match(r, text));
  }
  std::vector<bool> any_first;
  for (const BoilerplateRule& rule : r.rules()) any_first.push_back(rule.any_first);
  CHECK(any_first == std::vector<bool>{false, false, false, false, true, true, true, false, true, true, true, true});
  CHECK(r.rules()[0].first_bytes.count() == 2);  // h, b
  CHECK(r.rules()[1].first_bytes.test(static_cast<unsigned char>("\xD0"[0])));  // г and Г begin with 0xD0
}
