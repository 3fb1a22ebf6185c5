#include "transforms/statement_checks.hpp"

#include "text/callout_labels.hpp"
#include "text/text.hpp"
#include "text/word_match.hpp"
#include "transforms/remembered_answers.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <vector>

namespace handout {

namespace {

using text::contains_any;
using text::starts_with_any;
using text::one_of;

/// Returns the first max_words words of text with surrounding punctuation removed, folded to
/// lower case. Only the start of text is read, however long it is.
std::vector<std::string> bare_words(std::string_view text, std::size_t max_words = 16) {
  // The bytes holding the first max_words words (and their spaces).
  std::size_t end = 0, words = 0;
  bool in_word = false;
  for (; end < text.size(); ++end) {
    const bool space = text[end] == ' ' || text[end] == '\t' || text[end] == '\n' || text[end] == '\r';
    if (space && in_word && ++words == max_words) break;
    in_word = !space;
    if (end >= max_words * 64) break;  // an endless word: enough of it
  }
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  std::vector<std::string> out;
  for (const std::string& word : text::split_words(text::fold_for_match(text.substr(0, end)))) {
    std::string_view w = word;
    while (!w.empty() && std::string_view("\"'([{*_").find(w.front()) != std::string_view::npos) w.remove_prefix(1);
    while (!w.empty() && std::string_view("\"')]}*_.,;:!?").find(w.back()) != std::string_view::npos) w.remove_suffix(1);
    if (!w.empty()) out.emplace_back(w);
    if (out.size() == max_words) break;
  }
  return out;
}

/// Returns the last mark of text, past closing brackets and quotes, as its ASCII counterpart:
/// '.', '!', '?', ':', ',' or ';' for those of every script (the ideographic full stop 。, the
/// danda ।, the Arabic question mark ؟, full-width ！？：，；…), '.' for any other sentence
/// terminator (Unicode Sentence_Terminal); else the last byte.
char last_mark(std::string_view text) {
  text = text::trim(text);
  while (!text.empty()) {
    std::size_t start = text.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    if (static_cast<unsigned char>(text[start]) < 0x80) {
      const char c = text.back();
      if (c == ')' || c == ']' || c == '"' || c == '\'' || c == '*') {
        text.remove_suffix(1);
        continue;
      }
      return c;
    }
    std::size_t i = start;
    const auto cp = static_cast<UChar32>(text::next_code_point(text, i));
    const int8_t type = u_charType(cp);
    if (type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION) {  // ） 」 ” ’
      text.remove_suffix(text.size() - start);
      continue;
    }
    switch (cp) {
      case 0xFF01: return '!';
      case 0xFF1F: case 0x061F: case 0x037E: case 0x1367: return '?';
      case 0xFF1A: return ':';
      case 0xFF0C: case 0x3001: case 0x060C: return ',';
      case 0xFF1B: case 0x061B: return ';';
      default: break;
    }
    return u_hasBinaryProperty(cp, UCHAR_S_TERM) ? '.' : text.back();
  }
  return '\0';
}

}  // namespace

bool is_lead_in(std::string_view text) { return last_mark(text) == ':'; }

bool is_question(std::string_view text) {
  const std::string first = first_sentence_of(text);
  return last_mark(first) == '?';
}

bool opens_with_reference(std::string_view text) {
  const std::vector<std::string> w = bare_words(text);
  if (w.empty()) return false;
  // "It is important to ...", "It's best that ...": nothing is referred to.
  if (w[0] == "it's" || w[0] == "it") {
    const std::size_t adjective = w[0] == "it's" ? 1 : (w.size() > 1 && w[1] == "is" ? 2 : 0);
    if (adjective > 0 && w.size() > adjective + 1 && one_of(w[adjective + 1], {"to", "that"})) return false;
    if (adjective > 0 && w.size() > adjective + 2 && one_of(w[adjective + 2], {"to", "that"})) return false;
    return true;
  }
  // "Take them at ...", "Keep using it ...": an object that refers back.
  for (std::size_t i = 1; i < w.size() && i <= 2; ++i)
    if (one_of(w[i], {"them", "they", "these", "those", "it"})) return true;
  return one_of(w[0], {"this", "these", "that", "those", "they", "them", "their", "theirs", "its", "he", "she",
                       "his", "her", "such", "both", "another", "also", "however", "but", "and", "or", "so",
                       "then", "thus", "therefore", "hence", "instead", "otherwise", "likewise", "similarly",
                       "additionally", "furthermore", "moreover", "here", "here's", "that's", "this'll",
                       "they're", "these're", "yet", "still", "besides", "again", "above", "below"}) ||
         starts_with_any(text::fold_for_match(text), {"after that", "after this", "before that", "before this", "because of this",
                                         "because of that", "because of these", "for this reason", "for that reason",
                                         "in this case", "in that case", "as a result", "on the other hand",
                                         "in addition", "at that point", "at this point", "even so", "that way",
                                         "this way", "the other ", "the same ", "apart from that", "as well as this",
                                         "if so", "if not", "like this", "like that"});
}

bool ends_clause_with_reference(std::string_view text) {
  const std::string t = text::fold_for_match(text);
  const std::vector<std::string> raw = text::split_words(t);
  std::vector<std::string> w;
  for (const std::string& r : raw) {
    const std::size_t end = r.find_last_not_of(",;.!:)\"'");
    w.push_back(end == std::string::npos ? std::string() : r.substr(0, end + 1));
  }
  // The word is followed by , ; . ! or ends the text.
  auto ends_clause = [&](std::size_t i) {
    const char last = raw[i].back();
    return i + 1 == raw.size() || last == ',' || last == ';' || last == '.' || last == '!';
  };
  // A noun phrase before position i that a pronoun can stand for: a determiner and a word that
  // agrees in number ("the wound ... it", "your pills ... them"; not "a few weeks ... it").
  auto has_antecedent = [&](std::size_t i, bool plural) {
    for (std::size_t k = 0; k + 1 < i; ++k) {
      if (!one_of(w[k], {"a", "an", "the", "your", "my", "our", "his", "her", "their", "this", "that", "these",
                         "those", "each", "every", "any", "some", "all"}))
        continue;
      const std::string& next = w[k + 1];
      if (one_of(next, {"few", "couple", "lot", "number", "several", "many"})) {
        if (plural) return true;
        continue;
      }
      const bool looks_plural = next.size() > 3 && next.back() == 's' && !next.ends_with("ss");
      if (looks_plural == plural || !plural) return true;
    }
    return false;
  };
  for (std::size_t i = 1; i < w.size(); ++i) {
    if (!ends_clause(i)) continue;
    if (w[i] == "any") return true;  // "... weeks without any, then ...": any what?
    if (w[i] == "it" && !has_antecedent(i, false)) return true;
    if (w[i] == "them" && !has_antecedent(i, true)) return true;
  }
  return false;
}

/// is_call_to_action, computed.
static bool is_call_to_action_unremembered(std::string_view text);

bool is_call_to_action(std::string_view text) {
  return remembered_answer(text, [](std::string_view t) { return is_call_to_action_unremembered(t); });
}

static bool is_call_to_action_unremembered(std::string_view text) {
  const std::string t = text::fold_for_match(text);
  if (contains_any(t, {"http://", "https://", "www.", "click", "sign up", "subscribe", "newsletter", "log in",
                       "download", "learn more", "read more", "find out more", "share this", "follow us",
                       "email us", "cookie", "print this", "see also", "was this helpful",
                       "feedback", "free trial", "free preview", "advertisement", "skip to", "back to top", "keep reading",
                       "continue reading", "read next", "you may also like", "related articles", "more from",
                       "was this page helpful", "did you find this"}))
    return true;
  // A wiki's hatnotes: "For the virus, see ...", "X redirects here", "Not to be confused with ...".
  if ((t.rfind("for ", 0) == 0 && t.find(", see ") != std::string::npos) ||
      contains_any(t, {"redirects here", "not to be confused with", "main article:", "this article is about"}))
    return true;
  // "Call us to book" invites; "Call us right away if ..." instructs.
  if (contains_any(t, {"call us", "contact us"}) &&
      !contains_any(t, {" if ", " when ", "right away", "straight away", "immediately", " before "}))
    return true;
  // "See a doctor if …", "Visit urgent care when …": going to care, not to another page.
  if (starts_with_any(t, {"see ", "visit "}) &&
      contains_any(t.substr(0, 48), {"doctor", "nurse", " gp", "health care", "healthcare", "clinic", "pharmacist",
                                     "dentist", "midwife", "provider", "emergency", "urgent care", "hospital",
                                     "specialist", "care team"}) &&
      !contains_any(t, {"website", "web site", "page", "online", "app "}))
    return false;
  return starts_with_any(t, {"visit ", "see ", "read ", "watch ", "listen ", "share", "print", "register ",
                             "join us", "donate", "related", "more on ", "explore "});
}

/// is_disclaimer, computed.
static bool is_disclaimer_unremembered(std::string_view text);

bool is_disclaimer(std::string_view text) {
  return remembered_answer(text, [](std::string_view t) { return is_disclaimer_unremembered(t); });
}

static bool is_disclaimer_unremembered(std::string_view text) {
  const std::string t = text::fold_for_match(text);
  return contains_any(t, {"medical advice", "informational purposes", "educational purposes", "information only",
                          "not a substitute", "does not replace", "no substitute for", "sample material",
                          "not intended to diagnose", "all rights reserved", "terms of use", "privacy policy"}) ||
         // "medical advice" in the message catalog's other languages (es, fr, pt, ht, tl, vi, ru,
         // zh-Hans, zh-Hant, ko, ar, fa, hi, bn), as sites word their disclaimers
         contains_any(t, {"consejo médico", "asesoramiento médico", "avis médical", "conseil médical",
                          "conselho médico", "aconselhamento médico", "konsèy medikal", "payong medikal",
                          "medikal na payo", "lời khuyên y tế", "tư vấn y tế", "медицинская консультация", "медицинской консультации", "медицинскую консультацию",
                          "медицинской консультацией", "медицинским советом", "медицинский совет", "医疗建议",
                          "醫療建議", "医学建议", "醫學建議", "의학적 조언", "의료 조언", "نصيحة طبية",
                          "توصیهٔ پزشکی", "توصیه پزشکی", "توصیه‌ی پزشکی", "चिकित्सा सलाह", "चिकित्सीय सलाह",
                          "চিকিৎসা পরামর্শ", "চিকিৎসার পরামর্শ"});
}

bool is_label_list(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || text::count_words(text.substr(0, colon)) > 3) return false;
  return std::count(text.begin() + static_cast<std::ptrdiff_t>(colon), text.end(), ',') >= 2 &&
         !ends_a_statement(text);
}

