// MediaWiki reader. Stages (each one pass, no recursion driven by the input):
//  1-2. preprocess.cpp: comments, <nowiki>/<pre>/<math>..., templates, <ref>s → markers;
//  3.   here: lines → a tree of blocks (headings, paragraphs, lists, tables, quotes...), read with
//       an explicit stack of open tables and quotes, so nesting depth costs memory, not stack;
//  4.   here: the block tree is walked with an explicit stack into TreeBuilder sinks; inline text
//       goes through inline.cpp. Footnotes are read where first used (one level: refs do not nest).
//
// Title: {{DISPLAYTITLE:...}}; else a level-1 heading (= Title =) that opens the page and is its
// only level-1 heading; else the page name from the file name ('_' read as a space).
#include "model/metadata.hpp"
#include "text/callout_labels.hpp"
#include "text/text.hpp"
#include "readers/reader.hpp"
#include "readers/wiki/inline.hpp"
#include "readers/wiki/lexer.hpp"
#include "readers/front_matter.hpp"
#include "readers/wiki/preprocess.hpp"

#include <utf8proc.h>

#include <filesystem>
#include <optional>
#include <unordered_map>
#include <variant>

namespace handout {

namespace wiki {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// ---------------------------------------------------------------------------------------------
// The block tree

enum class BlockKind : std::uint8_t {
  root,
  heading,     ///< text: the heading's inline text; level
  para,        ///< text: inline wikitext, lines joined by '\n'
  verbatim,    ///< lines indented by a space: text, shown verbatim without its markup
  stripped,    ///< a <pre>, <syntaxhighlight> or <gallery> taken out by preprocessing; index
  list,        ///< ordered when level == 1
  item,
  def_list,
  term,        ///< text: inline
  definition,
  blockquote,
  table,       ///< children other than caption and rows are shown before the table
  caption,     ///< text: inline
  row,
  cell,
  rule,
  references,  ///< <references/>: the notes are footnotes, so nothing is shown here
};

struct Block {
  BlockKind kind = BlockKind::root;
  int parent = -1, first_child = -1, last_child = -1, next = -1;
  int line = 0;
  int level = 0;  ///< heading level; list: 1 ordered; stripped: index into PreprocessedPage::stripped
  std::string text;
  bool header = false;  ///< cell: <th>
  CellAlign align = CellAlign::none;
  int colspan = 1, rowspan = 1;
};

struct BlockTree {
  std::vector<Block> blocks{Block{}};  ///< blocks[0] is the root

