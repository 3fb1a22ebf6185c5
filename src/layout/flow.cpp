#include "layout/flow.hpp"
#include "layout/shaping.hpp"

#include "model/schema.hpp"

#include "model/metadata.hpp"
#include "text/locale_format.hpp"
#include "text/messages.hpp"
#include "text/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace handout {

namespace {

constexpr char kForcedBreakUtf8[] = "\xE2\x80\xA8";  // U+2028, a line break inside running text

bool named(pugi::xml_node n, const char* name) { return std::strcmp(n.name(), name) == 0; }

Color mix_with_white(Color c, double keep) {
  return {1 - (1 - c.r) * keep, 1 - (1 - c.g) * keep, 1 - (1 - c.b) * keep};
}

std::string plain(pugi::xml_node n) { return text::collapse_whitespace(text_content(n, true)); }

/// Returns the alt text of a media object (its first textobject without a role).
std::string alt_text(pugi::xml_node media) {
  for (pugi::xml_node t : media.children("textobject")) {
    if (!t.attribute("role")) return plain(t);
  }
  return {};
}

std::string image_title(pugi::xml_node media) {
  for (pugi::xml_node t : media.children("textobject")) {
    if (std::strcmp(t.attribute("role").value(), "title") == 0) return plain(t);
  }
  return {};
}

}  // namespace

double Flow::height() const {
  double h = 0;
  for (const FlowItem& i : items) h += i.height;
  return h;
}

std::string admonition_label(std::string_view kind, std::string_view language) {
  if (kind == "tip") return message("Tip", language);
  if (kind == "important") return message("Important", language);
  if (kind == "warning") return message("Warning", language);
  if (kind == "caution") return message("Caution", language);
  return message("Note", language);
}

std::string readable_date(std::string_view iso, std::string_view language) { return print_date(iso, language); }

FlowBuilder::FlowBuilder(const Document& doc, const Style& style, const FontSet& fonts, const ImageSizes& images,
                         double width, Diagnostics& diag)
    : doc_(doc), style_(style), fonts_(fonts), images_(images), width_(width), diag_(diag), language_(doc.language()) {
  int number = 0;
  for (const auto& x : doc.xml().select_nodes("//footnote")) {
    note_numbers_[x.node().internal_object()] = ++number;
    if (const char* id = x.node().attribute("xml:id").value(); *id) note_ids_[id] = number;
  }
}

SpanStyle FlowBuilder::body_style(double factor) const {
  SpanStyle s;
  s.size = style_.body_size * factor;
  s.color = style_.text;
  return s;
}

int FlowBuilder::new_group(FlowGroup group) {
  flow_.groups.push_back(group);
  return static_cast<int>(flow_.groups.size()) - 1;
}

Flow FlowBuilder::take() {
  Flow out = std::move(flow_);
  flow_ = Flow{};
  return out;
}

// ---------------------------------------------------------------------------------------------
// Inline content

void FlowBuilder::inlines(pugi::xml_node n, const SpanStyle& style, std::vector<Span>& out) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    switch (c.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata: out.push_back({c.value(), style, {}}); break;
      case pugi::node_pi:
        if (named(c, "linebreak")) out.push_back({kForcedBreakUtf8, style, {}});
        break;
      case pugi::node_element: inline_element(c, style, out); break;
      default: break;
    }
  }
}

