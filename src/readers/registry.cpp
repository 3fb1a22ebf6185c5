#include "readers/registry.hpp"

#include "readers/front_matter.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <set>

namespace handout {

namespace {

constexpr std::array<std::string_view, 4> kMarkdownExtensions = {".md", ".markdown", ".mdown", ".mkd"};
constexpr std::array<std::string_view, 2> kWikiExtensions = {".wiki", ".mediawiki"};

constexpr std::array<std::string_view, 1> kTextExtensions = {".txt"};

constexpr std::array kReaders = {
    ReaderEntry{"markdown", kMarkdownExtensions, read_markdown, "Markdown (CommonMark, GFM, YAML front matter)"},
    // No extension of its own: a .txt file's format is read from its content, text the fallback.
    ReaderEntry{"text", {}, read_text, "Text copied from web pages, plain-text extracts", ReaderInput::text, kTextExtensions},
    ReaderEntry{"wiki", kWikiExtensions, read_wiki, "MediaWiki markup"},
};

std::string lower_extension(std::string_view path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return ext;
}

/// True when the first lines show MediaWiki markup: "== Heading ==", bold quotes, links, tables.
bool looks_like_mediawiki(std::string_view text) {
  std::size_t signs = 0;
  std::size_t pos = 0;
  for (int lines = 0; lines < 400 && pos < text.size(); ++lines) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    if (line.size() >= 5 && line.substr(0, 2) == "==" && line.find("==", 2) != std::string_view::npos) ++signs;
    if (line.substr(0, 2) == "{|") ++signs;
    if (line.find("'''") != std::string_view::npos) ++signs;
    if (line.find("[[") != std::string_view::npos && line.find("]]") != std::string_view::npos) ++signs;
    if (line.find("{{") != std::string_view::npos && line.find("}}") != std::string_view::npos) ++signs;
    pos = end + 1;
  }
  return signs >= 2;
}

/// The signs of Markdown the first lines show, by kind; strong signs are rare in copied text.
struct MarkdownSigns {
  bool heading = false;   ///< "# Title" (strong)
  bool fence = false;     ///< a ``` or ~~~ code fence (strong)
  bool link = false;      ///< [text](target) (strong)
  bool strong_emphasis = false;  ///< **bold** or __bold__ (strong)
  bool emphasis = false;  ///< *emphasis* (copied text has stray asterisks: a weak sign)
  bool list = false;      ///< "- item", "* item", "+ item"
  bool quote = false;     ///< "> quoted"
  bool table = false;     ///< "| a | b |"

  int score() const {
    return 2 * (heading + fence + link + strong_emphasis) + emphasis + list + quote + table;
  }
  bool strong() const { return heading || fence || link || strong_emphasis; }
  std::string describe() const {
    std::string out;
    auto add = [&](bool on, const char* what) {
      if (on) out += (out.empty() ? "" : ", ") + std::string(what);
    };
    add(heading, "# headings");
    add(fence, "code fences");
    add(link, "[links](...)");
    add(strong_emphasis, "**bold**");
    add(emphasis, "*emphasis*");
    add(list, "- lists");
    add(quote, "> quotes");
    add(table, "| tables |");
    return out;
  }
};

/// **bold** or __bold__: a pair of marks with no space after the opening one.
bool has_strong_emphasis(std::string_view line) {
  for (std::string_view mark : {"**", "__"}) {
    const std::size_t open = line.find(mark);
    if (open != std::string_view::npos && open + 2 < line.size() && line[open + 2] != ' ' &&
        line.find(mark, open + 3) != std::string_view::npos)
      return true;
  }
  return false;
}

/// *emphasis*: a word or words between single asterisks.
bool has_emphasis(std::string_view line) {
  // *word* with no space inside its ends, and not a bullet.
  for (std::size_t i = line.find('*'); i != std::string_view::npos && i + 2 < line.size(); i = line.find('*', i + 1)) {
    if ((i > 0 && line[i - 1] != ' ' && line[i - 1] != '(') || line[i + 1] == ' ' || line[i + 1] == '*') continue;
    const std::size_t close = line.find('*', i + 1);
    if (close != std::string_view::npos && line[close - 1] != ' ' &&
        (close + 1 == line.size() || std::string_view(" .,;:!?)").find(line[close + 1]) != std::string_view::npos))
      return true;
  }
  return false;
}

MarkdownSigns markdown_signs(std::string_view text) {
  MarkdownSigns m;
  std::size_t pos = 0;
  for (int lines = 0; lines < 400 && pos < text.size(); ++lines) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    std::size_t indent = 0;
    while (indent < raw.size() && indent < 4 && raw[indent] == ' ') ++indent;
    const std::string_view line = raw.substr(indent);
    if (indent < 4) {
      std::size_t hashes = 0;
      while (hashes < line.size() && line[hashes] == '#') ++hashes;
      if (hashes >= 1 && hashes <= 6 && hashes + 1 < line.size() && line[hashes] == ' ' && line[hashes + 1] != ' ')
        m.heading = true;
      if (line.starts_with("```") || line.starts_with("~~~")) m.fence = true;
      if (line.size() > 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ') m.list = true;
      if (line.starts_with("> ")) m.quote = true;
      if (line.size() > 2 && line.front() == '|' && line.back() == '|') m.table = true;
    }
    const std::size_t close = line.find("](");
    if (close != std::string_view::npos && line.rfind('[', close) != std::string_view::npos &&
        line.find(')', close) != std::string_view::npos)
      m.link = true;
    if (has_strong_emphasis(line)) m.strong_emphasis = true;
    else if (has_emphasis(line)) m.emphasis = true;
  }
  return m;
}

}  // namespace

