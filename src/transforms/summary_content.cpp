#include "transforms/summary_content.hpp"

#include "model/builder.hpp"
#include "model/metadata.hpp"
#include "text/text.hpp"
#include "text/word_match.hpp"
#include "transforms/glossary_terms.hpp"
#include "transforms/safety_content.hpp"
#include "transforms/section_kinds.hpp"
#include "transforms/sentence_rank.hpp"
#include "transforms/statement_checks.hpp"
#include "transforms/summary_labels.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace handout {

namespace {

using text::has_word;

constexpr std::size_t kMaxKeyPoints = 7;
constexpr std::size_t kMinKeyPoints = 3;
constexpr std::size_t kRankedKeyPoints = 4;    // points chosen by ranking alone
constexpr std::size_t kMaxListPoints = 10;     // a longer list is not a list of points
constexpr std::size_t kPointWords = 30;        // a longer point is cut to its first sentence
constexpr std::size_t kListPointWords = 12;    // a list item longer than this is cut to its first sentence
constexpr std::size_t kMaxRankedWords = 35;    // a longer sentence is not a point
constexpr std::size_t kMinRankedWords = 4;     // nor a shorter one
constexpr std::size_t kMaxGraphWords = 120;    // longer sentences are left out of the ranking
constexpr std::size_t kMaxQuestions = 8;
constexpr std::size_t kQuestionRun = 3;        // questions in a row (or question headings) make a list (a FAQ)
constexpr std::size_t kOpeningParagraphs = 12; // read for a line that names a FAQ
constexpr std::size_t kMainMessageWords = 50;   // one or two sentences, at most this many words
constexpr std::size_t kMessageChoices = 3;      // the opening sentences the message may start at
constexpr std::size_t kLabelChars = 30;         // a colon this near the start ends a label ("Face drooping:")
constexpr std::size_t kShortText = 500;         // words: the only list of a text this short states its points
constexpr double kBoldListShare = 0.15;         // of the body's words, for a list with bold lead terms
constexpr double kChecklistShare = 0.25;        // of the body's words, for a checklist
constexpr double kRedundant = 0.5;              // sentences this similar say the same thing

constexpr const char* kSource = "source";
constexpr const char* kRanked = "ranked";
constexpr const char* kGenerated = "generated";

std::string plain(pugi::xml_node n) { return text::collapse_whitespace(text_content(n, true)); }

bool is_named(pugi::xml_node n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (std::strcmp(n.name(), name) == 0) return true;
  return false;
}

bool is_list(pugi::xml_node n) { return is_named(n, {"itemizedlist", "orderedlist"}); }

/// Returns true for a section whose text can give key points and the main message.
bool is_article_text(pugi::xml_node n) {
  if (in_aside(n)) return false;
  const SectionKind k = context_kind(n);
  return k == SectionKind::ordinary || k == SectionKind::summary;
}

/// Whether n holds any text but spaces, footnotes not counted (what !plain(n).empty() says),
/// found without building the text: the first words usually answer.
bool has_text(pugi::xml_node n) {
  pugi::xml_node cur = n.first_child();
  while (cur) {
    const pugi::xml_node_type type = cur.type();
    if (type == pugi::node_pcdata || type == pugi::node_cdata) {
      if (!text::trim(cur.value()).empty()) return true;
    } else if (type == pugi::node_element && std::strcmp(cur.name(), "footnote") != 0 && cur.first_child()) {
      cur = cur.first_child();
      continue;
    }
    while (!cur.next_sibling()) {
      cur = cur.parent();
      if (!cur || cur == n) return false;
    }
    cur = cur.next_sibling();
  }
  return false;
}

bool is_text_para(pugi::xml_node p) {
  return is_named(p, {"para", "simpara"}) && !p.attribute("role") && has_text(p);
}

pugi::xml_node find_section(const Document& doc, SectionKind kind) {
  for (const auto& x : doc.xml().select_nodes("//section")) {
    if (!in_aside(x.node()) && section_kind_of(x.node()) == kind) return x.node();
  }
  return {};
}

pugi::xml_node previous_element(pugi::xml_node n) {
  for (pugi::xml_node s = n.previous_sibling(); s; s = s.previous_sibling())
    if (s.type() == pugi::node_element) return s;
  return {};
}

/// The text of a list's lead-in: the last sentence of the paragraph just before it, if that
/// ends in ":".
std::string lead_in_of(pugi::xml_node list) {
  const pugi::xml_node before = previous_element(list);
  if (!before || !is_named(before, {"para", "simpara"})) return {};
  const std::vector<std::string> s = text::split_sentences(plain(before));
  return !s.empty() && is_lead_in(s.back()) ? s.back() : std::string();
}

/// The top-level items of a list (not those of lists inside its items).
std::vector<pugi::xml_node> items_of(pugi::xml_node list) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node item : list.children("listitem")) out.push_back(item);
  return out;
}

/// The bold or emphasised term an item or paragraph opens with ("**Less salt**: ..."), or empty.
std::string lead_term(pugi::xml_node block) {
  pugi::xml_node p = is_named(block, {"listitem"}) ? block.find_child([](pugi::xml_node c) {
    return c.type() == pugi::node_element;
  }) : block;
  if (!p || !is_named(p, {"para", "simpara"})) return {};
  for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata && text::trim(c.value()).empty()) continue;
    if (c.type() == pugi::node_element && is_named(c, {"emphasis"})) return plain(c);
    return {};
  }
  return {};
}

