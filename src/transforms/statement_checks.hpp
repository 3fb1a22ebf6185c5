// Checks on short texts for the summary sheet: does a sentence or list item read on its own as
// a statement (not a lead-in, a question, a back-reference, a heading, a link, a call to action,
// a disclaimer or a byline), and how to make a long one short. English cue words; the checks
// look at the form of the text, never at a particular document's sentences.
#pragma once

#include <string>
#include <string_view>

namespace handout {

/// Returns true when text ends with a colon: it introduces what follows ("Call us if you have:").
bool is_lead_in(std::string_view text);

/// Returns true when text is a question: its first sentence ends with "?".
bool is_question(std::string_view text);

/// Returns true when text opens with a word that needs the sentence before it to make sense
/// ("This", "These", "It", "They", "Such", "However", "Also"...). "It is X to ..." and "It is X
/// that ..." do not refer back and are allowed.
bool opens_with_reference(std::string_view text);

/// Returns true when a clause of text ends with a pronoun standing for something the text does
/// not name ("... to get used to it.", "... weeks without any, then ..."): taken out of its
/// paragraph, the sentence no longer says what it is about.
bool ends_clause_with_reference(std::string_view text);

/// Returns true for calls to action and site furniture: links and addresses, "sign up", "click",
/// "share", "learn more", "visit ...", "see also".
bool is_call_to_action(std::string_view text);

/// Returns true for disclaimers: "not medical advice", "for information only", "sample material".
bool is_disclaimer(std::string_view text);

/// Returns true for a label with a list of words after it ("Tags: a, b, c"): site furniture.
bool is_label_list(std::string_view text);

/// Returns true for bylines and date lines ("By Dana Ortiz, RN", "Published April 10", "4 min read").
bool is_byline(std::string_view text);

/// Returns true when text describes the page rather than its subject ("A plain-language guide
/// to ...", "How to use ...", "This leaflet explains ...") — a description, not a message.
bool describes_the_page(std::string_view text);

/// Returns true when text looks like a heading: no end mark and most longer words capitalised.
bool looks_like_heading(std::string_view text);

/// Returns true when text ends as a statement does: with "." or "!" (before any closing bracket
/// or quote).
bool ends_a_statement(std::string_view text);

/// Returns the kind of a paragraph written as a call-out ("Warning: ...", "Important safety
/// information: ...", labels from text/callout_labels): "warning", "caution", "important",
/// "note" or "tip"; empty for any other text. rest, when given, receives the text after the label.
std::string callout_label_of(std::string_view text, std::string* rest = nullptr);

/// Returns true when text reads as a complete statement on its own: none of the above, at least
/// min_words words, starting with a capital letter, and (when need_end_mark) ending with ".",
/// "!" or a closing bracket or quote after one.
bool reads_on_its_own(std::string_view text, std::size_t min_words, bool need_end_mark);

/// Returns true when text reads as an instruction: its first word is not a function word or
/// pronoun and its second is not a verb of a subject ("Move the marker", not "Children can").
bool is_imperative(std::string_view text);

/// Returns true when text shows a verb: it opens with an instruction verb or holds an auxiliary
/// or a common verb form ("is", "can", "should", "helps"...). "Photo ID and insurance card" has none.
bool has_verb_cue(std::string_view text);

/// Returns true when text opens with a verb common in instructions ("Join", "Take", "Avoid",
/// "Use"...): a closed list of English verbs, for telling "Join cardiac rehab" from a noun phrase.
bool opens_with_instruction_verb(std::string_view text);

/// Returns true when text speaks as its writer ("I", "my", "me"): a story, not a point for the reader.
bool is_first_person(std::string_view text);

/// Returns true when text is mostly numbers and times ("Saturday: 9 a.m. to 1 p.m.").
bool is_mostly_numbers(std::string_view text);

/// Returns Edmundson's cue value of a sentence for a patient text: instructions ("Take ...",
/// "Do not ...") and obligations ("must", "should", "need to") are bonus (up to +1); hedges
/// ("may", "might", "probably"), a clinic speaking of itself ("we will") and a writer's story
/// are stigma (down to -1).
double point_cue(std::string_view sentence);

/// Returns text short enough for a sheet: unchanged when it has at most max_words words, else
/// its first sentence. A lead term that opens it ("Less salt: ...", given as lead) is kept and
/// the first sentence taken from what follows it.
std::string shorten_point(std::string_view text, std::string_view lead, std::size_t max_words);

/// Returns the first sentence of text (all of it when it has no sentence end).
std::string first_sentence_of(std::string_view text);

}  // namespace handout
