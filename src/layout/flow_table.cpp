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

void FlowBuilder::table(pugi::xml_node table, const Context& ctx) {
  std::vector<Row> rows = collect_rows(table);
  if (rows.empty()) return;
  const int id = ++tables_;
  int columns = 0;
  for (const Row& r : rows) columns = std::max(columns, r.cells.empty() ? 0 : r.cells.back().column + r.cells.back().colspan);
  const double available = width(ctx);
  const double pad = 4;

  // Structure: Table, its Caption, THead and TBody (when there are header rows), TR, and TH
  // (header rows: Scope Column; a th in a body row: Scope Row) or TD, rows padded to the
  // table's columns so that the grid is regular. A table with no header cell at all is a layout
  // table (WCAG 2.1 failures F91 and F46: data tables name their headers, layout tables carry no
  // table markup): a Div whose cells are read in order as paragraphs.
  bool any_header = false, any_body = false, any_th = false;
  for (const Row& r : rows) {
    (r.header ? any_header : any_body) = true;
    for (const Cell& c : r.cells) any_th |= c.header || r.header;
  }
  const bool data_table = any_th;
  if (!data_table) diag_.note(Code::table_adjusted, 0, 0, "a table without header cells is tagged as a layout table: its cells are read in order");
  const int table_element = element(data_table ? "Table" : "Div", ctx.element);
  if (pugi::xml_node caption = table.child("caption")) {
    SpanStyle s = body_style();
    s.font.bold = true;
    lines_as_items(break_lines(inline_content(caption, s), available, fonts_, language_, missing_), ctx, s.size, true,
                   element(data_table ? "Caption" : "P", table_element));
  }
  const int thead = any_header && any_body ? element("THead", table_element) : table_element;
  const int tbody = any_header && any_body ? element("TBody", table_element) : table_element;

  // Pick the largest size (from the style's table size down to its floor) at which every
  // column fits its longest word; compute the column widths at that size.
  double size = style_.table_size;
  std::vector<double> min_w, pref_w;
  std::vector<std::vector<std::vector<Span>>> content(rows.size());
  for (;;) {
    min_w.assign(static_cast<std::size_t>(columns), 2 * pad + 6);
    pref_w.assign(static_cast<std::size_t>(columns), 2 * pad + 6);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      content[r].clear();
      for (const Cell& cell : rows[r].cells) {
        SpanStyle s = body_style(size / style_.body_size);
        s.font.bold = cell.header || rows[r].header;
        content[r].push_back(cell_content(cell.node, s));
        if (cell.colspan != 1) continue;
        const auto c = static_cast<std::size_t>(cell.column);
        min_w[c] = std::max(min_w[c], widest_word(content[r].back(), fonts_, language_) + 2 * pad);
        double one_line = 0;
        for (const Span& sp : content[r].back()) one_line += measure_text(text::collapse_whitespace(sp.text), sp.style, fonts_) + sp.style.size * 0.3;
        pref_w[c] = std::max(pref_w[c], one_line + 2 * pad);
      }
    }
    const double sum_min = std::accumulate(min_w.begin(), min_w.end(), 0.0);
    if (sum_min <= available || size <= style_.table_minimum) break;
    size = std::max(style_.table_minimum, size - 0.5);
  }
  if (size < style_.table_size) {
    diag_.note(Code::table_adjusted, 0, 0, "a wide table was set at " + std::to_string(size).substr(0, 4) + " pt to fit the page");
  }
  std::vector<double> widths(static_cast<std::size_t>(columns));
  const double sum_min = std::accumulate(min_w.begin(), min_w.end(), 0.0);
  const double sum_pref = std::accumulate(pref_w.begin(), pref_w.end(), 0.0);
  if (sum_min > available) {
    // Even at the floor the longest words do not fit: narrow columns keep their width, the
    // widest share what is left, and their cells wrap inside words.
    std::vector<std::size_t> order(widths.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return min_w[a] < min_w[b]; });
    double remaining = available;
    for (std::size_t k = 0; k < order.size(); ++k) {
      const double share = remaining / static_cast<double>(order.size() - k);
      widths[order[k]] = std::min(min_w[order[k]], share);
      remaining -= widths[order[k]];
    }
  }
  for (std::size_t c = 0; c < widths.size() && sum_min <= available; ++c) {
    if (sum_pref <= available) {
      widths[c] = pref_w[c] + (available - sum_pref) * pref_w[c] / sum_pref;
    } else {
      const double flex = sum_pref - sum_min;
      widths[c] = min_w[c] + (available - sum_min) * (flex > 0 ? (pref_w[c] - min_w[c]) / flex : 1.0 / columns);
    }
  }
  std::vector<double> x(static_cast<std::size_t>(columns) + 1, ctx.left);
  for (std::size_t c = 0; c < widths.size(); ++c) x[c + 1] = x[c] + widths[c];
  // A right-to-left table is mirrored: its first column stands on the right.
  const bool rtl = right_to_left_language(language_);
  auto cell_left = [&](const Cell& cell, double w) {
    const double left = x[static_cast<std::size_t>(cell.column)];
    return rtl ? x.front() + x.back() - left - w : left;
  };

  const double line_h = line_height(size);
  const double max_row = style_.page.body_height() * 0.6;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    const int tr = data_table ? element("TR", row.header ? thead : tbody) : table_element;
    std::vector<int> cell_elements;
    for (const Cell& cell : row.cells) {
      const bool th = cell.header || row.header;
      const int e = element(!data_table ? "P" : th ? "TH" : "TD", tr);
      if (th) flow_.structure[e].scope = row.header ? "Column" : "Row";
      flow_.structure[e].colspan = cell.colspan;
      cell_elements.push_back(e);
    }
    const Cell& last = row.cells.back();
    for (int c = last.column + last.colspan; data_table && c < columns; ++c) element("TD", tr);  // a ragged row
    std::vector<std::vector<Line>> cell_lines;
    for (std::size_t k = 0; k < row.cells.size(); ++k) {
      const Cell& cell = row.cells[k];
      const double w = x[static_cast<std::size_t>(cell.column + cell.colspan)] - x[static_cast<std::size_t>(cell.column)];
      cell_lines.push_back(break_lines(content[r][k], w - 2 * pad, fonts_, language_, missing_));
    }
    // Slices of the row, each at most max_row tall (one slice for any ordinary row).
    std::vector<std::size_t> next(row.cells.size(), 0);
    bool first_slice = true;
    for (;;) {
      FlowItem item;
      item.table = id;
      item.header_row = row.header;
      item.keep_with_next = row.header;
      item.groups = ctx.groups;
      double height = 0;
      std::vector<std::pair<std::size_t, std::size_t>> ranges(row.cells.size());
      for (std::size_t k = 0; k < row.cells.size(); ++k) {
        std::size_t i = next[k];
        double h = 0;
        while (i < cell_lines[k].size() && (h + line_h <= max_row || i == next[k])) {
          h += std::max(line_h, cell_lines[k][i].ascent + cell_lines[k][i].descent);
          ++i;
        }
        ranges[k] = {next[k], i};
        height = std::max(height, h);
      }
      height += 2 * pad;
      item.height = height;
      for (std::size_t k = 0; k < row.cells.size(); ++k) {
        const Cell& cell = row.cells[k];
        const double w = x[static_cast<std::size_t>(cell.column + cell.colspan)] - x[static_cast<std::size_t>(cell.column)];
        const double left = cell_left(cell, w);
        RectBox frame{left, 0, w, height, cell.header || row.header, style_.table_header, true, style_.rule, 0.6};
        item.drawing.rects.push_back(frame);
        double y = pad;
        Drawing cell_drawing;
        for (std::size_t i = ranges[k].first; i < ranges[k].second; ++i) {
          const Line& line = cell_lines[k][i];
          const double lh = std::max(line_h, line.ascent + line.descent);
          // A right-to-left line comes aligned right in the cell's text width, a left-to-right
          // one left; the cell's own alignment moves it from there.
          const double free = w - 2 * pad - line.width;
          const double natural = rtl ? free : 0;
          double wanted = natural;
          if (cell.align == "left") wanted = 0;
          if (cell.align == "right") wanted = free;
          if (cell.align == "center") wanted = free / 2;
          const double dx = left + pad + (wanted - natural);
          cell_drawing.append(line.drawing, dx, y + (lh - (line.ascent + line.descent)) / 2 + line.ascent);
          y += lh;
        }
        tag_drawing(cell_drawing, cell_elements[k]);
        item.drawing.append(cell_drawing, 0, 0);
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
  space(style_.paragraph_space * line_height(style_.body_size), ctx);
}

}  // namespace handout
