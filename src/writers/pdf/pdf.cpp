// PDF handout writer: style, fonts, images, layout, then drawing what layout placed.
#include "writers/pdf/pdf.hpp"

#include "layout/handout_layout.hpp"
#include "layout/shaping.hpp"
#include "model/metadata.hpp"
#include "text/text.hpp"
#include "writers/pdf/font_subset.hpp"
#include "writers/image_files.hpp"
#include "writers/pdf/pdf_document.hpp"
#include "writers/pdf/structure_tree.hpp"
#include "writers/pdf/xmp_metadata.hpp"

#include <unicode/ubidi.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <sstream>
#include <unordered_map>

namespace handout {

namespace {

/// True when text's glyphs may not read back as its characters one by one: a combining mark or
/// a joiner (Indic vowel signs and conjuncts, decomposed accents). Not for text with a
/// right-to-left character: poppler reverses an RTL span's ActualText as if it were in visual
/// order, so those runs keep their per-glyph ToUnicode map (written for that reversal).
bool needs_actual_text(const std::string& text) {
  bool clusters = false;
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const auto cp = static_cast<UChar32>(text::next_code_point(text, i));
    const UCharDirection dir = u_charDirection(cp);
    if (dir == U_RIGHT_TO_LEFT || dir == U_RIGHT_TO_LEFT_ARABIC || dir == U_ARABIC_NUMBER) return false;
    const int8_t type = u_charType(cp);
    if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK || cp == 0x200C ||
        cp == 0x200D) {
      clusters = true;
    }
  }
  return clusters;
}

/// Decodes an image into images, or warns that it is left out.
void add_image(PdfImages& images, const std::string& key, const std::string& bytes, Diagnostics& diag,
               const WriterOptions& options) {
  std::string problem;
  std::optional<RasterImage> raster = decode_raster_image(bytes, problem, kMaxImageSide, options.max_image_pixels);
  if (!raster) {
    diag.warning(Code::image_left_out, 0, 0, "image '" + key + "' left out: " + problem);
    return;
  }
  // Pixels at 150 dpi, but never wider than the page allows (layout scales down further).
  images.sizes[key] = {raster->width * 72.0 / 150.0, raster->height * 72.0 / 150.0};
  images.rasters.emplace(key, std::move(*raster));
}

}  // namespace

