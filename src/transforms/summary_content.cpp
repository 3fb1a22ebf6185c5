#include "transforms/summary_content.hpp"

#include "model/builder.hpp"
#include "model/metadata.hpp"
#include "text/text.hpp"
#include "transforms/safety_content.hpp"
#include "transforms/sentence_rank.hpp"
#include "transforms/statement_checks.hpp"
#include "transforms/summary_labels.hpp"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <unordered_set>

namespace handout {

namespace {

constexpr std::size_t kMaxKeyPoints = 7;
constexpr std::size_t kMinKeyPoints = 3;
constexpr std::size_t kRankedKeyPoints = 5;    // points chosen by ranking alone
constexpr std::size_t kMaxListPoints = 10;     // a longer list is not a list of points
constexpr std::size_t kPointWords = 30;        // a longer point is cut to its first sentence
constexpr std::size_t kMaxRankedWords = 35;    // a longer sentence is not a point
constexpr std::size_t kMinRankedWords = 4;     // nor a shorter one
constexpr std::size_t kMaxGraphWords = 120;    // longer sentences are left out of the ranking
constexpr std::size_t kMaxGlossaryChecks = 64; // candidate terms looked up in the text, at most
constexpr std::size_t kMaxGlossary = 6;
constexpr std::size_t kMaxQuestions = 8;
constexpr std::size_t kMainMessageWords = 40;
constexpr std::size_t kShortMessageWords = 12;  // a first sentence this short takes the next one too
constexpr std::size_t kShortText = 500;         // words: the only list of a text this short states its points
constexpr double kBoldListShare = 0.15;         // of the body's words, for a list with bold lead terms
constexpr double kChecklistShare = 0.25;        // of the body's words, for a checklist
constexpr double kRedundant = 0.5;              // sentences this similar say the same thing

constexpr const char* kSource = "source";
constexpr const char* kRanked = "ranked";
constexpr const char* kGenerated = "generated";

std::string plain(pugi::xml_node n) { return text::collapse_whitespace(text_content(n, true)); }

std::string folded(std::string_view s) {
  std::string t = text::fold_case(text::trim(s));
  while (!t.empty() && (t.back() == ':' || t.back() == '.')) t.pop_back();
  return t;
}

bool is_named(pugi::xml_node n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (std::strcmp(n.name(), name) == 0) return true;
  return false;
}

bool is_list(pugi::xml_node n) { return is_named(n, {"itemizedlist", "orderedlist"}); }

bool starts_with_word(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix &&
         (s.size() == prefix.size() || s[prefix.size()] == ' ' || s[prefix.size()] == ':' || s[prefix.size()] == 's');
}

bool has_word(std::string_view s, std::string_view word) {
  for (std::size_t p = s.find(word); p != std::string_view::npos; p = s.find(word, p + 1)) {
    const bool start = p == 0 || !std::isalpha(static_cast<unsigned char>(s[p - 1]));
    const std::size_t e = p + word.size();
    const bool end = e == s.size() || !std::isalpha(static_cast<unsigned char>(s[e]));
    if (start && end) return true;
  }
  return false;
}

// --- What a section is for ------------------------------------------------------------------

enum class SectionKind { ordinary, summary, questions, reference, glossary, safety };

bool is_reference_title(std::string_view title) {
  const std::string t = folded(title);
  for (std::string_view p : {"references", "sources", "further reading", "see also", "resources", "more information",
                             "related", "notes", "footnotes", "about this", "external links", "bibliography",
                             "citations", "acknowledg", "about the author", "disclaimer", "useful links",
                             "further information", "more resources", "support groups"})
    if (starts_with_word(t, p)) return true;
  return false;
}

bool is_glossary_title(std::string_view title) {
  const std::string t = folded(title);
  for (std::string_view p : {"glossary", "words to know", "key terms", "terms", "definitions", "words you may hear",
                             "words you might hear", "vocabulary", "what the words mean", "medical words",
                             "terms to know", "terms you may hear"})
    if (starts_with_word(t, p)) return true;
  return false;
}

SectionKind kind_of(pugi::xml_node section) {
  const std::string title = plain(section.child("title"));
  if (title.empty()) return SectionKind::ordinary;
  if (is_summary_title(title)) return SectionKind::summary;
  if (is_questions_title(title)) return SectionKind::questions;
  if (is_glossary_title(title)) return SectionKind::glossary;
  if (is_reference_title(title)) return SectionKind::reference;
  if (is_safety_title(title)) return SectionKind::safety;
  return SectionKind::ordinary;
}

/// The innermost kind other than ordinary among n's sections.
SectionKind context_kind(pugi::xml_node n) {
  for (pugi::xml_node p = n.parent(); p; p = p.parent()) {
    if (is_named(p, {"section"})) {
      if (const SectionKind k = kind_of(p); k != SectionKind::ordinary) return k;
    }
  }
  return SectionKind::ordinary;
}

/// Notes, tables, metadata, asides and call-outs: not where an article states its points.
bool in_excluded_context(pugi::xml_node n) {
  for (pugi::xml_node p = n.parent(); p; p = p.parent()) {
    if (is_named(p, {"footnote", "informaltable", "table", "info", "sidebar", "blockquote", "note", "tip", "important",
                     "warning", "caution"}))
      return true;
  }
  return false;
}

/// Notes, tables, metadata and asides: no definitions are taken from them.
bool in_notes_or_tables(pugi::xml_node n) {
  for (pugi::xml_node p = n.parent(); p; p = p.parent()) {
    if (is_named(p, {"footnote", "informaltable", "table", "info", "sidebar"})) return true;
  }
  return false;
}

/// Returns true for a section whose text can give key points and the main message.
bool is_article_text(pugi::xml_node n) {
  if (in_excluded_context(n)) return false;
  const SectionKind k = context_kind(n);
  return k == SectionKind::ordinary || k == SectionKind::summary;
}

bool is_text_para(pugi::xml_node p) {
  return is_named(p, {"para", "simpara"}) && !p.attribute("role") && !plain(p).empty();
}

pugi::xml_node find_section(const Document& doc, SectionKind kind) {
  for (const auto& x : doc.xml().select_nodes("//section")) {
    if (!in_excluded_context(x.node()) && kind_of(x.node()) == kind) return x.node();
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

// --- Main message ---------------------------------------------------------------------------

/// Returns true when a sentence can state the point: a statement of five words or more that is
/// not furniture, a byline, a disclaimer or a question.
bool can_be_message(std::string_view sentence) {
  return reads_on_its_own(sentence, 5, true) && text::count_words(sentence) <= kMainMessageWords + 10;
}

/// Returns the message from one paragraph's text: its first sentence that can be one, and the
/// next too when the first is short; empty when none can.
std::string message_from(std::string_view para) {
  const std::vector<std::string> sentences = text::split_sentences(para);
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    if (!can_be_message(sentences[i])) continue;
    std::string out = sentences[i];
    if (text::count_words(out) < kShortMessageWords && i + 1 < sentences.size() &&
        !is_disclaimer(sentences[i + 1]) && !is_call_to_action(sentences[i + 1]) && !is_question(sentences[i + 1]) &&
        text::count_words(out) + text::count_words(sentences[i + 1]) <= kMainMessageWords) {
      out += " " + sentences[i + 1];
    }
    return out;
  }
  return {};
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
    out += (out.empty() ? "" : " ") + s;
    words += n;
  }
  return out;
}

/// Chooses the main message; returns its origin (null when there is none).
const char* select_main_message(Document& doc, Metadata& m) {
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
      if (is_text_para(p) && !in_excluded_context(p)) message = message_from(plain(p));
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
    out.push_back({shorten_point(t, lead_term(item), kPointWords), kSource});
    if (out.size() == kMaxKeyPoints) break;
  }
  return out;
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
        return reads_on_its_own(item_text(i), 3, false);
      }) >= 2.0 / 3)
    return lists.front();
  return {};
}

