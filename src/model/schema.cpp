#include "model/schema.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace handout {

namespace {

struct Entry {
  std::string_view name;
  Kind kind;
  Placement placement;
};

constexpr std::size_t kKinds = static_cast<std::size_t>(Kind::unknown);

/// The table, in the order of Kind (checked at compile time below).
constexpr std::array<Entry, kKinds> kTable = {{
    {"article", Kind::article, Placement::structure},
    {"section", Kind::section, Placement::structure},
    {"title", Kind::title, Placement::structure},
    {"subtitle", Kind::subtitle, Placement::structure},
    {"titleabbrev", Kind::titleabbrev, Placement::structure},
    {"info", Kind::info, Placement::structure},
    {"abstract", Kind::abstract, Placement::metadata},
    {"author", Kind::author, Placement::metadata},
    {"personname", Kind::personname, Placement::metadata},
    {"orgname", Kind::orgname, Placement::metadata},
    {"date", Kind::date, Placement::metadata},
    {"pubdate", Kind::pubdate, Placement::metadata},
    {"revhistory", Kind::revhistory, Placement::metadata},
    {"revision", Kind::revision, Placement::metadata},
    {"keywordset", Kind::keywordset, Placement::metadata},
    {"keyword", Kind::keyword, Placement::metadata},
    {"legalnotice", Kind::legalnotice, Placement::metadata},
    {"copyright", Kind::copyright, Placement::metadata},
    {"year", Kind::year, Placement::metadata},
    {"holder", Kind::holder, Placement::metadata},
    {"bibliosource", Kind::bibliosource, Placement::metadata},
    {"bibliomisc", Kind::bibliomisc, Placement::metadata},
    {"para", Kind::para, Placement::block},
    {"simpara", Kind::simpara, Placement::block},
    {"formalpara", Kind::formalpara, Placement::block},
    {"bridgehead", Kind::bridgehead, Placement::block},
    {"blockquote", Kind::blockquote, Placement::block},
    {"itemizedlist", Kind::itemizedlist, Placement::block},
    {"orderedlist", Kind::orderedlist, Placement::block},
    {"variablelist", Kind::variablelist, Placement::block},
    {"programlisting", Kind::programlisting, Placement::block},
    {"screen", Kind::screen, Placement::block},
    {"literallayout", Kind::literallayout, Placement::block},
    {"note", Kind::note, Placement::block},
    {"tip", Kind::tip, Placement::block},
    {"important", Kind::important, Placement::block},
    {"warning", Kind::warning, Placement::block},
    {"caution", Kind::caution, Placement::block},
    {"sidebar", Kind::sidebar, Placement::block},
    {"informaltable", Kind::informaltable, Placement::block},
    {"table", Kind::table, Placement::block},
    {"mediaobject", Kind::mediaobject, Placement::block},
    {"informalfigure", Kind::informalfigure, Placement::block},
    {"figure", Kind::figure, Placement::block},
    {"attribution", Kind::attribution, Placement::part},
    {"listitem", Kind::listitem, Placement::part},
    {"varlistentry", Kind::varlistentry, Placement::part},
    {"term", Kind::term, Placement::part},
    {"caption", Kind::caption, Placement::part},
    {"thead", Kind::thead, Placement::part},
    {"tbody", Kind::tbody, Placement::part},
    {"tfoot", Kind::tfoot, Placement::part},
    {"tr", Kind::tr, Placement::part},
    {"th", Kind::th, Placement::part},
    {"td", Kind::td, Placement::part},
    {"imageobject", Kind::imageobject, Placement::part},
    {"imagedata", Kind::imagedata, Placement::part},
    {"textobject", Kind::textobject, Placement::part},
    {"emphasis", Kind::emphasis, Placement::inline_text},
    {"link", Kind::link, Placement::inline_text},
    {"code", Kind::code, Placement::inline_text},
    {"literal", Kind::literal, Placement::inline_text},
    {"subscript", Kind::subscript, Placement::inline_text},
    {"superscript", Kind::superscript, Placement::inline_text},
    {"quote", Kind::quote, Placement::inline_text},
    {"abbrev", Kind::abbrev, Placement::inline_text},
    {"acronym", Kind::acronym, Placement::inline_text},
    {"foreignphrase", Kind::foreignphrase, Placement::inline_text},
    {"glossterm", Kind::glossterm, Placement::inline_text},
    {"phrase", Kind::phrase, Placement::inline_text},
    {"anchor", Kind::anchor, Placement::inline_text},
    {"uri", Kind::uri, Placement::inline_text},
    {"footnote", Kind::footnote, Placement::inline_text},
    {"footnoteref", Kind::footnoteref, Placement::inline_text},
    {"inlinemediaobject", Kind::inlinemediaobject, Placement::inline_text},
}};

constexpr bool in_kind_order() {
  for (std::size_t i = 0; i < kTable.size(); ++i)
    if (static_cast<std::size_t>(kTable[i].kind) != i) return false;
  return true;
}
static_assert(in_kind_order(), "kTable must list every Kind once, in the enum's order");

}  // namespace

