// GFM spec check: converts every example of the GitHub Flavored Markdown spec (and its extensions
// file) with the Markdown reader, writes each tree to OUTDIR/NAME-NNNN.xml for schema validation,
// and checks that every word the spec's expected HTML shows is kept.
//
//   gfm_spec_check OUTDIR SPEC.txt [SPEC.txt...]
//
// Prints one line per example that loses words, then "N passed, N failed". Exit 1 when any failed.
#include "batch/job.hpp"
#include "text/text.hpp"
#include "readers/reader.hpp"
#include "writers/writer.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Example {
  int number;
  int line;
  std::string markdown;
  std::string html;
};

std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  for (std::size_t p = 0;;) {
    const std::size_t hit = s.find(from, p);
    out.append(s.substr(p, hit - p));
    if (hit == std::string_view::npos) return out;
    out.append(to);
    p = hit + from.size();
  }
}

std::vector<Example> read_examples(const fs::path& spec) {
  std::ifstream in(spec);
  std::vector<Example> out;
  std::string line;
  const std::string fence(32, '`');
  int number = 0, line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.rfind(fence + " example", 0) != 0) continue;
    Example ex{++number, line_no, {}, {}};
    bool in_html = false;
    while (std::getline(in, line)) {
      ++line_no;
      if (line == fence) break;
      if (!in_html && line == ".") {
        in_html = true;
        continue;
      }
      (in_html ? ex.html : ex.markdown) += line + "\n";
    }
    // The spec writes tabs as a right arrow.
    ex.markdown = replace_all(ex.markdown, "\xE2\x86\x92", "\t");
    ex.html = replace_all(ex.html, "\xE2\x86\x92", "\t");
    out.push_back(std::move(ex));
  }
  return out;
}

/// Decodes the entities the spec's HTML output uses.
std::string decode_entities(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    const std::string_view name = s.substr(i + 1, semi - i - 1);
    if (name == "amp") out += '&';
    else if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "quot") out += '"';
    else if (!name.empty() && name[0] == '#') {
      const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
      const long cp = std::strtol(std::string(name.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10);
      handout::text::append_utf8(out, cp > 0 ? static_cast<char32_t>(cp) : 0xFFFD);
    } else {
      out += s.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

/// Returns true for tags whose element breaks the line (a word ends there).
bool is_block_tag(std::string_view tag) {
  std::size_t b = tag.find_first_not_of("</");
  std::size_t e = tag.find_first_of(" \t\n/>", b);
  const std::string name(tag.substr(b, e - b));
  static const char* kBlock[] = {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
                                 "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "div", "section", "input"};
  for (const char* k : kBlock)
    if (name == k) return true;
  return false;
}

/// Removes every occurrence of an element that starts with open and ends with close.
std::string remove_between(std::string s, std::string_view open, std::string_view close) {
  for (std::size_t p = s.find(open); p != std::string::npos; p = s.find(open, p)) {
    const std::size_t e = s.find(close, p + open.size());
    if (e == std::string::npos) break;
    s.erase(p, e + close.size() - p);
  }
  return s;
}

/// Returns the text an HTML fragment shows: comments, generated footnote numbers and back
/// links, and tags removed (block tags end a word, inline tags do not), entities decoded.
std::string visible_text(std::string_view fragment) {
  std::string html = remove_between(std::string(fragment), "<!--", "-->");
  html = remove_between(html, "<sup class=\"footnote-ref\">", "</sup>");
  html = remove_between(html, "<a href=\"#fnref", "</a>");
  std::string out;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<') {
      const std::size_t close = html.find('>', i);
      if (close != std::string::npos) {
        if (is_block_tag(std::string_view(html).substr(i, close - i + 1))) out += ' ';
        i = close;
        continue;
      }
    }
    out += html[i];
  }
  return decode_entities(out);
}

/// Counts words: runs of letters and digits (bytes past ASCII count as letters, except the
/// curly quotes, dashes and ellipsis the smart punctuation pass writes for ' " -- ...).
std::map<std::string, int> words(std::string_view text) {
  // The marks become spaces, copied into a new string (GCC 12 warns wrongly on replace() here).
  std::string s;
  s.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view rest = text.substr(i);
    bool mark = false;
    for (std::string_view m : {"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x93",
                               "\xE2\x80\x94", "\xE2\x80\xA6"})
      mark = mark || rest.starts_with(m);
    s += mark ? ' ' : text[i];
    i += mark ? 3 : 1;
  }
  std::map<std::string, int> counts;
  std::string w;
  auto flush = [&] {
    if (!w.empty()) ++counts[w], w.clear();
  };
  for (const char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) {
      w += ch;
    } else {
      flush();
    }
  }
  flush();
  return counts;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: gfm_spec_check OUTDIR SPEC.txt [SPEC.txt...]\n";
    return 2;
  }
  const fs::path outdir = argv[1];
  fs::create_directories(outdir);
  int passed = 0, failed = 0;
  for (int a = 2; a < argc; ++a) {
    const fs::path spec = argv[a];
    for (const Example& ex : read_examples(spec)) {
      handout::Diagnostics diag("example.md");
      handout::SourceText src = handout::decode_source("example.md", ex.markdown, diag);
      handout::Document doc = handout::read_markdown(src, handout::ReaderOptions{}, diag);
      handout::run_transforms(doc, handout::TransformOptions{}, diag);
      char name[64];
      std::snprintf(name, sizeof name, "%s-%04d.xml", spec.stem().c_str(), ex.number);
      std::ofstream(outdir / name, std::ios::binary) << handout::write_docbook(doc, {}, diag).bytes;

      // The title comes from the file name when the example has none: leave it out.
      std::string ours = handout::text_content(doc.article());
      if (doc.title() == handout::title_from_path("example.md")) ours = ours.substr(doc.title().size());
      const auto have = words(ours);
      std::vector<std::string> lost;
      for (const auto& [word, n] : words(visible_text(ex.html))) {
        auto it = have.find(word);
        if (it == have.end() || it->second < n) lost.push_back(word);
      }
      if (lost.empty()) {
        ++passed;
      } else {
        ++failed;
        std::cout << spec.filename().string() << ":" << ex.line << ": example " << ex.number << " loses words:";
        for (const auto& w : lost) std::cout << ' ' << w;
        std::cout << '\n';
      }
    }
  }
  std::cout << "word check: " << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