PdfImages load_style_logo(const Style& style, Diagnostics& diag, const WriterOptions& options) {
  PdfImages out;
  if (!style.logo.empty()) {
    // The style's own file (the style is trusted), but still a regular file of bounded size.
    std::error_code ec;
    if (!std::filesystem::is_regular_file(style.logo, ec)) {
      diag.warning(Code::image_left_out, 0, 0, "logo '" + style.logo.string() + "' left out: not a regular file");
    } else if (std::filesystem::file_size(style.logo, ec) > options.max_image_bytes || ec) {
      diag.warning(Code::image_left_out, 0, 0, "logo '" + style.logo.string() + "' left out: larger than the image-bytes limit");
    } else {
      std::ifstream in(style.logo, std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      add_image(out, style.logo.string(), bytes.str(), diag, options);
    }
  }
  return out;
}

PdfImages load_pdf_images(const Document& doc, const Style& style, Diagnostics& diag, const WriterOptions& options) {
  PdfImages out = load_style_logo(style, diag, options);
  for (const auto& x : doc.xml().select_nodes("//imagedata[@fileref]")) {
    const std::string key = x.node().attribute("fileref").value();
    if (out.sizes.count(key) != 0) continue;
    ImageLookup found = find_source_image(doc.source_path, key, options.max_image_bytes);
    if (!found.image) {
      diag.warning(Code::image_left_out, 0, 0, "image '" + key + "' left out: " + found.problem);
      continue;
    }
    add_image(out, key, found.image->bytes, diag, options);
  }
  return out;
}

namespace {

/// A face's glyphs as drawn: codes for (glyph, text) pairs, the text each code stands for.
struct FaceCodes {
  std::unordered_map<std::uint64_t, std::uint16_t> code_of_char;  // (glyph << 32 | character) -> code
  std::map<std::pair<std::uint32_t, std::string>, std::uint16_t> code_of;
  std::map<std::uint16_t, std::uint32_t> glyph_of;
  std::map<std::uint16_t, std::string> text_of;
  std::uint16_t next_code = 1;  ///< codes are numbered from 1 in the order glyphs are first drawn
};

/// Every run shaped, and the codes of every face.
struct ShapedPages {
  std::vector<std::vector<std::vector<PdfDocument::PlacedCode>>> runs;  // [page][run]
  /// The marks of right-to-left clusters, drawn after their run with no text (see shape_pages).
  std::vector<std::vector<std::vector<PdfDocument::PlacedCode>>> marks;  // [page][run]
  /// Where each run's glyphs start, from the run's x. Right-to-left paragraphs align each run's
  /// glyphs to its right edge, where its text starts: the space a line keeps after its last word
  /// for text extraction (not in the run's width) is drawn at the run's left, and the lines of a
  /// paragraph end flush at the margin whatever the shaped widths' rounding.
  std::vector<std::vector<double>> start;  // [page][run], points
  std::map<int, FaceCodes> faces;
};

/// Returns the code for a glyph drawing text: the next free code the first time the pair is
/// drawn. Codes are small numbers, not the characters (the ToUnicode map gives every code its
/// text): libharu writes a CIDToGIDMap and a width loop up to the highest code of each font,
/// and a code in the Private Use Area (any ligature) made that 57,000 entries.
std::uint16_t code_for(FaceCodes& codes, std::uint32_t glyph, const std::string& text) {
  std::size_t i = 0;
  const char32_t first = text.empty() ? 0 : text::next_code_point(text, i);
  // Most glyphs stand for one character: a hash lookup, no string key.
  const bool single = !text.empty() && i == text.size();
  const std::uint64_t char_key = (static_cast<std::uint64_t>(glyph) << 32) | first;
  if (single) {
    if (auto it = codes.code_of_char.find(char_key); it != codes.code_of_char.end()) return it->second;
  }
  const auto key = std::make_pair(glyph, text);
  if (auto it = codes.code_of.find(key); it != codes.code_of.end()) return it->second;
  if (codes.next_code == 0xFFFF) throw PdfError("more shaped glyphs in one font than 2-byte codes can number");
  const std::uint16_t code = codes.next_code++;
  codes.code_of.emplace(key, code);
  if (single) codes.code_of_char.emplace(char_key, code);
  codes.glyph_of.emplace(code, glyph);
  // poppler reverses the text of one glyph standing for several right-to-left characters (the
  // lam-alef ligature comes out as alef-lam): give it the characters reversed, so pdftotext
  // reads them back in logical order.
  std::u32string cps;
  for (std::size_t k = 0; k < text.size();) cps.push_back(text::next_code_point(text, k));
  if (cps.size() > 1 && ((cps[0] >= 0x0590 && cps[0] < 0x0900) || (cps[0] >= 0xFB1D && cps[0] < 0xFF00))) {
    std::string reversed;
    for (auto it = cps.rbegin(); it != cps.rend(); ++it) text::append_utf8(reversed, *it);
    codes.text_of.emplace(code, reversed);
  } else {
    codes.text_of.emplace(code, text);
  }
  return code;
}

/// True when the character at byte i of text is a right-to-left letter (bidi class R or AL).
bool right_to_left_at(const std::string& text, std::size_t i) {
  if (i >= text.size()) return false;
  const UCharDirection dir = u_charDirection(static_cast<UChar32>(text::next_code_point(text, i)));
  return dir == U_RIGHT_TO_LEFT || dir == U_RIGHT_TO_LEFT_ARABIC;
}

/// The end (exclusive) of the cluster whose first glyph is glyphs[k].
std::size_t cluster_end(const std::vector<ShapedGlyph>& glyphs, std::size_t k) {
  std::size_t end = k + 1;
  while (end < glyphs.size() && glyphs[end].cluster == glyphs[k].cluster) ++end;
  return end;
}

/// The order in which glyphs take their text: the drawing order, each right-to-left cluster's
/// glyphs reversed.
std::vector<std::size_t> logical_glyph_order(const std::vector<ShapedGlyph>& glyphs, const std::string& text) {
  std::vector<std::size_t> order(glyphs.size());
  for (std::size_t k = 0; k < glyphs.size(); ++k) order[k] = k;
  for (std::size_t k = 0; k < glyphs.size();) {
    const std::size_t end = cluster_end(glyphs, k);
    if (end - k > 1 && right_to_left_at(text, glyphs[k].cluster)) {
      std::reverse(order.begin() + static_cast<std::ptrdiff_t>(k), order.begin() + static_cast<std::ptrdiff_t>(end));
    }
    k = end;
  }
  return order;
}

/// The text each glyph of a shaped run stands for. A cluster's characters are shared out over
/// its glyphs in logical order, the last glyph taking what is left: text extraction then sees
/// no glyph without text, which it would take for a gap between words. A right-to-left
/// cluster's glyphs come in visual order (marks before their base) and are taken last to first,
/// so the base stands for the cluster's first character and each mark for its own.
std::vector<std::string> glyph_texts(const std::vector<ShapedGlyph>& glyphs, const std::string& run_text) {
  // Most runs (Latin text without ligatures): one glyph per cluster, in text order, each
  // standing for its cluster's characters, what the sharing out below gives too.
  const bool one_per_cluster = std::adjacent_find(glyphs.begin(), glyphs.end(), [](const ShapedGlyph& a, const ShapedGlyph& b) {
                                 return b.cluster <= a.cluster;
                               }) == glyphs.end();
  if (one_per_cluster && (glyphs.empty() || glyphs.back().cluster < run_text.size())) {
    std::vector<std::string> texts(glyphs.size());
    for (std::size_t k = 0; k < glyphs.size(); ++k) {
      const std::size_t end = k + 1 < glyphs.size() ? glyphs[k + 1].cluster : run_text.size();
      texts[k].assign(run_text, glyphs[k].cluster, end - glyphs[k].cluster);
    }
    return texts;
  }
  std::vector<std::uint32_t> clusters;
  clusters.clear();
  for (const ShapedGlyph& g : glyphs) clusters.push_back(g.cluster);
  std::sort(clusters.begin(), clusters.end());
  clusters.erase(std::unique(clusters.begin(), clusters.end()), clusters.end());
  std::vector<int> glyph_count(clusters.size(), 0);
  std::vector<std::size_t> cluster_index(glyphs.size());
  for (std::size_t k = 0; k < glyphs.size(); ++k) {
    cluster_index[k] = static_cast<std::size_t>(std::lower_bound(clusters.begin(), clusters.end(), glyphs[k].cluster) - clusters.begin());
    ++glyph_count[cluster_index[k]];
  }
  const std::vector<std::size_t> order = logical_glyph_order(glyphs, run_text);
  std::vector<std::size_t> taken(clusters.size());  // bytes of the cluster given out so far
  for (std::size_t c = 0; c < clusters.size(); ++c) taken[c] = clusters[c];
  std::vector<std::string> texts(glyphs.size());
  for (const std::size_t k : order) {
    const std::size_t c = cluster_index[k];
    const std::size_t end = c + 1 < clusters.size() ? clusters[c + 1] : run_text.size();
    std::size_t upto = end;
    if (--glyph_count[c] > 0 && taken[c] < end) {
      upto = taken[c];
      text::next_code_point(run_text, upto);
    }
    texts[k] = run_text.substr(taken[c], upto - taken[c]);
    // More glyphs than characters (a Bengali two-part vowel): the extra glyph stands for a
    // zero width joiner, as PDF/UA wants every code to map to some text.
    if (texts[k].empty()) texts[k] = "\u200D";
    taken[c] = upto;
  }
  return texts;
}

/// A glyph of a line in visual order: the text it stands for and its bidi embedding level.
struct VisualGlyph {
  const std::string* text = nullptr;
  UBiDiLevel level = 1;
  bool* mark_after = nullptr;  ///< set when a right-to-left mark is wanted after it
};

/// Right-to-left paragraphs: marks the spaces that want a right-to-left mark (U+200F) after
/// them, as a writer would type it: a space the bidi algorithm leaves right to left (an odd
/// level) with left-to-right text on its right (a drug name, a number), before the next
/// right-to-left letter (punctuation may come between: "handout، وليست"). pdftotext orders a
/// line by a simple reversal that takes every character up to the next right-to-left letter
/// into one left-to-right run, so the space would move into that run and glue it to the word
/// after it ("mgكل"), and "3000 mg" after an Arabic word (two runs by the bidi algorithm) would
/// come out as "mg 3000"; the mark keeps the space on the right-to-left side. Only when that
/// text has a space of its own before the right-to-left letter on its right, which pdftotext
/// keeps there ("التحديث: ٢٤" has none: pdftotext counts the ':' into the run).
void mark_spaces_before_left_to_right(const std::vector<VisualGlyph>& line) {
  auto direction_at = [](const std::string& t) {
    std::size_t i = 0;
    return t.empty() ? U_OTHER_NEUTRAL : u_charDirection(static_cast<UChar32>(text::next_code_point(t, i)));
  };
  for (std::size_t k = 0; k + 1 < line.size(); ++k) {
    if (*line[k].text != " " || line[k].level % 2 == 0) continue;
    bool left_to_right = false;
    std::size_t end = k + 1;
    // (A right-to-left letter's marks come before it: they end the run too.)
    for (; end < line.size(); ++end) {
      const UCharDirection d = direction_at(*line[end].text);
      if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC || d == U_DIR_NON_SPACING_MARK) break;
      left_to_right = left_to_right || d == U_LEFT_TO_RIGHT || d == U_EUROPEAN_NUMBER || d == U_ARABIC_NUMBER;
    }
    if (left_to_right && (end == line.size() || *line[end - 1].text == " ")) *line[k].mark_after = true;
  }
}

/// One run shaped: its glyphs, the text each stands for, which glyphs are lifted marks
/// (lift_marks_to_base) and which spaces want a right-to-left mark after them.
struct ShapedRun {
  std::vector<ShapedGlyph> glyphs;
  std::vector<std::string> texts;
  std::vector<bool> lifted;
  std::unique_ptr<bool[]> mark_after;
  bool mark_before = false;  ///< a right-to-left mark in the gap before the run (see mark_line_spaces)
  double mark_back = 0;      ///< how far before the run's start it is drawn (em)
};

/// Marks the spaces of one line of a right-to-left paragraph (its runs, in logical order, share
/// a baseline) that want a right-to-left mark after them: levels from ICU's bidi algorithm over
/// the line's text, glyphs in visual order across the runs. A gap between two runs (a summary
/// sheet's number badge and its text) counts as a space at the paragraph's level; its mark is
/// drawn in the middle of the gap.
void mark_line_spaces(const std::vector<const TextRun*>& runs, std::vector<ShapedRun*>& shaped) {
  std::string line;
  std::vector<std::size_t> offset;
  for (const TextRun* r : runs) {
    offset.push_back(line.size());
    line += r->text;
  }
  std::u16string units;
  std::vector<int32_t> unit_at(line.size() + 1, 0);  // byte offset -> UTF-16 index
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t at = i;
    const char32_t cp = text::next_code_point(line, i);
    for (std::size_t b = at; b < i; ++b) unit_at[b] = static_cast<int32_t>(units.size());
    if (cp > 0xFFFF) {
      units += static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10));
      units += static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      units += static_cast<char16_t>(cp);
    }
  }
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UBiDi, void (*)(UBiDi*)> bidi(ubidi_open(), ubidi_close);
  ubidi_setPara(bidi.get(), reinterpret_cast<const UChar*>(units.data()), static_cast<int32_t>(units.size()), UBIDI_RTL,
                nullptr, &err);
  if (U_FAILURE(err)) return;
  std::vector<std::size_t> visual(runs.size());
  for (std::size_t r = 0; r < runs.size(); ++r) visual[r] = r;
  std::stable_sort(visual.begin(), visual.end(), [&](std::size_t a, std::size_t b) { return runs[a]->x < runs[b]->x; });
  static const std::string space = " ";
  std::vector<VisualGlyph> glyphs;
  const TextRun* left = nullptr;
  for (const std::size_t r : visual) {
    ShapedRun& run = *shaped[r];
    const double gap = left ? (runs[r]->x - left->x - left->width) / runs[r]->size : 0;
    if (gap > 0.25 && !run.glyphs.empty()) {
      run.mark_back = gap / 2;
      glyphs.push_back({&space, 1, &run.mark_before});
    }
    left = runs[r];
    for (std::size_t k = 0; k < run.glyphs.size(); ++k) {
      const std::size_t byte = std::min(offset[r] + run.glyphs[k].cluster, line.size() - 1);
      glyphs.push_back({&run.texts[k], ubidi_getLevelAt(bidi.get(), unit_at[byte]), &run.mark_after[k]});
    }
  }
  mark_spaces_before_left_to_right(glyphs);
}