/// The first paragraph of an item as plain text.
std::string first_para_text(pugi::xml_node item) {
  for (pugi::xml_node c : item.children()) {
    if (c.type() != pugi::node_element || is_list(c)) continue;
    if (std::string t = plain(c); !t.empty()) return t;
  }
  return {};
}

/// The text of an item without its nested lists.
std::string item_text(pugi::xml_node item) {
  std::string out;
  for (pugi::xml_node c : item.children()) {
    if (c.type() != pugi::node_element || is_list(c)) continue;
    const std::string t = plain(c);
    if (!t.empty()) out += (out.empty() ? "" : " ") + t;
  }
  return out;
}

// --- Recording ------------------------------------------------------------------------------

struct Choice {
  std::string text;
  const char* origin;
};

/// Appends <abstract role=role> holding one para per choice (its role the origin) to info.
pugi::xml_node add_role_abstract(Document& doc, const char* role, const std::vector<Choice>& choices) {
  if (choices.empty()) return {};
  pugi::xml_node abstract = doc.info().append_child("abstract");
  abstract.append_attribute("role") = role;
  for (const Choice& c : choices) {
    pugi::xml_node para = abstract.append_child("para");
    para.append_attribute("role") = c.origin;
    const std::string clean = text::xml_safe(c.text);
    para.append_child(pugi::node_pcdata).set_value(clean.c_str());
  }
  return abstract;
}

bool has_abstract(const Document& doc, const char* role) {
  return doc.info().find_child_by_attribute("abstract", "role", role);
}

/// Builds a fragment with a fresh TreeBuilder and returns the document holding it.
template <typename Fill>
Document build_fragment(Fill fill) {
  Document scratch;
  Diagnostics ignored;
  TreeBuilder builder(scratch, ignored);
  fill(builder);
  builder.finish();
  return scratch;
}

/// Inserts node (a copy) before the article's first section, or at its end.
void insert_before_sections(Document& doc, pugi::xml_node node) {
  pugi::xml_node article = doc.article();
  if (pugi::xml_node first = article.child("section")) {
    article.insert_copy_before(node, first);
  } else {
    article.append_copy(node);
  }
}

void mark(pugi::xml_node n, const char* role) {
  n.remove_attribute("role");
  n.append_attribute("role") = role;
}

/// Returns true when a list's items need their lead-in to be understood: conditions ("Tell the
/// nurse if any of these apply:"), a time or circumstance ("Before you measure:"), danger signs.
bool items_are_conditions(pugi::xml_node list) {
  const std::string lead = text::fold_case(lead_in_of(list));
  if (lead.empty()) return false;
  const std::string first = text::split_words(lead).front();
  for (std::string_view w : {"before", "after", "when", "whenever", "while", "during", "once", "until", "if", "unless",
                             "in", "for", "on", "at"})
    if (first == w) return true;
  return has_word(lead, "if") || has_word(lead, "unless") || lead.find("any of") != std::string::npos ||
         is_safety_lead_in(lead);
}

/// Returns true for an "Ask ..." instruction a patient can follow at an appointment: "Ask your
/// pharmacist whether ...", "Ask whether ...", not "Ask the person to smile".
bool is_ask_item(std::string_view text) {
  const std::vector<std::string> w = text::split_words(text::fold_case(text.substr(0, 120)));
  if (w.size() < 3 || w[0] != "ask") return false;
  if (has_word(w[1], "whether") || has_word(w[1], "if") || has_word(w[1], "how") || has_word(w[1], "what") ||
      has_word(w[1], "which") || has_word(w[1], "when") || has_word(w[1], "about"))
    return true;
  if (w[1] != "your" && w[1] != "a" && w[1] != "the") return false;
  for (std::string_view role : {"doctor", "nurse", "pharmacist", "care", "oncologist", "surgeon", "provider",
                                "specialist", "dentist", "midwife", "gp", "physician", "therapist", "team", "clinic"})
    if (has_word(w[2], role)) return true;
  return false;
}

// --- Sentence ranking -----------------------------------------------------------------------

/// A sentence of the article's text, with where it stands.
struct Candidate {
  std::string text;
  SentencePlace place;
};

/// The sentences of the article's own text (paragraphs and list items, not notes, tables,
/// call-outs or sections of questions, references, definitions or danger signs), in order.
std::vector<Candidate> article_sentences(const Document& doc) {
  std::vector<Candidate> out;
  pugi::xml_node last_section;
  bool section_started = false;
  pugi::xml_node last_list;
  bool last_list_conditions = false;
  for (const auto& x : doc.xml().select_nodes("//para | //simpara")) {
    const pugi::xml_node p = x.node();
    if (!is_text_para(p) || !is_article_text(p)) continue;
    // A definition list defines terms: words to know, not points; a paragraph written as a
    // call-out ("Note: ...", "Warning: ...") is an aside.
    if (p.select_node("ancestor::varlistentry") || !callout_label_of(plain(p)).empty()) continue;
    // An item that needs its lead-in ("if any of these apply:") is not a statement alone.
    if (is_named(p.parent(), {"listitem"})) {
      if (p.parent().parent() != last_list) {
        last_list = p.parent().parent();
        last_list_conditions = items_are_conditions(last_list);
      }
      if (last_list_conditions) continue;
    }
    pugi::xml_node section = p.parent();
    while (section && !is_named(section, {"section", "article"})) section = section.parent();
    if (section != last_section) {
      last_section = section;
      section_started = false;
    }
    const std::string heading = is_named(section, {"section"}) ? plain(section.child("title")) : std::string();
    bool first = true;
    for (const std::string& s : text::split_sentences(plain(p))) {
      // A sentence this long is no point, and would make the graph slow.
      if (text::count_words(s) <= kMaxGraphWords)
        out.push_back({s, {first, first && !section_started, heading, point_cue(s)}});
      first = false;
    }
    section_started = true;
    if (out.size() >= kMaxRankedSentences) break;
  }
  if (out.size() > kMaxRankedSentences) out.resize(kMaxRankedSentences);
  return out;
}