bool looks_like_html(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size() && (text[start] == ' ' || text[start] == '\n' || text[start] == '\t')) ++start;
  std::string head(text.substr(start, 200));
  for (char& c : head) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (head.starts_with("<!doctype html") || head.starts_with("<html") || head.find("<html ") != std::string::npos ||
      head.find("<head>") != std::string::npos || head.find("<body") != std::string::npos)
    return true;
  // Text that is mostly block tags: <p>, <div>, <li>...
  std::size_t tags = 0;
  for (std::string_view tag : {"<p>", "<p ", "<div", "<li>", "<br", "<span", "<table", "<a href"}) {
    for (std::size_t at = text.find(tag); at != std::string_view::npos && at < 20000; at = text.find(tag, at + 1)) ++tags;
  }
  return tags >= 5;
}

std::span<const ReaderEntry> reader_registry() { return kReaders; }

const ReaderEntry* find_reader(std::string_view name) {
  for (const ReaderEntry& r : kReaders)
    if (r.name == name) return &r;
  return nullptr;
}

const ReaderEntry* reader_for_extension(std::string_view path) {
  const std::string ext = lower_extension(path);
  for (const ReaderEntry& r : kReaders) {
    if (std::find(r.extensions.begin(), r.extensions.end(), ext) != r.extensions.end()) return &r;
  }
  return nullptr;
}

std::vector<std::string> source_extensions() {
  std::set<std::string> exts;
  for (const ReaderEntry& r : kReaders) {
    exts.insert(r.extensions.begin(), r.extensions.end());
    exts.insert(r.sniffed_extensions.begin(), r.sniffed_extensions.end());
  }
  return {exts.begin(), exts.end()};
}

const ReaderEntry* detect_reader(std::string_view path, std::string_view text) {
  std::string reason;
  return detect_reader(path, text, reason);
}

const ReaderEntry* detect_reader(std::string_view path, std::string_view text, std::string& reason) {
  reason.clear();
  if (const ReaderEntry* by_extension = reader_for_extension(path)) return by_extension;
  bool front_matter = false;
  try {
    front_matter = find_front_matter(text).present;
  } catch (const SourceError&) {
    front_matter = true;  // unterminated front matter: the Markdown reader reports it
  }
  if (front_matter) {
    reason = "YAML front matter";
    return find_reader("markdown");
  }
  if (looks_like_mediawiki(text)) {
    reason = "MediaWiki markup (== headings ==, '''bold''', [[links]], {{templates}})";
    return find_reader("wiki");
  }
  if (looks_like_html(text)) {
    reason = "an HTML page";
    return nullptr;
  }
  if (const MarkdownSigns m = markdown_signs(text); m.strong() && m.score() >= 3) {
    reason = "Markdown (" + m.describe() + ")";
    return find_reader("markdown");
  }
  return find_reader("text");
}

}  // namespace handout