/// Points from a summary section: its list, else its short paragraphs (those not the message).
std::vector<Choice> summary_section_points(pugi::xml_node summary, const std::string& message, pugi::xml_node& list) {
  for (const auto& x : summary.select_nodes(".//itemizedlist | .//orderedlist")) {
    if (in_excluded_context(x.node())) continue;
    list = x.node();
    return points_of_list(list);
  }
  std::vector<std::string> paras;
  for (pugi::xml_node p : summary.children()) {
    if (is_text_para(p)) paras.push_back(plain(p));
  }
  std::vector<Choice> out;
  // One paragraph: its sentences are the points; several: each paragraph is one.
  std::vector<std::string> pieces = paras.size() == 1 ? text::split_sentences(paras.front()) : paras;
  for (const std::string& piece : pieces) {
    if (!message.empty() && message.find(first_sentence_of(piece)) != std::string::npos) continue;
    // The source calls these its points: only what is never a point is left out.
    if (text::count_words(piece) < 3 || is_lead_in(piece) || is_question(piece) || is_call_to_action(piece) ||
        is_disclaimer(piece))
      continue;
    out.push_back({shorten_point(piece, {}, kPointWords), kSource});
    if (out.size() == kMaxKeyPoints) break;
  }
  return out;
}

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
      if (text::count_words(s) <= kMaxGraphWords) out.push_back({s, {first, first && !section_started, heading}});
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

