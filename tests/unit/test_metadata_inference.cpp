// Metadata lines (bylines, copyright, source) and the pass that moves them into <info>.
#include <algorithm>
#include "model/metadata.hpp"
#include "text/metadata_lines.hpp"
#include "text/text.hpp"
#include "test_support.hpp"
#include "transforms/metadata_inference.hpp"

#include <catch2/catch.hpp>

using namespace handout;
using handout::test::body_xml;
using handout::test::count_messages;

namespace {

/// Reads Markdown and runs only the metadata pass (verbose).
Document inferred(std::string_view md, Diagnostics& diag) {
  SourceText src = decode_source("t.md", md, diag);
  Document doc = read_markdown(src, ReaderOptions{}, diag);
  TransformOptions options;
  options.verbose = true;
  infer_metadata(doc, options, diag);
  return doc;
}

Document inferred(std::string_view md) {
  Diagnostics diag("t.md");
  return inferred(md, diag);
}

}  // namespace

TEST_CASE("bylines: dates by keyword, reading time, authors, labels", "[metadata-lines]") {
  MetadataLine a = classify_metadata_line("Published April 10, 2026 \xC2\xB7 4 min read \xC2\xB7 Research");
  CHECK(a.kind == MetadataLineKind::byline);
  CHECK(a.published == "2026-04-10");
  CHECK(a.updated.empty());
  CHECK(a.reading_time);
  CHECK(a.labels == std::vector<std::string>{"Research"});

  MetadataLine b = classify_metadata_line("Hub last updated June 5th 2026 for the spring review");
  CHECK(b.updated == "2026-06-05");
  CHECK(b.published.empty());

  MetadataLine c = classify_metadata_line("This page was last edited on 3 February 2026, at 08:13 (CET).");
  CHECK(c.updated == "2026-02-03");

  MetadataLine d = classify_metadata_line("Posted on 2026-01-12 by Sam Lee | 5-minute read");
  CHECK(d.published == "2026-01-12");
  CHECK(d.authors == std::vector<std::string>{"Sam Lee"});
  CHECK(d.reading_time);

  MetadataLine e = classify_metadata_line("Medically reviewed by Dr. Lena Brandt, MD \xE2\x80\x94 Updated March 3, 2026");
  CHECK(e.updated == "2026-03-03");
  CHECK(e.reviewers == std::vector<std::string>{"Dr. Lena Brandt, MD"});

  CHECK(classify_metadata_line("Last reviewed: May 2026").updated == "2026-05");
  CHECK(classify_metadata_line("Reading time: 6 minutes").reading_time);
  CHECK(classify_metadata_line("By Dana Ortiz, RN").authors == std::vector<std::string>{"Dana Ortiz, RN"});
  CHECK_FALSE(classify_metadata_line("By Dana Ortiz, RN").dated());
}

TEST_CASE("prose that mentions a date or starts with By is no byline", "[metadata-lines]") {
  for (const char* line : {"Updated vaccines are offered every autumn; book by October 1, 2026.",
                           "The clinic opens April 10, 2026, in the new building on Main Street.",
                           "By then you will feel better", "By age 5, most children can use a spacer.",
                           "Research \xC2\xB7 Heart health", "Take 2 tablets 3 times a day", "4 min",
                           "Source: the leaflet from https://example.org", "Last updated"}) {
    INFO(line);
    CHECK(classify_metadata_line(line).kind == MetadataLineKind::none);
  }
  CHECK(classify_metadata_line(std::string(2000, 'x') + " April 10, 2026").kind == MetadataLineKind::none);
}

TEST_CASE("copyright, licence and source lines", "[metadata-lines]") {
  CHECK(classify_metadata_line("\xC2\xA9 2026 Riverside Clinic. All rights reserved.").kind == MetadataLineKind::copyright);
  CHECK(classify_metadata_line("Copyright (c) 2024-2026 Clinic Name").kind == MetadataLineKind::copyright);
  CHECK(classify_metadata_line("Text is available under the Creative Commons Attribution-ShareAlike License; "
                               "additional terms may apply.")
            .kind == MetadataLineKind::copyright);
  CHECK(classify_metadata_line("Ask before you copy this leaflet.").kind == MetadataLineKind::none);
  MetadataLine s = classify_metadata_line("Retrieved from \"https://wiki.example.org/wiki/Asthma\"");
  CHECK(s.kind == MetadataLineKind::source);
  CHECK(s.source_url == "https://wiki.example.org/wiki/Asthma");
  CHECK(classify_metadata_line("Source: https://example.org/a.").source_url == "https://example.org/a");
  CHECK(classify_metadata_line("See https://example.org/a").kind == MetadataLineKind::none);
}

