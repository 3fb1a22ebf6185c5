#include "readers/front_matter.hpp"
#include "readers/quoted_scalars.hpp"

#include <catch2/catch.hpp>

using namespace handout;

namespace {
FrontMatter parse(std::string_view text, Diagnostics& diag) { return parse_front_matter(find_front_matter(text), diag); }
}  // namespace

TEST_CASE("find_front_matter finds the block and where the body starts", "[front-matter]") {
  const std::string_view text = "---\ntitle: X\n...\n# Body\n";
  FrontMatterBlock b = find_front_matter(text);
  REQUIRE(b.present);
  CHECK(b.yaml == "title: X\n");
  CHECK(b.yaml_line == 2);
  CHECK(b.body_line == 4);
  CHECK(text.substr(b.body_offset) == "# Body\n");
  CHECK_FALSE(find_front_matter("# no front matter\n").present);
  CHECK_FALSE(find_front_matter("---\nA thematic break, then text.\n").present);
  CHECK(find_front_matter("---\n---\nbody").present);
}

TEST_CASE("unterminated front matter is an error at its opening line", "[front-matter]") {
  try {
    find_front_matter("---\ntitle: X\n\n# Body that never closes it\n");
    FAIL("no error");
  } catch (const SourceError& e) {
    CHECK(e.line() == 1);
    CHECK(std::string(e.what()).find("never closed") != std::string::npos);
  }
}

TEST_CASE("malformed YAML is reported at its own line in the source file", "[front-matter]") {
  Diagnostics diag("f.md");
  try {
    parse("---\ntitle: ok\ntags: [a, b\nother: x\n---\n", diag);
    FAIL("no error");
  } catch (const SourceError& e) {
    CHECK(e.line() >= 3);  // the flow sequence opened on line 3 is never closed
    CHECK(e.column() > 0);
    CHECK(std::string(e.what()).find("malformed YAML") != std::string::npos);
  }
  try {
    parse("---\ntitle: ok\n  bad: indent\n---\n", diag);
    FAIL("no error");
  } catch (const SourceError& e) {
    CHECK(e.line() == 3);
  }
}

TEST_CASE("known keys map onto metadata and unknown keys are kept", "[front-matter]") {
  Diagnostics diag("f.md");
  FrontMatter fm = parse(
      "---\n"
      "title: Asthma basics\n"
      "authors:\n  - Ana Ruiz\n  - {name: Sample Clinic, type: organization}\n"
      "date: April 10, 2026\n"
      "last-reviewed: 2026-06-05\n"
      "lang: pt_BR\n"
      "description: Short summary.\n"
      "tags: [asthma, inhalers]\n"
      "license: \"\xC2\xA9 2026 Sample Clinic. All rights reserved.\"\n"
      "canonical_url: https://example.org/asthma\n"
      "reading_level: 6\n"
      "related: {slug: copd, weight: 2}\n"
      "---\n",
      diag);
  const Metadata& m = fm.metadata;
  CHECK(m.title == "Asthma basics");
  REQUIRE(m.authors.size() == 2);
  CHECK(m.authors[0].name == "Ana Ruiz");
  CHECK(m.authors[1].organization);
  CHECK(m.published == "2026-04-10");
  CHECK(m.updated == "2026-06-05");
  CHECK(m.language == "pt-BR");
  CHECK(m.summary == "Short summary.");
  CHECK(m.keywords == std::vector<std::string>{"asthma", "inhalers"});
  CHECK(m.legal.size() == 1);
  CHECK(m.copyright_holder == "Sample Clinic");
  CHECK(m.source_url == "https://example.org/asthma");
  REQUIRE(m.extra.size() == 2);
  CHECK(m.extra[0] == std::pair<std::string, std::string>{"reading_level", "6"});
  CHECK(m.extra[1].first == "related");
  CHECK(m.extra[1].second.find("copd") != std::string::npos);
  CHECK(diag.items().empty());
}

TEST_CASE("an unreadable date is kept with a warning", "[front-matter]") {
  Diagnostics diag("f.md");
  FrontMatter fm = parse("---\ndate: sometime in spring\n---\n", diag);
  CHECK(diag.items().empty());  // it waits for the document's language
  read_pending_dates(fm, diag);
  CHECK(fm.metadata.published.empty());
  REQUIRE(fm.metadata.extra.size() == 1);
  CHECK(fm.metadata.extra[0].second == "sometime in spring");
  REQUIRE(diag.items().size() == 1);
  CHECK(diag.items()[0].line == 2);
}

TEST_CASE("a date in the document's language is read once the language is known", "[front-matter]") {
  Diagnostics diag("f.md");
  FrontMatter fm = parse("---\npublished: 4 novembre 2025\nupdated: 2026-01-02\n---\n", diag);
  CHECK(fm.metadata.published.empty());
  fm.metadata.language = "fr";  // detected from the body
  read_pending_dates(fm, diag);
  CHECK(fm.metadata.published == "2025-11-04");
  CHECK(fm.metadata.extra.empty());
  CHECK(diag.items().empty());
  Diagnostics es_diag("g.md");
  FrontMatter es = parse("---\nlang: es\ndate: 12 de marzo de 2026\n---\n", es_diag);
  CHECK(es.metadata.published == "2026-03-12");  // declared: read at once, wherever lang stands
}

