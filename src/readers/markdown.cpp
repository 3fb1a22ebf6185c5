// Markdown reader: cmark-gfm (tables, strikethrough, autolinks, task lists, footnotes) walked with
// cmark's iterator, one `switch` per node kind, into the tree builder. YAML front matter is mapped
// by front_matter.cpp; a body carried in a front-matter field is parsed when the file has none.
#include "model/metadata.hpp"
#include "text/callout_labels.hpp"
#include "text/line_shape.hpp"
#include "text/text.hpp"
#include "readers/front_matter.hpp"
#include "readers/reader.hpp"

#include <cmark-gfm-core-extensions.h>
#include <utf8proc.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <variant>
#include <vector>

namespace handout {

namespace {

/// cmark-gfm's default allocator aborts the whole process when memory runs out (issue 23,
/// finding 8). This one throws std::bad_alloc instead (the exception passes through cmark's C
/// frames, which Debian builds with unwind tables) and records every block it hands out, so that
/// after a failure the blocks of the half-built tree are freed here, without calling into cmark
/// again. One lives for each read, current on its thread.
class CmarkMemory {
 public:
  CmarkMemory() : previous_(current_) { current_ = this; }
  ~CmarkMemory() {
    current_ = previous_;
    if (failed_)
      for (void* p : blocks_) std::free(p);
  }
  CmarkMemory(const CmarkMemory&) = delete;
  CmarkMemory& operator=(const CmarkMemory&) = delete;

  /// The allocator to give cmark.
  static cmark_mem* mem() {
    static cmark_mem m{&CmarkMemory::allocate, &CmarkMemory::reallocate, &CmarkMemory::release};
    return &m;
  }
  /// True when memory ran out in this thread's read: cmark's structures must not be freed by cmark.
  static bool failed() { return current_ != nullptr && current_->failed_; }

 private:
  [[noreturn]] static void fail() {
    if (current_ != nullptr) current_->failed_ = true;
    throw std::bad_alloc();
  }
  static void track(void* p) {
    if (current_ == nullptr) return;
    try {
      current_->blocks_.insert(p);
    } catch (...) {
      std::free(p);
      fail();
    }
  }
  static void* allocate(std::size_t n, std::size_t size) {
    void* p = std::calloc(n, size);
    if (p == nullptr) fail();
    track(p);
    return p;
  }
  static void* reallocate(void* p, std::size_t size) {
    void* q = std::realloc(p, size);
    if (q == nullptr) fail();  // p is still allocated and recorded
    if (q != p) {
      if (current_ != nullptr && p != nullptr) current_->blocks_.erase(p);
      track(q);
    }
    return q;
  }
  static void release(void* p) {
    if (current_ != nullptr && p != nullptr) current_->blocks_.erase(p);
    std::free(p);
  }

  static thread_local CmarkMemory* current_;
  CmarkMemory* previous_;
  std::unordered_set<void*> blocks_;
  bool failed_ = false;
};

thread_local CmarkMemory* CmarkMemory::current_ = nullptr;

struct NodeDeleter {
  void operator()(cmark_node* n) const {
    if (!CmarkMemory::failed()) cmark_node_free(n);
  }
};
struct ParserDeleter {
  void operator()(cmark_parser* p) const {
    if (!CmarkMemory::failed()) cmark_parser_free(p);
  }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const {
    if (!CmarkMemory::failed()) cmark_iter_free(i);
  }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

/// Parses Markdown with every GFM extension the project maps, and footnotes, with the memory of
/// the CmarkMemory current on this thread (throws std::bad_alloc when memory runs out).
NodePtr parse_gfm(std::string_view markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  std::unique_ptr<cmark_parser, ParserDeleter> parser(
      cmark_parser_new_with_mem(CMARK_OPT_FOOTNOTES, CmarkMemory::mem()));
  if (!parser) throw std::bad_alloc();
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
      cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
  }
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  NodePtr doc(cmark_parser_finish(parser.get()));
  cmark_consolidate_text_nodes(doc.get());
  return doc;
}

bool type_is(cmark_node* n, const char* name) { return std::strcmp(cmark_node_get_type_string(n), name) == 0; }

const char* literal_of(cmark_node* n) {
  const char* s = cmark_node_get_literal(n);
  return s != nullptr ? s : "";
}

/// Returns the plain text of an inline subtree (for alt text and title comparison).
std::string plain_text(cmark_node* root) {
  std::string out;
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(root));
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it.get());
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE: out += literal_of(n); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: out += ' '; break;
      default: break;
    }
  }
  return out;
}

