#include "model/metadata.hpp"

#include "text/text.hpp"

#include <cstring>

namespace handout {

namespace {

std::string collapsed(pugi::xml_node n) { return text::collapse_whitespace(text_content(n, true)); }

void add_text(pugi::xml_node node, std::string_view value) {
  const std::string clean = text::xml_safe(value);
  node.append_child(pugi::node_pcdata).set_value(clean.data(), clean.size());
}

void add_text_child(pugi::xml_node parent, const char* name, std::string_view value) {
  add_text(parent.append_child(name), value);
}

}  // namespace

Metadata read_metadata(const Document& doc) {
  Metadata m;
  const pugi::xml_node info = doc.info();
  m.title = collapsed(info.child("title"));
  m.subtitle = collapsed(info.child("subtitle"));
  for (auto a : info.children("author")) {
    if (auto org = a.child("orgname")) {
      m.authors.push_back({collapsed(org), true});
    } else {
      m.authors.push_back({collapsed(a.child("personname")), false});
    }
  }
  m.published = collapsed(info.child("pubdate"));
  m.updated = collapsed(info.child("revhistory").child("revision").child("date"));
  m.language = doc.article().attribute("xml:lang").as_string();
  std::string summary;
  for (auto p : info.find_child([](pugi::xml_node n) {
                     return std::strcmp(n.name(), "abstract") == 0 && !n.attribute("role");
                   }).children("para")) {
    if (!summary.empty()) summary += "\n\n";
    summary += collapsed(p);
  }
  m.summary = summary;
  for (auto k : info.child("keywordset").children("keyword")) m.keywords.push_back(collapsed(k));
  for (auto p : info.child("legalnotice").children("para")) m.legal.push_back(collapsed(p));
  m.copyright_year = collapsed(info.child("copyright").child("year"));
  m.copyright_holder = collapsed(info.child("copyright").child("holder"));
  for (auto b : info.children("bibliosource")) {
    if (std::strcmp(b.attribute("class").as_string(), "uri") == 0) m.source_url = collapsed(b);
  }
  for (auto b : info.children("bibliomisc")) {
    const std::string role = b.attribute("role").as_string();
    if (role.rfind("meta:", 0) == 0) m.extra.emplace_back(role.substr(5), text_content(b));
  }
  return m;
}

namespace {

/// True for the <info> children write_metadata owns; others (role'd abstracts...) are kept.
bool is_managed(pugi::xml_node n) {
  const std::string_view name = n.name();
  if (name == "abstract") return !n.attribute("role");
  if (name == "bibliosource") return std::strcmp(n.attribute("class").as_string(), "uri") == 0;
  if (name == "bibliomisc") return std::string_view(n.attribute("role").as_string()).substr(0, 5) == "meta:";
  return name == "title" || name == "subtitle" || name == "author" || name == "pubdate" || name == "revhistory" ||
         name == "keywordset" || name == "legalnotice" || name == "copyright";
}

}  // namespace

void write_metadata(Document& doc, const Metadata& m) {
  pugi::xml_node article = doc.article();
  pugi::xml_node info = article.child("info");
  if (!info) info = article.prepend_child("info");
  for (pugi::xml_node c = info.first_child(); c;) {
    const pugi::xml_node next = c.next_sibling();
    if (c.type() != pugi::node_element || is_managed(c)) info.remove_child(c);
    c = next;
  }
  // Managed elements go first, in a fixed order, before the kept ones.
  const pugi::xml_node kept = info.first_child();
  auto add = [&](const char* name) { return kept ? info.insert_child_before(name, kept) : info.append_child(name); };
  add_text(add("title"), m.title);
  if (!m.subtitle.empty()) add_text(add("subtitle"), m.subtitle);
  for (const Person& p : m.authors) {
    if (p.name.empty()) continue;
    add_text_child(add("author"), p.organization ? "orgname" : "personname", p.name);
  }
  if (!m.published.empty()) add_text(add("pubdate"), m.published);
  if (!m.updated.empty()) add_text_child(add("revhistory").append_child("revision"), "date", m.updated);
  if (!text::trim(m.summary).empty()) {
    pugi::xml_node abstract = add("abstract");
    std::string_view rest = m.summary;
    while (!rest.empty()) {
      const std::size_t cut = rest.find("\n\n");
      const std::string para = text::collapse_whitespace(rest.substr(0, cut));
      if (!para.empty()) add_text_child(abstract, "para", para);
      if (cut == std::string_view::npos) break;
      rest.remove_prefix(cut + 2);
    }
  }
  if (!m.keywords.empty()) {
    pugi::xml_node set = add("keywordset");
    for (const auto& k : m.keywords) add_text_child(set, "keyword", k);
  }
  if (!m.legal.empty()) {
    pugi::xml_node notice = add("legalnotice");
    for (const auto& l : m.legal) add_text_child(notice, "para", l);
  }
  if (!m.copyright_year.empty() && !m.copyright_holder.empty()) {
    pugi::xml_node c = add("copyright");
    add_text_child(c, "year", m.copyright_year);
    add_text_child(c, "holder", m.copyright_holder);
  }
  if (!m.source_url.empty()) {
    pugi::xml_node b = add("bibliosource");
    b.append_attribute("class") = "uri";
    add_text(b, m.source_url);
  }
  for (const auto& [key, value] : m.extra) {
    pugi::xml_node b = add("bibliomisc");
    b.append_attribute("role") = text::xml_safe("meta:" + key).c_str();
    add_text(b, value);
  }
  if (!m.language.empty()) article.attribute("xml:lang").set_value(m.language.c_str());
}

bool is_language_tag(std::string_view tag) {
  // A light BCP 47 shape check: 2-3 (or 4-8) letter primary subtag, then 1-8 alphanumeric subtags.
  if (tag.empty() || tag.size() > 35) return false;
  std::size_t start = 0;
  bool first = true;
  while (start <= tag.size()) {
    std::size_t end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    const std::string_view sub = tag.substr(start, end - start);
    if (sub.empty() || sub.size() > 8) return false;
    for (const char c : sub) {
      const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      const bool digit = c >= '0' && c <= '9';
      if (first ? !alpha : !(alpha || digit)) return false;
    }
    if (first && (sub.size() < 2 || sub.size() == 4)) return false;
    first = false;
    if (end == tag.size()) break;
    start = end + 1;
  }
  return true;
}

}  // namespace handout

