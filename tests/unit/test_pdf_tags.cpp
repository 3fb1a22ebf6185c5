// Tagged PDF (PDF/UA-1): the structure tree poppler reads back (`pdfinfo -struct-text`, qpdf for
// attributes it does not print) against the DocBook tree of the every-construct fixture, and
// the layout's tagging of what it draws.
#include "epub/every_construct.hpp"
#include "layout/handout_layout.hpp"
#include "test_support.hpp"
#include "text/text.hpp"
#include "writers/pdf/pdf.hpp"
#include "writers/pdf/xmp_metadata.hpp"
#include "writers/summary.hpp"

#include <catch2/catch.hpp>

#include "command_runs.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>

using namespace handout;
namespace fs = std::filesystem;

namespace {


/// One node of `pdfinfo -struct-text`: an element (type, attributes, children), a text, or an
/// object reference (a link annotation).
struct Node {
  std::string type;  ///< element type; "" for text, "OBJR" for an object reference
  std::string text;
  std::vector<std::string> attributes;
  std::vector<Node> kids;

  /// Returns the text of the node and its descendants, in order.
  std::string all_text(bool skip_note_refs = false) const {
    if (type.empty()) return text;
    if (skip_note_refs && type == "Link") {
      const std::string t(text::trim(all_text(false)));
      if (!t.empty() && t.find_first_not_of("0123456789") == std::string::npos) return {};
    }
    std::string out;
    for (const Node& k : kids) {
      const bool block = !k.type.empty() && k.type != "Link" && k.type != "OBJR";  // read apart; links run on
      if (block) out += ' ';
      out += k.all_text(skip_note_refs);
      if (block) out += ' ';
    }
    return out;
  }
  /// Appends every element of type t (this one included) in tree order.
  void find(const std::string& t, std::vector<const Node*>& out) const {
    if (type == t) out.push_back(this);
    for (const Node& k : kids) k.find(t, out);
  }
  bool has_attribute(const std::string& a) const {
    return std::find(attributes.begin(), attributes.end(), a) != attributes.end();
  }
};

/// Parses `pdfinfo -struct-text` (two spaces of indent per level).
Node parse_struct_text(const std::string& out) {
  Node root;
  root.type = "(root)";
  std::vector<std::pair<int, Node*>> stack{{-1, &root}};
  std::size_t pos = 0;
  while (pos < out.size()) {
    std::size_t end = out.find('\n', pos);
    if (end == std::string::npos) end = out.size();
    const std::string line = out.substr(pos, end - pos);
    pos = end + 1;
    const std::size_t first = line.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    const int indent = static_cast<int>(first) / 2;
    const std::string body = line.substr(first);
    if (body[0] == '/') {  // an attribute of the element above
      stack.back().second->attributes.push_back(body);
      continue;
    }
    while (stack.size() > 1 && stack.back().first >= indent) stack.pop_back();
    Node n;
    if (body[0] == '"') {
      n.text = body.substr(1, body.size() >= 2 ? body.size() - 2 : 0);
    } else if (body.rfind("Object ", 0) == 0) {
      n.type = "OBJR";
    } else {
      n.type = body.substr(0, body.find_first_of(" :"));
    }
    Node* parent = stack.back().second;
    parent->kids.push_back(std::move(n));
    if (!parent->kids.back().type.empty() && parent->kids.back().type != "OBJR") stack.emplace_back(indent, &parent->kids.back());
  }
  return root;
}

/// Expected headings: the title H1; a section at depth n H(n+1) and a bridgehead sectN H(N+1),
/// never more than one level below the previous heading; "Notes" (H2) when there are footnotes.
void expected_headings(pugi::xml_node n, int depth, int& last, std::vector<std::pair<int, std::string>>& out) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    const std::string name = c.name();
    if (name == "section") {
      const int level = std::min(depth + 2, last + 1);
      out.emplace_back(level, text::collapse_whitespace(text_content(c.child("title"), true)));
      last = level;
      expected_headings(c, depth + 1, last, out);
    } else if (name == "bridgehead") {
      const char* renderas = c.attribute("renderas").value();
      const int wanted = std::clamp(std::strlen(renderas) == 5 ? renderas[4] - '0' : 3, 2, 4) + 1;
      const int level = std::min(wanted, last + 1);
      out.emplace_back(level, text::collapse_whitespace(text_content(c, true)));
      last = level;
    } else if (name != "info" && name != "footnote" && name != "informaltable" && name != "table") {
      expected_headings(c, depth, last, out);
    }
  }
}