void FlowBuilder::inline_element(pugi::xml_node c, const SpanStyle& style, std::vector<Span>& out) {
  const Kind kind = kind_of(c);
  const std::string_view role = c.attribute("role").value();
  SpanStyle s = style;
  switch (kind) {
    case Kind::emphasis:
      if (role == "strong" || role == "bold") {
        s.font.bold = true;
      } else if (role == "strikethrough") {
        s.strike = true;
      } else {
        s.font.italic = true;
      }
      inlines(c, s, out);
      return;
    case Kind::link: {
      if (const char* href = c.attribute("xlink:href").value(); *href) {
        s.uri = href;
      } else {
        s.target = c.attribute("linkend").value();
      }
      s.color = style_.link;
      s.underline = true;
      s.element = element("Link", tag::inherit);  // its parent is the block that places it
      const std::size_t before = out.size();
      inlines(c, s, out);
      if (out.size() == before) out.push_back({c.attribute("xlink:href").value(), s, {}});
      return;
    }
    case Kind::code:
    case Kind::literal: mono(c, style, out); return;
    case Kind::subscript:
    case Kind::superscript:
      s.size = style.size * 0.7;
      s.rise = style.rise + (kind == Kind::superscript ? style.size * 0.33 : -style.size * 0.12);
      inlines(c, s, out);
      return;
    case Kind::footnote:
    case Kind::footnoteref: note_reference(c, kind, style, out); return;
    case Kind::inlinemediaobject: {
      SpanStyle m = style;
      m.color = style_.muted;
      m.font.italic = true;
      const std::string alt = alt_text(c);
      out.push_back({"[" + (alt.empty() ? std::string("image") : "image: " + alt) + "]", m, {}});
      return;
    }
    case Kind::anchor: out.push_back({"", style, c.attribute("xml:id").value()}); return;
    case Kind::phrase:
      if (role == "raw-html") {
        mono(c, style, out);
        return;
      }
      break;
    case Kind::article:
    case Kind::section:
    case Kind::title:
    case Kind::subtitle:
    case Kind::titleabbrev:
    case Kind::info:
    case Kind::abstract:
    case Kind::author:
    case Kind::personname:
    case Kind::orgname:
    case Kind::date:
    case Kind::pubdate:
    case Kind::revhistory:
    case Kind::revision:
    case Kind::keywordset:
    case Kind::keyword:
    case Kind::legalnotice:
    case Kind::copyright:
    case Kind::year:
    case Kind::holder:
    case Kind::bibliosource:
    case Kind::bibliomisc:
    case Kind::para:
    case Kind::simpara:
    case Kind::formalpara:
    case Kind::bridgehead:
    case Kind::blockquote:
    case Kind::itemizedlist:
    case Kind::orderedlist:
    case Kind::variablelist:
    case Kind::programlisting:
    case Kind::screen:
    case Kind::literallayout:
    case Kind::note:
    case Kind::tip:
    case Kind::important:
    case Kind::warning:
    case Kind::caution:
    case Kind::sidebar:
    case Kind::informaltable:
    case Kind::table:
    case Kind::mediaobject:
    case Kind::informalfigure:
    case Kind::figure:
    case Kind::attribution:
    case Kind::listitem:
    case Kind::varlistentry:
    case Kind::term:
    case Kind::caption:
    case Kind::thead:
    case Kind::tbody:
    case Kind::tfoot:
    case Kind::tr:
    case Kind::th:
    case Kind::td:
    case Kind::imageobject:
    case Kind::imagedata:
    case Kind::textobject:
    case Kind::quote:
    case Kind::abbrev:
    case Kind::acronym:
    case Kind::foreignphrase:
    case Kind::glossterm:
    case Kind::uri:
    case Kind::unknown: break;
  }
  // phrase, glossterm, quote... keep their text; an id becomes an anchor. A phrase in another
  // language is a Span with its /Lang (outside a link, whose element it keeps).
  if (const char* id = c.attribute("xml:id").value(); *id) out.push_back({"", style, id});
  const std::string lang = c.attribute("xml:lang").value();
  if (!lang.empty() && lang != language_ && lang.size() <= 64 && s.element == tag::inherit) {
    s.element = element("Span", tag::inherit);
    flow_.structure[s.element].lang = lang;
  }
  inlines(c, s, out);
}

void FlowBuilder::mono(pugi::xml_node c, const SpanStyle& style, std::vector<Span>& out) {
  SpanStyle s = style;
  s.font.family = FontStyle::mono;
  s.size = style.size * 0.92;
  inlines(c, s, out);
}

void FlowBuilder::note_reference(pugi::xml_node c, Kind kind, const SpanStyle& style, std::vector<Span>& out) {
  int number = 0;
  if (kind == Kind::footnote) {
    number = note_numbers_[c.internal_object()];
    notes_.push_back(c);
  } else if (auto it = note_ids_.find(c.attribute("linkend").value()); it != note_ids_.end()) {
    number = it->second;
  }
  if (number == 0) return;
  SpanStyle s = style;
  s.size = style.size * 0.7;
  s.rise = style.rise + style.size * 0.33;
  s.color = style_.link;
  s.uri.clear();
  s.target = "note-" + std::to_string(number);
  s.underline = false;
  s.element = element("Link", tag::inherit);
  flow_.structure[s.element].alt = "Note " + std::to_string(number);
  Span ref{std::to_string(number), s, {}};
  if (!note_referenced_[number]) {
    ref.anchor = "noteref-" + std::to_string(number);
    note_referenced_[number] = true;
  }
  out.push_back(std::move(ref));
}

