#include "layout/line_breaker.hpp"

#include "layout/shaping.hpp"
#include "text/text.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <unordered_map>

namespace handout {

namespace {

constexpr char32_t kForcedBreak = 0x2028;
/// Widths at least this large are callers measuring text, not placing it.
constexpr double kMeasuringWidth = 1e5;

bool is_collapsible_space(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f'; }

/// True for Hangul syllables and jamo.
bool is_hangul(char32_t cp) {
  return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
         (cp >= 0xA960 && cp <= 0xA97F) || (cp >= 0xD7B0 && cp <= 0xD7FF);
}

/// One character after whitespace collapsing, with what it needs for breaking and drawing.
struct Glyph {
  char32_t cp;
  int span;
  int face = -1;
  double width = 0;
  bool break_after = false;  ///< a line may end after this character
  bool forced = false;       ///< the line must end here (the character itself is not drawn)
};

/// Collapses whitespace across spans into glyphs; anchors get the index of their first glyph.
std::vector<Glyph> collapse(const std::vector<Span>& spans, std::vector<std::pair<std::string, std::size_t>>& anchors) {
  std::vector<Glyph> glyphs;
  // At most one glyph per byte: reserved once (a 1 MB paragraph otherwise copies its glyphs
  // through twenty reallocations).
  std::size_t bytes = 0;
  for (const Span& span : spans) bytes += span.text.size();
  glyphs.reserve(bytes);
  bool pending_space = false;
  int pending_span = 0;
  for (std::size_t s = 0; s < spans.size(); ++s) {
    if (!spans[s].anchor.empty()) anchors.emplace_back(spans[s].anchor, glyphs.size() + (pending_space ? 1 : 0));
    const std::string& t = spans[s].text;
    for (std::size_t i = 0; i < t.size();) {
      const char32_t cp = text::next_code_point(t, i);
      if (is_collapsible_space(cp)) {
        if (!glyphs.empty() && !glyphs.back().forced && !pending_space) {
          pending_space = true;
          pending_span = static_cast<int>(s);
        }
        continue;
      }
      if (cp == kForcedBreak) {
        pending_space = false;
        glyphs.push_back({cp, static_cast<int>(s)});
        glyphs.back().forced = true;
        continue;
      }
      if (pending_space) glyphs.push_back({' ', pending_span});
      pending_space = false;
      glyphs.push_back({cp, static_cast<int>(s)});
    }
  }
  for (auto& a : anchors) a.second = std::min(a.second, glyphs.size());
  return glyphs;
}

}  // namespace

std::vector<char> line_break_opportunities(const std::u32string& text, const std::string& language) {
  // One line-break iterator per thread and language (making one reads ICU's rules: costly).
  thread_local std::unordered_map<std::string, std::unique_ptr<icu::BreakIterator>> iterators;
  std::unique_ptr<icu::BreakIterator>& it = iterators[language];
  if (!it) {
    UErrorCode status = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createLineInstance(icu::Locale(language.empty() ? "en" : language.c_str()), status));
    if (U_FAILURE(status)) it.reset();
  }
  std::vector<char> out(text.size(), kNoBreak);
  if (text.empty()) return out;
  icu::UnicodeString units;
  std::vector<std::size_t> index_of_unit;  // UTF-16 offset -> character index
  index_of_unit.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t cp = text[i] > 0x10FFFF || (text[i] >= 0xD800 && text[i] < 0xE000) ? 0xFFFD : text[i];
    units.append(static_cast<UChar32>(cp));
    index_of_unit.resize(static_cast<std::size_t>(units.length()), i);
  }
  index_of_unit.push_back(text.size());
  if (!it) {  // no ICU data: break at spaces only
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == ' ') out[i] = kAllowBreak;
    out.back() = kMustBreak;
    return out;
  }
  it->setText(units);
  for (std::int32_t p = it->next(); p != icu::BreakIterator::DONE; p = it->next()) {
    const std::size_t after = index_of_unit[static_cast<std::size_t>(p)];  // the character after the boundary
    if (after == 0) continue;
    const std::int32_t rule = it->getRuleStatus();
    out[after - 1] = rule >= UBRK_LINE_HARD && rule < UBRK_LINE_HARD_LIMIT ? kMustBreak : kAllowBreak;
  }
  out.back() = kMustBreak;  // the end of the text ends its last line
  return out;
}

