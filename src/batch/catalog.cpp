#include "batch/catalog.hpp"

#include "writers/registry.hpp"

#include <algorithm>
#include <cstdio>
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

constexpr const char* kStyle = R"(
body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 1rem; line-height: 1.5; margin: 1.5rem; color: #111; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.5rem 0; }
th, td { border: 1px solid #999; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #e8e8e8; }
tr.failed { background: #fde8e8; }
ul { margin: 0; padding-left: 1.2rem; }
.date { white-space: nowrap; }
.source { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9rem; }
)";

}  // namespace

std::string escape_html(std::string_view text) {
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
  for (const SourceRecord& s : manifest.sources) {
    failed += s.failed;
    warnings += s.warnings.size();
  }
  std::string html;
  html += "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n";
  html += "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  html += "<title>Handout exports</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
  html += "<h1>Handout exports</h1>\n";
  html += "<p>" + std::to_string(manifest.sources.size()) + " source" + (manifest.sources.size() == 1 ? "" : "s") + ", " +
          std::to_string(failed) + " failed, " + std::to_string(warnings) + " warning" + (warnings == 1 ? "" : "s") +
          ". Style: " + escape_html(manifest.style) + ". Built by " + escape_html(manifest.program) + ".</p>\n";
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
  html += "<h2>Sources</h2>\n<table>\n<caption>Every source with its exports, reading statistics and problems</caption>\n";
  html += "<thead>\n<tr><th scope=\"col\">Title</th><th scope=\"col\">Source</th><th scope=\"col\">Date</th>"
          "<th scope=\"col\">Reading time</th><th scope=\"col\">Reading level</th><th scope=\"col\">Pages</th>"
          "<th scope=\"col\">Exports</th><th scope=\"col\">Problems</th></tr>\n</thead>\n<tbody>\n";
  for (const SourceRecord& s : manifest.sources) {
    html += s.failed ? "<tr class=\"failed\" id=\"" : "<tr id=\"";
    html += row_id(s.source) + "\">";
    html += "<th scope=\"row\"";
    if (!s.language.empty() && s.language != "en") html += " lang=\"" + escape_html(s.language) + "\" xml:lang=\"" + escape_html(s.language) + "\"";
    html += ">" + escape_html(s.title.empty() ? s.source : s.title) + "</th>";
    html += "<td class=\"source\">" + escape_html(s.source) + "</td>";
    html += "<td class=\"date\">" + (s.date.empty() ? std::string("unknown") : escape_html(s.date)) + "</td>";
    html += "<td>" + (s.reading.words == 0 ? std::string("–")
                                           : std::to_string(s.reading.minutes) + " min (" + std::to_string(s.reading.words) + " words)") + "</td>";
    // The language's own formula, or "not available": never an English grade for another language.
    html += "<td>" + (s.reading.words == 0 ? std::string("–") : escape_html(s.reading.level())) + "</td>";
    html += "<td>" + (s.pages > 0 ? std::to_string(s.pages) : std::string("–")) + "</td>";
    std::vector<const OutputRecord*> outputs;
    for (const OutputRecord& o : s.outputs) outputs.push_back(&o);
    std::stable_sort(outputs.begin(), outputs.end(), [](const OutputRecord* a, const OutputRecord* b) {
      return format_rank(a->format) < format_rank(b->format);
    });
    html += "<td>";
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
    html += "</td><td>";
    if (s.errors.empty() && s.warnings.empty()) html += "none";
    else {
      html += "<ul>";
      for (const Diagnostic& d : s.errors) html += problem_item(d, "Error");
      for (const Diagnostic& d : s.warnings) html += problem_item(d, "Warning");
      html += "</ul>";
    }
    html += "</td></tr>\n";
  }
  html += "</tbody>\n</table>\n</main>\n</body>\n</html>\n";
  return html;
}

}  // namespace handout