std::vector<Span> FlowBuilder::inline_content(pugi::xml_node n, const SpanStyle& style) {
  std::vector<Span> spans;
  if (const char* id = n.attribute("xml:id").value(); *id) spans.push_back({"", style, id});
  inlines(n, style, spans);
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Items

void FlowBuilder::space(double points, const Context& ctx, bool keep) {
  if (points <= 0) return;
  FlowItem item;
  item.height = points;
  item.discardable = true;
  item.keep_with_next = keep;
  item.groups = ctx.groups;
  flow_.items.push_back(std::move(item));
}

void FlowBuilder::tag_drawing(Drawing& d, int element) {
  StructureTree& tree = flow_.structure;
  auto adopt = [&](int e) {
    if (e >= 0 && tree[e].parent == tag::inherit && e != element) tree[e].parent = element;
  };
  for (const TextRun& t : d.runs) adopt(t.element);
  for (const LinkArea& l : d.links) adopt(l.element);
  d.claim(element);
}

void FlowBuilder::lines_as_items(const std::vector<Line>& lines, const Context& ctx, double size, bool keep_all,
                                 int element) {
  const std::size_t n = lines.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Line& line = lines[i];
    FlowItem item;
    item.height = std::max(line_height(size), line.ascent + line.descent + size * 0.15);
    const double baseline = (item.height - (line.ascent + line.descent)) / 2 + line.ascent;
    item.drawing.append(line.drawing, ctx.left, baseline);
    tag_drawing(item.drawing, element);
    item.groups = ctx.groups;
    // Orphans and widows: the first line stays with the second, the last with the one before.
    item.keep_with_next = keep_all || (n >= 2 && (i == 0 || i + 2 == n));
    if (keep_next_lines_ > 0) {
      item.keep_with_next = item.keep_with_next || i + 1 < n;
      --keep_next_lines_;
    }
    // The line after a heading's chain: mark the previous item (heading space) is already kept.
    flow_.items.push_back(std::move(item));
  }
}

void FlowBuilder::paragraph(const std::vector<Span>& spans, const Context& ctx, double space_after_lines) {
  const double size = spans.empty() ? style_.body_size : spans.front().style.size;
  std::vector<Line> lines = break_lines(spans, width(ctx), fonts_, language_, missing_);
  // A paragraph holding only an anchor still places it.
  if (lines.empty()) {
    for (const Span& s : spans) {
      if (!s.anchor.empty()) {
        FlowItem item;
        item.groups = ctx.groups;
        item.drawing.anchors.push_back({s.anchor, 0});
        flow_.items.push_back(std::move(item));
      }
    }
    return;
  }
  lines_as_items(lines, ctx, size, false, element("P", ctx.element));
  const double normal = ctx.list_depth > 0 ? style_.paragraph_space * 0.5 : style_.paragraph_space;
  const double after = space_after_lines < 0 ? normal : space_after_lines;
  space(after * line_height(style_.body_size), ctx);
}

void FlowBuilder::add_paragraph(const std::vector<Span>& spans) {
  Context ctx;
  paragraph(spans, ctx);
}

void FlowBuilder::rule(const Context& ctx) {
  space(0.4 * line_height(style_.body_size), ctx);
  FlowItem item;
  item.height = 1.2;
  item.groups = ctx.groups;
  item.drawing.rects.push_back(filled_rect(ctx.left, 0.1, width(ctx), 0.8, style_.rule));
  flow_.items.push_back(std::move(item));
  space(0.6 * line_height(style_.body_size), ctx);
}

void FlowBuilder::heading(pugi::xml_node title, int level, const Context& ctx, const std::string& anchor_id,
                          bool bookmark) {
  const double size = style_.heading_sizes[static_cast<std::size_t>(std::clamp(level, 1, 4) - 1)];
  SpanStyle s;
  s.font.family = FontStyle::heading;
  s.font.bold = true;
  s.size = size;
  s.color = style_.heading;
  std::vector<Span> spans;
  if (!anchor_id.empty()) spans.push_back({"", s, anchor_id});
  inlines(title, s, spans);
  std::vector<Line> lines = break_lines(spans, width(ctx), fonts_, language_, missing_);
  if (lines.empty()) return;
  // Space before a heading is dropped at the top of a page; the heading keeps with what follows.
  if (!flow_.items.empty()) space(std::max(0.9, level == 1 ? 1.2 : 0.8) * line_height(style_.body_size) - (flow_.items.back().discardable ? flow_.items.back().height : 0), ctx);
  const std::size_t first = flow_.items.size();
  // H1 is the title; a section at depth n is H(n+1), never more than one level below the last.
  const int tagged = std::min({level + heading_base_, last_heading_ + 1, 6});
  last_heading_ = tagged;
  lines_as_items(lines, ctx, size, true, element(("H" + std::to_string(tagged)).c_str(), ctx.element));
  if (bookmark) flow_.items[first].bookmark = Bookmark{plain(title), level, 0, 0};
  space(0.3 * line_height(style_.body_size), ctx, true);
  keep_next_lines_ = 2;
}

