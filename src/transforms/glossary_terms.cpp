#include "transforms/glossary_terms.hpp"

#include "text/text.hpp"
#include "text/word_match.hpp"
#include "transforms/section_kinds.hpp"
#include "transforms/statement_checks.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_map>

namespace handout {

namespace {

using text::has_word;
using text::one_of;

constexpr std::size_t kMaxChecks = 64;       // candidate terms looked up in the text, at most
constexpr std::size_t kMaxTermWords = 4;
constexpr std::size_t kMinDefinitionWords = 4;
constexpr std::size_t kMaxDefinitionWords = 40;

/// How sure a form is to be a definition.
enum Confidence { kApposition = 1, kLoose = 2, kPlain = 3, kListed = 4 };

struct TermCandidate {
  GlossaryEntry entry;
  int confidence;
  bool marked;  ///< the term is emphasised or listed in a glossary: no need to find it again in the text
};

std::string plain_text_of(pugi::xml_node n) { return text::collapse_whitespace(text_content(n, true)); }

/// The key terms are told apart by: folded, a final plural "s" dropped.
std::string term_key(std::string_view term) {
  std::string k = text::fold_title(term);
  if (k.size() > 3 && k.back() == 's' && k[k.size() - 2] != 's') k.pop_back();
  return k;
}

bool is_pronoun_or_determiner(std::string_view word) {
  return one_of(text::fold_case(word), {"it",   "this",  "that",  "there", "these", "those", "here",  "what", "which",
                                        "who",  "he",    "she",   "they",  "we",    "you",   "i",     "one",  "each",
                                        "every", "all",  "some",  "most",  "many",  "such",  "how",   "why",  "when",
                                        "if",   "other", "another", "both", "any",  "no",    "not",   "our",  "my",
                                        "his",  "her",   "their", "its"});
}

/// Function words that end a noun phrase read backwards from an apposition.
bool is_boundary_word(std::string_view word) {
  return one_of(text::fold_case(word),
                {"a",    "an",   "the",  "to",    "of",   "in",   "on",    "at",     "by",    "for",   "with",  "from",
                 "and",  "or",   "but",  "is",    "are",  "was",  "were",  "be",     "been",  "as",    "into",  "than",
                 "that", "this", "these", "those", "your", "my",  "our",   "their",  "its",   "his",   "her",   "it",
                 "called", "named", "make", "makes", "made", "cause", "causes", "caused", "remove", "removes",
                 "relaxes", "relax", "have", "has", "had", "include", "includes", "like", "such"});
}

/// Labels that open call-outs and captions, never terms ("Note: ...", "Tip: ...").
bool is_label_word(std::string_view term) {
  return one_of(text::fold_title(term), {"note",       "notes",    "tip",        "tips",      "warning",  "caution",  "important",
                               "remember",   "example",  "examples",   "source",    "sources",  "step",     "steps",
                               "update",     "updated",  "summary",    "key point", "key points", "bottom line",
                               "question",   "questions", "answer",    "q",         "a",        "fact",     "myth",
                               "danger",     "alert",    "reminder",   "hint",      "attention", "disclaimer", "fyi",
                               "nb",         "ps",       "please note", "good to know", "did you know", "in short",
                               "why",        "what",     "how",        "when",      "who",      "where",    "also",
                               "result",     "results",  "reference",  "treatment", "treatments", "diagnosis",
                               "prevention", "outlook",  "causes",     "cause",     "symptoms", "signs",    "risk",
                               "risks",      "monday",   "tuesday",    "wednesday", "thursday", "friday",   "saturday",
                               "sunday",     "today",    "tomorrow",   "yesterday", "hours",    "opening hours",
                               "phone",      "email",    "address",    "fax",       "website",  "tags",     "tag",
                               "categories", "category", "share",      "print",     "text size", "menu",    "search",
                               "home",       "contents", "related",    "topics",    "keywords"});
}

/// Returns true when text opens with a pronoun, a quantity or a conjunction: a clause, not the
/// noun phrase a definition is.
bool opens_with_clause(std::string_view text) {
  const std::vector<std::string> w = text::split_words(text::fold_case(text.substr(0, 64)));
  if (w.empty()) return true;
  return one_of(w[0], {"it", "its", "it's", "they", "you", "your", "this", "these", "that", "those", "there", "we", "i",
                       "he", "she", "if", "when", "while", "because", "so", "but", "and", "or", "most", "many", "some",
                       "all", "more", "less", "fewer", "no", "not", "do", "don't", "try", "about", "up", "at", "for",
                       "in", "on", "with", "by", "as", "also", "usually", "often", "very", "only", "still", "now",
                       "then", "here", "one", "two", "three", "can", "will", "may", "should", "must"});
}

/// Returns true when a definition without an article still reads as a noun phrase ("chest pain
/// caused by ...", not "slowest in the first weeks" or "usually mild").
bool is_bare_noun_phrase(std::string_view definition) {
  if (opens_with_clause(definition) || opens_with_instruction_verb(definition)) return false;
  const std::vector<std::string> w = text::split_words(text::fold_case(definition.substr(0, 64)));
  if (w.empty()) return false;
  const std::string& first = w[0];
  const unsigned char c = static_cast<unsigned char>(definition[0]);
  if (!(c >= 'a' && c <= 'z')) return false;
  for (std::string_view end : {"ly", "est", "ed", "ing", "er", "ful", "ous", "ive", "able", "ible", "al", "ic"}) {
    if (first.size() > end.size() + 2 && first.compare(first.size() - end.size(), end.size(), end) == 0) return false;
  }
  return !one_of(first, {"common", "rare", "safe", "normal", "possible", "likely", "unlikely", "different", "similar",
                         "better", "worse", "easy", "hard", "available", "needed", "known", "key", "good", "bad",
                         "high", "low", "serious", "mild", "severe", "new", "free", "due", "best", "worst", "just",
                         "always", "never", "sometimes", "rarely", "generally", "mostly", "mainly", "part", "one"});
}

/// Returns true when a definition list entry only lists things (symptoms, examples).
bool is_plain_list(std::string_view definition) {
  const std::string d = text::fold_case(definition);
  std::size_t commas = 0;
  for (char c : d) commas += c == ',' ? 1 : 0;
  if (commas < 2) return false;
  for (std::string_view verb : {" is ", " are ", " that ", " which ", " who ", " when ", " caused ", " used ", " helps ",
                                " makes ", " means "})
    if (d.find(verb) != std::string::npos) return false;
  return true;
}

/// Returns true when the words after a connector read as a definition: three words or more
/// (two of them real words, not "A A A"), not too many.
bool is_definition_text(std::string_view definition) {
  const std::vector<std::string> words = text::split_words(definition);
  std::size_t real = 0;
  for (const std::string& w : words) real += text::length(w) >= 3 ? 1 : 0;
  return words.size() >= kMinDefinitionWords - 1 && words.size() <= kMaxDefinitionWords && real >= 2;
}

/// Returns true when a verb follows the first word or two of text: a clause ("speech is slurred",
/// "the nurse will call"), not a noun phrase.
bool has_early_verb(std::string_view text) {
  const std::vector<std::string> w = text::split_words(text::fold_case(text.substr(0, 80)));
  for (std::size_t i = 1; i < w.size() && i <= 3; ++i)
    if (one_of(w[i], {"will", "can", "may", "is", "are", "was", "were", "should", "must", "has", "have", "does", "do",
                      "did", "might", "could", "would"}))
      return true;
  return false;
}

/// Cleans a sentence-initial subject: drops a leading article or "your" and an aside such as
/// "(also called ...)" or ", also known as ...,"; returns empty when it is no term.
std::string subject_term(std::string_view subject) {
  std::string s(text::trim(subject));
  // ", also known as herpes zoster," / ", sometimes called lockjaw,": an aside, not the term.
  if (const std::size_t comma = s.find(", "); comma != std::string::npos) {
    const std::string rest = text::fold_case(s.substr(comma + 2));
    if (rest.rfind("also ", 0) == 0 || rest.rfind("sometimes ", 0) == 0 || rest.rfind("often ", 0) == 0 ||
        rest.rfind("known as", 0) == 0 || rest.rfind("or ", 0) == 0) {
      s.resize(comma);
    }
  }
  if (const std::size_t open = s.find(" ("); open != std::string::npos && !s.empty() && s.back() == ')') s.resize(open);
  std::string_view v = s;
  for (std::string_view lead : {"A ", "An ", "The ", "Your ", "a ", "an ", "the ", "your "}) {
    if (v.substr(0, lead.size()) == lead) v.remove_prefix(lead.size());
  }
  const std::vector<std::string> words = text::split_words(v);
  if (words.empty() || words.size() > kMaxTermWords) return {};
  for (const std::string& w : words)
    if (is_pronoun_or_determiner(w) || is_boundary_word(w)) return {};  // "People who", "Care of the"
  if (v.find_first_of("0123456789,;()[]\"?!") != std::string_view::npos) return {};
  return std::string(v);
}

/// Definitions whose term opens the sentence: "X is a ...", "X means ...", "X happens when ...".
void subject_forms(std::string_view sentence, std::string_view emphasized, std::vector<TermCandidate>& out) {
  struct Connector {
    std::string_view text;
    int confidence;      ///< without emphasis; 0: only with emphasis
    bool keep_article;   ///< "is a" keeps "a" in the definition
    bool keep_when;      ///< "happens when" keeps "when"
  };
  static constexpr Connector kConnectors[] = {
      {" is a ", kPlain, true, false},      {" is an ", kPlain, true, false},   {" is the ", kPlain, true, false},
      {" are ", kLoose, false, false},      {" means ", kLoose, false, false},  {" refers to ", kPlain, false, false},
      {", meaning ", kPlain, false, false}, {": ", 0, false, false},            {" \xE2\x80\x94 ", kLoose, false, false},
      {" happens when ", kLoose, false, true}, {" occurs when ", kLoose, false, true}, {" is ", kLoose, false, false},
  };
  // The earliest connector in the sentence (a longer one where two start together).
  const Connector* best = nullptr;
  std::size_t at = std::string_view::npos;
  for (const Connector& c : kConnectors) {
    const std::size_t p = sentence.find(c.text);
    if (p == std::string_view::npos) continue;
    if (p < at || (p == at && best != nullptr && c.text.size() > best->text.size())) at = p, best = &c;
  }
  if (best == nullptr || at == 0) return;
  const std::string term = subject_term(sentence.substr(0, at));
  if (term.empty()) return;
  const bool marked = !emphasized.empty() && text::fold_title(term) == text::fold_title(subject_term(emphasized));
  if (!marked) {
    if (best->confidence == 0) return;
    const unsigned char first = static_cast<unsigned char>(text::trim(sentence)[0]);
    if (!(first >= 'A' && first <= 'Z')) return;
  }
  std::string definition(text::trim(sentence.substr(at + best->text.size())));
  // "... is the pressure when the heart beats; the bottom number is ...": one clause.
  if (const std::size_t semicolon = definition.find(';'); semicolon != std::string::npos) definition.resize(semicolon);
  if (best->keep_article) definition = std::string(best->text.substr(4)) + definition;  // "a written plan..."
  if (best->keep_when) definition = "when " + definition;
  while (!definition.empty() && (definition.back() == '.' || definition.back() == ' ')) definition.pop_back();
  if (!is_definition_text(definition)) return;
  // After a colon, a dash, "are", "means" or a bare "is" the definition must read as a noun
  // phrase or clause of its own: "Alcohol: keep it to small amounts" is a label, not a term.
  const std::string_view c = best->text;
  if (c == ": " || c == " \xE2\x80\x94 " || c == " is ") {
    if (!(text::fold_case(definition.substr(0, 2)) == "a " || text::fold_case(definition.substr(0, 3)) == "an " ||
          text::fold_case(definition.substr(0, 4)) == "the " || is_bare_noun_phrase(definition)))
      return;
    if (has_early_verb(definition) || is_plain_list(definition)) return;
  }
  if (c == " are " && !marked && !is_bare_noun_phrase(definition)) return;
  if (c == " means " && (opens_with_instruction_verb(definition) || text::count_words(term) > 3)) return;
  // An emphasised term is the author's, but "X: ..." is a weaker form than "X is a ...".
  const int confidence = c == ": " ? kLoose : (marked ? kPlain : best->confidence);
  out.push_back({{term, definition}, confidence, marked});
}

/// The opening sentence that defines the article's subject by what it does: "A cast holds a
/// broken bone in place while it heals." (the subject named in the title, a verb in -s).
void subject_of_title(std::string_view sentence, std::string_view title, std::vector<TermCandidate>& out) {
  const std::vector<std::string> w = text::split_words(sentence.substr(0, 200));
  if (w.size() < 4) return;
  std::size_t start = one_of(text::fold_case(w[0]), {"a", "an", "the"}) ? 1 : 0;
  const std::string t = text::fold_case(title);
  for (std::size_t verb = start + 1; verb < w.size() && verb <= start + 3; ++verb) {
    const std::string v = text::fold_case(w[verb]);
    if (v.size() < 4 || v.back() != 's' || one_of(v, {"is", "was", "has", "does", "this", "its", "less", "always"})) continue;
    std::string term;
    for (std::size_t i = start; i < verb; ++i) term += (term.empty() ? "" : " ") + w[i];
    if (subject_term(term) != term || !has_word(t, text::fold_case(term))) return;
    std::string definition(text::trim(sentence.substr(sentence.find(w[verb], term.size()))));
    while (!definition.empty() && (definition.back() == '.' || definition.back() == ' ')) definition.pop_back();
    if (is_definition_text(definition)) out.push_back({{term, definition}, kApposition, false});
    return;
  }
}

/// Appositions inside a sentence: "... hemoglobin, the protein in red blood cells that ...".
void appositions(std::string_view sentence, std::vector<TermCandidate>& out) {
  // A sentence of many commas enumerates ("cleaning the wound, an antitoxin, antibiotics, ...").
  if (std::count(sentence.begin(), sentence.end(), ',') >= 3) return;
  const std::vector<std::string> opening = text::split_words(text::fold_case(sentence.substr(0, 40)));
  for (std::string_view article : {", a ", ", an ", ", the "}) {
    for (std::size_t p = sentence.find(article); p != std::string_view::npos; p = sentence.find(article, p + 1)) {
      // The term: up to four words before the comma, back to a function word.
      const std::vector<std::string> before = text::split_words(sentence.substr(0, p));
      std::size_t start = before.size();
      while (start > 0 && before.size() - start < kMaxTermWords && !is_boundary_word(before[start - 1])) --start;
      if (start == before.size() || start == 0) continue;  // no term, or the sentence's subject
      // "After a person has had chickenpox, the virus ...": the comma closes a clause.
      if (!opening.empty() && one_of(opening[0], {"after", "before", "if", "when", "while", "because", "although",
                                                  "once", "until", "since", "as", "in", "on", "for", "during", "with",
                                                  "without", "unless", "though", "whether", "by"}))
        continue;
      std::string term;
      for (std::size_t i = start; i < before.size(); ++i) term += (term.empty() ? "" : " ") + before[i];
      // The definition: the noun phrase up to the next comma, semicolon or the end.
      std::string_view rest = sentence.substr(p + 2);
      const std::size_t stop = rest.find_first_of(",;:");
      std::string definition(text::trim(rest.substr(0, stop)));
      while (!definition.empty() && (definition.back() == '.' || definition.back() == ' ')) definition.pop_back();
      if (!is_definition_text(definition) || has_early_verb(definition)) continue;
      // "the clinic, an urgent care center or an emergency room": a list of places, not a definition.
      const std::string d = text::fold_case(definition);
      bool coordinated = false;
      for (std::string_view c : {" or a ", " or an ", " or the ", " and a ", " and an ", " and the "})
        coordinated = coordinated || d.find(c) != std::string::npos;
      if (coordinated) continue;
      if (subject_term(term) != term) continue;
      out.push_back({{term, definition}, kApposition, false});
    }
  }
}

/// Counts the times a term occurs (as whole words, a plural "s" allowed) in folded text.
std::size_t occurrences(std::string_view haystack, std::string_view term) {
  std::size_t n = 0;
  for (std::size_t p = haystack.find(term); p != std::string_view::npos; p = haystack.find(term, p + term.size())) {
    const bool start = p == 0 || !std::isalpha(static_cast<unsigned char>(haystack[p - 1]));
    const std::size_t e = p + term.size();
    const bool end =
        e >= haystack.size() || !std::isalpha(static_cast<unsigned char>(haystack[e])) || haystack[e] == 's';
    if (start && end) ++n;
  }
  return n;
}

/// The emphasised text a paragraph opens with ("An *inhaler* is ...", "**Spacer**: ..."), if any.
std::string opening_emphasis(pugi::xml_node p) {
  for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && std::strcmp(c.name(), "emphasis") == 0) return plain_text_of(c);
    if (c.type() == pugi::node_pcdata && text::split_words(c.value()).size() > 1) break;
  }
  return {};
}

}  // namespace

