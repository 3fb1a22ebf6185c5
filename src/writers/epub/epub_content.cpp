// The tree as EPUB 3 XHTML content documents: one file, or for long documents a front file and
// files starting at top-level sections (short ones sharing a file); footnotes as EPUB footnotes
// at the end of the file of their first reference; images copied from the source's folder; the
// table of contents.
#include "writers/epub/epub.hpp"

#include "model/schema.hpp"

#include "model/metadata.hpp"
#include "text/locale_format.hpp"
#include "text/messages.hpp"
#include "text/text.hpp"
#include "writers/image_files.hpp"
#include "writers/pdf/raster_image.hpp"
#include "writers/epub/xhtml_page.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace handout::epub {

namespace {

namespace fs = std::filesystem;

bool is(pugi::xml_node n, const char* name) {
  return n.type() == pugi::node_element && std::strcmp(n.name(), name) == 0;
}

bool is_any(pugi::xml_node n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (is(n, name)) return true;
  return false;
}

std::string plain(pugi::xml_node n) { return text::collapse_whitespace(text_content(n, true)); }

// ---------------------------------------------------------------------------------------------
// Small pieces of XHTML

void set(pugi::xml_node n, const char* name, std::string_view value) {
  n.append_attribute(name).set_value(std::string(value).c_str());
}

void add_text(pugi::xml_node n, std::string_view s) {
  if (s.empty()) return;
  const std::string v(s);
  n.append_child(pugi::node_pcdata).set_value(v.c_str());
}

/// Returns role as a CSS class token (letters, digits, '-' and '_'), or empty.
std::string class_token(std::string_view role) {
  std::string out;
  for (char c : role) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') out += c;
    else if (c == ' ' && !out.empty() && out.back() != '-') out += '-';
  }
  if (!out.empty() && std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(0, "r-");
  return out;
}

/// True when s holds n ASCII digits from at.
bool digits_at(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return false;
  for (std::size_t i = at; i < at + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}

/// True for the time part W3CDTF accepts after a full date: "Thh:mm[:ss]" and "Z" or an offset.
bool is_iso_time(std::string_view s) {
  auto digits = [&](std::size_t at, std::size_t n) { return digits_at(s, at, n); };
  if (s[10] != 'T' || !digits(11, 2) || s.size() < 16 || s[13] != ':' || !digits(14, 2)) return false;
  std::size_t i = 16;
  if (i < s.size() && s[i] == ':') {
    if (!digits(i + 1, 2)) return false;
    i += 3;
  }
  if (i == s.size()) return false;  // a time needs a zone in W3CDTF
  if (s[i] == 'Z') return i + 1 == s.size();
  return (s[i] == '+' || s[i] == '-') && s.size() == i + 6 && digits(i + 1, 2) && s[i + 3] == ':' &&
         digits(i + 4, 2);
}

/// True for ISO dates the HTML <time datetime> and W3CDTF accept: YYYY, YYYY-MM, YYYY-MM-DD,
/// optionally with "Thh:mm[:ss]" and "Z" or an offset.
bool is_iso_date(std::string_view s) {
  if (!digits_at(s, 0, 4)) return false;
  if (s.size() == 4) return true;
  if (s[4] != '-' || !digits_at(s, 5, 2)) return false;
  if (s.size() == 7) return true;
  if (s.size() < 10 || s[7] != '-' || !digits_at(s, 8, 2)) return false;
  return s.size() == 10 || is_iso_time(s);
}

/// An ordered list's start number and numbering style (a, A, i, I) as HTML attributes.
void set_numbering(pugi::xml_node n, pugi::xml_node list) {
  if (const int start = n.attribute("startingnumber").as_int(1); start != 1) {
    set(list, "start", std::to_string(start));
  }
  const std::string numeration = n.attribute("numeration").value();
  const char* type = numeration == "loweralpha"   ? "a"
                     : numeration == "upperalpha" ? "A"
                     : numeration == "lowerroman" ? "i"
                     : numeration == "upperroman" ? "I"
                                                  : nullptr;
  if (type != nullptr) set(list, "type", type);
}

/// True when href starts with a URI scheme a reading system may follow out of the book.
bool is_external_link(std::string_view href) {
  const std::size_t colon = href.find(':');
  if (colon == std::string_view::npos) return false;
  std::string scheme;
  for (char c : href.substr(0, colon)) scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel" || scheme == "ftp";
}

/// True when href has any URI scheme ("javascript:", "file:", "data:"...).
bool has_scheme(std::string_view href) {
  const std::size_t colon = href.find(':');
  if (colon == std::string_view::npos || colon == 0 || href.find_first_of("/?#") < colon) return false;
  return std::isalpha(static_cast<unsigned char>(href[0])) != 0;
}

void append_nav_list(pugi::xml_node out, const std::vector<NavPoint>& points);

// ---------------------------------------------------------------------------------------------
// The renderer

/// A footnote of the tree, numbered in document order.
struct Note {
  int number = 0;
  std::size_t file = 0;     ///< the file holding its first reference (and so the note itself)
  std::string id;           ///< the note's id in that file
  std::string ref_id;       ///< the first reference's id
  pugi::xml_node body;      ///< the DocBook <footnote>
  bool queued = false;      ///< already listed for output at the end of its file
};

/// One content file being planned: its name and the tree nodes it shows, in order.
struct Part {
  std::string name;
  std::vector<pugi::xml_node> nodes;
  pugi::xml_node section;  ///< the top-level section it is named after (split books)
};

class Renderer {
 public:
  Renderer(const Document& doc, const RenderOptions& options, Diagnostics& diag)
      : doc_(doc), options_(options), diag_(diag) {}

  BookContent run();

 private:
  // Planning
  void collect_ids(pugi::xml_node node);
  void plan_parts();
  void index(pugi::xml_node node, std::size_t file);
  void build_nav(pugi::xml_node parent, std::vector<NavPoint>& into);
  std::string claim_id(const std::string& base);
  std::string href_to(std::size_t file, const std::string& id) const;
  std::string href_for_id(std::string_view id) const;

  // Rendering
  ContentFile render_part(std::size_t i);
  ContentFile render_navigation();
  void render_header(pugi::xml_node main);
  pugi::xml_node render_colophon(pugi::xml_node main);
  void render_children(pugi::xml_node from, pugi::xml_node to);
  void render_node(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_element(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_para(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_bridgehead(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_blockquote(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_variable_list(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_program(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_literal_layout(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_sidebar(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_emphasis(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_wrapped(pugi::xml_node n, pugi::xml_node out, const char* tag);
  pugi::xml_node render_footnote(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_footnote_ref(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_uri(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_other(pugi::xml_node n, pugi::xml_node out, bool phrase);
  pugi::xml_node render_section(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_list(pugi::xml_node n, pugi::xml_node out, const char* tag);
  void mark_task(pugi::xml_node li, const std::string& role);
  pugi::xml_node render_callout(pugi::xml_node n, pugi::xml_node out, const char* kind);
  pugi::xml_node render_table(pugi::xml_node n, pugi::xml_node out);
  void render_table_row(pugi::xml_node tr, pugi::xml_node into, bool in_head, bool any_td);
  pugi::xml_node render_image(pugi::xml_node media, pugi::xml_node out, bool block);
  /// An image that cannot be embedded: warned once per file, its alt text kept as text.
  pugi::xml_node render_missing_image(const std::string& fileref, const std::string& problem, const std::string& alt,
                                      pugi::xml_node out, bool block);
  /// The index in the book of the image (added once per source path).
  std::size_t embed_image(ImageFile& image);
  /// Decodes a PNG or JPEG as the PDF writer does (reads a GIF's header), and clears
  /// found.image with the reason when it is damaged or has more pixels than the limit.
  void check_image(ImageLookup& found) const;
  pugi::xml_node render_link(pugi::xml_node n, pugi::xml_node out);
  pugi::xml_node render_note_ref(Note& note, pugi::xml_node out, bool first);
  void render_notes(pugi::xml_node main);
  void label(pugi::xml_node out, std::string_view text);

  const Document& doc_;
  const RenderOptions& options_;
  Diagnostics& diag_;
  BookContent book_;
  std::string labels_lang_ = "en";  // the language of the words the writer adds (styles/messages.yaml)
  bool labels_foreign_ = false;      // the catalog lacks the document's language: labels are English
  /// A word the writer adds, in the labels' language.
  std::string tr(const char* english) const { return message(english, labels_lang_); }

  std::vector<Part> parts_;
  std::unordered_set<std::string> taken_ids_;
  std::unordered_map<std::string, std::size_t> id_file_;            // tree xml:id -> file
  std::unordered_map<const void*, std::string> section_ids_;        // section -> its XHTML id
  std::vector<Note> notes_;
  std::unordered_map<const void*, std::size_t> note_of_node_;       // footnote -> notes_ index
  std::unordered_map<std::string, std::size_t> note_of_id_;         // footnote xml:id -> notes_ index
  std::map<fs::path, std::size_t> image_of_path_;                   // canonical path -> images index
  std::unordered_set<std::string> warned_images_;

  // State while rendering one file
  std::size_t file_ = 0;
  int heading_level_ = 1;             // the level of the heading whose content is being rendered
  std::vector<std::size_t> file_notes_;
};

std::string Renderer::claim_id(const std::string& base) {
  std::string id = base;
  for (int n = 2; taken_ids_.count(id) != 0; ++n) id = base + "-" + std::to_string(n);
  taken_ids_.insert(id);
  return id;
}

std::string Renderer::href_to(std::size_t file, const std::string& id) const {
  const std::string fragment = id.empty() ? std::string() : "#" + id;
  return file == file_ ? (fragment.empty() ? parts_[file].name : fragment) : parts_[file].name + fragment;
}

std::string Renderer::href_for_id(std::string_view id) const {
  const std::string key(id);
  if (auto it = note_of_id_.find(key); it != note_of_id_.end()) {
    const Note& note = notes_[it->second];
    return href_to(note.file, note.id);
  }
  if (auto it = id_file_.find(key); it != id_file_.end()) return href_to(it->second, key);
  return {};
}

void Renderer::collect_ids(pugi::xml_node node) {
  for (auto n = node.first_child(); n; n = n.next_sibling()) {
    if (n.type() != pugi::node_element) continue;
    if (auto id = n.attribute("xml:id")) taken_ids_.insert(id.value());
    collect_ids(n);
  }
}

void Renderer::plan_parts() {
  const pugi::xml_node article = doc_.article();
  std::vector<pugi::xml_node> body;
  std::size_t top_sections = 0;
  std::size_t length = 0;
  for (auto c = article.first_child(); c; c = c.next_sibling()) {
    if (is(c, "info")) continue;
    body.push_back(c);
    if (is(c, "section")) ++top_sections;
    length += text_content(c).size();
  }
  const bool split = top_sections >= 2 && length >= options_.split_threshold;
  if (!split) {
    parts_.push_back(Part{"content.xhtml", body, {}});
    return;
  }
  // A top-level section starts a new file unless the file before it is still short: a reading
  // system starts every file on a new page, and a FAQ's answers are a few lines each.
  parts_.push_back(Part{"front.xhtml", {}, {}});
  std::size_t part_length = 0;
  for (pugi::xml_node c : body) {
    if (is(c, "section") && (parts_.size() == 1 || part_length >= options_.min_part_bytes)) {
      char name[32];
      std::snprintf(name, sizeof name, "chapter-%02zu.xhtml", parts_.size());
      parts_.push_back(Part{name, {}, c});
      part_length = 0;
    }
    parts_.back().nodes.push_back(c);
    part_length += text_content(c).size();
  }
}

void Renderer::index(pugi::xml_node node, std::size_t file) {
  if (node.type() != pugi::node_element) return;
  const std::string xml_id = node.attribute("xml:id").value();
  if (is(node, "footnote")) {
    Note note;
    note.number = static_cast<int>(notes_.size()) + 1;
    note.file = file;
    note.body = node;
    note.id = xml_id.empty() ? claim_id("fn-" + std::to_string(note.number)) : xml_id;
    note.ref_id = claim_id("fnref-" + std::to_string(note.number));
    note_of_node_[node.internal_object()] = notes_.size();
    if (!xml_id.empty()) note_of_id_[xml_id] = notes_.size();
    notes_.push_back(std::move(note));
  } else if (!xml_id.empty()) {
    id_file_[xml_id] = file;
  }
  if (is(node, "section")) {
    section_ids_[node.internal_object()] = xml_id.empty() ? claim_id("section") : xml_id;
    if (xml_id.empty()) id_file_[section_ids_[node.internal_object()]] = file;
  }
  for (auto c = node.first_child(); c; c = c.next_sibling()) index(c, file);
}

void Renderer::build_nav(pugi::xml_node parent, std::vector<NavPoint>& into) {
  for (auto c = parent.first_child(); c; c = c.next_sibling()) {
    if (!is(c, "section")) continue;
    const std::string label = plain(c.child("title"));
    const std::string& id = section_ids_.at(c.internal_object());
    const std::size_t file = id_file_.at(id);
    if (label.empty()) {
      build_nav(c, into);  // its subsections move up a level
      continue;
    }
    NavPoint point{label, parts_[file].section == c ? parts_[file].name : parts_[file].name + "#" + id, {}};
    build_nav(c, point.children);
    into.push_back(std::move(point));
  }
}

BookContent Renderer::run() {
  std::string language = doc_.language();
  if (!is_language_tag(language)) {
    diag_.warning(Code::language_invalid, 0, 0, "language '" + language + "' is not a BCP 47 tag; the EPUB says 'en'");
    language = "en";
  }
  book_.language = language;
  labels_foreign_ = message_language(language).empty();
  labels_lang_ = labels_foreign_ ? "en" : language;
  book_.title = doc_.title();
  if (book_.title.empty()) {
    const std::string stem = fs::path(doc_.source_path).stem().string();
    book_.title = stem.empty() ? tr("Untitled") : stem;
    diag_.warning(Code::title_missing, 0, 0, "the document has no title; the EPUB is titled '" + book_.title + "'");
  }

  collect_ids(doc_.article());
  plan_parts();
  const pugi::xml_node info = doc_.info();
  index(info.child("title"), 0);
  index(info.child("subtitle"), 0);
  index(info.child("abstract"), 0);
  for (std::size_t i = 0; i < parts_.size(); ++i)
    for (pugi::xml_node n : parts_[i].nodes) index(n, i);
  index(info.child("legalnotice"), parts_.size() - 1);

  book_.toc.push_back(NavPoint{book_.title, parts_[0].name, {}});
  build_nav(doc_.article(), book_.toc);

  for (std::size_t i = 0; i < parts_.size(); ++i) book_.files.push_back(render_part(i));
  book_.navigation = render_navigation();
  return std::move(book_);
}

/// Appends the entries as a nested <ol> of links.
void append_nav_list(pugi::xml_node out, const std::vector<NavPoint>& points) {
  pugi::xml_node ol = out.append_child("ol");
  for (const NavPoint& point : points) {
    pugi::xml_node li = ol.append_child("li");
    pugi::xml_node a = li.append_child("a");
    set(a, "href", point.href);
    add_text(a, point.label);
    if (!point.children.empty()) append_nav_list(li, point.children);
  }
}

ContentFile Renderer::render_navigation() {
  ContentFile nav;
  nav.name = "nav.xhtml";
  nav.title = tr("Contents");
  pugi::xml_document page;
  pugi::xml_node body = start_xhtml_page(page, book_.language, nav.title, options_.stylesheet);
  if (labels_foreign_) {
    // The <title> is in the labels' language.
    pugi::xml_node title = page.document_element().child("head").child("title");
    set(title, "lang", labels_lang_);
    set(title, "xml:lang", labels_lang_);
  }
  pugi::xml_node toc = body.append_child("nav");
  set(toc, "epub:type", "toc");
  set(toc, "role", "doc-toc");
  set(toc, "id", "toc");
  set(toc, "aria-labelledby", "toc-title");
  pugi::xml_node h1 = toc.append_child("h1");
  set(h1, "id", "toc-title");
  label(h1, tr("Contents"));
  append_nav_list(toc, book_.toc);

  pugi::xml_node landmarks = body.append_child("nav");
  set(landmarks, "epub:type", "landmarks");
  set(landmarks, "id", "landmarks");
  set(landmarks, "hidden", "hidden");
  pugi::xml_node list = landmarks.append_child("ol");
  pugi::xml_node start = list.append_child("li").append_child("a");
  set(start, "epub:type", "bodymatter");
  set(start, "href", parts_[0].name);
  add_text(start, book_.title);

  mark_block_directions(page);
  nav.xhtml = serialize_xhtml(page);
  return nav;
}

void Renderer::label(pugi::xml_node out, std::string_view text) {
  if (text.empty()) return;
  if (!labels_foreign_) {
    add_text(out, text);
    return;
  }
  pugi::xml_node span = out.append_child("span");
  set(span, "lang", labels_lang_);
  set(span, "xml:lang", labels_lang_);
  add_text(span, text);
}

ContentFile Renderer::render_part(std::size_t i) {
  file_ = i;
  file_notes_.clear();
  const Part& part = parts_[i];
  ContentFile file;
  file.name = part.name;
  file.title = part.section ? plain(part.section.child("title")) : book_.title;
  if (file.title.empty()) file.title = book_.title;

  pugi::xml_document page;
  pugi::xml_node main = start_xhtml_page(page, book_.language, file.title, options_.stylesheet).append_child("main");
  if (i == 0) {
    heading_level_ = 1;
    render_header(main);
  } else {
    heading_level_ = 0;  // the chapter's section title is this file's <h1>
  }
  for (pugi::xml_node n : part.nodes) render_node(n, main);
  // The colophon closes the book, after the notes (rendered first: it may hold a reference).
  pugi::xml_node colophon = i + 1 == parts_.size() ? render_colophon(main) : pugi::xml_node();
  render_notes(main);
  if (colophon) main.append_move(colophon);
  mark_block_directions(page);
  file.xhtml = serialize_xhtml(page);
  return file;
}

void Renderer::render_header(pugi::xml_node main) {
  const pugi::xml_node info = doc_.info();
  const Metadata meta = read_metadata(doc_);
  pugi::xml_node header = main.append_child("header");
  set(header, "class", "title-page");
  pugi::xml_node h1 = header.append_child("h1");
  if (doc_.title().empty()) add_text(h1, book_.title);
  else render_children(info.child("title"), h1);
  if (auto subtitle = info.child("subtitle"); subtitle && !plain(subtitle).empty()) {
    pugi::xml_node p = header.append_child("p");
    set(p, "class", "subtitle");
    render_children(subtitle, p);
  }
  std::vector<std::string> names;
  for (const Person& person : meta.authors)
    if (!person.name.empty()) names.push_back(person.name);
  if (!names.empty()) {
    pugi::xml_node p = header.append_child("p");
    set(p, "class", "authors");
    label(p, tr("By"));
    std::string joined;
    for (const std::string& name : names) joined += (joined.empty() ? " " : "; ") + name;
    add_text(p, joined);
  }
  // "Updated {date}" in the labels' language, the date in a <time> written as the language
  // writes dates (print_date).
  auto date_line = [&](const char* what, const std::string& date, const char* css) {
    if (date.empty()) return;
    pugi::xml_node p = header.append_child("p");
    set(p, "class", css);
    const std::string pattern = tr(what);
    const std::size_t at = pattern.find("{date}");
    label(p, pattern.substr(0, at));
    if (is_iso_date(date)) {
      pugi::xml_node time = p.append_child("time");
      set(time, "datetime", date);
      add_text(time, print_date(date, book_.language));
    } else {
      add_text(p, date);
    }
    if (at != std::string::npos && at + 6 < pattern.size()) label(p, pattern.substr(at + 6));
  };
  date_line("Published {date}", meta.published, "published");
  date_line("Updated {date}", meta.updated, "updated");
  if (auto abstract = info.child("abstract"); abstract && !plain(abstract).empty()) {
    pugi::xml_node div = main.append_child("div");
    set(div, "class", "summary");
    render_children(abstract, div);
  }
}

pugi::xml_node Renderer::render_colophon(pugi::xml_node main) {
  const pugi::xml_node info = doc_.info();
  const Metadata meta = read_metadata(doc_);
  const bool legal = info.child("legalnotice") && !plain(info.child("legalnotice")).empty();
  if (!legal && meta.source_url.empty()) return {};
  pugi::xml_node footer = main.append_child("footer");
  set(footer, "class", "colophon");
  if (legal) render_children(info.child("legalnotice"), footer);
  if (!meta.source_url.empty()) {
    pugi::xml_node p = footer.append_child("p");
    set(p, "class", "source");
    label(p, tr("Source"));
    add_text(p, ": ");
    if (is_external_link(meta.source_url)) {
      pugi::xml_node a = p.append_child("a");
      set(a, "href", meta.source_url);
      add_text(a, meta.source_url);
    } else {
      add_text(p, meta.source_url);
    }
  }
  return footer;
}

void Renderer::render_children(pugi::xml_node from, pugi::xml_node to) {
  for (auto c = from.first_child(); c; c = c.next_sibling()) render_node(c, to);
}

void Renderer::render_node(pugi::xml_node n, pugi::xml_node out) {
  switch (n.type()) {
    case pugi::node_pcdata:
    case pugi::node_cdata: add_text(out, n.value()); break;
    case pugi::node_pi:
      if (std::strcmp(n.name(), "linebreak") == 0) out.append_child("br");
      break;
    case pugi::node_element: {
      pugi::xml_node made = render_element(n, out);
      // Links may point at any xml:id: it goes on what the element became, or on an empty span.
      if (const char* id = n.attribute("xml:id").value(); *id != '\0' && !is(n, "footnote")) {
        if (!made) made = out.append_child("span");
        if (!made.attribute("id")) set(made, "id", id);
      }
      const std::string lang = n.attribute("xml:lang").value();
      if (made && !lang.empty() && is_language_tag(lang) && !made.attribute("lang")) {
        set(made, "lang", lang);
        set(made, "xml:lang", lang);
      }
      break;
    }
    default: break;
  }
}

/// True when the DocBook element holds a block (a list, table...), so it cannot become a <p>.
bool has_block_child(pugi::xml_node n) {
  for (auto c = n.first_child(); c; c = c.next_sibling())
    if (placement_of(kind_of(c)) == Placement::block) return true;
  return false;
}

/// True when an output element takes only phrasing content (so an unknown element becomes a span).
bool takes_phrasing(pugi::xml_node out) {
  return is_phrasing_element(out.name()) || is_any(out, {"p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption",
                                                    "figcaption", "pre"});
}

pugi::xml_node Renderer::render_element(pugi::xml_node n, pugi::xml_node out) {
  const Kind kind = kind_of(n);
  switch (kind) {
    // Blocks
    case Kind::para:
    case Kind::simpara: return render_para(n, out);
    case Kind::section: return render_section(n, out);
    case Kind::bridgehead: return render_bridgehead(n, out);
    case Kind::blockquote: return render_blockquote(n, out);
    case Kind::itemizedlist: return render_list(n, out, "ul");
    case Kind::orderedlist: return render_list(n, out, "ol");
    case Kind::variablelist: return render_variable_list(n, out);
    case Kind::programlisting:
    case Kind::screen: return render_program(n, out);
    case Kind::literallayout: return render_literal_layout(n, out);
    case Kind::note:
    case Kind::tip:
    case Kind::important:
    case Kind::warning:
    case Kind::caution: return render_callout(n, out, n.name());
    case Kind::sidebar: return render_sidebar(n, out);
    case Kind::informaltable:
    case Kind::table: return render_table(n, out);
    case Kind::mediaobject: return render_image(n, out, true);
    // Rendered by their parent
    case Kind::title:
    case Kind::info:
    case Kind::titleabbrev:
    case Kind::subtitle:
    case Kind::attribution: return {};
    // Inlines
    case Kind::emphasis: return render_emphasis(n, out);
    case Kind::link: return render_link(n, out);
    case Kind::code:
    case Kind::literal: return render_wrapped(n, out, "code");
    case Kind::subscript: return render_wrapped(n, out, "sub");
    case Kind::superscript: return render_wrapped(n, out, "sup");
    case Kind::quote: return render_wrapped(n, out, "q");
    case Kind::abbrev:
    case Kind::acronym: return render_wrapped(n, out, "abbr");
    case Kind::inlinemediaobject: return render_image(n, out, false);
    case Kind::footnote: return render_footnote(n, out);
    case Kind::footnoteref: return render_footnote_ref(n, out);
    case Kind::anchor: return out.append_child("span");  // its xml:id is set by render_node
    case Kind::uri: return render_uri(n, out);
    // phrase and the rest: a span in running text, a div among blocks.
    case Kind::phrase:
    case Kind::foreignphrase:
    case Kind::glossterm:
    case Kind::article:
    case Kind::abstract:
    case Kind::author:
    case Kind::personname:
    case Kind::orgname:
    case Kind::date:
    case Kind::pubdate:
    case Kind::revhistory:
    case Kind::revision:
    case Kind::keywordset:
    case Kind::keyword:
    case Kind::legalnotice:
    case Kind::copyright:
    case Kind::year:
    case Kind::holder:
    case Kind::bibliosource:
    case Kind::bibliomisc:
    case Kind::formalpara:
    case Kind::informalfigure:
    case Kind::figure:
    case Kind::listitem:
    case Kind::varlistentry:
    case Kind::term:
    case Kind::caption:
    case Kind::thead:
    case Kind::tbody:
    case Kind::tfoot:
    case Kind::tr:
    case Kind::th:
    case Kind::td:
    case Kind::imageobject:
    case Kind::imagedata:
    case Kind::textobject:
    case Kind::unknown: break;
  }
  return render_other(n, out, kind == Kind::phrase);
}

pugi::xml_node Renderer::render_para(pugi::xml_node n, pugi::xml_node out) {
  const std::string role = n.attribute("role").value();
  if (role == "thematic-break") return out.append_child("hr");
  pugi::xml_node p = out.append_child(has_block_child(n) ? "div" : "p");
  if (!class_token(role).empty()) set(p, "class", class_token(role));
  render_children(n, p);
  return p;
}

pugi::xml_node Renderer::render_bridgehead(pugi::xml_node n, pugi::xml_node out) {
  const int level = std::min(6, heading_level_ + 1);
  pugi::xml_node h = out.append_child(("h" + std::to_string(level)).c_str());
  set(h, "class", "bridgehead");
  render_children(n, h);
  return h;
}

pugi::xml_node Renderer::render_blockquote(pugi::xml_node n, pugi::xml_node out) {
  pugi::xml_node q = out.append_child("blockquote");
  for (auto c = n.first_child(); c; c = c.next_sibling())
    if (!is_any(c, {"attribution", "title", "info"})) render_node(c, q);
  if (auto attribution = n.child("attribution")) {
    pugi::xml_node p = q.append_child("p");
    set(p, "class", "attribution");
    add_text(p, "— ");
    render_children(attribution, p);
  }
  return q;
}

pugi::xml_node Renderer::render_variable_list(pugi::xml_node n, pugi::xml_node out) {
  if (auto title = n.child("title")) {
    pugi::xml_node p = out.append_child("p");
    set(p, "class", "list-title");
    render_children(title, p);
  }
  pugi::xml_node dl = out.append_child("dl");
  for (auto entry : n.children("varlistentry")) {
    for (auto term : entry.children("term")) render_children(term, dl.append_child("dt"));
    render_children(entry.child("listitem"), dl.append_child("dd"));
  }
  return dl;
}

pugi::xml_node Renderer::render_program(pugi::xml_node n, pugi::xml_node out) {
  pugi::xml_node pre = out.append_child("pre");
  set(pre, "class", "code");
  pugi::xml_node code = pre.append_child("code");
  if (const std::string lang = class_token(n.attribute("language").value()); !lang.empty())
    set(code, "class", "language-" + lang);
  render_children(n, code);
  return pre;
}

pugi::xml_node Renderer::render_literal_layout(pugi::xml_node n, pugi::xml_node out) {
  const bool raw_html = std::string_view(n.attribute("role").value()) == "raw-html";
  pugi::xml_node e = out.append_child(raw_html ? "pre" : "p");
  set(e, "class", raw_html ? "raw-html" : "literal");
  render_children(n, e);
  return e;
}

pugi::xml_node Renderer::render_sidebar(pugi::xml_node n, pugi::xml_node out) {
  const std::string role = n.attribute("role").value();
  pugi::xml_node box = out.append_child("div");
  set(box, "class", class_token(role).empty() ? "sidebar" : "sidebar " + class_token(role));
  if (auto title = n.child("title")) {
    pugi::xml_node p = box.append_child("p");
    set(p, "class", "sidebar-title");
    render_children(title, p.append_child("strong"));
  }
  for (auto c = n.first_child(); c; c = c.next_sibling())
    if (!is_any(c, {"title", "info"})) render_node(c, box);
  return box;
}

pugi::xml_node Renderer::render_emphasis(pugi::xml_node n, pugi::xml_node out) {
  const std::string role = n.attribute("role").value();
  const char* tag = role == "strong" || role == "bold" ? "strong" : role == "strikethrough" ? "s" : "em";
  pugi::xml_node e = out.append_child(tag);
  if (std::strcmp(tag, "em") == 0 && !role.empty() && !class_token(role).empty()) set(e, "class", class_token(role));
  render_children(n, e);
  return e;
}

pugi::xml_node Renderer::render_wrapped(pugi::xml_node n, pugi::xml_node out, const char* tag) {
  pugi::xml_node e = out.append_child(tag);
  render_children(n, e);
  return e;
}

pugi::xml_node Renderer::render_footnote(pugi::xml_node n, pugi::xml_node out) {
  auto it = note_of_node_.find(n.internal_object());
  if (it == note_of_node_.end()) return {};  // a footnote in metadata the book does not show
  return render_note_ref(notes_[it->second], out, true);
}

pugi::xml_node Renderer::render_footnote_ref(pugi::xml_node n, pugi::xml_node out) {
  auto it = note_of_id_.find(n.attribute("linkend").value());
  if (it == note_of_id_.end()) {
    diag_.note(Code::link_unresolved, 0, 0, std::string("footnote reference to unknown id '") + n.attribute("linkend").value() + "' dropped");
    return {};
  }
  return render_note_ref(notes_[it->second], out, false);
}

pugi::xml_node Renderer::render_uri(pugi::xml_node n, pugi::xml_node out) {
  const std::string href = plain(n);
  pugi::xml_node e = out.append_child(is_external_link(href) ? "a" : "span");
  if (is_external_link(href)) set(e, "href", href);
  render_children(n, e);
  return e;
}

pugi::xml_node Renderer::render_other(pugi::xml_node n, pugi::xml_node out, bool phrase) {
  bool has_text = false;
  for (auto c = n.first_child(); c; c = c.next_sibling())
    if ((c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) && !text::trim(c.value()).empty()) has_text = true;
  pugi::xml_node e = out.append_child(takes_phrasing(out) || has_text || phrase ? "span" : "div");
  const std::string role = n.attribute("role").value();
  if (!class_token(role).empty()) set(e, "class", class_token(role));
  render_children(n, e);
  return e;
}

pugi::xml_node Renderer::render_section(pugi::xml_node n, pugi::xml_node out) {
  pugi::xml_node section = out.append_child("section");
  set(section, "id", section_ids_.at(n.internal_object()));
  if (!class_token(n.attribute("role").value()).empty()) set(section, "class", class_token(n.attribute("role").value()));
  const int saved = heading_level_;
  if (plain(n.child("title")).empty()) {
    ++book_.facts.untitled_sections;
  } else {
    ++book_.facts.sections;
    heading_level_ = std::min(6, heading_level_ + 1);
    render_children(n.child("title"), section.append_child(("h" + std::to_string(heading_level_)).c_str()));
  }
  for (auto c = n.first_child(); c; c = c.next_sibling()) render_node(c, section);
  heading_level_ = saved;
  return section;
}

/// A checkbox before a task item's text: ☑ done, ☐ to do, labelled for screen readers.
void Renderer::mark_task(pugi::xml_node li, const std::string& role) {
  set(li, "class", role);
  pugi::xml_node into = is(li.first_child(), "p") ? li.first_child() : li;
  pugi::xml_node mark = into.prepend_child("span");
  set(mark, "class", "task-mark");
  set(mark, "role", "img");
  set(mark, "aria-label", role == "task-done" ? tr("Done") : tr("To do"));
  add_text(mark, role == "task-done" ? "☑" : "☐");
  mark.parent().insert_child_after(pugi::node_pcdata, mark).set_value(" ");
}

pugi::xml_node Renderer::render_list(pugi::xml_node n, pugi::xml_node out, const char* tag) {
  if (auto title = n.child("title")) {
    pugi::xml_node p = out.append_child("p");
    set(p, "class", "list-title");
    render_children(title, p);
  }
  pugi::xml_node list = out.append_child(tag);
  if (const std::string role = class_token(n.attribute("role").value()); !role.empty()) set(list, "class", role);
  if (std::strcmp(tag, "ol") == 0) set_numbering(n, list);
  bool tasks = false;
  for (auto item : n.children("listitem")) {
    pugi::xml_node li = list.append_child("li");
    const std::string role = item.attribute("role").value();
    render_children(item, li);
    if (role == "task-done" || role == "task-todo") {
      tasks = true;
      mark_task(li, role);
    } else if (!class_token(role).empty()) {
      set(li, "class", class_token(role));
    }
  }
  if (tasks) {
    const std::string cls = list.attribute("class").value();
    list.remove_attribute("class");
    set(list, "class", cls.empty() ? "tasks" : cls + " tasks");
  }
  return list;
}

pugi::xml_node Renderer::render_callout(pugi::xml_node n, pugi::xml_node out, const char* kind) {
  pugi::xml_node div = out.append_child("div");
  set(div, "class", std::string("callout ") + kind);
  set(div, "role", "note");
  const std::string kind_label = std::strcmp(kind, "tip") == 0         ? tr("Tip")
                           : std::strcmp(kind, "important") == 0 ? tr("Important")
                           : std::strcmp(kind, "warning") == 0   ? tr("Warning")
                           : std::strcmp(kind, "caution") == 0   ? tr("Caution")
                                                                 : tr("Note");
  pugi::xml_node title = div.append_child("p");
  set(title, "class", "callout-title");
  label(title.append_child("strong"), kind_label);
  if (auto t = n.child("title"); t && !plain(t).empty()) {
    add_text(title, ": ");
    render_children(t, title);
  }
  for (auto c = n.first_child(); c; c = c.next_sibling())
    if (!is_any(c, {"title", "info"})) render_node(c, div);
  return div;
}

pugi::xml_node Renderer::render_table(pugi::xml_node n, pugi::xml_node out) {
  ++book_.facts.tables;
  bool any_th = false, any_td = false;
  for (auto x : n.select_nodes(".//*[local-name()='th']")) any_th = any_th || x.node();
  for (auto x : n.select_nodes(".//*[local-name()='td']")) any_td = any_td || x.node();
  if (!any_th) ++book_.facts.tables_without_headers;

  pugi::xml_node table = out.append_child("table");
  if (auto caption = n.child("caption"); caption && !plain(caption).empty()) {
    render_children(caption, table.append_child("caption"));
  }
  for (const char* group : {"thead", "tbody", "tfoot"}) {
    for (auto g : n.children(group)) {
      pugi::xml_node into = table.append_child(group);
      for (auto tr : g.children("tr")) render_table_row(tr, into, std::strcmp(group, "thead") == 0, any_td);
    }
  }
  if (n.child("tr")) {
    pugi::xml_node into = table.append_child("tbody");
    for (auto tr : n.children("tr")) render_table_row(tr, into, false, any_td);
  }
  return table;
}

/// One row: header cells with a scope (when the table has data cells for them to describe),
/// alignment as a class, sane spans.
void Renderer::render_table_row(pugi::xml_node tr, pugi::xml_node into, bool in_head, bool any_td) {
  pugi::xml_node row = into.append_child("tr");
  for (auto cell = tr.first_child(); cell; cell = cell.next_sibling()) {
    if (!is_any(cell, {"th", "td"})) continue;
    // A header cell needs text and data cells to describe; otherwise it is a plain cell.
    const bool header = is(cell, "th") && any_td && !plain(cell).empty();
    pugi::xml_node c = row.append_child(header ? "th" : "td");
    if (header) set(c, "scope", in_head ? "col" : "row");
    const std::string align = cell.attribute("align").value();
    if (align == "left" || align == "center" || align == "right" || align == "justify") set(c, "class", "align-" + align);
    for (const char* span : {"colspan", "rowspan"}) {
      const int v = cell.attribute(span).as_int(1);
      if (v > 1 && v <= 1000) set(c, span, std::to_string(v));
    }
    render_children(cell, c);
  }
}

void Renderer::check_image(ImageLookup& found) const {
  const std::string& bytes = found.image->bytes;
  std::string problem;
  if (found.image->media_type == "image/gif") {
    // The logical screen's size, little-endian, after the six-byte signature.
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    if (bytes.size() < 13) {
      problem = "damaged GIF image";
    } else {
      const std::size_t w = byte(6) | (byte(7) << 8), h = byte(8) | (byte(9) << 8);
      if (w == 0 || h == 0) problem = "empty image";
      else if (w * h > options_.max_image_pixels)
        problem = "more than " + std::to_string(options_.max_image_pixels) + " pixels";
    }
  } else if (!decode_raster_image(bytes, problem, std::numeric_limits<int>::max(), options_.max_image_pixels)) {
    if (problem.empty()) problem = "cannot be decoded";
  }
  if (problem.empty()) return;
  found.problem = problem;
  found.image.reset();
}

pugi::xml_node Renderer::render_missing_image(const std::string& fileref, const std::string& problem, const std::string& alt,
                                              pugi::xml_node out, bool block) {
  if (warned_images_.insert(fileref).second) {
    diag_.warning(Code::image_left_out, 0, 0, "image '" + fileref + "' is not embedded (" + problem + "); " +
                            (alt.empty() ? "it has no alt text, so nothing of it is kept"
                                         : "its alt text is kept as text"));
  }
  if (alt.empty()) return {};
  pugi::xml_node e = out.append_child(block ? "p" : "span");
  set(e, "class", "image-missing");
  label(e, tr("Image"));
  add_text(e, ": " + alt);
  return e;
}

std::size_t Renderer::embed_image(ImageFile& image) {
  if (auto it = image_of_path_.find(image.path); it != image_of_path_.end()) return it->second;
  const std::size_t index = book_.images.size();
  char name[48];
  std::snprintf(name, sizeof name, "images/image-%02zu", index + 1);
  if (image.media_type == "image/gif") ++book_.facts.gifs;
  book_.images.push_back(BookImage{name + image.extension, image.media_type, std::move(image.bytes)});
  image_of_path_[image.path] = index;
  return index;
}

pugi::xml_node Renderer::render_image(pugi::xml_node media, pugi::xml_node out, bool block) {
  ++book_.facts.images;
  const std::string fileref = media.child("imageobject").child("imagedata").attribute("fileref").value();
  std::string alt, title;
  for (auto t : media.children("textobject")) {
    if (std::strcmp(t.attribute("role").value(), "title") == 0) title = plain(t);
    else if (alt.empty()) alt = plain(t);
  }
  if (alt.empty()) ++book_.facts.images_without_alt;

  ImageLookup found = find_source_image(doc_.source_path, fileref, options_.max_image_bytes);
  if (found.image && image_of_path_.count(found.image->path) == 0) check_image(found);
  if (!found.image) return render_missing_image(fileref, found.problem, alt, out, block);
  ++book_.facts.images_embedded;
  const std::size_t index = embed_image(*found.image);
  pugi::xml_node container = out;
  if (block) {
    container = out.append_child("figure");
    set(container, "class", "image");
  }
  pugi::xml_node img = container.append_child("img");
  set(img, "src", book_.images[index].name);
  set(img, "alt", alt);
  if (!block && !title.empty()) set(img, "title", title);
  if (block && !title.empty()) add_text(container.append_child("figcaption"), title);
  return block ? container : img;
}

pugi::xml_node Renderer::render_link(pugi::xml_node n, pugi::xml_node out) {
  std::string href;
  if (auto linkend = n.attribute("linkend")) {
    href = href_for_id(linkend.value());
    if (href.empty()) diag_.note(Code::link_unresolved, 0, 0, std::string("link to unknown id '") + linkend.value() + "' kept as text");
  } else {
    const std::string target = n.attribute("xlink:href").value();
    if (!target.empty() && target[0] == '#') {
      href = href_for_id(target.substr(1));
      if (href.empty()) diag_.note(Code::link_unresolved, 0, 0, "link to unknown fragment '" + target + "' kept as text");
    } else if (is_external_link(target)) {
      href = target;
    } else if (!target.empty()) {
      diag_.warning(Code::link_unresolved, 0, 0, "link to '" + target + "' has no target in the EPUB (" +
                              (has_scheme(target) ? "a scheme reading systems do not follow"
                                                  : "a file outside the book") +
                              "); its text is kept");
    }
  }
  pugi::xml_node e = out.append_child(href.empty() ? "span" : "a");
  if (!href.empty()) set(e, "href", href);
  if (const std::string title = n.attribute("xlink:title").value(); !title.empty()) set(e, "title", title);
  render_children(n, e);
  // A link needs a name: when it holds no text and no image, its address is shown.
  if (!href.empty() && plain(n).empty() && !n.child("inlinemediaobject")) add_text(e, href);
  return e;
}

pugi::xml_node Renderer::render_note_ref(Note& note, pugi::xml_node out, bool first) {
  if (!note.queued) {
    // The footnote itself was not shown (it sat where the book shows no content): this
    // reference becomes the first one, and the note goes into this file.
    first = true;
    note.file = file_;
  }
  pugi::xml_node a = out.append_child("a");
  if (first) set(a, "id", note.ref_id);
  set(a, "class", "noteref");
  set(a, "href", href_to(note.file, note.id));
  set(a, "epub:type", "noteref");
  set(a, "role", "doc-noteref");
  add_text(a.append_child("sup"), std::to_string(note.number));
  if (first && !note.queued) {
    note.queued = true;
    file_notes_.push_back(static_cast<std::size_t>(&note - notes_.data()));
  }
  return a;
}

void Renderer::render_notes(pugi::xml_node main) {
  if (file_notes_.empty()) return;
  pugi::xml_node div = main.append_child("div");
  set(div, "class", "footnotes");
  // Rendering a note can queue no further notes (DocBook footnotes do not nest), but index
  // rather than iterate in case a footnote's body holds a footnoteref.
  for (std::size_t k = 0; k < file_notes_.size(); ++k) {
    const Note& note = notes_[file_notes_[k]];
    ++book_.facts.footnotes;
    pugi::xml_node aside = div.append_child("aside");
    set(aside, "id", note.id);
    set(aside, "class", "footnote");
    set(aside, "epub:type", "footnote");
    set(aside, "role", "doc-footnote");
    render_children(note.body, aside);
    pugi::xml_node into = is(aside.first_child(), "p") ? aside.first_child() : aside.prepend_child("p");
    pugi::xml_node back = into.prepend_child("a");
    set(back, "class", "note-back");
    set(back, "href", "#" + note.ref_id);
    set(back, "role", "doc-backlink");
    set(back, "aria-label", tr("Back to reference") + " " + std::to_string(note.number));
    add_text(back, std::to_string(note.number) + ".");
    into.insert_child_after(pugi::node_pcdata, back).set_value(" ");
  }
}

}  // namespace

BookContent render_content(const Document& doc, const RenderOptions& options, Diagnostics& diag) {
  return Renderer(doc, options, diag).run();
}

}  // namespace handout::epub