void FlowBuilder::attach_marker(std::size_t first_item, const std::string& marker, const SpanStyle& style,
                                double x_right) {
  const double w = measure_text(marker, style, fonts_);
  std::vector<Span> spans{{marker, style, {}}};
  std::vector<Line> lines = break_lines(spans, 1e6, fonts_, language_, missing_);
  if (lines.empty()) return;
  // On the first line of the item's content; a new line when the content starts with no text.
  for (std::size_t i = first_item; i < flow_.items.size(); ++i) {
    FlowItem& item = flow_.items[i];
    if (item.drawing.runs.empty()) continue;
    const double baseline = item.drawing.runs.front().y;
    // The marker is drawn (and read) before the item's first line.
    Drawing marker;
    marker.append(lines.front().drawing, x_right - w, baseline);
    marker.claim(style.element);
    for (RectBox& r : item.drawing.rects) r.at_run += r.at_run > 0 ? marker.runs.size() : 0;
    for (ImageBox& im : item.drawing.images) im.at_run += im.at_run > 0 ? marker.runs.size() : 0;
    item.drawing.runs.insert(item.drawing.runs.begin(), marker.runs.begin(), marker.runs.end());
    item.drawing.rects.insert(item.drawing.rects.end(), marker.rects.begin(), marker.rects.end());
    item.drawing.links.insert(item.drawing.links.begin(), marker.links.begin(), marker.links.end());
    return;
  }
  FlowItem item;
  item.height = line_height(style.size);
  item.drawing.append(lines.front().drawing, x_right - w, item.height * 0.75);
  item.drawing.claim(style.element);
  flow_.items.insert(flow_.items.begin() + static_cast<std::ptrdiff_t>(first_item), std::move(item));
}

// ---------------------------------------------------------------------------------------------
// Blocks

void FlowBuilder::add_title_block() {
  const Metadata m = read_metadata(doc_);
  Context ctx;
  SpanStyle title;
  title.font.family = FontStyle::heading;
  title.font.bold = true;
  title.size = style_.title_size;
  title.color = style_.heading;
  std::vector<Line> title_lines = break_lines({{m.title, title, {}}}, width(ctx), fonts_, language_, missing_);
  if (!title_lines.empty()) heading_base_ = last_heading_ = 1;
  lines_as_items(title_lines, ctx, title.size, true, element("H1", ctx.element));
  if (!m.subtitle.empty()) {
    SpanStyle sub = title;
    sub.font.bold = false;
    sub.size = style_.subtitle_size;
    sub.color = style_.muted;
    lines_as_items(break_lines({{m.subtitle, sub, {}}}, width(ctx), fonts_, language_, missing_), ctx, sub.size, true,
                   element("P", ctx.element));
  }
  std::string names;
  for (const Person& p : m.authors) names += (names.empty() ? "" : ", ") + p.name;
  std::string byline = names.empty() ? std::string() : message("By {names}", language_, {{"names", names}});
  // Reviewers read from the source's byline ("Reviewed by the Diabetes Education Team") are
  // printed with it: a clinic's review credit is part of what the page says.
  std::string reviewers;
  for (const auto& [key, value] : m.extra)
    if (key == "reviewer") reviewers += (reviewers.empty() ? "" : ", ") + value;
  if (!reviewers.empty())
    byline += (byline.empty() ? "" : " \xC2\xB7 ") + message("Reviewed by {names}", language_, {{"names", reviewers}});
  std::string dates;
  if (!m.updated.empty()) dates = message("Updated {date}", language_, {{"date", readable_date(m.updated, language_)}});
  if (!m.published.empty())
    dates += (dates.empty() ? "" : " \xC2\xB7 ") +
             message("Published {date}", language_, {{"date", readable_date(m.published, language_)}});
  SpanStyle meta = body_style(0.85);
  meta.color = style_.muted;
  if (!byline.empty() || !dates.empty()) space(0.25 * line_height(style_.body_size), ctx, true);
  for (const std::string* line : {&byline, &dates}) {
    if (!line->empty()) {
      lines_as_items(break_lines({{*line, meta, {}}}, width(ctx), fonts_, language_, missing_), ctx, meta.size, true,
                     element("P", ctx.element));
    }
  }
  space(0.4 * line_height(style_.body_size), ctx, true);
  FlowItem item;
  item.height = 2;
  item.keep_with_next = true;
  item.drawing.rects.push_back(filled_rect(0, 0.5, width_, 1.2, style_.heading));
  flow_.items.push_back(std::move(item));
  space(0.8 * line_height(style_.body_size), ctx);
}

void FlowBuilder::add_blocks(pugi::xml_node parent) {
  Context ctx;
  blocks(parent, ctx);
}

void FlowBuilder::blocks(pugi::xml_node parent, Context& ctx) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element) block(c, ctx);
  }
}

