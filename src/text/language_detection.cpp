#include "text/language_detection.hpp"

#include "text/text.hpp"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

// CLD2's public header uses FILE without including <cstdio>.
#include <cstdio>
#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <map>

namespace handout {

namespace {

constexpr int kMinLetters = 20;

/// Languages a script names by itself (no other language of the catalog writes it).
std::string language_of_script(UScriptCode s) {
  switch (s) {
    case USCRIPT_HANGUL: return "ko";
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA: return "ja";
    case USCRIPT_THAI: return "th";
    case USCRIPT_GREEK: return "el";
    case USCRIPT_HEBREW: return "he";
    case USCRIPT_ARMENIAN: return "hy";
    case USCRIPT_GEORGIAN: return "ka";
    case USCRIPT_KHMER: return "km";
    case USCRIPT_LAO: return "lo";
    case USCRIPT_ETHIOPIC: return "am";
    case USCRIPT_BENGALI: return "bn";
    case USCRIPT_GUJARATI: return "gu";
    case USCRIPT_GURMUKHI: return "pa";
    case USCRIPT_TAMIL: return "ta";
    case USCRIPT_TELUGU: return "te";
    case USCRIPT_KANNADA: return "kn";
    case USCRIPT_MALAYALAM: return "ml";
    case USCRIPT_MYANMAR: return "my";
    default: return {};
  }
}

/// CLD2's code as a BCP 47 tag: Chinese with its script.
std::string bcp47(std::string code) {
  if (code == "zh") return "zh-Hans";
  if (code == "zh-Hant") return "zh-Hant";
  return code;
}

}  // namespace

std::string DetectedLanguage::how() const {
  if (by_script) return "its " + script + " script";
  return "CLD2, " + std::to_string(percent) + " % of the text";
}

DetectedLanguage detect_language(std::string_view text) {
  DetectedLanguage out;
  // 1. The main script: the one most letters are written in (Common and Inherited not counted;
  //    kana counts for Japanese before Han, which Japanese also writes).
  std::map<UScriptCode, int> letters;
  int total = 0;
  int ascii_letters = 0;  // Latin, counted apart: most text is ASCII
  for (std::int32_t i = 0, n = static_cast<std::int32_t>(std::min<std::size_t>(text.size(), 1 << 20)); i < n;) {
    UChar32 c = 0;
    U8_NEXT(text.data(), i, n, c);
    if (c < 0) continue;
    if (c < 0x80) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++ascii_letters;
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode s = uscript_getScript(c, &status);
    if (U_FAILURE(status) || s == USCRIPT_COMMON || s == USCRIPT_INHERITED || s == USCRIPT_UNKNOWN) continue;
    ++letters[s];
    ++total;
  }
  if (ascii_letters > 0) {
    letters[USCRIPT_LATIN] += ascii_letters;
    total += ascii_letters;
  }
  if (total < kMinLetters) return out;
  UScriptCode main = USCRIPT_COMMON;
  int most = 0;
  for (const auto& entry : letters)
    if (entry.second > most) most = entry.second, main = entry.first;
  if (main == USCRIPT_HAN && (letters[USCRIPT_HIRAGANA] + letters[USCRIPT_KATAKANA]) * 10 >= total) main = USCRIPT_HIRAGANA;
  out.script = uscript_getShortName(main);

  // 2. CLD2 within the script.
  bool reliable = false;
  CLD2::Language top[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
  int percent[3] = {0, 0, 0};
  double scores[3] = {0, 0, 0};
  int bytes = 0;
  const int length = static_cast<int>(std::min<std::size_t>(text.size(), 1 << 20));
  const CLD2::Language lang = CLD2::ExtDetectLanguageSummary(text.data(), length, true, nullptr, 0, top, percent,
                                                             scores, nullptr, &bytes, &reliable);
  const std::string code = lang == CLD2::UNKNOWN_LANGUAGE ? std::string() : CLD2::LanguageCode(lang);
  const std::string by_script = language_of_script(main);
  if (reliable && !code.empty() && code != "un") {
    const std::string tag = bcp47(code);
    // CLD2's answer is kept when it agrees with the script (Korean text is not "en" because of
    // a few English drug names).
    if (by_script.empty() || by_script == tag.substr(0, by_script.size())) {
      out.tag = tag;
      out.percent = percent[0];
      return out;
    }
  }
  if (!by_script.empty()) {
    out.tag = by_script;
    out.by_script = true;
  }
  return out;
}

}  // namespace handout
