// XHTML pages for EPUB content documents: the page skeleton and its serialization.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace handout {

/// Starts an XHTML page in page (which must be empty): <html> in the XHTML namespace with the
/// epub: prefix declared and lang/xml:lang set to language, a <head> with charset, <title> and a
/// stylesheet link. Returns the empty <body>.
pugi::xml_node start_xhtml_page(pugi::xml_document& page, std::string_view language, std::string_view title,
                                std::string_view stylesheet);

/// Sets dir on every text block (p, li, h1…, td, caption…) whose first strong character runs
/// against the page's direction: an Arabic paragraph in an English book is dir="rtl", an English
/// one in an Arabic book (html dir="rtl") dir="ltr". Inline runs are left to the bidi algorithm.
void mark_block_directions(pugi::xml_document& page);

/// Returns true for the HTML elements that sit in running text (a, em, img, span...).
bool is_phrasing_element(const char* name);

/// Returns the page as text: XML declaration, HTML doctype, and the element tree with its
/// block structure indented; an element holding text or phrasing elements (and any <pre>) is
/// written exactly as it is, so no whitespace is ever added inside running text.
std::string serialize_xhtml(const pugi::xml_document& page);

}  // namespace handout
