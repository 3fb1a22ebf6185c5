#include "readers/wiki/inline.hpp"

#include "model/metadata.hpp"
#include "text/text.hpp"
#include "readers/wiki/lexer.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace handout::wiki {

namespace {

constexpr std::size_t kNotFound = std::string_view::npos;

/// Images inside image captions deeper than this are read without markup (bounds recursion).
constexpr int kMaxCaptionDepth = 3;

enum class Tok : std::uint8_t {
  text,        ///< [begin, end) of the paragraph, entities to decode
  generated,   ///< strings[aux]
  newline,     ///< a line break of the source (a soft break)
  quotes,      ///< a run of apostrophes, resolved into the events below by resolve_quotes
  open,        ///< an element starts; links keep their target in [begin, end)
  close,       ///< an element ends
  line_break,  ///< <br>
  image,       ///< [begin, end): the inside of [[File:...]]
  marker,      ///< [begin, end): a marker left by preprocessing
  url,         ///< [begin, end): a bare URL
  nothing,     ///< a slot that resolved to nothing
};

enum class El : std::uint8_t { italic, bold, strike, underline, sub, sup, code, span, quote, ext_link, wiki_link, plain };

struct Token {
  Tok type = Tok::nothing;
  El element = El::plain;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t aux = 0;  ///< generated: index in strings; span: 1 + index of its language in strings
};

struct Tokens {
  std::vector<Token> list;
  std::vector<std::string> strings;
};

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_alnum(char c) { return is_ascii_letter(c) || (c >= '0' && c <= '9'); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_blank_text(std::string_view s) {
  for (char c : s)
    if (!is_blank(c)) return false;
  return true;
}

/// URL schemes MediaWiki links in [url text].
std::size_t scheme_length(std::string_view s) {
  static constexpr std::string_view kSchemes[] = {"https://", "http://", "ftps://", "ftp://", "sftp://", "ircs://",
                                                  "irc://",   "news:",   "mailto:", "tel:",   "geo:",    "//"};
  for (std::string_view scheme : kSchemes)
    if (starts_with_nocase(s, scheme)) return scheme.size();
  return 0;
}

/// URL schemes MediaWiki turns into links when written bare.
std::size_t bare_scheme_length(std::string_view s) {
  for (std::string_view scheme : {"https://", "http://", "ftp://"})
    if (starts_with_nocase(s, scheme)) return scheme.size();
  return 0;
}

bool is_url_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u != 0x7F && c != '<' && c != '>' && c != '[' && c != ']' && c != '"' && c != kMarkerStart &&
         c != kMarkerEnd && c != kLiteralPipe;
}

/// Interwiki prefixes: links to other wikis, shown as text.
bool is_interwiki_prefix(std::string_view lower) {
  static constexpr std::string_view kPrefixes[] = {
      "w", "wikt", "wiktionary", "commons", "c", "meta", "m", "mw", "mediawikiwiki", "species", "wikispecies",
      "q", "wikiquote", "s", "wikisource", "b", "wikibooks", "n", "wikinews", "v", "wikiversity", "voy",
      "wikivoyage", "d", "wikidata", "doi", "pmid", "foundation", "wmf", "phab", "gerrit", "wikimedia"};
  for (std::string_view p : kPrefixes)
    if (lower == p) return true;
  return false;
}

/// A prefix naming a language edition ("fr", "zh-yue"): an interlanguage link, shown in a sidebar.
bool is_interlanguage_prefix(std::string_view lower) {
  static constexpr std::string_view kNamespaceAliases[] = {"wp", "wt", "mos", "cat", "h", "t", "u", "p"};
  for (std::string_view a : kNamespaceAliases)
    if (lower == a) return false;
  if (lower == "simple") return true;
  for (char c : lower)
    if (!(c >= 'a' && c <= 'z') && c != '-') return false;
  return lower.size() >= 2 && (lower.size() <= 3 || lower.find('-') != kNotFound) && is_language_tag(lower);
}

std::string_view namespace_of(std::string_view title) {
  const std::size_t colon = title.find(':');
  return colon == kNotFound ? std::string_view() : text::trim(title.substr(0, colon));
}

/// Splits at top-level '|' (not inside [[...]]).
std::vector<std::string_view> split_bars(std::string_view s) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '[' && i + 1 < s.size() && s[i + 1] == '[') {
      ++depth;
      ++i;
    } else if (s[i] == ']' && i + 1 < s.size() && s[i + 1] == ']' && depth > 0) {
      --depth;
      ++i;
    } else if (s[i] == '|' && depth == 0) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(s.substr(start));
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