/// Up to want sentences chosen by rank (best first, none saying what another chosen one or the
/// message says), returned in document order.
std::vector<Choice> ranked_points(const Document& doc, std::size_t want, const std::string& message,
                                  const std::vector<std::string>& taken) {
  const std::vector<Candidate> candidates = article_sentences(doc);
  if (candidates.empty() || want == 0) return {};
  std::vector<std::string> sentences;
  std::vector<SentencePlace> places;
  for (const Candidate& c : candidates) {
    sentences.push_back(c.text);
    places.push_back(c.place);
  }
  const SentenceGraph graph(sentences);
  const std::vector<double> scores = rank_sentences(graph, places, doc.title());
  std::vector<std::size_t> order(graph.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  std::vector<std::size_t> chosen;
  for (std::size_t i : order) {
    if (chosen.size() == want) break;
    const std::string& s = sentences[i];
    if (!reads_on_its_own(s, kMinRankedWords, true) || text::count_words(s) > kMaxRankedWords) continue;
    if (mostly_in(s, message)) continue;
    if (std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return mostly_in(s, t); })) continue;
    if (std::any_of(chosen.begin(), chosen.end(), [&](std::size_t c) { return graph.similarity(i, c) >= kRedundant; }))
      continue;
    chosen.push_back(i);
  }
  std::sort(chosen.begin(), chosen.end());
  std::vector<Choice> out;
  for (std::size_t i : chosen) out.push_back({sentences[i], kRanked});
  return out;
}

void select_key_points(Document& doc, std::vector<std::string> explicit_points, const std::string& message,
                       const std::vector<std::string>& safety) {
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
  for (Choice& c : ranked_points(doc, want, message, taken)) points.push_back(std::move(c));
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
  std::vector<Choice> choices;
  for (const std::string& l : lines) choices.push_back({l, kSource});
  add_role_abstract(doc, "safety", choices);
  return lines;
}

// --- Questions ------------------------------------------------------------------------------

/// A question as the sheet shows it: the first sentence of a question ("...?") or of an "Ask ..."
/// instruction; empty for anything else.
std::string as_question(std::string_view text) {
  const std::string first = first_sentence_of(text);
  if (first.empty() || text::count_words(first) < 2 || is_call_to_action(first)) return {};
  if (is_question(first)) return first;
  const std::string f = text::fold_case(first);
  if (f.rfind("ask ", 0) == 0 && !is_lead_in(first)) return first;
  return {};
}

/// The questions of a list, or of a section (the items of its lists, else its paragraphs).
std::vector<std::string> questions_in(pugi::xml_node owner) {
  std::vector<pugi::xml_node> items;
  if (is_list(owner)) {
    items = items_of(owner);
  } else {
    for (const auto& l : owner.select_nodes(".//itemizedlist | .//orderedlist")) {
      if (is_named(l.node().parent(), {"listitem"}) || in_excluded_context(l.node())) continue;
      for (pugi::xml_node item : items_of(l.node())) items.push_back(item);
    }
  }
  std::vector<std::string> out;
  for (pugi::xml_node item : items)
    if (std::string q = as_question(item_text(item)); !q.empty()) out.push_back(std::move(q));
  if (out.empty() && !is_list(owner)) {
    for (const auto& x : owner.select_nodes(".//para")) {
      if (!is_text_para(x.node()) || is_named(x.node().parent(), {"listitem"})) continue;
      if (std::string q = as_question(plain(x.node())); !q.empty()) out.push_back(std::move(q));
    }
  }
  if (out.size() > kMaxQuestions) out.resize(kMaxQuestions);
  return out;
}

