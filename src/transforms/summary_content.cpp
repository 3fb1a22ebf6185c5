#include "transforms/summary_content.hpp"

#include "model/builder.hpp"
#include "model/metadata.hpp"
#include "text/messages.hpp"
#include "text/text.hpp"

#include <algorithm>
#include <cstring>
#include <unordered_set>

namespace handout {

namespace {

constexpr std::size_t kMaxKeyPoints = 7;
constexpr std::size_t kMinKeyPoints = 3;
constexpr std::size_t kMaxGlossary = 6;
constexpr std::size_t kMainMessageWords = 45;

std::string plain(pugi::xml_node n) { return text::collapse_whitespace(text_content(n, true)); }

std::string folded(std::string_view s) {
  std::string t = text::fold_case(text::trim(s));
  while (!t.empty() && (t.back() == ':' || t.back() == '.')) t.pop_back();
  return t;
}

bool starts_with_word(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix &&
         (s.size() == prefix.size() || s[prefix.size()] == ' ' || s[prefix.size()] == ':' || s[prefix.size()] == 's');
}

bool is_reference_title(std::string_view title) {
  const std::string t = folded(title);
  for (std::string_view p : {"references", "sources", "further reading", "see also", "resources", "more information",
                             "related", "notes", "footnotes", "glossary", "about this"})
    if (starts_with_word(t, p)) return true;
  return false;
}

bool in_excluded_context(pugi::xml_node n) {
  for (pugi::xml_node p = n.parent(); p; p = p.parent()) {
    const std::string_view name = p.name();
    if (name == "footnote" || name == "informaltable" || name == "table" || name == "info" || name == "sidebar" ||
        name == "note" || name == "tip" || name == "important" || name == "warning" || name == "caution")
      return true;
  }
  return false;
}

bool is_text_para(pugi::xml_node p) {
  return std::strcmp(p.name(), "para") == 0 && !p.attribute("role") && !plain(p).empty();
}

/// Returns the first paragraph of a section's own content (or of its first subsection).
pugi::xml_node first_para(pugi::xml_node section) {
  for (const auto& x : section.select_nodes(".//para")) {
    if (is_text_para(x.node()) && !in_excluded_context(x.node())) return x.node();
  }
  return {};
}

/// Returns the leading sentences of text, up to about max_words words (at least one sentence).
std::string leading_sentences(std::string_view text, std::size_t max_words) {
  std::string out;
  std::size_t words = 0;
  for (const std::string& s : text::split_sentences(text)) {
    const std::size_t n = text::split_words(s).size();
    if (!out.empty() && words + n > max_words) break;
    if (!out.empty()) out += ' ';
    out += s;
    words += n;
  }
  return out;
}

std::string first_sentence(std::string_view text) {
  auto sentences = text::split_sentences(text);
  return sentences.empty() ? std::string() : sentences.front();
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

pugi::xml_node find_section(const Document& doc, bool (*pred)(std::string_view)) {
  for (const auto& x : doc.xml().select_nodes("//section")) {
    if (pred(plain(x.node().child("title")))) return x.node();
  }
  return {};
}

/// Appends <abstract role=role> holding one para per line to info.
void add_role_abstract(Document& doc, const char* role, const std::vector<std::string>& paras) {
  if (paras.empty()) return;
  pugi::xml_node abstract = doc.info().append_child("abstract");
  abstract.append_attribute("role") = role;
  for (const std::string& p : paras) {
    const std::string clean = text::xml_safe(p);
    abstract.append_child("para").append_child(pugi::node_pcdata).set_value(clean.c_str());
  }
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

// ---------------------------------------------------------------------------------------------

void select_main_message(Document& doc, Metadata& m) {
  if (!text::trim(m.summary).empty()) return;
  std::string message;
  if (pugi::xml_node summary = find_section(doc, is_summary_title)) {
    for (pugi::xml_node p : summary.children("para")) {
      if (is_text_para(p)) {
        message = leading_sentences(plain(p), kMainMessageWords);
        break;
      }
    }
  }
  if (message.empty()) {
    // The introduction: paragraphs before the first section, else the first section's first one.
    std::string intro;
    for (pugi::xml_node p : doc.article().children("para")) {
      if (is_text_para(p)) intro += (intro.empty() ? "" : " ") + plain(p);
      if (text::split_words(intro).size() >= kMainMessageWords) break;
    }
    if (intro.empty()) {
      if (pugi::xml_node p = first_para(doc.article())) intro = plain(p);
    }
    message = leading_sentences(intro, kMainMessageWords);
  }
  m.summary = message;
}

void select_key_points(Document& doc, std::vector<std::string> explicit_points, const std::string& main_message) {
  if (doc.xml().select_node("//itemizedlist[@role='key-points']") ||
      doc.xml().select_node("/article/info/abstract[@role='key-points']"))
    return;
  if (!explicit_points.empty()) {
    if (explicit_points.size() > kMaxKeyPoints) explicit_points.resize(kMaxKeyPoints);
    Document fragment = build_fragment([&](TreeBuilder& b) {
      ListSink list = b.body().sidebar(message("Key points", doc.language()), "key-points").itemized_list("key-points");
      for (const std::string& point : explicit_points) list.item().para().text(point);
    });
    insert_before_sections(doc, fragment.article().child("sidebar"));
    return;
  }
  if (pugi::xml_node summary = find_section(doc, is_summary_title)) {
    for (const auto& x : summary.select_nodes(".//itemizedlist | .//orderedlist")) {
      if (in_excluded_context(x.node())) continue;
      x.node().remove_attribute("role");
      x.node().append_attribute("role") = "key-points";
      return;
    }
  }
  // Inferred: the first sentence of each top-level section, then further sentences to reach three.
  std::vector<std::string> points;
  std::unordered_set<std::string> used;
  for (const std::string& s : text::split_sentences(main_message)) used.insert(s);
  for (pugi::xml_node section : doc.article().children("section")) {
    const std::string title = plain(section.child("title"));
    if (is_questions_title(title) || is_summary_title(title) || is_reference_title(title)) continue;
    if (pugi::xml_node p = first_para(section)) {
      const std::string s = first_sentence(plain(p));
      if (!s.empty() && used.insert(s).second) points.push_back(s);
    }
    if (points.size() == kMaxKeyPoints) break;
  }
  if (points.size() < kMinKeyPoints) {
    // Further sentences of ordinary paragraphs (not lists, quotes or call-outs), four words or more.
    for (const auto& x : doc.xml().select_nodes("/article/para | //section/para")) {
      if (!is_text_para(x.node())) continue;
      for (const std::string& s : text::split_sentences(plain(x.node()))) {
        if (points.size() >= kMinKeyPoints) break;
        if (text::split_words(s).size() >= 4 && used.insert(s).second) points.push_back(s);
      }
      if (points.size() >= kMinKeyPoints) break;
    }
  }
  add_role_abstract(doc, "key-points", points);
}

void select_questions(Document& doc, const std::vector<std::string>& explicit_questions) {
  if (doc.xml().select_node("//section[@role='questions']")) return;
  if (pugi::xml_node section = find_section(doc, is_questions_title)) {
    section.remove_attribute("role");
    section.append_attribute("role") = "questions";
    return;
  }
  if (explicit_questions.empty()) return;
  Document fragment = build_fragment([&](TreeBuilder& b) {
    b.heading(1).text(message("Questions to ask your care team", doc.language()));
    ListSink list = b.body().itemized_list();
    for (const std::string& q : explicit_questions) list.item().para().text(q);
  });
  pugi::xml_node section = doc.article().append_copy(fragment.article().child("section"));
  section.append_attribute("role") = "questions";
}

bool is_pronoun_or_determiner(std::string_view word) {
  static constexpr std::string_view kWords[] = {"it",   "this", "that", "there", "these", "those", "here",
                                                "what", "which", "who", "he",    "she",   "they",  "we",
                                                "you",  "i",    "one",  "each",  "every", "all",   "some",
                                                "most", "many", "such", "how",   "why",   "when",  "if"};
  const std::string w = text::fold_case(word);
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

/// Reads "TERM is/are/means/refers to DEFINITION" or "TERM, meaning DEFINITION" from a sentence
/// whose subject is at most four words (articles and "your" dropped). Returns false otherwise.
bool parse_definition(std::string_view sentence, std::string_view emphasized, GlossaryEntry& out) {
  static constexpr std::string_view kConnectors[] = {" is a ", " is an ", " is the ", " are ", " means ",
                                                     " refers to ", ", meaning ", ": ", " \xE2\x80\x94 "};
  std::size_t best = std::string_view::npos, len = 0;
  for (std::string_view c : kConnectors) {
    const std::size_t p = sentence.find(c);
    if (p != std::string_view::npos && p < best) best = p, len = c.size();
  }
  if (best == std::string_view::npos) return false;
  std::string_view subject = text::trim(sentence.substr(0, best));
  for (std::string_view lead : {"A ", "An ", "The ", "Your ", "a ", "an ", "the ", "your "}) {
    if (subject.substr(0, lead.size()) == lead) subject.remove_prefix(lead.size());
  }
  const auto words = text::split_words(subject);
  if (words.empty() || words.size() > 4 || is_pronoun_or_determiner(words.front())) return false;
  // Without emphasis, only "X is a/an/the ...", ", meaning" and the dash count: not ": " alone.
  if (emphasized.empty()) {
    const std::string_view connector = sentence.substr(best, len);
    if (connector == ": " || connector == " are " || connector == " means ") return false;
    const unsigned char first = static_cast<unsigned char>(subject[0]);
    if (!(first >= 'A' && first <= 'Z')) return false;
  } else if (folded(subject) != folded(emphasized)) {
    return false;
  }
  std::string definition(text::trim(sentence.substr(best + len)));
  const std::string_view connector = sentence.substr(best, len);
  if (connector == " is a " || connector == " is an " || connector == " is the ") {
    definition = std::string(connector.substr(4)) + definition;  // keep the article: "a written plan..."
  }
  if (definition.size() < 8) return false;
  // After a colon or a dash a definition reads as a noun phrase ("a tube that..."); anything else
  // is a list's lead-in label ("Alcohol: keep it to small amounts").
  if (connector == ": " || connector == " \xE2\x80\x94 ") {
    const std::string start = text::fold_case(definition.substr(0, 4));
    if (start.rfind("a ", 0) != 0 && start.rfind("an ", 0) != 0 && start.rfind("the ", 0) != 0) return false;
  }
  out.term = std::string(subject);
  out.definition = definition;
  return true;
}

void select_glossary(Document& doc) {
  if (doc.xml().select_node("/article/info/abstract[@role='glossary']")) return;
  std::vector<GlossaryEntry> entries;
  std::unordered_set<std::string> seen;
  auto add = [&](GlossaryEntry e) {
    e.term = text::collapse_whitespace(e.term);
    e.definition = text::collapse_whitespace(e.definition);
    if (e.term.empty() || e.definition.empty()) return;
    if (seen.insert(text::fold_case(e.term)).second) entries.push_back(std::move(e));
  };
  for (const auto& x : doc.xml().select_nodes("//varlistentry")) {
    add({plain(x.node().child("term")), first_sentence(plain(x.node().child("listitem")))});
  }
  for (const auto& x : doc.xml().select_nodes("//para")) {
    const pugi::xml_node p = x.node();
    if (!is_text_para(p) || in_excluded_context(p)) continue;
    const std::string sentence = first_sentence(plain(p));
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
      add(std::move(e));
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const GlossaryEntry& a, const GlossaryEntry& b) {
    return text::length(a.definition) < text::length(b.definition);
  });
  if (entries.size() > kMaxGlossary) entries.resize(kMaxGlossary);
  if (entries.empty()) return;
  pugi::xml_node abstract = doc.info().append_child("abstract");
  abstract.append_attribute("role") = "glossary";
  for (const GlossaryEntry& e : entries) {
    pugi::xml_node para = abstract.append_child("para");
    para.append_child("glossterm").append_child(pugi::node_pcdata).set_value(text::xml_safe(e.term).c_str());
    para.append_child(pugi::node_pcdata).set_value(text::xml_safe(": " + e.definition).c_str());
  }
}

std::vector<std::string> item_texts(pugi::xml_node list_owner) {
  std::vector<std::string> items;
  for (const auto& x : list_owner.select_nodes(".//listitem")) {
    // Nested items are part of their parent item's text.
    if (x.node().parent().parent() && std::strcmp(x.node().parent().parent().name(), "listitem") == 0) continue;
    const std::string t = plain(x.node());
    if (!t.empty()) items.push_back(t);
  }
  return items;
}

}  // namespace

bool is_summary_title(std::string_view title) {
  const std::string t = folded(title);
  for (std::string_view p : {"in a nutshell", "in short", "in brief", "summary", "key takeaway", "takeaway",
                             "bottom line", "the bottom line", "what this means", "key points", "key facts",
                             "at a glance", "the short version", "main points", "quick facts", "tl;dr"})
    if (starts_with_word(t, p)) return true;
  return false;
}

bool is_questions_title(std::string_view title) {
  const std::string t = folded(title);
  // "Question" in the languages of styles/messages.yaml (a title such as "Preguntas para su
  // médico" is the questions section; no second one is added).
  static constexpr std::string_view kQuestionWords[] = {
      "pregunta", "pergunta", "вопрос", "câu hỏi", "질문", "问题", "問題", "سؤال", "أسئلة", "اسئلة", "tanong",
      "kesyon", "प्रश्न", "सवाल", "প্রশ্ন", "پرسش", "سوال", "سؤال"};
  for (std::string_view w : kQuestionWords)
    if (t.find(w) != std::string::npos) return true;
  return t.find("question") != std::string::npos || t.rfind("ask your", 0) == 0 ||
         t.find("what you can do") != std::string::npos || t.find("what to ask") != std::string::npos ||
         t.find("things to ask") != std::string::npos;
}

void select_summary_content(Document& doc, const TransformOptions& /*options*/, Diagnostics& /*diag*/) {
  Metadata m = read_metadata(doc);
  std::vector<std::string> key_points = take_extra(m, {"key-points", "keypoints", "takeaways", "key-takeaways"});
  std::vector<std::string> questions = take_extra(m, {"questions", "questions-to-ask"});
  select_main_message(doc, m);
  write_metadata(doc, m);
  select_key_points(doc, std::move(key_points), m.summary);
  select_questions(doc, questions);
  select_glossary(doc);
}

SummaryContent read_summary_content(const Document& doc) {
  SummaryContent c;
  const Metadata m = read_metadata(doc);
  c.title = m.title;
  c.main_message = text::collapse_whitespace(m.summary);
  if (auto list = doc.xml().select_node("//itemizedlist[@role='key-points'] | //orderedlist[@role='key-points']")) {
    c.key_points = item_texts(list.node());
  } else {
    for (pugi::xml_node p : doc.info().find_child_by_attribute("abstract", "role", "key-points").children("para")) {
      c.key_points.push_back(plain(p));
    }
  }
  if (c.key_points.size() > kMaxKeyPoints) c.key_points.resize(kMaxKeyPoints);
  if (auto section = doc.xml().select_node("//section[@role='questions']")) {
    c.questions = item_texts(section.node());
    if (c.questions.empty()) {
      for (const auto& x : section.node().select_nodes(".//para")) {
        if (is_text_para(x.node())) c.questions.push_back(plain(x.node()));
      }
    }
  }
  for (pugi::xml_node p : doc.info().find_child_by_attribute("abstract", "role", "glossary").children("para")) {
    std::string definition = text::collapse_whitespace(p.child("glossterm").next_sibling().value());
    if (definition.rfind(": ", 0) == 0) definition.erase(0, 2);
    c.glossary.push_back({plain(p.child("glossterm")), definition});
  }
  c.updated = m.updated.empty() ? m.published : m.updated;
  c.source_url = m.source_url;
  if (!m.legal.empty()) {
    c.copyright = m.legal.front();
  } else if (!m.copyright_year.empty()) {
    c.copyright = "\xC2\xA9 " + m.copyright_year + " " + m.copyright_holder;
  }
  return c;
}

}  // namespace handout
