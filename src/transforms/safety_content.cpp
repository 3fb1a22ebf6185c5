#include "transforms/safety_content.hpp"

#include "transforms/safety_phrases.hpp"

#include "text/text.hpp"
#include "text/word_match.hpp"
#include "transforms/remembered_answers.hpp"
#include "transforms/statement_checks.hpp"
#include "transforms/summary_labels.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_set>

namespace handout {

namespace {

/// True when folded text holds one of a language's phrases.
bool contains_phrase(std::string_view folded, const std::vector<std::string_view>& phrases) {
  for (std::string_view p : phrases)
    if (folded.find(p) != std::string_view::npos) return true;
  return false;
}

using text::contains_any;
using text::starts_with_any;

constexpr std::size_t kItemWords = 30;       // a longer item is cut to its first sentence
constexpr std::size_t kCalloutWords = 45;    // a call-out keeps its leading sentences up to this
constexpr std::size_t kFlatItemWords = 45;   // a paragraph this short after a lead-in may be an item
constexpr std::size_t kIntroParagraphs = 3;  // paragraphs read to tell whether the subject is an emergency

std::string flat_text(pugi::xml_node n) { return text::collapse_whitespace(text_content(n, true)); }

bool has_name(pugi::xml_node n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (std::strcmp(n.name(), name) == 0) return true;
  return false;
}

bool is_list_element(pugi::xml_node n) { return has_name(n, {"itemizedlist", "orderedlist"}); }
bool is_para(pugi::xml_node n) { return has_name(n, {"para", "simpara"}); }

pugi::xml_node next_element(pugi::xml_node n) {
  for (pugi::xml_node s = n.next_sibling(); s; s = s.next_sibling())
    if (s.type() == pugi::node_element) return s;
  return {};
}

/// Returns the leading sentences of text up to about max_words words (at least one).
std::string leading_sentences(std::string_view text, std::size_t max_words) {
  std::string out;
  std::size_t words = 0;
  for (const std::string& s : text::split_sentences(text)) {
    const std::size_t n = text::count_words(s);
    if (!out.empty() && words + n > max_words) break;
    text::append_sentence(out, s);
    words += n;
  }
  return out;
}

/// The label of a paragraph written as a warning ("Warning: ...", "**Important:** ..."), and
/// the text after it; an empty label for any other paragraph (notes and tips included).
std::pair<std::string, std::string> callout_label(std::string_view text) {
  std::string rest;
  const std::string label = callout_label_of(text, &rest);
  if (label.empty() || label == "note" || label == "tip") return {};
  return {label, rest};
}

/// Returns true when text has a letter (not only emoji, digits or punctuation).
bool has_letters(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = text::next_code_point(text, i);
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp < 0x2000)) return true;
  }
  return false;
}

/// Returns true when text names signs or symptoms ("Signs include:").
bool names_signs(std::string_view text) {
  const std::string t = text::fold_for_match(text);
  return contains_any(t, {"sign", "symptom"});
}

/// Returns true when a sentence lists signs or symptoms ("Signs include shaking, ...").
bool names_signs_present(std::string_view sentence) {
  return contains_any(text::fold_for_match(sentence), {"signs include", "symptoms include", "signs are", "symptoms are",
                                         "signs can include", "symptoms can include", "signs may include",
                                         "symptoms may include"});
}

/// Returns true when a sentence states that something is an emergency or can kill.
bool states_emergency(std::string_view sentence) {
  return contains_any(text::fold_for_match(sentence), {"medical emergency", "is an emergency", "life-threatening", "life threatening",
                                         "can be fatal", "can be deadly", "can kill", "can cause death"});
}

/// Returns true for "Never ..." and for "Do not ..." about driving or emergency care.
bool is_prohibition(std::string_view sentence, bool any) {
  const std::string t = text::fold_for_match(sentence);
  if (starts_with_any(t, {"never "})) return true;
  if (!starts_with_any(t, {"do not ", "don't "})) return false;
  return any || contains_any(t, {"hospital", "emergency", "911", "999", "112", "ambulance", " drive", "driving"});
}

/// Returns true when a sentence points back at a list of signs ("any of these signs").
bool refers_to_signs(std::string_view sentence) {
  return contains_any(text::fold_for_match(sentence), {"any of these", "these signs", "these symptoms", "any of the signs",
                                         "any of the symptoms", "one of these"});
}

