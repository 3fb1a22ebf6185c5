#include "readers/wiki/templates.hpp"

#include "readers/wiki/lexer.hpp"
#include "text/text.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

namespace handout::wiki {

namespace {

std::string trimmed(std::string_view s) { return std::string(text::trim(s)); }

/// Lowercase, '_' as space, runs of spaces as one, trimmed.
std::string normalize_name(std::string_view raw) {
  std::string out;
  bool space = false;
  for (char c : text::trim(raw)) {
    if (c == '_' || c == ' ' || c == '\t' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool is_number(std::string_view s) {
  s = text::trim(s);
  if (s.empty()) return false;
  std::size_t i = 0;
  if (s[0] == '-' || s[0] == '+' || s[0] == '~') i = 1;
  bool digit = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '.' && c != ',' && c != 'e' && c != 'E') return false;
  }
  return digit;
}

/// Escapes text placed inside an external link's label, so a "]" in a title does not end it.
std::string link_label(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ']') out += "&#93;";
    else if (c == '[') out += "&#91;";
    else out += c;
  }
  return out;
}

/// Returns the template names that are left out quietly: they show nothing a handout needs
/// (maintenance tags, page settings, navigation, hatnotes, sister-project boxes).
bool is_quietly_dropped(const std::string& name) {
  static constexpr std::array<std::string_view, 88> kNames = {
      "about", "according to whom", "authority control", "better source", "better source needed", "by whom",
      "cbignore", "citation needed", "citation needed span", "clarify", "clear", "clear left", "clear right",
      "cleanup", "cn", "col-begin", "col-break", "col-end", "commons", "commons category", "dablink",
      "dead link", "defaultsort", "distinguish", "div col end", "dubious", "engvarb", "external media", "fact",
      "failed verification", "featured article", "for", "full citation needed", "further", "further information",
      "good article", "hatnote", "italic title", "lowercase title", "main", "main article", "medical citation needed",
      "medref", "more citations needed", "more medical citations needed", "multiple issues", "needs update",
      "orphan", "other uses", "page needed", "pp", "pp-move-indef", "pp-protected", "pp-semi-indef",
      "pp-vandalism", "portal", "portal bar", "redirect", "refbegin", "refend", "refimprove", "reflist-talk",
      "selfref", "self reference", "see also", "sfn whitespace", "sister project links", "spoken wikipedia",
      "subject bar", "taxonbar", "toc limit", "toclimit", "update", "update inline", "vague", "webarchive",
      "when", "which", "who", "wikibooks", "wikidata", "wikiquote", "wikisource", "wikispecies",
      "wikivoyage", "wiktionary", "-", "anchor"};
  if (std::find(kNames.begin(), kNames.end(), name) != kNames.end()) return true;
  static constexpr std::array<std::string_view, 7> kPrefixes = {"use ", "pp-", "navbox", "portal", "s-", "cite check",
                                                                "wikiproject"};
  for (std::string_view p : kPrefixes)
    if (name.starts_with(p)) return true;
  return name.ends_with("stub") || name.ends_with(" navbox") || name.ends_with(" sidebar") ||
         name.ends_with(" footer");
}

/// English names of the languages most often marked in health articles.
std::string language_name(std::string_view code) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"ar", "Arabic"},  {"de", "German"},     {"el", "Greek"},     {"en", "English"},  {"es", "Spanish"},
      {"fr", "French"},  {"grc", "Ancient Greek"}, {"he", "Hebrew"}, {"hi", "Hindi"},  {"it", "Italian"},
      {"ja", "Japanese"}, {"ko", "Korean"},    {"la", "Latin"},     {"nl", "Dutch"},    {"pl", "Polish"},
      {"pt", "Portuguese"}, {"ru", "Russian"}, {"sv", "Swedish"},   {"tr", "Turkish"},  {"zh", "Chinese"}};
  const std::string lower = ascii_lower(code);
  for (const auto& [c, n] : kNames)
    if (c == lower) return std::string(n);
  return std::string(code);
}

