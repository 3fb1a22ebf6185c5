#include "text/callout_labels.hpp"

#include "text/language_tag.hpp"
#include "text/text.hpp"

#include <vector>

namespace handout {

namespace {

/// One label of one language, lowercase.
struct LabelEntry {
  std::string_view language;  ///< BCP 47 primary subtag
  std::string_view label;
  Admonition kind;
  bool titled;  ///< the label says more than its kind: it becomes the call-out's title
};

const std::vector<LabelEntry>& label_table() {
  static const std::vector<LabelEntry> table = {
      {"en", "note", Admonition::note, false},
      {"en", "please note", Admonition::note, false},
      {"en", "tip", Admonition::tip, false},
      {"en", "top tip", Admonition::tip, false},
      {"en", "helpful tip", Admonition::tip, false},
      {"en", "important", Admonition::important, false},
      {"en", "important information", Admonition::important, true},
      {"en", "important safety information", Admonition::important, true},
      {"en", "warning", Admonition::warning, false},
      {"en", "safety warning", Admonition::warning, true},
      {"en", "caution", Admonition::caution, false},
  };
  return table;
}

std::string primary_subtag(std::string_view tag) {
  std::string t = language_tag::primary(tag);
  return t.empty() ? std::string("en") : t;
}

}  // namespace

std::optional<CalloutLabel> callout_label(std::string_view label, std::string_view language) {
  label = text::trim(label);
  if (!label.empty() && label.back() == ':') label = text::trim(label.substr(0, label.size() - 1));
  if (label.empty() || label.size() > 40) return std::nullopt;
  const std::string folded = text::collapse_whitespace(text::fold_case(label));
  const std::string lang = primary_subtag(language);
  for (const LabelEntry& e : label_table()) {
    if (e.language != lang || folded != e.label) continue;
    return CalloutLabel{e.kind, e.titled ? std::string(label) : std::string(), 0};
  }
  return std::nullopt;
}

std::optional<CalloutLabel> leading_callout_label(std::string_view paragraph, std::string_view language) {
  const std::size_t colon = paragraph.find(':');
  if (colon == std::string_view::npos || colon > 40) return std::nullopt;
  if (colon + 1 < paragraph.size() && paragraph[colon + 1] != ' ' && paragraph[colon + 1] != '\t' &&
      paragraph[colon + 1] != '\n') {
    return std::nullopt;
  }
  auto label = callout_label(paragraph.substr(0, colon), language);
  if (label) label->length = colon + 1;
  return label;
}

}  // namespace handout
