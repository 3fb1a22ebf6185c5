#include "readers/source_text.hpp"

#include "text/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <system_error>

namespace handout {

namespace {

// Windows-1252 bytes 0x80-0x9F; 0 marks the five undefined bytes (kept as C1 controls).
constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
    0x0178};

std::string decode_cp1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (const char ch : bytes) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else if (c < 0xA0) {
      const char16_t mapped = kCp1252High[c - 0x80];
      text::append_utf8(out, mapped != 0 ? mapped : c);
    } else {
      text::append_utf8(out, c);
    }
  }
  return out;
}

std::string decode_utf16(std::string_view bytes, bool big_endian, Diagnostics& diag) {
  std::string out;
  out.reserve(bytes.size());
  bool warned = false;
  auto unit = [&](std::size_t i) -> char16_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return static_cast<char16_t>(big_endian ? (a << 8) | b : (b << 8) | a);
  };
  int line = 1;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size()) {
      const char16_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      if (!warned) diag.warning(Code::source_encoding, line, 0, "unpaired UTF-16 surrogate replaced by U+FFFD");
      warned = true;
      cp = 0xFFFD;
    }
    if (cp == '\n') ++line;
    text::append_utf8(out, cp);
  }
  if (bytes.size() % 2 != 0) diag.warning(Code::source_encoding, line, 0, "UTF-16 text ends with half a character; it was dropped");
  return out;
}

/// Turns CRLF and lone CR into LF; each original line end stays one line end.
std::string normalize_line_ends(std::string s) {
  if (s.find('\r') == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

/// Recognizes UTF-16 without a byte-order mark by its NUL halves: an even number of bytes, no
/// NUL pair, and at least half of the first 4,096 units holding an ASCII character (one byte
/// NUL, the other not). Returns "UTF-16LE", "UTF-16BE" or "" (not UTF-16).
std::string_view guess_bomless_utf16(std::string_view bytes) {
  if (bytes.size() < 4 || bytes.size() % 2 != 0) return {};
  std::size_t le = 0, be = 0, units = 0;
  for (std::size_t i = 0; i + 1 < bytes.size() && units < 4096; i += 2, ++units) {
    const bool first = bytes[i] == '\0', second = bytes[i + 1] == '\0';
    if (first && second) return {};
    le += second && !first;
    be += first && !second;
  }
  if (le * 2 >= units && be == 0) return "UTF-16LE";
  if (be * 2 >= units && le == 0) return "UTF-16BE";
  return {};
}

}  // namespace

std::pair<int, int> line_and_column(std::string_view text, std::size_t pos) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(pos - line_start) + 1};
}

namespace {

/// The NFC of piece (utf8proc), or nullopt when utf8proc refuses it (not valid UTF-8).
std::optional<std::string> nfc_piece(std::string_view piece) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(piece.data()), static_cast<utf8proc_ssize_t>(piece.size()),
                   &out, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0 || out == nullptr) return std::nullopt;
  std::string result(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

bool is_ascii(char c) { return static_cast<unsigned char>(c) < 0x80; }

/// Text in Unicode NFC (canonical composition): "ệ" written as e + two combining marks (as some
/// Vietnamese keyboards and Mac file names give it) becomes one character, so that words, dates
/// and furniture compare equal and no mark is drawn on its own. Text utf8proc refuses is
/// returned as is.
/// An ASCII character is a normalization boundary (UAX #15: combining class 0, and no character
/// composes with one before it), so NFC never looks across the point before it: only each run of
/// non-ASCII characters, with the ASCII character before it (a mark may compose with that), goes
/// through utf8proc. Mostly-ASCII text (English with curly quotes) is then read once, not
/// decomposed and recomposed whole; the result is the same.
std::string composed(std::string text) {
  std::size_t i = static_cast<std::size_t>(std::find_if_not(text.begin(), text.end(), is_ascii) - text.begin());
  if (i == text.size()) return text;
  std::string out;
  out.reserve(text.size());
  std::size_t done = 0;  // text[0, done) is in out
  while (i < text.size()) {
    const std::size_t start = i > done ? i - 1 : i;
    std::size_t end = i;
    while (end < text.size() && !is_ascii(text[end])) ++end;
    const std::optional<std::string> piece = nfc_piece(std::string_view(text).substr(start, end - start));
    if (!piece) return text;
    out.append(text, done, start - done);
    out += *piece;
    done = end;
    i = static_cast<std::size_t>(std::find_if_not(text.begin() + static_cast<std::ptrdiff_t>(end), text.end(), is_ascii) - text.begin());
  }
  out.append(text, done);
  return out;
}

}  // namespace

