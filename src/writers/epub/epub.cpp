// EPUB 3 writer: the package around the content (epub_content.cpp): the OCF container, the
// package document with Dublin Core and EPUB Accessibility 1.1 metadata, the NCX for older
// reading systems, the style's CSS, and the ZIP archive with `mimetype` first and stored.
#include "writers/epub/epub.hpp"

#include "layout/style.hpp"

#include "model/metadata.hpp"
#include "model/resources.hpp"
#include "text/language_tag.hpp"
#include "text/text.hpp"
#include "writers/epub/name_uuid.hpp"
#include "writers/writer.hpp"
#include "writers/epub/zip_archive.hpp"

#include <pugixml.hpp>

#include <chrono>
#include <ctime>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace handout {

namespace epub {

namespace fs = std::filesystem;

std::string book_identifier(const Document& doc) {
  const Metadata meta = read_metadata(doc);
  const std::string name = !meta.source_url.empty()
                               ? meta.source_url
                               : "handout:" + fs::path(doc.source_path).filename().string() + ":" + doc.title();
  return "urn:uuid:" + name_based_uuid(kUrlNamespaceUuid, name);
}

fs::path stylesheet_path(const WriterOptions& options) {
  const std::string& style = options.style;
  std::error_code ec;
  if (style.size() > 4 && style.ends_with(".css") && fs::is_regular_file(style, ec)) return style;
  if (!style.empty() && style.find_first_of("/\\") == std::string::npos && style.find("..") == std::string::npos) {
    const fs::path shipped = shipped_file(style + ".epub.css");
    if (fs::is_regular_file(shipped, ec)) return shipped;
  }
  // A YAML style names its CSS with `epub-css:` (inherited through `extends:`). A style asked
  // for that does not load is an error here as for the PDF writers (its SourceError names the
  // style file); without --style a broken default falls back to the shipped CSS.
  try {
    Diagnostics ignored(style);
    const Style loaded = load_style(style.empty() ? "default" : style, ignored);
    if (!loaded.epub_css.empty() && fs::is_regular_file(loaded.epub_css, ec)) return loaded.epub_css;
  } catch (const std::exception&) {
    if (!style.empty()) throw;
  }
  return shipped_file("epub.css");
}

namespace {

constexpr const char* kOpfNamespace = "http://www.idpf.org/2007/opf";
constexpr const char* kDcNamespace = "http://purl.org/dc/elements/1.1/";
constexpr const char* kNcxNamespace = "http://www.daisy.org/z3986/2005/ncx/";
constexpr const char* kContainerNamespace = "urn:oasis:names:tc:opendocument:xmlns:container";
constexpr const char* kPackagePath = "EPUB/package.opf";

void set_attr(pugi::xml_node n, const char* name, std::string_view value) {
  n.append_attribute(name).set_value(std::string(value).c_str());
}

pugi::xml_node add(pugi::xml_node parent, const char* name, std::string_view value) {
  pugi::xml_node n = parent.append_child(name);
  const std::string v = text::xml_safe(value);
  n.append_child(pugi::node_pcdata).set_value(v.c_str());
  return n;
}

struct XmlStringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

std::string to_xml(pugi::xml_document& doc) {
  pugi::xml_node declaration = doc.prepend_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  XmlStringWriter w;
  doc.save(w, "  ", pugi::format_indent, pugi::encoding_utf8);
  return w.out;
}

/// Returns t as "CCYY-MM-DDThh:mm:ssZ" (UTC), the form dcterms:modified requires.
std::string utc_timestamp(std::int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

/// True for the W3CDTF forms dc:date accepts: YYYY, YYYY-MM, YYYY-MM-DD, and a date-time with a zone.
bool is_w3cdtf(std::string_view s) {
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t i = at; i < at + n; ++i)
      if (s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  if (!digits(0, 4)) return false;
  if (s.size() == 4) return true;
  if (s.size() == 7) return s[4] == '-' && digits(5, 2);
  if (s.size() == 10) return s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
  return s.size() >= 17 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && digits(11, 2) && s[13] == ':' &&
         digits(14, 2) && (s.back() == 'Z' || s[s.size() - 3] == ':');
}

/// The accessibility metadata, derived from what the content holds.
struct Accessibility {
  std::vector<std::string> modes;
  std::vector<std::string> sufficient;
  std::vector<std::string> features;
  std::vector<std::string> hazards;
  std::string summary;
  bool conforms = false;  ///< meets EPUB Accessibility 1.1 - WCAG 2.1 Level AA by our checks
};

std::string plural(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

/// The accessibility summary in words: what the book offers, then whether it conforms or what
/// it lacks (shortfalls).
std::string accessibility_summary(const ContentFacts& f, bool conforms, const std::vector<std::string>& shortfalls) {
  const bool all_alt = f.images_without_alt == 0;
  std::string s = "This publication is reflowable text in a logical reading order that can be resized and restyled.";
  if (f.sections > 0) s += " Headings and a table of contents give structural navigation.";
  if (f.images_embedded > 0 && all_alt) s += " Every image has a text alternative.";
  const int missing = f.images - f.images_embedded;
  if (missing > 0 && f.images_without_alt < f.images)
    s += " " + plural(missing, "image was", "images were") + " not included; their descriptions are given as text.";
  if (f.footnotes > 0) s += " Footnotes are linked both ways.";
  s += f.gifs > 0 ? " It has GIF images, which may animate; they were not checked for flashing."
                  : " It has no known hazards: no flashing content, sound or motion.";
  if (conforms) {
    s += " It meets EPUB Accessibility 1.1 and WCAG 2.1 Level AA as far as the automated checks of the "
         "handout converter can tell.";
  } else {
    s += " It does not meet WCAG 2.1 Level AA:";
    for (std::size_t i = 0; i < shortfalls.size(); ++i) s += (i == 0 ? " " : "; ") + shortfalls[i];
    s += ".";
  }
  return s;
}

Accessibility describe_accessibility(const ContentFacts& f) {
  Accessibility a;
  const bool all_alt = f.images_without_alt == 0;
  a.modes.push_back("textual");
  if (f.images_embedded > 0) a.modes.push_back("visual");
  if (f.images_embedded == 0 || all_alt) a.sufficient.push_back("textual");
  if (f.images_embedded > 0) a.sufficient.push_back("textual,visual");
  if (f.sections > 0) {
    a.features.push_back("structuralNavigation");
    a.features.push_back("tableOfContents");
  }
  if (f.images_embedded > 0 && all_alt) a.features.push_back("alternativeText");
  a.features.push_back("readingOrder");
  a.features.push_back("displayTransformability");
  a.hazards.push_back(f.gifs > 0 ? "unknown" : "none");

  std::vector<std::string> shortfalls;
  if (!all_alt) shortfalls.push_back(plural(f.images_without_alt, "image has", "images have") + " no text alternative");
  if (f.untitled_sections > 0) shortfalls.push_back(plural(f.untitled_sections, "section has", "sections have") + " no heading");
  if (f.tables_without_headers > 0)
    shortfalls.push_back(plural(f.tables_without_headers, "table has", "tables have") + " no header cells");
  a.conforms = shortfalls.empty();

  a.summary = accessibility_summary(f, a.conforms, shortfalls);
  return a;
}

/// The package's metadata element: Dublin Core fields of the document and the book.
pugi::xml_node add_dc_metadata(pugi::xml_node package, const Metadata& meta, const BookContent& book,
                               const std::string& identifier, const std::string& modified) {
  pugi::xml_node m = package.append_child("metadata");
  set_attr(m, "xmlns:dc", kDcNamespace);
  set_attr(add(m, "dc:identifier", identifier), "id", "book-id");
  set_attr(add(m, "dc:title", book.title), "id", "title");
  auto refine = [&](const std::string& id, const char* property, std::string_view value, const char* scheme = nullptr) {
    pugi::xml_node meta_el = add(m, "meta", value);
    set_attr(meta_el, "refines", "#" + id);
    set_attr(meta_el, "property", property);
    if (scheme != nullptr) set_attr(meta_el, "scheme", scheme);
  };
  refine("title", "title-type", "main");
  if (!meta.subtitle.empty()) {
    set_attr(add(m, "dc:title", meta.subtitle), "id", "subtitle");
    refine("subtitle", "title-type", "subtitle");
  }
  add(m, "dc:language", book.language);
  int n = 0;
  for (const Person& person : meta.authors) {
    if (person.name.empty()) continue;
    const std::string id = "creator-" + std::to_string(++n);
    set_attr(add(m, "dc:creator", person.name), "id", id);
    refine(id, "role", "aut", "marc:relators");
  }
  if (is_w3cdtf(meta.published)) add(m, "dc:date", meta.published);
  if (!meta.summary.empty()) add(m, "dc:description", text::collapse_whitespace(meta.summary));
  for (const std::string& keyword : meta.keywords)
    if (!keyword.empty()) add(m, "dc:subject", keyword);
  if (!meta.legal.empty()) {
    std::string rights;
    for (const std::string& line : meta.legal) rights += (rights.empty() ? "" : " ") + line;
    add(m, "dc:rights", rights);
  }
  if (!meta.source_url.empty()) add(m, "dc:source", meta.source_url);
  set_attr(add(m, "meta", modified), "property", "dcterms:modified");

  return m;
}

/// The accessibility metadata (schema.org properties, conformance) of the book.
void add_accessibility_metadata(pugi::xml_node m, const BookContent& book) {
  const Accessibility a11y = describe_accessibility(book.facts);
  auto property = [&](const char* name, std::string_view value) {
    pugi::xml_node el = add(m, "meta", value);
    set_attr(el, "property", name);
    return el;
  };
  for (const std::string& v : a11y.modes) property("schema:accessMode", v);
  for (const std::string& v : a11y.sufficient) property("schema:accessModeSufficient", v);
  for (const std::string& v : a11y.features) property("schema:accessibilityFeature", v);
  for (const std::string& v : a11y.hazards) property("schema:accessibilityHazard", v);
  pugi::xml_node summary = property("schema:accessibilitySummary", a11y.summary);
  if (book.language.rfind("en", 0) != 0) set_attr(summary, "xml:lang", "en");
  if (a11y.conforms) property("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");

}

/// The manifest (navigation, NCX, stylesheet, content files, images) and the spine.
void add_manifest_and_spine(pugi::xml_node package, const BookContent& book) {
  pugi::xml_node manifest = package.append_child("manifest");
  auto item = [&](const std::string& id, const std::string& href, const char* type, const char* properties = nullptr) {
    pugi::xml_node el = manifest.append_child("item");
    set_attr(el, "id", id);
    set_attr(el, "href", href);
    set_attr(el, "media-type", type);
    if (properties != nullptr) set_attr(el, "properties", properties);
  };
  item("nav", book.navigation.name, "application/xhtml+xml", "nav");
  item("ncx", "toc.ncx", "application/x-dtbncx+xml");
  item("css", "style.css", "text/css");
  for (std::size_t i = 0; i < book.files.size(); ++i)
    item("content-" + std::to_string(i + 1), book.files[i].name, "application/xhtml+xml");
  for (std::size_t i = 0; i < book.images.size(); ++i)
    item("image-" + std::to_string(i + 1), book.images[i].name, book.images[i].media_type.c_str());

  pugi::xml_node spine = package.append_child("spine");
  set_attr(spine, "toc", "ncx");
  if (language_tag::is_right_to_left(book.language)) set_attr(spine, "page-progression-direction", "rtl");
  for (std::size_t i = 0; i < book.files.size(); ++i)
    set_attr(spine.append_child("itemref"), "idref", "content-" + std::to_string(i + 1));
}

std::string package_document(const Document& doc, const BookContent& book, const std::string& identifier,
                             const std::string& modified) {
  const Metadata meta = read_metadata(doc);
  pugi::xml_document opf;
  pugi::xml_node package = opf.append_child("package");
  set_attr(package, "xmlns", kOpfNamespace);
  set_attr(package, "version", "3.0");
  set_attr(package, "unique-identifier", "book-id");
  set_attr(package, "xml:lang", book.language);
  add_accessibility_metadata(add_dc_metadata(package, meta, book, identifier, modified), book);
  add_manifest_and_spine(package, book);
  return to_xml(opf);
}

int nav_depth(const std::vector<NavPoint>& points) {
  int depth = 0;
  for (const NavPoint& p : points) depth = std::max(depth, 1 + nav_depth(p.children));
  return depth;
}

void append_nav_points(pugi::xml_node parent, const std::vector<NavPoint>& points, int& order) {
  for (const NavPoint& point : points) {
    pugi::xml_node np = parent.append_child("navPoint");
    ++order;
    set_attr(np, "id", "nav-" + std::to_string(order));
    set_attr(np, "playOrder", std::to_string(order));
    add(np.append_child("navLabel"), "text", point.label);
    set_attr(np.append_child("content"), "src", point.href);
    append_nav_points(np, point.children, order);
  }
}

std::string ncx_document(const BookContent& book, const std::string& identifier) {
  pugi::xml_document ncx;
  pugi::xml_node root = ncx.append_child("ncx");
  set_attr(root, "xmlns", kNcxNamespace);
  set_attr(root, "version", "2005-1");
  set_attr(root, "xml:lang", book.language);
  pugi::xml_node head = root.append_child("head");
  auto meta = [&](const char* name, const std::string& content) {
    pugi::xml_node el = head.append_child("meta");
    set_attr(el, "name", name);
    set_attr(el, "content", content);
  };
  meta("dtb:uid", identifier);
  meta("dtb:depth", std::to_string(nav_depth(book.toc)));
  meta("dtb:totalPageCount", "0");
  meta("dtb:maxPageNumber", "0");
  add(root.append_child("docTitle"), "text", book.title);
  int order = 0;
  append_nav_points(root.append_child("navMap"), book.toc, order);
  return to_xml(ncx);
}

std::string container_document() {
  pugi::xml_document doc;
  pugi::xml_node container = doc.append_child("container");
  set_attr(container, "version", "1.0");
  set_attr(container, "xmlns", kContainerNamespace);
  pugi::xml_node rootfile = container.append_child("rootfiles").append_child("rootfile");
  set_attr(rootfile, "full-path", kPackagePath);
  set_attr(rootfile, "media-type", "application/oebps-package+xml");
  return to_xml(doc);
}

/// The largest EPUB stylesheet read: a style's CSS is a few KiB; more is a mistake or an attack.
constexpr std::uintmax_t kMaxStylesheetBytes = std::uintmax_t{1} << 20;

std::string read_stylesheet(const WriterOptions& options) {
  const fs::path path = stylesheet_path(options);
  std::error_code ec;
  if (const std::uintmax_t size = fs::file_size(path, ec); !ec && size > kMaxStylesheetBytes)
    throw std::runtime_error("the EPUB stylesheet " + path.string() + " is " + std::to_string(size) +
                             " bytes, over the limit of 1 MiB");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the EPUB stylesheet " + path.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

}  // namespace epub

Output write_epub(const Document& doc, const WriterOptions& options, Diagnostics& diag) {
  const std::int64_t now = options.source_date_epoch.value_or(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  epub::RenderOptions render;
  render.max_image_bytes = options.max_image_bytes;
  render.max_image_pixels = options.max_image_pixels;
  epub::BookContent book = epub::render_content(doc, render, diag);
  const std::string identifier = epub::book_identifier(doc);

  ZipWriter zip(now);
  zip.add("mimetype", "application/epub+zip", ZipMethod::store);
  zip.add("META-INF/container.xml", epub::container_document());
  zip.add(epub::kPackagePath, epub::package_document(doc, book, identifier, epub::utc_timestamp(now)));
  zip.add("EPUB/" + book.navigation.name, std::move(book.navigation.xhtml));
  zip.add("EPUB/toc.ncx", epub::ncx_document(book, identifier));
  zip.add("EPUB/style.css", epub::read_stylesheet(options));
  for (epub::ContentFile& file : book.files) zip.add("EPUB/" + file.name, std::move(file.xhtml));
  // Images are compressed already: stored as they are.
  for (epub::BookImage& image : book.images) zip.add("EPUB/" + image.name, std::move(image.bytes), ZipMethod::store);
  Output out;
  out.bytes = zip.finish();
  return out;
}

}  // namespace handout
