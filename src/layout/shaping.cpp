#include "layout/shaping.hpp"

#include <hb-ot.h>
#include <hb.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace handout {

namespace {

struct FontDeleter {
  void operator()(hb_font_t* f) const { hb_font_destroy(f); }
};

/// One immutable HarfBuzz font per file (unscaled: positions in font units), shared by threads.
struct SharedFont {
  std::unique_ptr<hb_font_t, FontDeleter> font;
  double upem = 1000;
};

const SharedFont& shared_font(const FontFace& face) {
  // The face asked for last, per thread: most calls, without the lock.
  thread_local const FontFace* last_face = nullptr;
  thread_local const SharedFont* last_font = nullptr;
  if (&face == last_face) return *last_font;
  static std::mutex mutex;
  static std::map<std::filesystem::path, SharedFont> fonts;
  std::lock_guard lock(mutex);
  auto it = fonts.find(face.path());
  if (it != fonts.end()) {
    last_face = &face;
    last_font = &it->second;
    return it->second;
  }
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(face.path().c_str());
  if (blob == nullptr) throw std::runtime_error("cannot read font file " + face.path().string());
  hb_face_t* hb_face = hb_face_create(blob, 0);
  hb_blob_destroy(blob);
  SharedFont shared;
  shared.upem = hb_face_get_upem(hb_face);
  if (shared.upem <= 0) shared.upem = 1000;
  shared.font.reset(hb_font_create(hb_face));
  hb_face_destroy(hb_face);
  hb_font_make_immutable(shared.font.get());
  const SharedFont& added = fonts.emplace(face.path(), std::move(shared)).first->second;
  last_face = &face;
  last_font = &added;
  return added;
}

/// Shapes text[begin, end) in one direction (1 right to left, 0 left to right, -1 its script's)
/// and appends its glyphs (visual order).
void shape_piece(const SharedFont& font, std::string_view text, std::size_t begin, std::size_t end, int rtl,
                 std::vector<ShapedGlyph>& out) {
  // One buffer per thread, emptied for each piece (its contents and properties reset).
  struct BufferDeleter {
    void operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }
  };
  thread_local std::unique_ptr<hb_buffer_t, BufferDeleter> owned(hb_buffer_create());
  hb_buffer_t* buffer = owned.get();
  hb_buffer_clear_contents(buffer);
  hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), static_cast<unsigned>(begin),
                     static_cast<int>(end - begin));
  hb_buffer_guess_segment_properties(buffer);
  if (rtl >= 0) hb_buffer_set_direction(buffer, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);  // else the script's
  hb_shape(font.font.get(), buffer, nullptr, 0);
  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
  const double scale = 1.0 / font.upem;
  out.reserve(out.size() + count);
  for (unsigned i = 0; i < count; ++i) {
    ShapedGlyph g;
    g.glyph = info[i].codepoint;
    g.cluster = info[i].cluster;
    g.advance = pos[i].x_advance * scale;
    g.nominal = hb_font_get_glyph_h_advance(font.font.get(), info[i].codepoint) * scale;
    g.x_offset = pos[i].x_offset * scale;
    g.y_offset = pos[i].y_offset * scale;
    out.push_back(g);
  }
}

/// What one thread has shaped, by key (font and text): a value is made once and kept until the
/// entries pass budget bytes, when all are dropped and the count starts again.
template <typename Element>
class ShapingCache {
 public:
  explicit ShapingCache(std::size_t budget) : budget_(budget) {}

  /// The value for key, made by make() when it is not kept.
  template <typename Make>
  const std::vector<Element>& get(const std::string& key, Make make) {
    if (auto it = values_.find(key); it != values_.end()) return it->second;
    if (bytes_ > budget_) {
      values_.clear();
      bytes_ = 0;
    }
    std::vector<Element> value = make();
    bytes_ += key.size() + value.size() * sizeof(Element) + 64;
    return values_.emplace(key, std::move(value)).first->second;
  }

 private:
  std::unordered_map<std::string, std::vector<Element>> values_;
  std::size_t budget_;
  std::size_t bytes_ = 0;
};