SourceText decode_source(std::string path, std::string_view bytes, Diagnostics& diag) {
  SourceText src;
  src.path = std::move(path);
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xFE) {
    src.encoding = "UTF-16LE";
    src.text = decode_utf16(bytes.substr(2), false, diag);
  } else if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFE &&
             static_cast<unsigned char>(bytes[1]) == 0xFF) {
    src.encoding = "UTF-16BE";
    src.text = decode_utf16(bytes.substr(2), true, diag);
  } else if (const std::string_view guess = guess_bomless_utf16(bytes); !guess.empty()) {
    src.encoding = std::string(guess);
    diag.warning(Code::source_encoding, 1, 1, "no byte-order mark, but the NUL bytes show UTF-16; the file was read as " + src.encoding);
    src.text = decode_utf16(bytes, guess == "UTF-16BE", diag);
  } else {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (const auto nul = bytes.find('\0'); nul != std::string_view::npos) {
      const auto [line, col] = line_and_column(bytes, nul);
      throw SourceError(Code::source_unreadable, line, col, "not a text file (NUL byte found)");
    }
    if (const auto bad = text::find_invalid_utf8(bytes); bad != std::string_view::npos) {
      const auto [line, col] = line_and_column(bytes, bad);
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[bad]));
      diag.warning(Code::source_encoding, line, col,
                   std::string("not valid UTF-8 (byte ") + hex + "); the file was read as Windows-1252");
      src.encoding = "windows-1252";
      src.text = decode_cp1252(bytes);
    } else {
      src.encoding = "UTF-8";
      src.text.assign(bytes);
    }
  }
  if (src.encoding != "UTF-8" && src.text.find('\0') != std::string::npos) {
    const auto [line, col] = line_and_column(src.text, src.text.find('\0'));
    throw SourceError(Code::source_unreadable, line, col, "not a text file (NUL character found)");
  }
  src.text = normalize_line_ends(std::move(src.text));
  src.text = composed(std::move(src.text));
  return src;
}

std::string load_bytes(const std::filesystem::path& file, std::size_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw SourceError(Code::source_unreadable, 0, 0, "is a directory, not a source file");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw SourceError(Code::source_unreadable, 0, 0, std::string("cannot open: ") + std::strerror(errno));
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > max_bytes) {
    throw SourceError(Code::limit_exceeded, 0, 0, "file is " + std::to_string(size) + " bytes, over the limit of " +
                                std::to_string(max_bytes) + " bytes (raise it with --limit source-bytes=N)");
  }
  std::string bytes;
  if (!ec) bytes.reserve(static_cast<std::size_t>(size));
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    bytes.append(buf, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > max_bytes) {
      throw SourceError(Code::limit_exceeded, 0, 0, "file is over the limit of " + std::to_string(max_bytes) +
                                  " bytes (raise it with --limit source-bytes=N)");
    }
  }
  if (in.bad()) throw SourceError(Code::source_unreadable, 0, 0, "read error");
  return bytes;
}

SourceText load_source(const std::filesystem::path& file, Diagnostics& diag, std::size_t max_bytes) {
  return decode_source(file.string(), load_bytes(file, max_bytes), diag);
}

}  // namespace handout
