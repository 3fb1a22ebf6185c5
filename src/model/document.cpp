#include "model/document.hpp"

#include "model/schema.hpp"
#include "text/text.hpp"

#include <cstring>

namespace handout {

Document::Document() : xml_(std::make_unique<pugi::xml_document>()) {
  auto article = xml_->append_child("article");
  article.append_attribute("xmlns") = kDocbookNamespace;
  article.append_attribute("xmlns:xlink") = kXlinkNamespace;
  article.append_attribute("version") = "5.0";
  article.append_attribute("xml:lang") = "en";
  article.append_child("info").append_child("title");
}

std::string Document::language() const { return article().attribute("xml:lang").as_string("en"); }

std::string Document::title() const { return text::collapse_whitespace(text_content(info().child("title"), true)); }

namespace {
// Elements whose text runs on with their neighbours (inline, except a footnote, whose text is
// set apart); every other element is set apart.
bool runs_on(pugi::xml_node n) {
  const Kind kind = kind_of(n);
  return is_inline(kind) && kind != Kind::footnote;
}

void separate(std::string& out) {
  if (!out.empty() && out.back() != '\n' && out.back() != ' ') out += '\n';
}
}  // namespace

std::string text_content(pugi::xml_node node, bool skip_footnotes) {
  std::string out;
  if (!node) return out;
  if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) return node.value();
  // Iterative pre-order walk: trees can be deep.
  pugi::xml_node cur = node.first_child();
  while (cur) {
    bool descend = false;
    switch (cur.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata: out += cur.value(); break;
      case pugi::node_pi:
        if (std::strcmp(cur.name(), "linebreak") == 0) out += '\n';
        break;
      case pugi::node_element:
        if (skip_footnotes && std::strcmp(cur.name(), "footnote") == 0) break;
        if (!runs_on(cur)) separate(out);
        descend = true;
        break;
      default: break;
    }
    if (descend && cur.first_child()) {
      cur = cur.first_child();
      continue;
    }
    if (descend && !runs_on(cur)) separate(out);
    while (cur != node && !cur.next_sibling()) {
      cur = cur.parent();
      if (cur != node && !runs_on(cur)) separate(out);
    }
    if (cur == node) break;
    cur = cur.next_sibling();
  }
  return out;
}

}  // namespace handout