/// True when every character of text is in a script HarfBuzz shapes without context across a
/// space (Latin, Greek, Cyrillic, Armenian and their marks, punctuation and symbols): such text
/// may be shaped a word at a time. Arabic, Hebrew, Indic, Southeast Asian and CJK text is not.
bool simple_script(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0xD6) continue;                 // ASCII, continuation bytes, U+0080..U+057F
    if (b < 0xE0 || b >= 0xF0) return false;  // U+0580..U+07FF, or past the BMP
    if (i + 1 >= text.size()) return false;
    const unsigned char c1 = static_cast<unsigned char>(text[i + 1]);
    const char32_t high = ((b & 0x0F) << 6) | (c1 & 0x3F);  // the code point >> 6
    // U+1E00..U+1FFF (Latin Extended Additional, Greek Extended), U+2000..U+2BFF (punctuation,
    // symbols, arrows, shapes), U+FB00..U+FB06 (Latin ligatures) are fine; the rest is not.
    if (!((high >= 0x1E00 >> 6 && high < 0x2C00 >> 6) || high == 0xFB00 >> 6)) return false;
  }
  return true;
}

/// True when the character at byte at of text[..end) joins the cluster before it: a combining
/// mark, a format character (joiners) or a variation selector.
bool joins_previous(std::string_view text, std::size_t at, std::size_t end) {
  if (static_cast<unsigned char>(text[at]) < 0x80) return false;
  UChar32 cp = 0;
  int32_t i = static_cast<int32_t>(at);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(end), cp);
  const int8_t type = u_charType(cp);
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK ||
         type == U_FORMAT_CHAR || (cp >= 0xFE00 && cp <= 0xFE0F);
}

/// Where text[begin, end) may be cut into words for shaping: after a run of spaces, unless a
/// combining mark or joiner follows (it belongs to the space's cluster). Offsets of word starts.
std::vector<std::size_t> word_starts(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<std::size_t> starts{begin};
  for (std::size_t i = begin; i + 1 < end; ++i) {
    if (text[i] == ' ' && text[i + 1] != ' ' && !joins_previous(text, i + 1, end)) starts.push_back(i + 1);
  }
  return starts;
}

/// Shapes text[begin, end) left to right a word at a time, each word with its trailing spaces
/// shaped once per thread and remembered (the same words recur on every page, and each text is
/// shaped twice: measured by the layout, drawn by the writer). For simple scripts only (see
/// simple_script): their words shape the same alone as in a line.
void shape_words(const SharedFont& font, std::string_view text, std::size_t begin, std::size_t end,
                 std::vector<ShapedGlyph>& out) {
  thread_local ShapingCache<ShapedGlyph> cache(std::size_t{8} << 20);
  const std::vector<std::size_t> starts = word_starts(text, begin, end);
  // About one glyph per byte in the simple scripts; only into an empty vector (reserving the
  // exact size on every call that appends would reallocate each time).
  if (out.empty()) out.reserve(end - begin);
  std::string key;
  for (std::size_t w = 0; w < starts.size(); ++w) {
    const std::size_t from = starts[w], to = w + 1 < starts.size() ? starts[w + 1] : end;
    key.assign(reinterpret_cast<const char*>(&font), sizeof(const SharedFont*));
    key.append(text.data() + from, to - from);
    const std::vector<ShapedGlyph>& glyphs = cache.get(key, [&] {
      std::vector<ShapedGlyph> shaped;
      shape_piece(font, text.substr(from, to - from), 0, to - from, false, shaped);
      return shaped;
    });
    for (ShapedGlyph g : glyphs) {
      g.cluster += static_cast<std::uint32_t>(from);
      out.push_back(g);
    }
  }
}

/// Shapes text that needs no bidi left to right: a word at a time when its script allows.
void shape_left_to_right(const SharedFont& font, std::string_view text, std::vector<ShapedGlyph>& out) {
  if (simple_script(text)) {
    shape_words(font, text, 0, text.size(), out);
  } else {
    shape_piece(font, text, 0, text.size(), false, out);
  }
}

