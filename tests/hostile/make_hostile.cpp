// Writes the hostile-input corpus into a folder (tests/hostile/run.sh asserts what handout does
// with each file). Generated at test time so no large or binary file is committed; the output
// is the same on every run. Usage: make_hostile FOLDER
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace fs = std::filesystem;

namespace {

fs::path g_dir;

void write(const std::string& name, const std::string& bytes) {
  const fs::path file = g_dir / name;
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

/// Deterministic filler prose: words from a small list, a sentence every 12 words.
std::string prose(std::size_t bytes, bool newlines) {
  static const char* words[] = {"inhaler", "take", "the", "dose", "every", "morning", "with", "water",
                                "ask", "your", "nurse", "about", "side", "effects", "and", "rest"};
  std::string out;
  out.reserve(bytes + 16);
  std::uint32_t x = 12345;
  for (std::size_t n = 0; out.size() < bytes; ++n) {
    x = x * 1103515245u + 12345u;
    out += words[(x >> 16) % 16];
    if (n % 12 == 11) out += newlines && n % 48 == 47 ? ".\n\n" : ". ";
    else out += ' ';
  }
  return out;
}

void put_u32(std::string& s, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xFF);
}

/// One PNG chunk with its length and CRC.
std::string png_chunk(const std::string& type, const std::string& data) {
  std::string out;
  put_u32(out, static_cast<std::uint32_t>(data.size()));
  const std::string body = type + data;
  out += body;
  put_u32(out, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
  return out;
}

/// A PNG of width x height grey pixels; idat holds the compressed rows (may be garbage).
std::string png(std::uint32_t width, std::uint32_t height, const std::string& idat) {
  std::string ihdr;
  put_u32(ihdr, width);
  put_u32(ihdr, height);
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit greyscale, deflate, no filter, no interlace
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + png_chunk("IDAT", idat) + png_chunk("IEND", "");
}

/// A valid 4x4 grey PNG.
std::string small_png() {
  std::string rows;
  for (int y = 0; y < 4; ++y) rows += std::string("\x00\x40\x80\xC0\xFF", 5);
  uLongf size = compressBound(static_cast<uLong>(rows.size()));
  std::string z(size, '\0');
  compress(reinterpret_cast<Bytef*>(z.data()), &size, reinterpret_cast<const Bytef*>(rows.data()), static_cast<uLong>(rows.size()));
  z.resize(size);
  return png(4, 4, z);
}

/// A baseline JPEG header (SOI, SOF0, SOS) claiming width x height, then tail as the scan.
std::string jpeg(std::uint16_t width, std::uint16_t height, const std::string& tail) {
  std::string s("\xFF\xD8\xFF\xC0\x00\x11\x08", 7);
  s += static_cast<char>(height >> 8), s += static_cast<char>(height & 0xFF);
  s += static_cast<char>(width >> 8), s += static_cast<char>(width & 0xFF);
  s += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
  s += std::string("\xFF\xDA\x00\x0C\x03\x01\x00\x02\x11\x03\x11\x00\x3F\x00", 14);
  return s + tail;
}

std::string front(const std::string& yaml) { return "---\n" + yaml + "---\n\n# Body\n\nSome text.\n"; }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_hostile FOLDER\n";
    return 2;
  }
  g_dir = argv[1];
  fs::create_directories(g_dir);

  // Encodings.
  write("invalid-utf8.md", "# Invalid\n\nFine line.\nBad \xC3\x28 byte and \xFF here.\n");
  write("truncated-utf8.md", "# Truncated\n\nEnds inside a character: \xE2\x82");
  {
    const std::string text = "Plain title\n\nThis note was saved as UTF-16 with no byte-order mark.\n";
    std::string le;
    for (char c : text) le += c, le += '\0';
    write("utf16-no-bom.txt", le);
  }
  write("nul.md", std::string("# Nul\n\nA NUL \0 in the text.\n", 28));

  // Size.
  write("big-50mb.md", "# Big\n\n" + prose(50u << 20, true));
  write("long-line.txt", prose(10u << 20, false));
  write("long-line-1mb.md", "# One long line\n\n" + prose(1u << 20, false) + "\n");

