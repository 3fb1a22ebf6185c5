// The tree builder: the only way readers add content, so the tree is always valid DocBook 5.0.
//
// Content is added through typed sinks. An InlineSink wraps an element that takes inline
// content (para, title, emphasis, link, table cell...), a BlockSink one that takes blocks
// (article body, section, list item, block quote, footnote...). A sink only offers children
// its element may hold, so a reader cannot put a para inside a para or a section after a block.
// Sections are opened by TreeBuilder::heading(), which keeps the outline nested by level.
// Nesting past TreeLimits is flattened (with one warning), so later stages can recurse safely.
// TreeBuilder::finish() adds the children DocBook requires (a para in an empty section...).
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"

#include <pugixml.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace handout {

/// Limits the builder enforces. Nesting deeper than the depths is flattened into its container
/// (one warning); a table or footnote count past its limit stops the source with a SourceError.
struct TreeLimits {
  int max_block_depth = 40;
  int max_inline_depth = 40;
  int max_table_columns = 1000;            ///< columns of one row, counting colspans
  std::size_t max_table_cells = 100000;    ///< cells of one table, counting colspan x rowspan
  std::size_t max_footnotes = 10000;       ///< footnotes of one document
};

/// The call-out kinds DocBook offers.
enum class Admonition { note, tip, important, warning, caution };

/// Horizontal alignment of a table cell.
enum class CellAlign { none, left, center, right };

class TreeBuilder;
class BlockSink;
class ListSink;
class VariableListSink;
class TableSink;

/// A place that takes inline content. Inside a superscript or subscript (which DocBook 5.0
/// limits to text and a few inlines), emphasis and code are flattened to their text, and a
/// footnote or footnote reference is placed right after the superscript or subscript.
class InlineSink {
 public:
  /// Appends text; characters XML cannot hold become U+FFFD.
  void text(std::string_view s);
  /// Appends <emphasis> and returns it.
  InlineSink emphasis();
  /// Appends <emphasis role="strong"> and returns it.
  InlineSink strong();
  /// Appends <emphasis role="strikethrough"> and returns it.
  InlineSink strikethrough();
  /// Appends <subscript> and returns it.
  InlineSink subscript();
  /// Appends <superscript> and returns it.
  InlineSink superscript();
  /// Appends <link xlink:href=url> (with xlink:title when title is given); inside a link,
  /// returns a plain <phrase> instead (DocBook links do not nest).
  InlineSink link(std::string_view url, std::string_view title = {});
  /// Appends <link linkend=id> to an element of this document.
  InlineSink internal_link(std::string_view id);
  /// Appends <phrase role=role> (a span with a meaning DocBook has no element for).
  InlineSink phrase(std::string_view role);
  /// Appends <code> holding s as literal text.
  void code(std::string_view s);
  /// Appends a hard line break (<?linebreak?> followed by a newline).
  void line_break();
  /// Appends <inlinemediaobject> with the image and its alt text.
  void image(std::string_view url, std::string_view alt, std::string_view title = {});
  /// Appends a <footnote> (with xml:id when id is given; take it from TreeBuilder::claim_id)
  /// and returns its body.
  /// Inside a footnote, returns the enclosing footnote's body instead (DocBook forbids nesting).
  BlockSink footnote(std::string_view id = {});
  /// Appends <footnoteref linkend=id> pointing at an earlier footnote.
  void footnote_ref(std::string_view id);

  /// Returns the element this sink appends to.
  pugi::xml_node node() const { return node_; }

 private:
  friend class TreeBuilder;
  friend class BlockSink;
  friend class ListSink;
  friend class VariableListSink;
  friend class TableSink;
  friend class RowSink;
  // kTextOnly: inside an inline DocBook 5.0 limits to text (superscript, subscript): emphasis
  // and code there become their text, a footnote or footnote reference goes after it.
  enum Flags : unsigned { kInLink = 1, kInFootnote = 2, kTextOnly = 4 };
  InlineSink(pugi::xml_node node, TreeBuilder* builder, int depth, unsigned flags)
      : node_(node), builder_(builder), depth_(depth), flags_(flags) {}
  InlineSink nested(const char* name, const char* role);
  /// Returns where an inline that may not stand here goes: after the outermost text-only
  /// ancestor (a new element named name), or a new last child when this sink takes any inline.
  pugi::xml_node outside_text_only(const char* name);

  pugi::xml_node node_;
  TreeBuilder* builder_;
  int depth_;
  unsigned flags_;
};

/// A place that takes block content.
class BlockSink {
 public:
  /// Appends a <para> (with role when given) and returns it.
  InlineSink para(std::string_view role = {});
  /// Appends a <bridgehead> for a heading where no section can start (in a list or quote).
  InlineSink bridgehead(int level);
  /// Appends a <blockquote> and returns its body.
  BlockSink blockquote();
  /// Appends an <itemizedlist> (with role when given).
  ListSink itemized_list(std::string_view role = {});
  /// Appends an <orderedlist>, numbered from start.
  ListSink ordered_list(int start = 1);
  /// Appends a <variablelist> of terms and definitions.
  VariableListSink variable_list();
  /// Appends a <programlisting> holding code verbatim.
  void program_listing(std::string_view code, std::string_view language = {}, std::string_view role = {});
  /// Appends a <literallayout> holding text verbatim (line breaks kept).
  void literal_layout(std::string_view text, std::string_view role = {});
  /// Appends a <sidebar> (a boxed aside: key points...) with a title and role; returns its body.
  BlockSink sidebar(std::string_view title, std::string_view role = {});
  /// Appends a call-out (<note>, <tip>...) with an optional title and returns its body.
  BlockSink admonition(Admonition kind, std::string_view title = {});
  /// Appends an <informaltable> in the HTML table model.
  TableSink table();
  /// Appends a thematic break (<para role="thematic-break"/>).
  void thematic_break();
  /// Appends a block <mediaobject> with the image and its alt text.
  void image(std::string_view url, std::string_view alt, std::string_view title = {});

