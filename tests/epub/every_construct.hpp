// A document holding every construct the tree can hold, built through TreeBuilder: metadata,
// nested sections, every block and inline kind, tables with spans and a caption, footnotes and
// footnote references, images (embedded PNG and GIF, one missing, one outside the source's
// folder), raw HTML kept as text. Long enough to be split into one file per top-level section.
// Used by the EPUB unit tests and by write_every_construct (for epubcheck and Ace).
#pragma once

#include "model/builder.hpp"
#include "model/metadata.hpp"
#include "transforms/pipeline.hpp"
#include "source_dir.hpp"

#include <string>

namespace handout::test {

/// The folder the fixture's images live in (its "source folder").
inline std::string every_construct_folder() { return handout::test::source_dir() + "/tests/epub/every-construct"; }

/// Returns the fixture, as if read from every-construct/every-construct.md.
inline Document every_construct_document(Diagnostics& diag) {
  Document doc;
  doc.source_path = every_construct_folder() + "/every-construct.md";
  Metadata meta;
  meta.title = "Every construct";
  meta.subtitle = "A test of all the tree can hold";
  meta.authors = {{"Ada Example, RN", false}, {"Test Clinic (sample)", true}};
  meta.published = "2026-02-03";
  meta.updated = "2026-10-01";
  meta.language = "en-GB";
  meta.summary = "What this document is for.\n\nA second paragraph of summary.";
  meta.keywords = {"testing", "EPUB"};
  meta.legal = {"© 2026 Test Clinic (sample). Shared under CC BY 4.0."};
  meta.copyright_year = "2026";
  meta.copyright_holder = "Test Clinic (sample)";
  meta.source_url = "https://example.org/handouts/every-construct";
  meta.extra = {{"reviewer", "Dr. Test"}};
  write_metadata(doc, meta);

  TreeBuilder b(doc, diag);
  BlockSink body = b.body();
  {
    InlineSink p = body.para();
    p.text("Plain, ");
    p.emphasis().text("emphasis");
    p.text(", ");
    p.strong().text("strong");
    p.text(", ");
    p.strikethrough().text("struck");
    p.text(", H");
    p.subscript().text("2");
    p.text("O, x");
    p.superscript().text("2");
    p.text(", ");
    p.link("https://example.org/page", "Link title").text("an external link");
    p.text(", ");
    p.internal_link("section-two").text("a link to section two");
    p.text(", ");
    p.link("#section-one").text("a fragment link");
    p.text(", ");
    p.link("other-handout.md").text("a relative link");
    p.text(", ");
    p.phrase("raw-html").text("<script>alert('x')</script>");
    p.text(" ");
    p.phrase("drug-name").text("a phrase");
    p.text(", ");
    p.code("code & <tags>");
    p.text(".");
    p.line_break();
    p.text("After a line break, an inline image ");
    p.image("images/capsule.png", "a blue and white capsule", "Capsule");
    p.text(" and a note");
    BlockSink note = p.footnote(b.claim_id("fn-1"));
    note.para().text("The first footnote.");
    note.para().text("Its second paragraph.");
    p.text(".");
  }
  body.thematic_break();
  {
    BlockSink quote = body.blockquote();
    quote.para().text("A quotation.");
    quote.blockquote().para().text("A nested quotation.");
  }
  body.program_listing("int main() {\n  return 0;  // <done>\n}", "cpp");
  body.para().text("A paragraph other parts link to.");
  body.node().last_child().append_attribute("xml:id") = "para-target";
  body.literal_layout("Riverside Clinic\n12 River Road\nTown");
  body.literal_layout("<div onclick=\"steal()\">raw block</div>", "raw-html");
  body.admonition(Admonition::note).para().text("A note.");
  body.admonition(Admonition::tip, "Tip title").para().text("A tip with a title.");
  body.admonition(Admonition::important).para().text("Important.");
  body.admonition(Admonition::warning).para().text("A warning.");
  body.admonition(Admonition::caution).para().text("A caution.");
  {
    ListSink keys = body.itemized_list("key-points");
    keys.item().para().text("First key point.");
    keys.item().para().text("Second key point.");
  }
  {
    ListSink ol = body.ordered_list(3);
    BlockSink first = ol.item();
    first.para().text("Third step.");
    ListSink nested = first.itemized_list();
    nested.item().para().text("A nested bullet.");
    nested.item().bridgehead(3).text("A heading inside a list");
    ol.item().para().text("Fourth step.");
  }
  {
    ListSink tasks = body.itemized_list();
    tasks.item("task-done").para().text("A done task.");
    tasks.item("task-todo").para().text("A task to do.");
  }
  {
    VariableListSink terms = body.variable_list();
    auto e = terms.entry();
    e.term.text("Inhaler");
    e.definition.para().text("A device that delivers medicine to the lungs.");
    auto f = terms.entry();
    f.term.text("Peak flow");
    f.definition.para().text("How fast you can breathe out.");
  }
  body.image("images/capsule.png", "The same capsule, as a figure", "A capsule (figure caption)");
  body.image("images/dot.gif", "A dot", "");
  body.image("images/missing.png", "A chart that is not there", "");
  body.image("../outside.png", "A picture outside the folder", "");
  body.image("/etc/passwd", "An absolute path", "");

  for (int s = 1; s <= 3; ++s) {
    const std::string name = s == 1 ? "one" : s == 2 ? "two" : "three";
    b.heading(1).text("Section " + name);
    BlockSink sec = b.body();
    sec.node().append_attribute("xml:id") = ("section-" + name).c_str();
    for (int i = 0; i < 24; ++i) {
      sec.para().text("Filler paragraph " + std::to_string(i + 1) + " of section " + name +
                      ": patient-education text long enough that the document is split into one file per "
                      "top-level section, as a long handout would be. It says nothing of substance.");
    }
    if (s == 2) {
      InlineSink p = sec.para();
      p.text("Section two refers to the first note again");
      p.footnote_ref("fn-1");
      p.text(", links back to ");
      p.internal_link("para-target").text("a paragraph of the front");
      p.text(" and has its own note");
      p.footnote(b.claim_id("fn-2")).para().text("The second footnote.");
      p.text(".");
      TableSink t = sec.table();
      t.caption().text("Clinic hours");
      RowSink h = t.header_row();
      h.cell(true, CellAlign::left).text("Day");
      h.cell(true, CellAlign::center).text("Opens");
      h.cell(true, CellAlign::right).text("Closes");
      RowSink r1 = t.row();
      r1.cell(true).text("Monday");
      r1.cell(false, CellAlign::center).text("8:00");
      r1.cell(false, CellAlign::right).text("18:00");
      RowSink r2 = t.row();
      r2.cell(true).text("Saturday");
      InlineSink closed = r2.cell(false, CellAlign::center, 2);
      closed.emphasis().text("closed");
      closed.footnote(b.claim_id("fn-3")).para().text("Except in December.");
      RowSink r3 = t.row();
      r3.cell(true, CellAlign::none, 1, 2).text("Weekdays");
      r3.cell(false).text("early");
      BlockSink cell = r3.block_cell(false);
      ListSink l = cell.itemized_list();
      l.item().para().text("list in a cell");
      RowSink r4 = t.row();
      r4.cell(false).text("late");
      r4.cell(false).text("20:00");
      TableSink plain = sec.table();
      RowSink pr = plain.row();
      pr.cell(false).text("A table");
      pr.cell(false).text("without headers");
    }
    b.heading(2).text("Subsection of " + name);
    b.body().para().text("Text of the subsection.");
    b.heading(3).text("Sub-subsection of " + name);
    b.body().para().text("Deeper text.");
  }
  b.heading(1).text("Questions to ask");
  b.body().node().append_attribute("role") = "questions";
  b.body().itemized_list().item().para().text("What does this test?");
  b.finish();
  run_transforms(doc, TransformOptions{}, diag);
  return doc;
}

}  // namespace handout::test
