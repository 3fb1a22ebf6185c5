#include "transforms/empty_elements.hpp"

#include "text/text.hpp"

#include <string_view>
#include <cstring>
#include <initializer_list>

namespace handout {

namespace {

bool named_one_of(pugi::xml_node n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (std::strcmp(n.name(), name) == 0) return true;
  return false;
}

/// True when n holds no text and no element that shows something without text. Only ASCII
/// whitespace counts as nothing (a no-break space is a character), and spaces in code are kept.
bool holds_nothing(pugi::xml_node n) {
  const bool code = named_one_of(n, {"code", "literal"});
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      const std::string_view v = c.value();
      if (code ? !v.empty() : v.find_first_not_of(" \t\r\n") != std::string_view::npos) return false;
    } else if (c.type() == pugi::node_element) {
      if (!holds_nothing(c) || named_one_of(c, {"inlinemediaobject", "mediaobject", "footnote", "footnoteref", "xref",
                                            "anchor", "link", "imagedata"})) {
        return false;
      }
    }
  }
  return true;
}

bool has_element_child(pugi::xml_node n, std::initializer_list<const char*> except = {}) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && !named_one_of(c, except)) return true;
  }
  return false;
}

/// Returns true when n, its children already cleaned, is empty and may go.
bool removable(pugi::xml_node n) {
  if (named_one_of(n, {"para", "simpara"})) return !n.attribute("role") && holds_nothing(n);
  if (named_one_of(n, {"bridgehead", "emphasis", "phrase", "subscript", "superscript"})) return holds_nothing(n);
  if (named_one_of(n, {"listitem"})) {
    return !n.attribute("role") && std::strcmp(n.parent().name(), "varlistentry") != 0 && !has_element_child(n);
  }
  if (named_one_of(n, {"blockquote", "note", "tip", "important", "warning", "caution"})) {
    return !has_element_child(n, {"title", "info", "attribution"});
  }
  if (named_one_of(n, {"section"})) {
    return text::trim(text_content(n.child("title"))).empty() && !has_element_child(n, {"title", "info"});
  }
  return false;
}

void clean(pugi::xml_node n) {
  for (pugi::xml_node c = n.first_child(); c;) {
    const pugi::xml_node next = c.next_sibling();
    if (c.type() == pugi::node_element && !named_one_of(c, {"info", "programlisting", "literallayout", "table",
                                                         "informaltable"})) {
      clean(c);
      if (removable(c)) n.remove_child(c);
    }
    c = next;
  }
}

}  // namespace

void remove_empty_elements(Document& doc, const TransformOptions& /*options*/, Diagnostics& /*diag*/) {
  clean(doc.article());
}

}  // namespace handout
