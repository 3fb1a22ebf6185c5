#include "layout/summary_layout.hpp"

#include "layout/handout_layout.hpp"
#include "layout/line_breaker.hpp"
#include "layout/qr_code.hpp"
#include "layout/shaping.hpp"
#include "text/messages.hpp"
#include "text/text.hpp"
#include "transforms/statement_checks.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <unordered_map>

namespace handout {

namespace {

constexpr Color kWhite{1, 1, 1};
constexpr double kQrSide = 72;  // one inch: modules of about 0.7 mm for a typical URL
constexpr int kTitleLines = 3;

/// The content being fitted: what is still on the sheet.
struct Working {
  std::string title;
  std::vector<std::string> message;  ///< the main message's sentences
  std::vector<std::string> safety;   ///< lines ending in ":" lead in the items after them
  std::vector<std::string> key_points;
  std::vector<std::string> questions;
  std::vector<GlossaryEntry> glossary;
};

/// Returns the first words of text for a note, cut near 60 bytes.
std::string preview(const std::string& text) {
  if (text.size() <= 60) return text;
  std::size_t cut = text.rfind(' ', 57);
  if (cut == std::string::npos || cut < 20) {
    cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  return text.substr(0, cut) + "\xE2\x80\xA6";
}

/// Returns text cut to about half its words, ending with an ellipsis; unchanged when it has
/// fewer than min_words words.
std::string halve_words(const std::string& text, std::size_t min_words) {
  std::vector<std::size_t> spaces;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == ' ') spaces.push_back(i);
  if (spaces.size() + 1 < min_words) return text;
  std::string out = text.substr(0, spaces[spaces.size() / 2]);
  while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':')) out.pop_back();
  return out + "\xE2\x80\xA6";
}

/// Returns text cut to about half its characters (whole UTF-8 sequences), ending with an ellipsis.
std::string halve_characters(const std::string& text) {
  std::size_t cut = text.size() / 2;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\xE2\x80\xA6";
}

/// Spans already broken into lines, by spans and width. Fitting lays the sheet out again for
/// each cut and type size, in four column arrangements, mostly with the same texts.
class LineCache {
 public:
  LineCache(const FontSet& fonts, const std::string& language) : fonts_(fonts), language_(language) {}

  /// Returns spans broken into lines no wider than width (as break_lines does), adding the
  /// characters no face has to missing.
  const std::vector<Line>& lines(const std::vector<Span>& spans, double width, MissingGlyphs& missing) {
    std::string key;
    auto put = [&key](const auto& value) { key.append(reinterpret_cast<const char*>(&value), sizeof value); };
    auto put_text = [&](const std::string& text) {
      put(text.size());
      key += text;
    };
    put(width);
    for (const Span& span : spans) {
      put_text(span.text);
      put_text(span.anchor);
      const SpanStyle& style = span.style;
      put(style.font.family), put(style.font.bold), put(style.font.italic), put(style.size), put(style.color.r),
          put(style.color.g), put(style.color.b), put(style.rise), put(style.underline), put(style.strike),
          put(style.element);
      put_text(style.uri);
      put_text(style.target);
    }
    auto [it, added] = entries_.try_emplace(std::move(key));
    Entry& entry = it->second;
    if (added) {
      MissingGlyphs own;
      entry.lines = break_lines(spans, width, fonts_, language_, own);
      entry.missing = std::move(own.characters);
    }
    for (const char32_t cp : entry.missing) {
      if (std::find(missing.characters.begin(), missing.characters.end(), cp) == missing.characters.end()) {
        missing.characters.push_back(cp);
      }
    }
    return entry.lines;
  }

 private:
  struct Entry {
    std::vector<Line> lines;
    std::vector<char32_t> missing;
  };
  const FontSet& fonts_;
  const std::string& language_;
  std::unordered_map<std::string, Entry> entries_;
};

/// Stacks lines of text and drawings from the top of an area downwards.
class Stack {
 public:
  /// mirror_width > 0 mirrors where text is placed across an area that wide (right to left).
  Stack(LineCache& cache, double leading, MissingGlyphs& missing, double mirror_width = 0)
      : cache_(cache), leading_(leading), missing_(missing), mirror_width_(mirror_width) {}