/// Maps a GitHub alert marker ("[!NOTE]") to a call-out kind.
std::optional<Admonition> alert_kind(std::string_view marker) {
  const std::string m = text::fold_case(text::trim(marker));
  if (m == "[!note]") return Admonition::note;
  if (m == "[!tip]") return Admonition::tip;
  if (m == "[!important]") return Admonition::important;
  if (m == "[!warning]") return Admonition::warning;
  if (m == "[!caution]") return Admonition::caution;
  return std::nullopt;
}

bool is_html_comment(std::string_view html) {
  const std::string_view t = text::trim(html);
  return t.size() >= 7 && t.substr(0, 4) == "<!--" && t.substr(t.size() - 3) == "-->" &&
         t.find("-->") == t.size() - 3;
}

bool is_line_break_tag(std::string_view html) {
  std::string t = text::fold_case(text::trim(html));
  std::erase(t, ' ');
  return t == "<br>" || t == "<br/>";
}

CellAlign cell_align(uint8_t a) {
  switch (a) {
    case 'l': return CellAlign::left;
    case 'c': return CellAlign::center;
    case 'r': return CellAlign::right;
    default: return CellAlign::none;
  }
}

/// Marks the top of the stack when blocks go to the document outline (builder.body()).
struct Outline {};

struct RowFrame {
  RowSink row;
  bool header;
  uint16_t column;
};

using Target = std::variant<Outline, BlockSink, InlineSink, ListSink, TableSink, RowFrame>;

struct Frame {
  cmark_node* owner;  // the cmark node whose EXIT pops this frame
  Target target;
};

/// Returns s with its first letter in uppercase (a call-out's text once its label is taken off).
std::string capitalized_first(std::string_view s) {
  std::size_t i = 0;
  const char32_t first = text::next_code_point(s, i);
  const auto upper = static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(first)));
  if (s.empty() || upper == first) return std::string(s);
  std::string out;
  text::append_utf8(out, upper);
  out += s.substr(i);
  return out;
}

class MarkdownWalker {
 public:
  MarkdownWalker(TreeBuilder& builder, Diagnostics& diag, int line_offset, std::string language)
      : builder_(builder), diag_(diag), line_offset_(line_offset), language_(std::move(language)) {}

  /// Walks a whole document; title_heading (may be null) becomes the document title.
  void walk_document(cmark_node* doc, cmark_node* title_heading) {
    title_heading_ = title_heading;
    for (cmark_node* n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
      if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION) footnote_defs_.push_back(n);
    }
    footnote_ids_.assign(footnote_defs_.size(), std::string());
    walk(doc, Frame{doc, Outline{}});
  }

 private:
  void walk(cmark_node* root, Frame initial);
  void enter(cmark_iter* it, cmark_node* node, std::vector<Frame>& stack);
  BlockSink block_target(const std::vector<Frame>& stack);
  InlineSink inline_target(std::vector<Frame>& stack);
  void footnote_reference(cmark_node* node, InlineSink target);
  void start_block_quote(cmark_node* node, std::vector<Frame>& stack);
  bool start_callout_paragraph(cmark_node* node, std::vector<Frame>& stack);

  TreeBuilder& builder_;
  Diagnostics& diag_;
  int line_offset_;
  std::string language_;  // the document's: which words are call-out labels
  /// A call-out that takes the next block: the one after a lone label paragraph
  /// ("**Important safety information**"), or the list after a call-out ending with ':'.
  cmark_node* callout_next_ = nullptr;
  std::optional<BlockSink> callout_sink_;
  cmark_node* title_heading_ = nullptr;
  std::vector<cmark_node*> footnote_defs_;
  std::vector<std::string> footnote_ids_;
  std::unordered_set<cmark_node*> skipped_;
};