/// True when text has a character that may need bidi (Hebrew, Arabic and the scripts past them,
/// bidi controls): plain left-to-right text skips ICU.
bool may_be_rtl(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    if (b >= 0xD6 && b <= 0xDF && b != 0xDE) return true;  // U+0580..U+07FF (Hebrew, Arabic, Syriac, Thaana, NKo)
    if (i + 2 < text.size() && (b == 0xE2 || b == 0xEF || b == 0xE0)) {
      const unsigned c1 = static_cast<unsigned char>(text[i + 1]), c2 = static_cast<unsigned char>(text[i + 2]);
      const char32_t cp = ((b & 0x0F) << 12) | ((c1 & 0x3F) << 6) | (c2 & 0x3F);
      if (cp == 0x200F || cp == 0x061C || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
          (cp >= 0x0800 && cp < 0x0900) || (cp >= 0xFB1D && cp < 0xFE00) || (cp >= 0xFE70 && cp < 0xFF00))
        return true;  // RLM, ALM, bidi embeddings and isolates, Samaritan..Arabic Extended, presentation forms
    }
  }
  return false;
}

}  // namespace

/// shaped_advances without its per-thread cache.
std::vector<double> shape_advances_uncached(const FontFace& face, std::string_view text);

std::uint32_t nominal_glyph(const FontFace& face, char32_t cp) {
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(shared_font(face).font.get(), cp, &glyph) ? glyph : 0;
}

double glyph_advance(const FontFace& face, std::uint32_t glyph) {
  const SharedFont& font = shared_font(face);
  return hb_font_get_glyph_h_advance(font.font.get(), glyph) * (1.0 / font.upem);
}

std::vector<ShapedGlyph> shape_text(const FontFace& face, std::string_view text, bool rtl) {
  const SharedFont& font = shared_font(face);
  std::vector<ShapedGlyph> out;
  if (text.empty()) return out;
  if (!rtl && !may_be_rtl(text)) {
    shape_left_to_right(font, text, out);
    return out;
  }
  // UTF-16 for ICU, with the UTF-8 offset of every UTF-16 unit.
  std::u16string units;
  std::vector<std::size_t> byte_of;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const unsigned char b = static_cast<unsigned char>(text[i]);
    const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len && i + k < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i = std::min(text.size(), i + len);
    if (cp > 0xFFFF) {
      cp -= 0x10000;
      units.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      units.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
      byte_of.push_back(start);
      byte_of.push_back(start);
    } else {
      units.push_back(static_cast<char16_t>(cp));
      byte_of.push_back(start);
    }
  }
  byte_of.push_back(text.size());
  UErrorCode err = U_ZERO_ERROR;
  UBiDi* bidi = ubidi_open();
  ubidi_setPara(bidi, reinterpret_cast<const UChar*>(units.data()), static_cast<int32_t>(units.size()),
                rtl ? UBIDI_RTL : UBIDI_LTR, nullptr, &err);
  const int32_t runs = U_SUCCESS(err) ? ubidi_countRuns(bidi, &err) : 0;
  if (U_FAILURE(err) || runs <= 0) {
    ubidi_close(bidi);
    shape_piece(font, text, 0, text.size(), rtl, out);
    return out;
  }
  for (int32_t r = 0; r < runs; ++r) {
    int32_t start = 0, length = 0;
    const UBiDiDirection dir = ubidi_getVisualRun(bidi, r, &start, &length);
    shape_piece(font, text, byte_of[static_cast<std::size_t>(start)], byte_of[static_cast<std::size_t>(start + length)],
                dir == UBIDI_RTL, out);
  }
  ubidi_close(bidi);
  return out;
}

std::vector<double> shaped_advances(const FontFace& face, std::string_view text) {
  // Advances are fractions of the size: the summary sheet lays the same text out at every size
  // it tries, so each thread keeps what it shaped (cleared when it grows large).
  thread_local ShapingCache<double> cache(std::size_t{4} << 20);
  std::string key = face.path().native();
  key += '\0';
  key.append(text.data(), text.size());
  return cache.get(key, [&] { return shape_advances_uncached(face, text); });
}

