// The words of the safety block in the languages other than English that styles/messages.yaml
// covers: section titles that announce when to get help ("Cuándo pedir ayuda"), phrases that
// tell the reader to call or go for care ("llame al 911", "allez aux urgences"), and the words
// that make such a phrase conditional or urgent ("si", "de inmediato"). English cue words stay
// with the rules that use them (safety_content.cpp); these tables extend them, one per language.
#pragma once

#include <string_view>
#include <vector>

namespace handout {

/// The safety words of one language, lowercase (case folded), matched inside folded text.
struct SafetyPhrases {
  std::vector<std::string_view> titles;      ///< in a section title: "cuándo pedir ayuda", "signes d'alerte"
  std::vector<std::string_view> get_help;    ///< "llame al 911", "consultez un médecin", "立即就医"
  std::vector<std::string_view> conditions;  ///< " si ", "de inmediato", "如果"; padded with spaces where words are
};

/// Returns the safety words of a BCP 47 tag's language, or nullptr for English and for a
/// language without a table.
const SafetyPhrases* safety_phrases(std::string_view language);

}  // namespace handout
