#include "scoring.hpp"

#include "model/metadata.hpp"
#include "text/text.hpp"

#include <utf8proc.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace handout::quality {

namespace {

constexpr std::string_view kCalloutKinds[] = {"note", "tip", "important", "warning", "caution"};

const std::vector<std::string> kNoTexts;

bool is_callout_kind(std::string_view name) {
  return std::find(std::begin(kCalloutKinds), std::end(kCalloutKinds), name) != std::end(kCalloutKinds);
}

/// NFC and Unicode case folding through utf8proc; invalid UTF-8 is returned as it is.
std::string fold_nfc(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()), &out,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> guard(out, &std::free);
  if (n < 0) return std::string(s);
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

/// The plain ASCII character for a curly quote or a dash, else 0.
char plain_for(char32_t cp) {
  switch (cp) {
    case U'\u2018': case U'\u2019': case U'\u201A': case U'\u201B': case U'\u2032': return '\'';
    case U'\u201C': case U'\u201D': case U'\u201E': case U'\u201F': case U'\u2033': return '"';
    case U'\u2010': case U'\u2011': case U'\u2012': case U'\u2013': case U'\u2014': case U'\u2015': case U'\u2212':
      return '-';
    default: return 0;
  }
}

bool is_word_char(char32_t cp) {
  if (cp == U'\u00B0' || cp == U'%') return true;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

bool is_digit(char32_t cp) { return cp >= U'0' && cp <= U'9'; }

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> cps;
  for (std::size_t i = 0; i < s.size();) cps.push_back(text::next_code_point(s, i));
  return cps;
}

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

/// The key a glossary term is compared by: tokens without a leading article, a final "s" dropped.
std::string term_key(std::string_view term) {
  std::vector<std::string> t = tokens(term);
  if (!t.empty() && (t.front() == "a" || t.front() == "an" || t.front() == "the" || t.front() == "your"))
    t.erase(t.begin());
  if (!t.empty() && t.back().size() > 3 && t.back().back() == 's') t.back().pop_back();
  std::string key;
  for (const std::string& w : t) key += (key.empty() ? "" : " ") + w;
  return key;
}

std::vector<std::string> split_forms(std::string_view forms) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= forms.size()) {
    const std::size_t bar = forms.find('|', start);
    const std::string_view form = forms.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    if (!text::trim(form).empty()) out.emplace_back(text::trim(form));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : " | ") + s;
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Text

std::string normalize(std::string_view s) {
  const std::string folded = fold_nfc(s);
  std::string plain;
  plain.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size();) {
    const std::size_t start = i;
    const char32_t cp = text::next_code_point(folded, i);
    if (const char c = plain_for(cp)) {
      plain += c;
    } else {
      plain.append(folded, start, i - start);
    }
  }
  std::string out = text::collapse_whitespace(plain);
  while (!out.empty() && std::strchr(".:;!? ", out.back()) != nullptr) out.pop_back();
  return out;
}

std::vector<std::string> tokens(std::string_view s) {
  const std::vector<char32_t> cps = code_points(normalize(s));
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const char32_t cp = cps[i];
    if (is_word_char(cp)) {
      text::append_utf8(current, cp);
      continue;
    }
    const bool inner = !current.empty() && i + 1 < cps.size() && is_word_char(cps[i + 1]);
    const bool joins = inner && (cp == U'\'' || cp == U'-' ||
                                 ((cp == U'.' || cp == U',') && is_digit(cps[i - 1]) && is_digit(cps[i + 1])));
    if (joins) {
      text::append_utf8(current, cp);
    } else if (!current.empty()) {
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

double token_share(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty()) return 0.0;
  std::unordered_map<std::string, int> available;
  for (const std::string& t : b) ++available[t];
  std::size_t hit = 0;
  for (const std::string& t : a) {
    auto it = available.find(t);
    if (it != available.end() && it->second > 0) {
      --it->second;
      ++hit;
    }
  }
  return static_cast<double>(hit) / static_cast<double>(a.size());
}

bool contains_run(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end()) != hay.end();
}

std::string_view strip_numbering(std::string_view heading) {
  const std::string_view h = text::trim(heading);
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < h.size() && h[i] >= '0' && h[i] <= '9') ++i;
    return i > start;
  };
  if (!digits()) return h;
  bool numbered = false;
  while (i + 1 < h.size() && h[i] == '.' && h[i + 1] >= '0' && h[i + 1] <= '9') {
    ++i;
    digits();
    numbered = true;
  }
  if (i < h.size() && (h[i] == '.' || h[i] == ')')) {
    ++i;
    numbered = true;
  }
  if (!numbered || i >= h.size() || (h[i] != ' ' && h[i] != '\t')) return h;
  return text::trim(h.substr(i));
}

