// Tables in the flow: columns sized by their content, text shrunk down to the style's floor
// when the table is too wide, then cells wrapped; one item per row (over-tall rows in slices),
// header rows marked to be repeated after a page break.
#include "layout/flow.hpp"
#include "layout/shaping.hpp"

#include "text/text.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace handout {

namespace {

struct Cell {
  pugi::xml_node node;
  bool header = false;
  int colspan = 1;
  int column = 0;
  std::string align;
};

struct Row {
  std::vector<Cell> cells;
  bool header = false;
};

std::vector<Row> collect_rows(pugi::xml_node table) {
  std::vector<Row> rows;
  auto add_rows = [&](pugi::xml_node parent, bool header) {
    for (pugi::xml_node tr : parent.children("tr")) {
      Row row;
      row.header = header;
      int column = 0;
      for (pugi::xml_node c = tr.first_child(); c; c = c.next_sibling()) {
        if (std::strcmp(c.name(), "td") != 0 && std::strcmp(c.name(), "th") != 0) continue;
        Cell cell{c, std::strcmp(c.name(), "th") == 0, std::clamp(c.attribute("colspan").as_int(1), 1, 1000), column,
                  c.attribute("align").value()};
        column += cell.colspan;
        row.cells.push_back(cell);
      }
      if (!row.cells.empty()) rows.push_back(std::move(row));
    }
  };
  add_rows(table.child("thead"), true);
  for (pugi::xml_node tbody : table.children("tbody")) add_rows(tbody, false);
  add_rows(table, false);
  add_rows(table.child("tfoot"), false);
  return rows;
}

}  // namespace

std::vector<Span> FlowBuilder::cell_content(pugi::xml_node cell, const SpanStyle& style) {
  // Inline cells directly; block cells as their blocks' text separated by line breaks, list
  // items marked with a bullet.
  bool blocks_inside = false;
  for (pugi::xml_node c = cell.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && (std::strcmp(c.name(), "para") == 0 || std::strcmp(c.name(), "itemizedlist") == 0 ||
                                           std::strcmp(c.name(), "orderedlist") == 0 || std::strcmp(c.name(), "informaltable") == 0))
      blocks_inside = true;
  }
  if (!blocks_inside) return inline_content(cell, style);
  std::vector<Span> spans;
  auto line_break = [&] {
    if (!spans.empty()) spans.push_back({"\xE2\x80\xA8", style, {}});
  };
  for (const auto& x : cell.select_nodes(".//para | .//programlisting | .//literallayout")) {
    pugi::xml_node p = x.node();
    bool nested = false;
    for (pugi::xml_node a = p.parent(); a && a != cell; a = a.parent()) nested |= std::strcmp(a.name(), "para") == 0;
    if (nested) continue;
    line_break();
    if (std::strcmp(p.parent().name(), "listitem") == 0 && p.parent().first_child() == p) spans.push_back({"\xE2\x80\xA2 ", style, {}});
    inlines(p, style, spans);
  }
  return spans;
}

namespace {

/// Column widths for the available width: preferred widths scaled to fill it when they fit,
/// else each column between its longest word and its preferred width; when even the longest
/// words do not fit, narrow columns keep their width and the widest share what is left (their
/// cells wrap inside words).
std::vector<double> column_widths(const std::vector<double>& min_w, const std::vector<double>& pref_w, double available) {
  std::vector<double> widths(min_w.size());
  const double sum_min = std::accumulate(min_w.begin(), min_w.end(), 0.0);
  const double sum_pref = std::accumulate(pref_w.begin(), pref_w.end(), 0.0);
  if (sum_min > available) {
    std::vector<std::size_t> order(widths.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return min_w[a] < min_w[b]; });
    double remaining = available;
    for (std::size_t k = 0; k < order.size(); ++k) {
      const double share = remaining / static_cast<double>(order.size() - k);
      widths[order[k]] = std::min(min_w[order[k]], share);
      remaining -= widths[order[k]];
    }
    return widths;
  }
  const double flex = sum_pref - sum_min;
  for (std::size_t c = 0; c < widths.size(); ++c) {
    if (sum_pref <= available) {
      widths[c] = pref_w[c] + (available - sum_pref) * pref_w[c] / sum_pref;
    } else {
      widths[c] = min_w[c] + (available - sum_min) * (flex > 0 ? (pref_w[c] - min_w[c]) / flex : 1.0 / static_cast<int>(widths.size()));
    }
  }
  return widths;
}

/// Where a cell's line starts relative to its natural place: a right-to-left line comes
/// aligned right in the cell's text width, a left-to-right one left; the cell's own alignment
/// moves it from there.
double align_shift(const std::string& align, double free, bool rtl) {
  const double natural = rtl ? free : 0;
  double wanted = natural;
  if (align == "left") wanted = 0;
  if (align == "right") wanted = free;
  if (align == "center") wanted = free / 2;
  return wanted - natural;
}

