// Language detection for sources that do not declare their language: the writing system first
// (ICU's Unicode script property), then Google's Compact Language Detector 2 (CLD2, Debian's
// libcld2: character n-gram scoring, quadgrams for most scripts, trained on web text), which
// tells languages apart within a script (Spanish from Portuguese, Persian from Arabic,
// Traditional from Simplified Chinese).
#pragma once

#include <string>
#include <string_view>

namespace handout {

/// What detection found.
struct DetectedLanguage {
  std::string tag;       ///< BCP 47: "vi", "zh-Hans", "zh-Hant"; empty when undetermined
  std::string script;    ///< ISO 15924 of the text's main script: "Latn", "Hani", "Arab"
  int percent = 0;       ///< share of the text CLD2 gave the language (0 when the script decided)
  bool by_script = false;  ///< the script alone decided (Hangul: Korean)
  std::string how() const;  ///< "CLD2, 97 % of the text" or "the Hangul script"
};

/// Detects the language of text (UTF-8, markup allowed). Needs about 20 letters; returns an
/// empty tag when the text is too short or CLD2 is not sure and the script does not decide.
DetectedLanguage detect_language(std::string_view text);

}  // namespace handout
