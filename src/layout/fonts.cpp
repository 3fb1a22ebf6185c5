#include "layout/fonts.hpp"

#include "text/text.hpp"

#include <fontconfig/fontconfig.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <hb-ot.h>
#include <hb.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <tuple>

namespace handout {

namespace fs = std::filesystem;

namespace {

std::mutex g_fonts_mutex;  // guards fontconfig calls and both caches

std::map<fs::path, std::shared_ptr<const FontFace>>& face_cache() {
  static std::map<fs::path, std::shared_ptr<const FontFace>> cache;
  return cache;
}

std::string folded_family(const std::string& s) { return text::fold_case(text::collapse_whitespace(s)); }

}  // namespace

std::shared_ptr<const FontFace> FontFace::load(const fs::path& path) {
  {
    std::lock_guard lock(g_fonts_mutex);
    if (auto it = face_cache().find(path); it != face_cache().end()) return it->second;
  }
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
  if (blob == nullptr) throw std::runtime_error("cannot read font file " + path.string());
  hb_face_t* hb_face = hb_face_create(blob, 0);
  hb_blob_destroy(blob);
  hb_font_t* font = hb_font_create(hb_face);
  const unsigned upem = hb_face_get_upem(hb_face);
  auto face = std::make_shared<FontFace>();
  face->path_ = path;
  // Advances of every BMP code point the font maps.
  face->advances_.assign(kBmp, -1.0f);
  hb_set_t* mapped = hb_set_create();
  hb_face_collect_unicodes(hb_face, mapped);
  for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(mapped, &cp);) {
    if (cp >= kBmp) break;
    hb_codepoint_t glyph = 0;
    if (hb_font_get_nominal_glyph(font, cp, &glyph) && glyph != 0) {
      face->advances_[cp] = static_cast<float>(hb_font_get_glyph_h_advance(font, glyph)) / static_cast<float>(upem);
    }
  }
  hb_set_destroy(mapped);
  // Control characters and surrogates are never drawn.
  for (char32_t c = 0; c < 0x20; ++c) face->advances_[c] = -1;
  for (char32_t c = 0xD800; c < 0xE000; ++c) face->advances_[c] = -1;
  hb_font_extents_t extents{};
  if (hb_font_get_h_extents(font, &extents) && upem > 0) {
    face->ascender_ = static_cast<double>(extents.ascender) / upem;
    face->descender_ = static_cast<double>(extents.descender) / upem;
  }
  unsigned len = 256;
  char name[256] = {};
  hb_ot_name_get_utf8(hb_face, HB_OT_NAME_ID_FONT_FAMILY, HB_LANGUAGE_INVALID, &len, name);
  face->family_ = name;
  hb_font_destroy(font);
  hb_face_destroy(hb_face);
  std::lock_guard lock(g_fonts_mutex);
  return face_cache().emplace(path, face).first->second;
}

fs::path find_font_file(const std::string& family, bool bold, bool italic) {
  static std::map<std::tuple<std::string, bool, bool>, fs::path> cache;
  std::lock_guard lock(g_fonts_mutex);
  const auto key = std::make_tuple(family, bold, italic);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  static bool initialized = FcInit() == FcTrue;
  fs::path result;
  if (initialized) {
    FcPattern* pattern = FcPatternCreate();
    FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern, FC_SLANT, italic ? FC_SLANT_OBLIQUE : FC_SLANT_ROMAN);
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult res = FcResultNoMatch;
    if (FcPattern* match = FcFontMatch(nullptr, pattern, &res)) {
      FcChar8* file = nullptr;
      FcChar8* format = nullptr;
      FcChar8* matched_family = nullptr;
      int slant = FC_SLANT_ROMAN;
      int weight = FC_WEIGHT_REGULAR;
      FcPatternGetInteger(match, FC_SLANT, 0, &slant);
      FcPatternGetInteger(match, FC_WEIGHT, 0, &weight);
      const bool same_family = FcPatternGetString(match, FC_FAMILY, 0, &matched_family) == FcResultMatch &&
                               folded_family(reinterpret_cast<const char*>(matched_family)) == folded_family(family);
      const bool truetype = FcPatternGetString(match, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
                            std::string(reinterpret_cast<const char*>(format)) == "TrueType";
      // A family without an italic or bold face matches its regular face: not what was asked.
      const bool same_variant = (slant != FC_SLANT_ROMAN) == italic && (weight >= FC_WEIGHT_DEMIBOLD) == bold;
      if (same_family && truetype && same_variant && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
        result = reinterpret_cast<const char*>(file);
      }
      FcPatternDestroy(match);
    }
    FcPatternDestroy(pattern);
  }
  cache.emplace(key, result);
  return result;
}