  /// Adds spans broken into lines of the given width at x; returns the first line's baseline.
  /// A span whose style has an element (k, 0 or more) belongs to elements[k], any other span
  /// to elements[0] (the spans' elements are indexes, so that equal texts share cached lines).
  double text(const std::vector<Span>& spans, double x, double width, std::initializer_list<int> elements) {
    const double size = spans.empty() ? 12 : spans.front().style.size;
    double first = -1;
    const std::vector<int> structure(elements);
    auto element_of = [&](int k) {
      return k >= 0 && static_cast<std::size_t>(k) < structure.size() ? structure[static_cast<std::size_t>(k)]
                                                                       : structure.empty() ? tag::artifact : structure[0];
    };
    const double at = mirror_width_ > 0 ? mirror_width_ - x - width : x;
    for (const Line& line : cache_.lines(spans, width, missing_)) {
      const double h = std::max(size * leading_, line.ascent + line.descent + size * 0.15);
      const double baseline = y + (h - (line.ascent + line.descent)) / 2 + line.ascent;
      if (first < 0) first = baseline;
      Drawing placed;
      placed.append(line.drawing, at, baseline);
      for (TextRun& run : placed.runs) run.element = element_of(run.element);
      for (LinkArea& link : placed.links) link.element = element_of(link.element);
      drawing.append(placed, 0, 0);
      y += h;
    }
    return first;
  }
  /// Returns the lines spans would take at width.
  std::size_t count_lines(const std::vector<Span>& spans, double width) const {
    return cache_.lines(spans, width, missing_).size();
  }
  /// Moves down by points.
  void space(double points) { y += points; }

  Drawing drawing;
  double y = 0;

 private:
  LineCache& cache_;
  double leading_;
  MissingGlyphs& missing_;
  double mirror_width_;
};

/// Lays out the sheet for one state of the content at one type size.
class SheetComposer {
 public:
  SheetComposer(const Document& doc, const SummaryContent& content, const Style& style, const FontSet& fonts,
                const ImageSizes& images, double floor)
      : floor_(floor), content_(content), style_(style), fonts_(fonts), images_(images), language_(doc.language()),
        rtl_(right_to_left_language(language_)), qr_(encode_qr(content.source_url)), cache_(fonts_, language_) {}

  /// A composed sheet: the page drawing, the height its content takes (to compare with the
  /// page's) and the structure its runs belong to.
  struct Composed {
    Drawing drawing;
    double used = 0;
    StructureTree structure;
  };

  /// Returns the sheet composed for one state of the content at type size s.
  Composed compose(const Working& w, double s, MissingGlyphs& missing) const {
    const PageGeometry& page = style_.page;
    Drawing out;
    StructureTree tree;
    const Stack top = compose_top(w, s, tree, out, missing);
    Columns columns = compose_columns(w, s, tree, missing);
    tree = std::move(columns.tree);

    // The bottom: where to read more (with the QR code), the date, copyright and contact.
    Stack bottom(cache_, style_.leading, missing, mirror());
    const double bottom_height = where_to_read_more(bottom, tree, page.body_width(), s);

    out.append(top.drawing, page.left, page.top);
    const double columns_top = page.top + top.y;
    out.append(columns.left.drawing, page.left, columns_top);
    out.append(columns.right.drawing, page.left, columns_top);
    const double bottom_top = page.top + page.body_height() - bottom_height;
    out.append(bottom.drawing, page.left, bottom_top);
    const double used = top.y + columns.height() + (bottom_height > 0 ? s * 1.2 + bottom_height : 0);
    return {std::move(out), used, std::move(tree)};
  }

  /// Returns the title's lines at size s (to keep it to a few lines).
  std::size_t title_lines(const std::string& title, double s, MissingGlyphs& missing) const {
    Stack probe(cache_, style_.leading, missing);
    const double width = style_.page.body_width();
    const ImageSize logo = logo_size(style_, images_, width);
    return probe.count_lines({{title, title_style(s), {}}}, width - (logo.width > 0 ? logo.width + 12 : 0));
  }

 private:
  /// The x of a box of width w that a left-to-right sheet draws at x: mirrored across the body
  /// for a right-to-left language, so columns, badges, tick boxes, bullets, bars and the QR code
  /// stand on the right, where that reader starts.
  double at(double x, double w) const { return rtl_ ? style_.page.body_width() - x - w : x; }
  /// The mirror width the sheet's stacks place text with (0: left to right).
  double mirror() const { return rtl_ ? style_.page.body_width() : 0; }