/// Unit symbols of {{convert}} as a reader expects to see them.
std::string unit_symbol(std::string_view unit) {
  static constexpr std::pair<std::string_view, std::string_view> kUnits[] = {
      {"C", "°C"},     {"degC", "°C"},   {"F", "°F"},        {"degF", "°F"},      {"K", "K"},
      {"m2", "m²"},    {"km2", "km²"},   {"cm2", "cm²"},     {"sqft", "sq ft"},   {"sqmi", "sq mi"},
      {"cm3", "cm³"},  {"cc", "cc"},     {"m3", "m³"},       {"l", "L"},          {"ml", "mL"},
      {"mcg", "μg"},   {"ug", "μg"},     {"usgal", "US gal"}, {"impgal", "imp gal"}, {"usfloz", "US fl oz"},
      {"impfloz", "imp fl oz"}, {"floz", "fl oz"}, {"kph", "km/h"}, {"cuft", "cu ft"}, {"ftin", "ft"}};
  for (const auto& [u, s] : kUnits)
    if (u == unit) return std::string(s);
  return std::string(unit);
}

/// Separators of a {{convert}} range and how they read.
const char* range_separator(std::string_view s) {
  if (s == "-" || s == "–" || s == "to(-)") return "–";
  if (s == "to") return " to ";
  if (s == "and" || s == "and(-)") return " and ";
  if (s == "or") return " or ";
  if (s == "x" || s == "by" || s == "×") return " × ";
  if (s == "+/-" || s == "±") return " ± ";
  if (s == "+") return " + ";
  if (s == ",") return ", ";
  return nullptr;
}

/// {{convert|5|km|mi}} → "5 km"; {{convert|5|-|10|kg}} → "5–10 kg"; {{convert|5|ft|10|in}} → "5 ft 10 in".
std::string render_convert(const TemplateCall& call) {
  const auto& p = call.positional;
  if (p.empty()) return {};
  std::string out = p[0];
  std::size_t i = 1;
  while (i + 1 < p.size()) {
    const char* sep = range_separator(p[i]);
    if (sep == nullptr || !is_number(p[i + 1])) break;
    out += sep;
    out += p[i + 1];
    i += 2;
  }
  if (i < p.size() && !p[i].empty()) {
    out += ' ';
    out += unit_symbol(p[i]);
    // A second value and unit (5 ft 10 in), when what follows is a number and a unit.
    if (i + 2 < p.size() + 1 && i + 1 < p.size() && is_number(p[i + 1]) && i + 2 < p.size() && !p[i + 2].empty() &&
        !is_number(p[i + 2])) {
      out += ' ';
      out += p[i + 1];
      out += ' ';
      out += unit_symbol(p[i + 2]);
    }
  }
  return out;
}

const char* month_name(std::string_view m) {
  static constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                          "July",    "August",   "September", "October", "November", "December"};
  const int n = std::atoi(std::string(m).c_str());
  return n >= 1 && n <= 12 ? kMonths[static_cast<std::size_t>(n - 1)] : nullptr;
}

/// {{as of|2024|5}} → "As of May 2024".
std::string render_as_of(const TemplateCall& call) {
  std::string out = call.arg("lc") == "y" ? "as of " : "As of ";
  const std::string year = call.pos(0), month = call.pos(1), day = call.pos(2);
  if (const char* m = month.empty() ? nullptr : month_name(month)) {
    if (!day.empty()) out += day + " ";
    out += std::string(m) + " ";
  }
  return out + year;
}

/// {{frac|1|2}} → "1/2", {{frac|3|1|2}} → "3 1/2", {{frac|4}} → "1/4".
std::string render_fraction(const TemplateCall& call) {
  const auto& p = call.positional;
  if (p.size() == 1) return "1/" + p[0];
  if (p.size() == 2) return p[0] + "/" + p[1];
  if (p.size() >= 3) return p[0] + " " + p[1] + "/" + p[2];
  return {};
}

/// {{quote|text|author|source}} and {{blockquote|text=…|author=…}}: a block quote with its attribution.
std::string render_quote(const TemplateCall& call) {
  const std::string body = call.first_arg({"text", "quote", "1"}).empty() ? call.pos(0) : call.first_arg({"text", "quote", "1"});
  std::string author = call.first_arg({"author", "sign", "2"});
  if (author.empty()) author = call.pos(1);
  std::string source = call.first_arg({"source", "title", "3"});
  if (source.empty()) source = call.pos(2);
  std::string out = "\n<blockquote>\n" + body;
  if (!author.empty() || !source.empty()) {
    out += "\n\n— " + author;
    if (!author.empty() && !source.empty()) out += ", ";
    out += source;
  }
  return out + "\n</blockquote>\n";
}

