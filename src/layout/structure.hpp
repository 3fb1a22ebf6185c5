// The logical structure of a laid-out document: the elements a screen reader walks (PDF 1.7
// standard structure types: Document, H1..H6, P, L/LI/Lbl/LBody, Table/TR/TH/TD, Figure, Link...)
// and, for everything drawn, which element it belongs to or which kind of artifact it is.
// Layout builds it from the DocBook tree; the PDF writer turns it into a structure tree and
// marked content. No PDF library here.
#pragma once

#include <string>
#include <vector>

namespace handout {

/// What a drawn thing (text run, image, rectangle, link area) belongs to: an element index
/// (0 or more) of the document's StructureTree, or one of these artifact kinds.
namespace tag {
/// Decoration: rules, backgrounds, borders, underlines, badges, tick boxes.
inline constexpr int artifact = -1;
/// The running header (and the logo drawn on every page).
inline constexpr int page_header = -2;
/// The running footer and page numbers.
inline constexpr int page_footer = -3;
/// Content repeated because of pagination (a table's header rows on a later page).
inline constexpr int repeated = -4;
/// Not yet assigned: a flow item's runs take the element of the block that places them.
inline constexpr int inherit = -5;
}  // namespace tag

/// One structure element.
struct StructElement {
  std::string type;            ///< a PDF 1.7 standard structure type ("P", "H2", "LI"...)
  int parent = -1;             ///< index of the parent; -1 for the root (Document)
  std::string alt;             ///< /Alt: a figure's text alternative
  std::string id;              ///< /ID: a note's identifier
  std::string scope;           ///< /Scope of a TH: "Column" or "Row"
  int colspan = 1;             ///< /ColSpan of a TH or TD
  std::string list_numbering;  ///< /ListNumbering of an L: "Decimal", "Disc"... or empty
  std::string lang;            ///< /Lang: a BCP 47 tag, when it differs from the document's
};

/// The elements of one document in the order they were made; element 0 is the Document.
/// Children follow the reading order of their content (the writer orders them by where their
/// content is drawn); an element with no content and no children is left out, except table
/// cells, which keep the table's grid regular.
class StructureTree {
 public:
  /// Starts a tree with its Document element.
  StructureTree();
  /// Adds an element of the given type under parent and returns its index.
  int add(std::string type, int parent);
  /// Returns element i.
  StructElement& operator[](int i) { return elements_[static_cast<std::size_t>(i)]; }
  /// Returns element i.
  const StructElement& operator[](int i) const { return elements_[static_cast<std::size_t>(i)]; }
  /// Returns the number of elements.
  int size() const { return static_cast<int>(elements_.size()); }

 private:
  std::vector<StructElement> elements_;
};

}  // namespace handout