/// Returns true when text says to call an emergency number or go to emergency care.
bool says_emergency_help(std::string_view text) {
  return contains_any(text::fold_for_match(text), {"call 911", "call 999", "call 112", "call 000", "dial 911", "dial 999",
                                     "dial 112", "ambulance", "emergency room", "emergency department",
                                     "emergency help", "emergency care", "emergency glucagon"});
}

/// Where a block stands: in a section about when to get help, or in one that says to call an
/// emergency number (whose signs and what-to-do sentences are then danger signs too).
struct Place {
  std::string safety_title;  ///< the title of the safety section it is in, or empty
  bool emergency = false;    ///< its section says to call an emergency number
};

/// Gathers the lines in document order, once each.
class SafetyCollector {
 public:
  explicit SafetyCollector(const Document& doc)
      : labels_(summary_labels(doc.language())), language_(doc.language()) {
    // The opening paragraphs say whether the subject itself is an emergency.
    std::size_t read = 0;
    for (const auto& x : doc.xml().select_nodes("//para")) {
      if (x.node().parent() && has_name(x.node().parent(), {"info", "footnote"})) continue;
      const std::string t = text::fold_for_match(flat_text(x.node()));
      if (states_emergency(t) || contains_any(t, {"emergency treatment", "call 911", "call 999", "call 112"})) {
        emergency_subject_ = true;
        break;
      }
      if (++read == kIntroParagraphs) break;
    }
  }