/// The label of a call-out box template ({{Warning|…}}, {{Caution|…}}, {{Note|…}},
/// {{Important|…}}, {{Tip|…}}), or nullptr for any other name.
const char* callout_template_label(std::string_view name) {
  static constexpr std::pair<std::string_view, const char*> kBoxes[] = {
      {"warning", "Warning"}, {"caution", "Caution"}, {"note", "Note"},           {"notice", "Note"},
      {"important", "Important"}, {"tip", "Tip"},     {"warning box", "Warning"}, {"caution box", "Caution"}};
  for (const auto& [n, label] : kBoxes)
    if (n == name) return label;
  return nullptr;
}

/// A call-out box as a paragraph of its own that opens with its bold label ("'''Warning:''' …"),
/// which the block reader makes a call-out, as it does for the same paragraph written by hand.
std::string render_callout(const char* label, std::string_view body) {
  const std::size_t start = body.find_first_not_of(" \t\n");
  return "\n\n'''" + std::string(label) + ":''' " + std::string(body.substr(start)) + "\n\n";
}

/// {{sfn|Author|Year|p=5}}: a shortened footnote shared by every call with the same arguments.
std::string render_sfn(const TemplateCall& call) {
  std::string cite;
  std::string key = "sfn";
  for (const auto& a : call.positional) {
    if (a.empty()) continue;
    if (!cite.empty()) cite += ' ';
    cite += a;
    key += '-' + a;
  }
  if (const std::string p = call.first_arg({"p", "page"}); !p.empty()) cite += ", p. " + p, key += "-p" + p;
  if (const std::string pp = call.first_arg({"pp", "pages"}); !pp.empty()) cite += ", pp. " + pp, key += "-pp" + pp;
  if (const std::string loc = call.arg("loc"); !loc.empty()) cite += ", " + loc, key += "-" + loc;
  std::string name;
  for (char c : key) name += (c == '"' || c == '<' || c == '>' || c == '&') ? '_' : c;
  return "<ref name=\"" + name + "\">" + cite + ".</ref>";
}

/// The readable rows of {{Infobox medical condition}}: parameter and label.
std::string render_medical_infobox(const TemplateCall& call) {
  static constexpr std::pair<std::string_view, std::string_view> kRows[] = {
      {"synonyms", "Other names"},  {"field", "Specialty"},       {"specialty", "Specialty"},
      {"symptoms", "Symptoms"},     {"complications", "Complications"}, {"onset", "Usual onset"},
      {"duration", "Duration"},     {"types", "Types"},           {"causes", "Causes"},
      {"risks", "Risk factors"},    {"diagnosis", "Diagnostic method"}, {"differential", "Differential diagnosis"},
      {"prevention", "Prevention"}, {"treatment", "Treatment"},   {"medication", "Medication"},
      {"prognosis", "Prognosis"},   {"frequency", "Frequency"},   {"deaths", "Deaths"}};
  std::string rows;
  for (const auto& [key, label] : kRows) {
    const std::string v = call.arg(key);
    if (v.empty()) continue;
    rows += "|-\n! " + std::string(label) + "\n| " + v + "\n";
  }
  if (rows.empty()) return {};
  std::string name = call.first_arg({"name", "title"});
  std::string out = "\n{| class=\"infobox\"\n";
  if (!name.empty()) out += "|+ " + name + "\n";
  return out + rows + "|}\n";
}

void add_part(std::string& out, std::string_view part, std::string_view separator = ". ") {
  if (part.empty()) return;
  if (!out.empty()) out += separator;
  out += part;
}

}  // namespace

std::string TemplateCall::arg(std::string_view key) const {
  for (const auto& [k, v] : named)
    if (k == key) return v;
  return {};
}

std::string TemplateCall::first_arg(std::initializer_list<std::string_view> keys) const {
  for (std::string_view k : keys) {
    if (std::string v = arg(k); !v.empty()) return v;
  }
  return {};
}

std::string TemplateCall::pos(std::size_t i) const { return i < positional.size() ? positional[i] : std::string(); }