namespace handout {

std::optional<CopyrightParts> parse_copyright(std::string_view line) {
  std::string_view s = text::trim(line);
  std::size_t at = std::string_view::npos;
  std::size_t skip = 0;
  for (const std::string_view mark : {"\xC2\xA9", "(c)", "(C)", "Copyright", "copyright", "COPYRIGHT"}) {
    const std::size_t p = s.find(mark);
    if (p != std::string_view::npos && p < at) at = p, skip = mark.size();
  }
  if (at == std::string_view::npos) return std::nullopt;
  s.remove_prefix(at + skip);
  // "Copyright ©" and "Copyright (c)" carry two marks.
  for (bool again = true; again;) {
    again = false;
    s = text::trim(s);
    for (const std::string_view mark : {"\xC2\xA9", "(c)", "(C)"}) {
      if (s.substr(0, mark.size()) == mark) s.remove_prefix(mark.size()), again = true;
    }
  }
  if (s.size() < 4) return std::nullopt;
  for (int i = 0; i < 4; ++i)
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  CopyrightParts parts;
  parts.year = std::string(s.substr(0, 4));
  s.remove_prefix(4);
  // A year range: "2024-2026", "2024–2026".
  std::string_view rest = text::trim(s);
  for (const std::string_view dash : {"-", "\xE2\x80\x93", "\xE2\x80\x94"}) {
    if (rest.substr(0, dash.size()) == dash) {
      std::string_view after = text::trim(rest.substr(dash.size()));
      std::size_t digits = 0;
      while (digits < after.size() && after[digits] >= '0' && after[digits] <= '9') ++digits;
      if (digits == 4) rest = after.substr(4);
      break;
    }
  }
  rest = text::trim(rest);
  if (!rest.empty() && (rest[0] == ',' || rest[0] == ':')) rest = text::trim(rest.substr(1));
  if (rest.substr(0, 3) == "by " || rest.substr(0, 3) == "By ") rest = text::trim(rest.substr(3));
  // The holder ends at "All rights reserved", a licence sentence, or a period ending the name.
  std::size_t end = rest.size();
  for (const std::string_view stop : {"All rights reserved", "all rights reserved", "Some rights reserved",
                                      ". ", " | ", " - ", " \xE2\x80\x93 ", " \xC2\xB7 "}) {
    const std::size_t p = rest.find(stop);
    if (p != std::string_view::npos && p < end) end = p;
  }
  std::string_view holder = text::trim(rest.substr(0, end));
  while (!holder.empty() && (holder.back() == '.' || holder.back() == ',')) holder.remove_suffix(1);
  if (holder.empty()) return std::nullopt;
  parts.holder = std::string(holder);
  return parts;
}

}  // namespace handout