  /// Returns the lines to show: the most certain groups first (stated danger signs and warnings
  /// before signs inferred from an emergency context) up to kMaxSafetyItems, in document order.
  std::vector<std::string> lines() const {
    std::vector<std::size_t> order(groups_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return groups_[a].strength > groups_[b].strength; });
    std::vector<std::size_t> taken_lines(groups_.size(), 0);
    std::size_t total = 0;
    for (std::size_t g : order) {
      const std::size_t room = kMaxSafetyItems - total;
      const std::size_t n = groups_[g].lines.size();
      // A list that does not fit keeps its lead-in and first items when a few fit.
      const std::size_t take = n <= room ? n : (groups_[g].list && room >= 3 ? room : 0);
      taken_lines[g] = take;
      total += take;
    }
    std::vector<std::string> out;
    for (std::size_t g = 0; g < groups_.size(); ++g)
      for (std::size_t i = 0; i < taken_lines[g]; ++i) out.push_back(groups_[g].lines[i]);
    return out;
  }

  void walk(pugi::xml_node parent, const Place& place) {
    const std::size_t collected_before_section = collected_;
    for (pugi::xml_node c = parent.first_child(); c && collected_ < kCollectLimit; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (has_name(c, {"info", "title", "table", "informaltable"}) || used_.count(c.internal_object())) continue;
      // The key points sidebar made from front matter is not the source's text.
      if (has_name(c, {"sidebar"}) && std::strcmp(c.attribute("role").value(), "key-points") == 0) continue;
      if (has_name(c, {"section"})) {
        const std::string title = flat_text(c.child("title"));
        walk(c, {is_safety_title(title, language_) ? title : place.safety_title, says_emergency_help(text_content(c, true))});
      } else if (has_name(c, {"warning", "caution", "important"})) {
        callout(c);
      } else if (is_para(c)) {
        // What follows a disclaimer at the end of a section about getting help is the site's end matter.
        if (!place.safety_title.empty() && is_disclaimer(flat_text(c)) && collected_ > collected_before_section) break;
        para(c, place);
      } else if (is_list_element(c)) {
        if (!place.safety_title.empty()) {
          list(items_of(c), place.safety_title + ":");
        } else {
          walk_items(c, place);
        }
      } else if (has_name(c, {"footnote"})) {
        walk(c, {});
      } else {
        walk(c, place);
      }
    }
  }

 private:
  /// One group of lines shown or left out together: a sentence, or a lead-in and its items.
  struct Group {
    std::vector<std::string> lines;
    int strength;  ///< 2: stated as a danger sign or warning; 1: inferred from an emergency context
    bool list;
  };

  /// Adds a line as a group of its own.
  void add(std::string line, int strength = kStated) {
    line = text::collapse_whitespace(line);
    if (line.empty() || collected_ >= kCollectLimit || !seen_.insert(text::fold_for_match(line)).second) return;
    groups_.push_back({{std::move(line)}, strength, false});
    ++collected_;
  }

  /// The texts of a list's items, marking the list used.
  std::vector<std::string> items_of(pugi::xml_node list) {
    used_.insert(list.internal_object());
    std::vector<std::string> items;
    for (pugi::xml_node item : list.children("listitem")) items.push_back(flat_text(item));
    return items;
  }

  /// The paragraphs after p that read as the items of a list flattened into paragraphs (text
  /// copied from a web page loses its bullets): short, neither lead-ins nor long prose.
  /// The items share the first one's shape: all end with a full stop, or none does.
  std::vector<pugi::xml_node> flat_items_after(pugi::xml_node p) {
    std::vector<pugi::xml_node> out;
    bool statements = false;
    for (pugi::xml_node n = next_element(p); n && is_para(n); n = next_element(n)) {
      const std::string t = flat_text(n);
      if (t.empty() || text::count_words(t) > kFlatItemWords || is_lead_in(t) || callout_label(t).first.size() > 0 ||
          is_call_to_action(t) || is_byline(t) || is_disclaimer(t) || is_question(t) || !has_letters(t) ||
          (is_safety_title(t, language_) && !ends_a_statement(t)))  // "When to call 911": a heading the text lost
        break;
      if (out.empty()) statements = ends_a_statement(t);
      if (ends_a_statement(t) != statements) break;
      out.push_back(n);
    }
    return out;
  }

  /// A lead-in and its items as one group; nothing when no item is new.
  void list(const std::vector<std::string>& texts, const std::string& lead, int strength = kStated) {
    Group group{{text::collapse_whitespace(lead)}, strength, true};
    for (const std::string& t : texts) {
      if (t.empty() || is_call_to_action(t) || is_disclaimer(t)) continue;
      std::string item = text::collapse_whitespace(shorten_point(t, {}, kItemWords));
      if (seen_.insert(text::fold_for_match(item)).second) group.lines.push_back(std::move(item));
    }
    if (group.lines.size() < 2 || collected_ >= kCollectLimit) return;
    collected_ += group.lines.size();
    groups_.push_back(std::move(group));
  }

  void walk_items(pugi::xml_node list, const Place& place) {
    for (pugi::xml_node item : list.children("listitem")) walk(item, {{}, place.emergency});
  }

  /// Returns true when the items after a lead-in are danger signs: the lead-in or the section
  /// says so, an item or the sentence after them says to get help if they appear, or they are
  /// the signs of a subject the text calls an emergency.
  int danger_list_strength(const std::string& lead, const std::vector<std::string>& items, pugi::xml_node after,
                           const Place& place) const {
    if (!place.safety_title.empty() || is_safety_lead_in(lead, language_)) return kStated;
    for (const std::string& i : items)
      if (is_safety_sentence(i, language_) && refers_to_signs(i)) return kStated;
    if (after && is_para(after)) {
      const std::string next = first_sentence_of(flat_text(after));
      if (is_safety_sentence(next, language_) && refers_to_signs(next)) return kStated;
    }
    return (place.emergency || emergency_subject_) && names_signs(lead) ? kInferred : 0;
  }

  void para(pugi::xml_node p, const Place& place) {
    const std::string t = flat_text(p);
    if (t.empty()) return;
    const bool in_safety = !place.safety_title.empty();
    // A paragraph written as a call-out: "Warning: ...".
    if (auto [label, rest] = callout_label(t); !label.empty()) {
      if (!rest.empty() && !is_disclaimer(rest) && !is_call_to_action(rest)) add(leading_sentences(rest, kCalloutWords));
      return;
    }
    const std::vector<std::string> sentences = text::split_sentences(t);
    if (sentences.empty()) return;
    // A lead-in with a list after it, or with items flattened into paragraphs. In a safety
    // section a short line without an end mark ("When to call 911") leads in too.
    std::string lead = is_lead_in(sentences.back()) ? sentences.back() : std::string();
    if (lead.empty() && in_safety && sentences.size() == 1 && text::count_words(t) <= 8 && !ends_a_statement(t) &&
        !is_question(t) && (is_safety_title(t, language_) || looks_like_heading(t)))
      lead = t + ":";
    // Site furniture ("Share:", "Tags:") leads in nothing.
    if (!lead.empty() && (text::count_words(lead) < 2 || is_call_to_action(lead) || is_byline(lead))) lead.clear();
    if (!lead.empty()) {
      std::vector<std::string> items;
      pugi::xml_node after;
      const pugi::xml_node next = next_element(p);
      std::vector<pugi::xml_node> flat;
      if (next && is_list_element(next)) {
        for (pugi::xml_node item : next.children("listitem")) items.push_back(flat_text(item));
        after = next_element(next);
      } else {
        flat = flat_items_after(p);
        for (pugi::xml_node n : flat) items.push_back(flat_text(n));
        after = flat.empty() ? next : next_element(flat.back());
      }
      const int strength = items.empty() ? 0 : danger_list_strength(lead, items, after, place);
      if (strength > 0) {
        for (std::size_t i = 0; i + 1 < sentences.size(); ++i) sentence(sentences[i], place);
        // A lead-in that does not itself say what the items are gets the sheet's own.
        const bool says = in_safety || is_safety_lead_in(lead, language_) || names_signs(lead);
        if (next && is_list_element(next)) items = items_of(next);
        for (pugi::xml_node n : flat) used_.insert(n.internal_object());
        list(items, says ? lead : std::string(labels_.get_help_now), strength);
        // What to do or not to do right after danger signs belongs with them.
        if (after && is_para(after) && !used_.count(after.internal_object())) {
          for (const std::string& s : text::split_sentences(flat_text(after)))
            if (!is_lead_in(s) && (is_prohibition(s, true) || is_safety_sentence(s, language_))) add(s);
        }
        return;
      }
    }
    // In a safety section, lines without an end mark are the items of a list that lost its
    // bullets when they open the section; anywhere else they are headings or site furniture.
    if (in_safety && !ends_a_statement(t)) {
      const pugi::xml_node before = p.previous_sibling();
      const bool opens_section = !before || std::strcmp(before.name(), "title") == 0;
      if (opens_section && text::count_words(t) <= kFlatItemWords) {
        std::vector<pugi::xml_node> run = flat_items_after(p);
        std::vector<std::string> items{t};
        for (pugi::xml_node n : run) {
          items.push_back(flat_text(n));
          used_.insert(n.internal_object());
        }
        list(items, place.safety_title + ":");
      }
      return;
    }
    for (const std::string& s : sentences) sentence(s, place);
    // Notes inside the paragraph are read too.
    for (const auto& f : p.select_nodes(".//footnote")) walk(f.node(), {});
  }

  /// A sentence of a safety section (any statement) or of other text: a safety sentence, a
  /// statement that something is an emergency, a strong prohibition; and in a section that
  /// says to call an emergency number, the signs it names and what to do if they appear.
  void sentence(const std::string& s, const Place& place) {
    if (!place.safety_title.empty()) {
      if (is_question(s) || is_call_to_action(s) || is_disclaimer(s) || is_byline(s) || is_lead_in(s)) return;
      // Any line of the section but furniture ("Tags: a, b, c", a one-word link).
      if (is_label_list(s) || text::count_words(s) < 2) return;
      if (!opens_with_reference(s) || is_safety_sentence(s, language_)) add(s);
      return;
    }
    // Outside a safety section a sentence is taken for what it says; what would rule it out is
    // asked only of the few that say it (the checks are independent, so the order is free).
    const bool stated = is_safety_sentence(s, language_) || states_emergency(s) || is_prohibition(s, place.emergency);
    const bool inferred =
        !stated && place.emergency && (names_signs_present(s) || text::fold_for_match(s).rfind("if ", 0) == 0);
    if (!stated && !inferred) return;
    if (is_question(s) || is_call_to_action(s) || is_disclaimer(s) || is_byline(s) || is_lead_in(s)) return;
    // "I did call 911, about twenty minutes after ...": a story, unless it instructs ("Call the
    // clinic if I get a fever", in a patient's own note).
    if (is_first_person(s) && !opens_with_instruction_verb(s)) return;
    add(s, stated ? kStated : kInferred);
  }

  void callout(pugi::xml_node c) {
    for (pugi::xml_node b = c.first_child(); b; b = b.next_sibling()) {
      if (b.type() != pugi::node_element || has_name(b, {"title"}) || used_.count(b.internal_object())) continue;
      if (is_list_element(b)) {
        list(items_of(b), std::string(labels_.get_help_now));
        continue;
      }
      std::string t = flat_text(b);
      if (auto [label, rest] = callout_label(t); !label.empty()) t = rest;  // "Warning: Warning: ..."
      if (t.empty() || is_disclaimer(t) || is_call_to_action(t)) continue;
      const pugi::xml_node next = next_element(b);
      if (next && is_list_element(next) && is_lead_in(t)) {
        list(items_of(next), t);
      } else {
        add(leading_sentences(t, kCalloutWords));
      }
    }
  }

  static constexpr int kStated = 2;
  static constexpr int kInferred = 1;
  static constexpr std::size_t kCollectLimit = 4 * kMaxSafetyItems;

  const SummaryLabels labels_;
  const std::string language_;  ///< the document's: cue words of its language count with the English ones
  bool emergency_subject_ = false;
  std::vector<Group> groups_;
  std::size_t collected_ = 0;
  std::unordered_set<std::string> seen_;
  std::unordered_set<const void*> used_;
};

}  // namespace

