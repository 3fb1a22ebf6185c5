// The safety block of a summary sheet: danger signs and warnings — when to call the care team
// or get help now — gathered from the tree: sections titled like "When to call" or "Warning
// signs", a lead-in such as "Call your doctor if you have:" with the list after it,
// warning/caution/important call-outs, and single sentences that say to call or get help if
// something happens. English cue words, and those of the document's language (safety_phrases).
#pragma once

#include "model/document.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// At most this many safety lines (lead-ins and items) are taken from a source.
inline constexpr std::size_t kMaxSafetyItems = 14;

/// Returns the safety block's lines in document order: a line ending in ":" is a lead-in for
/// the items after it; other lines are items or whole sentences. Empty when the source has none.
std::vector<std::string> find_safety_items(const Document& doc);

/// Returns true when a section title announces danger signs or when to get help ("When to call
/// your doctor", "Warning signs", "Get emergency help"), in English or in language.
bool is_safety_title(std::string_view title, std::string_view language = "en");

/// Returns true when text tells the reader to call or get help (a care team, 911, an emergency
/// department) — with or without a condition.
bool says_to_get_help(std::string_view text, std::string_view language = "en");

/// Returns true when a sentence says to call or get help if or when something happens, or at
/// once ("Call 911 if ...", "Get emergency help for ...").
bool is_safety_sentence(std::string_view sentence, std::string_view language = "en");

/// Returns true when a lead-in (ending in ":") introduces danger signs: it says to get help, or
/// names warning or danger signs ("In babies, warning signs include:").
bool is_safety_lead_in(std::string_view text, std::string_view language = "en");

}  // namespace handout