TEST_CASE("the byline becomes dates and authors, the reading time goes, and a note says so", "[metadata]") {
  Diagnostics diag("t.md");
  Document doc = inferred(
      "# Sleep and Asthma\n\nBy Dana Ortiz\n\nPublished April 10, 2026 \xC2\xB7 4 min read\n\nBody text.\n\n"
      "Last updated: June 5th 2026\n",
      diag);
  const Metadata m = read_metadata(doc);
  CHECK(m.published == "2026-04-10");
  CHECK(m.updated == "2026-06-05");
  REQUIRE(m.authors.size() == 1);
  CHECK(m.authors[0].name == "Dana Ortiz");
  CHECK(body_xml(doc) == "<para>Body text.</para>");
  CHECK(count_messages(diag, "(reading time dropped)") == 1);
}

TEST_CASE("a title comes from the line above a dated byline; site names above it go", "[metadata]") {
  Diagnostics diag("t.md");
  Document doc = inferred("Riverside Library\n\nAsthma Basics\n\nPosted 2026-01-12\n\nBody.\n", diag);
  CHECK(doc.title() == "Asthma Basics");
  CHECK(body_xml(doc) == "<para>Body.</para>");
  CHECK(count_messages(diag, "\"Riverside Library\" before the title") == 1);
  // Without a byline, or with markup in the line, the title is not guessed.
  CHECK(inferred("Asthma Basics\n\nBody.\n").title().empty());
  CHECK(inferred("*Asthma* Basics\n\nPosted 2026-01-12\n").title().empty());
}

TEST_CASE("explicit metadata wins; what the body says is only used to fill gaps", "[metadata]") {
  Diagnostics diag("t.md");
  Document doc = inferred(
      "---\ntitle: Given\ndate: 2025-01-15\nauthor: Given Author\ntags: [asthma]\n"
      "copyright: \"\xC2\xA9 2025 Given Clinic\"\n---\n"
      "Published April 10, 2026 \xC2\xB7 Research\n\nBody.\n\n\xC2\xA9 2026 Other Clinic. All rights reserved.\n",
      diag);
  const Metadata m = read_metadata(doc);
  CHECK(m.title == "Given");
  CHECK(m.published == "2025-01-15");
  CHECK(m.authors.size() == 1);
  CHECK(m.keywords == std::vector<std::string>{"asthma"});
  // Copyright lines are never lost: both stay, the given year and holder too.
  CHECK(m.legal == std::vector<std::string>{"\xC2\xA9 2025 Given Clinic", "\xC2\xA9 2026 Other Clinic. All rights reserved."});
  CHECK(m.copyright_holder == "Given Clinic");
  CHECK(body_xml(doc) == "<para>Body.</para>");
  CHECK(count_messages(diag, "published date 2026-04-10") == 1);
}

TEST_CASE("copyright without front matter fills year and holder; the first source line is the source", "[metadata]") {
  Document doc = inferred(
      "# T\n\nText.\n\nSource: https://example.org/page\n\nSource: https://example.org/other\n\n"
      "\xC2\xA9 2026 Riverside Clinic (sample). All rights reserved.\n");
  const Metadata m = read_metadata(doc);
  CHECK(m.source_url == "https://example.org/page");
  CHECK(m.copyright_year == "2026");
  CHECK(m.copyright_holder == "Riverside Clinic (sample)");
  CHECK(m.legal.size() == 1);
  // A second, different source line is content (a reference), and stays.
  CHECK(body_xml(doc) ==
        "<para>Text.</para><para>Source: <link xlink:href=\"https://example.org/other\">https://example.org/other</link></para>");
}

TEST_CASE("metadata lines inside lists, quotes and tables are content", "[metadata]") {
  Document doc = inferred("# T\n\n- Published April 10, 2026\n\n> \xC2\xA9 2026 Quoted\n");
  CHECK(read_metadata(doc).published.empty());
  CHECK(read_metadata(doc).legal.empty());
}