/// Returns true when most of a's terms are in b.
bool mostly_in(std::string_view a, std::string_view b) {
  const std::vector<std::string> ta = rank_terms(a);
  if (ta.empty()) return false;
  const std::vector<std::string> tb = rank_terms(b);
  const std::unordered_set<std::string> in_b(tb.begin(), tb.end());
  std::size_t hits = 0;
  for (const std::string& t : ta) hits += in_b.count(t);
  return hits * 10 >= ta.size() * 7;
}

/// The article's sentences ranked once (LexRank with title, location and cue values), for the
/// main message and the key points.
struct Ranking {
  explicit Ranking(const Document& doc) : Ranking(article_sentences(doc), doc.title()) {}

  std::vector<std::string> sentences;
  SentenceGraph graph;
  std::vector<double> scores;
  std::vector<std::size_t> order;  ///< best first
  std::unordered_map<std::string, double> score_of;

 private:
  Ranking(const std::vector<Candidate>& candidates, const std::string& title)
      : sentences(texts(candidates)), graph(sentences) {
    std::vector<SentencePlace> places;
    for (const Candidate& c : candidates) places.push_back(c.place);
    scores = rank_sentences(graph, places, title);
    order.resize(graph.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    for (std::size_t i = 0; i < graph.size(); ++i) score_of.emplace(sentences[i], scores[i]);
  }
  static std::vector<std::string> texts(const std::vector<Candidate>& candidates) {
    std::vector<std::string> out;
    for (const Candidate& c : candidates) out.push_back(c.text);
    return out;
  }
};

/// Builds the ranking the first time it is asked for (front matter often makes it unneeded).
class LazyRanking {
 public:
  explicit LazyRanking(const Document& doc) : doc_(doc) {}
  const Ranking& get() {
    if (!ranking_) ranking_.emplace(doc_);
    return *ranking_;
  }

