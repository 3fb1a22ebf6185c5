#include "layout/fonts.hpp"

#include "text/text.hpp"

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb.h>

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

int FontSet::add(const std::shared_ptr<const FontFace>& face) {
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
            diag.warning(0, 0, "font '" + *families[f] + "' is not installed as a TrueType font; using '" +
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
}

int FontSet::primary(FontStyle style) const { return variants_[style.family][style.bold][style.italic]; }

int FontSet::face_for(FontStyle style, char32_t cp) const {
  const int own = primary(style);
  if (face(own).has_glyph(cp)) return own;
  for (const int index : fallbacks_[style.bold][style.italic]) {
    if (face(index).has_glyph(cp)) return index;
  }
  return -1;
}

}  // namespace handout