  int add(BlockKind kind, int parent, int line, std::string text = {}) {
    Block b;
    b.kind = kind;
    b.parent = parent;
    b.line = line;
    b.text = std::move(text);
    blocks.push_back(std::move(b));
    const int id = static_cast<int>(blocks.size() - 1);
    Block& p = blocks[static_cast<std::size_t>(parent)];
    if (p.last_child < 0) p.first_child = id;
    else blocks[static_cast<std::size_t>(p.last_child)].next = id;
    p.last_child = id;
    return id;
  }
  Block& operator[](int id) { return blocks[static_cast<std::size_t>(id)]; }
  const Block& operator[](int id) const { return blocks[static_cast<std::size_t>(id)]; }
};

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

/// A paragraph that opens with a call-out label, plain or bold: the label and the wikitext after it.
struct CalloutParagraph {
  CalloutLabel label;
  std::string_view rest;
};

/// Reads "Warning: …", "'''Warning:''' …" or "'''Warning''': …" (labels of the page's language,
/// then English, the language of template names); nullopt for any other paragraph and for a
/// label with nothing after it.
std::optional<CalloutParagraph> callout_paragraph(std::string_view wikitext, std::string_view language) {
  const std::string_view t = trim_left(wikitext);
  auto label_of = [&](std::string_view s) {
    auto l = callout_label(s, language);
    return l ? l : callout_label(s, "en");
  };
  std::optional<CalloutParagraph> out;
  static constexpr std::string_view kBold = "'''";
  if (t.starts_with(kBold)) {
    if (t.starts_with("''''")) return std::nullopt;  // bold italic: not a plain label
    const std::size_t close = t.find(kBold, kBold.size());
    if (close == npos) return std::nullopt;
    const std::string_view inner = t.substr(kBold.size(), close - kBold.size());
    std::string_view after = t.substr(close + kBold.size());
    const std::string_view trimmed = text::trim(inner);
    if (trimmed.empty() || trimmed.find('\n') != npos) return std::nullopt;
    if (trimmed.back() != ':') {
      if (!after.starts_with(':')) return std::nullopt;  // "'''Important''' to know …"
      after.remove_prefix(1);
    }
    if (auto l = label_of(trimmed)) out = CalloutParagraph{*l, after};
  } else {
    auto l = leading_callout_label(t, language);
    if (!l) l = leading_callout_label(t, "en");
    if (l) out = CalloutParagraph{*l, t.substr(l->length)};
  }
  if (!out) return std::nullopt;
  out->rest = trim_left(out->rest);
  if (text::trim(out->rest).empty()) return std::nullopt;
  return out;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_blank(std::string_view s) { return text::trim(s).empty(); }

/// True for a line that is one [[File:...]] (or [[Image:...]]) and nothing else: MediaWiki shows
/// such images as frames of their own, so the line is a paragraph of its own.
bool is_image_line(std::string_view line) {
  const std::string_view t = text::trim(line);
  return (starts_with_nocase(t, "[[file:") || starts_with_nocase(t, "[[image:")) && t.ends_with("]]");
}

/// Reads "== Heading ==": level = the shorter run of '=' (at most 6), as MediaWiki does.
bool read_heading(std::string_view line, int* level, std::string_view* inner) {
  const std::string_view r = trim_right(line);
  if (r.size() < 2 || r.front() != '=' || r.back() != '=') return false;
  std::size_t a = 0, b = 0;
  while (a < r.size() && r[a] == '=') ++a;
  while (b < r.size() && r[r.size() - 1 - b] == '=') ++b;
  std::size_t n = a == r.size() ? (r.size() - 1) / 2 : std::min(a, b);
  n = std::min<std::size_t>(n, 6);
  if (n == 0) return false;
  *level = static_cast<int>(n);
  *inner = text::trim(r.substr(n, r.size() - 2 * n));
  return true;
}

/// Finds the ':' that ends a "; term : definition" line: not inside [[...]], [...], <...> or a URL.
std::size_t find_definition_colon(std::string_view s) {
  int links = 0, brackets = 0;
  bool in_tag = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_tag) {
      in_tag = c != '>';
      continue;
    }
    if (c == '<') in_tag = true;
    else if (c == '[') (i + 1 < s.size() && s[i + 1] == '[') ? (++links, ++i) : ++brackets;
    else if (c == ']') (i + 1 < s.size() && s[i + 1] == ']' && links > 0) ? (--links, ++i) : (brackets > 0 ? --brackets : 0);
    else if (c == ':' && links == 0 && brackets == 0 && s.substr(i + 1, 2) != "//") return i;
  }
  return npos;
}

/// Splits a table line's cells at "||" (and "!!" on header lines), not inside [[...]].
std::vector<std::string_view> split_cells(std::string_view s, bool header) {
  std::vector<std::string_view> cells;
  int links = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '[' && s[i + 1] == '[') ++links, ++i;
    else if (s[i] == ']' && s[i + 1] == ']' && links > 0) --links, ++i;
    else if (links == 0 && ((s[i] == '|' && s[i + 1] == '|') || (header && s[i] == '!' && s[i + 1] == '!'))) {
      cells.push_back(s.substr(start, i - start));
      start = i + 2;
      ++i;
    }
  }
  cells.push_back(s.substr(start));
  return cells;
}

struct CellAttributes {
  CellAlign align = CellAlign::none;
  int colspan = 1, rowspan = 1;
};

int span_value(const std::string& v) {
  const int n = std::atoi(v.c_str());
  return std::clamp(n, 1, 1000);
}

CellAttributes read_cell_attributes(std::string_view attrs_text) {
  CellAttributes out;
  for (const auto& [name, value] : parse_attributes(attrs_text)) {
    const std::string v = ascii_lower(text::trim(value));
    if (name == "colspan") out.colspan = span_value(v);
    else if (name == "rowspan") out.rowspan = span_value(v);
    else if (name == "align" || name == "style") {
      const std::size_t at = name == "align" ? 0 : v.find("text-align");
      if (at == npos) continue;
      const std::string_view rest = std::string_view(v).substr(at);
      if (rest.find("center") != npos) out.align = CellAlign::center;
      else if (rest.find("right") != npos) out.align = CellAlign::right;
      else if (rest.find("left") != npos) out.align = CellAlign::left;
    }
  }
  return out;
}

/// Splits "attributes | content" in a cell or caption, as MediaWiki does: at the first '|',
/// unless what comes before holds "[[".
std::pair<std::string_view, std::string_view> split_cell_attributes(std::string_view cell) {
  const std::size_t bar = cell.find('|');
  if (bar == npos) return {{}, cell};
  const std::string_view before = cell.substr(0, bar);
  if (before.find("[[") != npos) return {{}, cell};
  return {before, cell.substr(bar + 1)};
}

// ---------------------------------------------------------------------------------------------
// Stage 3: lines → blocks

class BlockParser {
 public:
  BlockParser(const MappedText& body, const PreprocessedPage& page, Report& report)
      : body_(body), page_(page), report_(report) {}
  BlockTree run();