void FlowBuilder::block(pugi::xml_node n, Context& ctx) {
  const Kind kind = kind_of(n);
  const std::string_view role = n.attribute("role").value();
  switch (kind) {
    case Kind::info:
    case Kind::title:
    case Kind::subtitle:
    case Kind::titleabbrev: return;
    case Kind::section: {
      Context inner = ctx;
      inner.section_level = ctx.section_level + 1;
      heading(n.child("title"), inner.section_level, inner, n.attribute("xml:id").value(), true);
      blocks(n, inner);
      return;
    }
    case Kind::para:
    case Kind::simpara:
      if (role == "thematic-break") {
        rule(ctx);
      } else {
        // A para holding blocks (lists, tables): its text runs become paragraphs around them.
        paragraph(inline_content(n, body_style()), ctx);
      }
      return;
    case Kind::bridgehead: {
      const char* renderas = n.attribute("renderas").value();
      const int level = std::strlen(renderas) == 5 ? renderas[4] - '0' : 3;
      heading(n, std::clamp(level, 2, 4), ctx, n.attribute("xml:id").value(), false);
      return;
    }
    case Kind::itemizedlist:
    case Kind::orderedlist: list(n, ctx); return;
    case Kind::variablelist: variable_list(n, ctx); return;
    case Kind::blockquote: blockquote(n, ctx); return;
    case Kind::note:
    case Kind::tip:
    case Kind::important:
    case Kind::warning:
    case Kind::caution: callout(n, kind, ctx); return;
    case Kind::sidebar: boxed(n, ctx, FlowGroup::box, style_.sidebar, plain(n.child("title"))); return;
    case Kind::programlisting:
    case Kind::screen: verbatim(n, ctx, true); return;
    case Kind::literallayout: verbatim(n, ctx, role == "raw-html"); return;
    case Kind::informaltable:
    case Kind::table: table(n, ctx); return;
    case Kind::mediaobject: image(n, ctx); return;
    case Kind::informalfigure:
    case Kind::figure: image(n.child("mediaobject"), ctx); return;
    case Kind::anchor: {
      FlowItem item;
      item.drawing.anchors.push_back({n.attribute("xml:id").value(), 0});
      flow_.items.push_back(std::move(item));
      return;
    }
    case Kind::article:
    case Kind::abstract:
    case Kind::author:
    case Kind::personname:
    case Kind::orgname:
    case Kind::date:
    case Kind::pubdate:
    case Kind::revhistory:
    case Kind::revision:
    case Kind::keywordset:
    case Kind::keyword:
    case Kind::legalnotice:
    case Kind::copyright:
    case Kind::year:
    case Kind::holder:
    case Kind::bibliosource:
    case Kind::bibliomisc:
    case Kind::formalpara:
    case Kind::attribution:
    case Kind::listitem:
    case Kind::varlistentry:
    case Kind::term:
    case Kind::caption:
    case Kind::thead:
    case Kind::tbody:
    case Kind::tfoot:
    case Kind::tr:
    case Kind::th:
    case Kind::td:
    case Kind::imageobject:
    case Kind::imagedata:
    case Kind::textobject:
    case Kind::emphasis:
    case Kind::link:
    case Kind::code:
    case Kind::literal:
    case Kind::subscript:
    case Kind::superscript:
    case Kind::quote:
    case Kind::abbrev:
    case Kind::acronym:
    case Kind::foreignphrase:
    case Kind::glossterm:
    case Kind::phrase:
    case Kind::uri:
    case Kind::footnote:
    case Kind::footnoteref:
    case Kind::inlinemediaobject:
    case Kind::unknown: break;
  }
  // Anything else: its blocks, or its text as a paragraph.
  bool has_element = false, has_text = false;
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    has_element |= c.type() == pugi::node_element;
    has_text |= c.type() == pugi::node_pcdata && !text::trim(c.value()).empty();
  }
  if (has_element && !has_text) {
    blocks(n, ctx);
  } else {
    paragraph(inline_content(n, body_style()), ctx);
  }
}

void FlowBuilder::blockquote(pugi::xml_node n, Context& ctx) {
  Context inner = ctx;
  inner.groups.push_back(new_group({FlowGroup::bar, ctx.left, ctx.left + 3, style_.rule, style_.rule}));
  inner.left += 16;
  inner.element = element("BlockQuote", ctx.element);
  blocks(n, inner);
  if (pugi::xml_node a = n.child("attribution")) {
    SpanStyle s = body_style();
    s.color = style_.muted;
    std::vector<Span> spans{{"\xE2\x80\x94 ", s, {}}};
    inlines(a, s, spans);
    paragraph(spans, inner);
  }
  while (!flow_.items.empty() && flow_.items.back().discardable) flow_.items.pop_back();
  space(style_.paragraph_space * line_height(style_.body_size), ctx);
}