/// Returns true when a lead-in introduces questions to ask ("Questions you may want to ask:").
bool is_questions_lead_in(std::string_view lead) {
  const std::string t = text::fold_case(lead);
  return is_lead_in(lead) && (has_word(t, "ask") || t.find("questions for your") != std::string::npos);
}

void select_questions(Document& doc, const std::vector<std::string>& explicit_questions) {
  if (has_abstract(doc, "questions")) return;
  std::vector<Choice> chosen;
  if (!explicit_questions.empty() && !doc.xml().select_node("//section[@role='questions']")) {
    Document fragment = build_fragment([&](TreeBuilder& b) {
      b.heading(1).text(summary_labels(doc.language()).questions);
      ListSink list = b.body().itemized_list();
      for (const std::string& q : explicit_questions) list.item().para().text(q);
    });
    pugi::xml_node section = doc.article().append_copy(fragment.article().child("section"));
    section.append_attribute("role") = "questions";
    for (const std::string& q : explicit_questions) chosen.push_back({q, kSource});
  }
  // The first questions-to-ask section that holds questions.
  if (chosen.empty()) {
    for (const auto& x : doc.xml().select_nodes("//section")) {
      const pugi::xml_node section = x.node();
      if (in_excluded_context(section) || kind_of(section) != SectionKind::questions) continue;
      const std::vector<std::string> qs = questions_in(section);
      if (qs.empty()) continue;
      if (!doc.xml().select_node("//section[@role='questions']")) mark(section, "questions");
      for (const std::string& q : qs) chosen.push_back({q, kSource});
      break;
    }
  }
  // A list of questions after a lead-in about asking.
  if (chosen.empty()) {
    for (const auto& x : doc.xml().select_nodes("//itemizedlist | //orderedlist")) {
      if (in_excluded_context(x.node()) || !is_questions_lead_in(lead_in_of(x.node()))) continue;
      const std::vector<std::string> qs = questions_in(x.node());
      if (qs.empty()) continue;
      for (const std::string& q : qs) chosen.push_back({q, kSource});
      break;
    }
  }
  if (chosen.empty()) {
    for (std::string_view q : summary_labels(doc.language()).general_questions) chosen.push_back({std::string(q), kGenerated});
  }
  add_role_abstract(doc, "questions", chosen);
}

// --- Glossary -------------------------------------------------------------------------------

