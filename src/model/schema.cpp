#include "model/schema.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
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

bool is_admonition(Kind kind) {
  return kind == Kind::note || kind == Kind::tip || kind == Kind::important || kind == Kind::warning ||
         kind == Kind::caution;
}

}  // namespace handout
