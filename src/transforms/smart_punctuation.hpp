// Smart punctuation, as pandoc's `smart` extension does it: straight quotes curled by context
// (“…” ‘…’ in English), apostrophes in contractions and possessives (don’t, patients’), "--" an
// en dash, "---" an em dash, "..." an ellipsis. The quote marks are data per language (English,
// German, French, Spanish, Italian); a language without an entry keeps its text as written.
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "transforms/pipeline.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// The quote marks of one language.
struct QuoteMarks {
  std::string_view language;      ///< BCP 47 primary subtag
  std::string_view open_double;   ///< “ in English
  std::string_view close_double;  ///< ”
  std::string_view open_single;   ///< ‘
  std::string_view close_single;  ///< ’
  std::string_view apostrophe;    ///< ’ (don’t)
};

/// Returns the quote marks for a language tag's primary subtag, or nullptr when the language
/// has no entry (its text is then left as written).
const QuoteMarks* quote_marks(std::string_view language_tag);

/// Returns the smart form of one run of text (a paragraph's text, its inline markup taken as
/// plain text). Quotes open after a space, a line start or an opening bracket or dash, and close
/// before a space, punctuation or the end; a quote is curled only when its partner is found
/// (an apostrophe otherwise, for a single quote after or inside a word); quotes between two
/// digits (5'10") and runs of the same quote ('' shown as text) stay straight; words that are
/// web or e-mail addresses are left alone.
std::string smart_punctuation(std::string_view text, const QuoteMarks& marks);

/// Applies smart_punctuation to the document's text in its language (article/@xml:lang): the
/// runs of text of paragraphs, titles, table cells, terms and alt texts, each run taken whole
/// across its inline markup. Never inside code, literal, programlisting, literallayout, screen,
/// raw HTML, link text that is a web address, attribute values, or <info> other than the title,
/// subtitle and abstracts. Running it twice changes nothing more.
void apply_smart_punctuation(Document& doc, const TransformOptions& options, Diagnostics& diag);

}  // namespace handout
