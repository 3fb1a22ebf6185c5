#include "writers/xhtml_page.hpp"

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

/// True when every child is an element that is not phrasing content: the children can be indented.
bool has_block_content(pugi::xml_node node) {
  if (!node.first_child() || std::strcmp(node.name(), "pre") == 0) return false;
  for (auto c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || is_phrasing_element(c.name())) return false;
  }
  return true;
}

struct StringWriter : pugi::xml_writer {
  std::string& out;
  explicit StringWriter(std::string& o) : out(o) {}
  void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

void escape_attribute(std::string& out, const char* value) {
  for (const char* p = value; *p; ++p) {
    switch (*p) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "&#10;"; break;
      case '\t': out += "&#9;"; break;
      case '\r': out += "&#13;"; break;
      default: out += *p;
    }
  }
}

void write_element(std::string& out, pugi::xml_node node, int depth) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  out += indent;
  if (!has_block_content(node)) {
    StringWriter w(out);
    node.print(w, "", pugi::format_raw, pugi::encoding_utf8);
    out += '\n';
    return;
  }
  out += '<';
  out += node.name();
  for (auto a : node.attributes()) {
    out += ' ';
    out += a.name();
    out += "=\"";
    escape_attribute(out, a.value());
    out += '"';
  }
  out += ">\n";
  for (auto c = node.first_child(); c; c = c.next_sibling()) write_element(out, c, depth + 1);
  out += indent + "</" + node.name() + ">\n";
}

}  // namespace

std::string serialize_xhtml(const pugi::xml_document& page) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n";
  write_element(out, page.document_element(), 0);
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