// ---------------------------------------------------------------------------------------------
// Matching rules

bool same_heading(std::string_view a, std::string_view b) {
  const std::vector<std::string> ta = tokens(strip_numbering(a));
  return !ta.empty() && ta == tokens(strip_numbering(b));
}

bool item_matches(std::string_view sheet_item, std::string_view gold) {
  const std::string_view raw = text::trim(sheet_item);
  if (!raw.empty() && raw.back() == ':') return false;  // a lead-in is never a point
  const std::vector<std::string> ts = tokens(sheet_item);
  if (ts.empty()) return false;
  const std::vector<std::string> tg = tokens(gold);
  if (ts.size() < 3) return ts == tg;
  return token_share(ts, tg) >= 0.8;
}

bool safety_found(std::string_view gold_item, std::string_view sheet_item) {
  return token_share(tokens(gold_item), tokens(sheet_item)) >= 0.8;
}

bool main_message_matches(std::string_view sheet, std::string_view alternative) {
  const std::vector<std::string> ts = tokens(sheet);
  const std::vector<std::string> ta = tokens(alternative);
  return token_share(ts, ta) >= 0.7 && token_share(ta, ts) >= 0.5;
}

bool glossary_matches(std::string_view sheet_term, std::string_view sheet_definition, std::string_view gold_forms,
                      std::string_view gold_definition) {
  const std::string key = term_key(sheet_term);
  if (key.empty()) return false;
  bool term = false;
  for (const std::string& form : split_forms(gold_forms)) term = term || term_key(form) == key;
  if (!term) return false;
  std::vector<std::string> start = tokens(gold_definition);
  if (start.size() > 8) start.resize(8);
  return token_share(start, tokens(sheet_definition)) >= 0.6;
}

bool furniture_left(std::string_view line, const std::vector<std::string>& blocks,
                    const std::vector<std::string>& furniture) {
  const std::vector<std::string> tl = tokens(line);
  const std::string nl = normalize(line);
  std::vector<std::vector<std::string>> longer;  // furniture lines that hold this one
  for (const std::string& f : furniture) {
    std::vector<std::string> tf = tokens(f);
    if (tf.size() > tl.size() && contains_run(tf, tl)) longer.push_back(std::move(tf));
  }
  for (const std::string& block : blocks) {
    if (tl.empty()) {
      if (!nl.empty() && normalize(block) == nl) return true;
      continue;
    }
    const std::vector<std::string> tb = tokens(block);
    if (tb == tl) return true;
    if (tl.size() >= 4 && contains_run(tb, tl) &&
        std::none_of(longer.begin(), longer.end(), [&](const auto& tf) { return contains_run(tb, tf); }))
      return true;
  }
  return false;
}

bool content_kept(std::string_view text, const std::vector<std::string>& blocks) {
  const std::vector<std::string> tc = tokens(text);
  if (tc.empty()) {
    const std::string nc = normalize(text);
    return std::any_of(blocks.begin(), blocks.end(), [&](const std::string& b) { return normalize(b) == nc; });
  }
  if (tc.size() >= 4) {
    std::vector<std::string> stream;
    for (const std::string& block : blocks) {
      std::vector<std::string> tb = tokens(block);
      stream.insert(stream.end(), std::make_move_iterator(tb.begin()), std::make_move_iterator(tb.end()));
    }
    return contains_run(stream, tc);
  }
  // A short text is kept as a block or as one of a block's sentences, cut at . ! ? and a space
  // (not text::split_sentences, which rightly keeps "No. 5" together but so also "No. Genes...").
  for (const std::string& block : blocks) {
    const std::string n = normalize(block);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= n.size(); ++i) {
      const bool end = i == n.size() || (std::strchr(".!?", n[i]) != nullptr && i + 1 < n.size() && n[i + 1] == ' ');
      if (!end) continue;
      if (tokens(std::string_view(n).substr(start, i - start)) == tc) return true;
      start = i + 1;
    }
  }
  return false;
}