class Tokenizer {
 public:
  Tokenizer(std::string_view s, const InlineContext& ctx) : s_(s), ctx_(ctx) {}
  Tokens run();

 private:
  struct Stop {
    std::size_t at;      ///< where the label ends
    std::size_t resume;  ///< where reading goes on after the link
    El element;
    std::size_t trail_begin, trail_end;  ///< a link trail ("[[drug]]s") shown inside the link
  };
  struct NextCache {
    std::size_t from = kNotFound;
    std::size_t at = kNotFound;
  };

  static bool is_special(char c) {
    return c == '\n' || c == kMarkerStart || c == kLiteralPipe || c == '\'' || c == '[' || c == '<';
  }
  bool url_starts_at(std::size_t j) const {
    const char c = s_[j];
    if (c != 'h' && c != 'H' && c != 'f' && c != 'F') return false;
    if (j > 0 && is_ascii_alnum(s_[j - 1])) return false;
    return bare_scheme_length(s_.substr(j)) > 0;
  }
  void push(Tok type, std::size_t begin, std::size_t end, El element = El::plain, std::uint32_t aux = 0) {
    t_.list.push_back({type, element, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), aux});
  }
  void push_text(std::size_t begin, std::size_t end) {
    if (begin >= end) return;
    if (!t_.list.empty() && t_.list.back().type == Tok::text && t_.list.back().end == begin) {
      t_.list.back().end = static_cast<std::uint32_t>(end);
    } else {
      push(Tok::text, begin, end);
    }
  }
  void push_generated(std::string s) {
    t_.strings.push_back(std::move(s));
    push(Tok::generated, 0, 0, El::plain, static_cast<std::uint32_t>(t_.strings.size() - 1));
  }
  std::size_t next_of(char c, std::size_t from, NextCache& cache) const {
    if (cache.from != kNotFound && cache.from <= from && (cache.at == kNotFound || cache.at >= from)) return cache.at;
    cache.from = from;
    cache.at = s_.find(c, from);
    return cache.at;
  }
  void match_link_brackets();
  std::size_t link_close(std::size_t open) const;
  bool wiki_link(std::size_t limit);
  bool external_link(std::size_t limit);
  bool bare_url(std::size_t limit);
  bool tag(std::size_t limit);

  std::string_view s_;
  const InlineContext& ctx_;
  std::size_t i_ = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs_;
  std::vector<Stop> stops_;
  mutable NextCache bracket_, newline_;
  Tokens t_;
};

void Tokenizer::match_link_brackets() {
  std::vector<std::uint32_t> open;
  for (std::size_t i = 0; i + 1 < s_.size();) {
    if (s_[i] == '\n') {
      open.clear();
      ++i;
    } else if (s_[i] == '[' && s_[i + 1] == '[') {
      open.push_back(static_cast<std::uint32_t>(i));
      i += 2;
    } else if (s_[i] == ']' && s_[i + 1] == ']' && !open.empty()) {
      pairs_.emplace_back(open.back(), static_cast<std::uint32_t>(i));
      open.pop_back();
      i += 2;
    } else {
      ++i;
    }
  }
  std::sort(pairs_.begin(), pairs_.end());
}

std::size_t Tokenizer::link_close(std::size_t open) const {
  const auto it = std::lower_bound(pairs_.begin(), pairs_.end(), std::make_pair(static_cast<std::uint32_t>(open), std::uint32_t{0}));
  return it != pairs_.end() && it->first == open ? it->second : kNotFound;
}

Tokens Tokenizer::run() {
  match_link_brackets();
  while (true) {
    const std::size_t limit = stops_.empty() ? s_.size() : stops_.back().at;
    if (i_ >= limit) {
      if (stops_.empty()) break;
      const Stop stop = stops_.back();
      stops_.pop_back();
      push_text(stop.trail_begin, stop.trail_end);
      push(Tok::close, stop.at, stop.at, stop.element);
      i_ = stop.resume;
      continue;
    }
    const char c = s_[i_];
    switch (c) {
      case '\n':
        push(Tok::newline, i_, i_ + 1);
        ++i_;
        continue;
      case kMarkerStart:
        if (const auto m = read_marker(s_, i_); m && m->end <= limit) {
          push(Tok::marker, i_, m->end);
          i_ = m->end;
          continue;
        }
        break;
      case kLiteralPipe:
        push_generated("|");
        ++i_;
        continue;
      case '\'':
        if (i_ + 1 < limit && s_[i_ + 1] == '\'') {
          std::size_t j = i_;
          while (j < limit && s_[j] == '\'') ++j;
          push(Tok::quotes, i_, j);
          i_ = j;
          continue;
        }
        break;
      case '[':
        if (wiki_link(limit) || external_link(limit)) continue;
        break;
      case '<':
        if (tag(limit)) continue;
        break;
      default:
        if (url_starts_at(i_) && bare_url(limit)) continue;
        break;
    }
    std::size_t j = i_ + 1;
    while (j < limit && !is_special(s_[j]) && !url_starts_at(j)) ++j;
    push_text(i_, j);
    i_ = j;
  }
  return std::move(t_);
}