TEST_CASE("bylines with organizations and every separator", "[metadata-lines]") {
  MetadataLine a = classify_metadata_line("By the Pharmacy Editorial Team | Updated January 14, 2026");
  CHECK(a.kind == MetadataLineKind::byline);
  CHECK(a.organizations == std::vector<std::string>{"Pharmacy Editorial Team"});
  CHECK(a.authors.empty());
  CHECK(a.updated == "2026-01-14");

  MetadataLine b = classify_metadata_line("Written by Lakeside Clinic Staff \xE2\x80\xA2 Posted 03/09/2026");
  CHECK(b.organizations == std::vector<std::string>{"Lakeside Clinic Staff"});
  CHECK(b.published == "2026-03-09");

  MetadataLine c = classify_metadata_line("By the editorial team\xE2\x80\x94Reviewed: 2026-03-02");
  CHECK(c.kind == MetadataLineKind::byline);
  CHECK(c.organizations == std::vector<std::string>{"editorial team"});
  CHECK(c.updated == "2026-03-02");

  MetadataLine d = classify_metadata_line("Surgical Services \xC2\xB7 Updated 02/10/2026");
  CHECK(d.kind == MetadataLineKind::byline);
  CHECK(d.updated == "2026-02-10");
  CHECK(d.labels == std::vector<std::string>{"Surgical Services"});

  CHECK(classify_metadata_line("Revised 11/2025").updated == "2025-11");
  CHECK(classify_metadata_line("Reviewed: 2026-03-02").updated == "2026-03-02");
  CHECK(classify_metadata_line("Last modified: March 2, 2026").updated == "2026-03-02");
  CHECK(classify_metadata_line("Date: 2026-03-02").published == "2026-03-02");
  CHECK(classify_metadata_line("Posted June 5th, 2026").published == "2026-06-05");
  CHECK(classify_metadata_line("Published 2026").published == "2026");
  CHECK(classify_metadata_line("Dana Ortiz, RN \xC2\xB7 April 10, 2026").published == "2026-04-10");  // a label and a date
  CHECK(classify_metadata_line("By Dana Ortiz, RN \xC2\xB7 April 10, 2026").published == "2026-04-10");
  // "By" phrases in prose stay prose.
  CHECK(classify_metadata_line("By the time you arrive").kind == MetadataLineKind::none);
  CHECK(classify_metadata_line("By the way, bring your card").kind == MetadataLineKind::none);
}

TEST_CASE("numeric byline dates are read in the document's language", "[metadata-lines]") {
  CHECK(classify_metadata_line("Updated 02/10/2026").updated == "2026-02-10");
  CHECK(classify_metadata_line("Updated 02/10/2026", "en-US").updated == "2026-02-10");
  CHECK(classify_metadata_line("Updated 02/10/2026", "en-GB").updated == "2026-10-02");
  CHECK(classify_metadata_line("Updated 22/11/2025", "en-US").updated == "2025-11-22");
}

TEST_CASE("a keyworded date is kept though the rest of its line is not understood", "[metadata-lines]") {
  MetadataLine a = classify_metadata_line(
      "Hub last updated June 5th 2026 for the spring review of every patient guide in this section.");
  CHECK(a.kind == MetadataLineKind::dateline);
  CHECK(a.updated == "2026-06-05");
  CHECK(a.labels.empty());
  MetadataLine b = classify_metadata_line("This leaflet was last reviewed in March 2026 and will be reviewed again in 2029.");
  CHECK(b.kind == MetadataLineKind::dateline);
  CHECK(b.updated == "2026-03");
  // A date far from any keyword, or a keyword far from the date, is prose.
  CHECK(classify_metadata_line("Updated vaccines are offered every autumn; book by October 1, 2026.").kind ==
        MetadataLineKind::none);
  CHECK(classify_metadata_line("The clinic opens April 10, 2026, in the new building on Main Street.").kind ==
        MetadataLineKind::none);
}

TEST_CASE("a date announced but unreadable is said, never dropped", "[metadata-lines]") {
  MetadataLine a = classify_metadata_line("Updated 13/13/2026");
  CHECK(a.kind == MetadataLineKind::byline);
  CHECK(a.unread_date == "13/13/2026");
  CHECK_FALSE(a.dated());
  CHECK(classify_metadata_line("Updated: yesterday").unread_date == "yesterday");
  CHECK(classify_metadata_line("Last reviewed: 02/30/2026").unread_date == "02/30/2026");
  CHECK(classify_metadata_line("Revised 02/10/26").unread_date == "02/10/26");
  MetadataLine b = classify_metadata_line("By Sam Lee \xC2\xB7 Published February 30, 2026");
  CHECK(b.unread_date == "February 30, 2026");
  CHECK(b.authors == std::vector<std::string>{"Sam Lee"});
  CHECK(unread_date_message(a, " Updated 13/13/2026 ") ==
        "date \"13/13/2026\" in \"Updated 13/13/2026\" could not be read; the line is kept as text");
  // No keyword, or a keyword opening a sentence: nothing was announced.
  for (const char* line : {"Updated guidance", "Updated vaccines are offered", "13/13/2026", "Posted in Heart health",
                           "Published by Lakeside Clinic"}) {
    INFO(line);
    CHECK(classify_metadata_line(line).unread_date.empty());
  }
}