/// is_byline, computed.
static bool is_byline_unremembered(std::string_view text);

bool is_byline(std::string_view text) {
  return remembered_answer(text, [](std::string_view t) { return is_byline_unremembered(t); });
}

static bool is_byline_unremembered(std::string_view text) {
  const std::string t = text::fold_for_match(text);
  const std::vector<std::string> w = bare_words(text);
  if (w.empty()) return false;
  if (contains_any(t, {" min read", "minute read", "medically reviewed", "reviewed by", "written by",
                       "last updated", "last reviewed", "last edited", "encyclopedia"}))
    return true;
  if (one_of(w[0], {"by", "published", "updated", "posted", "reviewed", "author", "authors", "date"}) && w.size() <= 14)
    return true;
  return false;
}

bool describes_the_page(std::string_view text) {
  const std::string t = text::fold_for_match(text);
  if (starts_with_any(t, {"how to ", "what to ", "when to ", "learn ", "find out ", "everything you ", "all about ",
                          "information about ", "information on ", "tips ", "advice on ", "advice for ", "read about ",
                          "this page", "this guide", "this leaflet", "this handout", "this article", "this sheet",
                          "this booklet", "this fact sheet", "this factsheet", "this information", "in this "}))
    return true;
  const std::vector<std::string> w = bare_words(text);
  if (w.empty() || !one_of(w[0], {"a", "an", "the", "our", "your"})) return false;
  for (std::size_t i = 1; i < w.size() && i <= 4; ++i) {
    if (one_of(w[i], {"guide", "overview", "introduction", "summary", "look", "explanation", "handout", "leaflet",
                      "factsheet", "article", "page", "collection", "resource", "primer", "explainer", "booklet",
                      "checklist", "list"}))
      return true;
  }
  return false;
}

