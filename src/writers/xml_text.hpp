// Serializing an XML tree for people to read: block structure indented, running text exact.
#pragma once

#include <pugixml.hpp>

#include <string>

namespace handout {

/// Tells whether an element keeps its parent's content exact (it sits in running text, or holds
/// verbatim text): such a parent is never indented.
using KeepsExactContent = bool (*)(pugi::xml_node element);

/// Appends root to out: an element whose children are all elements none of which keeps_exact
/// is written with one child per line, indented two spaces per level; any other element is
/// written exactly as it is, so no whitespace is ever added inside running text.
void append_indented_xml(std::string& out, pugi::xml_node root, KeepsExactContent keeps_exact);

}  // namespace handout
