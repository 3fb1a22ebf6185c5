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

constexpr std::array<ReaderEntry, 3> kReaders = {{
    {"markdown", kMarkdownExtensions, read_markdown, "Markdown (CommonMark, GFM, YAML front matter)"},
    // No extension of its own: a .txt file's format is read from its content, text the fallback.
    {"text", {}, read_text, "Text copied from web pages, plain-text extracts", ReaderInput::text, kTextExtensions},
    {"wiki", kWikiExtensions, read_wiki, "MediaWiki markup"},
}};

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

}  // namespace

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
  if (const ReaderEntry* by_extension = reader_for_extension(path)) return by_extension;
  bool front_matter = false;
  try {
    front_matter = find_front_matter(text).present;
  } catch (const SourceError&) {
    front_matter = true;  // unterminated front matter: the Markdown reader reports it
  }
  if (front_matter) return find_reader("markdown");
  if (looks_like_mediawiki(text)) return find_reader("wiki");
  return find_reader("text");
}

}  // namespace handout