TEST_CASE("a body carried in a field is unescaped", "[front-matter]") {
  Diagnostics diag("f.md");
  FrontMatter fm = parse("---\nquestion: What is a peak flow meter?\nanswer: 'A small device.\\n\\n## How\\n\\n- Blow \\\"hard\\\"'\n---\n&nbsp;\n", diag);
  CHECK(fm.question == "What is a peak flow meter?");
  CHECK(fm.body_key == "answer");
  CHECK(fm.body == "A small device.\n\n## How\n\n- Blow \"hard\"");
  CHECK(fm.body_line == 3);
}

TEST_CASE("unescape_exported_text leaves text with real newlines alone", "[front-matter]") {
  CHECK(unescape_exported_text("a\\nb") == "a\nb");
  CHECK(unescape_exported_text("keep \\* escapes\\nnext") == "keep \\* escapes\nnext");
  CHECK(unescape_exported_text("real\nnewline \\n stays") == "real\nnewline \\n stays");
}

TEST_CASE("alias bombs and non-mappings are clear errors", "[front-matter]") {
  Diagnostics diag("f.md");
  std::string bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    bomb += std::string(1, static_cast<char>('a' + i)) + ": &" + std::string(1, static_cast<char>('a' + i)) + " [";
    for (int k = 0; k < 10; ++k) bomb += std::string(k ? ", *" : "*") + std::string(1, static_cast<char>('a' + i - 1));
    bomb += "]\n";
  }
  bomb += "---\n";
  CHECK_THROWS_WITH(parse(bomb, diag), Catch::Contains("YAML nodes"));
  CHECK_THROWS_WITH(parse("---\n# a comment, then a list\n- a\n---\n", diag), Catch::Contains("mapping"));
}

TEST_CASE("an unterminated quoted value is an error at its opening quote, not a merge with the next key",
          "[front-matter]") {
  Diagnostics diag("f.md");
  auto error_of = [&](std::string_view text) -> std::string {
    try {
      parse(text, diag);
    } catch (const SourceError& e) {
      return std::to_string(e.line()) + ":" + std::to_string(e.column()) + " " + e.what();
    }
    return "accepted";
  };
  // yaml-cpp alone reads title as "Broken author: Jane Doe lang: en".
  const std::string never_closed = error_of("---\ntitle: \"Broken\nauthor: Jane Doe\nlang: en\n---\n\nText.\n");
  CHECK(never_closed == "2:8 malformed YAML front matter: quoted value opened here runs into line 3, which is not "
                        "indented under it (a closing \" is missing?)");
  // Closed by a later quote: yaml-cpp alone says "end of map not found" at line 4.
  CHECK(error_of("---\ntitle: \"Broken\nauthor: Jane\ndate: \"2024-01-02\"\n---\n").rfind("2:8 ", 0) == 0);
  CHECK(error_of("---\ntitle: 'Broken\nauthor: Jane\n---\n").rfind("2:8 ", 0) == 0);
  CHECK(error_of("---\nauthor:\n  name: \"Jane\n  Doe\"\n---\n").rfind("3:9 ", 0) == 0);
  CHECK(error_of("---\ntitle: ok\nsummary: \"never\n   closed\n---\n") ==
        "3:10 malformed YAML front matter: quoted value opened here is never closed (a closing \" is missing)");
  CHECK(error_of("---\ntags: [a, \"b\n---\n").rfind("2:11 ", 0) == 0);

  // What stays valid: values indented under their key, escapes, quotes inside plain text,
  // comments, block scalars, quoted keys and flow collections.
  for (std::string_view ok : {
           "---\ntitle: \"Two\n  lines\"\nauthor: x\n---\n",
           "---\ntitle: \"a \\\" quote\"\nb: 'it''s'\n---\n",
           "---\ntitle: It's \"fine\"\nnote: don't # it's a comment \"\n---\n",
           "---\nsummary: |\n  \"quoted\n  lines\nnext: 1\n---\n",
           "---\n\"quoted key\": \"v\"\nlist:\n  - \"a\"\n  - 'b'\ntags: [\"x\", 'y', z]\nmap: {a: \"1\", b: '2'}\n---\n",
           "---\nurl: https://example.org/a\"b\n---\n"}) {
    INFO(ok);
    CHECK(error_of(ok) == "accepted");
  }
  FrontMatter fm = parse("---\ntitle: \"Two\n  lines\"\nauthor: Jane\n---\n", diag);
  CHECK(fm.metadata.title == "Two lines");
}

TEST_CASE("the quoted-scalar check is linear in the block", "[front-matter]") {
  // 200,000 lines each opening and closing a quote, then one never closed.
  std::string yaml;
  for (int i = 0; i < 200000; ++i) yaml += "k" + std::to_string(i) + ": \"v\"\n";
  yaml += "last: \"open\n";
  const auto broken = find_broken_quoted_scalar(yaml);
  REQUIRE(broken.has_value());
  CHECK(broken->line == 200000);
  // A million quotes on one line close each other in pairs.
  CHECK_FALSE(find_broken_quoted_scalar(std::string(1000000, '"') + "\n").has_value());
}