TEST_CASE("organizations become orgname authors; datelines stay with their date taken", "[metadata]") {
  Diagnostics diag("t.md");
  Document doc = inferred(
      "# Knee Surgery\n\nBy the Pharmacy Editorial Team | Updated January 14, 2026\n\nBody.\n\n"
      "Hub last updated June 5th 2026 for the spring review of every patient guide in this section.\n",
      diag);
  const Metadata m = read_metadata(doc);
  REQUIRE(m.authors.size() == 1);
  CHECK(m.authors[0].name == "Pharmacy Editorial Team");
  CHECK(m.authors[0].organization);
  CHECK(m.updated == "2026-01-14");  // the dateline only fills an empty field
  CHECK(body_xml(doc) ==
        "<para>Body.</para><para role=\"dateline\">Hub last updated June 5th 2026 for the spring review of every "
        "patient guide in this section.</para>");

  Document only = inferred("# T\n\nBody.\n\nHub last updated June 5th 2026 for the spring review of every guide here.\n");
  CHECK(read_metadata(only).updated == "2026-06-05");
}

TEST_CASE("the latest updated date of the bylines is kept; the first published one", "[metadata]") {
  Diagnostics diag("t.md");
  Document doc = inferred(
      "# T\n\nPublished 2026-01-02 \xC2\xB7 Updated 2026-02-10\n\nBody.\n\nPage last reviewed: 5 March 2026\n\n"
      "Posted 2026-04-01\n",
      diag);
  const Metadata m = read_metadata(doc);
  CHECK(m.updated == "2026-03-05");
  CHECK(m.published == "2026-01-02");
  CHECK(count_messages(diag, "updated date 2026-02-10 replaced by the later 2026-03-05") == 1);
  CHECK(count_messages(diag, "published date 2026-04-01 in \"Posted 2026-04-01\" ignored") == 1);
  // A date from front matter is never replaced.
  Document given = inferred("---\nupdated: 2025-12-01\n---\n# T\n\nUpdated 2026-02-10\n");
  CHECK(read_metadata(given).updated == "2025-12-01");
}

TEST_CASE("an unreadable date is a warning naming its line; the line stays", "[metadata]") {
  Diagnostics diag("t.md");
  Document doc = inferred("# T\n\nUpdated 13/13/2026\n\nBody.\n", diag);
  CHECK(read_metadata(doc).updated.empty());
  CHECK(body_xml(doc) == "<para role=\"dateline\">Updated 13/13/2026</para><para>Body.</para>");
  CHECK(count_messages(diag, "date \"13/13/2026\" in \"Updated 13/13/2026\" could not be read") == 1);
  REQUIRE(diag.count(Severity::warning) == 1);
}

TEST_CASE("the text reader warns about an unreadable date with its line number, once", "[metadata]") {
  Diagnostics diag("page.txt");
  SourceText src = decode_source("page.txt", "Wound Care\n\nKeep it dry.\n\nUpdated: yesterday\n", diag);
  Document doc = read_text(src, ReaderOptions{}, diag);
  run_transforms(doc, TransformOptions{}, diag);
  REQUIRE(diag.count(Severity::warning) == 1);
  const auto warning = std::find_if(diag.items().begin(), diag.items().end(),
                                    [](const Diagnostic& d) { return d.severity == Severity::warning; });
  CHECK(warning->line == 5);
  CHECK(warning->message.find("\"yesterday\" in \"Updated: yesterday\"") != std::string::npos);
}

TEST_CASE("a header line of two byline sentences goes to the metadata whole", "[metadata]") {
  const MetadataLine credit = classify_metadata_line("Reviewed by the Diabetes Education Team.");
  CHECK(credit.kind == MetadataLineKind::byline);
  CHECK(credit.reviewers == std::vector<std::string>{"Diabetes Education Team"});
  const MetadataLine date = classify_metadata_line("Last reviewed: January 30, 2026.");
  CHECK(date.kind == MetadataLineKind::byline);
  Diagnostics diag("t.md");
  Document doc = inferred(
      "# Type 2 diabetes\n\nReviewed by the Diabetes Education Team. Last reviewed: January 30, 2026.\n\n"
      "Type 2 diabetes is a long-term condition in which the body does not use insulin well.\n",
      diag);
  CHECK(doc.xml().select_nodes("/article/para[contains(., 'Education Team')]").empty());
  const Metadata m = read_metadata(doc);
  CHECK(m.updated == "2026-01-30");
  CHECK(std::any_of(m.extra.begin(), m.extra.end(), [](const auto& kv) {
    return kv.first == "reviewer" && kv.second == "Diabetes Education Team";
  }));
}