namespace {

/// A TrueType face fontconfig offers for a script, with the characters it maps.
struct ScriptCandidate {
  fs::path file;
  FcCharSet* charset = nullptr;  // owned by the cache below for the life of the process
};

/// Returns the characters of a script in the BMP (the ones libharu can draw); null for none.
FcCharSet* script_characters(UScriptCode script) {
  UErrorCode err = U_ZERO_ERROR;
  USet* set = uset_openEmpty();
  uset_applyIntPropertyValue(set, UCHAR_SCRIPT, script, &err);
  FcCharSet* out = nullptr;
  if (U_SUCCESS(err)) {
    out = FcCharSetCreate();
    for (int32_t r = 0; r < uset_getItemCount(set); ++r) {
      UChar32 start = 0, end = 0;
      err = U_ZERO_ERROR;
      if (uset_getItem(set, r, &start, &end, nullptr, 0, &err) != 0 || U_FAILURE(err)) continue;
      for (UChar32 c = start; c <= end && c < 0x10000; ++c) FcCharSetAddChar(out, static_cast<FcChar32>(c));
    }
  }
  uset_close(set);
  return out;
}

/// Returns the TrueType faces fontconfig sorts first for a pattern asking for sample (a few
/// characters of a script), a weight and a slant: at most 12, the ones that cover more of the
/// script first, else in fontconfig's order (one face for a whole script, not a mixture of
/// faces, when one has it all). Callers hold g_fonts_mutex.
std::vector<ScriptCandidate> sorted_candidates(const std::u32string& sample, FcCharSet* script, bool bold, bool italic) {
  std::vector<ScriptCandidate> out;
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>("sans-serif"));
  FcCharSet* wanted = FcCharSetCreate();
  for (const char32_t c : sample) FcCharSetAddChar(wanted, c);
  FcPatternAddCharSet(pattern, FC_CHARSET, wanted);
  FcCharSetDestroy(wanted);
  FcPatternAddInteger(pattern, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pattern, FC_SLANT, italic ? FC_SLANT_OBLIQUE : FC_SLANT_ROMAN);
  FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult res = FcResultNoMatch;
  if (FcFontSet* set = FcFontSort(nullptr, pattern, FcFalse, nullptr, &res)) {
    for (int i = 0; i < set->nfont && out.size() < 12; ++i) {
      FcPattern* font = set->fonts[i];
      FcChar8* file = nullptr;
      FcChar8* format = nullptr;
      FcCharSet* charset = nullptr;
      int index = 0;
      FcPatternGetInteger(font, FC_INDEX, 0, &index);
      // Only TrueType outlines load in libharu; collections past their first face do not.
      if (FcPatternGetString(font, FC_FONTFORMAT, 0, &format) != FcResultMatch ||
          std::string(reinterpret_cast<const char*>(format)) != "TrueType" || index != 0 ||
          FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch ||
          FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch) {
        continue;
      }
      // Only faces that have some of the sample: past them fontconfig sorts by style alone.
      bool covers = false;
      for (const char32_t c : sample) covers = covers || FcCharSetHasChar(charset, c);
      if (!covers) continue;
      out.push_back({fs::path(reinterpret_cast<const char*>(file)), FcCharSetCopy(charset)});
    }
    FcFontSetDestroy(set);
  }
  FcPatternDestroy(pattern);
  if (script != nullptr) {
    std::vector<FcChar32> coverage;
    for (const ScriptCandidate& c : out) coverage.push_back(FcCharSetIntersectCount(c.charset, script));
    std::vector<std::size_t> order(out.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return coverage[a] > coverage[b]; });
    std::vector<ScriptCandidate> sorted;
    for (const std::size_t i : order) sorted.push_back(out[i]);
    out = std::move(sorted);
  }
  return out;
}

}  // namespace

fs::path find_font_file_for(char32_t cp, bool bold, bool italic) {
  // Candidates per script (so every character of a script gets its faces in the same order,
  // whatever character came first), or per character for the characters of no one script.
  static std::map<std::tuple<std::int64_t, bool, bool>, std::vector<ScriptCandidate>> cache;
  UErrorCode err = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &err);
  std::u32string sample;
  std::int64_t key = -static_cast<std::int64_t>(cp) - 1;
  const bool of_a_script = U_SUCCESS(err) && script != USCRIPT_COMMON && script != USCRIPT_INHERITED && script != USCRIPT_UNKNOWN;
  if (of_a_script) {
    UChar buffer[8] = {};
    err = U_ZERO_ERROR;
    const int32_t n = uscript_getSampleString(script, buffer, 8, &err);
    for (int32_t i = 0; U_SUCCESS(err) && i < n && i < 8; ++i) {
      if (!U16_IS_SURROGATE(buffer[i])) sample.push_back(buffer[i]);
    }
    if (!sample.empty()) key = script;
  }
  if (sample.empty()) sample.push_back(cp);
  std::lock_guard lock(g_fonts_mutex);
  static bool initialized = FcInit() == FcTrue;
  if (!initialized) return {};
  const auto k = std::make_tuple(key, bold, italic);
  auto it = cache.find(k);
  if (it == cache.end()) {
    FcCharSet* characters = key >= 0 ? script_characters(script) : nullptr;
    it = cache.emplace(k, sorted_candidates(sample, characters, bold, italic)).first;
    if (characters != nullptr) FcCharSetDestroy(characters);
  }
  for (const ScriptCandidate& c : it->second) {
    if (FcCharSetHasChar(c.charset, cp)) return c.file;
  }
  return {};
}