  // Nesting.
  write("nested-lists.md", repeat("- ", 100000) + "deep\n");
  write("nested-quotes.md", repeat("> ", 100000) + "deep\n");
  write("nested-emphasis.md", repeat("*a ", 50000) + repeat("b* ", 50000) + "\n");
  write("nested-brackets.md", repeat("[", 100000) + "x" + repeat("](u)", 100000) + "\n");
  write("nested-wiki.wiki", "== Deep ==\n" + repeat("{{", 100000) + "\n" + repeat("[[", 50000) + repeat("'''''", 20000) + "\n" +
                                repeat("*", 100000) + " item\n" + repeat("{|\n|\n", 10000) + "\n" + repeat("<ref>", 20000) +
                                "\n" + repeat("<div>", 20000) + "\n" + repeat("}}", 50000) + "]]\n");
  write("unbalanced-wiki.wiki", "== Open ==\n{|\n| cell {{cite web|title=[[x|y]\n<ref name=\"a\">never closed\n"
                                "<nowiki>open\n''bold'''ish\n[http://example.org open link\n{{{{{{{{}}\n");

  // Tables and notes.
  write("wide-table.md", repeat("| c ", 10000) + "|\n" + repeat("|---", 10000) + "|\n" + repeat("| x ", 10000) + "|\n");
  write("wide-table.wiki", "{|\n|-\n" + repeat("| x\n", 10000) + "|}\n");
  write("huge-colspan.wiki", "{|\n|-\n| colspan=\"2000000000\" rowspan=\"2000000000\" | wide\n|}\n");
  {
    std::string s = "# Notes\n\n";
    for (int i = 0; i < 20000; ++i) s += "Point[^n" + std::to_string(i) + "].\n";
    s += "\n";
    for (int i = 0; i < 20000; ++i) s += "[^n" + std::to_string(i) + "]: Note " + std::to_string(i) + ".\n";
    write("many-footnotes.md", s);
  }

  // YAML front matter.
  {
    std::string y = "title: Laughs\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (char c = 'b'; c <= 'j'; ++c) {
      const std::string prev(1, static_cast<char>(c - 1));
      y += std::string(1, c) + ": &" + std::string(1, c) + " [" + repeat("*" + prev + ", ", 9) + "*" + prev + "]\n";
    }
    write("yaml-alias-bomb.md", front(y));
  }
  write("yaml-huge-scalar.md", front("title: Huge\nsummary: \"" + prose(9u << 20, false) + "\"\n"));
  write("yaml-tags.md", front("title: !!str Tagged\ndate: !!timestamp 2026-01-02\nx: !!binary aGVsbG8=\n"
                              "y: !custom {a: 1}\nz: !!python/object:os.system [rm -rf /]\n"));
  write("yaml-malformed.md", front("title: Broken\n  summary: [unclosed\nkey: : :\n"));
  write("yaml-deep.md", front("title: Deep\nx: " + repeat("[", 100000) + repeat("]", 100000) + "\n"));
  write("yaml-many-keys.md", front([] {
          std::string y;
          for (int i = 0; i < 200000; ++i) y += "k" + std::to_string(i) + ": v\n";
          return y;
        }()));

  // Images, referenced from images.md in the same folder.
  write("images/corrupt.png", std::string("\x89PNG\r\n\x1a\n", 8) + repeat("garbage ", 100));
  write("images/huge-dims.png", png(100000, 100000, std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)));
  write("images/truncated.png", small_png().substr(0, 40));
  write("images/corrupt.jpg", jpeg(64, 64, repeat("\x13\x37", 200)));
  write("images/huge-dims.jpg", jpeg(65500, 65500, std::string("\xFF\xD9", 2)));
  write("images/oversized.png", small_png() + std::string(17u << 20, '\0'));
  write("images/good.png", small_png());
  write("images.md",
        "# Images\n\n"
        "![corrupt](images/corrupt.png)\n\n![huge](images/huge-dims.png)\n\n![truncated](images/truncated.png)\n\n"
        "![corrupt jpeg](images/corrupt.jpg)\n\n![huge jpeg](images/huge-dims.jpg)\n\n"
        "![oversized](images/oversized.png)\n\n![good](images/good.png)\n");
  write("escape.md",
        "# Escapes\n\n![up](../outside.png)\n\n![abs](/etc/hostname)\n\n![url](https://example.org/x.png)\n\n"
        "![file](file:///etc/hostname)\n\n![link](images/escape.png)\n\n![encoded](images/%2E%2E/%2E%2E/outside.png)\n");
  write("../outside.png", small_png());
  return 0;
}