bool Tokenizer::wiki_link(std::size_t limit) {
  if (i_ + 1 >= s_.size() || s_[i_ + 1] != '[') return false;
  const std::size_t close = link_close(i_);
  if (close == kNotFound || close + 2 > limit) return false;
  const std::string_view inner = s_.substr(i_ + 2, close - i_ - 2);
  const std::size_t bar = inner.find('|');
  const std::string_view target = inner.substr(0, bar);
  if (target.find_first_of(std::string_view("<>[]{}\n\x01\x03", 9)) != kNotFound) return false;
  std::string_view title = text::trim(target);
  const bool leading_colon = !title.empty() && title[0] == ':';
  if (leading_colon) title = text::trim(title.substr(1));
  if (title.empty()) return false;
  const std::string ns = ascii_lower(namespace_of(title));

  if (!leading_colon && (ns == "file" || ns == "image")) {
    push(Tok::image, i_ + 2, close);
    i_ = close + 2;
    return true;
  }
  if (!leading_colon && (ns == "category" || (bar == kNotFound && is_interlanguage_prefix(ns)))) {
    ctx_.report->note(Code::markup_left_out, ns == "category" ? "category" : "interlanguage link", ctx_.line,
                      (ns == "category" ? "category " : "interlanguage link ") + std::string(title) + " left out");
    i_ = close + 2;
    return true;
  }
  std::size_t trail_end = close + 2;
  while (trail_end < limit && is_ascii_letter(s_[trail_end])) ++trail_end;

  const std::size_t target_begin = static_cast<std::size_t>(target.data() - s_.data());
  push(Tok::open, target_begin, target_begin + target.size(), El::wiki_link);
  const std::string_view label = bar == kNotFound ? std::string_view() : inner.substr(bar + 1);
  if (bar == kNotFound || text::trim(label).empty()) {
    if (bar == kNotFound) {
      const std::size_t title_begin = static_cast<std::size_t>(title.data() - s_.data());
      push_text(title_begin, title_begin + title.size());
    } else {
      // The pipe trick: [[Page (topic)|]] shows "Page".
      std::string_view shown = ns.empty() ? title : text::trim(title.substr(title.find(':') + 1));
      if (shown.ends_with(')') && shown.find(" (") != kNotFound) shown = text::trim(shown.substr(0, shown.rfind(" (")));
      push_generated(decode_entities(shown));
    }
    push_text(close + 2, trail_end);
    push(Tok::close, close, close, El::wiki_link);
    i_ = trail_end;
    return true;
  }
  stops_.push_back({close, trail_end, El::wiki_link, close + 2, trail_end});
  i_ = i_ + 2 + bar + 1;
  return true;
}

bool Tokenizer::external_link(std::size_t limit) {
  const std::size_t u = i_ + 1;
  if (u >= limit || s_[u] == '[' || scheme_length(s_.substr(u, 16)) == 0) return false;
  const std::size_t close = next_of(']', u, bracket_);
  const std::size_t newline = next_of('\n', u, newline_);
  if (close == kNotFound || close >= limit || (newline != kNotFound && newline < close)) return false;
  std::size_t url_end = u;
  while (url_end < close && is_url_char(s_[url_end])) ++url_end;
  if (url_end == u + scheme_length(s_.substr(u, 16))) return false;
  push(Tok::open, u, url_end, El::ext_link);
  std::size_t label = url_end;
  while (label < close && (s_[label] == ' ' || s_[label] == '\t')) ++label;
  if (label >= close) {
    push_text(u, url_end);  // [url] with no text: the URL is shown
    push(Tok::close, close, close, El::ext_link);
    i_ = close + 1;
    return true;
  }
  stops_.push_back({close, close + 1, El::ext_link, 0, 0});
  i_ = label;
  return true;
}