 private:
  struct ListLevel {
    char kind;  ///< '*', '#', or 'd' for ';' and ':'
    int list;
    int item;
  };
  struct Frame {
    enum class Kind { root, blockquote, table };
    Frame(Kind k, int c, int l) : kind(k), container(c), line(l) {}
    Kind kind;
    int container;  ///< where blocks go (a table itself: blocks shown before it)
    int table = -1;
    std::vector<ListLevel> lists;
    int para = -1;
    int verbatim = -1;
    int line = 0;  ///< where it was opened
  };

  void line(std::string_view text, int line, bool at_start);
  void table_line(std::string_view trimmed, int line);
  void text_line(std::string_view text, int line);
  void list_line(std::string_view text, int line);
  void open_list(char marker, int line);
  void next_item(std::size_t level, char marker, int line);
  void close_blocks() {
    Frame& f = frames_.back();
    f.para = f.verbatim = -1;
    f.lists.clear();
  }
  void start_table(int line);
  void end_table();
  void block_event(std::string_view text, std::size_t begin, std::size_t end, int line);

  const MappedText& body_;
  const PreprocessedPage& page_;
  Report& report_;
  BlockTree tree_;
  std::vector<Frame> frames_;
};

BlockTree BlockParser::run() {
  frames_.emplace_back(Frame::Kind::root, 0, 1);
  const std::string_view text = body_.text;
  std::size_t pos = 0;
  for (std::size_t k = 0; pos <= text.size(); ++k) {
    std::size_t end = text.find('\n', pos);
    if (end == npos) end = text.size();
    const int src_line = body_.source_line(k);
    const std::string_view raw = text.substr(pos, end - pos);
    // Block-level tags and markers split the line: text, event, text...
    std::size_t seg = 0;
    bool at_start = true;
    for (std::size_t i = raw.find_first_of(std::string_view("<\x01", 2)); i != npos;
         i = raw.find_first_of(std::string_view("<\x01", 2), i + 1)) {
      std::size_t event_end = 0;
      if (raw[i] == '<') {
        const auto tag = read_tag(raw, i);
        if (!tag) continue;
        static constexpr std::string_view kBlockTags[] = {"blockquote", "div", "center", "p", "hr"};
        bool block = false;
        for (std::string_view b : kBlockTags) block = block || tag->name == b;
        if (!block) continue;
        event_end = tag->end;
      } else {
        const auto m = read_marker(raw, i);
        if (!m) continue;
        bool block = m->kind == MarkerKind::references;
        if (m->kind == MarkerKind::stripped && m->index < page_.stripped.size()) {
          const StrippedContent& s = page_.stripped[m->index];
          using Kind = StrippedContent::Kind;
          block = s.kind == Kind::pre || s.kind == Kind::gallery || (s.kind == Kind::code && !s.inline_code);
        }
        if (!block) continue;
        event_end = m->end;
      }
      const std::string_view before = raw.substr(seg, i - seg);
      if (at_start || !is_blank(before)) line(at_start ? before : trim_left(before), src_line, at_start);
      block_event(raw, i, event_end, src_line);
      seg = event_end;
      at_start = false;
      i = event_end - 1;
    }
    const std::string_view rest = raw.substr(seg);
    if (at_start || !is_blank(rest)) line(at_start ? rest : trim_left(rest), src_line, at_start);
    pos = end + 1;
  }
  while (frames_.size() > 1) {
    if (frames_.back().kind == Frame::Kind::table) {
      report_.warning(Code::markup_unclosed, "unclosed table", frames_.back().line, "table ('{|') is not closed with '|}'; closed at the end");
    }
    frames_.pop_back();
  }
  return std::move(tree_);
}

void BlockParser::block_event(std::string_view text, std::size_t begin, std::size_t end, int line) {
  if (text[begin] == '<') {
    const auto tag = read_tag(text, begin);
    if (tag->name == "blockquote") {
      if (tag->closing) {
        if (frames_.size() > 1 && frames_.back().kind == Frame::Kind::blockquote) frames_.pop_back();
        else close_blocks();
        return;
      }
      if (tag->self_closing) return;
      close_blocks();
      const int quote = tree_.add(BlockKind::blockquote, frames_.back().container, line);
      frames_.emplace_back(Frame::Kind::blockquote, quote, line);
      return;
    }
    close_blocks();
    if (tag->name == "hr" && !tag->closing) tree_.add(BlockKind::rule, frames_.back().container, line);
    return;
  }
  const auto m = read_marker(text.substr(0, end), begin);
  close_blocks();
  if (m->kind == MarkerKind::references) {
    tree_.add(BlockKind::references, frames_.back().container, line);
  } else {
    const int b = tree_.add(BlockKind::stripped, frames_.back().container, line);
    tree_[b].level = static_cast<int>(m->index);
  }
}