/// The next slice of a row: for each cell, the lines from next[k] that fit in max_row (at
/// least one); returns the slice's height without padding.
double slice_ranges(const std::vector<std::vector<Line>>& cell_lines, const std::vector<std::size_t>& next, double line_h,
                    double max_row, std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
  double height = 0;
  for (std::size_t k = 0; k < cell_lines.size(); ++k) {
    std::size_t i = next[k];
    double h = 0;
    while (i < cell_lines[k].size() && (h + line_h <= max_row || i == next[k])) {
      h += std::max(line_h, cell_lines[k][i].ascent + cell_lines[k][i].descent);
      ++i;
    }
    ranges[k] = {next[k], i};
    height = std::max(height, h);
  }
  return height;
}

}  // namespace

/// A table being laid out: its rows, grid, tagging elements and the content of its cells at
/// the chosen size.
struct FlowBuilder::TablePlan {
  std::vector<Row> rows;
  int id = 0;
  int columns = 0;
  double pad = 4;
  bool data_table = false;
  int table_element = 0, thead = 0, tbody = 0;
  double size = 0;
  std::vector<std::vector<std::vector<Span>>> content;  ///< row -> cell -> spans
  std::vector<double> x;                                 ///< column edges
  bool rtl = false;

  double cell_width(const Cell& cell) const {
    return x[static_cast<std::size_t>(cell.column + cell.colspan)] - x[static_cast<std::size_t>(cell.column)];
  }
  // A right-to-left table is mirrored: its first column stands on the right.
  double cell_left(const Cell& cell, double w) const {
    const double left = x[static_cast<std::size_t>(cell.column)];
    return rtl ? x.front() + x.back() - left - w : left;
  }
};

void FlowBuilder::table_structure(pugi::xml_node table, TablePlan& plan, double available, const Context& ctx) {
  // Structure: Table, its Caption, THead and TBody (when there are header rows), TR, and TH
  // (header rows: Scope Column; a th in a body row: Scope Row) or TD, rows padded to the
  // table's columns so that the grid is regular. A table with no header cell at all is a layout
  // table (WCAG 2.1 failures F91 and F46: data tables name their headers, layout tables carry no
  // table markup): a Div whose cells are read in order as paragraphs.
  bool any_header = false, any_body = false, any_th = false;
  for (const Row& r : plan.rows) {
    (r.header ? any_header : any_body) = true;
    for (const Cell& c : r.cells) any_th |= c.header || r.header;
  }
  plan.data_table = any_th;
  if (!plan.data_table) diag_.note(Code::table_adjusted, 0, 0, "a table without header cells is tagged as a layout table: its cells are read in order");
  plan.table_element = element(plan.data_table ? "Table" : "Div", ctx.element);
  if (pugi::xml_node caption = table.child("caption")) {
    SpanStyle s = body_style();
    s.font.bold = true;
    lines_as_items(break_lines(inline_content(caption, s), available, fonts_, language_, missing_), ctx, s.size, true,
                   element(plan.data_table ? "Caption" : "P", plan.table_element));
  }
  plan.thead = any_header && any_body ? element("THead", plan.table_element) : plan.table_element;
  plan.tbody = any_header && any_body ? element("TBody", plan.table_element) : plan.table_element;
}

void FlowBuilder::measure_cells(TablePlan& plan, std::vector<double>& min_w, std::vector<double>& pref_w) {
  const double pad = plan.pad;
  min_w.assign(static_cast<std::size_t>(plan.columns), 2 * pad + 6);
  pref_w.assign(static_cast<std::size_t>(plan.columns), 2 * pad + 6);
  for (std::size_t r = 0; r < plan.rows.size(); ++r) {
    plan.content[r].clear();
    for (const Cell& cell : plan.rows[r].cells) {
      SpanStyle s = body_style(plan.size / style_.body_size);
      s.font.bold = cell.header || plan.rows[r].header;
      plan.content[r].push_back(cell_content(cell.node, s));
      if (cell.colspan != 1) continue;
      const auto c = static_cast<std::size_t>(cell.column);
      min_w[c] = std::max(min_w[c], widest_word(plan.content[r].back(), fonts_, language_) + 2 * pad);
      double one_line = 0;
      for (const Span& sp : plan.content[r].back()) one_line += measure_text(text::collapse_whitespace(sp.text), sp.style, fonts_) + sp.style.size * 0.3;
      pref_w[c] = std::max(pref_w[c], one_line + 2 * pad);
    }
  }
}

void FlowBuilder::size_table(TablePlan& plan, double available, const Context& ctx) {
  // Pick the largest size (from the style's table size down to its floor) at which every
  // column fits its longest word; compute the column widths at that size.
  plan.size = style_.table_size;
  std::vector<double> min_w, pref_w;
  plan.content.assign(plan.rows.size(), {});
  for (;;) {
    measure_cells(plan, min_w, pref_w);
    const double sum_min = std::accumulate(min_w.begin(), min_w.end(), 0.0);
    if (sum_min <= available || plan.size <= style_.table_minimum) break;
    plan.size = std::max(style_.table_minimum, plan.size - 0.5);
  }
  if (plan.size < style_.table_size) {
    diag_.note(Code::table_adjusted, 0, 0, "a wide table was set at " + std::to_string(plan.size).substr(0, 4) + " pt to fit the page");
  }
  const std::vector<double> widths = column_widths(min_w, pref_w, available);
  plan.x.assign(static_cast<std::size_t>(plan.columns) + 1, ctx.left);
  for (std::size_t c = 0; c < widths.size(); ++c) plan.x[c + 1] = plan.x[c] + widths[c];
  plan.rtl = right_to_left_language(language_);
}