std::size_t count_nodes(const Document& doc, const char* xpath) { return doc.xml().select_nodes(xpath).size(); }

/// True when every expected word is found in order in words; returns the words left over (not
/// matched) in extra, and the first expected word not found in missing.
bool in_order(const std::vector<std::string>& expected, const std::vector<std::string>& words,
              std::vector<std::string>& extra, std::string& missing) {
  std::size_t at = 0;
  for (const std::string& w : expected) {
    std::size_t i = at;
    while (i < words.size() && words[i] != w) ++i;
    if (i == words.size()) {
      missing = w;
      return false;
    }
    extra.insert(extra.end(), words.begin() + static_cast<std::ptrdiff_t>(at), words.begin() + static_cast<std::ptrdiff_t>(i));
    at = i + 1;
  }
  extra.insert(extra.end(), words.begin() + static_cast<std::ptrdiff_t>(at), words.end());
  return true;
}

struct Written {
  Document doc;
  Node tree;
  std::string qdf;  ///< the PDF's objects, uncompressed (qpdf --qdf)
};

Written write_and_read(Document doc, bool summary) {
  Diagnostics diag("every-construct.md");
  WriterOptions options;
  options.source_date_epoch = 1767225600;
  const Output out = summary ? write_summary(doc, options, diag) : write_pdf(doc, options, diag);
  const fs::path file = fs::temp_directory_path() / ("handout-tags-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << out.bytes;
  Written w{std::move(doc), parse_struct_text(handout::test::shell_output("pdfinfo -struct-text '" + file.string() + "'")), {}};
  w.qdf = handout::test::shell_output("qpdf --qdf --object-streams=disable '" + file.string() + "' - 2>/dev/null");
  fs::remove(file);
  return w;
}

/// Decodes the UTF-16BE hex strings qpdf writes (<feff...>) that follow key in the qdf text.
std::vector<std::string> text_values(const std::string& qdf, const std::string& key) {
  std::vector<std::string> out;
  const std::regex re(key + " <feff([0-9a-f]*)>");
  for (auto it = std::sregex_iterator(qdf.begin(), qdf.end(), re); it != std::sregex_iterator(); ++it) {
    const std::string hex = (*it)[1];
    std::string utf8;
    for (std::size_t i = 0; i + 4 <= hex.size(); i += 4) text::append_utf8(utf8, static_cast<char32_t>(std::stoul(hex.substr(i, 4), nullptr, 16)));
    out.push_back(utf8);
  }
  return out;
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the tagged handout's structure tree follows the DocBook tree of every construct", "[pdf][tags]") {
  Diagnostics build_diag("every-construct.md");
  const Written w = write_and_read(test::every_construct_document(build_diag), false);
  const Document& doc = w.doc;
  REQUIRE(w.tree.kids.size() == 1);
  const Node& document = w.tree.kids[0];
  REQUIRE(document.type == "Document");

  SECTION("headings: the title H1, sections one level per depth, none skipped") {
    std::vector<std::pair<int, std::string>> expected{{1, doc.title()}};
    int last = 1;
    expected_headings(doc.article(), 0, last, expected);
    expected.emplace_back(2, "Notes");
    std::vector<std::pair<int, std::string>> got;
    std::function<void(const Node&)> walk = [&](const Node& n) {
      if (n.type.size() == 2 && n.type[0] == 'H' && std::isdigit(static_cast<unsigned char>(n.type[1]))) {
        got.emplace_back(n.type[1] - '0', text::collapse_whitespace(n.all_text()));
      }
      for (const Node& k : n.kids) walk(k);
    };
    walk(document);
    CHECK(got == expected);
  }

  SECTION("lists: one L per list, one LI per item, a Lbl before each LBody") {
    // Lists in table cells are flattened into the cell's text; the notes are Note elements.
    std::vector<std::size_t> expected;
    pugi::xpath_node_set all_lists = doc.xml().select_nodes("//itemizedlist[not(ancestor::td or ancestor::th)] | "
                                                "//orderedlist[not(ancestor::td or ancestor::th)] | //variablelist");
    all_lists.sort();  // document order
    for (const auto& x : all_lists) expected.push_back(x.node().select_nodes("listitem | varlistentry").size());
    std::vector<const Node*> lists;
    document.find("L", lists);
    std::vector<std::size_t> got;
    for (const Node* l : lists) {
      std::size_t items = 0;
      for (const Node& li : l->kids) {
        if (li.type != "LI") continue;
        ++items;
        REQUIRE_FALSE(li.kids.empty());
        CHECK(li.kids.back().type == "LBody");
        if (li.kids.size() == 2) CHECK(li.kids.front().type == "Lbl");
      }
      got.push_back(items);
    }
    CHECK(got == expected);
    // The ordered list starts at 3 and the variable list's terms are labels.
    std::vector<const Node*> labels;
    document.find("Lbl", labels);
    std::vector<std::string> label_text;
    for (const Node* l : labels) label_text.push_back(text::collapse_whitespace(l->all_text()));
    CHECK(std::find(label_text.begin(), label_text.end(), "3.") != label_text.end());
    CHECK(std::find(label_text.begin(), label_text.end(), "Inhaler") != label_text.end());
  }

  SECTION("tables: header rows as TH with column scope, body th as row scope, spans, a regular grid") {
    std::vector<const Node*> tables;
    document.find("Table", tables);
    REQUIRE(tables.size() == count_nodes(doc, "//table[.//th] | //informaltable[.//th]"));
    const Node& t = *tables[0];
    REQUIRE(t.kids.size() == 3);
    CHECK(t.kids[0].type == "Caption");
    CHECK(t.kids[0].all_text() == "Clinic hours");
    CHECK(t.kids[1].type == "THead");
    CHECK(t.kids[2].type == "TBody");
    for (const Node& cell : t.kids[1].kids.at(0).kids) {
      CHECK(cell.type == "TH");
      CHECK(cell.has_attribute("/Scope /Column"));
    }
    std::size_t row_headers = 0, widths_checked = 0;
    for (const Node& tr : t.kids[2].kids) {
      int width = 0;
      for (const Node& cell : tr.kids) {
        width += cell.has_attribute("/ColSpan 2") ? 2 : 1;
        if (cell.type == "TH") row_headers += cell.has_attribute("/Scope /Row") ? 1 : 0;
      }
      CHECK(width == 3);  // ragged rows padded
      ++widths_checked;
    }
    CHECK(widths_checked == 4);
    CHECK(row_headers == count_nodes(doc, "//tbody//th"));
    // The table without header cells is read as a layout table: a Div of its cells.
    CHECK(occurrences(document.all_text(), "without headers") == 1);
  }

  SECTION("figures carry their text alternative; links have an annotation each; notes have IDs") {
    std::vector<const Node*> figures;
    document.find("Figure", figures);
    CHECK(figures.size() == 1);  // the one image that could be read (the others print their text)
    const std::vector<std::string> alts = text_values(w.qdf, "/Alt");
    CHECK(std::count(alts.begin(), alts.end(), "The same capsule, as a figure") == 1);

    std::vector<const Node*> links;
    document.find("Link", links);
    // Links of the text, footnote references (with "Note N" as /Alt), each note's link back to
    // its reference and the colophon's source link.
    const std::size_t expected_links = count_nodes(doc, "//link") + 2 * count_nodes(doc, "//footnote") + count_nodes(doc, "//footnoteref") + 1;
    CHECK(links.size() == expected_links);
    for (const Node* l : links) {
      CHECK(std::count_if(l->kids.begin(), l->kids.end(), [](const Node& k) { return k.type == "OBJR"; }) == 1);
    }
    CHECK(std::count(alts.begin(), alts.end(), "Note 1") == 2);

    const std::vector<std::string> ids = text_values(w.qdf, "/ID");
    CHECK(ids.size() == count_nodes(doc, "//footnote"));
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == ids.size());
    CHECK(occurrences(w.qdf, "/S /Note") == count_nodes(doc, "//footnote"));
  }

  SECTION("no running header, footer or page number in the tree; every body word once, in order") {
    const std::string all = document.all_text();
    CHECK(occurrences(all, doc.title()) == 1);  // the header repeats it on every later page
    CHECK(all.find("Page ") == std::string::npos);
    CHECK(all.find(" of 2") == std::string::npos);

    // The body's words (footnotes left out), then the footnotes', as in test_pdf.cpp.
    // An image's caption is printed before its description; an inline image prints its
    // description only.
    pugi::xml_document copy;
    copy.reset(doc.xml());
    for (const auto& x : copy.select_nodes("//mediaobject/textobject[@role='title']")) {
      pugi::xml_node media = x.node().parent();
      media.insert_move_before(x.node(), media.child("textobject"));
    }
    for (const auto& x : copy.select_nodes("//inlinemediaobject")) {
      const std::string alt = text::collapse_whitespace(text_content(x.node().find_child([](pugi::xml_node t) {
        return std::string_view(t.name()) == "textobject" && !t.attribute("role");
      })));
      x.parent().insert_child_before(pugi::node_pcdata, x.node()).set_value(("[image: " + alt + "]").c_str());
      x.parent().remove_child(x.node());
    }
    std::string body = doc.title() + "\n";
    for (pugi::xml_node c = copy.document_element().first_child(); c; c = c.next_sibling()) {
      if (std::string_view(c.name()) != "info") body += text_content(c, true) + "\n";
    }
    for (const auto& x : copy.select_nodes("//footnote")) body += text_content(x.node(), true) + "\n";
    std::vector<std::string> expected = text::split_words(body);
    std::vector<std::string> extra;
    std::string missing;
    const bool all_in_order = in_order(expected, text::split_words(document.all_text(true)), extra, missing);
    INFO("first word not tagged in order: " << missing);
    CHECK(all_in_order);
    // What layout adds: the title block, labels, list markers, image notices, note numbers and
    // the colophon; nothing of the body twice.
    const Metadata m = read_metadata(doc);
    std::set<std::string> allowed;
    for (const std::string& s : {m.subtitle, std::string("By Ada Example, RN, Test Clinic (sample)"),
                                 std::string("Updated 1 October 2026 · Published 3 February 2026 Last updated"),
                                 std::string("Note Tip Important Warning Caution Notes • ◦ ☑ ☐ 1. 2. 3. 4. Source:"),
                                 std::string("Image not available: —"),
                                 m.source_url, m.legal.front()}) {
      for (const std::string& word : text::split_words(s)) allowed.insert(word);
    }
    for (const auto& [key, value] : m.extra) {  // "Reviewed by <reviewer>" in the byline
      if (key != "reviewer") continue;
      CHECK(all.find("Reviewed by " + value) != std::string::npos);
      for (const std::string& word : text::split_words("Reviewed by " + value)) allowed.insert(word);
    }
    for (const std::string& word : all_in_order ? extra : std::vector<std::string>{}) {
      INFO("tagged but not in the body: " << word);
      CHECK(allowed.count(word) == 1);
    }
  }
}

