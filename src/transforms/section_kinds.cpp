#include "transforms/section_kinds.hpp"

#include "model/document.hpp"
#include "text/text.hpp"
#include "text/word_match.hpp"
#include "transforms/remembered_answers.hpp"
#include "transforms/safety_content.hpp"

#include <cctype>
#include <cstring>
#include <string>

namespace handout {

namespace {

using text::has_word;

bool is_named_one_of(pugi::xml_node n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (std::strcmp(n.name(), name) == 0) return true;
  return false;
}

/// Returns true when s starts with prefix followed by the end, a space, a colon or a plural s.
bool starts_with_word(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix &&
         (s.size() == prefix.size() || s[prefix.size()] == ' ' || s[prefix.size()] == ':' || s[prefix.size()] == 's');
}

}  // namespace

bool is_summary_title(std::string_view title) {
  const std::string t = text::fold_title(title);
  for (std::string_view p : {"in a nutshell", "in short", "in brief", "summary", "key takeaway", "takeaway",
                             "bottom line", "the bottom line", "what this means", "key points", "key facts",
                             "at a glance", "the short version", "main points", "quick facts", "tl;dr",
                             "key messages", "main messages", "what you need to know", "the main points"})
    if (starts_with_word(t, p)) return true;
  // "What I want every family to know", "Things you need to know".
  return t.size() > 8 && t.compare(t.size() - 8, 8, " to know") == 0;
}

bool is_questions_title(std::string_view title) {
  const std::string t = text::fold_title(title);
  if (has_word(t, "ask") || has_word(t, "asking")) return true;
  // "Question" in the other languages of styles/messages.yaml: a title such as "Preguntas para
  // su médico" is the questions section, and no second one is added.
  static constexpr std::string_view kQuestionWords[] = {
      "pregunta", "pergunta", "вопрос", "câu hỏi", "질문", "问题", "問題", "سؤال", "أسئلة", "اسئلة", "tanong",
      "kesyon", "प्रश्न", "सवाल", "প্রশ্ন", "پرسش", "سوال", "سؤال"};
  for (std::string_view w : kQuestionWords)
    if (t.find(w) != std::string::npos) return true;
  // "Questions for your doctor", "Question for the nurse": questions addressed to someone.
  return starts_with_word(t, "questions for") || starts_with_word(t, "question for") ||
         starts_with_word(t, "your questions for");
}

bool is_glossary_title(std::string_view title) {
  const std::string t = text::fold_title(title);
  for (std::string_view p : {"glossary", "words to know", "key terms", "terms", "definitions", "words you may hear",
                             "words you might hear", "vocabulary", "what the words mean", "medical words",
                             "terms to know", "terms you may hear"})
    if (starts_with_word(t, p)) return true;
  return false;
}

bool is_reference_title(std::string_view title) {
  const std::string t = text::fold_title(title);
  for (std::string_view p : {"references", "sources", "further reading", "see also", "resources", "more information",
                             "related", "notes", "footnotes", "about this", "external links", "bibliography",
                             "citations", "acknowledg", "about the author", "disclaimer", "useful links",
                             "further information", "more resources", "support groups"})
    if (starts_with_word(t, p)) return true;
  return false;
}

namespace {

/// The kind a section title names, in a document of the given language.
SectionKind kind_of_title(const std::string& title, std::string_view language) {
  if (is_glossary_title(title)) return SectionKind::glossary;
  if (is_summary_title(title)) return SectionKind::summary;
  if (is_questions_title(title)) return SectionKind::questions;
  if (is_reference_title(title)) return SectionKind::reference;
  if (is_safety_title(title, language)) return SectionKind::safety;
  return SectionKind::ordinary;
}

}  // namespace

SectionKind section_kind_of(pugi::xml_node section) {
  const std::string title = text::collapse_whitespace(text_content(section.child("title"), true));
  if (title.empty()) return SectionKind::ordinary;
  // The document's language (xml:lang on the root), for safety titles written in it.
  const char* lang = section.root().first_element_by_path("/article").attribute("xml:lang").value();
  const std::string_view language = *lang != '\0' ? lang : "en";
  // Every paragraph asks for the kind of the sections around it: answers are remembered by
  // title and language.
  std::string key = title;
  key.append(1, '\n').append(language);
  return remembered_answer(key, [&](std::string_view) { return kind_of_title(title, language); });
}

SectionKind context_kind(pugi::xml_node n) {
  for (pugi::xml_node p = n.parent(); p; p = p.parent()) {
    if (is_named_one_of(p, {"section"})) {
      if (const SectionKind k = section_kind_of(p); k != SectionKind::ordinary) return k;
    }
  }
  return SectionKind::ordinary;
}

bool in_aside(pugi::xml_node n) {
  for (pugi::xml_node p = n.parent(); p; p = p.parent()) {
    if (is_named_one_of(p, {"footnote", "informaltable", "table", "info", "sidebar", "blockquote", "note", "tip", "important",
                     "warning", "caution"}))
      return true;
  }
  return false;
}

bool in_notes_or_tables(pugi::xml_node n) {
  for (pugi::xml_node p = n.parent(); p; p = p.parent()) {
    if (is_named_one_of(p, {"footnote", "informaltable", "table", "info", "sidebar"})) return true;
  }
  return false;
}

}  // namespace handout