std::vector<int> FlowBuilder::row_elements(const TablePlan& plan, std::size_t r) {
  const Row& row = plan.rows[r];
  const int tr = plan.data_table ? element("TR", row.header ? plan.thead : plan.tbody) : plan.table_element;
  std::vector<int> cell_elements;
  for (const Cell& cell : row.cells) {
    const bool th = cell.header || row.header;
    const int e = element(!plan.data_table ? "P" : th ? "TH" : "TD", tr);
    if (th) flow_.structure[e].scope = row.header ? "Column" : "Row";
    flow_.structure[e].colspan = cell.colspan;
    cell_elements.push_back(e);
  }
  const Cell& last = row.cells.back();
  for (int c = last.column + last.colspan; plan.data_table && c < plan.columns; ++c) element("TD", tr);  // a ragged row
  return cell_elements;
}

void FlowBuilder::draw_cell(const TablePlan& plan, std::size_t r, std::size_t k, const std::vector<Line>& lines,
                            std::pair<std::size_t, std::size_t> range, int cell_element, FlowItem& item) {
  const Cell& cell = plan.rows[r].cells[k];
  const bool header_row = plan.rows[r].header;
  const double pad = plan.pad;
  const double line_h = line_height(plan.size);
  const double w = plan.cell_width(cell);
  const double left = plan.cell_left(cell, w);
  RectBox frame{left, 0, w, item.height, cell.header || header_row, style_.table_header, true, style_.rule, 0.6};
  item.drawing.rects.push_back(frame);
  double y = pad;
  Drawing cell_drawing;
  for (std::size_t i = range.first; i < range.second; ++i) {
    const Line& line = lines[i];
    const double lh = std::max(line_h, line.ascent + line.descent);
    const double dx = left + pad + align_shift(cell.align, w - 2 * pad - line.width, plan.rtl);
    cell_drawing.append(line.drawing, dx, y + (lh - (line.ascent + line.descent)) / 2 + line.ascent);
    y += lh;
  }
  tag_drawing(cell_drawing, cell_element);
  item.drawing.append(cell_drawing, 0, 0);
}

void FlowBuilder::table_row(const TablePlan& plan, std::size_t r, const Context& ctx) {
  const Row& row = plan.rows[r];
  const double pad = plan.pad;
  const double line_h = line_height(plan.size);
  const double max_row = style_.page.body_height() * 0.6;
  const std::vector<int> cell_elements = row_elements(plan, r);
  std::vector<std::vector<Line>> cell_lines;
  for (std::size_t k = 0; k < row.cells.size(); ++k) {
    cell_lines.push_back(break_lines(plan.content[r][k], plan.cell_width(row.cells[k]) - 2 * pad, fonts_, language_, missing_));
  }
  // Slices of the row, each at most max_row tall (one slice for any ordinary row).
  std::vector<std::size_t> next(row.cells.size(), 0);
  bool first_slice = true;
  for (;;) {
    FlowItem item;
    item.table = plan.id;
    item.header_row = row.header;
    item.keep_with_next = row.header;
    item.groups = ctx.groups;
    std::vector<std::pair<std::size_t, std::size_t>> ranges(row.cells.size());
    item.height = slice_ranges(cell_lines, next, line_h, max_row, ranges) + 2 * pad;
    for (std::size_t k = 0; k < row.cells.size(); ++k) {
      draw_cell(plan, r, k, cell_lines[k], ranges[k], cell_elements[k], item);
      next[k] = ranges[k].second;
    }
    if (first_slice && r == 0 && !row.header) item.keep_with_next = false;
    flow_.items.push_back(std::move(item));
    first_slice = false;
    bool done = true;
    for (std::size_t k = 0; k < row.cells.size(); ++k) done &= next[k] >= cell_lines[k].size();
    if (done) break;
  }
}

void FlowBuilder::table(pugi::xml_node table, const Context& ctx) {
  TablePlan plan;
  plan.rows = collect_rows(table);
  if (plan.rows.empty()) return;
  plan.id = ++tables_;
  for (const Row& r : plan.rows) plan.columns = std::max(plan.columns, r.cells.empty() ? 0 : r.cells.back().column + r.cells.back().colspan);
  const double available = width(ctx);
  table_structure(table, plan, available, ctx);
  size_table(plan, available, ctx);
  for (std::size_t r = 0; r < plan.rows.size(); ++r) table_row(plan, r, ctx);
  space(style_.paragraph_space * line_height(style_.body_size), ctx);
}

}  // namespace handout