void BlockParser::line(std::string_view text, int line, bool at_start) {
  while (true) {
    Frame& f = frames_.back();
    const std::string_view trimmed = trim_left(text);
    if (trimmed.starts_with("{|")) {
      start_table(line);
      return;
    }
    if (f.kind == Frame::Kind::table) {
      if (trimmed.starts_with("|}")) {
        end_table();
        text = trim_left(trimmed.substr(2));
        if (is_blank(text)) return;
        continue;  // text after "|}" follows the table
      }
      if (!trimmed.empty() && (trimmed[0] == '|' || trimmed[0] == '!')) {
        table_line(trimmed, line);
        return;
      }
    }
    if (!at_start) {
      // Text after a block tag on the same line: a paragraph, whatever it starts with.
      f.verbatim = -1;
      f.lists.clear();
      if (f.para >= 0) tree_[f.para].text += "\n" + std::string(text);
      else f.para = tree_.add(BlockKind::para, f.container, line, std::string(trim_right(text)));
      return;
    }
    text_line(text, line);
    return;
  }
}

/// Returns the targets when line holds only category and interlanguage links ([[Category:X]]
/// [[fr:Y]]) and spaces; else an empty list.
std::vector<std::string_view> sidebar_links_only(std::string_view line) {
  std::vector<std::string_view> targets;
  std::string_view rest = text::trim(line);
  while (!rest.empty()) {
    if (!rest.starts_with("[[")) return {};
    const std::size_t close = rest.find("]]");
    if (close == npos) return {};
    const std::string_view inner = rest.substr(2, close - 2);
    const std::string_view target = inner.substr(0, inner.find('|'));
    if (inner.find('[') != npos || !is_sidebar_link(target)) return {};
    targets.push_back(text::trim(target));
    rest = text::trim(rest.substr(close + 2));
  }
  return targets;
}

void BlockParser::text_line(std::string_view text, int line) {
  Frame& f = frames_.back();
  // A line of categories goes with its line break, as in MediaWiki: the paragraph goes on.
  if (const auto targets = sidebar_links_only(text); !targets.empty()) {
    for (std::string_view t : targets) report_.note(Code::markup_left_out, "category", line, std::string(t) + " left out");
    return;
  }
  if (is_blank(text)) {
    close_blocks();
    return;
  }
  int level = 0;
  std::string_view inner;
  if (read_heading(text, &level, &inner)) {
    close_blocks();
    const int h = tree_.add(BlockKind::heading, f.container, line, std::string(inner));
    tree_[h].level = level;
    return;
  }
  if (text.starts_with("----")) {
    close_blocks();
    tree_.add(BlockKind::rule, f.container, line);
    std::size_t i = 4;
    while (i < text.size() && text[i] == '-') ++i;
    const std::string_view rest = text::trim(text.substr(i));
    if (!rest.empty()) frames_.back().para = tree_.add(BlockKind::para, f.container, line, std::string(rest));
    return;
  }
  const char first = text[0];
  if (first == '*' || first == '#' || first == ':' || first == ';') {
    list_line(text, line);
    return;
  }
  f.lists.clear();
  if (first == ' ') {
    f.para = -1;
    if (f.verbatim < 0) f.verbatim = tree_.add(BlockKind::verbatim, f.container, line);
    else tree_[f.verbatim].text += '\n';
    tree_[f.verbatim].text += trim_right(text.substr(1));
    return;
  }
  f.verbatim = -1;
  const std::string_view t = trim_right(text);
  if (is_image_line(t)) {
    tree_.add(BlockKind::para, f.container, line, std::string(t));
    f.para = -1;
    return;
  }
  if (f.para >= 0) {
    tree_[f.para].text += '\n';
    tree_[f.para].text += t;
  } else {
    f.para = tree_.add(BlockKind::para, f.container, line, std::string(t));
  }
}

void BlockParser::list_line(std::string_view text, int line) {
  Frame& f = frames_.back();
  f.para = f.verbatim = -1;
  std::size_t n = 0;
  while (n < text.size() && (text[n] == '*' || text[n] == '#' || text[n] == ':' || text[n] == ';')) ++n;
  const std::string_view prefix = text.substr(0, n);
  std::string_view rest = text::trim(text.substr(n));
  auto kind_of = [](char c) { return c == '*' || c == '#' ? c : 'd'; };
  std::size_t common = 0;
  while (common < f.lists.size() && common < prefix.size() && f.lists[common].kind == kind_of(prefix[common])) ++common;
  f.lists.resize(common);
  if (prefix.size() <= common && common > 0) next_item(common - 1, prefix[common - 1], line);
  for (std::size_t level = common; level < prefix.size(); ++level) open_list(prefix[level], line);

  ListLevel& deepest = frames_.back().lists.back();
  Block& item = tree_[deepest.item];
  if (item.kind == BlockKind::term) {
    const std::size_t colon = find_definition_colon(rest);
    item.text = std::string(text::trim(rest.substr(0, colon)));
    if (colon == npos) return;
    rest = text::trim(rest.substr(colon + 1));
    next_item(frames_.back().lists.size() - 1, ':', line);
  }
  if (!rest.empty()) tree_.add(BlockKind::para, frames_.back().lists.back().item, line, std::string(rest));
}