void FlowBuilder::callout(pugi::xml_node n, Kind kind, Context& ctx) {
  const Color color = kind == Kind::tip         ? style_.tip
                      : kind == Kind::important ? style_.important
                      : kind == Kind::warning   ? style_.warning
                      : kind == Kind::caution   ? style_.caution
                                                : style_.note;
  const std::string title = n.child("title") ? plain(n.child("title")) : admonition_label(n.name(), language_);
  boxed(n, ctx, FlowGroup::box, color, title);
}

void FlowBuilder::list(pugi::xml_node list, Context& ctx) {
  const bool ordered = named(list, "orderedlist");
  int number = list.attribute("startingnumber").as_int(1);
  SpanStyle marker_style = body_style();
  marker_style.color = style_.heading;
  // The hanging indent fits the widest marker.
  const auto items = list.children("listitem");
  const int count = static_cast<int>(std::distance(items.begin(), items.end()));
  const std::string widest = ordered ? std::to_string(number + std::max(count - 1, 0)) + "." : "\xE2\x80\xA2";
  const double gap = style_.body_size * 0.5;
  const double hang = std::max(measure_text(widest, marker_style, fonts_), style_.body_size * 0.9) + gap;
  static constexpr const char* kBullets[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA"};  // • ◦ ▪
  Context inner = ctx;
  inner.list_depth = ctx.list_depth + 1;
  // Right-to-left: the indent and the markers on the right.
  const bool rtl = right_to_left_language(language_);
  if (rtl) {
    inner.right = ctx.right + hang;
  } else {
    inner.left = ctx.left + hang;
  }
  const int l = element("L", ctx.element);
  flow_.structure[l].list_numbering = ordered ? "Decimal" : ctx.list_depth % 3 == 0 ? "Disc" : ctx.list_depth % 3 == 1 ? "Circle" : "Square";
  const double item_space = 0.25 * line_height(style_.body_size);
  for (pugi::xml_node item : list.children("listitem")) {
    const std::string_view role = item.attribute("role").value();
    std::string marker = ordered ? std::to_string(number++) + "."
                                 : kBullets[static_cast<std::size_t>(ctx.list_depth) % 3];
    if (role == "task-done") marker = "\xE2\x98\x91";  // ☑
    if (role == "task-todo") marker = "\xE2\x98\x90";  // ☐
    const std::size_t first = flow_.items.size();
    const int li = element("LI", l);
    marker_style.element = element("Lbl", li);
    inner.element = element("LBody", li);
    blocks(item, inner);
    // Paragraph spacing inside a list item is tighter.
    while (flow_.items.size() > first && flow_.items.back().discardable) flow_.items.pop_back();
    attach_marker(first, marker, marker_style,
                  rtl ? width_ - inner.right + gap + measure_text(marker, marker_style, fonts_) : inner.left - gap);
    space(item_space, ctx);
  }
  if (!flow_.items.empty() && flow_.items.back().discardable) flow_.items.back().height = style_.paragraph_space * line_height(style_.body_size);
}

void FlowBuilder::variable_list(pugi::xml_node list, Context& ctx) {
  Context inner = ctx;
  inner.left += style_.body_size * 1.5;
  const int l = element("L", ctx.element);
  for (pugi::xml_node entry : list.children("varlistentry")) {
    const int li = element("LI", l);
    SpanStyle term = body_style();
    term.font.bold = true;
    std::vector<Span> spans;
    for (pugi::xml_node t : entry.children("term")) {
      if (!spans.empty()) spans.push_back({", ", term, {}});
      inlines(t, term, spans);
    }
    std::vector<Line> lines = break_lines(spans, width(ctx), fonts_, language_, missing_);
    lines_as_items(lines, ctx, term.size, true, element("Lbl", li));
    inner.element = element("LBody", li);
    blocks(entry.child("listitem"), inner);
  }
}

void FlowBuilder::boxed(pugi::xml_node n, Context& ctx, FlowGroup::Kind kind, Color color, const std::string& title) {
  const double pad = style_.body_size * 0.6;
  Context inner = ctx;
  inner.groups.push_back(new_group({kind, ctx.left, width_ - ctx.right, color, mix_with_white(color, 0.08)}));
  inner.left += pad + 2;
  inner.right += pad + 2;
  inner.element = element("Div", ctx.element);
  space(pad * 0.6, ctx);  // space before the box, outside it
  space(pad, inner, true);
  if (!title.empty()) {
    SpanStyle s = body_style();
    s.font.bold = true;
    s.color = color;
    lines_as_items(break_lines({{title, s, {}}}, width(inner), fonts_, language_, missing_), inner, s.size, true,
                   element("P", inner.element));
  }
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && !named(c, "title") && !named(c, "info")) block(c, inner);
  }
  while (!flow_.items.empty() && flow_.items.back().discardable) flow_.items.pop_back();
  FlowItem bottom;
  bottom.height = pad;
  bottom.groups = inner.groups;
  flow_.items.push_back(std::move(bottom));
  space(style_.paragraph_space * line_height(style_.body_size), ctx);
}