/// Right-to-left clusters of one letter and its marks (a base glyph that advances, marks that do
/// not): gives the base glyph the whole cluster's text and returns which glyphs are such marks.
/// A raised mark drawn among the letters splits the word for text extraction (pdftotext starts a
/// word at a change of baseline or at a glyph within 0.1 em of the one before, its test for
/// doubled text), so the writer draws these marks after the run, without text of their own.
std::vector<bool> lift_marks_to_base(const std::vector<ShapedGlyph>& glyphs, const std::string& run_text,
                                     std::vector<std::string>& texts) {
  std::vector<bool> marks(glyphs.size(), false);
  for (std::size_t k = 0; k < glyphs.size();) {
    const std::size_t end = cluster_end(glyphs, k);
    std::size_t base = end, advancing = 0;
    for (std::size_t j = k; j < end; ++j) {
      if (glyphs[j].advance != 0) base = j, ++advancing;
    }
    if (end - k > 1 && advancing == 1 && right_to_left_at(run_text, glyphs[k].cluster)) {
      std::size_t to = run_text.size();  // the cluster ends where the next one in the text starts
      for (const ShapedGlyph& g : glyphs) {
        if (g.cluster > glyphs[k].cluster && g.cluster < to) to = g.cluster;
      }
      texts[base] = run_text.substr(glyphs[k].cluster, to - glyphs[k].cluster);
      for (std::size_t j = k; j < end; ++j) marks[j] = j != base;
    }
    k = end;
  }
  return marks;
}

