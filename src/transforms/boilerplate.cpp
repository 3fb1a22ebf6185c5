#include "transforms/boilerplate.hpp"

#include "text/text.hpp"
#include "transforms/boilerplate_rules.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace handout {

namespace {

bool named(pugi::xml_node n, const char* name) { return std::strcmp(n.name(), name) == 0; }

bool is_verbatim(pugi::xml_node n) {
  for (; n; n = n.parent()) {
    if (named(n, "programlisting") || named(n, "literallayout") || named(n, "code") || named(n, "info")) return true;
  }
  return false;
}

std::string where(const BoilerplateRule& r) {
  return std::filesystem::path(r.file).filename().string() + ":" + std::to_string(r.line);
}

std::string shown(std::string_view s) {
  std::string t = text::collapse_whitespace(s);
  if (text::length(t) > 80) t = t.substr(0, 77) + "...";
  return "\"" + t + "\"";
}

/// One piece of the body in reading order, as furniture matching sees it.
struct Unit {
  enum Kind { leaf, heading, content, neutral } kind;
  pugi::xml_node node;  // the para / bridgehead / listitem, or the section of a heading
  const BoilerplateRule* rule = nullptr;
  Kind furniture_kind = content;  // leaf or heading: what it is when an at-ends rule matches
  std::string text;               // a text unit no anywhere rule matched, for the at-ends rules

  Unit(Kind k, pugi::xml_node n, const BoilerplateRule* r = nullptr, Kind furniture = content, std::string t = {})
      : kind(k), node(n), rule(r), furniture_kind(furniture), text(std::move(t)) {}
};

class UnitCollector {
 public:
  explicit UnitCollector(const BoilerplateRules& rules) : rules_(rules) {}

  std::vector<Unit> collect(pugi::xml_node article) {
    visit(article);
    return std::move(units_);
  }

 private:
  void add_text_unit(Unit::Kind kind, pugi::xml_node node, pugi::xml_node text_node) {
    const std::string t = text_content(text_node, true);
    if (text::trim(t).empty()) {
      units_.emplace_back(Unit::neutral, node);
      return;
    }
    // At-ends rules only matter in the runs at the ends; remove_boilerplate tries them there.
    const BoilerplateRule* rule = rules_.match_scope(t, BoilerplateScope::anywhere);
    if (rule) {
      units_.emplace_back(kind, node, rule);
    } else {
      units_.emplace_back(Unit::content, node, nullptr, kind, t);
    }
  }

  void visit(pugi::xml_node parent) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || named(c, "info") || named(c, "title")) continue;
      if (named(c, "section")) {
        add_text_unit(Unit::heading, c, c.child("title"));
        visit(c);
      } else if (named(c, "para") || named(c, "simpara") || named(c, "bridgehead")) {
        if (c.attribute("role")) {
          units_.emplace_back(Unit::neutral, c);
        } else {
          add_text_unit(Unit::leaf, c, c);
        }
      } else if (named(c, "itemizedlist") || named(c, "orderedlist")) {
        for (pugi::xml_node item = c.child("listitem"); item; item = item.next_sibling("listitem")) {
          pugi::xml_node only = item.first_child();
          const bool single_para = only && named(only, "para") && !only.next_sibling() && !item.attribute("role");
          if (single_para) {
            add_text_unit(Unit::leaf, item, only);
          } else {
            visit(item);
          }
        }
      } else if (named(c, "blockquote") || named(c, "note") || named(c, "tip") || named(c, "important") ||
                 named(c, "warning") || named(c, "caution") || named(c, "sidebar")) {
        visit(c);
      } else {
        units_.emplace_back(Unit::content, c);  // tables, code, images, variable lists: real content
      }
    }
  }

  const BoilerplateRules& rules_;
  std::vector<Unit> units_;
};

pugi::xml_node previous_element(pugi::xml_node n) {
  for (n = n.previous_sibling(); n; n = n.previous_sibling())
    if (n.type() == pugi::node_element) return n;
  return {};
}