namespace {

/// A verbatim line with its leading spaces as no-break spaces (a tab as four), so its
/// indentation survives line breaking.
std::string with_kept_indent(const std::string& line) {
  std::string kept;
  std::size_t i = 0;
  for (; i < line.size() && (line[i] == ' ' || line[i] == '\t'); ++i) kept += line[i] == '\t' ? "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0" : "\xC2\xA0";
  return kept + line.substr(i);
}

}  // namespace

void FlowBuilder::verbatim(pugi::xml_node n, const Context& ctx, bool mono) {
  Context inner = ctx;
  SpanStyle s = body_style();
  if (mono) {
    s.font.family = FontStyle::mono;
    s.size = style_.code_size;
    inner.groups.push_back(new_group({FlowGroup::shade, ctx.left, width_ - ctx.right, style_.code_background, style_.code_background}));
    inner.left += 6;
    inner.right += 6;
    space(4, inner, true);
  }
  // Line structure and indentation are kept: each source line is broken on its own, leading
  // spaces become no-break spaces.
  const std::string all = text_content(n);
  std::size_t pos = 0;
  std::vector<Line> lines;
  while (pos <= all.size()) {
    std::size_t end = all.find('\n', pos);
    if (end == std::string::npos) end = all.size();
    const std::string kept = with_kept_indent(all.substr(pos, end - pos));
    std::vector<Line> broken = break_lines({{kept, s, {}}}, width(inner), fonts_, language_, missing_);
    if (broken.empty()) {
      Line empty;
      const FontFace& face = fonts_.face(fonts_.primary(s.font));
      empty.ascent = face.ascender() * s.size;
      empty.descent = -face.descender() * s.size;
      broken.push_back(std::move(empty));
    }
    // The end of a source line is a word boundary for text read from the structure.
    if (!broken.back().drawing.runs.empty()) {
      std::string& last = broken.back().drawing.runs.back().text;
      if (!last.empty() && last.back() != ' ') last += ' ';
    }
    lines.insert(lines.end(), std::make_move_iterator(broken.begin()), std::make_move_iterator(broken.end()));
    if (end == all.size()) break;
    pos = end + 1;
  }
  while (!lines.empty() && lines.back().drawing.runs.empty()) lines.pop_back();
  lines_as_items(lines, inner, s.size, false, element(mono ? "Code" : "P", ctx.element));
  if (mono) {
    FlowItem bottom;
    bottom.height = 4;
    bottom.groups = inner.groups;
    flow_.items.push_back(std::move(bottom));
  }
  space(style_.paragraph_space * line_height(style_.body_size), ctx);
}

void FlowBuilder::image(pugi::xml_node media, const Context& ctx) {
  const std::string key = media.child("imageobject").child("imagedata").attribute("fileref").value();
  const std::string alt = alt_text(media);
  const std::string title = image_title(media);
  auto found = images_.find(key);
  SpanStyle caption = body_style(0.85);
  caption.color = style_.muted;
  caption.font.italic = true;
  if (found == images_.end() || found->second.width <= 0 || found->second.height <= 0) {
    // No image to draw: a framed box with its description, so no text is lost.
    Context inner = ctx;
    inner.groups.push_back(new_group({FlowGroup::box, ctx.left, width_ - ctx.right, style_.rule, {1, 1, 1}}));
    inner.left += 8;
    inner.right += 8;
    space(6, inner, true);
    std::string text = message("Image not available", language_);
    if (!title.empty()) text += ": " + title;
    if (!alt.empty()) text += (title.empty() ? ": " : " \xE2\x80\x94 ") + alt;
    lines_as_items(break_lines({{text, caption, {}}}, width(inner), fonts_, language_, missing_), inner, caption.size, false,
                   element("P", ctx.element));
    FlowItem bottom;
    bottom.height = 6;
    bottom.groups = inner.groups;
    flow_.items.push_back(std::move(bottom));
    space(style_.paragraph_space * line_height(style_.body_size), ctx);
    return;
  }
  double w = std::min(found->second.width, width(ctx));
  double h = w * found->second.height / found->second.width;
  const double max_h = (style_.page.body_height()) * 0.5;
  if (h > max_h) {
    w *= max_h / h;
    h = max_h;
  }
  FlowItem item;
  item.height = h + 4;
  item.groups = ctx.groups;
  item.keep_with_next = true;
  item.drawing.images.push_back({ctx.left, 2, w, h, key});
  // A Figure with its text alternative; an image with none is decoration screen readers skip.
  const std::string figure_alt = !alt.empty() ? alt : title;
  if (figure_alt.empty()) {
    diag_.warning(Code::image_no_alt, 0, 0, "image '" + key + "' has no text alternative: it is tagged as decoration, which screen readers skip");
    item.drawing.images.back().element = tag::artifact;
  } else {
    const int figure = element("Figure", ctx.element);
    flow_.structure[figure].alt = figure_alt;
    item.drawing.images.back().element = figure;
  }
  flow_.items.push_back(std::move(item));
  std::string text = title;
  if (!alt.empty() && alt != title) text += (text.empty() ? "" : " \xE2\x80\x94 ") + alt;
  if (!text.empty()) {
    lines_as_items(break_lines({{text, caption, {}}}, width(ctx), fonts_, language_, missing_), ctx, caption.size, false,
                   element("P", ctx.element));
  }
  space(style_.paragraph_space * line_height(style_.body_size), ctx);
}

