#include "transforms/smart_punctuation.hpp"

#include "text/language_tag.hpp"
#include "text/line_shape.hpp"
#include "text/text.hpp"

#include <utf8proc.h>

#include <array>
#include <cstring>

namespace handout {

namespace {

/// The quote marks of every language handled; a later language is one more entry.
constexpr std::array<QuoteMarks, 5> kQuoteMarks = {{
    {"en", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x99"},
    {"de", "\xE2\x80\x9E", "\xE2\x80\x9C", "\xE2\x80\x9A", "\xE2\x80\x98", "\xE2\x80\x99"},
    {"fr", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\xB9", "\xE2\x80\xBA", "\xE2\x80\x99"},
    {"es", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99"},
    {"it", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99"},
}};

constexpr char32_t kOpaque = 0xFFFC;  // stands for code or an address inside a run: a word

/// One code point of a run and where it is.
struct Cp {
  char32_t c;
  std::size_t at;
  std::size_t len;
};

bool is_space(char32_t c) {
  if (c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
  if (c < 0x80) return false;
  return utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_ZS;
}

bool is_word(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (c == kOpaque) return true;
  const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
         (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) || (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

/// Characters after which a quote opens: spaces, opening brackets, dashes, slashes, other quotes.
bool opens_after(char32_t c) {
  if (is_space(c)) return true;
  switch (c) {
    case '(': case '[': case '{': case '<': case '-': case '/': case 0x2013: case 0x2014:
    case 0x201C: case 0x2018: case 0x201E: case 0x201A: case 0xAB: case 0x2039:
      return true;
    default: return false;
  }
}

/// One change to a run: bytes [at, at + len) become text.
struct Edit {
  std::size_t at;
  std::size_t len;
  std::string_view text;
};

/// Decides the changes to a run (see smart_punctuation). kOpaque code points are never changed.
std::vector<Edit> plan(const std::vector<Cp>& cps, const QuoteMarks& marks) {
  const std::size_t n = cps.size();
  auto c_at = [&](std::size_t i) -> char32_t { return i < n ? cps[i].c : 0; };
  auto prev = [&](std::size_t i) -> char32_t { return i > 0 ? cps[i - 1].c : 0; };

  // Words that are web or e-mail addresses are left alone.
  std::vector<char> address(n, 0);
  for (std::size_t i = 0; i < n;) {
    if (is_space(cps[i].c)) {
      ++i;
      continue;
    }
    std::size_t j = i;
    std::string token;
    while (j < n && !is_space(cps[j].c)) {
      if (cps[j].c < 0x80) token += static_cast<char>(cps[j].c);
      ++j;
    }
    const std::size_t atsign = token.find('@');
    const bool is_address = token.find("://") != std::string::npos || text::starts_with_nocase(token, "www.") ||
                            (atsign != std::string::npos && token.find('.', atsign) != std::string::npos);
    if (is_address) std::fill(address.begin() + static_cast<std::ptrdiff_t>(i), address.begin() + static_cast<std::ptrdiff_t>(j), 1);
    i = j;
  }

  // What stands before position i, over straight quotes ("'Hi" opens twice): an opening context
  // is the start, a space or an opening mark.
  std::vector<char> context(n + 1, 1);  // computed once: runs of quotes stay linear
  for (std::size_t i = 1; i <= n; ++i) {
    const char32_t before = cps[i - 1].c;
    context[i] = before == '"' || before == '\'' ? context[i - 1] : static_cast<char>(opens_after(before));
  }
  auto opening_context = [&](std::size_t i) { return context[i] != 0; };
  // A quote may open when something other than a space follows it, in an opening context; it
  // may close after a word or punctuation when no word follows.
  auto may_open = [&](std::size_t i) { return !is_space(c_at(i + 1)) && opening_context(i); };
  auto may_close = [&](std::size_t i) { return !opening_context(i) && !is_word(c_at(i + 1)); };
  auto doubled = [&](std::size_t i) { return prev(i) == cps[i].c || c_at(i + 1) == cps[i].c; };
  // How many quotes that may close stand after each position (so an opening quote is curled
  // only when its partner can come).
  std::vector<std::size_t> doubles_after(n + 1, 0), singles_after(n + 1, 0);
  for (std::size_t i = n; i-- > 0;) {
    const bool closer = !address[i] && !doubled(i) && may_close(i);
    doubles_after[i] = doubles_after[i + 1] + (cps[i].c == '"' && closer ? 1 : 0);
    singles_after[i] = singles_after[i + 1] + (cps[i].c == '\'' && closer ? 1 : 0);
  }

  std::vector<Edit> edits;
  std::vector<char32_t> open;  // the quotes open, innermost last
  auto close = [&](char32_t kind) {
    for (std::size_t k = open.size(); k-- > 0;) {
      if (open[k] == kind) {
        open.resize(k);
        return true;
      }
    }
    return false;
  };
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = cps[i].c;
    if (address[i]) continue;
    if ((c == '"' || c == '\'') && (prev(i) == c || c_at(i + 1) == c)) {
      // A run of quotes is markup shown as text ('' in a wiki's nowiki), not a quote: as written.
      while (i + 1 < n && cps[i + 1].c == c) ++i;
      continue;
    }
    if (c == '"') {
      if (is_digit(prev(i)) && is_digit(c_at(i + 1))) continue;
      if (may_open(i) && doubles_after[i + 1] > 0) {
        open.push_back('"');
        edits.push_back({cps[i].at, 1, marks.open_double});
      } else if (may_close(i) && close('"')) {
        edits.push_back({cps[i].at, 1, marks.close_double});
      }
    } else if (c == '\'') {
      if (is_digit(prev(i)) && is_digit(c_at(i + 1))) continue;
      if (is_word(prev(i)) && is_word(c_at(i + 1))) {
        edits.push_back({cps[i].at, 1, marks.apostrophe});  // don't, O'Neil
      } else if (may_open(i)) {
        if (is_digit(c_at(i + 1)) && is_digit(c_at(i + 2))) {
          edits.push_back({cps[i].at, 1, marks.apostrophe});  // '90s
        } else if (singles_after[i + 1] > 0) {
          open.push_back('\'');
          edits.push_back({cps[i].at, 1, marks.open_single});
        } else {
          edits.push_back({cps[i].at, 1, marks.apostrophe});  // 'cause
        }
      } else if (may_close(i)) {
        edits.push_back({cps[i].at, 1, close('\'') ? marks.close_single : marks.apostrophe});  // patients'
      }
    } else if (c == '-' || c == '.') {
      std::size_t j = i;
      while (j < n && cps[j].c == c && !address[j]) ++j;
      const std::size_t run = j - i;
      if (c == '-' && (run == 2 || run == 3)) edits.push_back({cps[i].at, run, run == 2 ? "\xE2\x80\x93" : "\xE2\x80\x94"});
      if (c == '.' && run == 3) edits.push_back({cps[i].at, 3, "\xE2\x80\xA6"});
      i = j - 1;
    }
  }
  return edits;
}

std::vector<Cp> code_points(std::string_view s) {
  std::vector<Cp> cps;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    const char32_t c = text::next_code_point(s, i);
    cps.push_back({c, at, i - at});
  }
  return cps;
}

/// Returns s with the edits whose bytes lie in [from, from + s.size()) applied.
std::string apply(std::string_view s, std::size_t from, const std::vector<Edit>& edits, std::size_t& next_edit) {
  std::string out;
  std::size_t done = 0;
  while (next_edit < edits.size() && edits[next_edit].at < from + s.size()) {
    const Edit& e = edits[next_edit++];
    if (e.at < from || e.at + e.len > from + s.size()) continue;  // crosses a markup boundary: left
    out.append(s.substr(done, e.at - from - done));
    out.append(e.text);
    done = e.at - from + e.len;
  }
  out.append(s.substr(done));
  return out;
}

// --- the tree ----------------------------------------------------------------------------------

bool named(pugi::xml_node n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (std::strcmp(n.name(), name) == 0) return true;
  return false;
}

/// Elements whose text is one run: blocks that hold inline content.
bool is_run_root(pugi::xml_node n) {
  if (named(n, {"para", "simpara", "title", "subtitle", "bridgehead", "td", "th", "entry", "term", "attribution"})) {
    return true;
  }
  return std::strcmp(n.name(), "phrase") == 0 && std::strcmp(n.parent().name(), "textobject") == 0;  // alt text
}

/// Elements whose text is never changed: code, raw HTML, link text that is an address.
bool is_opaque(pugi::xml_node n) {
  if (named(n, {"code", "literal", "programlisting", "literallayout", "screen", "synopsis", "computeroutput",
                "userinput", "filename", "uri", "email", "option", "command", "varname", "systemitem", "markup"})) {
    return true;
  }
  if (std::strcmp(n.name(), "phrase") == 0 && std::strcmp(n.attribute("role").as_string(), "raw-html") == 0) return true;
  if (std::strcmp(n.name(), "link") == 0) {
    const std::string shown = text::collapse_whitespace(text_content(n));
    return shown == n.attribute("xlink:href").as_string() || line_shape::is_bare_url(shown);
  }
  return false;
}

/// One piece of a run: a text node, or an opaque element standing for a word.
struct Piece {
  pugi::xml_node text;  // empty for an opaque element
};

/// Collects the pieces of the run under n, in order, without nested runs and footnotes.
void collect(pugi::xml_node n, std::vector<Piece>& pieces) {
  for (pugi::xml_node c = n.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      pieces.push_back({c});
    } else if (c.type() == pugi::node_element) {
      if (is_opaque(c)) {
        pieces.push_back({pugi::xml_node()});
      } else if (!is_run_root(c) && std::strcmp(c.name(), "footnote") != 0) {
        collect(c, pieces);
      }
    }
  }
}

void smarten_run(pugi::xml_node root, const QuoteMarks& marks) {
  std::vector<Piece> pieces;
  collect(root, pieces);
  std::string joined;
  std::vector<std::size_t> starts;
  bool any = false;
  for (const Piece& p : pieces) {
    starts.push_back(joined.size());
    if (p.text) {
      const std::string_view v = p.text.value();
      any = any || v.find_first_of("\"'") != std::string_view::npos || v.find("--") != std::string_view::npos ||
            v.find("...") != std::string_view::npos;
      joined.append(v);
    } else {
      text::append_utf8(joined, kOpaque);
    }
  }
  if (!any) return;
  std::vector<Cp> cps = code_points(joined);
  const std::vector<Edit> edits = plan(cps, marks);
  if (edits.empty()) return;
  std::size_t next_edit = 0;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    if (!pieces[k].text) continue;
    const std::string_view v = pieces[k].text.value();
    const std::string changed = apply(v, starts[k], edits, next_edit);
    if (changed != v) pieces[k].text.set_value(changed.c_str());
  }
}

}  // namespace

const QuoteMarks* quote_marks(std::string_view language_tag) {
  const std::string primary = language_tag::primary(language_tag);
  for (const QuoteMarks& m : kQuoteMarks)
    if (m.language == primary) return &m;
  return nullptr;
}

std::string smart_punctuation(std::string_view s, const QuoteMarks& marks) {
  const std::vector<Edit> edits = plan(code_points(s), marks);
  std::size_t next_edit = 0;
  return apply(s, 0, edits, next_edit);
}

void apply_smart_punctuation(Document& doc, const TransformOptions& /*options*/, Diagnostics& /*diag*/) {
  const QuoteMarks* marks = quote_marks(doc.language());
  if (marks == nullptr) return;
  std::vector<pugi::xml_node> stack{doc.article()};
  while (!stack.empty()) {
    pugi::xml_node n = stack.back();
    stack.pop_back();
    if (is_run_root(n)) smarten_run(n, *marks);
    if (is_opaque(n)) continue;
    for (pugi::xml_node c = n.last_child(); c; c = c.previous_sibling()) {
      if (c.type() != pugi::node_element) continue;
      // In <info> only what is shown as text: the title, the subtitle, the abstracts.
      if (std::strcmp(n.name(), "info") == 0 && !named(c, {"title", "subtitle", "abstract"})) continue;
      stack.push_back(c);
    }
  }
}

}  // namespace handout