  /// Returns the element this sink appends to.
  pugi::xml_node node() const { return node_; }

 private:
  friend class TreeBuilder;
  friend class InlineSink;
  friend class ListSink;
  friend class VariableListSink;
  friend class TableSink;
  friend class RowSink;
  BlockSink(pugi::xml_node node, TreeBuilder* builder, int depth, unsigned flags)
      : node_(node), builder_(builder), depth_(depth), flags_(flags) {}
  /// Returns true (and warns once) when a container here would pass the depth limit.
  bool at_depth_limit() const;
  BlockSink container(const char* name, const char* role);

  pugi::xml_node node_;
  TreeBuilder* builder_;
  int depth_;
  unsigned flags_;
};

/// An itemized or ordered list; past the depth limit its items go into the parent.
class ListSink {
 public:
  /// Appends a <listitem> (with role when given) and returns its body.
  BlockSink item(std::string_view role = {});

 private:
  friend class BlockSink;
  ListSink(pugi::xml_node list, BlockSink parent) : list_(list), parent_(parent) {}
  pugi::xml_node list_;  // null when flattened
  BlockSink parent_;
};

/// A variable list; each entry has a term and a definition.
class VariableListSink {
 public:
  /// One term with its definition.
  struct Entry {
    InlineSink term;
    BlockSink definition;
  };
  /// Appends a <varlistentry> and returns its term and definition.
  Entry entry();

 private:
  friend class BlockSink;
  VariableListSink(pugi::xml_node list, BlockSink parent) : list_(list), parent_(parent) {}
  pugi::xml_node list_;  // null when flattened
  BlockSink parent_;
};

/// One table row.
class RowSink {
 public:
  /// Appends a cell (<th> when header) holding inline content.
  InlineSink cell(bool header, CellAlign align = CellAlign::none, int colspan = 1, int rowspan = 1);
  /// Appends a cell (<th> when header) holding block content.
  BlockSink block_cell(bool header, CellAlign align = CellAlign::none, int colspan = 1, int rowspan = 1);

 private:
  friend class TableSink;
  RowSink(pugi::xml_node row, BlockSink parent) : row_(row), parent_(parent) {}
  pugi::xml_node make_cell(bool header, CellAlign align, int colspan, int rowspan);
  pugi::xml_node row_;  // null when the table was flattened
  BlockSink parent_;
};

/// A table in the HTML model: header rows go in <thead>, others in <tbody>.
class TableSink {
 public:
  /// Sets the caption (turning the informaltable into a table) and returns it.
  InlineSink caption();
  /// Appends a header row (in <thead> while no body row exists, else a body row).
  RowSink header_row();
  /// Appends a body row.
  RowSink row();
  /// Returns the table element (null when flattened).
  pugi::xml_node node() const { return table_; }

 private:
  friend class BlockSink;
  TableSink(pugi::xml_node table, BlockSink parent) : table_(table), parent_(parent) {}
  pugi::xml_node table_;  // null when flattened
  BlockSink parent_;
};

/// Builds one document: owns the outline of open sections and the set of used ids.
/// Must outlive every sink it hands out.
class TreeBuilder {
 public:
  TreeBuilder(Document& doc, Diagnostics& diag, TreeLimits limits = {});

  /// Starts a section for a heading of the given level (1 is the highest) and returns its title.
  /// Open sections of the same or a deeper level are closed first.
  InlineSink heading(int level);
  /// Returns where body blocks go now: the innermost open section, or the article.
  BlockSink body();
  /// Empties the document title (info/title) and returns it, for a heading that is the title.
  InlineSink title();
  /// Returns an id derived from base that no other element of this document has, and reserves it.
  std::string claim_id(std::string_view base);
  /// Tells the builder which source line is being read (used to locate diagnostics).
  void set_line(int line) { line_ = line; }
  /// Adds the children DocBook requires and removes empty containers; call once at the end.
  void finish();

  /// Returns the document being built.
  Document& document() { return doc_; }
  /// Returns the limits in force.
  const TreeLimits& limits() const { return limits_; }

 private:
  friend class BlockSink;
  friend class InlineSink;
  friend class RowSink;
  void warn_depth();
  /// Counts one cell of colspan x rowspan in row and its table; throws SourceError past a limit.
  void count_cell(pugi::xml_node row, int colspan, int rowspan);
  /// Counts one footnote; throws SourceError past the limit.
  void count_footnote();
  /// Throws the SourceError for a count past a limit: what, at the current line, and the
  /// --limit option that raises it.
  [[noreturn]] void over_limit(const std::string& what, std::string_view limit) const;

  Document& doc_;
  Diagnostics& diag_;
  TreeLimits limits_;
  std::vector<std::pair<int, pugi::xml_node>> open_sections_;
  std::unordered_set<std::string> ids_;
  int line_ = 0;
  bool depth_warned_ = false;
  std::unordered_map<const void*, int> row_columns_;            // by the row's pugixml node
  std::unordered_map<const void*, std::size_t> table_cells_;    // by the table's pugixml node
  std::size_t footnotes_ = 0;
};

/// Makes every element's required children present and drops empty containers, so the tree
/// validates after readers or transforms removed content. Idempotent.
void repair_content_models(Document& doc);

}  // namespace handout