bool looks_like_heading(std::string_view text) {
  const char end = last_mark(text);
  if (end == '.' || end == '!' || end == '?' || end == ':') return false;
  std::size_t long_words = 0, capitalised = 0;
  for (const std::string& w : text::split_words(text)) {
    if (text::length(w) < 4) continue;
    ++long_words;
    const unsigned char c = static_cast<unsigned char>(w[0]);
    if (c >= 'A' && c <= 'Z') ++capitalised;
  }
  return long_words > 0 && capitalised * 3 >= long_words * 2;
}

std::string callout_label_of(std::string_view text, std::string* rest) {
  const std::optional<CalloutLabel> label = leading_callout_label(text);
  if (!label) return {};
  if (rest != nullptr) *rest = std::string(text::trim(text.substr(std::min(label->length, text.size()))));
  switch (label->kind) {
    case Admonition::note: return "note";
    case Admonition::tip: return "tip";
    case Admonition::important: return "important";
    case Admonition::warning: return "warning";
    case Admonition::caution: return "caution";
  }
  return {};
}

bool ends_a_statement(std::string_view text) {
  const char end = last_mark(text);
  return end == '.' || end == '!';
}

bool reads_on_its_own(std::string_view text, std::size_t min_words, bool need_end_mark) {
  const std::string_view t = text::trim(text);
  if (t.empty() || text::count_words(t) < min_words) return false;
  const unsigned char first = static_cast<unsigned char>(t[0]);
  if (first >= 'a' && first <= 'z') return false;
  if (first == '(' || first == '[') return false;  // an aside, or a reference
  const char end = last_mark(t);
  if (need_end_mark && end != '.' && end != '!') return false;
  if (end == ':' || end == ',' || end == ';' || is_question(t)) return false;
  if (!need_end_mark && end != '.' && end != '!' && looks_like_heading(t)) return false;
  // "Keep this page with your papers": about the page, not the subject.
  const std::string f = text::fold_for_match(t);
  if (contains_any(f, {"this page", "this handout", "this leaflet", "this sheet", "this guide", "this article",
                       "this checklist", "this story", "this booklet", "this website", "this site"}) ||
      // "this page", "this article", "this text", "sample material" in the message catalog's other
      // languages (es, fr, pt, ht, tl, vi, ru, zh, ko, ar, fa, hi, bn)
      contains_any(f, {"esta página", "este artículo", "material de ejemplo", "cette page", "cet article",
                       "document d'exemple", "este artigo", "material de exemplo", "paj sa a", "materyèl egzanp",
                       "pahinang ito", "artikulong ito", "halimbawang materyal", "trang này", "bài này",
                       "tài liệu mẫu", "эта страница", "эта статья", "этот текст", "本页", "本頁", "本文",
                       "이 글은", "이 페이지", "예시 자료", "هذه الصفحة", "هذا المقال", "مادة نموذجية", "این صفحه",
                       "این مقاله", "این متن", "यह लेख", "यह पृष्ठ", "नमूना सामग्री", "এই লেখা", "এই পৃষ্ঠা",
                       "নমুনা উপাদান"}))
    return false;
  return !opens_with_reference(t) && !is_call_to_action(t) && !is_disclaimer(t) && !is_byline(t) &&
         !is_label_list(t);
}