bool is_pronoun_or_determiner(std::string_view word) {
  static constexpr std::string_view kWords[] = {"it",   "this", "that", "there", "these", "those", "here",
                                                "what", "which", "who", "he",    "she",   "they",  "we",
                                                "you",  "i",    "one",  "each",  "every", "all",   "some",
                                                "most", "many", "such", "how",   "why",   "when",  "if",
                                                "other", "another", "both", "any", "no", "not", "our", "my"};
  const std::string w = text::fold_case(word);
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

/// Labels that open call-outs and captions, never terms ("Note: ...", "Tip: ...").
bool is_label_word(std::string_view term) {
  const std::string t = folded(term);
  for (std::string_view l : {"note", "notes", "tip", "tips", "warning", "caution", "important", "remember", "example",
                             "examples", "source", "sources", "step", "steps", "update", "updated", "summary",
                             "key point", "key points", "bottom line", "question", "questions", "answer", "q", "a",
                             "fact", "myth", "danger", "alert", "reminder", "hint", "attention", "disclaimer", "fyi",
                             "nb", "ps", "please note", "good to know", "did you know", "in short", "why",
                             "what", "how", "when", "who", "where", "also", "result", "results", "reference"})
    if (t == l) return true;
  return false;
}

/// Returns true when text opens with a pronoun, a quantity or a conjunction: a clause, not the
/// noun phrase a definition is.
bool opens_with_clause(std::string_view text) {
  const std::vector<std::string> w = text::split_words(text::fold_case(text));
  if (w.empty()) return true;
  for (std::string_view x : {"it", "its", "it's", "they", "you", "your", "this", "these", "that", "those", "there",
                             "we", "i", "he", "she", "if", "when", "while", "because", "so", "but", "and", "or",
                             "most", "many", "some", "all", "more", "less", "fewer", "no", "not", "do", "don't",
                             "try", "about", "up", "at", "for", "in", "on", "with", "by", "as"})
    if (w[0] == x) return true;
  return false;
}

/// Reads "TERM is/are/means/refers to DEFINITION" or "TERM, meaning DEFINITION" from a sentence
/// whose subject is at most four words (articles, "your" and a bracketed aside dropped).
bool parse_definition(std::string_view sentence, std::string_view emphasized, GlossaryEntry& out) {
  static constexpr std::string_view kConnectors[] = {" is a ", " is an ", " is the ", " are ", " means ",
                                                     " refers to ", ", meaning ", ": ", " \xE2\x80\x94 "};
  std::size_t best = std::string_view::npos, len = 0;
  for (std::string_view c : kConnectors) {
    const std::size_t p = sentence.find(c);
    if (p != std::string_view::npos && p < best) best = p, len = c.size();
  }
  if (best == std::string_view::npos) return false;
  std::string subject_text(text::trim(sentence.substr(0, best)));
  // "A spacer (also called a holding chamber) is ...": the aside is not part of the term.
  if (const std::size_t open = subject_text.find(" ("); open != std::string::npos && subject_text.back() == ')')
    subject_text = subject_text.substr(0, open);
  std::string_view subject = subject_text;
  for (std::string_view lead : {"A ", "An ", "The ", "Your ", "a ", "an ", "the ", "your "}) {
    if (subject.substr(0, lead.size()) == lead) subject.remove_prefix(lead.size());
  }
  const auto words = text::split_words(subject);
  if (words.empty() || words.size() > 4 || is_pronoun_or_determiner(words.front())) return false;
  if (subject.find_first_of("0123456789,;()[]\"") != std::string_view::npos) return false;
  const std::string_view connector = sentence.substr(best, len);
  // Without emphasis, only "X is a/an/the ...", ", meaning" and the dash count: not ": " alone.
  if (emphasized.empty()) {
    if (connector == ": " || connector == " are " || connector == " means ") return false;
    const unsigned char first = static_cast<unsigned char>(subject[0]);
    if (!(first >= 'A' && first <= 'Z')) return false;
  } else if (folded(subject) != folded(emphasized)) {
    return false;
  }
  std::string definition(text::trim(sentence.substr(best + len)));
  if (connector == " is a " || connector == " is an " || connector == " is the ") {
    definition = std::string(connector.substr(4)) + definition;  // keep the article: "a written plan..."
  }
  if (text::count_words(definition) < 4) return false;
  // After a colon or a dash a definition reads as a noun phrase ("a tube that...", "chest pain
  // caused by..."); an instruction, a clause or a quantity is a list's lead-in label ("Alcohol:
  // keep it to small amounts", "Less salt: most salt comes from...").
  if (connector == ": " || connector == " \xE2\x80\x94 ") {
    if (opens_with_instruction_verb(definition) || opens_with_clause(definition)) return false;
  }
  out.term = std::string(subject);
  out.definition = definition;
  return true;
}

/// Returns true when an entry defines a term: a noun phrase that is not a label or an
/// instruction, with a definition that does not restate it and is not a nickname.
bool is_real_definition(const GlossaryEntry& e) {
  const std::size_t words = text::count_words(e.term);
  if (words == 0 || words > 4 || is_label_word(e.term)) return false;
  if (words >= 2 && opens_with_instruction_verb(e.term)) return false;  // "Join cardiac rehab"
  if (e.term.find_first_of("0123456789?!") != std::string::npos) return false;
  const std::string term = folded(e.term);
  const std::string definition = text::fold_case(e.definition);
  if (has_word(definition, term)) return false;           // "Tumour microenvironment: the tumour microenvironment..."
  if (text::count_words(e.definition) < 4) return false;  // "Ferroptosis: The Rusty Death"
  if (looks_like_heading(e.definition)) return false;
  return !is_call_to_action(e.definition) && !is_disclaimer(e.definition);
}

/// Counts the times a term occurs (as whole words) in folded text.
std::size_t occurrences(std::string_view haystack, std::string_view term) {
  std::size_t n = 0;
  for (std::size_t p = haystack.find(term); p != std::string_view::npos; p = haystack.find(term, p + term.size())) {
    const bool start = p == 0 || !std::isalpha(static_cast<unsigned char>(haystack[p - 1]));
    const std::size_t e = p + term.size();
    const bool end = e >= haystack.size() || !std::isalpha(static_cast<unsigned char>(haystack[e])) ||
                     haystack[e] == 's';
    if (start && end) ++n;
  }
  return n;
}

void select_glossary(Document& doc) {
  if (has_abstract(doc, "glossary")) return;
  std::string body;
  for (pugi::xml_node c : doc.article().children())
    if (!is_named(c, {"info"})) body += text::fold_case(text_content(c, true)) + " ";
  std::vector<GlossaryEntry> entries;
  std::unordered_set<std::string> seen;
  std::vector<bool> listed_entries;
  auto add = [&](GlossaryEntry e, bool listed) {
    e.term = text::collapse_whitespace(e.term);
    e.definition = text::collapse_whitespace(e.definition);
    if (e.term.empty() || e.definition.empty() || !is_real_definition(e)) return;
    if (seen.insert(folded(e.term)).second) {
      entries.push_back(std::move(e));
      listed_entries.push_back(listed);
    }
  };
  for (const auto& x : doc.xml().select_nodes("//varlistentry")) {
    if (in_notes_or_tables(x.node())) continue;
    const SectionKind k = context_kind(x.node());
    if (k == SectionKind::reference) continue;
    add({plain(x.node().child("term")), first_sentence_of(plain(x.node().child("listitem")))},
        k == SectionKind::glossary);
  }
  for (const auto& x : doc.xml().select_nodes("//para")) {
    const pugi::xml_node p = x.node();
    if (!is_text_para(p) || in_notes_or_tables(p)) continue;
    const SectionKind k = context_kind(p);
    if (k == SectionKind::reference || k == SectionKind::questions) continue;
    const std::string sentence = first_sentence_of(plain(p));
    // An emphasized term near the start: "An *asthma action plan* is ...", "**Spacer**: a tube ...".
    std::string emphasized;
    for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_element && std::strcmp(c.name(), "emphasis") == 0) {
        emphasized = plain(c);
        break;
      }
      if (c.type() == pugi::node_pcdata && text::split_words(c.value()).size() > 1) break;
    }
    GlossaryEntry e;
    if (parse_definition(sentence, emphasized, e) || (!emphasized.empty() && parse_definition(sentence, "", e))) {
      add(std::move(e), k == SectionKind::glossary && !emphasized.empty());
    }
  }
  std::vector<std::size_t> order(entries.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return text::length(entries[a].definition) < text::length(entries[b].definition);
  });
  // A term must be one the text uses again, unless a glossary section lists it.
  std::vector<GlossaryEntry> kept;
  std::size_t checks = 0;
  for (std::size_t i : order) {
    if (kept.size() == kMaxGlossary) break;
    if (!listed_entries[i]) {
      if (checks++ == kMaxGlossaryChecks) break;
      if (occurrences(body, folded(entries[i].term)) < 2) continue;
    }
    kept.push_back(std::move(entries[i]));
  }
  entries = std::move(kept);
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

bool is_summary_title(std::string_view title) {
  const std::string t = folded(title);
  for (std::string_view p : {"in a nutshell", "in short", "in brief", "summary", "key takeaway", "takeaway",
                             "bottom line", "the bottom line", "what this means", "key points", "key facts",
                             "at a glance", "the short version", "main points", "quick facts", "tl;dr",
                             "key messages", "main messages", "what you need to know", "the main points"})
    if (starts_with_word(t, p)) return true;
  return false;
}

bool is_questions_title(std::string_view title) {
  const std::string t = folded(title);
  if (has_word(t, "ask") || has_word(t, "asking")) return true;
  // "Questions for your doctor", "Question for the nurse": questions addressed to someone.
  return (starts_with_word(t, "questions for") || starts_with_word(t, "question for") ||
          starts_with_word(t, "your questions for"));
}

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
  if (origin == nullptr) origin = select_main_message(doc, m);
  write_metadata(doc, m);
  if (origin != nullptr) {
    for (pugi::xml_node p : main_abstract().children("para"))
      if (!p.attribute("role")) p.append_attribute("role") = origin;
  }
  const std::vector<std::string> safety = select_safety(doc);
  select_key_points(doc, std::move(key_points), m.summary, safety);
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