 private:
  const Document& doc_;
  std::optional<Ranking> ranking_;
};

// --- Main message ---------------------------------------------------------------------------

/// Returns true when a sentence can state the point: a statement of five words or more for the
/// reader (not furniture, a byline, a disclaimer, a question or the writer's own story).
bool can_be_message(std::string_view sentence) {
  return reads_on_its_own(sentence, 5, true) && text::count_words(sentence) <= kMainMessageWords &&
         !is_first_person(sentence) && sentence.find(": ") > kLabelChars;  // not a labelled item ("Face drooping: ...")
}

/// Returns the message a paragraph gives: its first sentence that can be one — or, among its
/// first three, one that defines a term ("A concussion is a brain injury ...", not "You were
/// seen today") — with the sentence after it when both fit in kMainMessageWords; empty when none
/// can. A paragraph that opens with a disclaimer gives none; elsewhere a disclaimer ends it.
std::string message_from(std::string_view para) {
  std::vector<std::string> sentences = text::split_sentences(para);
  // A paragraph that opens on the writer's own story, or on a label ("Face drooping: ..."), states
  // no message for the reader.
  if (!sentences.empty() && (is_first_person(sentences.front()) || sentences.front().find(": ") <= kLabelChars))
    return {};
  // A paragraph that opens with a disclaimer is a notice about the page; elsewhere a disclaimer
  // ends what the paragraph says (what follows it is more of the notice: "Follow your doctor").
  const auto disclaimer = std::find_if(sentences.begin(), sentences.end(), [](const std::string& s) { return is_disclaimer(s); });
  if (disclaimer == sentences.begin() && !sentences.empty()) return {};
  sentences.erase(disclaimer, sentences.end());
  std::size_t best = sentences.size(), seen = 0;
  for (std::size_t i = 0; i < sentences.size() && seen < kMessageChoices; ++i) {
    if (!can_be_message(sentences[i])) continue;
    ++seen;
    if (best == sentences.size()) best = i;
    if (!definitions_in(sentences[i]).empty()) {
      best = i;
      break;
    }
  }
  if (best == sentences.size()) return {};
  std::string out = sentences[best];
  if (best + 1 < sentences.size()) {
    const std::string& next = sentences[best + 1];
    if (!is_disclaimer(next) && !is_call_to_action(next) && !is_question(next) && !is_lead_in(next) &&
        !is_byline(next) && !is_first_person(next) &&
        text::count_words(out) + text::count_words(next) <= kMainMessageWords)
      text::append_sentence(out, next);
  }
  return out;
}

/// Returns the sentences of para from first on, up to about kMainMessageWords words.
std::string leading_words(std::string_view para, std::string_view first) {
  std::string out;
  std::size_t words = 0;
  bool started = false;
  for (const std::string& s : text::split_sentences(para)) {
    started = started || s == first;
    if (!started) continue;
    const std::size_t n = text::count_words(s);
    if (!out.empty() && words + n > kMainMessageWords) break;
    text::append_sentence(out, s);
    words += n;
  }
  return out;
}

/// Chooses the main message; returns its origin (null when there is none).
const char* select_main_message(Document& doc, Metadata& m, LazyRanking& ranking) {
  const std::string given = text::collapse_whitespace(m.summary);
  // A given summary that is a sentence (not a description of the page) is the author's message.
  if (!given.empty() && !describes_the_page(given) && ends_a_statement(given)) return kSource;
  std::string message;
  const char* origin = kRanked;
  // A summary section's paragraph when it leads in a list or is its only one (several short
  // paragraphs are its points).
  pugi::xml_node summary = find_section(doc, SectionKind::summary);
  std::size_t summary_paras = 0;
  if (summary) {
    for (pugi::xml_node p : summary.children()) summary_paras += is_text_para(p) ? 1 : 0;
  }
  if (summary && (summary_paras == 1 || summary.select_node(".//itemizedlist | .//orderedlist"))) {
    for (pugi::xml_node p : summary.children()) {
      if (!is_text_para(p)) continue;
      message = message_from(plain(p));
      if (!message.empty()) {
        origin = kSource;
        break;
      }
    }
  }
  // The opening of the text: the paragraphs before the first section, else the first ones of
  // the first sections.
  if (message.empty()) {
    for (pugi::xml_node p : doc.article().children()) {
      if (is_named(p, {"section"})) break;
      if (is_text_para(p) && !in_aside(p)) message = message_from(plain(p));
      if (!message.empty()) break;
    }
  }
  if (message.empty()) {
    std::size_t tried = 0;
    for (const auto& x : doc.xml().select_nodes("//section/para")) {
      if (!is_text_para(x.node()) || !is_article_text(x.node())) continue;
      message = message_from(plain(x.node()));
      if (!message.empty() || ++tried == 4) break;
    }
  }
  // An opening that tells a story: the best ranked sentence of the text, with the one after it.
  if (message.empty()) {
    // The best ranked sentence that defines a term, else the best ranked one.
    const Ranking& r = ranking.get();
    for (const bool definition : {true, false}) {
      for (std::size_t i : r.order) {
        const std::string& s = r.sentences[i];
        // A definition in a sentence of its own ("A stroke happens when ..."), not a labelled item.
        const bool defines = !definitions_in(s).empty();
        if (!can_be_message(s) || (definition && !defines)) continue;
        message = s;
        break;
      }
      if (!message.empty()) break;
    }
  }
  // Nothing states it well: the first sentence that is not furniture, if any.
  if (message.empty() && given.empty()) {
    for (const auto& x : doc.xml().select_nodes("//para")) {
      if (!is_text_para(x.node()) || !is_article_text(x.node())) continue;
      for (const std::string& sentence : text::split_sentences(plain(x.node()))) {
        if (is_disclaimer(sentence) || is_byline(sentence) || is_call_to_action(sentence) || is_question(sentence) ||
            is_lead_in(sentence) || looks_like_heading(sentence))
          continue;
        message = leading_words(plain(x.node()), sentence);
        break;
      }
      if (!message.empty()) break;
    }
  }
  if (message.empty()) return given.empty() ? nullptr : kSource;
  if (!given.empty()) m.extra.emplace_back("description", given);  // kept, not lost
  m.summary = message;
  return origin;
}

// --- Key points -----------------------------------------------------------------------------

/// A source list's items as points: bold lead terms kept, long items cut to their first sentence.
std::vector<Choice> points_of_list(pugi::xml_node list) {
  std::vector<Choice> out;
  for (pugi::xml_node item : items_of(list)) {
    const std::string t = first_para_text(item);
    if (t.empty()) continue;
    out.push_back({shorten_point(t, lead_term(item), kListPointWords), kSource});
    if (out.size() == kMaxKeyPoints) break;
  }
  return out;
}


/// Lists that may state the article's points: in its own text, of 3 to 10 items.
std::vector<pugi::xml_node> candidate_lists(const Document& doc) {
  std::vector<pugi::xml_node> out;
  for (const auto& x : doc.xml().select_nodes("//itemizedlist | //orderedlist")) {
    const pugi::xml_node list = x.node();
    if (!is_article_text(list) || is_named(list.parent(), {"listitem"})) continue;
    const std::size_t n = items_of(list).size();
    if (n < 3 || n > kMaxListPoints) continue;
    out.push_back(list);
  }
  return out;
}

/// The share of a list's items for which pred holds.
template <typename Pred>
double share_of_items(pugi::xml_node list, Pred pred) {
  const std::vector<pugi::xml_node> items = items_of(list);
  if (items.empty()) return 0;
  std::size_t hits = 0;
  for (pugi::xml_node item : items) hits += pred(item) ? 1 : 0;
  return static_cast<double>(hits) / static_cast<double>(items.size());
}

/// The share of the body's words a list holds.
double share_of_text(pugi::xml_node list, std::size_t body_words) {
  return body_words == 0 ? 0 : static_cast<double>(text::count_words(text_content(list, true))) / body_words;
}

/// The list that states the article's points, or null: items with bold lead terms, else an
/// ordered checklist of instructions, else the only list of a short text. A list that holds
/// little of the text states the points of its section, not the article's.
pugi::xml_node points_list(const Document& doc, std::size_t body_words) {
  const std::vector<pugi::xml_node> lists = candidate_lists(doc);
  auto statement = [](pugi::xml_node item) { return text::count_words(item_text(item)) >= 3; };
  for (pugi::xml_node list : lists) {
    if (items_are_conditions(list) || share_of_text(list, body_words) < kBoldListShare) continue;
    if (share_of_items(list, [&](pugi::xml_node i) { return !lead_term(i).empty() && statement(i); }) >= 2.0 / 3)
      return list;
  }
  for (pugi::xml_node list : lists) {
    if (items_are_conditions(list) || share_of_text(list, body_words) < kChecklistShare) continue;
    const bool tasks = share_of_items(list, [](pugi::xml_node i) {
                         return std::string_view(i.attribute("role").value()).rfind("task-", 0) == 0;
                       }) > 0.5;
    const bool ordered = is_named(list, {"orderedlist"});
    if ((tasks || ordered) &&
        share_of_items(list, [&](pugi::xml_node i) { return statement(i) && is_imperative(first_para_text(i)); }) >= 2.0 / 3)
      return list;
  }
  if (body_words <= kShortText && lists.size() == 1 && !items_are_conditions(lists.front()) &&
      share_of_items(lists.front(), [&](pugi::xml_node i) {
        const std::string t = item_text(i);
        return reads_on_its_own(t, 3, false) && has_verb_cue(t);  // statements, not "Photo ID and insurance card"
      }) >= 2.0 / 3)
    return lists.front();
  return {};
}

/// Points from a summary section: its list, else its short paragraphs (those not the message).
std::vector<Choice> summary_section_points(pugi::xml_node summary, const std::string& message, pugi::xml_node& list) {
  for (const auto& x : summary.select_nodes(".//itemizedlist | .//orderedlist")) {
    if (in_aside(x.node())) continue;
    list = x.node();
    return points_of_list(list);
  }
  std::vector<std::string> paras;
  for (pugi::xml_node p : summary.children()) {
    if (!is_text_para(p)) continue;
    // A disclaimer ends the text: what follows is the site's end matter.
    if (is_disclaimer(plain(p))) break;
    paras.push_back(plain(p));
  }
  std::vector<Choice> out;
  // One paragraph: its sentences are the points; several: each paragraph is one.
  std::vector<std::string> pieces = paras.size() == 1 ? text::split_sentences(paras.front()) : paras;
  for (const std::string& piece : pieces) {
    if (!message.empty() && message.find(first_sentence_of(piece)) != std::string::npos) continue;
    // The source calls these its points: only what is never a point is left out.
    if (text::count_words(piece) < 3 || is_lead_in(piece) || is_question(piece) || is_call_to_action(piece) ||
        is_disclaimer(piece) || is_label_list(piece) || is_byline(piece))
      continue;
    out.push_back({shorten_point(piece, {}, kPointWords), kSource});
    if (out.size() == kMaxKeyPoints) break;
  }
  return out;
}

/// Up to want sentences chosen by rank (best first, none saying what another chosen one or the
/// message says, a writer's own story only when nothing else is left), in document order.
/// True when a sentence defines a term other than the document's subject ("Ferritin is a protein
/// that ..." in a text about anaemia): a word to know, not a point about the subject.
bool defines_side_term(std::string_view sentence, const std::string& title) {
  const std::string subject = text::fold_title(title);
  for (const GlossaryEntry& e : definitions_in(sentence)) {
    if (!is_real_definition(e)) continue;
    const std::string term = text::fold_title(e.term);
    if (term.empty() || subject.find(term) != std::string::npos || term.find(subject) != std::string::npos) continue;
    return true;
  }
  return false;
}

std::vector<Choice> ranked_points(const Ranking& ranking, std::size_t want, const std::string& message,
                                  const std::vector<std::string>& taken, const std::string& title,
                                  const std::vector<std::string>& taken_safety, const std::string& language) {
  if (ranking.sentences.empty() || want == 0) return {};
  std::vector<std::size_t> chosen;
  for (const bool first_person : {false, true}) {
    if (first_person && chosen.size() >= kMinKeyPoints) break;
    for (std::size_t i : ranking.order) {
      if (chosen.size() == want) break;
      const std::string& s = ranking.sentences[i];
      if (is_first_person(s) != first_person || is_mostly_numbers(s) || is_ask_item(s)) continue;
      if (!reads_on_its_own(s, kMinRankedWords, true) || text::count_words(s) > kMaxRankedWords) continue;
      if (mostly_in(s, message) || defines_side_term(s, title) || ends_clause_with_reference(s)) continue;
      // Getting help is the safety block's part of the sheet, when it has one.
      if (!taken_safety.empty() && says_to_get_help(s, language)) continue;
      if (std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return mostly_in(s, t); })) continue;
      if (std::any_of(chosen.begin(), chosen.end(),
                      [&](std::size_t c) { return ranking.graph.similarity(i, c) >= kRedundant; }))
        continue;
      chosen.push_back(i);
    }
  }
  std::sort(chosen.begin(), chosen.end());
  std::vector<Choice> out;
  for (std::size_t i : chosen) out.push_back({ranking.sentences[i], kRanked});
  return out;
}

