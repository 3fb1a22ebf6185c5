// Words to know: the terms a patient text defines, read from the forms definitions take in
// English — a definition list, "X is a ...", "X means ...", "X happens when ...", "X, a ...",
// "... called X" — and kept only when the term is a noun phrase of one to four words (not a
// call-out label, an instruction or a nickname) whose definition does not restate it.
#pragma once

#include "model/document.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// A term the source defines, with its definition.
struct GlossaryEntry {
  std::string term;
  std::string definition;
};

/// At most this many terms are kept.
inline constexpr std::size_t kMaxGlossaryTerms = 6;

/// Returns the terms doc defines, the most certain first (definition lists and "X is a ..."
/// before appositions), at most kMaxGlossaryTerms. A term found only in running text must be one
/// the text uses again.
std::vector<GlossaryEntry> find_glossary(const Document& doc);

/// Returns the definitions one sentence gives (usually none or one). emphasized is the
/// emphasised text the sentence's paragraph opens with, if any ("An *inhaler* is ...").
std::vector<GlossaryEntry> definitions_in(std::string_view sentence, std::string_view emphasized = {});

/// Returns true when an entry defines a term: a noun phrase of one to four words that is not a
/// label or an instruction, with a definition that does not restate it and is not a nickname.
bool is_real_definition(const GlossaryEntry& e);

}  // namespace handout
