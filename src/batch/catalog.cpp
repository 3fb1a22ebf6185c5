#include "batch/catalog.hpp"

#include "text/language_tag.hpp"
#include "text/locale_format.hpp"
#include "text/text.hpp"
#include "writers/registry.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace handout {

namespace {

/// The label of an export in the catalog, by writer name (the registry's label).
std::string format_label(std::string_view format) {
  const WriterEntry* w = find_writer(format);
  return w != nullptr && !w->label.empty() ? std::string(w->label) : std::string(format);
}

/// The order exports are listed in: the registry's catalog order (what people print first).
int format_rank(std::string_view format) {
  const WriterEntry* w = find_writer(format);
  return w != nullptr ? w->catalog_order : 3;
}

std::string problem_item(const Diagnostic& d, std::string_view kind) {
  std::string out = "<li><strong>" + std::string(kind) + "</strong>";
  if (d.line > 0) out += " (line " + std::to_string(d.line) + (d.column > 0 ? ", column " + std::to_string(d.column) : "") + ")";
  return out + ": " + escape_html(d.message) + "</li>";
}

std::string row_id(std::string_view source) { return "src-" + url_path(source); }

/// The topic of a source: its first folder under the input folder, or empty for the top.
std::string topic_of(std::string_view source) {
  const std::size_t slash = source.find('/');
  return slash == std::string_view::npos ? std::string() : std::string(source.substr(0, slash));
}

/// The lang and xml:lang attributes of text in language (nothing for English).
std::string lang_attributes(const std::string& language) {
  if (language.empty() || language == "en") return {};
  return " lang=\"" + escape_html(language) + "\" xml:lang=\"" + escape_html(language) + "\"";
}

/// A source's exports in catalog order.
std::vector<const OutputRecord*> ordered_outputs(const SourceRecord& s) {
  std::vector<const OutputRecord*> outputs;
  for (const OutputRecord& o : s.outputs) outputs.push_back(&o);
  std::stable_sort(outputs.begin(), outputs.end(), [](const OutputRecord* a, const OutputRecord* b) {
    return format_rank(a->format) < format_rank(b->format);
  });
  return outputs;
}

/// The maintainer's details of one source: its file, every export, reading time, problems.
std::string maintainer_details(const SourceRecord& s) {
  std::string html = "<details><summary>Details for maintainers</summary>\n<dl>";
  html += "<dt>Source</dt><dd class=\"source\">" + escape_html(s.source) + "</dd>";
  html += "<dt>Files</dt><dd>";
  const std::vector<const OutputRecord*> outputs = ordered_outputs(s);
  if (outputs.empty()) html += "none";
  else {
    html += "<ul>";
    for (const OutputRecord* o : outputs) {
      html += "<li><a href=\"" + escape_html(url_path(o->path)) + "\">" + escape_html(format_label(o->format)) + "</a>";
      if (o->pages > 0) html += " (" + std::to_string(o->pages) + (o->pages == 1 ? " page)" : " pages)");
      html += "</li>";
    }
    html += "</ul>";
  }
  html += "</dd><dt>Reading time</dt><dd>" +
          (s.reading.words == 0 ? std::string("–")
                                : std::to_string(s.reading.minutes) + " min (" + std::to_string(s.reading.words) + " words)") +
          "</dd>";
  html += "<dt>Problems</dt><dd>";
  if (s.errors.empty() && s.warnings.empty()) html += "none";
  else {
    html += "<ul>";
    for (const Diagnostic& d : s.errors) html += problem_item(d, "Error");
    for (const Diagnostic& d : s.warnings) html += problem_item(d, "Warning");
    html += "</ul>";
  }
  return html + "</dd></dl>\n</details>\n";
}

/// One source as a card: its title, what to do with it, language, reading level, date.
std::string card(const SourceRecord& s) {
  const std::string language = s.language.empty() ? std::string("en") : s.language;
  // The filter groups varieties under their language (en-US with en).
  std::string html = "<li class=\"card" + std::string(s.failed ? " failed" : "") + "\" id=\"" + row_id(s.source) +
                     "\" data-lang=\"" + escape_html(language_tag::primary(language)) + "\" data-topic=\"" +
                     escape_html(topic_of(s.source)) + "\">\n";
  html += "<h2" + lang_attributes(s.language) + ">" + escape_html(s.title.empty() ? s.source : s.title) + "</h2>\n";
  std::vector<std::string> facts{language_display_name(language)};
  if (s.reading.words > 0) facts.push_back("Reading level: " + s.reading.level());
  if (!s.date.empty()) facts.push_back("Date: " + print_date(s.date, "en"));
  if (s.pages > 0) facts.push_back(std::to_string(s.pages) + (s.pages == 1 ? " page" : " pages"));
  html += "<p class=\"facts\">";
  for (std::size_t i = 0; i < facts.size(); ++i) html += (i > 0 ? " · " : "") + escape_html(facts[i]);
  html += "</p>\n";
  if (s.failed) {
    html += std::string("<p class=\"stale\"><strong>Not updated:</strong> the last build could not make this handout") +
            (s.outputs.empty() ? ".</p>\n" : "; the files below may be out of date.</p>\n");
  }
  std::string actions;
  for (const OutputRecord* o : ordered_outputs(s)) {
    const WriterEntry* w = find_writer(o->format);
    if (w == nullptr || w->action.empty()) continue;
    actions += "<a class=\"action\" href=\"" + escape_html(url_path(o->path)) + "\">" + escape_html(w->action) + "</a> ";
  }
  if (!actions.empty()) html += "<p class=\"actions\">" + actions.substr(0, actions.size() - 1) + "</p>\n";
  return html + maintainer_details(s) + "</li>\n";
}

/// A <select> of the values with their labels, the first option meaning "any".
std::string select(const char* id, const char* label, const char* any,
                   const std::vector<std::pair<std::string, std::string>>& values) {
  std::string html = "<label for=\"" + std::string(id) + "\">" + label + "</label>\n<select id=\"" + id + "\">";
  html += "<option value=\"\">" + std::string(any) + "</option>";
  for (const auto& [value, text] : values)
    html += "<option value=\"" + escape_html(value) + "\">" + escape_html(text) + "</option>";
  return html + "</select>\n";
}

// The page's style: one column of cards, readable from 390 px up; contrast at least 4.5:1.
constexpr const char* kStyle = R"(
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 1rem; line-height: 1.5; margin: 0; color: #111; background: #f6f7f9; }
header, main, footer { max-width: 48rem; margin: 0 auto; padding: 1rem; }
h1 { margin: 0 0 0.5rem; color: #1f4466; }
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; }
.filters div { display: flex; flex-direction: column; min-width: 10rem; flex: 1 1 12rem; }
label { font-weight: bold; font-size: 0.9rem; }
input, select { font: inherit; padding: 0.4rem; border: 1px solid #555; border-radius: 4px; background: #fff; color: #111; width: 100%; }
.cards { list-style: none; margin: 0; padding: 0; }
.card { background: #fff; border: 1px solid #b8c0cc; border-radius: 6px; padding: 0.8rem 1rem; margin: 0 0 1rem; }
.card.failed { border-color: #b3261e; }
.card h2 { font-size: 1.2rem; margin: 0 0 0.3rem; color: #1f4466; }
.facts { margin: 0 0 0.6rem; color: #444; }
.stale { color: #8c1d18; margin: 0 0 0.6rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0 0 0.6rem; }
.action { display: inline-block; padding: 0.45rem 0.9rem; background: #0b55a3; color: #fff; border-radius: 4px; text-decoration: none; font-weight: bold; }
.action:hover, .action:focus { background: #083f7a; }
a:focus, input:focus, select:focus, summary:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
details summary { cursor: pointer; color: #333; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; margin: 0.5rem 0 0; }
dt { font-weight: bold; }
dd { margin: 0; min-width: 0; }
dd ul { margin: 0; padding-left: 1.2rem; }
.source { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9rem; overflow-wrap: anywhere; }
[hidden] { display: none !important; }
)";

// Search and filters, all in the page (works from file://, no framework). Hidden without scripts.
constexpr const char* kScript = R"(//<![CDATA[
(function () {
  var form = document.getElementById('filters');
  var q = document.getElementById('q'), lang = document.getElementById('lang'), topic = document.getElementById('topic');
  var cards = document.querySelectorAll('li.card'), count = document.getElementById('count');
  var none = document.getElementById('none');
  var texts = [];
  for (var i = 0; i !== cards.length; i++) {
    var h = cards[i].querySelector('h2'), f = cards[i].querySelector('.facts');
    texts.push(((h ? h.textContent : '') + ' ' + (f ? f.textContent : '') + ' ' + cards[i].getAttribute('data-topic')).toLowerCase());
  }
  function update() {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
    for (var i = 0; i !== cards.length; i++) {
      var c = cards[i];
      var ok = (!lang.value || c.getAttribute('data-lang') === lang.value) &&
               (!topic || !topic.value || c.getAttribute('data-topic') === topic.value);
      for (var j = 0; ok && j !== words.length; j++) ok = texts[i].indexOf(words[j]) !== -1;
      c.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown + (shown === 1 ? ' handout shown' : ' handouts shown');
    none.hidden = shown !== 0;
  }
  q.addEventListener('input', update);
  lang.addEventListener('change', update);
  if (topic) topic.addEventListener('change', update);
  form.hidden = false;
  update();
})();
//]]>)";

}  // namespace

std::string escape_html(std::string_view raw) {
  // Names are bytes: invalid UTF-8 and characters XML cannot hold (controls) become U+FFFD.
  const std::string text = text::xml_safe_bytes(raw);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string url_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string render_catalog(const Manifest& manifest) {
  std::size_t failed = 0, warnings = 0;
  std::map<std::string, std::string> languages;  // tag -> display name
  std::set<std::string> topics;
  for (const SourceRecord& s : manifest.sources) {
    failed += s.failed;
    warnings += s.warnings.size();
    const std::string tag = language_tag::primary(s.language.empty() ? std::string("en") : s.language);
    languages.emplace(tag, language_display_name(tag));
    topics.insert(topic_of(s.source));
  }
  const std::size_t n = manifest.sources.size();
  std::string html;
  html += "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n";
  html += "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  html += "<title>Handouts</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<header>\n";
  html += "<h1>Handouts</h1>\n";
  html += "<p>" + std::to_string(n) + (n == 1 ? " handout" : " handouts") +
          " to print or share. Each can be printed in full or as a one-page summary, or read as an e-book.</p>\n";
  // Filters: shown by the script (without it they could not work).
  html += "<form id=\"filters\" class=\"filters\" role=\"search\" hidden=\"hidden\" onsubmit=\"return false\">\n";
  html += "<div><label for=\"q\">Search by title or word</label>\n<input id=\"q\" type=\"search\" autocomplete=\"off\"/></div>\n";
  std::vector<std::pair<std::string, std::string>> language_options(languages.begin(), languages.end());
  std::sort(language_options.begin(), language_options.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  html += "<div>" + select("lang", "Language", "All languages", language_options) + "</div>\n";
  if (topics.size() > 1) {
    std::vector<std::pair<std::string, std::string>> topic_options;
    for (const std::string& t : topics) topic_options.emplace_back(t, t.empty() ? std::string("Other") : t);
    html += "<div>" + select("topic", "Topic (folder)", "All topics", topic_options) + "</div>\n";
  }
  html += "</form>\n<p id=\"count\" aria-live=\"polite\"></p>\n</header>\n<main>\n<ul class=\"cards\">\n";
  // By title, as people look for a handout (the manifest is by path).
  std::vector<const SourceRecord*> by_title;
  for (const SourceRecord& s : manifest.sources) by_title.push_back(&s);
  std::stable_sort(by_title.begin(), by_title.end(), [](const SourceRecord* a, const SourceRecord* b) {
    return text::fold_case(a->title.empty() ? a->source : a->title) < text::fold_case(b->title.empty() ? b->source : b->title);
  });
  for (const SourceRecord* s : by_title) html += card(*s);
  html += "</ul>\n<p id=\"none\" hidden=\"hidden\">No handout matches. Clear the search or choose “All”.</p>\n</main>\n";
  // For maintainers: the build itself.
  html += "<footer>\n<details" + std::string(failed > 0 ? " open=\"open\"" : "") + "><summary>About this build (for maintainers)</summary>\n";
  html += "<p>" + std::to_string(n) + " source" + (n == 1 ? "" : "s") + ", " + std::to_string(failed) + " failed, " +
          std::to_string(warnings) + " warning" + (warnings == 1 ? "" : "s") + ". Style: " + escape_html(manifest.style) +
          ". Built by " + escape_html(manifest.program) + ".</p>\n";
  if (failed > 0) {
    html += "<h2>Failed sources</h2>\n<p>These sources could not be exported. Exports listed for them are from an "
            "earlier build and may be out of date.</p>\n<ul>\n";
    for (const SourceRecord& s : manifest.sources) {
      if (!s.failed) continue;
      html += "<li><a href=\"#" + row_id(s.source) + "\">" + escape_html(s.source) + "</a>";
      if (!s.errors.empty()) html += ": " + escape_html(s.errors.front().message);
      html += "</li>\n";
    }
    html += "</ul>\n";
  }
  html += "</details>\n</footer>\n<script>" + std::string(kScript) + "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace handout