bool Tokenizer::bare_url(std::size_t limit) {
  const std::size_t scheme = bare_scheme_length(s_.substr(i_, 8));
  std::size_t j = i_ + scheme;
  while (j < limit && is_url_char(s_[j]) && !(s_[j] == '\'' && j + 1 < limit && s_[j + 1] == '\'')) ++j;
  const std::string_view url = s_.substr(i_, j - i_);
  const bool has_open_paren = url.find('(') != kNotFound;
  while (j > i_ + scheme) {
    const char last = s_[j - 1];
    if (last == ',' || last == ';' || last == '.' || last == ':' || last == '!' || last == '?' || last == '\'' ||
        (last == ')' && !has_open_paren)) {
      --j;
    } else {
      break;
    }
  }
  if (j == i_ + scheme) return false;
  push(Tok::url, i_, j);
  i_ = j;
  return true;
}

bool Tokenizer::tag(std::size_t limit) {
  const auto tag = read_tag(s_, i_);
  if (!tag || tag->end > limit) return false;
  const std::string& n = tag->name;
  auto element = [&]() -> std::optional<El> {
    if (n == "b" || n == "strong") return El::bold;
    if (n == "i" || n == "em" || n == "var" || n == "dfn" || n == "cite") return El::italic;
    if (n == "s" || n == "strike" || n == "del") return El::strike;
    if (n == "u" || n == "ins") return El::underline;
    if (n == "sub") return El::sub;
    if (n == "sup") return El::sup;
    if (n == "code" || n == "tt" || n == "kbd" || n == "samp") return El::code;
    if (n == "span") return El::span;
    if (n == "q") return El::quote;
    for (std::string_view plain : {"small", "big", "abbr", "mark", "font", "bdi", "bdo", "time", "data", "ruby", "rb",
                                   "rt", "rtc", "rp"})
      if (n == plain) return El::plain;
    return std::nullopt;
  }();
  if (n == "br") {
    push(Tok::line_break, i_, tag->end);
    i_ = tag->end;
    return true;
  }
  if (!element) {
    // Block-level HTML inside a line: the tag goes, its content stays.
    static constexpr std::string_view kStructural[] = {
        "wbr", "p", "div", "center", "blockquote", "hr", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td",
        "th", "tbody", "thead", "tfoot", "caption", "h1", "h2", "h3", "h4", "h5", "h6"};
    for (std::string_view s : kStructural) {
      if (n == s) {
        if (n != "wbr") ctx_.report->note(Code::markup_unsupported, "html tag", ctx_.line, "HTML tag <" + n + "> read as plain text");
        i_ = tag->end;
        return true;
      }
    }
    return false;
  }
  if (tag->self_closing) {
    i_ = tag->end;
    return true;
  }
  if (tag->closing) {
    push(Tok::close, i_, tag->end, *element);
  } else {
    std::uint32_t aux = 0;
    if (*element == El::span) {
      const auto attrs = parse_attributes(tag->attributes);
      std::string lang = attribute(attrs, "lang");
      if (lang.empty()) lang = attribute(attrs, "xml:lang");
      if (!lang.empty() && is_language_tag(lang)) {
        t_.strings.push_back(std::move(lang));
        aux = static_cast<std::uint32_t>(t_.strings.size());
      }
    }
    push(Tok::open, i_, tag->end, *element, aux);
  }
  i_ = tag->end;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Quotes: MediaWiki's doQuotes, line by line.

void resolve_quotes(std::string_view s, std::vector<Token>& list) {
  std::vector<Token> out;
  out.reserve(list.size() + list.size() / 4);
  auto open = [&](El e) { out.push_back({Tok::open, e, 0, 0, 0}); };
  auto close = [&](El e) { out.push_back({Tok::close, e, 0, 0, 0}); };

  struct Run {
    std::size_t token;
    std::uint32_t prefix;  // apostrophes shown as text before the run
    int len;               // 2, 3 or 5
  };
  std::vector<Run> runs;
  std::size_t line_begin_token = 0;
  std::size_t line_begin_pos = 0;
  for (std::size_t t = 0; t <= list.size(); ++t) {
    const bool end_of_line = t == list.size() || list[t].type == Tok::newline;
    if (!end_of_line) {
      if (list[t].type == Tok::quotes) {
        const auto len = static_cast<std::uint32_t>(list[t].end - list[t].begin);
        if (len == 4) runs.push_back({t, 1, 3});
        else if (len > 5) runs.push_back({t, len - 5, 5});
        else runs.push_back({t, 0, static_cast<int>(len)});
      }
      continue;
    }
    // One line: tokens [line_begin_token, t).
    int italics = 0, bolds = 0;
    for (const Run& r : runs) {
      if (r.len == 2 || r.len == 5) ++italics;
      if (r.len == 3 || r.len == 5) ++bolds;
    }
    if (italics % 2 == 1 && bolds % 2 == 1) {
      // One ''' is an apostrophe followed by '': prefer one after a one-letter word ("l'''amour"),
      // then one after a longer word, then one after a space.
      int single = -1, multi = -1, space = -1;
      for (std::size_t r = 0; r < runs.size(); ++r) {
        if (runs[r].len != 3) continue;
        const std::size_t at = list[runs[r].token].begin + runs[r].prefix;
        const std::size_t before = at - line_begin_pos;
        const char x1 = before >= 1 ? s[at - 1] : '\0';
        const char x2 = before >= 2 ? s[at - 2] : (before == 1 ? s[at - 1] : '\0');
        if (x1 == ' ') {
          if (space < 0) space = static_cast<int>(r);
        } else if (x2 == ' ') {
          single = static_cast<int>(r);
          break;
        } else if (multi < 0) {
          multi = static_cast<int>(r);
        }
      }
      const int pick = single >= 0 ? single : multi >= 0 ? multi : space;
      if (pick >= 0) {
        runs[static_cast<std::size_t>(pick)].prefix += 1;
        runs[static_cast<std::size_t>(pick)].len = 2;
      }
    }
    enum class State { none, i, b, bi, ib, both } state = State::none;
    std::size_t both_at = 0;  // index in out of the two slots filled when 'both' resolves
    std::size_t r = 0;
    for (std::size_t k = line_begin_token; k < t; ++k) {
      if (r >= runs.size() || runs[r].token != k) {
        out.push_back(list[k]);
        continue;
      }
      const Run run = runs[r++];
      const Token& q = list[k];
      if (run.prefix > 0) out.push_back({Tok::text, El::plain, q.begin, q.begin + run.prefix, 0});
      auto fill_both = [&](El first, El second) {
        out[both_at] = {Tok::open, first, 0, 0, 0};
        out[both_at + 1] = {Tok::open, second, 0, 0, 0};
      };
      if (run.len == 2) {
        switch (state) {
          case State::i: close(El::italic), state = State::none; break;
          case State::bi: close(El::italic), state = State::b; break;
          case State::ib: close(El::bold), close(El::italic), open(El::bold), state = State::b; break;
          case State::both: fill_both(El::bold, El::italic), close(El::italic), state = State::b; break;
          case State::b: open(El::italic), state = State::bi; break;
          case State::none: open(El::italic), state = State::i; break;
        }
      } else if (run.len == 3) {
        switch (state) {
          case State::b: close(El::bold), state = State::none; break;
          case State::bi: close(El::italic), close(El::bold), open(El::italic), state = State::i; break;
          case State::ib: close(El::bold), state = State::i; break;
          case State::both: fill_both(El::italic, El::bold), close(El::bold), state = State::i; break;
          case State::i: open(El::bold), state = State::ib; break;
          case State::none: open(El::bold), state = State::b; break;
        }
      } else {
        switch (state) {
          case State::b: close(El::bold), open(El::italic), state = State::i; break;
          case State::i: close(El::italic), open(El::bold), state = State::b; break;
          case State::bi: close(El::italic), close(El::bold), state = State::none; break;
          case State::ib: close(El::bold), close(El::italic), state = State::none; break;
          case State::both:
            fill_both(El::italic, El::bold), close(El::bold), close(El::italic), state = State::none;
            break;
          case State::none:
            both_at = out.size();
            out.push_back({});
            out.push_back({});
            state = State::both;
            break;
        }
      }
    }
    // The end of the line closes what is open.
    if (state == State::b || state == State::ib) close(El::bold);
    if (state == State::i || state == State::bi || state == State::ib) close(El::italic);
    if (state == State::bi) close(El::bold);
    if (state == State::both && out.size() > both_at + 2) {
      out[both_at] = {Tok::open, El::bold, 0, 0, 0};
      out[both_at + 1] = {Tok::open, El::italic, 0, 0, 0};
      close(El::italic);
      close(El::bold);
    }
    if (t < list.size()) {
      out.push_back(list[t]);
      line_begin_pos = list[t].end;
    }
    line_begin_token = t + 1;
    runs.clear();
  }
  list = std::move(out);
}

// ---------------------------------------------------------------------------------------------
// Emitter

WikiImage parse_image_at(std::string_view inner, const InlineContext& ctx, int depth, bool framed_caption = false);

class Emitter {
 public:
  Emitter(std::string_view s, const Tokens& tokens, const InlineContext& ctx, std::function<InlineSink()> make_root,
          std::string* plain, int depth)
      : s_(s), tokens_(tokens), ctx_(ctx), make_root_(std::move(make_root)), plain_(plain), depth_(depth) {
    stack_.push_back({El::plain, 0, 0, 0, std::nullopt});
  }
  void run();

 private:
  struct Open {
    El element;
    std::uint32_t begin, end, aux;
    std::optional<InlineSink> sink;  ///< made when content first reaches the element
  };

  InlineSink top();
  void text(std::string_view s);
  void open(const Token& t);
  void close(El element);
  void pop();
  void marker(const Token& t);
  void image(std::string_view inner);
  std::string_view range(const Token& t) const { return s_.substr(t.begin, t.end - t.begin); }

  std::string_view s_;
  const Tokens& tokens_;
  const InlineContext& ctx_;
  std::function<InlineSink()> make_root_;
  std::string* plain_;
  int depth_;
  std::vector<Open> stack_;
  int code_depth_ = 0;
  std::string code_text_;
};

InlineSink Emitter::top() {
  std::size_t first = stack_.size();
  while (first > 0 && !stack_[first - 1].sink) --first;
  for (std::size_t k = first; k < stack_.size(); ++k) {
    Open& o = stack_[k];
    if (k == 0) {
      o.sink = make_root_();
      continue;
    }
    InlineSink parent = *stack_[k - 1].sink;
    switch (o.element) {
      case El::italic: o.sink = parent.emphasis(); break;
      case El::bold: o.sink = parent.strong(); break;
      case El::strike: o.sink = parent.strikethrough(); break;
      case El::underline: o.sink = parent.phrase("underline"); break;
      case El::sub: o.sink = parent.subscript(); break;
      case El::sup: o.sink = parent.superscript(); break;
      case El::span:
        if (o.aux > 0) {
          InlineSink phrase = parent.phrase({});
          if (phrase.node() != parent.node()) {
            phrase.node().append_attribute("xml:lang").set_value(tokens_.strings[o.aux - 1].c_str());
          }
          o.sink = phrase;
        } else {
          o.sink = parent;
        }
        break;
      case El::ext_link: o.sink = parent.link(decode_entities(s_.substr(o.begin, o.end - o.begin))); break;
      case El::wiki_link: {
        const std::string url = ctx_.wiki_base_url.empty()
                                    ? std::string()
                                    : internal_link_url(ctx_.wiki_base_url, s_.substr(o.begin, o.end - o.begin));
        o.sink = url.empty() ? parent : parent.link(url);
        break;
      }
      case El::code:
      case El::quote:
      case El::plain: o.sink = parent; break;
    }
  }
  return *stack_.back().sink;
}

void Emitter::text(std::string_view s) {
  if (s.empty()) return;
  if (plain_ != nullptr) {
    *plain_ += s;
    return;
  }
  if (code_depth_ > 0) {
    code_text_ += s;
    return;
  }
  if (!stack_[0].sink && is_blank_text(s)) return;  // leading space of a paragraph
  top().text(s);
}

void Emitter::open(const Token& t) {
  if (stack_.size() >= kMaxInlineNesting) return;
  stack_.push_back({t.element, t.begin, t.end, t.aux, std::nullopt});
  if (t.element == El::code) ++code_depth_;
  if (t.element == El::quote) text("\u201C");
}

void Emitter::pop() {
  const El element = stack_.back().element;
  stack_.pop_back();
  if (element == El::code && --code_depth_ == 0 && !code_text_.empty()) {
    const std::string code = std::move(code_text_);
    code_text_.clear();
    if (plain_ != nullptr) *plain_ += code;
    else top().code(code);
  }
}

void Emitter::close(El element) {
  std::size_t k = stack_.size();
  while (k > 1 && stack_[k - 1].element != element) --k;
  if (k <= 1) return;  // nothing of that kind is open
  if (element == El::quote) text("\u201D");
  // Close what was opened inside it, then open those again after it (misnested markup).
  std::vector<Open> reopen(stack_.begin() + static_cast<std::ptrdiff_t>(k), stack_.end());
  while (stack_.size() >= k) pop();
  for (Open& o : reopen) {
    o.sink.reset();
    if (o.element == El::code) ++code_depth_;
    stack_.push_back(std::move(o));
  }
}

void Emitter::image(std::string_view inner) {
  const WikiImage img = parse_image_at(inner, ctx_, depth_ + 1);
  if (img.file.empty()) return;
  if (plain_ != nullptr || code_depth_ > 0) {
    text(img.alt.empty() ? img.caption : img.alt);
    return;
  }
  top().image(img.file, img.alt, img.caption);
}

void Emitter::marker(const Token& t) {
  const auto m = read_marker(s_, t.begin);
  if (!m) return;
  const PreprocessedPage& page = *ctx_.page;
  switch (m->kind) {
    case MarkerKind::empty:
    case MarkerKind::references: return;
    case MarkerKind::ref:
      if (plain_ == nullptr && ctx_.footnote && m->index < page.refs.size()) ctx_.footnote(m->index, top());
      return;
    case MarkerKind::stripped: break;
  }
  if (m->index >= page.stripped.size()) return;
  const StrippedContent& item = page.stripped[m->index];
  using Kind = StrippedContent::Kind;
  const bool as_text = plain_ != nullptr || code_depth_ > 0;
  switch (item.kind) {
    case Kind::nowiki: text(decode_entities(item.content)); break;
    case Kind::pre:
      if (as_text) text(decode_entities(item.content));
      else top().code(decode_entities(item.content));
      break;
    case Kind::code:
      if (as_text) text(item.content);
      else top().code(item.content);
      break;
    case Kind::math:
      if (as_text) text(item.content);
      else top().phrase("math").text(item.content);
      break;
    case Kind::gallery:
      for (const WikiImage& img : gallery_images(item.content, ctx_)) {
        if (as_text) text(img.alt.empty() ? img.caption : img.alt);
        else top().image(img.file, img.alt, img.caption);
      }
      break;
  }
}

void Emitter::run() {
  for (const Token& t : tokens_.list) {
    switch (t.type) {
      case Tok::text: text(decode_entities(range(t))); break;
      case Tok::generated: text(tokens_.strings[t.aux]); break;
      case Tok::newline: text("\n"); break;
      case Tok::quotes: text(range(t)); break;  // not reached: resolve_quotes replaced them
      case Tok::open: open(t); break;
      case Tok::close: close(t.element); break;
      case Tok::line_break:
        if (plain_ != nullptr || code_depth_ > 0) text("\n");
        else top().line_break();
        break;
      case Tok::image: image(range(t)); break;
      case Tok::marker: marker(t); break;
      case Tok::url:
        if (plain_ != nullptr || code_depth_ > 0) {
          text(range(t));
        } else {
          const std::string url = decode_entities(range(t));
          top().link(url).text(url);
        }
        break;
      case Tok::nothing: break;
    }
  }
  while (stack_.size() > 1) pop();
}

std::string plain_text_at(std::string_view wikitext, const InlineContext& ctx, int depth) {
  if (depth > kMaxCaptionDepth) return decode_entities(wikitext);
  Tokens tokens = Tokenizer(wikitext, ctx).run();
  resolve_quotes(wikitext, tokens.list);
  std::string out;
  Emitter(wikitext, tokens, ctx, nullptr, &out, depth).run();
  return out;
}

bool is_image_option(std::string_view option) {
  static constexpr std::string_view kWords[] = {
      "thumb", "thumbnail", "frame", "framed", "frameless", "border", "left", "right", "center", "centre", "none",
      "baseline", "sub", "super", "top", "text-top", "middle", "bottom", "text-bottom", "upright", "loop", "muted"};
  const std::string lower = ascii_lower(option);
  for (std::string_view w : kWords)
    if (lower == w) return true;
  static constexpr std::string_view kKeys[] = {"link=", "page=", "class=", "lang=", "upright=", "thumb=",
                                               "thumbnail=", "lossy=", "start=", "end=", "thumbtime="};
  for (std::string_view k : kKeys)
    if (lower.starts_with(k)) return true;
  // Sizes: 200px, x120px, 200x120px.
  if (lower.size() > 2 && lower.ends_with("px")) {
    const std::string_view size = std::string_view(lower).substr(0, lower.size() - 2);
    bool ok = !size.empty();
    for (char c : size)
      if (!((c >= '0' && c <= '9') || c == 'x' || c == ' ')) ok = false;
    return ok;
  }
  return false;
}

WikiImage parse_image_at(std::string_view inner, const InlineContext& ctx, int depth, bool framed_caption) {
  const std::vector<std::string_view> parts = split_bars(inner);
  WikiImage img;
  std::string_view name = text::trim(parts[0]);
  const std::string ns = ascii_lower(namespace_of(name));
  if (ns == "file" || ns == "image") name = text::trim(name.substr(name.find(':') + 1));
  img.file = decode_entities(name);
  std::string_view caption, alt;
  bool has_alt = false, framed = framed_caption;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string_view p = text::trim(parts[i]);
    if (starts_with_nocase(p, "alt=")) {
      alt = p.substr(4);
      has_alt = true;
    } else if (!is_image_option(p)) {
      caption = p;
    } else {
      const std::string option = ascii_lower(p);
      framed = framed || option == "thumb" || option == "thumbnail" || option == "frame" || option == "framed" ||
               option.starts_with("thumb=") || option.starts_with("thumbnail=");
    }
  }
  // The caption is shown under framed images; on others it is only a tooltip, and the alt text
  // when there is no alt=.
  const std::string caption_text = text::collapse_whitespace(plain_text_at(caption, ctx, depth));
  img.alt = has_alt ? text::collapse_whitespace(plain_text_at(alt, ctx, depth)) : caption_text;
  if (framed) img.caption = caption_text;
  return img;
}

}  // namespace