/// Shapes every run of the pages (HarfBuzz, bidi within a run) and gives its glyphs codes.
/// Marks the spaces of a page's right-to-left lines that want a right-to-left mark after them
/// (mark_line_spaces). A line: runs in a row whose baselines are within a third of the type
/// size (a number badge centred in its box sits a little off its text's baseline).
void mark_page_spaces(const Drawing& page, std::vector<ShapedRun>& shaped) {
  for (std::size_t r = 0; r < page.runs.size();) {
    std::vector<const TextRun*> line;
    std::vector<ShapedRun*> line_shaped;
    for (std::size_t q = r; q < page.runs.size() && std::abs(page.runs[q].y - page.runs[r].y) < page.runs[r].size / 3; ++q) {
      line.push_back(&page.runs[q]);
      line_shaped.push_back(&shaped[q]);
    }
    mark_line_spaces(line, line_shaped);
    r += line.size();
  }
}

/// A shaped run's codes: its glyphs (a right-to-left mark before a space that wants one), the
/// lifted marks drawn after it; returns where its glyphs start from its x (ShapedPages::start).
double place_run(const TextRun& run, const FontFace& face, ShapedRun& shaped, FaceCodes& codes, bool rtl,
                 std::vector<PdfDocument::PlacedCode>& placed, std::vector<PdfDocument::PlacedCode>& marks) {
  const std::vector<ShapedGlyph>& glyphs = shaped.glyphs;
  std::vector<std::string>& texts = shaped.texts;
  const std::vector<bool>& lifted = shaped.lifted;
  const bool* mark_after = shaped.mark_after.get();
  const std::uint32_t mark_glyph = nominal_glyph(face, 0x200F);
  placed.reserve(glyphs.size() + 1);
  if (shaped.mark_before && mark_glyph != 0) {
    PdfDocument::PlacedCode m;
    m.code = code_for(codes, mark_glyph, "\u200F");
    m.before = -shaped.mark_back;
    m.after = shaped.mark_back - glyph_advance(face, mark_glyph);
    placed.push_back(m);
  }
  double pen = 0, marks_pen = 0;  // from the run's start: where the glyph is, where the marks' pen is
  for (std::size_t k = 0; k < glyphs.size(); ++k) {
    const ShapedGlyph& g = glyphs[k];
    const std::string& text = texts[k];
    if (lifted[k]) {
      // Drawn where it was, after the run: a zero advance here moves nothing.
      PdfDocument::PlacedCode m;
      m.code = code_for(codes, g.glyph, text);
      m.before = pen + g.x_offset - marks_pen;
      m.rise = g.y_offset;
      marks_pen = pen + g.x_offset + g.nominal;
      marks.push_back(m);
      pen += g.advance;
      continue;
    }
    pen += g.advance;
    if (mark_after[k]) {
      // The mark, drawn (zero width) just inside the space's end, before the space: its
      // own word for text extraction, on the right-to-left side of the Latin run. A face
      // without a glyph for it gives the space itself the mark's text.
      if (mark_glyph == 0) {
        texts[k] += "\u200F";
      } else {
        PdfDocument::PlacedCode m;
        m.code = code_for(codes, mark_glyph, "\u200F");
        m.before = g.advance - 0.02;
        m.after = -m.before - glyph_advance(face, mark_glyph);
        placed.push_back(m);
      }
    }
    PdfDocument::PlacedCode p;
    p.code = code_for(codes, g.glyph, text);
    p.before = g.x_offset;
    p.after = g.advance - g.nominal - g.x_offset;
    p.rise = g.y_offset;
    placed.push_back(p);
  }
  return rtl ? run.width - pen * run.size : 0.0;
}

