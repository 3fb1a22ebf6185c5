#include "model/builder.hpp"

#include "model/schema.hpp"
#include "text/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

namespace handout {

namespace {

void append_text(pugi::xml_node node, std::string_view s) {
  if (s.empty()) return;
  auto pcdata = node.append_child(pugi::node_pcdata);
  if (text::needs_xml_cleaning(s)) {
    const std::string clean = text::xml_safe(s);
    pcdata.set_value(clean.data(), clean.size());
  } else {
    pcdata.set_value(s.data(), s.size());
  }
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/// Returns url as a valid URI reference (RFC 3986): characters it cannot hold literally
/// (spaces, non-ASCII, <>"{}|\^`, a stray % or a second #) are percent-encoded, and a relative
/// reference whose first segment has a colon gets "./" so it is not read as a scheme.
std::string uri_safe(std::string_view url) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  url = text::trim(url);
  std::string out;
  out.reserve(url.size() + 8);
  // A scheme is ALPHA *(ALPHA / DIGIT / "+" / "-" / ".") followed by ":".
  const std::size_t colon = url.find(':');
  const std::size_t first_delim = url.find_first_of("/?#");
  if (colon != std::string_view::npos && (first_delim == std::string_view::npos || colon < first_delim)) {
    bool scheme = colon > 0 && std::isalpha(static_cast<unsigned char>(url[0]));
    for (std::size_t i = 1; i < colon && scheme; ++i) {
      const char c = url[i];
      scheme = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
    }
    if (!scheme) out += "./";
  }
  const std::size_t authority = url.find("//");
  // The authority after "scheme://" (or a leading "//"): a colon in its host stands only before a
  // port of digits (an empty port's colon is dropped), and "@" only after the userinfo; any other is
  // percent-encoded
  // ("http://example.org:ns/x" -> "http://example.org%3Ans/x"), as the schema's anyURI check needs.
  std::size_t host_begin = std::string_view::npos, auth_end = 0, port_colon = std::string_view::npos;
  std::size_t host_bracket_end = std::string_view::npos;
  if (authority != std::string_view::npos && (authority == 0 || (out.empty() && authority == colon + 1))) {
    const std::size_t auth_begin = authority + 2;
    auth_end = std::min(url.find_first_of("/?#", auth_begin), url.size());
    const std::size_t at = url.substr(auth_begin, auth_end - auth_begin).rfind('@');
    host_begin = at == std::string_view::npos ? auth_begin : auth_begin + at + 1;
    if (host_begin < auth_end && url[host_begin] == '[') host_bracket_end = url.find(']', host_begin);
    const std::size_t last = url.substr(host_begin, auth_end - host_begin).rfind(':');
    if (last != std::string_view::npos) {
      const std::size_t at_colon = host_begin + last;
      bool digits = host_bracket_end == std::string_view::npos || at_colon > host_bracket_end;
      for (std::size_t i = at_colon + 1; i < auth_end && digits; ++i)
        digits = std::isdigit(static_cast<unsigned char>(url[i])) != 0;
      if (digits) port_colon = at_colon;
    }
  }
  bool seen_fragment = false;
  for (std::size_t i = 0; i < url.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(url[i]);
    bool literal = std::isalnum(c) || std::strchr("-._~:/?@!$&'()*+,;=", c) != nullptr;
    if (c == '%') literal = i + 2 < url.size() && is_hex(url[i + 1]) && is_hex(url[i + 2]);
    if (c == '#') literal = !seen_fragment, seen_fragment = true;
    // An IPv6 literal host: "[" right after "//", up to its "]".
    if ((c == '[' && authority != std::string_view::npos && i == authority + 2) ||
        (c == ']' && authority != std::string_view::npos && url[authority + 2] == '[' &&
         url.find(']', authority) == i)) {
      literal = true;
    }
    // An empty port ("http://a.org:/x") means the default one: the colon is left out (libxml2's
    // anyURI check refuses it).
    if (i == port_colon && i + 1 == auth_end) continue;
    if (host_begin != std::string_view::npos && i >= authority + 2 && i < auth_end) {
      const bool in_brackets = host_bracket_end != std::string_view::npos && i > host_begin && i < host_bracket_end;
      if (c == ':' && i >= host_begin && i != port_colon && !in_brackets) literal = false;
      if (c == '@' && i + 1 != host_begin) literal = false;
    }
    if (literal) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void set_attr(pugi::xml_node node, const char* name, std::string_view value) {
  const std::string v = text::xml_safe(value);
  node.append_attribute(name).set_value(v.data(), v.size());
}

const char* admonition_name(Admonition kind) {
  switch (kind) {
    case Admonition::note: return "note";
    case Admonition::tip: return "tip";
    case Admonition::important: return "important";
    case Admonition::warning: return "warning";
    case Admonition::caution: return "caution";
  }
  return "note";
}

void add_media(pugi::xml_node media, std::string_view url, std::string_view alt, std::string_view title) {
  auto imagedata = media.append_child("imageobject").append_child("imagedata");
  set_attr(imagedata, "fileref", uri_safe(url));
  if (!text::trim(alt).empty()) append_text(media.append_child("textobject").append_child("phrase"), alt);
  if (!text::trim(title).empty()) {
    auto t = media.append_child("textobject");
    t.append_attribute("role") = "title";
    append_text(t.append_child("phrase"), title);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// InlineSink

void InlineSink::text(std::string_view s) { append_text(node_, s); }

InlineSink InlineSink::nested(const char* name, const char* role) {
  if (depth_ >= builder_->limits_.max_inline_depth) {
    builder_->warn_depth();
    return *this;
  }
  auto child = node_.append_child(name);
  if (role != nullptr) child.append_attribute("role") = role;
  return InlineSink(child, builder_, depth_ + 1, flags_);
}

pugi::xml_node InlineSink::outside_text_only(const char* name) {
  if ((flags_ & kTextOnly) == 0 || !in_text_only(node_)) return node_.append_child(name);
  pugi::xml_node outer = node_;
  for (pugi::xml_node n = node_; n && in_text_only(n); n = n.parent()) outer = n;
  return outer.parent().insert_child_after(name, outer);
}

InlineSink InlineSink::emphasis() { return (flags_ & kTextOnly) != 0 ? *this : nested("emphasis", nullptr); }
InlineSink InlineSink::strong() { return (flags_ & kTextOnly) != 0 ? *this : nested("emphasis", "strong"); }
InlineSink InlineSink::strikethrough() {
  return (flags_ & kTextOnly) != 0 ? *this : nested("emphasis", "strikethrough");
}
InlineSink InlineSink::subscript() {
  InlineSink sink = nested("subscript", nullptr);
  sink.flags_ |= kTextOnly;
  return sink;
}
InlineSink InlineSink::superscript() {
  InlineSink sink = nested("superscript", nullptr);
  sink.flags_ |= kTextOnly;
  return sink;
}

InlineSink InlineSink::link(std::string_view url, std::string_view title) {
  if ((flags_ & kInLink) != 0) return nested("phrase", nullptr);
  InlineSink sink = nested("link", nullptr);
  if (sink.node_ == node_) return sink;
  set_attr(sink.node_, "xlink:href", uri_safe(url));
  if (!text::trim(title).empty()) set_attr(sink.node_, "xlink:title", title);
  sink.flags_ |= kInLink;
  return sink;
}

InlineSink InlineSink::internal_link(std::string_view id) {
  if ((flags_ & kInLink) != 0) return nested("phrase", nullptr);
  InlineSink sink = nested("link", nullptr);
  if (sink.node_ == node_) return sink;
  set_attr(sink.node_, "linkend", id);
  sink.flags_ |= kInLink;
  return sink;
}

InlineSink InlineSink::phrase(std::string_view role) {
  InlineSink sink = nested("phrase", nullptr);
  if (sink.node_ != node_ && !role.empty()) set_attr(sink.node_, "role", role);
  return sink;
}

void InlineSink::code(std::string_view s) {
  if ((flags_ & kTextOnly) != 0) return append_text(node_, s);
  append_text(node_.append_child("code"), s);
}

void InlineSink::line_break() {
  node_.append_child(pugi::node_pi).set_name("linebreak");
  append_text(node_, "\n");
}

void InlineSink::image(std::string_view url, std::string_view alt, std::string_view title) {
  add_media(node_.append_child("inlinemediaobject"), url, alt, title);
}

BlockSink InlineSink::footnote(std::string_view id) {
  if ((flags_ & kInFootnote) != 0) {
    // DocBook forbids a footnote in a footnote: the inner one's blocks follow the outer one's.
    for (auto n = node_; n; n = n.parent()) {
      if (std::strcmp(n.name(), "footnote") == 0) return BlockSink(n, builder_, depth_, flags_ & ~kTextOnly);
    }
  }
  builder_->count_footnote();
  auto fn = outside_text_only("footnote");
  if (!id.empty()) set_attr(fn, "xml:id", id);
  return BlockSink(fn, builder_, 1, (flags_ & ~(kInLink | kTextOnly)) | kInFootnote);
}

void InlineSink::footnote_ref(std::string_view id) { set_attr(outside_text_only("footnoteref"), "linkend", id); }

// ---------------------------------------------------------------------------------------------
// BlockSink

bool BlockSink::at_depth_limit() const {
  if (depth_ < builder_->limits_.max_block_depth) return false;
  builder_->warn_depth();
  return true;
}

BlockSink BlockSink::container(const char* name, const char* role) {
  if (at_depth_limit()) return *this;
  auto child = node_.append_child(name);
  if (role != nullptr) child.append_attribute("role") = role;
  return BlockSink(child, builder_, depth_ + 1, flags_);
}

InlineSink BlockSink::para(std::string_view role) {
  auto p = node_.append_child("para");
  if (!role.empty()) set_attr(p, "role", role);
  return InlineSink(p, builder_, 0, flags_);
}

InlineSink BlockSink::bridgehead(int level) {
  auto h = node_.append_child("bridgehead");
  if (level >= 1 && level <= 5) {
    set_attr(h, "renderas", "sect" + std::to_string(level));
  }
  return InlineSink(h, builder_, 0, flags_);
}

BlockSink BlockSink::blockquote() { return container("blockquote", nullptr); }

ListSink BlockSink::itemized_list(std::string_view role) {
  if (at_depth_limit()) return ListSink(pugi::xml_node(), *this);
  auto list = node_.append_child("itemizedlist");
  if (!role.empty()) set_attr(list, "role", role);
  return ListSink(list, *this);
}

ListSink BlockSink::ordered_list(int start) {
  if (at_depth_limit()) return ListSink(pugi::xml_node(), *this);
  auto list = node_.append_child("orderedlist");
  if (start != 1) list.append_attribute("startingnumber") = start;
  return ListSink(list, *this);
}

VariableListSink BlockSink::variable_list() {
  if (at_depth_limit()) return VariableListSink(pugi::xml_node(), *this);
  return VariableListSink(node_.append_child("variablelist"), *this);
}

void BlockSink::program_listing(std::string_view code, std::string_view language, std::string_view role) {
  auto pl = node_.append_child("programlisting");
  if (!language.empty()) set_attr(pl, "language", language);
  if (!role.empty()) set_attr(pl, "role", role);
  append_text(pl, code);
}

void BlockSink::literal_layout(std::string_view text, std::string_view role) {
  auto ll = node_.append_child("literallayout");
  if (!role.empty()) set_attr(ll, "role", role);
  append_text(ll, text);
}

BlockSink BlockSink::admonition(Admonition kind, std::string_view title) {
  BlockSink body = container(admonition_name(kind), nullptr);
  if (body.node_ == node_) {
    if (!text::trim(title).empty()) para().strong().text(title);
    return body;
  }
  if (!text::trim(title).empty()) append_text(body.node_.append_child("title"), title);
  return body;
}

BlockSink BlockSink::sidebar(std::string_view title, std::string_view role) {
  BlockSink body = container("sidebar", nullptr);
  if (body.node_ == node_) {
    if (!text::trim(title).empty()) para().strong().text(title);
    return body;
  }
  if (!role.empty()) set_attr(body.node_, "role", role);
  if (!text::trim(title).empty()) append_text(body.node_.append_child("title"), title);
  return body;
}

TableSink BlockSink::table() {
  if (at_depth_limit()) return TableSink(pugi::xml_node(), *this);
  return TableSink(node_.append_child("informaltable"), BlockSink(node_, builder_, depth_ + 1, flags_));
}

void BlockSink::thematic_break() { node_.append_child("para").append_attribute("role") = "thematic-break"; }

void BlockSink::image(std::string_view url, std::string_view alt, std::string_view title) {
  add_media(node_.append_child("mediaobject"), url, alt, title);
}

// ---------------------------------------------------------------------------------------------
// Lists and tables

BlockSink ListSink::item(std::string_view role) {
  if (!list_) return parent_;
  auto li = list_.append_child("listitem");
  if (!role.empty()) set_attr(li, "role", role);
  return BlockSink(li, parent_.builder_, parent_.depth_ + 1, parent_.flags_);
}

VariableListSink::Entry VariableListSink::entry() {
  if (!list_) {
    InlineSink term = parent_.para().strong();
    return Entry{term, parent_};
  }
  auto e = list_.append_child("varlistentry");
  auto term = e.append_child("term");
  auto li = e.append_child("listitem");
  return Entry{InlineSink(term, parent_.builder_, 0, parent_.flags_),
               BlockSink(li, parent_.builder_, parent_.depth_ + 1, parent_.flags_)};
}

InlineSink TableSink::caption() {
  if (!table_) return parent_.para().strong();
  if (auto existing = table_.child("caption")) return InlineSink(existing, parent_.builder_, 0, parent_.flags_);
  table_.set_name("table");
  auto cap = table_.prepend_child("caption");
  return InlineSink(cap, parent_.builder_, 0, parent_.flags_);
}

RowSink TableSink::header_row() {
  if (!table_) return RowSink(pugi::xml_node(), parent_);
  if (table_.child("tbody")) return row();
  auto thead = table_.child("thead");
  if (!thead) thead = table_.append_child("thead");
  return RowSink(thead.append_child("tr"), parent_);
}

RowSink TableSink::row() {
  if (!table_) return RowSink(pugi::xml_node(), parent_);
  auto tbody = table_.child("tbody");
  if (!tbody) tbody = table_.append_child("tbody");
  return RowSink(tbody.append_child("tr"), parent_);
}

pugi::xml_node RowSink::make_cell(bool header, CellAlign align, int colspan, int rowspan) {
  parent_.builder_->count_cell(row_, colspan, rowspan);
  auto cell = row_.append_child(header ? "th" : "td");
  switch (align) {
    case CellAlign::left: cell.append_attribute("align") = "left"; break;
    case CellAlign::center: cell.append_attribute("align") = "center"; break;
    case CellAlign::right: cell.append_attribute("align") = "right"; break;
    case CellAlign::none: break;
  }
  if (colspan > 1) cell.append_attribute("colspan") = colspan;
  if (rowspan > 1) cell.append_attribute("rowspan") = rowspan;
  return cell;
}

InlineSink RowSink::cell(bool header, CellAlign align, int colspan, int rowspan) {
  if (!row_) return header ? parent_.para().strong() : parent_.para();
  return InlineSink(make_cell(header, align, colspan, rowspan), parent_.builder_, 0, parent_.flags_);
}

BlockSink RowSink::block_cell(bool header, CellAlign align, int colspan, int rowspan) {
  if (!row_) return parent_;
  return BlockSink(make_cell(header, align, colspan, rowspan), parent_.builder_, parent_.depth_, parent_.flags_);
}

// ---------------------------------------------------------------------------------------------
// TreeBuilder

TreeBuilder::TreeBuilder(Document& doc, Diagnostics& diag, TreeLimits limits)
    : doc_(doc), diag_(diag), limits_(limits) {}

void TreeBuilder::count_cell(pugi::xml_node row, int colspan, int rowspan) {
  const long long span = std::max(colspan, 1);
  int& row_columns = row_columns_[row.internal_object()];
  if (span > limits_.max_table_columns - row_columns) {
    over_limit("table row has more than " + std::to_string(limits_.max_table_columns) + " columns", "table-columns");
  }
  row_columns += static_cast<int>(span);
  const std::size_t area = static_cast<std::size_t>(span) * static_cast<std::size_t>(std::max(rowspan, 1));
  std::size_t& cells = table_cells_[row.parent().parent().internal_object()];
  if (area > limits_.max_table_cells - std::min(cells, limits_.max_table_cells)) {
    over_limit("table has more than " + std::to_string(limits_.max_table_cells) + " cells", "table-cells");
  }
  cells += area;
}

void TreeBuilder::count_footnote() {
  if (++footnotes_ > limits_.max_footnotes) {
    over_limit("more than " + std::to_string(limits_.max_footnotes) + " footnotes", "footnotes");
  }
}

void TreeBuilder::over_limit(const std::string& what, std::string_view limit) const {
  throw SourceError(Code::limit_exceeded, line_, line_ > 0 ? 1 : 0,
                    what + " (the limit; raise it with --limit " + std::string(limit) + "=N)");
}

InlineSink TreeBuilder::heading(int level) {
  while (!open_sections_.empty() && open_sections_.back().first >= level) open_sections_.pop_back();
  pugi::xml_node parent = open_sections_.empty() ? doc_.article() : open_sections_.back().second;
  auto section = parent.append_child("section");
  open_sections_.emplace_back(level, section);
  return InlineSink(section.append_child("title"), this, 0, 0);
}

BlockSink TreeBuilder::body() {
  pugi::xml_node node = open_sections_.empty() ? doc_.article() : open_sections_.back().second;
  return BlockSink(node, this, 0, 0);
}

InlineSink TreeBuilder::title() {
  pugi::xml_node info = doc_.info();
  info.remove_child("title");
  return InlineSink(info.prepend_child("title"), this, 0, 0);
}

std::string TreeBuilder::claim_id(std::string_view base) {
  std::string id(base.empty() ? std::string_view("id") : base);
  // xml:id is an NCName: it must start with a letter or underscore and hold no colon.
  for (char& c : id) {
    if (c == ':' || c == ' ') c = '-';
  }
  const unsigned char first = static_cast<unsigned char>(id[0]);
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_' || first >= 0x80)) {
    id = "id-" + id;
  }
  std::string candidate = id;
  for (int n = 2; ids_.count(candidate) != 0; ++n) candidate = id + "-" + std::to_string(n);
  ids_.insert(candidate);
  return candidate;
}

void TreeBuilder::warn_depth() {
  if (depth_warned_) return;
  depth_warned_ = true;
  diag_.warning(Code::limit_exceeded, line_, 0,
                "content nested more than " + std::to_string(limits_.max_block_depth) +
                    " levels deep; deeper levels are flattened into their container");
}

void TreeBuilder::finish() { repair_content_models(doc_); }

// ---------------------------------------------------------------------------------------------
// Content-model repair

namespace {

bool has_child_named(pugi::xml_node n, const char* name) { return static_cast<bool>(n.child(name)); }

bool is_named(pugi::xml_node n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (std::strcmp(n.name(), name) == 0) return true;
  return false;
}

/// Repairs one element after its children were repaired. Returns false when it must be removed.
bool repair_element(pugi::xml_node n) {
  if (is_named(n, {"itemizedlist", "orderedlist"})) return has_child_named(n, "listitem");
  if (is_named(n, {"variablelist"})) return has_child_named(n, "varlistentry");
  if (is_named(n, {"tr"})) return has_child_named(n, "td") || has_child_named(n, "th");
  if (is_named(n, {"thead", "tbody", "tfoot"})) return has_child_named(n, "tr");
  if (is_named(n, {"informaltable", "table"})) {
    if (!n.child("tbody") && n.child("thead")) n.child("thead").set_name("tbody");
    if (!n.child("tbody")) return false;
    return true;
  }
  if (is_named(n, {"mediaobject", "inlinemediaobject"})) return has_child_named(n, "imageobject");
  if (is_named(n, {"varlistentry"})) {
    if (!n.child("term")) n.prepend_child("term");
    if (!n.child("listitem")) n.append_child("listitem");
    return true;
  }
  if (is_named(n, {"listitem", "blockquote", "footnote", "note", "tip", "important", "warning", "caution",
                   "sidebar"})) {
    bool has_block = false;
    for (auto c = n.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_element && !is_named(c, {"title", "info", "attribution"})) has_block = true;
    }
    if (!has_block) n.append_child("para");
    return true;
  }
  if (is_named(n, {"section", "article"})) {
    bool has_body = false;
    for (auto c = n.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_element && !is_named(c, {"title", "info", "subtitle", "titleabbrev"})) {
        has_body = true;
      }
    }
    if (!has_body) n.append_child("para");
    if (is_named(n, {"section"}) && !n.child("title") && !n.child("info")) n.prepend_child("title");
    return true;
  }
  return true;
}

}  // namespace

void repair_content_models(Document& doc) {
  // Post-order walk without recursion: children are repaired before their parent.
  pugi::xml_node root = doc.article();
  if (!root.child("info")) root.prepend_child("info");
  if (!root.child("info").child("title")) root.child("info").prepend_child("title");
  auto first_element_child = [](pugi::xml_node n) {
    for (auto c = n.first_child(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element) return c;
    return pugi::xml_node();
  };
  auto next_element_sibling = [](pugi::xml_node n) {
    for (auto c = n.next_sibling(); c; c = c.next_sibling())
      if (c.type() == pugi::node_element) return c;
    return pugi::xml_node();
  };
  auto leftmost_leaf = [&](pugi::xml_node n) {
    for (auto c = first_element_child(n); c; c = first_element_child(n)) n = c;
    return n;
  };
  pugi::xml_node cur = leftmost_leaf(root);
  while (cur) {
    pugi::xml_node next;
    if (cur != root) {
      if (auto sib = next_element_sibling(cur)) {
        next = leftmost_leaf(sib);
      } else {
        next = cur.parent();
      }
    }
    if (!repair_element(cur)) cur.parent().remove_child(cur);
    if (cur == root) break;
    cur = next;
  }
}

}  // namespace handout