bool callout_starts_with(std::string_view callout_text, std::string_view gold_text) {
  std::string n = normalize(callout_text);
  for (std::string_view label : kCalloutKinds) {
    if (n.size() > label.size() && n.compare(0, label.size(), label) == 0 && n[label.size()] == ':') {
      n = std::string(text::trim(std::string_view(n).substr(label.size() + 1)));
      break;
    }
  }
  const std::vector<std::string> tc = tokens(n);
  const std::vector<std::string> tg = tokens(gold_text);
  return !tg.empty() && tg.size() <= tc.size() && std::equal(tg.begin(), tg.end(), tc.begin());
}

// ---------------------------------------------------------------------------------------------
// Gold files

namespace {

[[noreturn]] void gold_error(const std::filesystem::path& path, const std::string& what) {
  throw std::runtime_error(path.string() + ": " + what);
}

std::vector<std::string> string_list(const std::filesystem::path& path, const YAML::Node& node, const char* key) {
  if (!node.IsSequence()) gold_error(path, std::string(key) + " must be a list");
  std::vector<std::string> out;
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) gold_error(path, std::string(key) + " holds an item that is not text");
    out.push_back(item.as<std::string>());
  }
  return out;
}

void check_keys(const std::filesystem::path& path, const YAML::Node& map, std::initializer_list<std::string_view> known,
                const char* where) {
  for (const auto& kv : map) {
    const std::string key = kv.first.as<std::string>();
    if (std::find(known.begin(), known.end(), key) == known.end())
      gold_error(path, std::string("unknown key '") + key + "' in " + where);
  }
}

}  // namespace

Gold load_gold(const std::filesystem::path& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::Exception& e) {
    gold_error(path, e.what());
  }
  if (!root.IsMap()) gold_error(path, "a gold file is a map");
  check_keys(path, root,
             {"title", "date", "headings", "optional_headings", "callouts", "furniture", "content", "summary"},
             "the gold file");
  Gold g;
  g.name = path.filename().string();
  if (const std::string suffix = ".gold.yaml"; g.name.size() > suffix.size()) g.name.resize(g.name.size() - suffix.size());
  if (!root["title"] || !root["title"].IsScalar()) gold_error(path, "title is required");
  g.title = root["title"].as<std::string>();
  if (const YAML::Node d = root["date"]) {
    if (d.IsScalar() && d.as<std::string>() == "none") {
      g.date = std::pair<std::string, std::string>{};
    } else if (d.IsMap()) {
      check_keys(path, d, {"published", "updated"}, "date");
      g.date = std::pair<std::string, std::string>{d["published"] ? d["published"].as<std::string>() : "",
                                                   d["updated"] ? d["updated"].as<std::string>() : ""};
    } else {
      gold_error(path, "date is none or {published: …, updated: …}");
    }
  }
  if (root["headings"]) g.headings = string_list(path, root["headings"], "headings");
  if (root["optional_headings"]) g.optional_headings = string_list(path, root["optional_headings"], "optional_headings");
  if (const YAML::Node c = root["callouts"]) {
    if (!c.IsSequence()) gold_error(path, "callouts must be a list");
    g.callouts.emplace();
    for (const YAML::Node& item : c) {
      if (!item.IsMap() || !item["kind"] || !item["text"]) gold_error(path, "a call-out is {kind: …, text: …}");
      check_keys(path, item, {"kind", "text"}, "a call-out");
      GoldCallout callout{item["kind"].as<std::string>(), item["text"].as<std::string>()};
      if (!is_callout_kind(callout.kind)) gold_error(path, "unknown call-out kind '" + callout.kind + "'");
      g.callouts->push_back(std::move(callout));
    }
  }
  if (root["furniture"]) g.furniture = string_list(path, root["furniture"], "furniture");
  if (root["content"]) g.content = string_list(path, root["content"], "content");
  if (const YAML::Node s = root["summary"]) {
    if (!s.IsMap()) gold_error(path, "summary must be a map");
    check_keys(path, s, {"main_message", "key_points", "questions", "glossary", "safety"}, "summary");
    if (s["main_message"]) g.main_message = string_list(path, s["main_message"], "main_message");
    if (s["key_points"]) g.key_points = string_list(path, s["key_points"], "key_points");
    if (s["questions"]) g.questions = string_list(path, s["questions"], "questions");
    if (s["safety"]) g.safety = string_list(path, s["safety"], "safety");
    if (const YAML::Node gl = s["glossary"]) {
      if (!gl.IsMap()) gold_error(path, "glossary must be a map of term: definition");
      g.glossary.emplace();
      for (const auto& kv : gl) {
        if (!kv.second.IsScalar()) gold_error(path, "a glossary definition must be text");
        g.glossary->push_back({kv.first.as<std::string>(), kv.second.as<std::string>()});
      }
    }
  }
  return g;
}