ShapedPages shape_pages(const LaidOutDocument& laid, const FontSet& fonts, bool rtl) {
  ShapedPages out;
  for (const Drawing& page : laid.pages) {
    auto& page_runs = out.runs.emplace_back();
    auto& page_marks = out.marks.emplace_back();
    auto& page_start = out.start.emplace_back();
    std::vector<ShapedRun> shaped(page.runs.size());
    for (std::size_t r = 0; r < page.runs.size(); ++r) {
      const TextRun& run = page.runs[r];
      ShapedRun& s = shaped[r];
      s.glyphs = shape_text(fonts.face(run.face), run.text, rtl);
      s.texts = glyph_texts(s.glyphs, run.text);
      s.lifted = rtl ? lift_marks_to_base(s.glyphs, run.text, s.texts) : std::vector<bool>(s.glyphs.size());
      s.mark_after = std::make_unique<bool[]>(s.glyphs.size());
    }
    if (rtl) mark_page_spaces(page, shaped);
    for (std::size_t r = 0; r < page.runs.size(); ++r) {
      const TextRun& run = page.runs[r];
      page_start.push_back(place_run(run, fonts.face(run.face), shaped[r], out.faces[run.face], rtl,
                                     page_runs.emplace_back(), page_marks.emplace_back()));
    }
  }
  return out;
}

