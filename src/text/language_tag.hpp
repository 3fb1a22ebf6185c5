// The parts of a BCP 47 language tag that pick language data: the language and the region.
// Tables of words per language (dates, bylines, call-out labels, quote marks) are keyed by the
// primary subtag; the order of numeric dates also depends on the region.
#pragma once

#include <string>
#include <string_view>

namespace handout::language_tag {

/// Returns the primary language subtag, lowercased: "en" for "en-US", "EN_gb" or "en"; empty
/// for an empty tag.
std::string primary(std::string_view tag);

/// Returns the region subtag (two letters or three digits after the language and an optional
/// four-letter script), lowercased: "us" for "en-US" and "en-Latn-US"; empty when there is none.
std::string region(std::string_view tag);

}  // namespace handout::language_tag