void BlockParser::open_list(char marker, int line) {
  Frame& f = frames_.back();
  int container = f.container;
  if (!f.lists.empty()) {
    ListLevel& parent = f.lists.back();
    if (tree_[parent.item].kind == BlockKind::term) {
      // A list under a term goes in a definition of that term.
      parent.item = tree_.add(BlockKind::definition, parent.list, line);
    }
    container = parent.item;
  }
  const char kind = marker == '*' || marker == '#' ? marker : 'd';
  const int list = tree_.add(kind == 'd' ? BlockKind::def_list : BlockKind::list, container, line);
  if (kind == '#') tree_[list].level = 1;
  f.lists.push_back({kind, list, -1});
  next_item(f.lists.size() - 1, marker, line);
}

void BlockParser::next_item(std::size_t level, char marker, int line) {
  ListLevel& l = frames_.back().lists[level];
  frames_.back().lists.resize(level + 1);
  const BlockKind kind = marker == ';' ? BlockKind::term : marker == ':' ? BlockKind::definition : BlockKind::item;
  frames_.back().lists[level].item = tree_.add(kind, l.list, line);
}

void BlockParser::start_table(int line) {
  close_blocks();
  const int table = tree_.add(BlockKind::table, frames_.back().container, line);
  frames_.emplace_back(Frame::Kind::table, table, line);
  frames_.back().table = table;
}

void BlockParser::end_table() {
  frames_.pop_back();
  close_blocks();
}

void BlockParser::table_line(std::string_view trimmed, int line) {
  Frame& f = frames_.back();
  close_blocks();
  if (trimmed.starts_with("|-")) {
    tree_.add(BlockKind::row, f.table, line);
    f.container = f.table;
    return;
  }
  if (trimmed.starts_with("|+")) {
    const auto [attrs, content] = split_cell_attributes(trimmed.substr(2));
    tree_.add(BlockKind::caption, f.table, line, std::string(text::trim(content)));
    f.container = f.table;
    return;
  }
  const bool header = trimmed[0] == '!';
  int row = tree_[f.table].last_child;
  while (row >= 0 && tree_[row].kind != BlockKind::row) row = -1;  // the last child must be a row
  if (row < 0) row = tree_.add(BlockKind::row, f.table, line);
  int cell = -1, para = -1;
  for (std::string_view part : split_cells(trimmed.substr(1), header)) {
    const auto [attrs, content] = split_cell_attributes(part);
    if (!is_blank(attrs) && attrs.find('=') == npos) {
      report_.warning(Code::markup_left_out, "cell attributes", line,
                      "table cell text before '|' is read as attributes, as MediaWiki does, and left out: '" +
                          std::string(text::trim(attrs)) + "'");
    }
    const CellAttributes a = read_cell_attributes(attrs);
    cell = tree_.add(BlockKind::cell, row, line);
    Block& c = tree_[cell];
    c.header = header;
    c.align = a.align;
    c.colspan = a.colspan;
    c.rowspan = a.rowspan;
    const std::string_view body = text::trim(content);
    para = body.empty() ? -1 : tree_.add(BlockKind::para, cell, line, std::string(body));
  }
  f.container = cell;
  f.para = para;
}

// ---------------------------------------------------------------------------------------------
// Stage 4: blocks → tree

/// The page name from a file name: the stem, '_' read as a space.
std::string page_name_from_path(std::string_view path) {
  std::string stem = std::filesystem::path(path).stem().string();
  for (char& c : stem)
    if (c == '_') c = ' ';
  return text::collapse_whitespace(stem);
}

class WikiReader {
 public:
  WikiReader(const SourceText& source, const ReaderOptions& options, Diagnostics& diag, Document& doc)
      : source_(source),
        report_(diag),
        diag_(diag),
        doc_(doc),
        builder_(doc, diag, options.limits),
        declared_language_(options.language) {
    ctx_.report = &report_;
    ctx_.wiki_base_url = options.wiki_base_url;
    ctx_.footnote = [this](std::size_t index, InlineSink sink) { footnote(index, sink); };
  }
  void read();

 private:
  struct VariableState {
    VariableListSink list;
    std::optional<VariableListSink::Entry> entry;
  };
  struct PendingTable {
    BlockSink parent;
    std::optional<TableSink> table;
  };
  using Target = std::variant<BlockSink, ListSink, VariableState, PendingTable, RowSink>;
  struct Frame {
    int block;
    int next;
    Target target;
    bool rows_pass = false;  ///< tables: false while showing the blocks that come before the table
  };