/// Draws run k of page p with its shaped glyphs. A run whose glyphs do not read back as its
/// text one by one (marks, Indic clusters) says its text in an ActualText span, so copy, search
/// and pdftotext give the words as written; right-to-left marks come after it with no text
/// (their letters' glyphs carry it: lift_marks_to_base).
void draw_run(PdfDocument& pdf, HPDF_Page page, const TextRun& run, HPDF_Font font, const ShapedPages& shaped,
              std::size_t p, std::size_t k) {
  const bool span = needs_actual_text(run.text);
  if (span) pdf.begin_span(page, run.text);
  const double x = run.x + shaped.start[p][k];
  pdf.glyphs(page, font, run.size, run.color, x, run.y, shaped.runs[p][k]);
  if (span) pdf.end_span(page);
  if (!shaped.marks[p][k].empty()) {
    pdf.begin_span(page, "");
    pdf.glyphs(page, font, run.size, run.color, x, run.y, shaped.marks[p][k]);
    pdf.end_span(page);
  }
}

/// A page's content: decoration first (under the text), then the content in reading order:
/// each image and tagged rectangle before the run the layout placed it before, each run with
/// its element.
void draw_page_content(PdfDocument& pdf, HPDF_Page page, const Drawing& d, StructureTreeWriter& tags,
                       const std::map<int, HPDF_Font>& handles, const ShapedPages& shaped, std::size_t p,
                       const std::function<HPDF_Image(const std::string&)>& image_of) {
  auto draw_rect = [&](const RectBox& r) {
    pdf.rect(page, r.x, r.y, r.width, r.height, r.fill ? &r.fill_color : nullptr, r.stroke ? &r.stroke_color : nullptr,
             r.line_width);
  };
  std::vector<const RectBox*> tagged_rects;
  for (const RectBox& r : d.rects) {
    if (r.element < 0) {
      tags.mark(r.element);
      draw_rect(r);
    } else {
      tagged_rects.push_back(&r);
    }
  }
  std::vector<const ImageBox*> images_in_order;
  for (const ImageBox& i : d.images) images_in_order.push_back(&i);
  std::stable_sort(tagged_rects.begin(), tagged_rects.end(), [](const RectBox* a, const RectBox* b) { return a->at_run < b->at_run; });
  std::stable_sort(images_in_order.begin(), images_in_order.end(), [](const ImageBox* a, const ImageBox* b) { return a->at_run < b->at_run; });
  std::size_t next_rect = 0, next_image = 0;
  for (std::size_t k = 0; k <= d.runs.size(); ++k) {
    for (; next_image < images_in_order.size() && images_in_order[next_image]->at_run <= k; ++next_image) {
      const ImageBox& i = *images_in_order[next_image];
      if (HPDF_Image img = image_of(i.key)) {
        tags.mark(i.element);
        pdf.draw_image(page, img, i.x, i.y, i.width, i.height);
      }
    }
    for (; next_rect < tagged_rects.size() && tagged_rects[next_rect]->at_run <= k; ++next_rect) {
      tags.mark(tagged_rects[next_rect]->element);
      draw_rect(*tagged_rects[next_rect]);
    }
    if (k == d.runs.size()) break;
    tags.mark(d.runs[k].element);
    draw_run(pdf, page, d.runs[k], handles.at(d.runs[k].face), shaped, p, k);
  }
}