  /// The top of the sheet: logo, a small label, the title, a rule, the main message in a shaded
  /// box, then the safety block across the page (the part a patient needs at 2 a.m.).
  Stack compose_top(const Working& w, double s, StructureTree& tree, Drawing& out, MissingGlyphs& missing) const {
    const PageGeometry& page = style_.page;
    const double width = page.body_width();
    Stack top(cache_, style_.leading, missing, mirror());
    double title_width = width;
    if (const ImageSize logo = logo_size(style_, images_, width); logo.width > 0) {
      out.images.push_back({page.left + at(width - logo.width, logo.width), page.top, logo.width, logo.height,
                            style_.logo.string(), tag::artifact, 0});
      title_width -= logo.width + 12;
    }
    SpanStyle label = body(std::max(s * 0.78, floor_));
    label.font = {FontStyle::heading, true, false};
    label.color = style_.heading;
    top.text({{message("Summary sheet", language_), label, {}}}, 0, title_width, {tree.add("P", 0)});
    top.text({{w.title, title_style(s), {}}}, 0, title_width, {tree.add("H1", 0)});
    top.space(s * 0.4);
    top.drawing.rects.push_back(filled_rect(0, top.y, width, 2, style_.heading));
    top.space(2 + s * 0.9);
    if (!w.message.empty()) main_message(top, tree, w.message, width, s);
    if (!w.safety.empty()) {
      safety(top, tree, w.safety, width, s);
      top.space(s * 1.1);
    }
    return top;
  }

  /// The main message in a shaded box with a bar at its start side.
  void main_message(Stack& top, StructureTree& tree, const std::vector<std::string>& sentences, double width,
                    double s) const {
    const double pad = s * 0.65;
    const double box_top = top.y;
    top.space(pad);
    std::string text;
    for (const std::string& sentence : sentences) text += (text.empty() ? "" : " ") + sentence;
    top.text({{text, body(s * 1.08), {}}}, pad + 4, width - 2 * pad - 4, {tree.add("P", 0)});
    top.space(pad);
    top.drawing.rects.insert(top.drawing.rects.begin(),
                             {filled_rect(0, box_top, width, top.y - box_top, style_.table_header),
                              filled_rect(at(0, 4), box_top, 4, top.y - box_top, style_.heading)});
    top.space(s * 1.1);
  }

  /// The two column stacks chosen and the structure with their elements.
  struct Columns {
    Stack left;
    Stack right;
    StructureTree tree;
    /// Returns the height of the taller column.
    double height() const { return std::max(left.y, right.y); }
  };

  /// One way of arranging the columns: two or one, where the glossary goes, the first's share.
  struct Arrangement {
    bool two;
    bool glossary_left;
    double share;
  };

  /// The columns: key points on the left, questions on the right, words to know under
  /// whichever is shorter; or everything in one column, when that is shorter or there are no
  /// key points or nothing else. Returns the shortest arrangement.
  Columns compose_columns(const Working& w, double s, const StructureTree& tree, MissingGlyphs& missing) const {
    const bool can_split = !w.key_points.empty() && (!w.questions.empty() || !w.glossary.empty());
    std::optional<Columns> best;
    for (const Arrangement a : {Arrangement{true, false, 0.56}, Arrangement{true, false, 0.5},
                                Arrangement{true, true, 0.56}, Arrangement{true, true, 0.5},
                                Arrangement{false, false, 1}}) {
      if (a.two && !can_split) continue;
      if (a.two && a.glossary_left && (w.glossary.empty() || w.questions.empty())) continue;
      Columns c = arrange(w, s, a, tree, missing);
      if (!best || c.height() < best->height() - 0.5) best.emplace(std::move(c));
    }
    return std::move(*best);
  }

  /// The columns in one arrangement.
  Columns arrange(const Working& w, double s, const Arrangement& a, const StructureTree& tree,
                  MissingGlyphs& missing) const {
    const double width = style_.page.body_width();
    const double gap = 20;
    const double left_width = a.two ? (width - gap) * a.share : width;
    const double right_x = a.two ? left_width + gap : 0;
    const double right_width = a.two ? width - right_x : width;
    Columns c{Stack(cache_, style_.leading, missing, mirror()), Stack(cache_, style_.leading, missing, mirror()), tree};
    Stack& second = a.two ? c.right : c.left;
    auto then = [&](Stack& st) {
      if (st.y > 0) st.space(s * 0.6);
    };
    if (!w.key_points.empty()) key_points(c.left, c.tree, w.key_points, 0, left_width, s);
    if (!w.questions.empty()) {
      then(second);
      questions(second, c.tree, w.questions, right_x, right_width, s);
    }
    if (!w.glossary.empty()) {
      const bool on_left = a.two && a.glossary_left;
      Stack& st = on_left ? c.left : second;
      then(st);
      glossary(st, c.tree, w.glossary, on_left ? 0 : right_x, on_left ? left_width : right_width, s);
    }
    return c;
  }