void select_key_points(Document& doc, std::vector<std::string> explicit_points, const std::string& message,
                       const std::vector<std::string>& safety, LazyRanking& ranking) {
  if (has_abstract(doc, "key-points")) return;
  std::vector<Choice> points;
  if (!explicit_points.empty()) {
    if (explicit_points.size() > kMaxKeyPoints) explicit_points.resize(kMaxKeyPoints);
    Document fragment = build_fragment([&](TreeBuilder& b) {
      const SummaryLabels& labels = summary_labels(doc.language());
      ListSink list = b.body().sidebar(labels.key_points, "key-points").itemized_list("key-points");
      for (const std::string& point : explicit_points) list.item().para().text(point);
    });
    insert_before_sections(doc, fragment.article().child("sidebar"));
    for (const std::string& p : explicit_points) points.push_back({p, kSource});
    add_role_abstract(doc, "key-points", points);
    return;
  }
  pugi::xml_node list;
  if (pugi::xml_node summary = find_section(doc, SectionKind::summary)) {
    points = summary_section_points(summary, message, list);
  }
  if (points.empty()) {
    std::size_t body_words = 0;
    for (pugi::xml_node c : doc.article().children())
      if (!is_named(c, {"info"})) body_words += text::count_words(text_content(c, true));
    list = points_list(doc, body_words);
    if (list) points = points_of_list(list);
  }
  if (list && !points.empty() && !list.attribute("role")) mark(list, "key-points");
  // Ranked sentences when the source states no points (or too few).
  const std::size_t want = points.empty() ? kRankedKeyPoints : (points.size() < kMinKeyPoints ? kMinKeyPoints - points.size() : 0);
  std::vector<std::string> taken = safety;
  for (const Choice& c : points) taken.push_back(c.text);
  if (want > 0)
    for (Choice& c : ranked_points(ranking.get(), want, message, taken, read_metadata(doc).title, safety, doc.language())) points.push_back(std::move(c));
  add_role_abstract(doc, "key-points", points);
}