std::vector<double> shape_advances_uncached(const FontFace& face, std::string_view text) {
  const SharedFont& font = shared_font(face);
  std::vector<ShapedGlyph> glyphs;
  if (simple_script(text)) {
    shape_words(font, text, 0, text.size(), glyphs);
  } else {
    shape_piece(font, text, 0, text.size(), -1, glyphs);
  }
  // Per code point, by byte offset.
  std::vector<int> index_of(text.size() + 1, -1);
  int n = 0;
  for (std::size_t i = 0; i < text.size(); ++n) {
    index_of[i] = n;
    const unsigned char b = static_cast<unsigned char>(text[i]);
    i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  }
  std::vector<double> out(static_cast<std::size_t>(n), 0.0);
  for (const ShapedGlyph& g : glyphs) {
    if (g.cluster < text.size() && index_of[g.cluster] >= 0) out[static_cast<std::size_t>(index_of[g.cluster])] += g.advance;
  }
  return out;
}

bool right_to_left_language(const std::string& language) {
  std::string primary = language.substr(0, language.find_first_of("-_"));
  for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const char* const kRtl[] = {"ar", "fa", "he", "iw", "ur", "ps", "yi", "ckb", "sd", "ug", "dv", "syr"};
  for (const char* l : kRtl)
    if (primary == l) return true;
  return false;
}

void place_right_to_left(Drawing& line, double line_width, double width) {
  std::vector<TextRun>& runs = line.runs;
  if (runs.empty()) return;
  // The line's text in UTF-16, and where each run starts in it.
  std::u16string units;
  std::vector<int32_t> first_strong(runs.size(), -1), run_start(runs.size(), 0);
  for (std::size_t r = 0; r < runs.size(); ++r) {
    run_start[r] = static_cast<int32_t>(units.size());
    const std::string& t = runs[r].text;
    int32_t length = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(nullptr, 0, &length, t.data(), static_cast<int32_t>(t.size()), &err);
    std::u16string piece(static_cast<std::size_t>(length), u'\0');
    err = U_ZERO_ERROR;
    u_strFromUTF8(reinterpret_cast<UChar*>(piece.data()), length, nullptr, t.data(), static_cast<int32_t>(t.size()), &err);
    for (int32_t i = 0; i < length && first_strong[r] < 0; ++i) {
      const UCharDirection d = u_charDirection(piece[static_cast<std::size_t>(i)]);
      if (d == U_LEFT_TO_RIGHT || d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC || d == U_EUROPEAN_NUMBER ||
          d == U_ARABIC_NUMBER)
        first_strong[r] = run_start[r] + i;
    }
    units += piece;
  }
  UErrorCode err = U_ZERO_ERROR;
  UBiDi* bidi = ubidi_open();
  ubidi_setPara(bidi, reinterpret_cast<const UChar*>(units.data()), static_cast<int32_t>(units.size()), UBIDI_RTL, nullptr, &err);
  std::vector<UBiDiLevel> levels(runs.size(), 1);
  for (std::size_t r = 0; r < runs.size() && U_SUCCESS(err); ++r) {
    const int32_t at = first_strong[r] >= 0 ? first_strong[r] : run_start[r];
    if (at < static_cast<int32_t>(units.size())) levels[r] = ubidi_getLevelAt(bidi, at);
  }
  ubidi_close(bidi);
  std::vector<int32_t> visual(runs.size());
  ubidi_reorderVisual(levels.data(), static_cast<int32_t>(runs.size()), visual.data());
  // visual[i] is the run drawn i-th from the left.
  double x = width - line_width;
  std::vector<double> delta(runs.size(), 0);
  for (const int32_t r : visual) {
    delta[static_cast<std::size_t>(r)] = x - runs[static_cast<std::size_t>(r)].x;
    x += runs[static_cast<std::size_t>(r)].width;
  }
  auto shift_of = [&](double old_x) {
    for (std::size_t r = 0; r < runs.size(); ++r)
      if (old_x >= runs[r].x - 1e-6 && old_x < runs[r].x + std::max(runs[r].width, 1e-3) - 1e-6) return delta[r];
    return width - line_width;
  };
  for (RectBox& rect : line.rects) rect.x += shift_of(rect.x);
  for (LinkArea& link : line.links) link.x += shift_of(link.x);
  for (std::size_t r = 0; r < runs.size(); ++r) runs[r].x += delta[r];
}

}  // namespace handout
