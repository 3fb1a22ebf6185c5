#include "writers/epub/xhtml_page.hpp"

#include "writers/xml_text.hpp"

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
