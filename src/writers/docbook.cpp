// DocBook writer: the tree as it is, serialized. Block structure is indented for readable
// diffs; any element holding text or inline markup is written exactly, so no whitespace is
// ever added inside running text.
#include "writers/writer.hpp"

#include "model/schema.hpp"
#include "writers/xml_text.hpp"

#include <cstring>
#include <string>

namespace handout {

Output write_docbook(const Document& doc, const WriterOptions& /*options*/, Diagnostics& /*diag*/) {
  Output out;
  out.bytes = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  append_indented_xml(out.bytes, doc.article(), [](pugi::xml_node n) { return is_inline(kind_of(n)); });
  return out;
}

}  // namespace handout
