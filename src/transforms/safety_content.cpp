#include "transforms/safety_content.hpp"

#include "text/text.hpp"
#include "transforms/statement_checks.hpp"
#include "transforms/summary_labels.hpp"

#include <cstring>
#include <unordered_set>

namespace handout {

namespace {

constexpr std::size_t kItemWords = 30;     // a longer item is cut to its first sentence
constexpr std::size_t kCalloutWords = 45;  // a call-out keeps its leading sentences up to this

std::string plain(pugi::xml_node n) { return text::collapse_whitespace(text_content(n, true)); }

std::string folded(std::string_view s) {
  const std::string f = text::fold_case(text::trim(s));
  std::string out;
  out.reserve(f.size());
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.compare(i, 3, "\xE2\x80\x99") == 0) {
      out += '\'';
      i += 2;
    } else {
      out += f[i];
    }
  }
  return out;
}

bool contains_any(std::string_view haystack, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles)
    if (haystack.find(n) != std::string_view::npos) return true;
  return false;
}

bool is_named(pugi::xml_node n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (std::strcmp(n.name(), name) == 0) return true;
  return false;
}

bool is_list(pugi::xml_node n) { return is_named(n, {"itemizedlist", "orderedlist"}); }

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
    out += (out.empty() ? "" : " ") + s;
    words += n;
  }
  return out;
}

/// Gathers the lines in document order, once each.
class SafetyCollector {
 public:
  explicit SafetyCollector(const Document& doc) : labels_(summary_labels(doc.language())) {}

  std::vector<std::string> lines;

  void walk(pugi::xml_node parent, const std::string& safety_title) {
    for (pugi::xml_node c = parent.first_child(); c && lines.size() < kMaxSafetyItems; c = c.next_sibling()) {
      if (c.type() != pugi::node_element) continue;
      if (is_named(c, {"info", "title", "table", "informaltable"}) || used_.count(c.internal_object())) continue;
      // The key points sidebar made from front matter is not the source's text.
      if (is_named(c, {"sidebar"}) && std::strcmp(c.attribute("role").value(), "key-points") == 0) continue;
      if (is_named(c, {"section"})) {
        const std::string title = plain(c.child("title"));
        walk(c, is_safety_title(title) ? title : safety_title);
      } else if (is_named(c, {"warning", "caution", "important"})) {
        callout(c);
      } else if (is_named(c, {"para", "simpara"})) {
        para(c, safety_title);
      } else if (is_list(c)) {
        if (!safety_title.empty()) {
          list(c, safety_title + ":");
        } else {
          walk_items(c);
        }
      } else if (is_named(c, {"footnote"})) {
        walk(c, "");
      } else {
        walk(c, safety_title);
      }
    }
  }

 private:
  void add(std::string line) {
    line = text::collapse_whitespace(line);
    if (line.empty() || lines.size() >= kMaxSafetyItems) return;
    if (seen_.insert(folded(line)).second) lines.push_back(std::move(line));
  }

  /// A lead-in and the items of the list after it; the lead-in only when an item is added.
  void list(pugi::xml_node list, const std::string& lead) {
    used_.insert(list.internal_object());
    std::vector<std::string> items;
    for (pugi::xml_node item : list.children("listitem")) {
      const std::string t = plain(item);
      if (t.empty() || is_call_to_action(t) || is_disclaimer(t)) continue;
      items.push_back(shorten_point(t, {}, kItemWords));
    }
    if (items.empty()) return;
    add(lead);
    for (std::string& i : items) add(std::move(i));
  }

  void walk_items(pugi::xml_node list) {
    for (pugi::xml_node item : list.children("listitem")) walk(item, "");
  }

  void para(pugi::xml_node p, const std::string& safety_title) {
    const std::string t = plain(p);
    if (t.empty()) return;
    const std::vector<std::string> sentences = text::split_sentences(t);
    const pugi::xml_node next = next_element(p);
    if (next && is_list(next) && !sentences.empty() && is_lead_in(sentences.back()) &&
        (!safety_title.empty() || is_safety_lead_in(sentences.back()))) {
      if (!safety_title.empty()) {
        for (std::size_t i = 0; i + 1 < sentences.size(); ++i) sentence(sentences[i], true);
      }
      list(next, sentences.back());
    } else {
      for (const std::string& s : sentences) sentence(s, !safety_title.empty());
    }
    // Notes inside the paragraph are read too.
    for (const auto& f : p.select_nodes(".//footnote")) walk(f.node(), "");
  }

