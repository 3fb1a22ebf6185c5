// Labels that open a call-out paragraph ("Warning: …", "Important safety information: …") and
// the DocBook call-out each one names. The labels are data, one entry per language (English so
// far); readers of text and Markdown use them.
#pragma once

#include "model/builder.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace handout {

/// A call-out label and what it makes.
struct CalloutLabel {
  Admonition kind = Admonition::note;
  std::string title;       ///< the label as written when it says more than its kind ("Important safety information")
  std::size_t length = 0;  ///< bytes of the label and its colon at the start of a paragraph ("Warning:")
};

/// Returns the call-out a label names ("Warning", "WARNING:", "Important safety information";
/// case, surrounding spaces and a final ':' ignored), or nullopt. language is a BCP 47 tag.
std::optional<CalloutLabel> callout_label(std::string_view label, std::string_view language = "en");

/// Returns the label opening a paragraph: a known label followed by ':' and then a space or
/// the end ("Note: take it with food", "Important:"), or nullopt.
std::optional<CalloutLabel> leading_callout_label(std::string_view paragraph, std::string_view language = "en");

}  // namespace handout