void emit_paragraph(std::string_view wikitext, const InlineContext& ctx, BlockSink parent) {
  Tokens tokens = Tokenizer(wikitext, ctx).run();
  // A paragraph of images only (and spaces) is a row of block images.
  bool any_image = false, only_images = true;
  for (const Token& t : tokens.list) {
    if (t.type == Tok::image) any_image = true;
    else if (t.type == Tok::newline) continue;
    else if (t.type == Tok::text && is_blank_text(wikitext.substr(t.begin, t.end - t.begin))) continue;
    else only_images = false;
  }
  if (any_image && only_images) {
    for (const Token& t : tokens.list) {
      if (t.type != Tok::image) continue;
      const WikiImage img = parse_image_at(wikitext.substr(t.begin, t.end - t.begin), ctx, 1);
      if (!img.file.empty()) parent.image(img.file, img.alt, img.caption);
    }
    return;
  }
  resolve_quotes(wikitext, tokens.list);
  Emitter(wikitext, tokens, ctx, [parent]() mutable { return parent.para(); }, nullptr, 0).run();
}

void emit_inline(std::string_view wikitext, const InlineContext& ctx, InlineSink sink) {
  Tokens tokens = Tokenizer(wikitext, ctx).run();
  resolve_quotes(wikitext, tokens.list);
  Emitter(wikitext, tokens, ctx, [sink] { return sink; }, nullptr, 0).run();
}

