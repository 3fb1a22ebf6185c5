// Every phrase the summary sheet adds itself — its section labels, the general questions a
// patient can always ask — in one place, in the document's language through the message
// catalog (styles/messages.yaml; English where the catalog lacks the language).
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace handout {

/// The words a summary sheet prints that do not come from the source.
struct SummaryLabels {
  std::string key_points;       ///< heading of the key points
  std::string questions;        ///< heading of the questions to ask
  std::string safety;           ///< heading of the safety block
  std::string get_help_now;     ///< lead-in of urgent danger signs given without one
  std::string call_care_team;   ///< lead-in of other danger signs given without one
  /// Questions any patient can ask, printed when the source has none (after the "Ask Me 3"
  /// questions of the US National Patient Safety Foundation).
  std::array<std::string, 3> general_questions;
};

/// Returns the labels in the language of a BCP 47 tag.
SummaryLabels summary_labels(std::string_view language);

}  // namespace handout