bool is_safety_title(std::string_view title, std::string_view language) {
  const std::string t = text::fold_for_match(title);
  if (const SafetyPhrases* own = safety_phrases(language); own && contains_phrase(t, own->titles)) return true;
  return contains_any(t, {"when to call", "when to get", "when to seek", "when to see", "when to go", "when to contact",
                          "when to phone", "when to worry", "when to ask for help", "warning sign", "danger sign",
                          "red flag", "emergency", "get help", "getting help", "seek help", "seek medical",
                          "seeking medical", "urgent", "call your", "call 911", "call 999", "call 112", "call the",
                          "serious side effect", "medical alert", "signs of a serious", "if someone takes too much",
                          "overdose", "poisoning"});
}

/// says_to_get_help, computed.
static bool says_to_get_help_unremembered(std::string_view text, std::string_view language);

bool says_to_get_help(std::string_view text, std::string_view language) {
  if (language == "en")
    return remembered_answer(text, [](std::string_view t) { return says_to_get_help_unremembered(t, "en"); });
  return says_to_get_help_unremembered(text, language);
}

static bool says_to_get_help_unremembered(std::string_view text, std::string_view language) {
  const std::string t = text::fold_for_match(text);
  if (const SafetyPhrases* own = safety_phrases(language); own && contains_phrase(t, own->get_help)) return true;
  return contains_any(t, {"call 911", "call 999", "call 112", "call 000", "dial 911", "dial 999", "dial 112",
                          "call an ambulance", "call for an ambulance", "call your", "call the ", "call us",
                          "call our", "call poison", "poison control", "phone your", "phone the ", "ring your",
                          "contact your", "contact the ", "contact us", "see a doctor", "see your doctor",
                          "see your gp", "see a gp", "see a health", "see your health", "see a nurse",
                          "see a medical", "be seen", "get emergency", "get medical", "get help", "get urgent",
                          "seek medical", "seek emergency", "seek help", "seek urgent", "seek care", "urgent medical",
                          "emergency treatment", "go to the emergency", "go to an emergency", "go to the nearest",
                          "go to a&e", "go to the er", "go to the hospital", "go to hospital", "return to the emergency",
                          "return to the hospital", "emergency room", "emergency department", "urgent care"}) ||
         (contains_any(t, {"tell your", "tell a ", "tell the "}) &&
          contains_any(t, {"right away", "straight away", "at once", "immediately"}));
}

