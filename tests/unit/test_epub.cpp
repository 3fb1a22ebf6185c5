// The EPUB writer: books are unzipped and their package document, navigation and XHTML are
// compared by content (elements, attributes, text, order), not by bytes.
#include "epub/every_construct.hpp"
#include "text/text.hpp"
#include "test_support.hpp"
#include "writers/epub/epub.hpp"
#include "writers/image_files.hpp"
#include "writers/epub/name_uuid.hpp"
#include "writers/registry.hpp"
#include "writers/epub/zip_archive.hpp"
#include "source_dir.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

namespace fs = std::filesystem;
using namespace handout;

namespace {

constexpr std::int64_t kEpoch = 1767225600;  // 2026-01-01T00:00:00Z

/// A book unzipped: entry names in archive order and their bytes.
struct Book {
  std::string bytes;
  std::vector<ZipEntry> entries;
  std::map<std::string, std::string> files;

  explicit Book(std::string b) : bytes(std::move(b)), entries(read_zip(bytes)) {
    for (const ZipEntry& e : entries) files[e.name] = e.bytes;
  }
  /// Returns the parsed XML of the entry name (fails the test when it is missing or malformed).
  std::unique_ptr<pugi::xml_document> xml(const std::string& name) const {
    auto doc = std::make_unique<pugi::xml_document>();
    auto it = files.find(name);
    INFO(name);
    REQUIRE(it != files.end());
    REQUIRE(doc->load_string(it->second.c_str()));
    return doc;
  }
};

Book write(const Document& doc, Diagnostics& diag, std::int64_t epoch = kEpoch) {
  WriterOptions options;
  options.source_date_epoch = epoch;
  return Book(write_epub(doc, options, diag).bytes);
}

/// The content files of the book's spine, in reading order.
std::vector<std::string> spine_of(const Book& book) {
  auto opf = book.xml("EPUB/package.opf");
  std::vector<std::string> spine;
  for (const auto& x : opf->select_nodes("//spine/itemref")) {
    const std::string idref = x.node().attribute("idref").value();
    spine.push_back(opf->select_node(("//item[@id='" + idref + "']").c_str()).node().attribute("href").value());
  }
  return spine;
}

Document sample(const std::string& relative, Diagnostics& diag) {
  ConvertOptions options;
  auto doc = load_document(fs::path(handout::test::source_dir()) / relative, options, diag);
  REQUIRE(doc);
  return std::move(*doc);
}

/// Returns the text of an element, whitespace collapsed.
std::string text_of(pugi::xml_node n) { return text::collapse_whitespace(text_content(n)); }

/// Returns the text of every node the query selects, in document order.
std::vector<std::string> texts(const pugi::xml_document& doc, const char* xpath) {
  std::vector<std::string> out;
  for (const auto& x : doc.select_nodes(xpath)) out.push_back(text_of(x.node()));
  return out;
}

std::vector<std::string> meta_values(const pugi::xml_document& opf, const std::string& property) {
  std::vector<std::string> out;
  for (const auto& x : opf.select_nodes(("//meta[@property='" + property + "']").c_str())) out.push_back(x.node().text().get());
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("epub: the container holds mimetype first and stored, and points at the package", "[epub]") {
  Diagnostics diag("asthma");
  const Book book = write(sample("input/asthma-action-plan.md", diag), diag);
  REQUIRE(book.entries.size() >= 6);
  CHECK(book.entries[0].name == "mimetype");
  CHECK(book.entries[0].stored);
  CHECK(book.entries[0].bytes == "application/epub+zip");
  // Local header: no extra field, so the media type sits at byte 38.
  CHECK(book.bytes.substr(26, 4) == std::string("\x08\x00\x00\x00", 4));
  CHECK(book.bytes.substr(30, 28) == "mimetypeapplication/epub+zip");
  auto container = book.xml("META-INF/container.xml");
  const auto rootfile = container->select_node("//rootfile").node();
  CHECK(std::string(rootfile.attribute("full-path").value()) == "EPUB/package.opf");
  CHECK(std::string(rootfile.attribute("media-type").value()) == "application/oebps-package+xml");
  for (const ZipEntry& e : book.entries) CHECK_FALSE(e.name.find("..") != std::string::npos);
}

TEST_CASE("epub: the package document carries the metadata of the tree", "[epub]") {
  Diagnostics diag("asthma");
  const Book book = write(sample("input/asthma-action-plan.md", diag), diag);
  auto opf = book.xml("EPUB/package.opf");
  const auto package = opf->document_element();
  CHECK(std::string(package.attribute("version").value()) == "3.0");
  CHECK(texts(*opf, "//dc:title") == std::vector<std::string>{"Your Asthma Action Plan",
                                                               "Knowing your zones and what to do in each one"});
  CHECK(texts(*opf, "//dc:language") == std::vector<std::string>{"en-US"});
  // uuid5(NAMESPACE_URL, the source URL), as Python's uuid module computes it.
  CHECK(texts(*opf, "//dc:identifier") ==
        std::vector<std::string>{"urn:uuid:24636169-2168-5a10-9577-137ac7cc69f8"});
  CHECK(std::string(package.attribute("unique-identifier").value()) ==
        opf->select_node("//dc:identifier").node().attribute("id").value());
  CHECK(meta_values(*opf, "dcterms:modified") == std::vector<std::string>{"2026-01-01T00:00:00Z"});
  CHECK(texts(*opf, "//dc:creator") ==
        std::vector<std::string>{"Maya Okafor, RN", "Riverside Community Clinic (sample)"});
  CHECK(texts(*opf, "//dc:date") == std::vector<std::string>{"2026-03-02"});
  CHECK(texts(*opf, "//dc:subject") == std::vector<std::string>{"asthma", "action plan", "peak flow", "inhalers"});
  CHECK(texts(*opf, "//dc:description")[0].rfind("An asthma action plan tells you", 0) == 0);
  CHECK(texts(*opf, "//dc:rights")[0].rfind("© 2026 Riverside Community Clinic", 0) == 0);
  CHECK(texts(*opf, "//dc:source") == std::vector<std::string>{"https://example.org/handouts/asthma-action-plan"});

  // Accessibility: text only, headings and a table of contents, no images.
  CHECK(meta_values(*opf, "schema:accessMode") == std::vector<std::string>{"textual"});
  CHECK(meta_values(*opf, "schema:accessModeSufficient") == std::vector<std::string>{"textual"});
  const auto features = meta_values(*opf, "schema:accessibilityFeature");
  CHECK(contains(features, "structuralNavigation"));
  CHECK(contains(features, "tableOfContents"));
  CHECK_FALSE(contains(features, "alternativeText"));
  CHECK(meta_values(*opf, "schema:accessibilityHazard") == std::vector<std::string>{"none"});
  REQUIRE(meta_values(*opf, "schema:accessibilitySummary").size() == 1);
  CHECK(meta_values(*opf, "dcterms:conformsTo") ==
        std::vector<std::string>{"EPUB Accessibility 1.1 - WCAG 2.1 Level AA"});

  // Every manifest item exists; the spine lists the content in order; the NCX is named.
  std::set<std::string> manifest;
  for (const auto& x : opf->select_nodes("//manifest/item")) {
    const std::string href = x.node().attribute("href").value();
    manifest.insert(x.node().attribute("id").value());
    CHECK(book.files.count("EPUB/" + href) == 1);
  }
  CHECK(std::string(opf->select_node("//spine").node().attribute("toc").value()) == "ncx");
  for (const auto& x : opf->select_nodes("//spine/itemref")) CHECK(manifest.count(x.node().attribute("idref").value()) == 1);
  CHECK(std::string(opf->select_node("//item[@properties='nav']").node().attribute("href").value()) == "nav.xhtml");
}

TEST_CASE("epub: the identifier is stable and derived from the source", "[epub]") {
  Document a = test::markdown("# Title A\n\nText.\n");
  a.source_path = "/somewhere/handout.md";
  Document b = test::markdown("# Title A\n\nOther text, same identity.\n");
  b.source_path = "/elsewhere/handout.md";
  Document c = test::markdown("# Title B\n\nText.\n");
  c.source_path = "/somewhere/handout.md";
  CHECK(epub::book_identifier(a) == epub::book_identifier(b));
  CHECK(epub::book_identifier(a) != epub::book_identifier(c));
  CHECK(epub::book_identifier(a) == "urn:uuid:" + name_based_uuid(kUrlNamespaceUuid, "handout:handout.md:Title A"));
  Document d = test::markdown("---\ntitle: Any\nsource_url: https://example.org/x\n---\nText.\n");
  CHECK(epub::book_identifier(d) == "urn:uuid:" + name_based_uuid(kUrlNamespaceUuid, "https://example.org/x"));
}

TEST_CASE("epub: name-based UUIDs match RFC 4122 version 5", "[epub]") {
  // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
  CHECK(name_based_uuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  CHECK(name_based_uuid(kUrlNamespaceUuid, "https://example.org/handouts/asthma-action-plan") ==
        "24636169-2168-5a10-9577-137ac7cc69f8");
  CHECK_THROWS(name_based_uuid("not-a-uuid", "x"));
}

TEST_CASE("epub: SOURCE_DATE_EPOCH gives byte-identical books and fixes every date", "[epub]") {
  Diagnostics diag("bp");
  const Document doc = sample("input/blood-pressure-medicines.md", diag);
  const Book one = write(doc, diag);
  const Book two = write(doc, diag);
  CHECK(one.bytes == two.bytes);
  // Every local header is dated 2026-01-01 00:00:00 (DOS date and time, little-endian).
  std::size_t headers = 0;
  for (std::size_t at = one.bytes.find("PK\x03\x04"); at != std::string::npos; at = one.bytes.find("PK\x03\x04", at + 4)) {
    ++headers;
    CHECK(one.bytes.substr(at + 10, 4) == std::string("\x00\x00\x21\x5C", 4));
  }
  CHECK(headers == one.entries.size());
  const Book later = write(doc, diag, kEpoch + 86400);
  CHECK(meta_values(*later.xml("EPUB/package.opf"), "dcterms:modified") == std::vector<std::string>{"2026-01-02T00:00:00Z"});
}

TEST_CASE("epub: navigation document and NCX list the sections, nested and in order", "[epub]") {
  Diagnostics diag("asthma");
  const Book book = write(sample("input/asthma-action-plan.md", diag), diag);
  auto nav = book.xml("EPUB/nav.xhtml");
  const auto toc = nav->select_node("//nav[@epub:type='toc']").node();
  REQUIRE(toc);
  CHECK(std::string(toc.attribute("role").value()) == "doc-toc");
  std::vector<std::string> top;
  for (auto li : toc.child("ol").children("li")) top.push_back(text_of(li.child("a")));
  CHECK(top == std::vector<std::string>{"Your Asthma Action Plan", "The three zones", "Common triggers",
                                        "Questions to ask your care team"});
  std::vector<std::string> zones;
  for (const auto& x : toc.select_nodes("ol/li[2]/ol/li/a")) zones.push_back(text_of(x.node()));
  CHECK(zones == std::vector<std::string>{"Green zone: doing well", "Yellow zone: getting worse", "Red zone: medical alert"});
  CHECK(std::string(toc.select_node("ol/li[2]/ol/li[1]/a").node().attribute("href").value()) ==
        "content.xhtml#green-zone-doing-well");

  auto ncx = book.xml("EPUB/toc.ncx");
  auto opf = book.xml("EPUB/package.opf");
  CHECK(std::string(ncx->select_node("//meta[@name='dtb:uid']").node().attribute("content").value()) ==
        texts(*opf, "//dc:identifier")[0]);
  std::vector<std::string> labels, orders;
  for (const auto& x : ncx->select_nodes("//navPoint")) {
    labels.push_back(text_of(x.node().child("navLabel").child("text")));
    orders.push_back(x.node().attribute("playOrder").value());
  }
  CHECK(labels == std::vector<std::string>{"Your Asthma Action Plan", "The three zones", "Green zone: doing well",
                                           "Yellow zone: getting worse", "Red zone: medical alert", "Common triggers",
                                           "Questions to ask your care team"});
  CHECK(orders == std::vector<std::string>{"1", "2", "3", "4", "5", "6", "7"});
  CHECK(std::string(ncx->select_node("//meta[@name='dtb:depth']").node().attribute("content").value()) == "2");
}

TEST_CASE("epub: a relative link to another source keeps its text, with a warning", "[epub]") {
  Diagnostics diag("links.md");
  const Book book = write(test::markdown("# Links\n\nSee the [peak flow meter guide](faq/peak-flow-meter.md).\n", diag), diag);
  auto page = book.xml("EPUB/content.xhtml");
  CHECK(page->select_node("//span[. = 'peak flow meter guide']"));
  CHECK_FALSE(page->select_node("//a[contains(@href, '.md')]"));
  CHECK(test::count_messages(diag, "faq/peak-flow-meter.md") == 1);
}

TEST_CASE("epub: the XHTML keeps the content in order, with headings by depth and call-outs", "[epub]") {
  Diagnostics diag("asthma");
  const Book book = write(sample("input/asthma-action-plan.md", diag), diag);
  REQUIRE(book.files.count("EPUB/content.xhtml") == 1);  // a short handout is one file
  auto page = book.xml("EPUB/content.xhtml");
  std::vector<std::string> headings;
  for (const auto& x : page->select_nodes("//*[self::h1 or self::h2 or self::h3]")) headings.push_back(std::string(x.node().name()) + " " + text_of(x.node()));
  CHECK(headings == std::vector<std::string>{"h1 Your Asthma Action Plan", "h2 The three zones",
                                             "h3 Green zone: doing well", "h3 Yellow zone: getting worse",
                                             "h3 Red zone: medical alert", "h2 Common triggers",
                                             "h2 Questions to ask your care team"});
  CHECK(text_of(page->select_node("//title").node()) == "Your Asthma Action Plan");
  CHECK(text_of(page->select_node("//p[@class='subtitle']").node()) == "Knowing your zones and what to do in each one");
  CHECK(std::string(page->select_node("//p[@class='updated']/time").node().attribute("datetime").value()) == "2026-06-05");
  const auto note = page->select_node("//div[@class='callout note']").node();
  CHECK(std::string(note.attribute("role").value()) == "note");
  CHECK(text_of(note).rfind("Note Sample material.", 0) == 0);
  CHECK(page->select_node("//div[@class='callout warning']//p[contains(., 'Call 911')]"));
  CHECK(page->select_node("//a[@href='https://example.org/handouts/peak-flow-meter'][. = 'peak flow meter guide']"));
  // The colophon: copyright and source.
  CHECK(page->select_node("//footer[@class='colophon']/p/a[@href='https://example.org/handouts/asthma-action-plan']"));
  // Raw text is never markup: the body's text matches the tree's words.
  const std::string body = text_of(page->select_node("//main").node());
  CHECK(body.find("Call 911 (or your local emergency number)") != std::string::npos);
  CHECK(body.find("Cold air and exercise → warm up slowly") != std::string::npos);
}

TEST_CASE("epub: footnotes are EPUB footnotes linked both ways and repeated references link the same note", "[epub]") {
  Diagnostics diag("table-lists-footnotes");
  const Book book = write(sample("tests/readers/markdown/table-lists-footnotes.md", diag), diag);
  auto page = book.xml("EPUB/content.xhtml");
  const auto refs = page->select_nodes("//a[@epub:type='noteref']");
  REQUIRE(refs.size() == 3);  // fn-1, its repeat, fn-2
  std::vector<std::string> hrefs;
  for (const auto& r : refs) {
    CHECK(std::string(r.node().attribute("role").value()) == "doc-noteref");
    hrefs.push_back(r.node().attribute("href").value());
  }
  CHECK(hrefs == std::vector<std::string>{"#fn-1", "#fn-1", "#fn-2"});
  CHECK(text_of(refs[0].node()) == "1");
  CHECK(text_of(refs[2].node()) == "2");
  const auto notes = page->select_nodes("//aside[@epub:type='footnote']");
  REQUIRE(notes.size() == 2);
  for (const auto& n : notes) {
    const std::string id = n.node().attribute("id").value();
    CHECK(std::string(n.node().attribute("role").value()) == "doc-footnote");
    const auto back = n.node().select_node(".//a[@role='doc-backlink']").node();
    REQUIRE(back);
    // The back link leads to the first reference, which leads to this note.
    const std::string target = std::string(back.attribute("href").value()).substr(1);
    const auto ref = page->select_node(("//a[@id='" + target + "']").c_str()).node();
    REQUIRE(ref);
    CHECK(std::string(ref.attribute("href").value()) == "#" + id);
  }
  CHECK(text_of(notes[0].node()) == "1. Holidays differ.");
  CHECK(text_of(notes[1].node()) == "2. A note with two paragraphs. Second paragraph of the note.");
  // The reference sits in the table cell, where the tree put it.
  CHECK(page->select_node("//td/a[@epub:type='noteref']"));
}

TEST_CASE("epub: tables have header scopes, alignment classes and spans", "[epub]") {
  Diagnostics diag("fixture");
  const Book book = write(test::every_construct_document(diag), diag);
  auto page = book.xml("EPUB/chapter-02.xhtml");
  const auto table = page->select_node("//table[caption]").node();
  REQUIRE(table);
  CHECK(text_of(table.child("caption")) == "Clinic hours");
  std::vector<std::string> col;
  for (const auto& x : table.select_nodes("thead/tr/th")) col.push_back(std::string(x.node().attribute("scope").value()) + ":" + x.node().attribute("class").value());
  CHECK(col == std::vector<std::string>{"col:align-left", "col:align-center", "col:align-right"});
  std::vector<std::string> rows;
  for (const auto& x : table.select_nodes("tbody/tr/th")) rows.push_back(std::string(x.node().attribute("scope").value()) + ":" + text_of(x.node()));
  CHECK(rows == std::vector<std::string>{"row:Monday", "row:Saturday", "row:Weekdays"});
  CHECK(std::string(table.select_node("tbody/tr[2]/td").node().attribute("colspan").value()) == "2");
  CHECK(std::string(table.select_node("tbody/tr[3]/th").node().attribute("rowspan").value()) == "2");
  CHECK(table.select_node("tbody/tr[3]/td/ul/li"));
  CHECK_FALSE(page->select_node("//*[@align]"));  // HTML5 has no align attribute
}

TEST_CASE("epub: images are embedded with their alt text, others keep it as text with a warning", "[epub]") {
  Diagnostics diag("fixture");
  const Book book = write(test::every_construct_document(diag), diag);
  auto front = book.xml("EPUB/front.xhtml");
  const auto inline_img = front->select_node("//p/img").node();
  REQUIRE(inline_img);
  CHECK(std::string(inline_img.attribute("alt").value()) == "a blue and white capsule");
  CHECK(std::string(inline_img.attribute("title").value()) == "Capsule");
  const std::string src = inline_img.attribute("src").value();
  REQUIRE(book.files.count("EPUB/" + src) == 1);
  std::ifstream png(test::every_construct_folder() + "/images/capsule.png", std::ios::binary);
  CHECK(book.files.at("EPUB/" + src) == std::string(std::istreambuf_iterator<char>(png), {}));
  // The same file used twice is stored once.
  const auto figure = front->select_node("//figure[img/@alt='The same capsule, as a figure']").node();
  REQUIRE(figure);
  CHECK(std::string(figure.child("img").attribute("src").value()) == src);
  CHECK(text_of(figure.child("figcaption")) == "A capsule (figure caption)");
  CHECK(front->select_node("//figure/img[@alt='A dot' and @src='images/image-02.gif']"));

  std::vector<std::string> missing;
  for (const auto& x : front->select_nodes("//p[@class='image-missing']")) missing.push_back(text_of(x.node()));
  CHECK(missing == std::vector<std::string>{"Image: A chart that is not there", "Image: A picture outside the folder",
                                            "Image: An absolute path"});
  CHECK(test::count_messages(diag, "image 'images/missing.png' is not embedded (not found") == 1);
  CHECK(test::count_messages(diag, "image '../outside.png' is not embedded (it is outside") == 1);
  CHECK(test::count_messages(diag, "image '/etc/passwd' is not embedded (an absolute path") == 1);
  std::size_t images = 0;
  for (const auto& [name, bytes] : book.files) images += name.rfind("EPUB/images/", 0) == 0;
  CHECK(images == 2);

  auto opf = book.xml("EPUB/package.opf");
  CHECK(opf->select_node("//item[@href='images/image-01.png' and @media-type='image/png']"));
  CHECK(opf->select_node("//item[@href='images/image-02.gif' and @media-type='image/gif']"));
  CHECK(meta_values(*opf, "schema:accessMode") == std::vector<std::string>{"textual", "visual"});
  CHECK(meta_values(*opf, "schema:accessModeSufficient") == std::vector<std::string>{"textual", "textual,visual"});
  CHECK(contains(meta_values(*opf, "schema:accessibilityFeature"), "alternativeText"));
  CHECK(meta_values(*opf, "schema:accessibilityHazard") == std::vector<std::string>{"unknown"});  // a GIF may flash
  // One table has no header cells: no conformance claim.
  CHECK(meta_values(*opf, "dcterms:conformsTo").empty());
}

TEST_CASE("epub: an image without alt text is decorative and rules out alternativeText", "[epub]") {
  Diagnostics diag("noalt");
  Document doc = test::markdown("# Pills\n\n![](images/capsule.png)\n\nText.\n", diag);
  doc.source_path = test::every_construct_folder() + "/noalt.md";
  const Book book = write(doc, diag);
  auto page = book.xml("EPUB/content.xhtml");
  const auto img = page->select_node("//img").node();
  REQUIRE(img);
  CHECK(img.attribute("alt"));
  CHECK(std::string(img.attribute("alt").value()).empty());
  auto opf = book.xml("EPUB/package.opf");
  CHECK_FALSE(contains(meta_values(*opf, "schema:accessibilityFeature"), "alternativeText"));
  CHECK(meta_values(*opf, "schema:accessModeSufficient") == std::vector<std::string>{"textual,visual"});
  CHECK(meta_values(*opf, "dcterms:conformsTo").empty());
  CHECK(meta_values(*opf, "schema:accessibilitySummary")[0].find("1 image has no text alternative") != std::string::npos);
}

TEST_CASE("epub: image files are only read from inside the source's folder", "[epub]") {
  const fs::path root = fs::temp_directory_path() / ("handout-epub-images-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "doc" / "img");
  fs::create_directories(root / "secret");
  const std::string png = "\x89PNG\r\n\x1a\nrest";
  std::ofstream(root / "doc" / "img" / "ok.png", std::ios::binary) << png;
  std::ofstream(root / "doc" / "img" / "notes.txt", std::ios::binary) << "not an image";
  std::ofstream(root / "secret" / "s.png", std::ios::binary) << png;
  fs::create_symlink(root / "secret" / "s.png", root / "doc" / "img" / "link.png");
  fs::create_directory_symlink(root / "secret", root / "doc" / "dirlink");
  fs::create_symlink(root / "doc" / "img" / "ok.png", root / "doc" / "inside-link.png");
  const fs::path source = root / "doc" / "handout.md";

  const ImageLookup ok = find_source_image(source, "img/ok.png");
  REQUIRE(ok.image);
  CHECK(ok.image->media_type == "image/png");
  CHECK(ok.image->bytes == png);
  CHECK(find_source_image(source, "img/ok.png?v=2#frag").image);
  CHECK(find_source_image(source, "img%2Fok.png").image);
  CHECK(find_source_image(source, "inside-link.png").image);  // a link that stays inside is fine
  CHECK(find_source_image(source, "img\\ok.png").image);
  // Issue 23, finding 9: a tiny file costs what it holds, not the limit (2^50 bytes cannot be
  // allocated: reading the limit's worth would throw std::bad_alloc).
  const ImageLookup huge_limit = find_source_image(source, "img/ok.png", std::uintmax_t{1} << 50);
  REQUIRE(huge_limit.image);
  CHECK(huge_limit.image->bytes == png);
  CHECK(huge_limit.image->bytes.capacity() < 4096);
  CHECK(find_source_image(source, "img/ok.png", 5).problem == "larger than 5 bytes");

  CHECK(find_source_image(source, "../secret/s.png").problem == "it is outside the source's folder");
  CHECK(find_source_image(source, "img/../../secret/s.png").problem == "it is outside the source's folder");
  CHECK(find_source_image(source, "img/%2E%2E/%2E%2E/secret/s.png").problem == "it is outside the source's folder");
  CHECK(find_source_image(source, (root / "secret" / "s.png").string()).problem.find("absolute path") != std::string::npos);
  CHECK(find_source_image(source, "img/link.png").problem.find("outside the source's folder (through a link)") != std::string::npos);
  CHECK(find_source_image(source, "dirlink/s.png").problem.find("through a link") != std::string::npos);
  CHECK(find_source_image(source, "file:///etc/passwd").problem.find("only files") != std::string::npos);
  CHECK(find_source_image(source, "https://example.org/x.png").problem.find("only files") != std::string::npos);
  CHECK(find_source_image(source, "img/none.png").problem == "not found in the source's folder");
  CHECK(find_source_image(source, "img").problem == "not a regular file");
  CHECK(find_source_image(source, "img/notes.txt").problem == "not a PNG, JPEG or GIF image");
  CHECK(find_source_image(source, "img/ok%00.png").problem.find("NUL") != std::string::npos);
  CHECK(find_source_image("", "img/ok.png").problem == "the source's folder is not known");
  fs::remove_all(root);
}

TEST_CASE("epub: raw HTML stays text and is never markup", "[epub]") {
  Diagnostics diag("fixture");
  const Book book = write(test::every_construct_document(diag), diag);
  auto front = book.xml("EPUB/front.xhtml");
  CHECK_FALSE(front->select_node("//script"));
  CHECK_FALSE(front->select_node("//*[@onclick]"));
  CHECK(text_of(front->select_node("//span[@class='raw-html']").node()) == "<script>alert('x')</script>");
  CHECK(text_of(front->select_node("//pre[@class='raw-html']").node()) == "<div onclick=\"steal()\">raw block</div>");
  CHECK(book.files.at("EPUB/front.xhtml").find("&lt;script&gt;") != std::string::npos);
  Diagnostics d2("inline");
  auto inline_page = write(sample("tests/readers/markdown/inline.md", d2), d2).xml("EPUB/content.xhtml");
  CHECK_FALSE(inline_page->select_node("//main//span[@class='x']"));
  CHECK(inline_page->select_node("//span[@class='raw-html' and . = '<span class=\"x\">']"));
}

TEST_CASE("epub: every XHTML file says its language", "[epub]") {
  Diagnostics diag("fixture");
  const Book book = write(test::every_construct_document(diag), diag);
  std::size_t pages = 0;
  for (const auto& [name, bytes] : book.files) {
    if (!name.ends_with(".xhtml")) continue;
    ++pages;
    auto page = book.xml(name);
    const auto html = page->document_element();
    INFO(name);
    CHECK(std::string(html.attribute("lang").value()) == "en-GB");
    CHECK(std::string(html.attribute("xml:lang").value()) == "en-GB");
    CHECK_FALSE(text_of(html.child("head").child("title")).empty());
  }
  CHECK(pages == 6);  // nav, front, four chapters

  Diagnostics es_diag("es");
  const Book spanish = write(sample("tests/readers/markdown/front-matter-rich.md", es_diag), es_diag);
  auto page = spanish.xml("EPUB/content.xhtml");
  CHECK(std::string(page->document_element().attribute("lang").value()) == "es");
  // Label and date in the document's language (styles/messages.yaml, CLDR's long date).
  CHECK(text_of(page->select_node("//p[@class='updated']").node()) == "Actualizado el 1 de octubre de 2026");
  CHECK(std::string(page->select_node("//p[@class='updated']/time").node().attribute("datetime").value()) == "2026-10-01");
  auto opf = spanish.xml("EPUB/package.opf");
  CHECK(std::string(opf->select_node("//meta[@property='schema:accessibilitySummary']").node().attribute("xml:lang").value()) == "en");
}

TEST_CASE("epub: a long document is split into one file per top-level section", "[epub]") {
  Diagnostics diag("fixture");
  const Book book = write(test::every_construct_document(diag), diag);
  const std::vector<std::string> spine = spine_of(book);
  CHECK(spine == std::vector<std::string>{"front.xhtml", "chapter-01.xhtml", "chapter-02.xhtml", "chapter-03.xhtml",
                                          "chapter-04.xhtml"});
  // Each chapter's section title is its <h1>; subsections follow in order.
  auto two = book.xml("EPUB/chapter-02.xhtml");
  std::vector<std::string> headings;
  for (const auto& x : two->select_nodes("//*[self::h1 or self::h2 or self::h3]")) headings.push_back(std::string(x.node().name()) + " " + text_of(x.node()));
  CHECK(headings == std::vector<std::string>{"h1 Section two", "h2 Subsection of two", "h3 Sub-subsection of two"});
  CHECK(text_of(two->select_node("//title").node()) == "Section two");
  // A reference to a note in another file links across files; the file's own notes are at its end.
  CHECK(two->select_node("//a[@epub:type='noteref' and @href='front.xhtml#fn-1']"));
  CHECK(two->select_node("//a[@epub:type='noteref' and @href='#fn-2']"));
  CHECK(two->select_node("//main/div[@class='footnotes']/aside[@id='fn-2']"));
  // Links into other files, to sections and to any element with an id.
  auto front = book.xml("EPUB/front.xhtml");
  CHECK(two->select_node("//a[@href='front.xhtml#para-target' and . = 'a paragraph of the front']"));
  CHECK(front->select_node("//p[@id='para-target']"));
  CHECK(front->select_node("//a[@href='chapter-02.xhtml#section-two' and . = 'a link to section two']"));
  CHECK(front->select_node("//a[@href='chapter-01.xhtml#section-one' and . = 'a fragment link']"));
  // The navigation points at the files.
  auto nav = book.xml("EPUB/nav.xhtml");
  std::vector<std::string> top;
  for (const auto& x : nav->select_nodes("//nav[@epub:type='toc']/ol/li/a")) top.push_back(x.node().attribute("href").value());
  CHECK(top == std::vector<std::string>{"front.xhtml", "chapter-01.xhtml", "chapter-02.xhtml", "chapter-03.xhtml",
                                        "chapter-04.xhtml"});
  CHECK(nav->select_node("//li/a[@href='chapter-03.xhtml#sub-subsection-of-three']"));

  // The same document under the threshold stays one file.
  Diagnostics d2("fixture");
  epub::RenderOptions options;
  options.split_threshold = 1000000;
  const epub::BookContent single = epub::render_content(test::every_construct_document(d2), options, d2);
  REQUIRE(single.files.size() == 1);
  CHECK(single.files[0].name == "content.xhtml");
}

TEST_CASE("epub: short top-level sections share a file until it holds a few screens of text", "[epub]") {
  // A FAQ: 30 questions of about 500 bytes each. One file per question would start each
  // answer on a page of its own in a reading system.
  std::string md = "# Questions (sample)\n\nAnswers to common questions.\n\n";
  for (int q = 1; q <= 30; ++q) {
    md += "## Question " + std::to_string(q) + "?\n\n";
    for (int s = 0; s < 9; ++s) md += "Each answer is a short paragraph of plain words. ";
    md += "\n\n";
  }
  Diagnostics diag("faq.md");
  const Book book = write(test::markdown(md), diag);
  const std::vector<std::string> spine = spine_of(book);
  REQUIRE(spine.size() >= 3);
  CHECK(spine.size() < 12);
  CHECK(spine.front() == "front.xhtml");
  // Every question once, in order; each file but the last holds at least kMinPartBytes of text.
  std::vector<std::string> questions;
  for (std::size_t i = 1; i < spine.size(); ++i) {
    auto page = book.xml("EPUB/" + spine[i]);
    std::size_t text = 0;
    for (const auto& x : page->select_nodes("//main//h1 | //main//p")) text += text_of(x.node()).size();
    for (const auto& x : page->select_nodes("//main//h1")) questions.push_back(text_of(x.node()));
    INFO(spine[i]);
    if (i + 1 < spine.size()) CHECK(text >= epub::kMinPartBytes);
    CHECK(text < 2 * epub::kMinPartBytes);
  }
  REQUIRE(questions.size() == 30);
  for (int q = 1; q <= 30; ++q) CHECK(questions[static_cast<std::size_t>(q - 1)] == "Question " + std::to_string(q) + "?");
  // The table of contents has every question; each link names a file and, past a file's first
  // question, the id of the question's section in that file.
  auto nav = book.xml("EPUB/nav.xhtml");
  const auto links = nav->select_nodes("//nav[@epub:type='toc']/ol/li/a");
  REQUIRE(links.size() == 31);  // the title page, then the questions
  for (std::size_t i = 1; i < links.size(); ++i) {
    const std::string href = links[i].node().attribute("href").value();
    const std::size_t hash = href.find('#');
    auto page = book.xml("EPUB/" + href.substr(0, hash));
    INFO(href);
    if (hash == std::string::npos) {
      CHECK(text_of(page->select_node("//main/section[1]/h1").node()) == text_of(links[i].node()));
    } else {
      CHECK(text_of(page->select_node(("//section[@id='" + href.substr(hash + 1) + "']/h1").c_str()).node()) ==
            text_of(links[i].node()));
    }
  }
}

TEST_CASE("epub: every construct of the tree has its XHTML", "[epub]") {
  Diagnostics diag("fixture");
  const Book book = write(test::every_construct_document(diag), diag);
  auto front = book.xml("EPUB/front.xhtml");
  for (const char* xpath : {"//em[.='emphasis']", "//strong[.='strong']", "//s[.='struck']", "//sub[.='2']",
                            "//sup[.='2']", "//a[@href='https://example.org/page' and @title='Link title']",
                            "//code[.='code & <tags>']", "//p/br", "//hr", "//blockquote/blockquote/p",
                            "//pre[@class='code']/code[@class='language-cpp']", "//p[@class='literal']",
                            "//div[@class='callout tip']/p[@class='callout-title' and .='Tip: Tip title']",
                            "//div[@class='callout important']", "//div[@class='callout caution']",
                            "//ul[@class='key-points']/li", "//ol[@start='3']/li/ul/li/h2[@class='bridgehead']",
                            "//ul[@class='tasks']/li[@class='task-done']/p/span[@role='img' and @aria-label='Done']",
                            "//li[@class='task-todo']/p/span[@aria-label='To do']", "//dl/dt[.='Inhaler']",
                            "//dl/dd/p", "//span[@class='drug-name']", "//span[.='a relative link']",
                            "//header/p[@class='authors' and .='By Ada Example, RN; Test Clinic (sample)']",
                            "//div[@class='summary']/p[2]"}) {
    INFO(xpath);
    CHECK(front->select_node(xpath));
  }
  auto questions = book.xml("EPUB/chapter-04.xhtml");
  CHECK(questions->select_node("//section[@class='questions']/h1"));
  CHECK(questions->select_node("//footer[@class='colophon']/p[.='© 2026 Test Clinic (sample). Shared under CC BY 4.0.']"));
}

TEST_CASE("epub: the stylesheet comes from styles/ and is in the book", "[epub]") {
  WriterOptions options;
  CHECK(epub::stylesheet_path(options).filename() == "epub.css");
  CHECK(fs::exists(epub::stylesheet_path(options)));
  // A style asked for that does not exist is an error, as for the PDF (issue 23, finding 12).
  options.style = "no-such-style";
  CHECK_THROWS_WITH(epub::stylesheet_path(options), Catch::Matchers::Contains("no style 'no-such-style'"));
  options.style = "../../etc/passwd";
  CHECK_THROWS_WITH(epub::stylesheet_path(options), Catch::Matchers::Contains("no style"));
  const fs::path custom = fs::temp_directory_path() / ("handout-custom-" + std::to_string(::getpid()) + ".css");
  std::ofstream(custom) << "body { color: black; }\n";
  options.style = custom.string();
  CHECK(epub::stylesheet_path(options) == custom);
  Diagnostics diag("x");
  options.source_date_epoch = kEpoch;
  const Book styled(write_epub(test::markdown("# T\n\nText.\n"), options, diag).bytes);
  CHECK(styled.files.at("EPUB/style.css") == "body { color: black; }\n");
  fs::remove(custom);
  auto page = styled.xml("EPUB/content.xhtml");
  CHECK(page->select_node("//head/link[@rel='stylesheet' and @href='style.css']"));
}

TEST_CASE("epub: the writer is registered for --to epub and .epub", "[epub]") {
  REQUIRE(find_writer("epub"));
  CHECK(find_writer("epub")->extension == ".epub");
  CHECK(writer_for_path("out/book.epub") == find_writer("epub"));
}

TEST_CASE("epub: a document with no title or sections still makes a valid book", "[epub]") {
  Document doc;  // empty title, no body
  doc.source_path = "/tmp/empty-notes.md";
  Diagnostics diag("empty");
  const Book book = write(doc, diag);
  auto opf = book.xml("EPUB/package.opf");
  CHECK(texts(*opf, "//dc:title") == std::vector<std::string>{"empty-notes"});
  CHECK(test::count_messages(diag, "no title") == 1);
  auto nav = book.xml("EPUB/nav.xhtml");
  CHECK(nav->select_nodes("//nav[@epub:type='toc']//a").size() == 1);
  const auto features = meta_values(*opf, "schema:accessibilityFeature");
  CHECK_FALSE(contains(features, "tableOfContents"));
}

TEST_CASE("epub: a right-to-left book and words in the document's language", "[epub]") {
  Diagnostics diag("ar.md");
  const Document doc = test::markdown(
      "---\ntitle: الحمى\nlang: ar\nupdated: 2026-02-24\n---\n\n"
      "اشرب الماء بكثرة.\n\n**تحذير:** لا تتجاوز الجرعة.\n\nTake paracetamol 500 mg with water.\n");
  const Book book = write(doc, diag);
  auto page = book.xml("EPUB/content.xhtml");
  const auto html = page->document_element();
  CHECK(std::string(html.attribute("dir").value()) == "rtl");
  CHECK(std::string(html.attribute("lang").value()) == "ar");
  // The updated line and the call-out label in Arabic; the date as CLDR writes it in Arabic.
  CHECK(text_of(page->select_node("//p[@class='updated']").node()) == "تاريخ التحديث: ٢٤ فبراير ٢٠٢٦");
  CHECK(text_of(page->select_node("//p[@class='callout-title']").node()).rfind("تحذير", 0) == 0);
  // The English sentence is a left-to-right block inside the right-to-left page.
  CHECK(std::string(page->select_node("//p[starts-with(., 'Take')]").node().attribute("dir").value()) == "ltr");
  auto nav = book.xml("EPUB/nav.xhtml");
  CHECK(text_of(nav->select_node("//h1").node()) == "المحتويات");
  auto opf = book.xml("EPUB/package.opf");
  CHECK(std::string(opf->select_node("//spine").node().attribute("page-progression-direction").value()) == "rtl");
  const std::string css = book.files.at("EPUB/style.css");
  CHECK(css.find("text-align: left") == std::string::npos);
  CHECK(css.find("text-align: right") == std::string::npos);
}

TEST_CASE("epub: images are decoded and checked as for PDF: bombs and damaged files are left out (issue 23, finding 9)", "[epub][issue23]") {
  const fs::path root = fs::temp_directory_path() / ("handout-epub-bombs-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root);
  fs::copy_file(test::every_construct_folder() + "/images/capsule.png", root / "good.png");
  std::ofstream(root / "damaged.png", std::ios::binary) << std::string("\x89PNG\r\n\x1a\nnot really a PNG", 24);
  std::ofstream(root / "damaged.jpg", std::ios::binary) << std::string("\xFF\xD8\xFF\xE0 and then nothing", 20);
  // A GIF whose screen claims 65535 x 65535 pixels (4.3 billion).
  std::ofstream(root / "bomb.gif", std::ios::binary) << std::string("GIF89a\xFF\xFF\xFF\xFF\x80\x00\x00", 13);
  Diagnostics diag("bombs");
  Document doc = test::markdown(
      "# Images\n\n![Good](good.png)\n\n![Damaged](damaged.png)\n\n![Damaged photo](damaged.jpg)\n\n![Bomb](bomb.gif)\n", diag);
  doc.source_path = (root / "bombs.md").string();
  WriterOptions options;
  options.source_date_epoch = kEpoch;
  const Book book = Book(write_epub(doc, options, diag).bytes);
  std::size_t images = 0;
  for (const auto& [name, bytes] : book.files) images += name.rfind("EPUB/images/", 0) == 0;
  CHECK(images == 1);
  CHECK(test::count_messages(diag, "image 'damaged.png' is not embedded") == 1);
  CHECK(test::count_messages(diag, "image 'damaged.jpg' is not embedded") == 1);
  CHECK(test::count_messages(diag, "image 'bomb.gif' is not embedded (more than 40000000 pixels)") == 1);
  auto page = book.xml("EPUB/content.xhtml");
  CHECK(page->select_node("//img[@alt='Good']"));
  CHECK(texts(*page, "//p[@class='image-missing']") ==
        std::vector<std::string>{"Image: Damaged", "Image: Damaged photo", "Image: Bomb"});

  // A PNG with more pixels than the limit (the PDF writer's max_image_pixels) is left out too.
  Diagnostics strict("bombs");
  WriterOptions small = options;
  small.max_image_pixels = 100;
  const Book none = Book(write_epub(doc, small, strict).bytes);
  for (const auto& [name, bytes] : none.files) CHECK(name.rfind("EPUB/images/", 0) != 0);
  CHECK(test::count_messages(strict, "image 'good.png' is not embedded") == 1);
  fs::remove_all(root);
}