bool is_imperative(std::string_view text) {
  const std::vector<std::string> w = bare_words(text);
  if (w.size() < 2) return false;
  if (one_of(w[0], {"the", "a", "an", "this", "that", "these", "those", "your", "my", "our", "his", "her", "their",
                    "its", "you", "i", "we", "they", "he", "she", "it", "there", "some", "many", "most", "all",
                    "each", "every", "one", "if", "when", "while", "for", "in", "on", "at", "by", "with", "after",
                    "before", "during", "as", "because", "not", "no", "people", "children", "adults", "anyone",
                    "someone", "everyone", "most", "what", "how", "why", "who", "which"}))
    return false;
  const unsigned char c = static_cast<unsigned char>(w[0][0]);
  if (c >= '0' && c <= '9') return false;
  return !one_of(w[1], {"is", "are", "was", "were", "can", "could", "will", "would", "should", "may", "might",
                        "must", "has", "have", "had", "does", "do", "did", "means", "helps", "causes", "makes",
                        "gives", "keeps", "takes", "needs", "works", "comes", "goes"});
}

namespace {

/// Whether the first of words (bare_words of a text) is a verb an instruction opens with.
bool first_is_instruction_verb(const std::vector<std::string>& w) {
  return !w.empty() &&
         one_of(w[0], {"join",   "take",   "use",    "call",    "ask",   "eat",    "drink",  "avoid",   "keep",
                       "stop",   "start",  "get",    "go",      "see",   "tell",   "make",   "try",     "check",
                       "limit",  "choose", "cut",    "quit",    "wash",  "talk",   "find",   "learn",   "read",
                       "bring",  "write",  "plan",   "walk",    "sleep", "move",   "stay",   "watch",   "follow",
                       "know",   "be",     "do",     "give",    "put",   "let",    "add",    "reduce",  "increase",
                       "lower",  "protect", "manage", "track",  "share", "build",  "set",    "wear",    "store",
                       "clean",  "shake",  "press",  "breathe", "hold",  "wait",   "remember", "tell",  "visit",
                       "book",   "schedule", "measure", "record", "sit", "stand",  "lie",    "apply",   "cover",
                       "don't",  "never",  "always", "please",  "consider", "aim", "switch", "swap",    "pick"});
}

/// Whether words (bare_words of a text) hold a first-person pronoun.
bool has_first_person(const std::vector<std::string>& w) {
  return std::any_of(w.begin(), w.end(), [](const std::string& x) {
    return one_of(x, {"i", "my", "me", "mine", "i'm", "i've", "i'd", "i'll", "myself"});
  });
}

}  // namespace