void MarkdownWalker::walk(cmark_node* root, Frame initial) {
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(root));
  std::vector<Frame> stack{std::move(initial)};
  for (cmark_event_type ev; (ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(it.get());
    if (node == root) continue;
    if (ev == CMARK_EVENT_EXIT) {
      // A call-out paragraph owns two frames: the call-out and its paragraph.
      while (stack.size() > 1 && stack.back().owner == node) stack.pop_back();
      continue;
    }
    enter(it.get(), node, stack);
  }
}

BlockSink MarkdownWalker::block_target(const std::vector<Frame>& stack) {
  for (auto f = stack.rbegin(); f != stack.rend(); ++f) {
    if (const auto* b = std::get_if<BlockSink>(&f->target)) return *b;
    if (std::holds_alternative<Outline>(f->target)) return builder_.body();
  }
  return builder_.body();
}

InlineSink MarkdownWalker::inline_target(std::vector<Frame>& stack) {
  if (auto* i = std::get_if<InlineSink>(&stack.back().target)) return *i;
  // Inline content straight in a block container (not produced by the parser): wrap it in a para.
  return block_target(stack).para();
}

void MarkdownWalker::footnote_reference(cmark_node* node, InlineSink target) {
  const long ordinal = std::strtol(literal_of(node), nullptr, 10);
  if (ordinal < 1 || static_cast<std::size_t>(ordinal) > footnote_defs_.size()) {
    target.text(std::string("[^") + literal_of(node) + "]");
    return;
  }
  const auto index = static_cast<std::size_t>(ordinal - 1);
  if (!footnote_ids_[index].empty()) {
    target.footnote_ref(footnote_ids_[index]);
    return;
  }
  footnote_ids_[index] = builder_.claim_id("fn-" + std::to_string(ordinal));
  // The reference's own line (walking the previous note's definition moved it), for the
  // footnotes limit's error; that of the enclosing block when cmark gives the node none.
  cmark_node* block = node;
  while (block != nullptr && cmark_node_get_start_line(block) <= 0) block = cmark_node_parent(block);
  if (block != nullptr) builder_.set_line(cmark_node_get_start_line(block) + line_offset_);
  BlockSink body = target.footnote(footnote_ids_[index]);
  walk(footnote_defs_[index], Frame{footnote_defs_[index], body});
}

void MarkdownWalker::start_block_quote(cmark_node* node, std::vector<Frame>& stack) {
  // A GitHub alert: "> [!NOTE]" on the quote's first line makes a call-out.
  cmark_node* para = cmark_node_first_child(node);
  cmark_node* marker = para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH ? cmark_node_first_child(para) : nullptr;
  std::optional<Admonition> kind;
  if (marker && cmark_node_get_type(marker) == CMARK_NODE_TEXT) kind = alert_kind(literal_of(marker));
  if (!kind) {
    stack.push_back({node, block_target(stack).blockquote()});
    return;
  }
  cmark_node* after = cmark_node_next(marker);
  if (after == nullptr) {
    skipped_.insert(para);  // the marker is the whole first paragraph
  } else {
    skipped_.insert(marker);
    if (cmark_node_get_type(after) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(after) == CMARK_NODE_LINEBREAK) {
      skipped_.insert(after);
    }
  }
  stack.push_back({node, block_target(stack).admonition(*kind)});
}

