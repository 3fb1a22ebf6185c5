// DocBook writer: the tree as it is, serialized. Block structure is indented for readable
// diffs; any element holding text or inline markup is written exactly, so no whitespace is
// ever added inside running text.
#include "writers/writer.hpp"
#include "writers/xml_text.hpp"

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

}  // namespace

Output write_docbook(const Document& doc, const WriterOptions& /*options*/, Diagnostics& /*diag*/) {
  Output out;
  out.bytes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  append_indented_xml(out.bytes, doc.article(), [](pugi::xml_node n) { return is_inline_name(n.name()); });
  return out;
}

}  // namespace handout