/// Removes a section's heading and keeps its content: its blocks go to the end of the content
/// just before it (the deepest last subsection of a preceding section, else the parent's blocks)
/// and its subsections take its place.
void dissolve_section(pugi::xml_node section) {
  pugi::xml_node parent = section.parent();
  pugi::xml_node prev = previous_element(section);
  pugi::xml_node target;  // where the blocks are appended; null means before the section
  if (prev && named(prev, "section")) {
    target = prev;
    for (pugi::xml_node last = target.last_child(); last && named(last, "section"); last = target.last_child()) {
      target = last;
    }
  }
  std::vector<pugi::xml_node> children;
  for (pugi::xml_node c = section.first_child(); c; c = c.next_sibling()) {
    if (!named(c, "title") && !named(c, "info")) children.push_back(c);
  }
  for (pugi::xml_node c : children) {
    if (named(c, "section") || !target) {
      parent.insert_move_before(c, section);
    } else {
      target.append_move(c);
    }
  }
  parent.remove_child(section);
}

void strip_in_text(pugi::xml_node article, const BoilerplateRules& rules, const TransformOptions& options,
                   Diagnostics& diag) {
  std::vector<pugi::xml_node> texts;
  for (const auto& x : article.select_nodes(".//text()")) {
    if (!is_verbatim(x.node().parent())) texts.push_back(x.node());
  }
  for (pugi::xml_node t : texts) {
    std::string value = t.value();
    const auto used = rules.strip_in_text(value);
    if (used.empty()) continue;
    pugi::xml_node holder = t.parent();
    if (!t.next_sibling()) value = std::string(value.substr(0, value.find_last_not_of(" \t\n") + 1));
    if (options.verbose) {
      for (const BoilerplateRule* r : used) {
        diag.note(Code::furniture_removed, 0, 0, "removed furniture " + shown(r->pattern) + " from " + shown(text_content(holder, true)) +
                            " (" + where(*r) + ")");
      }
    }
    if (value.empty()) {
      holder.remove_child(t);
    } else {
      t.set_value(value.c_str());
    }
  }
}

}  // namespace

void remove_boilerplate(Document& doc, const TransformOptions& options, Diagnostics& diag) {
  const auto rules = load_boilerplate_rules(options.boilerplate_files);
  strip_in_text(doc.article(), *rules, options, diag);

  std::vector<Unit> units = UnitCollector(*rules).collect(doc.article());
  // The runs of furniture at each end reach on through units only an at-ends rule matches.
  auto extend_run = [&](Unit& u) {
    if (u.kind != Unit::content) return true;
    if (u.text.empty()) return false;
    u.rule = rules->match_scope(u.text, BoilerplateScope::at_ends);
    if (u.rule) u.kind = u.furniture_kind;
    u.text.clear();
    return u.rule != nullptr;
  };
  for (auto it = units.begin(); it != units.end() && extend_run(*it); ++it) {
  }
  for (auto it = units.rbegin(); it != units.rend() && extend_run(*it); ++it) {
  }
  auto is_content = [](const Unit& u) { return u.kind == Unit::content; };
  const auto first = std::find_if(units.begin(), units.end(), is_content);
  const auto last = std::find_if(units.rbegin(), units.rend(), is_content);
  const std::ptrdiff_t first_content = first - units.begin();
  const std::ptrdiff_t last_content = last == units.rend() ? -1 : units.rend() - last - 1;

  std::vector<pugi::xml_node> leaves;
  std::vector<pugi::xml_node> sections;
  for (std::ptrdiff_t i = 0; i < static_cast<std::ptrdiff_t>(units.size()); ++i) {
    const Unit& u = units[static_cast<std::size_t>(i)];
    if (!u.rule) continue;
    const bool at_end = i < first_content || i > last_content;
    if (u.rule->scope != BoilerplateScope::anywhere && !at_end) continue;
    if (options.verbose) {
      const pugi::xml_node text_node = u.kind == Unit::heading ? u.node.child("title") : u.node;
      diag.note(Code::furniture_removed, 0, 0, std::string("removed furniture ") + (u.kind == Unit::heading ? "heading " : "") +
                          shown(text_content(text_node, true)) + " (" + where(*u.rule) + ")");
    }
    (u.kind == Unit::heading ? sections : leaves).push_back(u.node);
  }
  for (pugi::xml_node n : leaves) n.parent().remove_child(n);
  // Innermost and last first, so each dissolve sees its neighbours still in place.
  for (auto s = sections.rbegin(); s != sections.rend(); ++s) dissolve_section(*s);
}

}  // namespace handout