  SpanStyle body(double size) const {
    SpanStyle s;
    s.size = size;
    s.color = style_.text;
    return s;
  }

  SpanStyle title_style(double s) const {
    SpanStyle t = body(style_.title_size * s / style_.summary_size);
    t.font = {FontStyle::heading, true, false};
    t.color = style_.heading;
    return t;
  }

  void heading(Stack& st, StructureTree& t, const std::string& text, double x, double width, double s) const {
    SpanStyle h = body(s * 1.15);
    h.font = {FontStyle::heading, true, false};
    h.color = style_.heading;
    st.text({{text, h, {}}}, x, width, {t.add("H2", 0)});
    st.space(s * 0.35);
  }

  /// The safety block: a framed box whose heading has a symbol; lead-ins in bold, items with
  /// bullets. Set apart by the frame, the symbol and the weight, not by colour alone.
  void safety(Stack& st, StructureTree& t, const std::vector<std::string>& lines, double width, double s) const {
    const double rule = style_.summary_safety_rule;
    const double pad = s * 0.6 + rule;
    const double box_top = st.y;
    st.space(pad);
    SpanStyle h = body(s * 1.15);
    h.font = {FontStyle::heading, true, false};
    h.color = style_.summary_safety;
    const std::string symbol = style_.summary_safety_symbol;
    const std::string label = message("When to get help", language_);
    const int block = t.add("Div", 0);
    st.text({{symbol.empty() ? label : symbol + " " + label, h, {}}}, pad, width - 2 * pad, {t.add("H2", block)});
    st.space(s * 0.3);
    SpanStyle lead = body(s);
    lead.font = {FontStyle::body, true, false};
    const double bullet = s * 1.1;
    int list = -1;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (is_lead_in(lines[i])) {
        if (i > 0) st.space(s * 0.25);
        st.text({{lines[i], lead, {}}}, pad, width - 2 * pad, {t.add("P", block)});
        list = -1;
        continue;
      }
      if (list < 0) list = t.add("L", block);
      const int item = t.add("LI", list);
      const int lbl = t.add("Lbl", item);
      const int item_body = t.add("LBody", item);
      const std::size_t first_run = st.drawing.runs.size();
      const double baseline = st.text({{lines[i], body(s), {}}}, pad + bullet, width - 2 * pad - bullet, {item_body});
      if (baseline < 0) continue;
      Stack mark(cache_, style_.leading, dummy_missing_);
      mark.text({{"\xE2\x80\xA2", lead, {}}}, 0, bullet, {lbl});
      if (!mark.drawing.runs.empty()) {
        // The bullet is drawn (and read) before its item.
        Drawing placed;
        const double mark_x = at(pad + s * 0.2, measure_text("\xE2\x80\xA2", lead, fonts_));
        placed.append(mark.drawing, mark_x - mark.drawing.runs.front().x, baseline - mark.drawing.runs.front().y);
        st.drawing.runs.insert(st.drawing.runs.begin() + static_cast<std::ptrdiff_t>(first_run), placed.runs.begin(),
                               placed.runs.end());
      }
      st.space(s * 0.15);
    }
    st.space(pad - s * 0.15);
    if (rule > 0) {
      RectBox frame;
      frame.x = rule / 2, frame.y = box_top + rule / 2, frame.width = width - rule, frame.height = st.y - box_top - rule;
      frame.stroke = true, frame.stroke_color = style_.summary_safety, frame.line_width = rule;
      st.drawing.rects.push_back(frame);
    }
  }

  /// Key points, each with a numbered badge beside its first line.
  void key_points(Stack& st, StructureTree& t, const std::vector<std::string>& points, double x, double width,
                  double s) const {
    heading(st, t, message("Key points", language_), x, width, s);
    const int list = t.add("L", 0);
    t[list].list_numbering = "Decimal";
    const double badge = s * 1.3;
    const double indent = badge + s * 0.6;
    SpanStyle number = body(std::max(s * 0.8, floor_));
    number.font = {FontStyle::body, true, false};
    number.color = kWhite;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const int item = t.add("LI", list);
      const int lbl = t.add("Lbl", item);
      const std::size_t first_run = st.drawing.runs.size();
      const double baseline = st.text({{points[i], body(s), {}}}, x + indent, width - indent, {t.add("LBody", item)});
      if (baseline < 0) continue;
      const double box_top = baseline - s * 0.95;
      st.drawing.rects.push_back(filled_rect(at(x, badge), box_top, badge, badge, style_.heading));
      const std::string n = std::to_string(i + 1);
      Stack label(cache_, 1.0, dummy_missing_);
      label.text({{n, number, {}}}, 0, badge, {lbl});
      if (label.drawing.runs.empty()) continue;
      const double nw = measure_text(n, number, fonts_);
      // The number is drawn (and read) before its point.
      Drawing placed;
      placed.append(label.drawing, at(x, badge) + (badge - nw) / 2 - label.drawing.runs.front().x,
                    box_top + badge / 2 + s * 0.28 - label.drawing.runs.front().y);
      st.drawing.runs.insert(st.drawing.runs.begin() + static_cast<std::ptrdiff_t>(first_run), placed.runs.begin(),
                             placed.runs.end());
      st.space(s * 0.45);
    }
  }

  /// Questions, each with an empty tick box to mark at the appointment.
  void questions(Stack& st, StructureTree& t, const std::vector<std::string>& items, double x, double width,
                 double s) const {
    heading(st, t, message("Questions to ask your care team", language_), x, width, s);
    const int list = t.add("L", 0);
    const double box = s * 0.8;
    const double indent = box + s * 0.6;
    for (const std::string& q : items) {
      const double baseline = st.text({{q, body(s), {}}}, x + indent, width - indent, {t.add("LBody", t.add("LI", list))});
      if (baseline < 0) continue;
      RectBox r;
      r.x = at(x + 1, box), r.y = baseline - box * 0.95, r.width = box, r.height = box;
      r.stroke = true, r.stroke_color = style_.heading, r.line_width = 0.9;
      st.drawing.rects.push_back(r);
      st.space(s * 0.35);
    }
  }

  /// Words to know: the term in bold, then its definition.
  void glossary(Stack& st, StructureTree& t, const std::vector<GlossaryEntry>& entries, double x, double width,
                double s) const {
    heading(st, t, message("Words to know", language_), x, width, s);
    const int list = t.add("L", 0);
    SpanStyle term = body(s);
    term.font = {FontStyle::body, true, false};
    SpanStyle definition = body(s);
    definition.element = 1;
    for (const GlossaryEntry& e : entries) {
      const int item = t.add("LI", list);
      const int lbl = t.add("Lbl", item);
      st.text({{e.term + ":", term, {}}, {" " + e.definition, definition, {}}}, x, width, {lbl, t.add("LBody", item)});
      st.space(s * 0.35);
    }
  }

  /// The closing block's lines: "Read more" and the link, the date, copyright and contact.
  std::vector<std::vector<Span>> closing_lines(double s) const {
    std::vector<std::vector<Span>> lines;
    SpanStyle small = body(std::max(s * 0.85, floor_));
    SpanStyle muted = small;
    muted.color = style_.muted;
    if (!content_.source_url.empty()) {
      SpanStyle lead = small;
      lead.font = {FontStyle::body, true, false};
      lead.color = style_.heading;
      lines.push_back({{message("Read more", language_), lead, {}}});
      SpanStyle link = small;
      link.color = style_.link;
      link.uri = content_.source_url;
      link.element = 1;  // the Link inside its paragraph
      lines.push_back({{content_.source_url, link, {}}});
    }
    // "Updated" only for a date of update or review; a publication date says "Published".
    if (!content_.updated.empty()) {
      lines.push_back({{message("Updated {date}", language_, {{"date", readable_date(content_.updated, language_)}}), muted, {}}});
    } else if (!content_.published.empty()) {
      lines.push_back(
          {{message("Published {date}", language_, {{"date", readable_date(content_.published, language_)}}), muted, {}}});
    }
    if (!content_.copyright.empty()) lines.push_back({{content_.copyright, muted, {}}});
    if (!style_.contact.empty()) {
      SpanStyle c = small;
      c.font = {FontStyle::body, true, false};
      lines.push_back({{style_.contact, c, {}}});
    }
    return lines;
  }

  /// The QR code at the top of the closing block: one Figure (its squares tagged with it), read
  /// after the link it repeats; each row's runs of dark modules drawn as one rectangle.
  void draw_qr(Stack& st, StructureTree& t, double top) const {
    const int figure = t.add("Figure", 0);
    t[figure].alt = "QR code: link to " + content_.source_url;
    const std::size_t at_run = st.drawing.runs.size();
    const double module = kQrSide / qr_->size;
    for (int row = 0; row < qr_->size; ++row) {
      for (int col = 0; col < qr_->size;) {
        if (!qr_->at(col, row)) {
          ++col;
          continue;
        }
        int end = col;
        while (end < qr_->size && qr_->at(end, row)) ++end;
        RectBox square = filled_rect(at(col * module, (end - col) * module), top + row * module, (end - col) * module,
                                     module, Color{0, 0, 0});
        square.element = figure;
        square.at_run = at_run;
        st.drawing.rects.push_back(square);
        col = end;
      }
    }
  }

  /// The closing block; returns its height (0 when there is nothing to say).
  double where_to_read_more(Stack& st, StructureTree& t, double width, double s) const {
    const std::vector<std::vector<Span>> lines = closing_lines(s);
    if (lines.empty() && !qr_) return 0;
    st.drawing.rects.push_back(filled_rect(0, 0, width, 0.75, style_.rule));
    const double quiet = qr_ ? kQrSide / (qr_->size + 8) * 4 : 0;  // the four-module quiet zone
    st.space(0.75 + std::max(s * 0.6, quiet));
    const double start = st.y;
    const double text_x = qr_ ? kQrSide + quiet + 4 : 0;
    // "Read more" is a heading; the link, date, copyright and contact paragraphs.
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const bool read_more = i == 0 && !content_.source_url.empty();
      const int element = t.add(read_more ? "H2" : "P", 0);
      st.text(lines[i], text_x, width - text_x, {element, t.add("Link", element)});
    }
    if (qr_) draw_qr(st, t, start);
    st.y = std::max(st.y, start + (qr_ ? kQrSide : 0.0));
    return st.y;
  }

  double floor_;  ///< no text is set smaller than this
  const SummaryContent& content_;
  const Style& style_;
  const FontSet& fonts_;
  const ImageSizes& images_;
  std::string language_;
  bool rtl_;
  std::optional<QrCode> qr_;
  mutable MissingGlyphs dummy_missing_;  // digits in badges: every font has them
  mutable LineCache cache_;
};