namespace {

/// Break opportunities already found, per thread. They depend only on the text and its
/// language, and the summary sheet lays the same text out again at every size it tries.
struct BreakCache {
  static constexpr std::size_t kMaxCharacters = 1 << 16;  // then it starts afresh (about 400 KB)
  std::unordered_map<std::u32string, std::vector<char>> found;
  std::string language;
  std::size_t characters = 0;
};

/// Marks where lines may end (UAX #14 via ICU, Korean kept whole between spaces).
void mark_breaks(std::vector<Glyph>& glyphs, const std::string& language) {
  thread_local BreakCache cache;
  std::u32string cps(glyphs.size(), U'\0');
  for (std::size_t i = 0; i < glyphs.size(); ++i) cps[i] = glyphs[i].forced ? kForcedBreak : glyphs[i].cp;
  if (cache.language != language || cache.characters > BreakCache::kMaxCharacters) {
    cache.found.clear();
    cache.language = language;
    cache.characters = 0;
  }
  auto [it, fresh] = cache.found.try_emplace(cps);
  std::vector<char>& brks = it->second;
  if (fresh) {
    brks = line_break_opportunities(cps, language);
    cache.characters += cps.size();
  }
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    glyphs[i].break_after = brks[i] != kNoBreak;
    // Korean is broken at spaces, by words (as CSS word-break: keep-all): UAX #14 allows a
    // break between any two Hangul syllables, and before a particle after Latin ("mg을").
    if (glyphs[i].break_after && brks[i] != kMustBreak && i + 1 < glyphs.size() &&
        (is_hangul(glyphs[i].cp) || is_hangul(glyphs[i + 1].cp)) && glyphs[i].cp != ' ' && glyphs[i + 1].cp != ' ' &&
        !glyphs[i + 1].forced) {
      glyphs[i].break_after = false;
    }
  }
}

/// Chooses a face for every glyph and measures it; characters no face has become U+FFFD.
void measure(std::vector<Glyph>& glyphs, const std::vector<Span>& spans, const FontSet& fonts, MissingGlyphs& missing) {
  int near = -1;
  for (Glyph& g : glyphs) {
    if (g.forced) continue;
    const SpanStyle& st = spans[static_cast<std::size_t>(g.span)].style;
    g.face = fonts.face_for(st.font, g.cp, near);
    near = g.face;
    if (g.face < 0) {
      if (std::find(missing.characters.begin(), missing.characters.end(), g.cp) == missing.characters.end()) {
        missing.characters.push_back(g.cp);
      }
      g.cp = 0xFFFD;
      g.face = fonts.face_for(st.font, g.cp);
      if (g.face < 0) {
        g.cp = '?';
        g.face = fonts.primary(st.font);
      }
    }
  }
  // Widths from shaping each run of one face (kerning, ligatures, conjuncts, joining forms): a
  // cluster's advance on its first character.
  std::string run;
  for (std::size_t i = 0; i < glyphs.size();) {
    if (glyphs[i].forced) {
      ++i;
      continue;
    }
    std::size_t j = i;
    run.clear();
    while (j < glyphs.size() && !glyphs[j].forced && glyphs[j].face == glyphs[i].face) text::append_utf8(run, glyphs[j++].cp);
    const std::vector<double> advances = shaped_advances(fonts.face(glyphs[i].face), run);
    for (std::size_t k = i; k < j; ++k) {
      glyphs[k].width = advances[k - i] * spans[static_cast<std::size_t>(glyphs[k].span)].style.size;
    }
    i = j;
  }
}

Line make_line(const std::vector<Glyph>& glyphs, std::size_t begin, std::size_t end, const std::vector<Span>& spans,
               const FontSet& fonts, const std::vector<std::pair<std::string, std::size_t>>& anchors) {
  Line line;
  // A line that ends at a space or a forced break keeps one space at the end of its text (not
  // of its width): text read from the page, or from a tagged PDF's structure, keeps the word
  // boundary there ("it is", not "itis").
  const bool word_boundary_after = (end > begin && glyphs[end - 1].cp == ' ') || (end < glyphs.size() && glyphs[end].forced);
  while (begin < end && glyphs[begin].cp == ' ') ++begin;
  while (end > begin && (glyphs[end - 1].cp == ' ' || glyphs[end - 1].forced)) --end;
  double x = 0;
  for (std::size_t i = begin; i < end;) {
    const Glyph& first = glyphs[i];
    const SpanStyle& st = spans[static_cast<std::size_t>(first.span)].style;
    TextRun run;
    run.x = x;
    run.y = -st.rise;
    run.face = first.face;
    run.size = st.size;
    run.color = st.color;
    run.element = st.element;
    std::size_t j = i;
    while (j < end && glyphs[j].span == first.span && glyphs[j].face == first.face && !glyphs[j].forced) {
      text::append_utf8(run.text, glyphs[j].cp);
      run.width += glyphs[j].width;
      ++j;
    }
    if (j == i) {  // a forced break inside the line cannot happen; guard against a stall
      ++i;
      continue;
    }
    const FontFace& face = fonts.face(first.face);
    line.ascent = std::max(line.ascent, face.ascender() * st.size + st.rise);
    line.descent = std::max(line.descent, -face.descender() * st.size - st.rise);
    if (st.underline) line.drawing.rects.push_back(filled_rect(run.x, run.y + st.size * 0.12, run.width, st.size * 0.06, st.color));
    if (st.strike) line.drawing.rects.push_back(filled_rect(run.x, run.y - st.size * 0.3, run.width, st.size * 0.06, st.color));
    if (!st.uri.empty() || !st.target.empty()) {
      LinkArea link{run.x, run.y - face.ascender() * st.size, run.width, (face.ascender() - face.descender()) * st.size,
                    st.uri, st.target, st.element};
      // Runs of one link split by a face change make one area.
      if (!line.drawing.links.empty()) {
        LinkArea& prev = line.drawing.links.back();
        if (prev.uri == link.uri && prev.target == link.target && prev.element == link.element && std::abs(prev.x + prev.width - link.x) < 0.01) {
          prev.width += link.width;
          x += run.width;
          line.drawing.runs.push_back(std::move(run));
          i = j;
          continue;
        }
      }
      line.drawing.links.push_back(link);
    }
    x += run.width;
    line.drawing.runs.push_back(std::move(run));
    i = j;
  }
  line.width = x;
  if (word_boundary_after && !line.drawing.runs.empty()) line.drawing.runs.back().text += ' ';
  if (line.drawing.runs.empty() && begin < glyphs.size()) {
    // An empty line (two forced breaks in a row): as tall as its span's text.
    const SpanStyle& st = spans[static_cast<std::size_t>(glyphs[std::min(begin, glyphs.size() - 1)].span)].style;
    const FontFace& face = fonts.face(fonts.primary(st.font));
    line.ascent = face.ascender() * st.size;
    line.descent = -face.descender() * st.size;
  }
  for (const auto& [id, at] : anchors) {
    if (at >= begin && at <= end) line.drawing.anchors.push_back({id, -line.ascent});
  }
  return line;
}

}  // namespace