// ---------------------------------------------------------------------------------------------
// Scores

namespace {

bool is_block(std::string_view name) {
  static constexpr std::string_view kBlocks[] = {"para",  "simpara",       "title",  "bridgehead", "term",
                                                 "entry", "literallayout", "programlisting", "screen", "attribution"};
  return std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks);
}

std::string callout_text(pugi::xml_node callout) {
  std::string out;
  for (pugi::xml_node c = callout.first_child(); c; c = c.next_sibling()) {
    const std::string_view name = c.name();
    if (name == "title" || name == "info") continue;
    const std::string t = text::collapse_whitespace(text_content(c, true));
    if (!t.empty()) out += (out.empty() ? "" : " ") + t;
  }
  return out;
}

void walk(pugi::xml_node node, const std::string& normalized_source, TreeView& view) {
  for (pugi::xml_node e = node.first_child(); e; e = e.next_sibling()) {
    if (e.type() != pugi::node_element) continue;
    const std::string_view name = e.name();
    if (name == "info") continue;
    if (name == "section") {
      const std::string title = text::collapse_whitespace(text_content(e.child("title"), true));
      const bool made_by_summary = std::string_view(e.attribute("role").value()) == "questions" &&
                                   normalized_source.find(normalize(title)) == std::string::npos;
      if (!made_by_summary) view.headings.push_back(title);
    } else if (name == "bridgehead") {
      view.headings.push_back(text::collapse_whitespace(text_content(e, true)));
    }
    if (is_callout_kind(name)) view.callouts.emplace_back(std::string(name), callout_text(e));
    if (is_block(name)) {
      const std::string t = text::collapse_whitespace(text_content(e, true));
      if (!t.empty()) view.blocks.push_back(t);
    }
    walk(e, normalized_source, view);
  }
}

}  // namespace

TreeView read_tree(const Document& doc, std::string_view source_text) {
  TreeView view;
  const Metadata m = read_metadata(doc);
  view.title = m.title;
  view.published = m.published;
  view.updated = m.updated;
  walk(doc.article(), normalize(source_text), view);
  return view;
}

TreeScore score_tree(const TreeView& tree, const Gold& gold) {
  TreeScore s;
  s.title_ok = normalize(tree.title) == normalize(gold.title);
  if (!*s.title_ok) s.misses.push_back("title: gold " + in_quotes(gold.title) + ", tree " + in_quotes(tree.title));
  if (gold.date) {
    s.date_ok = tree.published == gold.date->first && tree.updated == gold.date->second;
    if (!*s.date_ok) {
      s.misses.push_back("date: gold published " + in_quotes(gold.date->first) + " updated " + in_quotes(gold.date->second) +
                         ", tree published " + in_quotes(tree.published) + " updated " + in_quotes(tree.updated));
    }
  }
  if (gold.headings) {
    std::vector<bool> used(tree.headings.size(), false);
    for (const std::string& h : *gold.headings) {
      ++s.headings.total;
      bool found = false;
      for (std::size_t i = 0; i < tree.headings.size() && !found; ++i) {
        if (!used[i] && same_heading(tree.headings[i], h)) used[i] = found = true;
      }
      if (found) {
        ++s.headings.hit;
      } else {
        s.misses.push_back("heading missed: " + in_quotes(h));
      }
    }
    for (std::size_t i = 0; i < tree.headings.size(); ++i) {
      if (used[i]) continue;
      const bool optional = std::any_of(gold.optional_headings.begin(), gold.optional_headings.end(),
                                        [&](const std::string& h) { return same_heading(tree.headings[i], h); });
      if (!optional) {
        ++s.false_headings;
        s.misses.push_back("false heading: " + in_quotes(tree.headings[i]));
      }
    }
    if (s.headings.hit < s.headings.total) s.misses.push_back("  tree headings: " + joined(tree.headings));
  }
  if (gold.callouts) {
    for (const GoldCallout& c : *gold.callouts) {
      ++s.callouts.total;
      const bool found = std::any_of(tree.callouts.begin(), tree.callouts.end(), [&](const auto& t) {
        return t.first == c.kind && callout_starts_with(t.second, c.text);
      });
      if (found) {
        ++s.callouts.hit;
      } else {
        s.misses.push_back("call-out missed: " + c.kind + " " + in_quotes(c.text));
      }
    }
  }
  if (gold.furniture) {
    for (const std::string& line : *gold.furniture) {
      ++s.furniture_left.total;
      if (furniture_left(line, tree.blocks, *gold.furniture)) {
        ++s.furniture_left.hit;
        std::string where;
        for (const std::string& block : tree.blocks) {
          if (normalize(block) != normalize(line) && furniture_left(line, {block}, *gold.furniture)) {
            where = " (in " + in_quotes(block) + ")";
            break;
          }
        }
        s.misses.push_back("furniture left: " + in_quotes(line) + where);
      }
    }
  }
  if (gold.content) {
    for (const std::string& c : *gold.content) {
      ++s.content_lost.total;
      if (!content_kept(c, tree.blocks)) {
        ++s.content_lost.hit;
        // The block most like it, to show what became of it.
        const std::vector<std::string> tc = tokens(c);
        const std::string* closest = nullptr;
        double best = 0.0;
        for (const std::string& block : tree.blocks) {
          const double share = token_share(tc, tokens(block));
          if (share > best) best = share, closest = &block;
        }
        s.misses.push_back("content lost: " + in_quotes(c) + (closest ? " (closest block: " + in_quotes(*closest) + ")" : ""));
      }
    }
  }
  return s;
}