// --- Safety ---------------------------------------------------------------------------------

std::vector<std::string> select_safety(Document& doc) {
  if (pugi::xml_node recorded = doc.info().find_child_by_attribute("abstract", "role", "safety")) {
    std::vector<std::string> lines;
    for (pugi::xml_node p : recorded.children("para")) lines.push_back(plain(p));
    return lines;
  }
  std::vector<std::string> lines = find_safety_items(doc);
  // A sentence the main message already says ("Anaphylaxis is a life-threatening reaction") is
  // not printed twice.
  const std::string message = read_metadata(doc).summary;
  std::erase_if(lines, [&](const std::string& l) { return !is_lead_in(l) && !message.empty() && mostly_in(l, message); });
  std::vector<Choice> choices;
  for (const std::string& l : lines) choices.push_back({l, kSource});
  add_role_abstract(doc, "safety", choices);
  return lines;
}

// --- Questions ------------------------------------------------------------------------------

/// A question as the sheet shows it: the first sentence of a question ("...?") or of an "Ask ..."
/// instruction; empty for anything else.
std::string as_question(std::string_view text) {
  std::string first = first_sentence_of(text);
  if (first.empty() || text::count_words(first) < 2 || is_call_to_action(first)) return {};
  if (is_question(first)) {
    // A line joined to the question before it ("... a new medicine What is this medicine for?"):
    // the question starts at its capitalised question word.
    const std::vector<std::string> w = text::split_words(first);
    std::size_t offset = 0;
    for (std::size_t i = 0; i + 1 < w.size(); ++i) {
      offset = first.find(w[i + 1], offset + w[i].size());
      const unsigned char last = static_cast<unsigned char>(w[i].back());
      if (i > 0 && std::islower(last) &&
          (w[i + 1] == "What" || w[i + 1] == "How" || w[i + 1] == "Can" || w[i + 1] == "Should" ||
           w[i + 1] == "Is" || w[i + 1] == "Do" || w[i + 1] == "Does" || w[i + 1] == "Will" || w[i + 1] == "When" ||
           w[i + 1] == "Which" || w[i + 1] == "Who" || w[i + 1] == "Why" || w[i + 1] == "Are" || w[i + 1] == "Where")) {
        return first.substr(offset);
      }
    }
    return first;
  }
  const std::string f = text::fold_case(first);
  if (f.rfind("ask ", 0) == 0 && !is_lead_in(first)) return first;
  return {};
}

/// The questions of a list, or of a section (the items of its lists, else its paragraphs; in a
/// FAQ also its subsections' titles that ask).
std::vector<std::string> questions_in(pugi::xml_node owner, bool faq = false) {
  std::vector<std::string> out;
  auto take = [&](std::string q) {
    if (!q.empty() && std::find(out.begin(), out.end(), q) == out.end()) out.push_back(std::move(q));
  };
  if (is_list(owner)) {
    for (pugi::xml_node item : items_of(owner)) take(as_question(item_text(item)));
  } else {
    for (const auto& l : owner.select_nodes(".//itemizedlist | .//orderedlist")) {
      if (is_named(l.node().parent(), {"listitem"}) || in_aside(l.node())) continue;
      for (pugi::xml_node item : items_of(l.node())) take(as_question(item_text(item)));
    }
    if (out.empty()) {
      pugi::xpath_node_set nodes = owner.select_nodes(".//para | .//section/title");
      nodes.sort();
      for (const auto& x : nodes) {
        const pugi::xml_node n = x.node();
        if (is_named(n, {"title"})) {
          if (faq && is_question(plain(n))) take(plain(n));
        } else if (is_text_para(n) && !is_named(n.parent(), {"listitem"}) && !in_aside(n)) {
          take(as_question(plain(n)));
        }
      }
    }
  }
  if (out.size() > kMaxQuestions) out.resize(kMaxQuestions);
  return out;
}

/// Returns true when a lead-in introduces questions to ask ("Questions you may want to ask:",
/// a line "Good questions to ask when you pick up a new medicine").
bool is_questions_lead_in(std::string_view lead) {
  const std::string t = text::fold_case(lead);
  const bool about_asking = has_word(t, "ask") || t.find("questions for your") != std::string::npos;
  if (is_lead_in(lead)) return about_asking;
  // A line of its own without an end mark, naming questions to ask: a heading the text lost.
  return about_asking && has_word(t, "questions") && !ends_a_statement(lead) && !is_question(lead) &&
         text::count_words(lead) <= 14;
}

/// Returns true when a title names frequently asked questions ("Common questions", "FAQ",
/// "Your questions answered").
bool is_faq_title(std::string_view title) {
  const std::string t = text::fold_case(title);
  return has_word(t, "questions") || has_word(t, "faq") || has_word(t, "faqs") || t.find("q&a") != std::string::npos;
}