TemplateCall parse_template_call(std::string_view inner) {
  // Split at '|' outside [[...]] (inner templates are already expanded).
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  int links = 0;
  for (std::size_t i = 0; i < inner.size(); ++i) {
    if (inner.compare(i, 2, "[[") == 0) {
      ++links;
      ++i;
    } else if (inner.compare(i, 2, "]]") == 0 && links > 0) {
      --links;
      ++i;
    } else if (inner[i] == '|' && links == 0) {
      parts.push_back(inner.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(inner.substr(start));

  TemplateCall call;
  std::string_view name = text::trim(parts[0]);
  for (std::string_view prefix : {"subst:", "safesubst:", "template:", "msnw:"}) {
    if (starts_with_nocase(name, prefix)) name = text::trim(name.substr(prefix.size()));
  }
  // {{NAME:value}}: magic words and parser functions take their first argument after a colon.
  if (const std::size_t colon = name.find(':'); colon != std::string_view::npos) {
    const std::string_view head = name.substr(0, colon);
    if (!head.empty() && head.find(' ') == std::string_view::npos) {
      call.colon_argument = trimmed(name.substr(colon + 1));
      name = head;
    }
  }
  call.raw_name = std::string(name);
  call.name = normalize_name(name);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string_view part = parts[i];
    // A named argument has '=' before any link or tag.
    const std::size_t eq = part.find('=');
    const std::size_t stop = part.find_first_of("[<\x01");
    if (eq != std::string_view::npos && (stop == std::string_view::npos || eq < stop)) {
      std::string key = ascii_lower(text::trim(part.substr(0, eq)));
      std::string value = trimmed(part.substr(eq + 1));
      if (!key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
          key.size() <= 2) {
        const std::size_t index = static_cast<std::size_t>(std::atoi(key.c_str()));
        if (index >= 1) {
          if (call.positional.size() < index) call.positional.resize(index);
          call.positional[index - 1] = value;
          continue;
        }
      }
      call.named.emplace_back(std::move(key), std::move(value));
    } else {
      call.positional.push_back(trimmed(part));
    }
  }
  return call;
}

bool is_invalid_template_name(std::string_view raw_name) {
  const std::string_view name = text::trim(raw_name);
  return name.empty() || name.find_first_of("[]{}<>\n\x01\x02|") != std::string_view::npos;
}

std::string format_citation(const TemplateCall& call) {
  // Authors: last/first pairs, author1…, or a ready-made list.
  std::string authors = call.first_arg({"vauthors", "authors", "people"});
  if (authors.empty()) {
    for (int i = 0; i <= 9; ++i) {
      const std::string n = i == 0 ? "" : std::to_string(i);
      std::string last = call.first_arg({"last" + n, "surname" + n, "author" + n + "-last"});
      std::string first = call.first_arg({"first" + n, "given" + n, "author" + n + "-first"});
      std::string whole = call.arg("author" + n);
      std::string person = !last.empty() ? (first.empty() ? last : last + ", " + first) : whole;
      if (person.empty()) continue;
      if (!authors.empty()) authors += "; ";
      authors += person;
    }
  }
  std::string date = call.first_arg({"date", "year", "publication-date"});
  const std::string title = call.first_arg({"title", "trans-title", "script-title"});
  const std::string chapter = call.first_arg({"chapter", "contribution", "entry", "article"});
  const std::string url = call.first_arg({"url", "chapter-url"});
  const std::string work = call.first_arg({"journal", "work", "website", "newspaper", "magazine", "periodical",
                                           "encyclopedia", "series"});
  const std::string publisher = call.first_arg({"publisher", "agency", "institution"});
  if (authors.empty() && title.empty() && url.empty() && work.empty() && chapter.empty()) return {};

  std::string out;
  if (!authors.empty()) out = authors + (date.empty() ? "" : " (" + date + ")");
  else if (!date.empty()) out = "(" + date + ")";
  auto quoted_title = [&](const std::string& t) {
    if (t.empty()) return std::string();
    if (!url.empty() && (url.starts_with("http") || url.starts_with("//"))) return "\"[" + url + " " + link_label(t) + "]\"";
    return "\"" + t + "\"";
  };
  if (!chapter.empty()) {
    add_part(out, quoted_title(chapter));
    if (!title.empty()) add_part(out, "In ''" + title + "''");
  } else if (!title.empty()) {
    add_part(out, quoted_title(title));
  } else if (!url.empty()) {
    add_part(out, url);
  }
  std::string where = work.empty() ? "" : "''" + work + "''";
  const std::string volume = call.arg("volume"), issue = call.first_arg({"issue", "number"});
  const std::string pages = call.first_arg({"pages", "page", "at"});
  if (!volume.empty()) where += (where.empty() ? "" : " ") + volume;
  if (!issue.empty()) where += " (" + issue + ")";
  if (!pages.empty()) where += (where.empty() ? "" : ": ") + pages;
  add_part(out, where);
  add_part(out, publisher);
  if (const std::string doi = call.arg("doi"); !doi.empty()) add_part(out, "doi:" + doi);
  if (const std::string pmid = call.arg("pmid"); !pmid.empty()) add_part(out, "PMID " + pmid);
  if (const std::string isbn = call.arg("isbn"); !isbn.empty()) add_part(out, "ISBN " + isbn);
  if (const std::string accessed = call.first_arg({"access-date", "accessdate"}); !accessed.empty()) {
    add_part(out, "Retrieved " + accessed);
  }
  if (!out.empty() && out.back() != '.') out += '.';
  return out;
}

TemplateExpansion expand_template(const TemplateCall& call, PageFacts& facts) {
  const std::string& n = call.name;
  auto rendered = [](std::string s) { return TemplateExpansion{TemplateOutcome::rendered, std::move(s)}; };
  const TemplateExpansion dropped{TemplateOutcome::dropped, {}};

  // What the page says about itself.
  if (n == "short description") {
    facts.short_description = call.pos(0) == "none" ? "" : call.pos(0);
    return dropped;
  }
  if (n == "displaytitle") {
    facts.display_title = call.colon_argument;
    return dropped;
  }
  if (n == "pagename" || n == "fullpagename" || n == "pagenamee") return rendered(facts.page_name);
  if (is_quietly_dropped(n)) return dropped;

  // Notes and where they are listed.
  if (n == "reflist" || n == "notelist" || n == "references" || n == "refs" || n.starts_with("notelist-") ||
      n == "notes") {
    return rendered("<references/>");
  }
  if (n == "efn" || n.starts_with("efn-") || n == "refn" || n == "note") {
    std::string body = call.first_arg({"1"});
    if (body.empty()) body = call.pos(0);
    const std::string name = call.arg("name");
    const std::string group = call.arg("group").empty() ? (n == "refn" ? "" : "note") : call.arg("group");
    std::string tag = "<ref";
    if (!name.empty()) tag += " name=\"" + name + "\"";
    if (!group.empty()) tag += " group=\"" + group + "\"";
    return rendered(tag + ">" + body + "</ref>");
  }
  if (n == "sfn" || n == "sfnp") return rendered(render_sfn(call));
  if (n.starts_with("cite ") || n == "citation" || n == "cite" || n.starts_with("vcite ")) {
    return rendered(format_citation(call));
  }

  // Inline text.
  if (n == "lang") {
    const std::string code = call.pos(0), body = call.pos(1);
    if (code.empty()) return rendered(body);
    return rendered("<span lang=\"" + code + "\">" + body + "</span>");
  }
  if (n.starts_with("lang-") || n == "langx") {
    const std::string code = n == "langx" ? call.pos(0) : std::string(call.raw_name.substr(5));
    const std::string body = n == "langx" ? call.pos(1) : call.pos(0);
    if (body.empty()) return dropped;
    return rendered(language_name(code) + ": <span lang=\"" + code + "\">''" + body + "''</span>");
  }
  if (n == "convert" || n == "cvt") return rendered(render_convert(call));
  if (n == "val") {
    std::string v = call.pos(0);
    if (!call.pos(1).empty()) v += "–" + call.pos(1);
    if (const std::string u = call.first_arg({"u", "ul", "up"}); !u.empty()) v += " " + u;
    return rendered(v);
  }
  if (n == "nowrap" || n == "nobr" || n == "small" || n == "smaller" || n == "big" || n == "larger" ||
      n == "nobold" || n == "noitalic" || n == "vanchor" || n == "math" || n == "not a typo" || n == "sic" ||
      n == "tooltip" || n == "abbr" || n == "abbrlink" || n == "ipa" || n == "respell" || n == "nowrap begin" ||
      n == "trademark" || n == "plainlist" || n == "flatlist" || n == "columns-list" || n == "div col" ||
      n == "center" || n == "resize") {
    // The text argument: the last positional one for {{resize|90%|text}} and {{columns-list|colwidth|…}}.
    if (n == "resize" || n == "columns-list" || n == "div col") {
      if (call.positional.empty()) return dropped;
      const std::string body = call.positional.back();
      return rendered(body.find('\n') != std::string::npos ? "\n" + body + "\n" : body);
    }
    const std::string body = call.pos(0);
    return rendered(body.find('\n') != std::string::npos ? "\n" + body + "\n" : body);
  }
  if (n == "transl" || n == "transliteration") return rendered(call.positional.empty() ? "" : "''" + call.positional.back() + "''");
  if (n == "mvar" || n == "var" || n == "em" || n == "i") return rendered("''" + call.pos(0) + "''");
  if (n == "strong" || n == "b") return rendered("'''" + call.pos(0) + "'''");
  if (n == "sup") return rendered("<sup>" + call.pos(0) + "</sup>");
  if (n == "sub") return rendered("<sub>" + call.pos(0) + "</sub>");
  if (n == "mono" || n == "code" || n == "tt") return rendered("<code>" + call.pos(0) + "</code>");
  if (n == "ubl" || n == "unbulleted list" || n == "plain list") {
    std::string out;
    for (const auto& a : call.positional) {
      if (a.empty()) continue;
      if (!out.empty()) out += "<br />";
      out += a;
    }
    return rendered(out);
  }
  if (n == "hlist") {
    std::string out;
    for (const auto& a : call.positional) {
      if (a.empty()) continue;
      if (!out.empty()) out += " · ";
      out += a;
    }
    return rendered(out);
  }
  if (n == "nbsp") return rendered("&nbsp;");
  if (n == "ndash" || n == "en dash") return rendered("–");
  if (n == "mdash" || n == "em dash") return rendered("—");
  if (n == "snd" || n == "spaced ndash" || n == "spnd" || n == "sndash") return rendered("&nbsp;– ");
  if (n == "spaced mdash" || n == "spmd") return rendered("&nbsp;— ");
  if (n == "!") return rendered(std::string(1, kLiteralPipe));
  if (n == "=") return rendered("=");
  if (n == "·" || n == "dot" || n == "middot") return rendered("&nbsp;· ");
  if (n == "bull" || n == "bullet") return rendered("&nbsp;• ");
  if (n == "'") return rendered("&#39;");
  if (n == "circa" || n == "c." || n == "ca.") return rendered("c.&nbsp;" + call.pos(0));
  if (n == "as of") return rendered(render_as_of(call));
  if (n == "frac" || n == "fraction" || n == "sfrac") return rendered(render_fraction(call));
  if (n == "official website" || n == "official") {
    const std::string url = call.first_arg({"url"}).empty() ? call.pos(0) : call.first_arg({"url"});
    if (url.empty()) return dropped;
    const std::string href = url.find("://") == std::string::npos && !url.starts_with("//") ? "https://" + url : url;
    return rendered("[" + href + " " + (call.pos(1).empty() ? std::string("Official website") : link_label(call.pos(1))) + "]");
  }
  if (n == "url") {
    const std::string url = call.pos(0);
    if (url.empty()) return dropped;
    const std::string href = url.find("://") == std::string::npos && !url.starts_with("//") ? "https://" + url : url;
    return rendered("[" + href + " " + link_label(call.pos(1).empty() ? url : call.pos(1)) + "]");
  }

  // Blocks.
  if (const char* label = callout_template_label(n)) {
    std::string body = call.first_arg({"text", "1"});
    if (body.empty()) body = call.pos(0);
    if (body.find_first_not_of(" \t\n") == std::string::npos) return dropped;
    return rendered(render_callout(label, body));
  }
  if (n == "quote" || n == "blockquote" || n == "quotation" || n == "cquote" || n == "quote box") {
    return rendered(render_quote(call));
  }
  if (n == "infobox medical condition" || n == "infobox medical condition (new)" || n == "infobox disease" ||
      n == "infobox symptom") {
    return rendered(render_medical_infobox(call));
  }
  return {};  // other infoboxes hold text readers see: unknown, so the caller warns
}

}  // namespace handout::wiki
