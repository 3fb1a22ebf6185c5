// What a section of a patient text is for, read from its title: a summary, questions to ask,
// words to know, references, or when to get help. The summary selection takes different things
// from each. English title cues.
#pragma once

#include <pugixml.hpp>

#include <string_view>

namespace handout {

/// What a section is for.
enum class SectionKind { ordinary, summary, questions, reference, glossary, safety };

/// Returns true when a section title names a summary ("In short", "Key takeaways", "Bottom line"...).
bool is_summary_title(std::string_view title);

/// Returns true when a section title names questions for the care team ("Questions to ask your
/// doctor", "Ask your pharmacist", "Questions for your nurse"), not merely questions ("FAQ").
bool is_questions_title(std::string_view title);

/// Returns true when a section title names a glossary ("Words to know", "Words you may hear").
bool is_glossary_title(std::string_view title);

/// Returns true when a section title names references or further reading ("See also", "Sources").
bool is_reference_title(std::string_view title);

/// Returns what a section is for, from its title.
SectionKind section_kind_of(pugi::xml_node section);

/// Returns the kind, other than ordinary, of the innermost section around n that has one.
SectionKind context_kind(pugi::xml_node n);

/// Returns true when n is inside a note, table, metadata, aside, quotation or call-out: not where
/// an article states its points.
bool in_aside(pugi::xml_node n);

/// Returns true when n is inside a note, table, metadata or sidebar.
bool in_notes_or_tables(pugi::xml_node n);

}  // namespace handout
