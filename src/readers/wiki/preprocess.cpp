#include "readers/wiki/preprocess.hpp"

#include "text/text.hpp"
#include "readers/wiki/lexer.hpp"

#include <algorithm>
#include <cstring>

namespace handout::wiki {

// ---------------------------------------------------------------------------------------------
// Report

bool Report::admit(Code code, std::string_view kind, bool warning) {
  auto it = counts_.find(kind);
  if (it == counts_.end()) it = counts_.emplace(std::string(kind), Count{0, false, code}).first;
  it->second.warning = it->second.warning || warning;
  return ++it->second.seen <= cap_;
}

void Report::warning(Code code, std::string_view kind, int line, std::string message) {
  if (admit(code, kind, true)) diag_.warning(code, line, 0, std::move(message));
}

void Report::note(Code code, std::string_view kind, int line, std::string message) {
  if (admit(code, kind, false)) diag_.note(code, line, 0, std::move(message));
}

void Report::finish() {
  for (const auto& [kind, count] : counts_) {
    if (count.seen <= cap_) continue;
    std::string message = std::to_string(count.seen - cap_) + " more like this not shown (" + kind + ")";
    if (count.warning) diag_.warning(count.code, 0, 0, std::move(message));
    else diag_.note(count.code, 0, 0, std::move(message));
  }
  counts_.clear();
}

int MappedText::source_line(std::size_t k) const {
  if (lines.empty()) return 0;
  return k < lines.size() ? lines[k] : lines.back();
}

namespace {

/// Counts the line breaks in s with memchr, which skips the text between them a vector at a time
/// (template expansion counts the same long text once per nesting level).
std::size_t count_newlines(std::string_view s) {
  std::size_t n = 0;
  if (s.empty()) return 0;  // data() may be null, which memchr may not be given
  const char* const end = s.data() + s.size();
  for (const char* p = s.data();
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr; ++p)
    ++n;
  return n;
}

/// Builds the output of a stage: text, and the source line where each of its lines starts.
class MappedWriter {
 public:
  explicit MappedWriter(int first_line) { out_.lines.push_back(first_line); }

  std::size_t size() const { return out_.text.size(); }
  std::string_view tail(std::size_t pos) const { return std::string_view(out_.text).substr(pos); }
  void put(char c) { out_.text += c; }
  void put(std::string_view s) { out_.text += s; }
  /// Ends the current line; the next one comes from source line next_line.
  void newline(int next_line) {
    out_.text += '\n';
    out_.lines.push_back(next_line);
  }
  /// Appends generated text whose line breaks are attributed to line.
  void generated(std::string_view s, int line) {
    for (std::size_t n = count_newlines(s); n > 0; --n) out_.lines.push_back(line);
    out_.text += s;
  }
  /// Removes the text from pos on.
  void truncate(std::size_t pos) {
    for (std::size_t n = count_newlines(tail(pos)); n > 0; --n) out_.lines.pop_back();
    out_.text.resize(pos);
  }
  /// Returns true when the current line holds only spaces and tabs so far; *start is where it begins.
  bool line_blank_so_far(std::size_t* start) const {
    const std::size_t nl = out_.text.rfind('\n');
    *start = nl == std::string::npos ? 0 : nl + 1;
    for (std::size_t i = *start; i < out_.text.size(); ++i)
      if (out_.text[i] != ' ' && out_.text[i] != '\t') return false;
    return true;
  }
  /// Attributes the current line to another source line.
  void set_current_line(int line) { out_.lines.back() = line; }
  MappedText take() { return std::move(out_); }

