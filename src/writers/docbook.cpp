// DocBook writer: the tree as it is, serialized. Block structure is indented for readable
// diffs; any element holding text or inline markup is written exactly, so no whitespace is
// ever added inside running text.
#include "writers/writer.hpp"

#include <cstring>
#include <string>

namespace handout {

namespace {

/// Elements that sit inside running text; their parent is never indented.
bool is_inline_name(const char* name) {
  static constexpr const char* kInline[] = {"emphasis",    "link",        "code",     "literal", "subscript",
                                            "superscript", "phrase",      "anchor",   "footnote", "footnoteref",
                                            "inlinemediaobject", "uri",   "quote",    "abbrev",   "acronym"};
  for (const char* n : kInline)
    if (std::strcmp(n, name) == 0) return true;
  return false;
}

/// True when every child of node is an element that is not inline: its children can be indented.
bool has_block_content(pugi::xml_node node) {
  if (!node.first_child()) return false;
  for (auto c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element || is_inline_name(c.name())) return false;
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

Output write_docbook(const Document& doc, const WriterOptions& /*options*/, Diagnostics& /*diag*/) {
  Output out;
  out.bytes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  write_element(out.bytes, doc.article(), 0);
  return out;
}

}  // namespace handout