TEST_CASE("the tagged summary sheet: title H1, sections H2, lists, the QR code one Figure", "[pdf][tags]") {
  Diagnostics build_diag("every-construct.md");
  const Written w = write_and_read(test::every_construct_document(build_diag), true);
  REQUIRE(w.tree.kids.size() == 1);
  const Node& document = w.tree.kids[0];
  std::vector<const Node*> h1, h2, lists, figures;
  document.find("H1", h1);
  document.find("H2", h2);
  document.find("L", lists);
  document.find("Figure", figures);
  REQUIRE(h1.size() == 1);
  CHECK(h1[0]->all_text() == w.doc.title());
  CHECK_FALSE(h2.empty());
  CHECK(lists.size() + 1 == h2.size());  // every section but "Read more" is a list
  CHECK(figures.size() == 1);
  const std::vector<std::string> alts = text_values(w.qdf, "/Alt");
  CHECK(std::count(alts.begin(), alts.end(), "QR code: link to " + read_metadata(w.doc).source_url) == 1);
}

TEST_CASE("layout leaves nothing untagged and repeats table header rows as pagination artifacts", "[pdf][tags]") {
  std::string source = "# Long table\n\n| Day | Dose |\n|---|---|\n";
  for (int i = 0; i < 120; ++i) source += "| Day " + std::to_string(i + 1) + " | " + std::to_string(i % 4 + 1) + " tablets |\n";
  const Document doc = test::markdown(source);
  Diagnostics diag("long.md");
  const Style style = load_style("default", diag);
  const FontSet fonts(style, diag);
  const LaidOutDocument laid = layout_handout(doc, style, fonts, {}, diag);
  REQUIRE(laid.pages.size() >= 2);
  for (const Drawing& page : laid.pages) {
    for (const TextRun& run : page.runs) CHECK(run.element != tag::inherit);
    for (const LinkArea& link : page.links) CHECK(link.element != tag::inherit);
  }
  // The header row on page 1 is tagged with TH elements; on page 2 it is drawn again as an
  // artifact, so it is read once.
  auto header_runs = [&](const Drawing& page) {
    std::vector<int> elements;
    for (const TextRun& run : page.runs) {
      if (text::trim(run.text) == "Day" || text::trim(run.text) == "Dose") elements.push_back(run.element);
    }
    return elements;
  };
  const std::vector<int> first = header_runs(laid.pages[0]);
  REQUIRE(first.size() == 2);
  for (const int e : first) CHECK(laid.structure[e].type == "TH");
  const std::vector<int> second = header_runs(laid.pages[1]);
  REQUIRE(second.size() == 2);
  for (const int e : second) CHECK(e == tag::repeated);
  // Running header and footer text is a pagination artifact, never content.
  std::size_t footers = 0;
  for (const TextRun& run : laid.pages[1].runs) footers += run.text.find("Page 2 of") != std::string::npos && run.element == tag::page_footer;
  CHECK(footers == 1);
}