std::vector<GlossaryEntry> definitions_in(std::string_view sentence, std::string_view emphasized) {
  std::vector<TermCandidate> found;
  subject_forms(sentence, emphasized, found);
  if (found.empty()) appositions(sentence, found);
  std::vector<GlossaryEntry> out;
  for (TermCandidate& c : found)
    if (is_real_definition(c.entry)) out.push_back(std::move(c.entry));
  return out;
}

bool is_real_definition(const GlossaryEntry& e) {
  const std::size_t words = text::count_words(e.term);
  if (words == 0 || words > kMaxTermWords || is_label_word(e.term)) return false;
  if (words >= 2 && opens_with_instruction_verb(e.term)) return false;  // "Join cardiac rehab"
  if (e.term.find_first_of("0123456789?!") != std::string::npos) return false;
  const std::string term = text::fold_title(e.term);
  const std::string definition = text::fold_case(e.definition);
  if (has_word(definition, term)) return false;                         // "Tumour microenvironment: the tumour ..."
  if (text::count_words(e.definition) < kMinDefinitionWords - 1) return false;  // "Ferroptosis: The Rusty Death"
  if (looks_like_heading(e.definition)) return false;
  return !is_call_to_action(e.definition) && !is_disclaimer(e.definition);
}

std::vector<GlossaryEntry> find_glossary(const Document& doc) {
  std::vector<TermCandidate> found;
  for (const auto& x : doc.xml().select_nodes("//varlistentry")) {
    if (in_notes_or_tables(x.node()) || context_kind(x.node()) == SectionKind::reference) continue;
    const std::string definition = first_sentence_of(plain_text_of(x.node().child("listitem")));
    if (is_plain_list(definition)) continue;
    found.push_back({{plain_text_of(x.node().child("term")), definition}, kListed, true});
  }
  std::size_t paragraphs = 0;
  for (const auto& x : doc.xml().select_nodes("//para | //simpara")) {
    const pugi::xml_node p = x.node();
    if (p.attribute("role") || in_notes_or_tables(p)) continue;
    const SectionKind k = context_kind(p);
    if (k == SectionKind::reference || k == SectionKind::questions) continue;
    const std::string emphasized = opening_emphasis(p);
    // The text's first paragraphs may define its subject by what it does.
    const bool opening = !in_aside(p) && paragraphs++ < 2;
    bool first = true;
    for (const std::string& sentence : text::split_sentences(plain_text_of(p))) {
      if (is_byline(sentence) || is_call_to_action(sentence) || is_disclaimer(sentence)) {
        first = false;
        continue;
      }
      std::vector<TermCandidate> here;
      subject_forms(sentence, first ? emphasized : std::string_view(), here);
      if (here.empty()) appositions(sentence, here);
      if (here.empty() && opening && first) subject_of_title(sentence, doc.title(), here);
      for (TermCandidate& c : here) found.push_back(std::move(c));
      first = false;
    }
  }
  // The most certain form of each term, in document order among equals.
  std::stable_sort(found.begin(), found.end(),
                   [](const TermCandidate& a, const TermCandidate& b) { return a.confidence > b.confidence; });
  // The text a term must be used in again: the title and the body.
  std::string body = text::fold_case(doc.title()) + " ";
  for (pugi::xml_node c : doc.article().children())
    if (std::strcmp(c.name(), "info") != 0) body += text::fold_case(text_content(c, true)) + " ";
  std::vector<GlossaryEntry> out;
  std::unordered_map<std::string, bool> seen;
  std::size_t checks = 0;
  for (TermCandidate& c : found) {
    if (out.size() == kMaxGlossaryTerms) break;
    c.entry.term = text::collapse_whitespace(c.entry.term);
    c.entry.definition = text::collapse_whitespace(c.entry.definition);
    if (c.entry.term.empty() || !is_real_definition(c.entry)) continue;
    const std::string key = term_key(c.entry.term);
    if (seen.count(key)) continue;
    // A term found in running text must be one the text uses again.
    if (!c.marked) {
      if (checks++ == kMaxChecks) break;
      if (occurrences(body, text::fold_title(c.entry.term)) < 2) continue;
    }
    seen[key] = true;
    out.push_back(std::move(c.entry));
  }
  return out;
}

}  // namespace handout