/// A page's link annotations, each with its description (its element's /Alt, else the text
/// drawn for it, else its URI).
void add_links(PdfDocument& pdf, HPDF_Page page, const Drawing& d, const LaidOutDocument& laid, StructureTreeWriter& tags,
               const std::vector<HPDF_Page>& pages, const std::map<std::string, std::pair<std::size_t, double>>& anchors,
               std::map<int, std::string>& link_text) {
  for (const LinkArea& l : d.links) {
    if (l.element < 0 && l.element != tag::inherit) continue;  // no link inside an artifact
    HPDF_Annotation annot = nullptr;
    if (!l.uri.empty()) {
      annot = pdf.link_uri(page, l.x, l.y, l.width, l.height, l.uri);
    } else if (auto a = anchors.find(l.target); a != anchors.end()) {
      annot = pdf.link_internal(page, l.x, l.y, l.width, l.height, pages[a->second.first], a->second.second);
    }
    if (annot == nullptr) continue;
    std::string contents = l.element >= 0 ? laid.structure[l.element].alt : std::string();
    if (contents.empty() && l.element >= 0) contents = text::collapse_whitespace(link_text[l.element]);
    if (contents.empty()) contents = l.uri.empty() ? "Link" : l.uri;
    tags.link_annotation(annot, l.element, contents);
  }
}

/// Document info, XMP metadata, /Lang and page labels.
void set_document_metadata(PdfDocument& pdf, const Document& doc, const LaidOutDocument& laid, const WriterOptions& options) {
  const Metadata m = read_metadata(doc);
  PdfInfo info;
  info.title = m.title;
  // PDF/UA wants a title viewers show: the source's file name when the document has none.
  if (text::trim(info.title).empty()) info.title = doc.source_path.empty() ? "Untitled" : std::filesystem::path(doc.source_path).stem().string();
  for (const Person& a : m.authors) info.author += (info.author.empty() ? "" : ", ") + a.name;
  info.subject = text::collapse_whitespace(m.summary);
  for (const std::string& k : m.keywords) info.keywords += (info.keywords.empty() ? "" : ", ") + k;
  info.creator = std::string("handout ") + HANDOUT_VERSION;
  info.date_epoch = options.source_date_epoch;
  pdf.set_info(info);
  XmpFields xmp;
  xmp.title = info.title;
  xmp.language = doc.language().size() <= 64 ? doc.language() : std::string();  // as /Lang
  for (const Person& a : m.authors) xmp.creators.push_back(a.name);
  xmp.description = info.subject;
  xmp.keywords = info.keywords;
  xmp.tool = info.creator;
  xmp.date_epoch = options.source_date_epoch;
  pdf.set_xmp_metadata(xmp_packet(xmp));
  pdf.set_language(doc.language());
  pdf.set_page_labels(!laid.bookmarks.empty());
}

