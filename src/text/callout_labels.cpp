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
      // The other languages of styles/messages.yaml: its call-out words and common variants.
      {"es", "nota", Admonition::note, false},
      {"es", "consejo", Admonition::tip, false},
      {"es", "importante", Admonition::important, false},
      {"es", "atención", Admonition::important, false},
      {"es", "advertencia", Admonition::warning, false},
      {"es", "precaución", Admonition::caution, false},
      {"es", "cuidado", Admonition::caution, false},
      {"pt", "nota", Admonition::note, false},
      {"pt", "observação", Admonition::note, false},
      {"pt", "dica", Admonition::tip, false},
      {"pt", "importante", Admonition::important, false},
      {"pt", "atenção", Admonition::important, false},
      {"pt", "aviso", Admonition::warning, false},
      {"pt", "cuidado", Admonition::caution, false},
      {"fr", "remarque", Admonition::note, false},
      {"fr", "note", Admonition::note, false},
      {"fr", "conseil", Admonition::tip, false},
      {"fr", "astuce", Admonition::tip, false},
      {"fr", "important", Admonition::important, false},
      {"fr", "avertissement", Admonition::warning, false},
      {"fr", "mise en garde", Admonition::warning, false},
      {"fr", "attention", Admonition::caution, false},
      {"vi", "lưu ý", Admonition::note, false},
      {"vi", "ghi chú", Admonition::note, false},
      {"vi", "mẹo", Admonition::tip, false},
      {"vi", "quan trọng", Admonition::important, false},
      {"vi", "cảnh báo", Admonition::warning, false},
      {"vi", "thận trọng", Admonition::caution, false},
      {"vi", "chú ý", Admonition::caution, false},
      {"tl", "tala", Admonition::note, false},
      {"tl", "paalala", Admonition::note, false},
      {"tl", "payo", Admonition::tip, false},
      {"tl", "mahalaga", Admonition::important, false},
      {"tl", "babala", Admonition::warning, false},
      {"tl", "mag-ingat", Admonition::caution, false},
      {"ht", "remak", Admonition::note, false},
      {"ht", "nòt", Admonition::note, false},
      {"ht", "konsèy", Admonition::tip, false},
      {"ht", "enpòtan", Admonition::important, false},
      {"ht", "avètisman", Admonition::warning, false},
      {"ht", "atansyon", Admonition::caution, false},
      {"ru", "примечание", Admonition::note, false},
      {"ru", "заметка", Admonition::note, false},
      {"ru", "совет", Admonition::tip, false},
      {"ru", "важно", Admonition::important, false},
      {"ru", "предупреждение", Admonition::warning, false},
      {"ru", "внимание", Admonition::caution, false},
      {"ru", "осторожно", Admonition::caution, false},
      {"ar", "ملاحظة", Admonition::note, false},
      {"ar", "نصيحة", Admonition::tip, false},
      {"ar", "مهم", Admonition::important, false},
      {"ar", "هام", Admonition::important, false},
      {"ar", "تحذير", Admonition::warning, false},
      {"ar", "تنبيه", Admonition::caution, false},
      {"fa", "یادداشت", Admonition::note, false},
      {"fa", "توجه", Admonition::note, false},
      {"fa", "نکته", Admonition::tip, false},
      {"fa", "مهم", Admonition::important, false},
      {"fa", "هشدار", Admonition::warning, false},
      {"fa", "احتیاط", Admonition::caution, false},
      {"hi", "टिप्पणी", Admonition::note, false},
      {"hi", "नोट", Admonition::note, false},
      {"hi", "ध्यान दें", Admonition::note, false},
      {"hi", "सुझाव", Admonition::tip, false},
      {"hi", "महत्वपूर्ण", Admonition::important, false},
      {"hi", "चेतावनी", Admonition::warning, false},
      {"hi", "सावधानी", Admonition::caution, false},
      {"bn", "টীকা", Admonition::note, false},
      {"bn", "নোট", Admonition::note, false},
      {"bn", "পরামর্শ", Admonition::tip, false},
      {"bn", "গুরুত্বপূর্ণ", Admonition::important, false},
      {"bn", "সতর্কবার্তা", Admonition::warning, false},
      {"bn", "সতর্কতা", Admonition::warning, false},
      {"bn", "সাবধান", Admonition::caution, false},
      {"zh", "说明", Admonition::note, false},
      {"zh", "說明", Admonition::note, false},
      {"zh", "备注", Admonition::note, false},
      {"zh", "備註", Admonition::note, false},
      {"zh", "注", Admonition::note, false},
      {"zh", "提示", Admonition::tip, false},
      {"zh", "小贴士", Admonition::tip, false},
      {"zh", "小貼士", Admonition::tip, false},
      {"zh", "重要", Admonition::important, false},
      {"zh", "警告", Admonition::warning, false},
      {"zh", "注意", Admonition::caution, false},
      {"zh", "小心", Admonition::caution, false},
      {"ko", "참고", Admonition::note, false},
      {"ko", "알림", Admonition::note, false},
      {"ko", "팁", Admonition::tip, false},
      {"ko", "도움말", Admonition::tip, false},
      {"ko", "중요", Admonition::important, false},
      {"ko", "경고", Admonition::warning, false},
      {"ko", "주의", Admonition::caution, false},
  };
  return table;
}

std::string primary_subtag(std::string_view tag) {
  std::string t = language_tag::primary(tag);
  if (t == "fil") t = "tl";
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
  // Chinese and Japanese write the fullwidth colon "：", with no space after it.
  if (const std::size_t wide = paragraph.find("\xEF\xBC\x9A"); wide != std::string_view::npos && wide <= 40 &&
                                                                  wide < paragraph.find(':')) {
    auto label = callout_label(paragraph.substr(0, wide), language);
    if (label) label->length = wide + 3;
    return label;
  }
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