/// Longest text one item of the sheet keeps, in bytes: a one-page sheet at 11 pt holds a few
/// thousand characters in all, so longer items could only be cut later, after being laid out
/// (and shaped) at every size: a 16 MB one-line source took minutes and gigabytes.
constexpr std::size_t kMaxItemBytes = 4000;

/// Cuts text to at most kMaxItemBytes (at a space when one is near, else between whole UTF-8
/// sequences), ending it with an ellipsis and noting it in log. Returns true when it cut.
bool cap_item(std::string& text, std::vector<std::string>& log) {
  if (text.size() <= kMaxItemBytes) return false;
  std::size_t cut = text.rfind(' ', kMaxItemBytes - 3);
  if (cut == std::string::npos || cut < kMaxItemBytes / 2) {
    cut = kMaxItemBytes - 3;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  log.push_back("the end of '" + preview(text) + "'");
  text.resize(cut);
  text += "\xE2\x80\xA6";
  return true;
}

/// One way of making the content shorter; returns false when it has nothing (more) to cut.
using Cut = std::function<bool(Working&, std::vector<std::string>&)>;

Cut drop_glossary_to(std::size_t keep) {
  return [keep](Working& w, std::vector<std::string>& log) {
    if (w.glossary.size() <= keep) return false;
    log.push_back("glossary term '" + w.glossary.back().term + "'");
    w.glossary.pop_back();
    return true;
  };
}

Cut drop_items_to(std::vector<std::string> Working::*list, std::size_t keep, std::string what) {
  return [list, keep, what](Working& w, std::vector<std::string>& log) {
    std::vector<std::string>& items = w.*list;
    if (items.size() <= keep) return false;
    log.push_back(what + " " + std::to_string(items.size()) + ": '" + preview(items.back()) + "'");
    items.pop_back();
    return true;
  };
}

/// Drops the general questions, all of them (a fixed set, never shown in part).
Cut drop_generated_questions(bool generated) {
  return [generated](Working& w, std::vector<std::string>& log) {
    if (!generated || w.questions.empty()) return false;
    log.push_back("the " + std::to_string(w.questions.size()) + " general questions");
    w.questions.clear();
    return true;
  };
}

/// Drops safety lines from the end down to keep, never leaving a lead-in last.
Cut drop_safety_to(std::size_t keep) {
  return [keep](Working& w, std::vector<std::string>& log) {
    if (w.safety.size() <= keep) return false;
    log.push_back("safety item " + std::to_string(w.safety.size()) + ": '" + preview(w.safety.back()) + "'");
    w.safety.pop_back();
    while (!w.safety.empty() && is_lead_in(w.safety.back())) w.safety.pop_back();
    return true;
  };
}

Cut shorten_message_to(std::size_t sentences) {
  return [sentences](Working& w, std::vector<std::string>& log) {
    if (w.message.size() <= sentences) return false;
    log.push_back("main message sentence " + std::to_string(w.message.size()) + ": '" + preview(w.message.back()) + "'");
    w.message.pop_back();
    return true;
  };
}

/// Cuts the longest item of a list to its first sentence.
Cut first_sentences(std::vector<std::string> Working::*list, std::string what) {
  return [list, what](Working& w, std::vector<std::string>& log) {
    std::vector<std::string>& items = w.*list;
    std::size_t best = items.size();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (split_sentences(items[i]).size() > 1 && (best == items.size() || items[i].size() > items[best].size())) best = i;
    }
    if (best == items.size()) return false;
    const std::vector<std::string> s = split_sentences(items[best]);
    log.push_back(what + " " + std::to_string(best + 1) + " after its first sentence: '" + preview(s[1]) + "'");
    items[best] = s.front();
    return true;
  };
}