  void emit_subtree(const BlockTree& tree, int id, BlockSink target);
  void enter(const BlockTree& tree, int id, Target& parent, std::vector<Frame>& stack);
  BlockSink block_target(Target& parent, std::vector<Frame>& stack);
  void footnote(std::size_t index, InlineSink sink);
  int title_heading(const BlockTree& tree) const;
  std::string lead_subject_title(const BlockTree& tree, const std::string& page_name) const;
  bool is_notes_only_section(const BlockTree& tree, int heading) const;

  const SourceText& source_;
  Report report_;
  Diagnostics& diag_;  // the source's: the detected language is noted there
  std::string language_;  // detected before the blocks are emitted: call-out labels are read in it
  Document& doc_;
  TreeBuilder builder_;
  PreprocessedPage page_;
  InlineContext ctx_;
  std::unordered_map<std::string, std::size_t> definitions_;  ///< ref key → index of its content
  std::unordered_map<std::string, std::string> footnote_ids_;  ///< ref key → footnote id
  int footnotes_ = 0;
  bool in_footnote_ = false;
  std::string declared_language_;  ///< ReaderOptions::language
};

void WikiReader::read() {
  doc_.source_path = source_.path;
  const std::string page_name = page_name_from_path(source_.path);
  // A wiki page declares no language (the Document's "en" is only a default): it is detected,
  // unless --lang gave one.
  language_ = document_language(declared_language_, source_.text, diag_);
  page_ = preprocess(source_.text, page_name, report_);
  ctx_.page = &page_;
  for (std::size_t i = 0; i < page_.refs.size(); ++i) {
    if (page_.refs[i].has_content && !page_.refs[i].key.empty()) definitions_.emplace(page_.refs[i].key, i);
  }
  const BlockTree tree = BlockParser(page_.body, page_, report_).run();

  // The title.
  const int heading = title_heading(tree);
  std::string display_title;
  if (!page_.facts.display_title.empty()) {
    display_title = text::collapse_whitespace(inline_plain_text(page_.facts.display_title, ctx_));
  }
  int skip = -1;
  if (heading >= 0) {
    const std::string heading_text = text::collapse_whitespace(inline_plain_text(tree[heading].text, ctx_));
    if (display_title.empty() || text::fold_case(heading_text) == text::fold_case(display_title)) {
      skip = heading;
      if (display_title.empty()) {
        ctx_.line = tree[heading].line;
        emit_inline(tree[heading].text, ctx_, builder_.title());
      }
    }
  }

  for (int id = tree[0].first_child; id >= 0; id = tree[id].next) {
    const Block& b = tree[id];
    builder_.set_line(b.line);
    if (id == skip) continue;
    if (b.kind == BlockKind::heading) {
      if (is_notes_only_section(tree, id)) {
        report_.note(Code::markup_left_out, "notes heading", b.line, "heading '" + b.text + "' of the notes list left out (notes are footnotes)");
        continue;
      }
      ctx_.line = b.line;
      emit_inline(b.text, ctx_, builder_.heading(b.level));
      continue;
    }
    emit_subtree(tree, id, builder_.body());
  }

  // Named refs defined in <references> and never used.
  for (const RefUse& r : page_.refs) {
    if (!r.placed && footnote_ids_.find(r.key) == footnote_ids_.end()) {
      report_.warning(Code::footnote_unmatched, "unused ref", r.line, "reference '" + r.name + "' is defined but never used; it is left out");
    }
  }
  builder_.finish();

  Metadata m = read_metadata(doc_);
  if (!display_title.empty()) m.title = display_title;
  if (text::trim(m.title).empty()) m.title = lead_subject_title(tree, page_name);
  if (!page_.facts.short_description.empty()) m.summary = inline_plain_text(page_.facts.short_description, ctx_);
  m.language = language_;
  write_metadata(doc_, m);
  report_.finish();
}

/// The opening level-1 heading when it is the page's only one, else -1.
int WikiReader::title_heading(const BlockTree& tree) const {
  const int first = tree[0].first_child;
  if (first < 0 || tree[first].kind != BlockKind::heading || tree[first].level != 1) return -1;
  for (int id = tree[first].next; id >= 0; id = tree[id].next)
    if (tree[id].kind == BlockKind::heading && tree[id].level == 1) return -1;
  // A footnote in the title would be lost: such a heading stays a section.
  const char ref_marker[] = {kMarkerStart, static_cast<char>(MarkerKind::ref), '\0'};
  if (tree[first].text.find(ref_marker) != npos) return -1;
  return first;
}