std::vector<Line> break_lines(const std::vector<Span>& spans, double width, const FontSet& fonts,
                              const std::string& language, MissingGlyphs& missing) {
  std::vector<std::pair<std::string, std::size_t>> anchors;
  std::vector<Glyph> glyphs = collapse(spans, anchors);
  std::vector<Line> lines;
  if (glyphs.empty()) return lines;
  mark_breaks(glyphs, language);
  measure(glyphs, spans, fonts, missing);
  const bool rtl = right_to_left_language(language);

  const std::size_t n = glyphs.size();
  std::size_t start = 0;
  std::vector<std::pair<std::string, std::size_t>> pending = anchors;
  auto emit = [&](std::size_t end) {
    std::vector<std::pair<std::string, std::size_t>> here;
    for (auto it = pending.begin(); it != pending.end();) {
      if (it->second < end || (end == n && it->second <= end)) {
        here.push_back(*it);
        it = pending.erase(it);
      } else {
        ++it;
      }
    }
    lines.push_back(make_line(glyphs, start, end, spans, fonts, here));
    // Right-to-left paragraphs: runs in bidi order, aligned right (not for measuring widths).
    if (rtl && width < kMeasuringWidth) place_right_to_left(lines.back().drawing, lines.back().width, width);
  };
  while (start < n) {
    double w = 0;          // width so far, spaces included
    std::size_t last_break = start;  // end (exclusive) of the last place the line may end
    bool have_break = false;
    std::size_t i = start;
    // Skip spaces at the start of a line.
    while (i < n && glyphs[i].cp == ' ' && !glyphs[i].forced) ++i;
    if (i > start) {
      start = i;
      last_break = start;
    }
    bool ended = false;
    for (; i < n; ++i) {
      const Glyph& g = glyphs[i];
      if (g.forced) {
        emit(i);
        start = i + 1;
        ended = true;
        break;
      }
      if (g.cp != ' ' && w + g.width > width + 1e-6 && i > start) {
        if (have_break) {
          emit(last_break);
          start = last_break;
        } else {
          emit(i);  // a word wider than the line: break between characters
          start = i;
        }
        ended = true;
        break;
      }
      w += g.width;
      if (g.break_after && i + 1 < n) {
        last_break = i + 1;
        have_break = true;
      }
    }
    if (!ended) {
      emit(n);
      start = n;
    }
  }
  return lines;
}

double measure_text(std::string_view s, const SpanStyle& style, const FontSet& fonts) {
  double w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = text::next_code_point(s, i);
    const int face = fonts.face_for(style.font, cp);
    if (face >= 0) w += fonts.face(face).advance(cp) * style.size;
  }
  return w;
}

double widest_word(const std::vector<Span>& spans, const FontSet& fonts, const std::string& language) {
  std::vector<std::pair<std::string, std::size_t>> anchors;
  std::vector<Glyph> glyphs = collapse(spans, anchors);
  if (glyphs.empty()) return 0;
  mark_breaks(glyphs, language);
  MissingGlyphs ignored;
  measure(glyphs, spans, fonts, ignored);
  double widest = 0, word = 0;
  for (const Glyph& g : glyphs) {
    if (g.cp != ' ') word += g.width;
    widest = std::max(widest, word);
    if (g.break_after || g.forced) word = 0;
  }
  return widest;
}

}  // namespace handout