/// Cuts the longest remaining text (a message sentence or a key point) to half its words.
Cut halve_longest() {
  return [](Working& w, std::vector<std::string>& log) {
    std::string* longest = nullptr;
    for (std::string& m : w.message)
      if (longest == nullptr || m.size() > longest->size()) longest = &m;
    for (std::string& k : w.key_points)
      if (longest == nullptr || k.size() > longest->size()) longest = &k;
    if (longest == nullptr) return false;
    std::string cut = halve_words(*longest, 8);
    if (cut == *longest && longest->size() > 40) cut = halve_characters(*longest);
    if (cut == *longest) return false;
    log.push_back("the end of '" + preview(*longest) + "'");
    *longest = cut;
    return true;
  };
}

/// Keeps the title to a few lines, cutting words (or, in one endless word, characters) from its
/// end and ending it with an ellipsis.
void fit_title(Working& w, const SheetComposer& composer, double s, std::vector<std::string>& log,
               MissingGlyphs& missing) {
  if (composer.title_lines(w.title, s, missing) <= kTitleLines) return;
  const std::string full = w.title;
  while (w.title.size() > 8 && composer.title_lines(w.title, s, missing) > kTitleLines) {
    std::string shorter = halve_words(w.title, 4);
    if (shorter == w.title) shorter = halve_characters(w.title);
    w.title = shorter;
  }
  log.push_back("the end of the title '" + preview(full) + "'");
}

}  // namespace