 private:
  MappedText out_;
};

/// Magic words (__TOC__...) MediaWiki removes from the page.
bool is_magic_word(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "TOC", "NOTOC", "FORCETOC", "NOEDITSECTION", "NEWSECTIONLINK", "NONEWSECTIONLINK", "NOGALLERY",
      "HIDDENCAT", "EXPECTUNUSEDCATEGORY", "INDEX", "NOINDEX", "STATICREDIRECT", "DISAMBIG",
      "NOCONTENTCONVERT", "NOCC", "NOTITLECONVERT", "NOTC", "NOGLOBAL", "EXPECTUNUSEDTEMPLATE", "ARCHIVEDTALK",
      "NOTALK"};
  for (std::string_view w : kWords)
    if (word == w) return true;
  return false;
}

/// Extension tags whose content MediaWiki renders with a plug-in the reader does not have.
bool is_unsupported_extension(std::string_view name) {
  static constexpr std::string_view kNames[] = {"score",   "timeline",     "graph",     "mapframe",     "maplink",
                                                "inputbox", "categorytree", "hiero",     "templatedata", "imagemap",
                                                "indicator", "charinsert",  "section",   "rss",          "dynamicpagelist"};
  for (std::string_view n : kNames)
    if (name == n) return true;
  return false;
}

std::string short_name(std::string_view name) {
  std::string s = text::collapse_whitespace(name);
  if (text::length(s) > 60) {
    std::size_t i = 0, n = 0;
    while (i < s.size() && n < 57) {
      text::next_code_point(s, i);
      ++n;
    }
    s = s.substr(0, i) + "...";
  }
  return s;
}

std::string_view trim_newlines(std::string_view s) {
  while (!s.empty() && (s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Stage 1: comments, stripped tags, templates, magic words.

class TemplateStage {
 public:
  TemplateStage(std::string_view source, PreprocessedPage& page, Report& report, PreprocessLimits limits)
      : src_(source), out_(1), closers_(source), page_(page), report_(report), limits_(limits) {}

  MappedText run();

 private:
  struct Frame {
    bool param;
    std::size_t out_pos;
    int line;
  };

  static bool is_special(char c) { return c == '\n' || c == '<' || c == '{' || c == '}' || c == '_'; }
  bool at(std::size_t pos, std::string_view s) const { return src_.substr(pos, s.size()) == s; }
  void newline();
  void comment();
  bool strip_tag(const Tag& tag);
  void open_braces();
  void close_braces();
  void close_template(Frame f);
  void magic_word();
  std::size_t add_stripped(StrippedContent content);

  std::string_view src_;
  std::size_t i_ = 0;
  int line_ = 1;
  MappedWriter out_;
  std::vector<Frame> frames_;
  ClosingTagFinder closers_;
  bool in_poem_ = false;
  bool depth_warned_ = false;
  PreprocessedPage& page_;
  Report& report_;
  PreprocessLimits limits_;
};

MappedText TemplateStage::run() {
  const std::size_t n = src_.size();
  while (i_ < n) {
    std::size_t j = i_;
    while (j < n && !is_special(src_[j])) ++j;
    out_.put(src_.substr(i_, j - i_));
    i_ = j;
    if (i_ >= n) break;
    switch (src_[i_]) {
      case '\n': newline(); break;
      case '<':
        if (at(i_, "<!--")) {
          comment();
        } else if (auto tag = read_tag(src_, i_); !(tag && strip_tag(*tag))) {
          out_.put('<');
          ++i_;
        }
        break;
      case '{':
        if (at(i_, "{{")) {
          open_braces();
        } else {
          out_.put('{');
          ++i_;
        }
        break;
      case '}':
        if (at(i_, "}}") && !frames_.empty()) {
          close_braces();
        } else {
          out_.put('}');
          ++i_;
        }
        break;
      default: magic_word(); break;
    }
  }
  for (const Frame& f : frames_) {
    report_.warning(Code::markup_unclosed, "unclosed template", f.line, std::string(f.param ? "'{{{'" : "'{{'") + " is not closed; kept as text");
  }
  return out_.take();
}

void TemplateStage::newline() {
  // <poem>: each line break of the source is a line break of the text.
  if (in_poem_ && i_ + 1 < src_.size() && src_[i_ + 1] != '\n' && out_.size() > 0 && out_.tail(out_.size() - 1) != "\n") {
    out_.put("<br>");
  }
  ++line_;
  out_.newline(line_);
  ++i_;
}

void TemplateStage::comment() {
  const std::size_t close = src_.find("-->", i_ + 4);
  const std::size_t end = close == std::string_view::npos ? src_.size() : close + 3;
  report_.note(Code::markup_left_out, "comment", line_, "comment left out");
  line_ += static_cast<int>(count_newlines(src_.substr(i_, end - i_)));
  // A comment alone on its line takes the line with it, as in MediaWiki.
  std::size_t line_start = 0;
  const bool blank_before = out_.line_blank_so_far(&line_start);
  std::size_t k = end;
  while (k < src_.size() && (src_[k] == ' ' || src_[k] == '\t')) ++k;
  if (blank_before && (k == src_.size() || src_[k] == '\n')) {
    out_.truncate(line_start);
    if (k < src_.size()) {
      ++k;
      ++line_;
    }
    out_.set_current_line(line_);
    i_ = k;
  } else {
    i_ = end;
  }
}

std::size_t TemplateStage::add_stripped(StrippedContent content) {
  page_.stripped.push_back(std::move(content));
  return page_.stripped.size() - 1;
}

bool TemplateStage::strip_tag(const Tag& tag) {
  const std::string& name = tag.name;
  if (name == "noinclude" || name == "onlyinclude" || (tag.closing && name == "includeonly")) {
    i_ = tag.end;  // the tag goes, its content stays (it is shown on the page itself)
    return true;
  }
  if (name == "poem") {
    in_poem_ = !tag.closing && !tag.self_closing;
    i_ = tag.end;
    return true;
  }
  if (tag.closing) return false;

  using Kind = StrippedContent::Kind;
  Kind kind = Kind::nowiki;
  if (name == "nowiki") kind = Kind::nowiki;
  else if (name == "pre") kind = Kind::pre;
  else if (name == "syntaxhighlight" || name == "source") kind = Kind::code;
  else if (name == "math" || name == "chem" || name == "ce") kind = Kind::math;
  else if (name == "gallery") kind = Kind::gallery;
  else if (name != "includeonly" && name != "templatestyles" && !is_unsupported_extension(name)) return false;

  const bool shown = name != "includeonly" && name != "templatestyles" && !is_unsupported_extension(name);
  if (is_unsupported_extension(name)) {
    report_.warning(Code::markup_unsupported, "unsupported tag", line_, "<" + name + "> is not supported; it is left out");
  }
  if (tag.self_closing) {
    if (name == "nowiki") out_.put(make_marker(MarkerKind::empty));
    i_ = tag.end;
    return true;
  }
  std::size_t close_end = 0;
  const std::size_t close = closers_.find(tag.end, name, &close_end);
  if (close == std::string_view::npos) {
    if (!shown) {
      i_ = tag.end;  // an unclosed tag whose content is hidden: only the tag goes
      return true;
    }
    report_.warning(Code::markup_unclosed, "unclosed tag", line_, "<" + name + "> is not closed; kept as text");
    const std::size_t index = add_stripped({Kind::nowiki, std::string(src_.substr(i_, tag.end - i_)), {}, false, line_});
    out_.put(make_marker(MarkerKind::stripped, index));
    i_ = tag.end;
    return true;
  }
  const int line = line_;
  std::string_view content = src_.substr(tag.end, close - tag.end);
  line_ += static_cast<int>(count_newlines(src_.substr(i_, close_end - i_)));
  i_ = close_end;
  if (!shown) return true;

  StrippedContent item{kind, {}, {}, false, line};
  const auto attrs = parse_attributes(tag.attributes);
  switch (kind) {
    case Kind::nowiki: item.content = std::string(content); break;
    case Kind::pre:
      if (!content.empty() && content.front() == '\n') content.remove_prefix(1);
      item.content = std::string(trim_newlines(content));
      break;
    case Kind::code:
      item.content = std::string(trim_newlines(content));
      item.language = attribute(attrs, "lang");
      for (const auto& a : attrs)
        if (a.first == "inline") item.inline_code = true;
      break;
    case Kind::math:
    case Kind::gallery: item.content = std::string(text::trim(content)); break;
  }
  out_.put(make_marker(MarkerKind::stripped, add_stripped(std::move(item))));
  return true;
}

void TemplateStage::open_braces() {
  if (frames_.size() >= limits_.max_open_templates) {
    out_.put("{{");
    i_ += 2;
    return;
  }
  const bool param = at(i_, "{{{");
  frames_.push_back({param, out_.size(), line_});
  out_.put(param ? "{{{" : "{{");
  i_ += param ? 3 : 2;
}

void TemplateStage::close_braces() {
  Frame f = frames_.back();
  if (f.param) {
    if (at(i_, "}}}")) {
      // {{{name|default}}}: a template parameter outside a template shows its default, else itself.
      frames_.pop_back();
      i_ += 3;
      const std::string inner(out_.tail(f.out_pos + 3));
      const std::size_t bar = inner.find('|');
      if (bar == std::string::npos) {
        out_.put("}}}");
      } else {
        out_.truncate(f.out_pos);
        out_.generated(inner.substr(bar + 1), f.line);
      }
      return;
    }
    // "{{{x}}" is "{" followed by the template "{{x}}".
    f.param = false;
    f.out_pos += 1;
  }
  frames_.pop_back();
  i_ += 2;
  close_template(f);
}

void TemplateStage::close_template(Frame f) {
  if (frames_.size() + 1 > limits_.max_template_depth) {
    out_.truncate(f.out_pos);
    if (!depth_warned_) {
      depth_warned_ = true;
      report_.warning(Code::limit_exceeded, "template depth", f.line,
                      "templates nested more than " + std::to_string(limits_.max_template_depth) +
                          " levels deep are left out");
    }
    return;
  }
  const TemplateCall call = parse_template_call(out_.tail(f.out_pos + 2));
  if (is_invalid_template_name(call.raw_name)) {
    out_.put("}}");  // not a template: the braces stay text, as in MediaWiki
    return;
  }
  TemplateExpansion expansion = expand_template(call, page_.facts);
  out_.truncate(f.out_pos);
  switch (expansion.outcome) {
    case TemplateOutcome::rendered:
      out_.generated(expansion.wikitext, f.line);
      // A block on lines of its own (a call-out box): the spaces after the call would otherwise
      // open an indented, verbatim line.
      if (frames_.empty() && expansion.wikitext.ends_with("\n\n")) {
        while (i_ < src_.size() && (src_[i_] == ' ' || src_[i_] == '\t')) ++i_;
      }
      break;
    case TemplateOutcome::dropped:
      report_.note(Code::markup_left_out, "template left out by rule", f.line, "template {{" + short_name(call.raw_name) + "}} left out");
      break;
    case TemplateOutcome::unknown:
      report_.warning(Code::markup_unsupported, "unknown template", f.line,
                      "template {{" + short_name(call.raw_name) + "}} is not supported; it is left out");
      break;
  }
}

void TemplateStage::magic_word() {
  if (at(i_, "__")) {
    std::size_t j = i_ + 2;
    while (j < src_.size() && j - i_ < 26 && src_[j] >= 'A' && src_[j] <= 'Z') ++j;
    if (at(j, "__") && is_magic_word(src_.substr(i_ + 2, j - i_ - 2))) {
      report_.note(Code::markup_left_out, "magic word", line_, std::string(src_.substr(i_, j + 2 - i_)) + " left out");
      i_ = j + 2;
      return;
    }
  }
  out_.put('_');
  ++i_;
}

// ---------------------------------------------------------------------------------------------
// Stage 2: <ref> and <references>.

std::string ref_key(const std::vector<std::pair<std::string, std::string>>& attrs) {
  const std::string name(text::trim(attribute(attrs, "name")));
  if (name.empty()) return {};
  return std::string(text::trim(attribute(attrs, "group"))) + '\x1f' + name;
}

/// Adds the named refs defined inside <references>...</references> (list-defined references).
void add_list_defined_refs(std::string_view inner, int line, PreprocessedPage& page) {
  ClosingTagFinder closers(inner);
  for (std::size_t p = inner.find('<'); p != std::string_view::npos; p = inner.find('<', p + 1)) {
    const auto tag = read_tag(inner, p);
    if (!tag || tag->name != "ref" || tag->closing || tag->self_closing) continue;
    std::size_t close_end = 0;
    const std::size_t close = closers.find(tag->end, "ref", &close_end);
    if (close == std::string_view::npos) break;
    const auto attrs = parse_attributes(tag->attributes);
    RefUse def;
    def.key = ref_key(attrs);
    def.name = std::string(text::trim(attribute(attrs, "name")));
    def.content = std::string(text::trim(inner.substr(tag->end, close - tag->end)));
    def.has_content = !def.content.empty();
    def.placed = false;
    def.line = line;
    if (!def.key.empty()) page.refs.push_back(std::move(def));
    p = close_end - 1;
  }
}

MappedText extract_refs(const MappedText& in, PreprocessedPage& page, Report& report) {
  const std::string_view s = in.text;
  MappedWriter out(in.source_line(0));
  ClosingTagFinder closers(s);
  std::size_t k = 0;  // line of `in` at position i
  std::size_t next_newline = s.find('\n');  // cached: the first '\n' at or after the last position asked
  auto copy = [&](std::size_t from, std::size_t to) {
    while (from < to) {
      if (next_newline != std::string_view::npos && next_newline < from) next_newline = s.find('\n', from);
      const std::size_t nl = next_newline;
      if (nl == std::string_view::npos || nl >= to) {
        out.put(s.substr(from, to - from));
        return;
      }
      out.put(s.substr(from, nl - from));
      out.newline(in.source_line(++k));
      from = nl + 1;
    }
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t lt = s.find('<', i);
    if (lt == std::string_view::npos) {
      copy(i, s.size());
      break;
    }
    copy(i, lt);
    i = lt;
    const auto tag = read_tag(s, i);
    if (!tag || tag->closing || (tag->name != "ref" && tag->name != "references")) {
      out.put('<');
      ++i;
      continue;
    }
    const int line = in.source_line(k);
    const auto attrs = parse_attributes(tag->attributes);
    std::size_t close_end = 0;
    const std::size_t close = tag->self_closing ? std::string_view::npos : closers.find(tag->end, tag->name, &close_end);
    if (tag->name == "references") {
      if (close != std::string_view::npos) {
        add_list_defined_refs(s.substr(tag->end, close - tag->end), line, page);
        k += count_newlines(s.substr(i, close_end - i));
        i = close_end;
      } else {
        i = tag->end;
      }
      out.put(make_marker(MarkerKind::references));
      continue;
    }
    RefUse use;
    use.key = ref_key(attrs);
    use.name = std::string(text::trim(attribute(attrs, "name")));
    use.line = line;
    if (tag->self_closing) {
      i = tag->end;
    } else if (close == std::string_view::npos) {
      report.warning(Code::markup_unclosed, "unclosed ref", line, "<ref> is not closed (no </ref>); kept as text");
      out.put('<');
      ++i;
      continue;
    } else {
      use.content = std::string(text::trim(s.substr(tag->end, close - tag->end)));
      use.has_content = !use.content.empty();
      k += count_newlines(s.substr(i, close_end - i));
      i = close_end;
    }
    if (use.key.empty() && !use.has_content) continue;  // <ref/> or <ref></ref>: nothing to show
    page.refs.push_back(std::move(use));
    out.put(make_marker(MarkerKind::ref, page.refs.size() - 1));
  }
  return out.take();
}

}  // namespace

PreprocessedPage preprocess(std::string_view source, std::string page_name, Report& report, PreprocessLimits limits) {
  // The source's own marker characters cannot be told from markers: they become U+FFFD, as the
  // tree builder would make them anyway (XML cannot hold them).
  std::string clean;
  if (source.find_first_of(std::string_view("\x01\x02\x03", 3)) != std::string_view::npos) {
    clean.reserve(source.size() + 16);
    for (char c : source) {
      if (c == kMarkerStart || c == kMarkerEnd || c == kLiteralPipe) clean += "\xEF\xBF\xBD";
      else clean += c;
    }
    source = clean;
  }
  PreprocessedPage page;
  page.facts.page_name = std::move(page_name);
  const MappedText templated = TemplateStage(source, page, report, limits).run();
  page.body = extract_refs(templated, page, report);
  return page;
}

}  // namespace handout::wiki