int FontSet::add(const std::shared_ptr<const FontFace>& face) const {
  for (std::size_t i = 0; i < faces_.size(); ++i)
    if (faces_[i] == face) return static_cast<int>(i);
  faces_.push_back(face);
  return static_cast<int>(faces_.size()) - 1;
}

FontSet::FontSet(const Style& style, Diagnostics& diag) {
  // Fallback faces first (a missing family falls back to them), in every variant that exists.
  for (int b = 0; b < 2; ++b) {
    for (int i = 0; i < 2; ++i) {
      for (const std::string& family : style.fallback_fonts) {
        fs::path file = find_font_file(family, b != 0, i != 0);
        if (!file.empty()) fallbacks_[b][i].push_back(add(FontFace::load(file)));
      }
      // Plain variants back up the bold and italic ones.
      for (const std::string& family : style.fallback_fonts) {
        fs::path file = find_font_file(family, false, false);
        if (!file.empty()) fallbacks_[b][i].push_back(add(FontFace::load(file)));
      }
    }
  }
  if (fallbacks_[0][0].empty()) {
    throw std::runtime_error("none of the fallback fonts (" + (style.fallback_fonts.empty() ? std::string("none") : style.fallback_fonts.front()) +
                             "...) is installed as a TrueType font");
  }
  const std::string* families[3] = {&style.body_font, &style.heading_font, &style.mono_font};
  for (int f = 0; f < 3; ++f) {
    bool warned = false;
    for (int b = 0; b < 2; ++b) {
      for (int i = 0; i < 2; ++i) {
        fs::path file = find_font_file(*families[f], b != 0, i != 0);
        if (file.empty() && (b || i)) file = find_font_file(*families[f], false, false);  // synthesized later: none
        if (file.empty()) {
          if (!warned) {
            diag.warning(Code::font_fallback, 0, 0, "font '" + *families[f] + "' is not installed as a TrueType font; using '" +
                                   face(fallbacks_[b][i].front()).family() + "'");
          }
          warned = true;
          variants_[f][b][i] = fallbacks_[b][i].front();
        } else {
          variants_[f][b][i] = add(FontFace::load(file));
        }
      }
    }
  }
  style_faces_ = size();
}

int FontSet::primary(FontStyle style) const { return variants_[style.family][style.bold][style.italic]; }

int FontSet::face_for(FontStyle style, char32_t cp, int near) const {
  // Punctuation, digits and marks shared by scripts stay in the face of the text around them
  // when it was a script's face (an ideographic comma in the Chinese face).
  if (near >= style_faces_ && near < size() && face(near).has_glyph(cp)) {
    UErrorCode err = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &err);
    if (U_SUCCESS(err) && (script == USCRIPT_COMMON || script == USCRIPT_INHERITED)) return near;
  }
  const int own = primary(style);
  if (face(own).has_glyph(cp)) return own;
  for (const int index : fallbacks_[style.bold][style.italic]) {
    if (face(index).has_glyph(cp)) return index;
  }
  return script_face_for(style.bold, style.italic, cp);
}

int FontSet::script_face_for(bool bold, bool italic, char32_t cp) const {
  // Nothing past the BMP, no control characters: libharu cannot draw them.
  if (cp >= 0x10000 || cp < 0x20 || (cp >= 0xD800 && cp < 0xE000)) return -1;
  auto& known = script_faces_[bold][italic];
  if (auto it = known.find(cp); it != known.end()) return it->second;
  int index = -1;
  const fs::path file = find_font_file_for(cp, bold, italic);
  if (!file.empty()) {
    try {
      const std::shared_ptr<const FontFace> found = FontFace::load(file);
      if (found->has_glyph(cp)) index = add(found);
    } catch (const std::runtime_error&) {
      index = -1;  // a font file fontconfig lists but HarfBuzz cannot read: as if absent
    }
  }
  known.emplace(cp, index);
  return index;
}

}  // namespace handout