std::vector<std::string> split_sentences(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const char c = text[i];
    if ((c == '.' || c == '!' || c == '?') && text[i + 1] == ' ') {
      // Not after a single capital letter ("J. Smith") or a common abbreviation.
      const std::string_view before = text.substr(start, i - start);
      const std::size_t word = before.find_last_of(' ');
      const std::string_view last = word == std::string_view::npos ? before : before.substr(word + 1);
      if (last.size() <= 1 || last == "e.g" || last == "i.e" || last == "Dr" || last == "Mr" || last == "Mrs" ||
          last == "Ms" || last == "vs" || last == "etc" || last == "St" || last == "approx") {
        continue;
      }
      std::size_t next = i + 1;
      while (next < text.size() && text[next] == ' ') ++next;
      if (next < text.size() && std::islower(static_cast<unsigned char>(text[next]))) continue;
      out.emplace_back(text::collapse_whitespace(text.substr(start, i + 1 - start)));
      start = next;
      i = next - 1;
    }
  }
  const std::string rest = text::collapse_whitespace(text.substr(start));
  if (!rest.empty()) out.push_back(rest);
  return out;
}

namespace {

/// The content as the fitting works on it: the main message in sentences, and a term whose
/// definition the main message already gives last (it says least, so it is the first left out).
Working working_copy(const SummaryContent& content) {
  Working w;
  w.title = content.title;
  w.message = split_sentences(content.main_message);
  w.safety = content.safety;
  w.key_points = content.key_points;
  w.questions = content.questions;
  const std::string message = text::fold_case(content.main_message);
  std::vector<GlossaryEntry> repeated;
  for (const GlossaryEntry& g : content.glossary) {
    (message.find(text::fold_case(g.definition)) == std::string::npos ? w.glossary : repeated).push_back(g);
  }
  w.glossary.insert(w.glossary.end(), repeated.begin(), repeated.end());
  return w;
}

/// Caps every item of w (cap_item), noting what was shortened in left_out.
void cap_items(Working& w, std::vector<std::string>& left_out) {
  cap_item(w.title, left_out);
  for (auto* list : {&w.message, &w.safety, &w.key_points, &w.questions})
    for (std::string& item : *list) cap_item(item, left_out);
  for (GlossaryEntry& g : w.glossary) {
    cap_item(g.term, left_out);
    cap_item(g.definition, left_out);
  }
}

/// What was printed: the content with w's items in place of its own.
SummaryContent shown_content(const SummaryContent& content, const Working& w) {
  SummaryContent shown = content;
  shown.title = w.title;
  shown.main_message.clear();  // what was printed, not the content's message followed by it
  for (const std::string& sentence : w.message) shown.main_message += (shown.main_message.empty() ? "" : " ") + sentence;
  shown.safety = w.safety;
  shown.key_points = w.key_points;
  shown.questions = w.questions;
  shown.glossary = w.glossary;
  return shown;
}

}  // namespace