/// A top-level paragraph opening with a call-out label becomes that call-out: "Warning: …",
/// "**Warning:** …", "**Warning**: …" (the label goes; the text after it is capitalized). A
/// paragraph that is only a label ("**Important safety information**", "Note:") becomes a
/// call-out holding the next paragraph or list; a call-out paragraph ending with ':' also holds
/// the list right after it. Returns false for any other paragraph.
bool MarkdownWalker::start_callout_paragraph(cmark_node* node, std::vector<Frame>& stack) {
  if (!std::holds_alternative<Outline>(stack.back().target)) return false;  // only top-level paragraphs
  cmark_node* first = cmark_node_first_child(node);
  if (first == nullptr) return false;
  std::optional<CalloutLabel> label;
  cmark_node* rest = nullptr;  // the text node holding what follows the label, trimmed below
  std::size_t cut = 0;         // bytes of rest's literal that belong to the label
  if (cmark_node_get_type(first) == CMARK_NODE_TEXT) {
    label = leading_callout_label(literal_of(first), language_);
    if (!label) return false;
    rest = first;
    cut = label->length;
  } else if (cmark_node_get_type(first) == CMARK_NODE_STRONG) {
    const std::string bold = plain_text(first);
    label = callout_label(bold, language_);
    if (!label) return false;
    cmark_node* after = cmark_node_next(first);
    const bool colon_inside = !bold.empty() && text::trim(bold).back() == ':';
    if (after != nullptr && cmark_node_get_type(after) == CMARK_NODE_TEXT) {
      const std::string_view t = literal_of(after);
      if (!colon_inside && (t.empty() || t[0] != ':')) return false;  // "**Important** to know …"
      rest = after;
      cut = colon_inside ? 0 : 1;
    } else if (after != nullptr && !colon_inside && cmark_node_get_type(after) != CMARK_NODE_SOFTBREAK &&
               cmark_node_get_type(after) != CMARK_NODE_LINEBREAK) {
      return false;
    }
    skipped_.insert(first);
  } else {
    return false;
  }
  std::string remaining;
  if (rest != nullptr) remaining = capitalized_first(text::trim(std::string_view(literal_of(rest)).substr(cut)));
  // Nothing after the label but line breaks: the paragraph is a lone label.
  cmark_node* after_label = rest != nullptr ? cmark_node_next(rest) : cmark_node_next(first);
  std::vector<cmark_node*> breaks;
  for (cmark_node* c = after_label; c != nullptr && remaining.empty(); c = cmark_node_next(c)) {
    if (cmark_node_get_type(c) != CMARK_NODE_SOFTBREAK && cmark_node_get_type(c) != CMARK_NODE_LINEBREAK) break;
    breaks.push_back(c);
    after_label = cmark_node_next(c);
  }
  const bool label_only = remaining.empty() && after_label == nullptr;
  cmark_node* next_block = cmark_node_next(node);
  const bool next_takes =
      next_block != nullptr && (cmark_node_get_type(next_block) == CMARK_NODE_PARAGRAPH ||
                                cmark_node_get_type(next_block) == CMARK_NODE_LIST);
  if (label_only && !next_takes) {
    skipped_.erase(first);  // a lone label with nothing to hold stays the paragraph it is
    return false;
  }
  if (rest != nullptr) {
    if (remaining.empty()) {
      skipped_.insert(rest);
    } else {
      cmark_node_set_literal(rest, remaining.c_str());
    }
  }
  for (cmark_node* b : breaks) skipped_.insert(b);
  BlockSink callout = block_target(stack).admonition(label->kind, label->title);
  if (label_only) {
    skipped_.insert(node);
    callout_next_ = next_block;
    callout_sink_ = callout;
    return true;
  }
  const std::string text = plain_text(node);
  stack.push_back({node, callout});
  stack.push_back({node, callout.para()});
  if (next_block != nullptr && cmark_node_get_type(next_block) == CMARK_NODE_LIST &&
      line_shape::final_mark(text) == ':') {
    callout_next_ = next_block;
    callout_sink_ = callout;
  }
  return true;
}