TEST_CASE("the XMP packet escapes every field and says PDF/UA-1", "[pdf][tags]") {
  XmpFields f;
  f.title = "Fever & <children> \"care\"\x01";
  f.language = "en-GB";
  f.creators = {"Ada & Co"};
  f.date_epoch = 1767225600;
  const std::string x = xmp_packet(f);
  CHECK(x.find("Fever &amp; &lt;children&gt; &quot;care&quot;</rdf:li>") != std::string::npos);
  CHECK(x.find("<rdf:li>Ada &amp; Co</rdf:li>") != std::string::npos);
  CHECK(x.find("<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li>") != std::string::npos);
  CHECK(x.find("<xmp:CreateDate>2026-01-01T00:00:00Z</xmp:CreateDate>") != std::string::npos);
  CHECK(x.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
  CHECK(x == xmp_packet(f));
  pugi::xml_document parsed;
  CHECK(parsed.load_string(x.c_str()));
}

TEST_CASE("an image with a text alternative is a Figure; one without is an artifact, with a warning", "[pdf][tags]") {
  Diagnostics diag("images.md");
  const std::string folder = test::every_construct_folder();
  const Document doc = test::markdown("# Images\n\n![A blue and white capsule](images/capsule.png)\n\n![](images/capsule.png)\n", diag,
                                      folder + "/images.md");
  const Style style = load_style("default", diag);
  const FontSet fonts(style, diag);
  const PdfImages images = load_pdf_images(doc, style, diag);
  const LaidOutDocument laid = layout_handout(doc, style, fonts, images.sizes, diag);
  std::vector<int> elements;
  for (const Drawing& page : laid.pages) {
    for (const ImageBox& image : page.images) elements.push_back(image.element);
  }
  REQUIRE(elements.size() == 2);
  REQUIRE(elements[0] >= 0);
  CHECK(laid.structure[elements[0]].type == "Figure");
  CHECK(laid.structure[elements[0]].alt == "A blue and white capsule");
  CHECK(elements[1] == tag::artifact);
  CHECK(test::count_messages(diag, "has no text alternative") == 1);
}

TEST_CASE("a phrase in another language is a Span with its /Lang; one in the document's language is not", "[pdf][tags]") {
  Document doc = test::markdown("# Words\n\nIn French, a spacer is called a \n");
  pugi::xml_node para = doc.article().child("para");
  REQUIRE(para);
  pugi::xml_node french = para.append_child("phrase");
  french.append_attribute("xml:lang") = "fr";
  french.append_child(pugi::node_pcdata).set_value("chambre d'inhalation");
  para.append_child(pugi::node_pcdata).set_value(", in English a ");
  pugi::xml_node english = para.append_child("phrase");
  english.append_attribute("xml:lang") = doc.language().c_str();
  english.append_child(pugi::node_pcdata).set_value("spacer.");
  Diagnostics diag("words.md");
  const Style style = load_style("default", diag);
  const FontSet fonts(style, diag);
  const LaidOutDocument laid = layout_handout(doc, style, fonts, {}, diag);
  std::map<std::string, int> element_of;
  for (const TextRun& run : laid.pages.at(0).runs) element_of[std::string(text::trim(run.text))] = run.element;
  REQUIRE(element_of.count("chambre d'inhalation") == 1);
  const int span = element_of["chambre d'inhalation"];
  REQUIRE(span >= 0);
  CHECK(laid.structure[span].type == "Span");
  CHECK(laid.structure[span].lang == "fr");
  CHECK(laid.structure[laid.structure[span].parent].type == "P");
  REQUIRE(element_of.count("spacer.") == 1);
  CHECK(laid.structure[element_of["spacer."]].type == "P");
}