SummarySheet layout_summary(const Document& doc, const SummaryContent& content, const Style& style,
                            const FontSet& fonts, const ImageSizes& images, Diagnostics& diag) {
  const double start = style.summary_size;
  // Never below 11 pt, nor below what the style asks for; a style smaller than that is kept.
  const double floor = std::min(start, std::max(style.summary_minimum, 11.0));
  const SheetComposer composer(doc, content, style, fonts, images, floor);
  Working w = working_copy(content);
  SummarySheet sheet;
  cap_items(w, sheet.left_out);

  const double height = style.page.body_height();
  double s = start;
  MissingGlyphs scratch;
  // Composing the sheet is the costly step: whether it fits is measured again only after a cut
  // or at another size (the checks below ask it several times in a row).
  std::optional<std::pair<double, bool>> measured;  // the size measured at, and whether it fitted
  auto fits = [&] {
    if (!measured || measured->first != s) measured = {s, composer.compose(w, s, scratch).used <= height + 0.01};
    return measured->second;
  };
  auto cut_until_fits = [&](const std::vector<Cut>& cuts) {
    while (!fits()) {
      bool cut = false;
      for (const Cut& c : cuts) {
        if (c(w, sheet.left_out)) {
          cut = true;
          measured.reset();
          break;
        }
      }
      if (!cut) return;
    }
  };
  fit_title(w, composer, s, sheet.left_out, scratch);
  // By rule first: fewer glossary terms, no general questions, fewer key points and questions,
  // a shorter main message. The safety block is kept whole.
  cut_until_fits({drop_glossary_to(3),
                  drop_generated_questions(content.questions_generated),
                  drop_items_to(&Working::key_points, 5, "key point"),
                  drop_items_to(&Working::questions, 5, "question"), shorten_message_to(2), drop_glossary_to(2)});
  // Then smaller type, by half points down to the floor.
  while (!fits() && s - 0.5 >= floor - 1e-9) s -= 0.5;
  if (!fits() && s > floor) s = floor;
  // Then whatever else it takes, the least important first.
  // Safety items go last, and never all of them.
  // One word to know stays while there is anything else to cut.
  cut_until_fits({drop_glossary_to(1), first_sentences(&Working::key_points, "key point"),
                  drop_items_to(&Working::questions, 3, "question"), drop_items_to(&Working::key_points, 3, "key point"),
                  shorten_message_to(1), first_sentences(&Working::safety, "safety item"),
                  drop_items_to(&Working::questions, 0, "question"), drop_items_to(&Working::key_points, 1, "key point"),
                  drop_glossary_to(0), drop_safety_to(4), halve_longest(), drop_safety_to(1)});
  if (!fits()) diag.warning(Code::summary_fit, 0, 0, "the summary sheet's fixed parts (title, source, copyright) overfill the page");

  MissingGlyphs missing;
  auto composed = composer.compose(w, s, missing);
  sheet.body_size = s;
  sheet.shown = shown_content(content, w);
  sheet.laid.geometry = style.page;
  sheet.laid.pages.push_back(std::move(composed.drawing));
  sheet.laid.structure = std::move(composed.structure);
  report_missing_glyphs(missing, diag);
  return sheet;
}

}  // namespace handout