void MarkdownWalker::enter(cmark_iter* it, cmark_node* node, std::vector<Frame>& stack) {
  if (skipped_.count(node) != 0) {
    cmark_iter_reset(it, node, CMARK_EVENT_EXIT);
    return;
  }
  const cmark_node_type type = cmark_node_get_type(node);
  if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK) {
    builder_.set_line(cmark_node_get_start_line(node) + line_offset_);
  }
  if (callout_next_ != nullptr && node == callout_next_) {
    // The block a call-out waits for goes inside it (a paragraph or a list only).
    callout_next_ = nullptr;
    if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_LIST) stack.push_back({node, *callout_sink_});
    callout_sink_.reset();
  }
  auto skip_children = [&] { cmark_iter_reset(it, node, CMARK_EVENT_EXIT); };

  // Extension nodes have run-time type numbers: tell them by name first.
  if (type_is(node, "table")) {
    stack.push_back({node, block_target(stack).table()});
    return;
  }
  if (type_is(node, "table_header") || type_is(node, "table_row")) {
    auto* table = std::get_if<TableSink>(&stack.back().target);
    if (table == nullptr) return;
    const bool header = cmark_gfm_extensions_get_table_row_is_header(node) != 0;
    stack.push_back({node, RowFrame{header ? table->header_row() : table->row(), header, 0}});
    return;
  }
  if (type_is(node, "table_cell")) {
    auto* row = std::get_if<RowFrame>(&stack.back().target);
    if (row == nullptr) return;
    cmark_node* table = cmark_node_parent(cmark_node_parent(node));
    const uint8_t* aligns = cmark_gfm_extensions_get_table_alignments(table);
    const CellAlign align = aligns && row->column < cmark_gfm_extensions_get_table_columns(table)
                                ? cell_align(aligns[row->column])
                                : CellAlign::none;
    ++row->column;
    stack.push_back({node, row->row.cell(row->header, align)});
    return;
  }
  if (type_is(node, "strikethrough")) {
    stack.push_back({node, inline_target(stack).strikethrough()});
    return;
  }

  switch (type) {
    case CMARK_NODE_DOCUMENT: break;
    case CMARK_NODE_HEADING: {
      const int level = cmark_node_get_heading_level(node);
      if (node == title_heading_) {
        stack.push_back({node, builder_.title()});
      } else if (std::holds_alternative<Outline>(stack.back().target)) {
        stack.push_back({node, builder_.heading(level)});
      } else {
        stack.push_back({node, block_target(stack).bridgehead(level)});
      }
      break;
    }
    case CMARK_NODE_PARAGRAPH: {
      cmark_node* only = cmark_node_first_child(node);
      if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_IMAGE) {
        // A paragraph holding one image is a figure-like block.
        const char* title = cmark_node_get_title(only);
        block_target(stack).image(cmark_node_get_url(only), plain_text(only), title ? title : "");
        skip_children();
        break;
      }
      if (start_callout_paragraph(node, stack)) {
        if (skipped_.count(node) != 0) skip_children();
        break;
      }
      stack.push_back({node, block_target(stack).para()});
      break;
    }
    case CMARK_NODE_BLOCK_QUOTE: start_block_quote(node, stack); break;
    case CMARK_NODE_LIST: {
      BlockSink parent = block_target(stack);
      if (cmark_node_get_list_type(node) == CMARK_ORDERED_LIST) {
        stack.push_back({node, parent.ordered_list(cmark_node_get_list_start(node))});
      } else {
        stack.push_back({node, parent.itemized_list()});
      }
      break;
    }
    case CMARK_NODE_ITEM: {
      auto* list = std::get_if<ListSink>(&stack.back().target);
      std::string_view role;
      if (type_is(node, "tasklist")) role = cmark_gfm_extensions_get_tasklist_item_checked(node) ? "task-done" : "task-todo";
      stack.push_back({node, list ? list->item(role) : block_target(stack)});
      break;
    }
    case CMARK_NODE_CODE_BLOCK: {
      std::string_view code = literal_of(node);
      if (!code.empty() && code.back() == '\n') code.remove_suffix(1);
      std::string_view info = text::trim(cmark_node_get_fence_info(node) ? cmark_node_get_fence_info(node) : "");
      info = info.substr(0, info.find_first_of(" \t{"));
      block_target(stack).program_listing(code, info);
      break;
    }
    case CMARK_NODE_HTML_BLOCK: {
      std::string_view html = literal_of(node);
      if (is_html_comment(html)) {
        diag_.warning(Code::markup_left_out, cmark_node_get_start_line(node) + line_offset_, cmark_node_get_start_column(node),
                      "HTML comment left out of the document");
        break;
      }
      while (!html.empty() && html.back() == '\n') html.remove_suffix(1);
      block_target(stack).literal_layout(html, "raw-html");
      break;
    }
    case CMARK_NODE_THEMATIC_BREAK: block_target(stack).thematic_break(); break;
    case CMARK_NODE_FOOTNOTE_DEFINITION: skip_children(); break;  // rendered where first referenced
    case CMARK_NODE_TEXT: inline_target(stack).text(literal_of(node)); break;
    case CMARK_NODE_SOFTBREAK: inline_target(stack).text("\n"); break;
    case CMARK_NODE_LINEBREAK: inline_target(stack).line_break(); break;
    case CMARK_NODE_CODE: inline_target(stack).code(literal_of(node)); break;
    case CMARK_NODE_HTML_INLINE: {
      const std::string_view html = literal_of(node);
      if (is_line_break_tag(html)) {
        inline_target(stack).line_break();
      } else if (is_html_comment(html)) {
        diag_.warning(Code::markup_left_out, cmark_node_get_start_line(node) + line_offset_, cmark_node_get_start_column(node),
                      "HTML comment left out of the document");
      } else {
        inline_target(stack).phrase("raw-html").text(html);
      }
      break;
    }
    case CMARK_NODE_EMPH: stack.push_back({node, inline_target(stack).emphasis()}); break;
    case CMARK_NODE_STRONG: stack.push_back({node, inline_target(stack).strong()}); break;
    case CMARK_NODE_LINK: {
      const char* title = cmark_node_get_title(node);
      stack.push_back({node, inline_target(stack).link(cmark_node_get_url(node), title ? title : "")});
      break;
    }
    case CMARK_NODE_IMAGE: {
      const char* title = cmark_node_get_title(node);
      inline_target(stack).image(cmark_node_get_url(node), plain_text(node), title ? title : "");
      skip_children();
      break;
    }
    case CMARK_NODE_FOOTNOTE_REFERENCE: footnote_reference(node, inline_target(stack)); break;
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_CUSTOM_INLINE: {
      // Only made through cmark's API, never by its parser: keep the children and the literal text.
      const char* on_enter = cmark_node_get_on_enter(node);
      if (on_enter && *on_enter) {
        if (type == CMARK_NODE_CUSTOM_BLOCK) {
          block_target(stack).literal_layout(on_enter, "raw-html");
        } else {
          inline_target(stack).phrase("raw-html").text(on_enter);
        }
      }
      break;
    }
    default:
      diag_.warning(Code::markup_unsupported, cmark_node_get_start_line(node) + line_offset_, cmark_node_get_start_column(node),
                    std::string("Markdown node '") + cmark_node_get_type_string(node) + "' kept as plain text");
      if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE) {
        inline_target(stack).text(plain_text(node));
      } else {
        block_target(stack).para().text(plain_text(node));
      }
      skip_children();
      break;
  }
}