/// The title when neither DISPLAYTITLE nor a lone level-1 heading gives one. MediaWiki's style
/// bolds the article's subject in the lead's first sentence: when that phrase names the page
/// (same slug as the file name, so "lyme-disease.wiki" and a bold "Lyme disease" agree), it is
/// the title as written; otherwise the page name with its first letter capitalized, as MediaWiki
/// shows page names.
std::string WikiReader::lead_subject_title(const BlockTree& tree, const std::string& page_name) const {
  static constexpr std::string_view kBold = "'''";
  for (int id = tree[0].first_child; id >= 0; id = tree[id].next) {
    if (tree[id].kind == BlockKind::heading) break;
    if (tree[id].kind != BlockKind::para) continue;
    const std::string_view raw = tree[id].text;
    const std::size_t open = raw.find(kBold);
    const std::size_t close = open == npos ? npos : raw.find(kBold, open + kBold.size());
    if (close == npos) break;
    const std::string subject =
        text::collapse_whitespace(inline_plain_text(raw.substr(open, close + kBold.size() - open), ctx_));
    if (!subject.empty() && text::slugify(subject) == text::slugify(page_name)) return subject;
    break;
  }
  // A slug-style file name (lower case, hyphens, no space or underscore: "lyme-disease")
  // reads its hyphens as spaces; in any other name a hyphen is the page's own.
  std::string name = page_name;
  const bool slug = name.find(' ') == npos &&
                    std::none_of(name.begin(), name.end(), [](unsigned char c) { return c >= 'A' && c <= 'Z'; });
  for (char& c : name)
    if (slug && c == '-') c = ' ';
  utf8proc_int32_t first = 0;
  const auto size = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                     static_cast<utf8proc_ssize_t>(name.size()), &first);
  if (size <= 0) return name;
  utf8proc_uint8_t upper[4];
  const auto upper_size = utf8proc_encode_char(utf8proc_toupper(first), upper);
  return std::string(reinterpret_cast<const char*>(upper), static_cast<std::size_t>(upper_size)) +
         name.substr(static_cast<std::size_t>(size));
}

/// True for a heading whose section holds only <references/> (== References ==, == Notes ==):
/// the notes are footnotes in the tree, so the heading would title an empty section.
bool WikiReader::is_notes_only_section(const BlockTree& tree, int heading) const {
  bool any = false;
  int id = tree[heading].next;
  for (; id >= 0 && tree[id].kind != BlockKind::heading; id = tree[id].next) {
    if (tree[id].kind != BlockKind::references) return false;
    any = true;
  }
  return any && (id < 0 || tree[id].level <= tree[heading].level);
}

BlockSink WikiReader::block_target(Target& parent, std::vector<Frame>& stack) {
  if (auto* b = std::get_if<BlockSink>(&parent)) return *b;
  if (auto* t = std::get_if<PendingTable>(&parent)) return t->parent;
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (auto* b = std::get_if<BlockSink>(&it->target)) return *b;
  }
  return builder_.body();
}

void WikiReader::enter(const BlockTree& tree, int id, Target& parent, std::vector<Frame>& stack) {
  const Block& b = tree[id];
  ctx_.line = b.line;
  auto push = [&](Target target) { stack.push_back({id, b.first_child, std::move(target)}); };
  switch (b.kind) {
    case BlockKind::root: push(block_target(parent, stack)); break;
    case BlockKind::para: {
      BlockSink target = block_target(parent, stack);
      const auto callout = tree[b.parent].kind == BlockKind::root ? callout_paragraph(b.text, language_) : std::nullopt;
      if (callout) emit_paragraph(callout->rest, ctx_, target.admonition(callout->label.kind, callout->label.title));
      else emit_paragraph(b.text, ctx_, target);
      break;
    }
    case BlockKind::heading: emit_inline(b.text, ctx_, block_target(parent, stack).bridgehead(b.level)); break;
    case BlockKind::verbatim: block_target(parent, stack).literal_layout(inline_plain_text(b.text, ctx_)); break;
    case BlockKind::stripped: {
      const StrippedContent& s = page_.stripped[static_cast<std::size_t>(b.level)];
      BlockSink target = block_target(parent, stack);
      using Kind = StrippedContent::Kind;
      if (s.kind == Kind::gallery) {
        for (const WikiImage& img : gallery_images(s.content, ctx_)) target.image(img.file, img.alt, img.caption);
      } else if (s.kind == Kind::pre) {
        target.program_listing(decode_entities(s.content));
      } else {
        target.program_listing(s.content, s.language);
      }
      break;
    }
    case BlockKind::rule: block_target(parent, stack).thematic_break(); break;
    case BlockKind::references: break;
    case BlockKind::list: {
      BlockSink target = block_target(parent, stack);
      push(b.level == 1 ? target.ordered_list() : target.itemized_list());
      break;
    }
    case BlockKind::item: {
      auto* list = std::get_if<ListSink>(&parent);
      push(list ? list->item() : block_target(parent, stack));
      break;
    }
    case BlockKind::def_list: {
      bool has_term = false;
      for (int c = b.first_child; c >= 0 && !has_term; c = tree[c].next) has_term = tree[c].kind == BlockKind::term;
      BlockSink target = block_target(parent, stack);
      if (has_term) {
        push(VariableState{target.variable_list(), std::nullopt});
      } else {
        // ':' lines without a term are indentation: more of the list item they follow ("#:"),
        // else a quote (one more level for each ':').
        push(tree[b.parent].kind == BlockKind::item ? target : target.blockquote());
      }
      break;
    }
    case BlockKind::term: {
      auto* vs = std::get_if<VariableState>(&parent);
      if (!vs) {
        emit_paragraph(b.text, ctx_, block_target(parent, stack));
        break;
      }
      vs->entry = vs->list.entry();
      emit_inline(b.text, ctx_, vs->entry->term);
      break;
    }
    case BlockKind::definition: {
      auto* vs = std::get_if<VariableState>(&parent);
      if (!vs) {
        push(block_target(parent, stack));
        break;
      }
      if (!vs->entry) vs->entry = vs->list.entry();
      push(vs->entry->definition);
      break;
    }
    case BlockKind::blockquote: push(block_target(parent, stack).blockquote()); break;
    case BlockKind::table: push(PendingTable{block_target(parent, stack), std::nullopt}); break;
    case BlockKind::caption: {
      auto* pending = std::get_if<PendingTable>(&parent);
      if (pending && pending->table) emit_inline(b.text, ctx_, pending->table->caption());
      break;
    }
    case BlockKind::row: {
      auto* pending = std::get_if<PendingTable>(&parent);
      if (!pending || !pending->table) break;
      bool header = b.first_child >= 0;
      for (int c = b.first_child; c >= 0; c = tree[c].next) header = header && tree[c].header;
      push(header ? pending->table->header_row() : pending->table->row());
      break;
    }
    case BlockKind::cell: {
      auto* row = std::get_if<RowSink>(&parent);
      if (!row) break;
      const int only = b.first_child;
      if (only < 0) {
        row->cell(b.header, b.align, b.colspan, b.rowspan);
      } else if (tree[only].next < 0 && tree[only].kind == BlockKind::para) {
        emit_inline(tree[only].text, ctx_, row->cell(b.header, b.align, b.colspan, b.rowspan));
      } else {
        push(row->block_cell(b.header, b.align, b.colspan, b.rowspan));
      }
      break;
    }
  }
}

