#include "writers/epub/xhtml_page.hpp"

#include "text/language_tag.hpp"
#include "text/text.hpp"
#include "writers/xml_text.hpp"

#include <utf8proc.h>

#include <cstring>
#include <string>

namespace handout {

bool is_phrasing_element(const char* name) {
  static constexpr const char* kInline[] = {"a",   "abbr", "b",   "br",   "code", "em",  "i",    "img",
                                            "q",   "s",    "small", "span", "strong", "sub", "sup", "time"};
  for (const char* n : kInline)
    if (std::strcmp(n, name) == 0) return true;
  return false;
}

namespace {

constexpr const char* kXhtmlNamespace = "http://www.w3.org/1999/xhtml";
constexpr const char* kOpsNamespace = "http://www.idpf.org/2007/ops";

void set(pugi::xml_node n, const char* name, std::string_view value) {
  n.append_attribute(name).set_value(std::string(value).c_str());
}

}  // namespace

namespace {

/// The direction of the first strong character of a node's text: 'L', 'R' or 0 (none).
char first_strong(pugi::xml_node n) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      const std::string_view t = c.value();
      for (std::size_t i = 0; i < t.size();) {
        const auto cp = static_cast<utf8proc_int32_t>(text::next_code_point(t, i));
        const auto bidi = utf8proc_get_property(cp)->bidi_class;
        if (bidi == UTF8PROC_BIDI_CLASS_L) return 'L';
        if (bidi == UTF8PROC_BIDI_CLASS_R || bidi == UTF8PROC_BIDI_CLASS_AL) return 'R';
      }
    } else if (c.type() == pugi::node_element) {
      if (c.attribute("dir")) continue;  // isolated already
      if (const char d = first_strong(c)) return d;
    }
  }
  return 0;
}

bool is_text_block(const char* name) {
  static constexpr const char* kBlocks[] = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd",
                                            "figcaption", "caption", "blockquote", "pre", "title"};
  for (const char* b : kBlocks)
    if (std::strcmp(b, name) == 0) return true;
  return false;
}

void mark(pugi::xml_node n, char inherited) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    char own = inherited;
    if (is_text_block(c.name()) && !c.attribute("dir")) {
      const char d = first_strong(c);
      if (d != 0 && d != inherited) {
        set(c, "dir", d == 'R' ? "rtl" : "ltr");
        own = d;
      }
    }
    mark(c, own);
  }
}

}  // namespace

void mark_block_directions(pugi::xml_document& page) {
  const pugi::xml_node html = page.document_element();
  mark(html, std::strcmp(html.attribute("dir").value(), "rtl") == 0 ? 'R' : 'L');
}

std::string serialize_xhtml(const pugi::xml_document& page) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n";
  append_indented_xml(out, page.document_element(), [](pugi::xml_node n) { return is_phrasing_element(n.name()); });
  return out;
}

pugi::xml_node start_xhtml_page(pugi::xml_document& page, std::string_view language, std::string_view title,
                                std::string_view stylesheet) {
  pugi::xml_node html = page.append_child("html");
  set(html, "xmlns", kXhtmlNamespace);
  set(html, "xmlns:epub", kOpsNamespace);
  set(html, "lang", language);
  set(html, "xml:lang", language);
  if (language_tag::is_right_to_left(language)) set(html, "dir", "rtl");
  pugi::xml_node head = html.append_child("head");
  set(head.append_child("meta"), "charset", "utf-8");
  head.append_child("title").append_child(pugi::node_pcdata).set_value(std::string(title).c_str());
  pugi::xml_node link = head.append_child("link");
  set(link, "rel", "stylesheet");
  set(link, "type", "text/css");
  set(link, "href", stylesheet);
  return html.append_child("body");
}

}  // namespace handout