/// Returns the top-level heading that is the document's title: a level-1 heading that opens
/// the document and is the only one, when the front matter names no other title.
cmark_node* find_title_heading(cmark_node* doc, const std::string& front_matter_title) {
  cmark_node* first = cmark_node_first_child(doc);
  while (first && cmark_node_get_type(first) == CMARK_NODE_HTML_BLOCK && is_html_comment(literal_of(first))) {
    first = cmark_node_next(first);
  }
  if (!first || cmark_node_get_type(first) != CMARK_NODE_HEADING || cmark_node_get_heading_level(first) != 1) {
    return nullptr;
  }
  for (cmark_node* n = cmark_node_next(first); n; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 1) return nullptr;
  }
  // A footnote in the title would be lost with the title's markup: keep such a heading a section.
  for (cmark_node* n = cmark_node_first_child(first); n; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_REFERENCE) return nullptr;
  }
  if (front_matter_title.empty()) return first;
  const std::string heading = text::fold_case(text::collapse_whitespace(plain_text(first)));
  return heading == text::fold_case(front_matter_title) ? first : nullptr;
}

/// Warns about footnote definitions no reference points at (cmark-gfm leaves them out).
/// One pass collects every "[^label]" not followed by ':' (a use), so the time is linear.
void warn_unreferenced_footnotes(std::string_view markdown, int line_offset, Diagnostics& diag) {
  std::unordered_set<std::string_view> used;
  for (std::size_t p = markdown.find("[^"); p != std::string_view::npos; p = markdown.find("[^", p + 1)) {
    const std::size_t close = markdown.find(']', p + 2);
    if (close == std::string_view::npos) break;
    if (close + 1 >= markdown.size() || markdown[close + 1] != ':') used.insert(markdown.substr(p, close + 1 - p));
  }
  std::size_t pos = 0;
  for (int line = 1; pos < markdown.size(); ++line) {
    std::size_t end = markdown.find('\n', pos);
    if (end == std::string_view::npos) end = markdown.size();
    std::string_view l = markdown.substr(pos, end - pos);
    std::size_t indent = 0;
    while (indent < l.size() && indent < 4 && l[indent] == ' ') ++indent;
    if (indent < 4 && l.substr(indent, 2) == "[^") {
      const std::size_t close = l.find("]:", indent);
      const std::string_view ref = close == std::string_view::npos ? std::string_view() : l.substr(indent, close + 1 - indent);
      // A label holding ']' is no footnote label cmark-gfm reads: nothing to report.
      if (!ref.empty() && ref.find(']') == ref.size() - 1 && used.count(ref) == 0) {
        diag.warning(Code::footnote_unmatched, line + line_offset, static_cast<int>(indent) + 1,
                     "footnote " + std::string(ref) + " is defined but never referenced; it is left out");
      }
    }
    pos = end + 1;
  }
}

