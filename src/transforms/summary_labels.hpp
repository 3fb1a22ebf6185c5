// Every phrase the summary sheet adds itself — its section labels, the general questions a
// patient can always ask, the date captions — in one table, so that translating the sheet is
// adding a table. Only English exists yet; other languages get it too.
#pragma once

#include <array>
#include <string_view>

namespace handout {

/// The words a summary sheet prints that do not come from the source.
struct SummaryLabels {
  std::string_view language;         ///< the primary language subtag these are in ("en")
  std::string_view sheet;            ///< the small label above the title
  std::string_view key_points;       ///< heading of the key points
  std::string_view questions;        ///< heading of the questions to ask
  std::string_view words_to_know;    ///< heading of the glossary
  std::string_view safety;           ///< heading of the safety block
  std::string_view get_help_now;     ///< lead-in of urgent danger signs given without one
  std::string_view call_care_team;   ///< lead-in of other danger signs given without one
  std::string_view read_more;        ///< caption of the source link
  std::string_view updated;          ///< "Updated <date>": the source's last update
  std::string_view published;        ///< "Published <date>": the source's publication
  /// Questions any patient can ask, printed when the source has none (after the "Ask Me 3"
  /// questions of the US National Patient Safety Foundation).
  std::array<std::string_view, 3> general_questions;
};

/// Returns the labels for a BCP 47 language tag (English for every language so far).
const SummaryLabels& summary_labels(std::string_view language);

}  // namespace handout