/// Draws the pages with each face subset to the glyphs drawn.
Output draw_pdf_with(const LaidOutDocument& laid, const Document& doc, const FontSet& fonts, const PdfImages& images,
                     const WriterOptions& options, const ShapedPages& shaped) {
  PdfDocument pdf;
  std::map<int, HPDF_Font> handles;
  for (const auto& [face, codes] : shaped.faces) {
    handles[face] = pdf.load_font(subset_font_glyphs(fonts.face(face).path(), codes.glyph_of), codes.text_of);
  }
  std::map<std::string, HPDF_Image> embedded;
  auto image_of = [&](const std::string& key) -> HPDF_Image {
    if (auto it = embedded.find(key); it != embedded.end()) return it->second;
    auto raster = images.rasters.find(key);
    if (raster == images.rasters.end()) return nullptr;
    return embedded[key] = pdf.image(raster->second);
  };
  std::vector<HPDF_Page> pages;
  std::map<std::string, std::pair<std::size_t, double>> anchors;  // id -> page, y
  for (std::size_t p = 0; p < laid.pages.size(); ++p) {
    pages.push_back(pdf.add_page(laid.geometry.width, laid.geometry.height));
    for (const Anchor& a : laid.pages[p].anchors) anchors.try_emplace(a.id, p, a.y);
  }
  std::map<int, std::string> link_text;  // the text drawn for each element with a link
  for (const Drawing& d : laid.pages) {
    for (const TextRun& run : d.runs) {
      if (run.element >= 0) link_text[run.element] += run.text;
    }
  }
  StructureTreeWriter tags(pdf, laid.structure);
  for (std::size_t p = 0; p < laid.pages.size(); ++p) {
    tags.begin_page(pages[p]);
    draw_page_content(pdf, pages[p], laid.pages[p], tags, handles, shaped, p, image_of);
    tags.close();
    add_links(pdf, pages[p], laid.pages[p], laid, tags, pages, anchors, link_text);
  }
  tags.finish();
  // Bookmarks nest by level.
  std::vector<std::pair<int, HPDF_Outline>> open;
  for (const Bookmark& b : laid.bookmarks) {
    while (!open.empty() && open.back().first >= b.level) open.pop_back();
    HPDF_Outline parent = open.empty() ? nullptr : open.back().second;
    open.emplace_back(b.level, pdf.bookmark(parent, b.title, pages[static_cast<std::size_t>(b.page)], b.y));
  }
  set_document_metadata(pdf, doc, laid, options);
  Output out;
  out.bytes = pdf.save();
  out.pages = static_cast<int>(laid.pages.size());
  return out;
}

/// Adds to a face's codes one glyph it lacks (a digit or a letter), if any.
void add_spare_glyph(const FontFace& face, FaceCodes& codes) {
  for (char32_t c : std::u32string_view(U"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
    std::string text;
    text::append_utf8(text, c);
    if (face.has_glyph(c) && codes.code_of.count({nominal_glyph(face, c), text}) == 0) {
      code_for(codes, nominal_glyph(face, c), text);
      return;
    }
  }
}

}  // namespace

Output draw_pdf(const LaidOutDocument& laid, const Document& doc, const FontSet& fonts, const PdfImages& images,
                const WriterOptions& options) {
  // Fonts: one subset per face actually drawn, holding exactly the glyphs drawn with it.
  ShapedPages shaped = shape_pages(laid, fonts, right_to_left_language(doc.language()));
  for (int attempt = 0;; ++attempt) {
    try {
      return draw_pdf_with(laid, doc, fonts, images, options, shaped);
    } catch (const PdfError& e) {
      // libharu 2.3.0 cannot save a font whose rebuilt data ends exactly on its 4 KiB memory
      // stream boundary (it seeks to the end, error 0x1033). One glyph more changes the size.
      if (e.code() != HPDF_INVALID_OBJECT || attempt == 3) throw;
      for (auto& [face, codes] : shaped.faces) add_spare_glyph(fonts.face(face), codes);
    }
  }
}

Output write_pdf(const Document& doc, const WriterOptions& options, Diagnostics& diag) {
  const Style style = load_style(options.style, diag);
  const FontSet fonts(style, diag);
  const PdfImages images = load_pdf_images(doc, style, diag, options);
  const LaidOutDocument laid = layout_handout(doc, style, fonts, images.sizes, diag);
  return draw_pdf(laid, doc, fonts, images, options);
}

}  // namespace handout