bool is_empty_body(std::string_view body) {
  const std::string_view t = text::trim(body);
  return t.empty() || t == "&nbsp;" || t == "&#160;" || t == "&#xA0;";
}

}  // namespace

Document read_markdown(const SourceText& source, const ReaderOptions& options, Diagnostics& diag) {
  Document doc;
  doc.source_path = source.path;
  const FrontMatterBlock block = find_front_matter(source.text);
  FrontMatter fm = parse_front_matter(block, diag, options.front_matter);

  std::string_view body = std::string_view(source.text).substr(block.body_offset);
  int line_offset = block.body_line - 1;
  if (is_empty_body(body) && !fm.body_key.empty()) {
    body = fm.body;
    line_offset = fm.body_line - 1;
  } else if (!fm.body_key.empty()) {
    fm.metadata.extra.emplace_back(fm.body_key, fm.body);  // the file has its own body: keep the field
  }
  if (fm.metadata.title.empty()) {
    fm.metadata.title = fm.question;
  } else if (!fm.question.empty()) {
    fm.metadata.extra.emplace_back("question", fm.question);
  }

  CmarkMemory cmark_memory;  // declared before the tree so it outlives it
  NodePtr root = parse_gfm(body);
  warn_unreferenced_footnotes(body, line_offset, diag);
  TreeBuilder builder(doc, diag, options.limits);
  fm.metadata.language = document_language(options.language.empty() ? fm.metadata.language : options.language, body, diag);
  read_pending_dates(fm, diag);
  MarkdownWalker walker(builder, diag, line_offset, fm.metadata.language);
  walker.walk_document(root.get(), find_title_heading(root.get(), fm.metadata.title));
  builder.finish();

  // Front matter wins over the heading; the heading fills a title the front matter lacks.
  Metadata m = read_metadata(doc);
  Metadata& given = fm.metadata;
  if (given.title.empty()) given.title = m.title;
  write_metadata(doc, given);
  return doc;
}

}  // namespace handout
