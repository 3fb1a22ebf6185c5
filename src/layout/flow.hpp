// The flow: the tree's blocks laid out for a column of a given width, as a list of items that
// pagination places whole (a line of text, a space, a table row, an image). Items carry the
// rules pagination keeps: keep-with-next chains (headings, orphans and widows), discardable
// spaces, table header rows to repeat, and the boxes and bars drawn behind groups of items.
#pragma once

#include "layout/boxes.hpp"
#include "layout/fonts.hpp"
#include "layout/line_breaker.hpp"
#include "layout/style.hpp"
#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "model/schema.hpp"

#include <pugixml.hpp>

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace handout {

/// The natural size of an image the layout may place, in points.
struct ImageSize {
  double width = 0;
  double height = 0;
};

/// Images that could be read, by their reference in the tree (imagedata/@fileref).
using ImageSizes = std::map<std::string, ImageSize>;

/// One piece of the flow, placed whole on a page.
struct FlowItem {
  double height = 0;
  Drawing drawing;                 ///< relative to the item's top-left corner at the column's left edge
  bool keep_with_next = false;     ///< must stay on the same page as the next item
  bool discardable = false;        ///< a space: left out at the top of a page
  std::vector<int> groups;         ///< the decoration groups (boxes, bars) the item is inside
  int table = -1;                  ///< the table a row belongs to
  bool header_row = false;         ///< repeated at the top of a page when its table goes on
  std::optional<Bookmark> bookmark;  ///< a section starts here (page and y set by pagination)
};

/// A box or bar drawn behind the consecutive items of a group, on each page it spans.
struct FlowGroup {
  enum Kind { box, bar, shade } kind = box;
  double left = 0;   ///< from the column's left edge
  double right = 0;  ///< from the column's left edge
  Color border;
  Color fill;
};

/// A laid-out column of content.
struct Flow {
  std::vector<FlowItem> items;
  std::vector<FlowGroup> groups;
  StructureTree structure;  ///< the elements the items' runs, images and links belong to
  /// Returns the sum of item heights (the height the flow takes on one endless page).
  double height() const;
};

/// Default label of a call-out kind ("Note", "Warning"...) in the language (styles/messages.yaml).
std::string admonition_label(std::string_view kind, std::string_view language = "en");

/// Formats an ISO date for reading in the language: "June 5, 2026", "5 de junio de 2026"
/// (print_date, CLDR's long form); as given when it is no ISO date.
std::string readable_date(std::string_view iso, std::string_view language);

/// Builds a flow from the tree's blocks for a column of the given width.
class FlowBuilder {
 public:
  /// The builder numbers every footnote of doc in document order.
  FlowBuilder(const Document& doc, const Style& style, const FontSet& fonts, const ImageSizes& images,
              double width, Diagnostics& diag);

  /// Adds the title block: title, subtitle, authors and dates.
  void add_title_block();
  /// Adds the block children of parent (an article, a section, a list item...).
  void add_blocks(pugi::xml_node parent);
  /// Adds one paragraph of inline content in the given span style with paragraph spacing.
  void add_paragraph(const std::vector<Span>& spans);
  /// Adds the footnotes met so far as numbered notes under a "Notes" heading.
  void add_notes();
  /// Adds the colophon: source, copyright and licence lines, last-updated date.
  void add_colophon();
  /// Returns the body text style (font, size, colour), scaled by factor.
  SpanStyle body_style(double factor = 1.0) const;
  /// Returns the characters no font could draw, so far.
  const MissingGlyphs& missing() const { return missing_; }
  /// Returns the flow built so far and resets the builder's items.
  Flow take();

 private:
  struct Context {
    double left = 0;   ///< indent from the column's left edge
    double right = 0;  ///< indent from the column's right edge
    std::vector<int> groups;
    int section_level = 0;
    int list_depth = 0;
    int element = 0;  ///< the structure element blocks are placed in
  };

  void block(pugi::xml_node n, Context& ctx);
  void blocks(pugi::xml_node parent, Context& ctx);
  void heading(pugi::xml_node title, int level, const Context& ctx, const std::string& anchor_id, bool bookmark);
  void paragraph(const std::vector<Span>& spans, const Context& ctx, double space_after_lines = -1);
  /// Adds lines as items; their untagged runs, images and links belong to element.
  void lines_as_items(const std::vector<Line>& lines, const Context& ctx, double size, bool keep_all, int element);
  /// Gives element to what in d has no element yet, and makes it the parent of the inline
  /// elements (links) d's spans made before their block's element existed.
  void tag_drawing(Drawing& d, int element);
  /// Adds a structure element of the given type under parent and returns its index.
  int element(const char* type, int parent) { return flow_.structure.add(type, parent); }
  void space(double points, const Context& ctx, bool keep = false);
  void list(pugi::xml_node list, Context& ctx);
  void blockquote(pugi::xml_node n, Context& ctx);
  void callout(pugi::xml_node n, Kind kind, Context& ctx);
  void variable_list(pugi::xml_node list, Context& ctx);
  void boxed(pugi::xml_node n, Context& ctx, FlowGroup::Kind kind, Color color, const std::string& title);
  void verbatim(pugi::xml_node n, const Context& ctx, bool mono);
  void image(pugi::xml_node media, const Context& ctx);
  void table(pugi::xml_node table, const Context& ctx);
  /// A table's steps (flow_table.cpp): its tagging elements and caption, the type size and
  /// column grid, each row's elements, and each row as items (slices when over-tall).
  struct TablePlan;
  void table_structure(pugi::xml_node table, TablePlan& plan, double available, const Context& ctx);
  void measure_cells(TablePlan& plan, std::vector<double>& min_w, std::vector<double>& pref_w);
  void size_table(TablePlan& plan, double available, const Context& ctx);
  std::vector<int> row_elements(const TablePlan& plan, std::size_t r);
  void draw_cell(const TablePlan& plan, std::size_t r, std::size_t k, const std::vector<Line>& lines,
                 std::pair<std::size_t, std::size_t> range, int cell_element, FlowItem& item);
  void table_row(const TablePlan& plan, std::size_t r, const Context& ctx);
  void rule(const Context& ctx);
  void attach_marker(std::size_t first_item, const std::string& marker, const SpanStyle& style, double x_right);

  std::vector<Span> cell_content(pugi::xml_node cell, const SpanStyle& style);
  void inlines(pugi::xml_node n, const SpanStyle& style, std::vector<Span>& out);
  void inline_element(pugi::xml_node c, const SpanStyle& style, std::vector<Span>& out);
  void mono(pugi::xml_node c, const SpanStyle& style, std::vector<Span>& out);
  void note_reference(pugi::xml_node c, Kind kind, const SpanStyle& style, std::vector<Span>& out);
  std::vector<Span> inline_content(pugi::xml_node n, const SpanStyle& style);
  double width(const Context& ctx) const { return width_ - ctx.left - ctx.right; }
  double line_height(double size) const { return size * style_.leading; }
  int new_group(FlowGroup group);

  const Document& doc_;
  const Style& style_;
  const FontSet& fonts_;
  const ImageSizes& images_;
  double width_;
  Diagnostics& diag_;
  std::string language_;
  Flow flow_;
  MissingGlyphs missing_;
  int tables_ = 0;           ///< tables laid out so far (a row's table id)
  int keep_next_lines_ = 0;  ///< lines that must stay with what came before (after a heading)
  int heading_base_ = 0;     ///< 1 when the title is the H1 (a section at depth n is then H(n+1))
  int last_heading_ = 0;     ///< the last heading level tagged (levels are never skipped)
  std::unordered_map<const void*, int> note_numbers_;  ///< footnote element -> number
  std::map<std::string, int> note_ids_;                ///< footnote xml:id -> number
  std::vector<pugi::xml_node> notes_;                  ///< footnotes met, in order
  std::map<int, bool> note_referenced_;                ///< number -> its first reference was placed
};

}  // namespace handout