  /// A sentence of a safety section (any statement) or of other text (only a safety sentence).
  void sentence(const std::string& s, bool in_safety_section) {
    if (is_question(s) || is_call_to_action(s) || is_disclaimer(s) || is_byline(s) || is_lead_in(s)) return;
    if (in_safety_section ? (text::count_words(s) >= 3 && !opens_with_reference(s)) : is_safety_sentence(s)) add(s);
  }

  void callout(pugi::xml_node c) {
    for (pugi::xml_node b = c.first_child(); b; b = b.next_sibling()) {
      if (b.type() != pugi::node_element || is_named(b, {"title"}) || used_.count(b.internal_object())) continue;
      if (is_list(b)) {
        list(b, std::string(labels_.get_help_now));
        continue;
      }
      const std::string t = plain(b);
      if (t.empty() || is_disclaimer(t) || is_call_to_action(t)) continue;
      const pugi::xml_node next = next_element(b);
      if (next && is_list(next) && is_lead_in(t)) {
        list(next, t);
      } else {
        add(leading_sentences(t, kCalloutWords));
      }
    }
  }

  const SummaryLabels& labels_;
  std::unordered_set<std::string> seen_;
  std::unordered_set<const void*> used_;
};

}  // namespace

bool is_safety_title(std::string_view title) {
  const std::string t = folded(title);
  return contains_any(t, {"when to call", "when to get", "when to seek", "when to see", "when to go", "when to contact",
                          "when to phone", "when to worry", "when to ask for help", "warning sign", "danger sign",
                          "red flag", "emergency", "get help", "getting help", "seek help", "seek medical",
                          "seeking medical", "urgent", "call your", "call 911", "call 999", "call 112", "call the",
                          "serious side effect", "medical alert", "signs of a serious"});
}

bool says_to_get_help(std::string_view text) {
  const std::string t = folded(text);
  return contains_any(t, {"call 911", "call 999", "call 112", "call 000", "dial 911", "dial 999", "dial 112",
                          "call an ambulance", "call for an ambulance", "call your", "call the ", "phone your",
                          "phone the ", "ring your", "contact your", "contact the ", "see a doctor", "see your doctor",
                          "see your gp", "see a gp", "get emergency", "get medical", "get help", "get urgent",
                          "seek medical", "seek emergency", "seek help", "seek urgent", "seek care", "go to the emergency",
                          "go to an emergency", "go to the nearest", "go to a&e", "go to the er", "go to the hospital",
                          "go to hospital", "emergency room", "emergency department", "urgent care"}) ||
         (contains_any(t, {"tell your", "tell a ", "tell the "}) &&
          contains_any(t, {"right away", "straight away", "at once", "immediately"}));
}

bool is_safety_sentence(std::string_view sentence) {
  if (!says_to_get_help(sentence)) return false;
  const std::string t = " " + folded(sentence) + " ";
  return contains_any(t, {" if ", " when ", " for ", " right away", " straight away", " at once", " immediately",
                          " now", "any of", "these signs", "these symptoms", " whenever "});
}

bool is_safety_lead_in(std::string_view text) {
  if (!is_lead_in(text)) return false;
  const std::string t = folded(text);
  if (says_to_get_help(t)) return true;
  if (contains_any(t, {"warning sign", "danger sign", "emergency sign", "red flag", "signs of a serious",
                       "signs of serious", "serious side effect", "signs of an emergency", "watch for",
                       "look out for", "watch out for"}))
    return true;
  return t.find("signs") != std::string::npos &&
         contains_any(t, {"serious", "severe", "infection", "stroke", "heart attack", "emergency", "danger"});
}

std::vector<std::string> find_safety_items(const Document& doc) {
  SafetyCollector collector(doc);
  collector.walk(doc.article(), "");
  // A lead-in left without the items after it (cut off by the limit) says nothing.
  while (!collector.lines.empty() && is_lead_in(collector.lines.back())) collector.lines.pop_back();
  return collector.lines;
}

}  // namespace handout