void WikiReader::footnote(std::size_t index, InlineSink sink) {
  if (in_footnote_ || index >= page_.refs.size()) return;
  const RefUse& use = page_.refs[index];
  const RefUse* content = &use;
  std::string id;
  if (!use.key.empty()) {
    if (const auto it = footnote_ids_.find(use.key); it != footnote_ids_.end()) {
      sink.footnote_ref(it->second);
      return;
    }
    const auto def = definitions_.find(use.key);
    if (def == definitions_.end()) {
      report_.warning(Code::footnote_unmatched, "undefined ref", use.line,
                      "reference '" + use.name + "' is used but never given a text; it is left out");
      return;
    }
    content = &page_.refs[def->second];
    const std::string slug = text::slugify(use.name, 40);
    id = builder_.claim_id(slug.empty() ? "fn-" + std::to_string(footnotes_ + 1) : "fn-" + slug);
    footnote_ids_.emplace(use.key, id);
  } else {
    id = builder_.claim_id("fn-" + std::to_string(footnotes_ + 1));
  }
  ++footnotes_;
  BlockSink body = sink.footnote(id);
  MappedText text{content->content, {content->line}};
  in_footnote_ = true;
  const int saved_line = ctx_.line;
  const BlockTree tree = BlockParser(text, page_, report_).run();
  emit_subtree(tree, 0, body);
  ctx_.line = saved_line;
  in_footnote_ = false;
}

/// Emits block id and everything under it into target, with an explicit stack.
void WikiReader::emit_subtree(const BlockTree& tree, int id, BlockSink target) {
  std::vector<Frame> stack;
  Target root = target;
  enter(tree, id, root, stack);
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next < 0) {
      if (auto* pending = std::get_if<PendingTable>(&f.target); pending && !f.rows_pass) {
        // The blocks that come before the table are out: now the table, its caption and rows.
        f.rows_pass = true;
        f.next = tree[f.block].first_child;
        pending->table = pending->parent.table();
        continue;
      }
      stack.pop_back();
      continue;
    }
    const int child = f.next;
    f.next = tree[child].next;
    const bool table_child = tree[child].kind == BlockKind::row || tree[child].kind == BlockKind::caption;
    if (std::holds_alternative<PendingTable>(f.target) && table_child != f.rows_pass) continue;
    const std::size_t frame_index = stack.size() - 1;
    Target parent = f.target;  // enter may push and move the stack
    enter(tree, child, parent, stack);
    // A variable list remembers its current entry across children.
    if (std::holds_alternative<VariableState>(parent)) stack[frame_index].target = parent;
  }
}

}  // namespace
}  // namespace wiki

Document read_wiki(const SourceText& source, const ReaderOptions& options, Diagnostics& diag) {
  Document doc;
  wiki::WikiReader(source, options, diag, doc).read();
  return doc;
}

}  // namespace handout