bool opens_with_instruction_verb(std::string_view text) { return first_is_instruction_verb(bare_words(text)); }

bool is_first_person(std::string_view text) { return has_first_person(bare_words(text, 40)); }

bool is_mostly_numbers(std::string_view text) {
  const std::vector<std::string> w = bare_words(text, 40);
  if (w.empty()) return false;
  std::size_t numeric = 0;
  for (const std::string& x : w)
    numeric += (x.find_first_of("0123456789") != std::string::npos || one_of(x, {"a.m", "p.m", "am", "pm"})) ? 1 : 0;
  return numeric * 5 >= w.size() * 2;
}

double point_cue(std::string_view sentence) {
  const std::vector<std::string> w = bare_words(sentence, 40);
  if (w.empty()) return 0;
  double cue = 0;
  // The words are read once (the first 40); the opening verb is their first.
  if (first_is_instruction_verb(w) || one_of(w[0], {"avoid", "stop", "limit", "wash", "eat", "drink"})) cue += 1;
  for (const std::string& x : w) {
    if (one_of(x, {"must", "should", "need", "needs", "important"})) cue += 0.5;
    if (one_of(x, {"may", "might", "probably", "perhaps", "sometimes", "maybe"})) cue -= 0.5;
    if (one_of(x, {"we", "our", "us"})) cue -= 0.5;
  }
  if (has_first_person(w)) cue -= 1;
  return cue > 1 ? 1 : (cue < -1 ? -1 : cue);
}

bool has_verb_cue(std::string_view text) {
  if (opens_with_instruction_verb(text)) return true;
  for (const std::string& w : bare_words(text, 40))
    if (one_of(w, {"is", "are", "was", "were", "be", "been", "can", "could", "will", "would", "should", "may", "might",
                   "must", "do", "does", "did", "has", "have", "had", "need", "needs", "helps", "help", "means",
                   "makes", "gets", "keeps", "takes", "causes", "lowers", "raises", "works", "comes", "goes", "let",
                   "lets", "don't", "doesn't", "can't", "won't", "isn't", "aren't"}))
      return true;
  return false;
}

std::string first_sentence_of(std::string_view text) {
  const std::vector<std::string> s = text::split_sentences(text);
  return s.empty() ? std::string() : s.front();
}

std::string shorten_point(std::string_view text, std::string_view lead, std::size_t max_words) {
  const std::string whole = text::collapse_whitespace(text);
  if (text::count_words(whole) <= max_words) return whole;
  const std::string l = text::collapse_whitespace(lead);
  if (!l.empty() && whole.rfind(l, 0) == 0) {
    // What separates the lead from the rest: spaces, colons, full stops and dashes.
    std::size_t at = l.size();
    while (at < whole.size()) {
      if (std::string_view(" :.-").find(whole[at]) != std::string_view::npos) {
        ++at;
      } else if (whole.compare(at, 3, "\xE2\x80\x94") == 0 || whole.compare(at, 3, "\xE2\x80\x93") == 0) {
        at += 3;
      } else {
        break;
      }
    }
    const std::string rest = first_sentence_of(std::string_view(whole).substr(at));
    if (!rest.empty()) return whole.substr(0, at) + rest;
  }
  return first_sentence_of(whole);
}

}  // namespace handout
