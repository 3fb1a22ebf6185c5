// The DocBook 5.0 subset handout's tree holds, as one table: each element's name, its Kind and
// its place in the flow (document structure, block, inline, part of another element, metadata).
// Readers build the tree with the typed builder (model/builder.hpp); writers, layout and
// transforms dispatch on kind_of(node) with a `switch`, so that an element added here is a
// compile error (-Werror=switch) wherever it is not yet handled.
#pragma once

#include <pugixml.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace handout {

/// Every element of the subset, and `unknown` for a name outside it (and for non-elements).
enum class Kind : std::uint8_t {
  // Document structure
  article, section, title, subtitle, titleabbrev, info,
  // Metadata, inside info
  abstract, author, personname, orgname, date, pubdate, revhistory, revision, keywordset, keyword,
  legalnotice, copyright, year, holder, bibliosource, bibliomisc,
  // Blocks
  para, simpara, formalpara, bridgehead, blockquote, itemizedlist, orderedlist, variablelist,
  programlisting, screen, literallayout, note, tip, important, warning, caution, sidebar,
  informaltable, table, mediaobject, informalfigure, figure,
  // Parts of a block
  attribution, listitem, varlistentry, term, caption, thead, tbody, tfoot, tr, th, td, imageobject,
  imagedata, textobject,
  // Inlines
  emphasis, link, code, literal, subscript, superscript, quote, abbrev, acronym, foreignphrase,
  glossterm, phrase, anchor, uri, footnote, footnoteref, inlinemediaobject,
  unknown,
};

/// Where an element stands.
enum class Placement : std::uint8_t { structure, metadata, block, part, inline_text, unknown };

/// Returns the Kind of an element name ("para" → Kind::para), or Kind::unknown.
Kind kind_named(std::string_view name);

/// Returns the Kind of a node: Kind::unknown for text, processing instructions and names
/// outside the subset.
Kind kind_of(pugi::xml_node node);

/// Returns the element name of a Kind ("" for Kind::unknown).
std::string_view name_of(Kind kind);

/// Returns where elements of a Kind stand.
Placement placement_of(Kind kind);

/// True for elements that sit inside running text (emphasis, link, footnote, glossterm...).
inline bool is_inline(Kind kind) { return placement_of(kind) == Placement::inline_text; }

/// True for inlines whose content DocBook 5.0 limits to text and a few inlines (db._text and
/// its kin): superscript, subscript, code, literal, uri, abbrev, acronym. No emphasis, quote,
/// code or footnote may stand inside them.
bool holds_text_only(Kind kind);

/// True for the elements that may stand inside an inline that holds text only: superscript,
/// subscript, link, anchor, inlinemediaobject and phrase (a phrase there holds text only too).
bool allowed_in_text_only(Kind kind);

/// True when node sits where DocBook 5.0 allows text only: inside a holds_text_only() element,
/// through nothing but phrases, links, superscripts and subscripts.
bool in_text_only(pugi::xml_node node);

/// Checks the tree under root against the content models of the subset (the oracle of the fuzz
/// targets and tests): every element is in the table; text-only inlines hold only what DocBook
/// allows; inlines hold no blocks; a footnote holds no footnote; sections, lists, list items,
/// quotes and call-outs hold no loose inlines. Returns "" when valid, else the first violation
/// as "parent > child: why" with the element path.
std::string content_model_violation(pugi::xml_node root);

/// True for the five call-outs: note, tip, important, warning, caution.
bool is_admonition(Kind kind);

}  // namespace handout
