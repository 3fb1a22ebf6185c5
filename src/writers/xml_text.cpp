#include "writers/xml_text.hpp"

namespace handout {

namespace {

struct StringWriter : pugi::xml_writer {
  std::string& out;
  explicit StringWriter(std::string& o) : out(o) {}
  void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
};

bool has_block_content(pugi::xml_node node, KeepsExactContent keeps_exact) {
  if (!node.first_child()) return false;
  for (auto c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || keeps_exact(c)) return false;
  }
  return true;
}

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

void write_element(std::string& out, pugi::xml_node node, int depth, KeepsExactContent keeps_exact) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  out += indent;
  if (!has_block_content(node, keeps_exact)) {
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
  for (auto c = node.first_child(); c; c = c.next_sibling()) write_element(out, c, depth + 1, keeps_exact);
  out += indent + "</" + node.name() + ">\n";
}

}  // namespace

void append_indented_xml(std::string& out, pugi::xml_node root, KeepsExactContent keeps_exact) {
  write_element(out, root, 0, keeps_exact);
}

}  // namespace handout