std::string inline_plain_text(std::string_view wikitext, const InlineContext& ctx) {
  return plain_text_at(wikitext, ctx, 0);
}

WikiImage parse_image(std::string_view inner, const InlineContext& ctx) { return parse_image_at(inner, ctx, 1); }

std::vector<WikiImage> gallery_images(std::string_view content, const InlineContext& ctx) {
  std::vector<WikiImage> images;
  std::size_t pos = 0;
  while (pos <= content.size()) {
    std::size_t end = content.find('\n', pos);
    if (end == kNotFound) end = content.size();
    const std::string_view line = text::trim(content.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    WikiImage img = parse_image_at(line, ctx, 1, true);  // gallery captions are shown
    if (!img.file.empty()) images.push_back(std::move(img));
  }
  return images;
}

bool is_sidebar_link(std::string_view target) {
  const std::string_view title = text::trim(target);
  if (title.empty() || title[0] == ':') return false;
  const std::string ns = ascii_lower(namespace_of(title));
  return ns == "category" || is_interlanguage_prefix(ns);
}

std::string internal_link_url(std::string_view base, std::string_view target) {
  std::string_view title = text::trim(target);
  if (!title.empty() && title[0] == ':') title = text::trim(title.substr(1));
  if (title.empty() || title[0] == '#') return {};
  const std::string ns = ascii_lower(namespace_of(title));
  if (!ns.empty() && (is_interwiki_prefix(ns) || is_interlanguage_prefix(ns))) return {};
  std::string page = decode_entities(title);
  for (char& c : page)
    if (c == ' ') c = '_';
  if (page[0] >= 'a' && page[0] <= 'z') page[0] = static_cast<char>(page[0] - 'a' + 'A');
  std::string url(base);
  if (const std::size_t slot = url.find("$1"); slot != std::string::npos) {
    url.replace(slot, 2, page);
    return url;
  }
  if (!url.empty() && url.back() != '/' && url.back() != '=') url += '/';
  return url + page;
}

}  // namespace handout::wiki