void FlowBuilder::add_notes() {
  if (notes_.empty()) return;
  Context ctx;
  pugi::xml_document scratch;
  scratch.append_child("title").append_child(pugi::node_pcdata).set_value(message("Notes", language_).c_str());
  heading(scratch.child("title"), 1, ctx, "", true);
  SpanStyle s = body_style(style_.note_size / style_.body_size);
  SpanStyle number = s;
  number.color = style_.link;
  const double hang = measure_text(std::to_string(notes_.size()) + ".", number, fonts_) + s.size * 0.6;
  Context inner = ctx;
  inner.left = hang;
  // Notes may hold footnotes of their own only through nesting the builder flattened: none here.
  for (std::size_t k = 0; k < notes_.size(); ++k) {
    const pugi::xml_node note = notes_[k];
    const int n = note_numbers_[note.internal_object()];
    const std::size_t first = flow_.items.size();
    inner.element = element("Note", ctx.element);
    flow_.structure[inner.element].id = "note-" + std::to_string(n);
    number.element = element("Link", inner.element);
    for (pugi::xml_node c = note.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (named(c, "para")) {
        std::vector<Span> spans = inline_content(c, s);
        if (c == note.first_child()) spans.insert(spans.begin(), Span{"", s, "note-" + std::to_string(n)});
        paragraph(spans, inner, 0.3);
      } else {
        block(c, inner);
      }
    }
    number.target = "noteref-" + std::to_string(n);
    attach_marker(first, std::to_string(n) + ".", number, hang - s.size * 0.6);
    if (flow_.items.size() > first && flow_.items[first].drawing.anchors.empty()) {
      flow_.items[first].drawing.anchors.push_back({"note-" + std::to_string(n), 0});
    }
  }
}

void FlowBuilder::add_colophon() {
  const Metadata m = read_metadata(doc_);
  std::vector<std::string> lines;
  if (!m.source_url.empty()) lines.push_back(message("Source:", language_) + " " + m.source_url);
  for (const std::string& l : m.legal) lines.push_back(l);
  if (m.legal.empty() && !m.copyright_holder.empty()) lines.push_back("\xC2\xA9 " + m.copyright_year + " " + m.copyright_holder);
  if (!m.updated.empty()) lines.push_back(message("Last updated {date}", language_, {{"date", readable_date(m.updated, language_)}}));
  if (lines.empty()) return;
  Context ctx;
  space(0.6 * line_height(style_.body_size), ctx);
  FlowItem rule_item;
  rule_item.height = 6;
  rule_item.keep_with_next = true;
  rule_item.drawing.rects.push_back(filled_rect(0, 0, width_ * 0.3, 0.8, style_.rule));
  flow_.items.push_back(std::move(rule_item));
  SpanStyle s = body_style(style_.note_size / style_.body_size);
  s.color = style_.muted;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    SpanStyle ls = s;
    std::vector<Span> spans;
    const int p = element("P", ctx.element);
    if (i == 0 && !m.source_url.empty()) {
      spans.push_back({message("Source:", language_) + " ", s, {}});
      ls.uri = m.source_url;
      ls.color = style_.link;
      ls.element = element("Link", p);
      spans.push_back({m.source_url, ls, {}});
    } else {
      spans.push_back({lines[i], s, {}});
    }
    lines_as_items(break_lines(spans, width(ctx), fonts_, language_, missing_), ctx, s.size, false, p);
  }
}

}  // namespace handout