/// Returns true when the text is a FAQ: its title, or a line of its opening, names one, or three
/// or more of its headings ask a question.
bool is_faq_document(const Document& doc) {
  if (is_faq_title(doc.title())) return true;
  std::size_t read = 0;
  for (pugi::xml_node c : doc.article().children()) {
    if (!is_named(c, {"para"}) || c.attribute("role")) continue;
    const std::string t = plain(c);
    if (!ends_a_statement(t) && text::count_words(t) <= 12 && is_faq_title(t)) return true;
    if (++read == kOpeningParagraphs) break;
  }
  std::size_t asking = 0;
  for (const auto& x : doc.xml().select_nodes("//section/title"))
    asking += is_question(plain(x.node())) ? 1 : 0;
  return asking >= kQuestionRun;
}

/// The questions a FAQ text asks: its section titles and lines that end in "?".
std::vector<std::string> faq_questions(const Document& doc) {
  std::vector<std::string> out;
  pugi::xpath_node_set nodes = doc.xml().select_nodes("//section/title | //para");
  nodes.sort();
  for (const auto& x : nodes) {
    const pugi::xml_node n = x.node();
    if (in_aside(n) || is_named(n.parent(), {"listitem"})) continue;
    if (is_named(n, {"para"}) && !is_text_para(n)) continue;
    const std::string t = plain(n);
    if (is_question(t) && text::split_sentences(t).size() == 1 && !is_call_to_action(t) &&
        std::find(out.begin(), out.end(), t) == out.end())
      out.push_back(t);
    if (out.size() == kMaxQuestions) break;
  }
  return out;
}

void select_questions(Document& doc, const std::vector<std::string>& explicit_questions) {
  if (has_abstract(doc, "questions")) return;
  std::vector<Choice> chosen;
  auto choose = [&](const std::vector<std::string>& qs) {
    for (const std::string& q : qs) chosen.push_back({q, kSource});
  };
  if (!explicit_questions.empty() && !doc.xml().select_node("//section[@role='questions']")) {
    // A questions section the source has (in its own language) is the one: none is added.
    pugi::xml_node own;
    for (const auto& x : doc.xml().select_nodes("//section")) {
      if (!in_aside(x.node()) && section_kind_of(x.node()) == SectionKind::questions) {
        own = x.node();
        break;
      }
    }
    if (own) {
      mark(own, "questions");
      choose(explicit_questions);
    }
  }
  if (!explicit_questions.empty() && !doc.xml().select_node("//section[@role='questions']")) {
    Document fragment = build_fragment([&](TreeBuilder& b) {
      b.heading(1).text(summary_labels(doc.language()).questions);
      ListSink list = b.body().itemized_list();
      for (const std::string& q : explicit_questions) list.item().para().text(q);
    });
    pugi::xml_node section = doc.article().append_copy(fragment.article().child("section"));
    section.append_attribute("role") = "questions";
    choose(explicit_questions);
  }
  // The first questions-to-ask section that holds questions, else the first FAQ section that
  // does (only its questions, never its answers).
  for (const bool faq : {false, true}) {
    if (!chosen.empty()) break;
    for (const auto& x : doc.xml().select_nodes("//section")) {
      const pugi::xml_node section = x.node();
      if (in_aside(section)) continue;
      const std::string title = plain(section.child("title"));
      if (faq ? !is_faq_title(title) : section_kind_of(section) != SectionKind::questions) continue;
      const std::vector<std::string> qs = questions_in(section, faq);
      if (qs.empty()) continue;
      if (!doc.xml().select_node("//section[@role='questions']")) mark(section, "questions");
      choose(qs);
      break;
    }
  }
  // Questions after a lead-in about asking: a list, or lines that ask.
  if (chosen.empty()) {
    for (const auto& x : doc.xml().select_nodes("//para")) {
      const pugi::xml_node p = x.node();
      if (!is_text_para(p) || in_aside(p)) continue;
      const std::vector<std::string> sentences = text::split_sentences(plain(p));
      if (sentences.empty() || !is_questions_lead_in(sentences.back())) continue;
      pugi::xml_node next = p.next_sibling();
      while (next && next.type() != pugi::node_element) next = next.next_sibling();
      std::vector<std::string> qs;
      if (next && is_list(next)) {
        qs = questions_in(next);
      } else {
        for (pugi::xml_node n = next; n && is_text_para(n); n = n.next_sibling()) {
          const std::string q = as_question(plain(n));
          if (q.empty()) break;
          qs.push_back(q);
          if (qs.size() == kMaxQuestions) break;
        }
      }
      if (qs.empty()) continue;
      choose(qs);
      break;
    }
  }
  // Three or more questions in a row: a list of questions that lost its bullets or its lead-in.
  if (chosen.empty()) {
    for (const auto& x : doc.xml().select_nodes("//para")) {
      const pugi::xml_node p = x.node();
      if (!is_text_para(p) || in_aside(p) || as_question(plain(p)).empty()) continue;
      pugi::xml_node before = previous_element(p);
      if (before && is_text_para(before) && !as_question(plain(before)).empty()) continue;  // not the run's start
      std::vector<std::string> qs;
      for (pugi::xml_node n = p; n && is_text_para(n) && qs.size() < kMaxQuestions; n = n.next_sibling()) {
        const std::string q = as_question(plain(n));
        if (q.empty() || text::split_sentences(plain(n)).size() > 1) break;
        qs.push_back(q);
      }
      if (qs.size() < kQuestionRun) continue;
      choose(qs);
      break;
    }
  }
  if (chosen.empty() && is_faq_document(doc)) choose(faq_questions(doc));
  // "Ask ..." items of the text's lists.
  if (chosen.empty()) {
    std::vector<std::string> qs;
    for (const auto& x : doc.xml().select_nodes("//listitem")) {
      if (in_aside(x.node()) || context_kind(x.node()) == SectionKind::reference) continue;
      const std::string first = first_sentence_of(item_text(x.node()));
      if (is_ask_item(first) && !is_lead_in(first)) qs.push_back(first);
      if (qs.size() == kMaxQuestions) break;
    }
    choose(qs);
  }
  if (chosen.empty()) {
    const SummaryLabels labels = summary_labels(doc.language());
    for (const std::string& q : labels.general_questions) chosen.push_back({q, kGenerated});
  }
  add_role_abstract(doc, "questions", chosen);
}