Kind kind_named(std::string_view name) {
  // Called for every node that text extraction and the writers visit: the names are bucketed by
  // first letter (a handful each), compared by length before bytes.
  static const std::array<std::vector<Entry>, 26> buckets = [] {
    std::array<std::vector<Entry>, 26> b;
    for (const Entry& e : kTable) b[static_cast<std::size_t>(e.name[0] - 'a')].push_back(e);
    return b;
  }();
  if (name.empty() || name[0] < 'a' || name[0] > 'z') return Kind::unknown;
  for (const Entry& e : buckets[static_cast<std::size_t>(name[0] - 'a')])
    if (e.name == name) return e.kind;
  return Kind::unknown;
}

Kind kind_of(pugi::xml_node node) {
  if (node.type() != pugi::node_element) return Kind::unknown;
  return kind_named(node.name());
}

std::string_view name_of(Kind kind) {
  return kind == Kind::unknown ? std::string_view() : kTable[static_cast<std::size_t>(kind)].name;
}

Placement placement_of(Kind kind) {
  return kind == Kind::unknown ? Placement::unknown : kTable[static_cast<std::size_t>(kind)].placement;
}

bool holds_text_only(Kind kind) {
  switch (kind) {
    case Kind::superscript: case Kind::subscript: case Kind::code: case Kind::literal: case Kind::uri:
    case Kind::abbrev: case Kind::acronym:
      return true;
    default:
      return false;
  }
}

bool allowed_in_text_only(Kind kind) {
  switch (kind) {
    case Kind::superscript: case Kind::subscript: case Kind::link: case Kind::anchor:
    case Kind::inlinemediaobject: case Kind::phrase:
      return true;
    default:
      return false;
  }
}

bool in_text_only(pugi::xml_node node) {
  for (pugi::xml_node n = node; n && n.type() == pugi::node_element; n = n.parent()) {
    const Kind k = kind_of(n);
    if (holds_text_only(k)) return true;
    if (k != Kind::phrase && k != Kind::link) return false;
  }
  return false;
}

namespace {

std::string element_path(pugi::xml_node n) {
  std::string path;
  for (; n && n.type() == pugi::node_element; n = n.parent()) path = "/" + std::string(n.name()) + path;
  return path;
}

/// True for elements whose content is blocks only (no loose inlines or text).
bool holds_blocks_only(Kind kind) {
  switch (kind) {
    case Kind::article: case Kind::section: case Kind::listitem: case Kind::blockquote: case Kind::note:
    case Kind::tip: case Kind::important: case Kind::warning: case Kind::caution: case Kind::sidebar:
    case Kind::footnote: case Kind::itemizedlist: case Kind::orderedlist: case Kind::variablelist:
    case Kind::abstract: case Kind::info:
      return true;
    default:
      return false;
  }
}

/// Returns why child may not stand in parent ("" when it may).
std::string child_violation(pugi::xml_node parent, Kind pk, pugi::xml_node child) {
  if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
    if (holds_blocks_only(pk)) {
      for (const char* c = child.value(); *c != 0; ++c)
        if (*c != ' ' && *c != '\n' && *c != '\t' && *c != '\r') return "text where only blocks may stand";
    }
    return "";
  }
  if (child.type() != pugi::node_element) return "";
  const Kind ck = kind_of(child);
  if (ck == Kind::unknown) return "element outside the DocBook subset";
  const Placement cp = placement_of(ck);
  if (in_text_only(parent) && !allowed_in_text_only(ck)) return "DocBook 5.0 allows only text here";
  if (ck == Kind::footnote) {
    for (pugi::xml_node a = parent; a; a = a.parent())
      if (kind_of(a) == Kind::footnote) return "a footnote inside a footnote";
  }
  if (placement_of(pk) == Placement::inline_text && pk != Kind::footnote) {
    const bool media_part = pk == Kind::inlinemediaobject &&
                            (ck == Kind::imageobject || ck == Kind::textobject);
    if (!media_part && cp != Placement::inline_text) return "a non-inline inside an inline";
  }
  if (holds_blocks_only(pk) && cp == Placement::inline_text) return "an inline where only blocks may stand";
  if ((pk == Kind::itemizedlist || pk == Kind::orderedlist) && ck != Kind::listitem && ck != Kind::title &&
      ck != Kind::info) {
    return "a list holds list items only";
  }
  return "";
}

}  // namespace

std::string content_model_violation(pugi::xml_node root) {
  // Iterative pre-order walk: deep trees must not overflow the stack.
  for (pugi::xml_node n = root; n;) {
    if (n.type() == pugi::node_element) {
      const Kind pk = kind_of(n);
      if (n == root && pk == Kind::unknown) return element_path(n) + ": element outside the DocBook subset";
      for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
        std::string why = child_violation(n, pk, c);
        if (!why.empty()) {
          return element_path(n) + " > " + (c.type() == pugi::node_element ? c.name() : "text") + ": " + why;
        }
      }
    }
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && n != root && !n.next_sibling()) n = n.parent();
    if (!n || n == root) break;
    n = n.next_sibling();
  }
  return "";
}

bool is_admonition(Kind kind) {
  return kind == Kind::note || kind == Kind::tip || kind == Kind::important || kind == Kind::warning ||
         kind == Kind::caution;
}

}  // namespace handout