SheetScore score_sheet(const SummaryContent& shown, const Gold& gold) {
  SheetScore s;
  // Items shown in a box: each matches an accepted gold text, or holds one of the danger signs.
  auto precision = [&](Ratio& r, const std::vector<std::string>& items, const std::vector<std::string>& accepted,
                       const char* what, const std::vector<std::string>& signs = kNoTexts) {
    for (const std::string& item : items) {
      ++r.total;
      if (std::any_of(accepted.begin(), accepted.end(), [&](const std::string& g) { return item_matches(item, g); }) ||
          std::any_of(signs.begin(), signs.end(), [&](const std::string& g) { return safety_found(g, item); })) {
        ++r.hit;
      } else {
        s.misses.push_back(std::string(what) + " not in gold: " + in_quotes(item));
      }
    }
    if (items.empty() && !accepted.empty()) {
      ++r.total;
      s.misses.push_back(std::string("no ") + what + " shown (the gold lists " + std::to_string(accepted.size()) + ")");
    }
  };
  if (gold.key_points) {
    // A danger sign printed as a key point is a right thing to print: a key point that is a gold
    // safety item, or holds one, counts as right too.
    std::vector<std::string> accepted = *gold.key_points;
    if (gold.safety) accepted.insert(accepted.end(), gold.safety->begin(), gold.safety->end());
    precision(s.key_points, shown.key_points, accepted, "key point", gold.safety.value_or(kNoTexts));
  }
  if (gold.questions) {
    if (shown.questions_generated && !gold.questions->empty()) s.generated_questions_against_gold = true;
    precision(s.questions, shown.questions_generated ? kNoTexts : shown.questions, *gold.questions, "question");
  }
  if (gold.glossary) {
    for (const GlossaryEntry& e : shown.glossary) {
      ++s.glossary.total;
      if (std::any_of(gold.glossary->begin(), gold.glossary->end(), [&](const GoldTerm& g) {
            return glossary_matches(e.term, e.definition, g.forms, g.definition);
          })) {
        ++s.glossary.hit;
      } else {
        s.misses.push_back("term not in gold: " + in_quotes(e.term + ": " + e.definition));
      }
    }
    if (shown.glossary.empty() && !gold.glossary->empty()) {
      ++s.glossary.total;
      s.misses.push_back("no term shown (the gold lists " + std::to_string(gold.glossary->size()) + ")");
    }
  }
  if (gold.safety) {
    std::vector<std::string> places = shown.safety;
    places.insert(places.end(), shown.key_points.begin(), shown.key_points.end());
    if (!shown.main_message.empty()) places.push_back(shown.main_message);
    for (const std::string& item : *gold.safety) {
      ++s.safety.total;
      if (std::any_of(places.begin(), places.end(), [&](const std::string& p) { return safety_found(item, p); })) {
        ++s.safety.hit;
      } else {
        s.misses.push_back("safety item missing: " + in_quotes(item));
      }
    }
  }
  if (gold.main_message) {
    s.main_message = std::any_of(gold.main_message->begin(), gold.main_message->end(),
                                 [&](const std::string& a) { return main_message_matches(shown.main_message, a); });
    if (!*s.main_message) {
      s.misses.push_back("main message: " + in_quotes(shown.main_message) + " (gold: " +
                         in_quotes(gold.main_message->empty() ? std::string() : gold.main_message->front()) + ")");
    }
  }
  return s;
}

}  // namespace handout::quality