// --- Glossary -------------------------------------------------------------------------------

void select_glossary(Document& doc) {
  if (has_abstract(doc, "glossary")) return;
  const std::vector<GlossaryEntry> entries = find_glossary(doc);
  if (entries.empty()) return;
  pugi::xml_node abstract = doc.info().append_child("abstract");
  abstract.append_attribute("role") = "glossary";
  for (const GlossaryEntry& e : entries) {
    pugi::xml_node para = abstract.append_child("para");
    para.append_attribute("role") = kSource;
    para.append_child("glossterm").append_child(pugi::node_pcdata).set_value(text::xml_safe(e.term).c_str());
    para.append_child(pugi::node_pcdata).set_value(text::xml_safe(": " + e.definition).c_str());
  }
}

/// Values of front-matter keys (kept as meta:KEY) whose normalized name is one of names;
/// the entries are removed from m.extra.
std::vector<std::string> take_extra(Metadata& m, std::initializer_list<std::string_view> names) {
  std::vector<std::string> values;
  auto matches = [&](const std::string& key) {
    std::string k = text::fold_case(key);
    std::replace(k.begin(), k.end(), '_', '-');
    std::replace(k.begin(), k.end(), ' ', '-');
    return std::find(names.begin(), names.end(), k) != names.end();
  };
  for (auto it = m.extra.begin(); it != m.extra.end();) {
    if (matches(it->first)) {
      const std::string v = text::collapse_whitespace(it->second);
      if (!v.empty()) values.push_back(v);
      it = m.extra.erase(it);
    } else {
      ++it;
    }
  }
  return values;
}

std::vector<std::string> paras_of(const Document& doc, const char* role) {
  std::vector<std::string> out;
  for (pugi::xml_node p : doc.info().find_child_by_attribute("abstract", "role", role).children("para")) {
    out.push_back(plain(p));
  }
  return out;
}

}  // namespace

void select_summary_content(Document& doc, const TransformOptions& /*options*/, Diagnostics& /*diag*/) {
  Metadata m = read_metadata(doc);
  std::vector<std::string> key_points = take_extra(m, {"key-points", "keypoints", "takeaways", "key-takeaways"});
  std::vector<std::string> questions = take_extra(m, {"questions", "questions-to-ask"});
  auto main_abstract = [&doc] {
    return doc.info().find_child(
        [](pugi::xml_node n) { return std::strcmp(n.name(), "abstract") == 0 && !n.attribute("role"); });
  };
  // A main message whose origin is recorded was chosen by an earlier run.
  const char* origin = main_abstract().find_child_by_attribute("para", "role", kSource)   ? kSource
                       : main_abstract().find_child_by_attribute("para", "role", kRanked) ? kRanked
                                                                                          : nullptr;
  LazyRanking ranking(doc);
  if (origin == nullptr) origin = select_main_message(doc, m, ranking);
  write_metadata(doc, m);
  if (origin != nullptr) {
    for (pugi::xml_node p : main_abstract().children("para"))
      if (!p.attribute("role")) p.append_attribute("role") = origin;
  }
  const std::vector<std::string> safety = select_safety(doc);
  select_key_points(doc, std::move(key_points), m.summary, safety, ranking);
  select_questions(doc, questions);
  select_glossary(doc);
}

SummaryContent read_summary_content(const Document& doc) {
  SummaryContent c;
  const Metadata m = read_metadata(doc);
  c.title = m.title;
  c.main_message = text::collapse_whitespace(m.summary);
  c.key_points = paras_of(doc, "key-points");
  if (c.key_points.empty()) {
    if (auto list = doc.xml().select_node("//itemizedlist[@role='key-points'] | //orderedlist[@role='key-points']")) {
      for (pugi::xml_node item : items_of(list.node())) c.key_points.push_back(item_text(item));
    }
  }
  if (c.key_points.size() > kMaxKeyPoints) c.key_points.resize(kMaxKeyPoints);
  c.questions = paras_of(doc, "questions");
  c.questions_generated =
      static_cast<bool>(doc.info().find_child_by_attribute("abstract", "role", "questions").find_child_by_attribute(
          "para", "role", kGenerated));
  c.safety = paras_of(doc, "safety");
  for (pugi::xml_node p : doc.info().find_child_by_attribute("abstract", "role", "glossary").children("para")) {
    std::string definition = text::collapse_whitespace(p.child("glossterm").next_sibling().value());
    if (definition.rfind(": ", 0) == 0) definition.erase(0, 2);
    c.glossary.push_back({plain(p.child("glossterm")), definition});
  }
  c.updated = m.updated;
  c.published = m.published;
  c.source_url = m.source_url;
  if (!m.legal.empty()) {
    c.copyright = m.legal.front();
  } else if (!m.copyright_year.empty()) {
    c.copyright = "\xC2\xA9 " + m.copyright_year + " " + m.copyright_holder;
  }
  return c;
}

}  // namespace handout