bool is_safety_sentence(std::string_view sentence, std::string_view language) {
  if (!says_to_get_help(sentence, language)) return false;
  const std::string t = " " + text::fold_for_match(sentence) + " ";
  if (const SafetyPhrases* own = safety_phrases(language); own && contains_phrase(t, own->conditions)) return true;
  return contains_any(t, {" if ", " when ", " for ", " after ", " right away", " straight away", " at once",
                          " immediately", " now", "any of", "these signs", "these symptoms", " whenever ", "urgent",
                          "promptly", "same day", "as soon as", "without delay", " should "});
}

bool is_safety_lead_in(std::string_view text, std::string_view language) {
  if (!is_lead_in(text)) return false;
  const std::string t = text::fold_for_match(text);
  if (says_to_get_help(t, language)) return true;
  if (const SafetyPhrases* own = safety_phrases(language); own && contains_phrase(t, own->titles)) return true;
  if (contains_any(t, {"warning sign", "danger sign", "emergency sign", "red flag", "signs of a serious",
                       "signs of serious", "serious side effect", "signs of an emergency", "watch for",
                       "look out for", "watch out for"}))
    return true;
  return t.find("signs") != std::string::npos &&
         contains_any(t, {"serious", "severe", "infection", "stroke", "heart attack", "emergency", "danger"});
}

std::vector<std::string> find_safety_items(const Document& doc) {
  SafetyCollector collector(doc);
  collector.walk(doc.article(), {});
  std::vector<std::string> lines = collector.lines();
  // A lead-in left without the items after it (cut off by the limit) says nothing.
  while (!lines.empty() && is_lead_in(lines.back())) lines.pop_back();
  return lines;
}

}  // namespace handout
