#include "readers/source_text.hpp"

#include <catch2/catch.hpp>
#include <utf8proc.h>

#include <cstdlib>
#include <string>
#include <vector>

using namespace handout;

TEST_CASE("UTF-8 with or without BOM, any line ends", "[source]") {
  Diagnostics diag("f.txt");
  CHECK(decode_source("f.txt", "\xEF\xBB\xBFhi\r\nthere\rend\n", diag).text == "hi\nthere\nend\n");
  CHECK(decode_source("f.txt", "a\r\n\r\nb", diag).text == "a\n\nb");
  CHECK(diag.items().empty());
}

TEST_CASE("text is put in NFC: decomposed marks are composed", "[source]") {
  Diagnostics diag("f.txt");
  // "Cập nhật" with e/a + combining marks (NFD, as a Mac or some keyboards write it).
  CHECK(decode_source("f.txt", "C\x61\xCC\xA3\xCC\x82p nh\x61\xCC\xA3\xCC\x82t\n", diag).text == "C\xE1\xBA\xADp nh\xE1\xBA\xADt\n");
  CHECK(decode_source("f.txt", "plain ASCII\n", diag).text == "plain ASCII\n");
  CHECK(diag.items().empty());
}

TEST_CASE("NFC run by run gives what utf8proc gives for the whole text", "[source]") {
  // decode_source composes only the non-ASCII runs (each with the ASCII character before it);
  // the whole text through utf8proc at once is the reference.
  auto whole_nfc = [](const std::string& s) {
    utf8proc_uint8_t* out = nullptr;
    const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
                                &out, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    REQUIRE(n >= 0);
    std::string r(reinterpret_cast<char*>(out), static_cast<std::size_t>(n));
    std::free(out);
    return r;
  };
  const std::vector<std::string> texts = {
      "\xCC\x81 a mark first, then caf\x65\xCC\x81 and \xE2\x80\x9Cquotes\xE2\x80\x9D\n",
      // two marks out of canonical order (dot below 220 after circumflex 230), after ASCII
      "o\xCC\x82\xCC\xA3 and a\xCC\x8A\xCC\x81 end",
      // a mark after a precomposed letter (\xC3\xA9 + dot below), Hangul jamo L V T, CJK, Arabic
      "x\xC3\xA9\xCC\xA3y \xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8 \xE4\xB8\xAD\xE6\x96\x87 \xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A",
      // Vietnamese NFD throughout, ending in a mark
      "Vi\x65\xCC\xA3\xCC\x82t Nam: Ca\xCC\x82\xCC\xA3p nha\xCC\x82\xCC\xA3t nga\xCC\x80y\xCC\x81",
  };
  for (const std::string& t : texts) {
    Diagnostics diag("f.txt");
    CHECK(decode_source("f.txt", t, diag).text == whole_nfc(t));
  }
}

TEST_CASE("UTF-16 with a BOM is decoded, surrogate pairs included", "[source]") {
  Diagnostics diag("f.txt");
  // "h\u00e9\U0001F600\r\n" in UTF-16LE and UTF-16BE.
  const std::string le("\xFF\xFEh\0\xE9\0\x3D\xD8\x00\xDE\r\0\n\0", 14);
  const std::string be("\xFE\xFF\0h\0\xE9\xD8\x3D\xDE\x00\0\r\0\n", 14);
  auto a = decode_source("f.txt", le, diag);
  CHECK(a.text == "h\xC3\xA9\xF0\x9F\x98\x80\n");
  CHECK(a.encoding == "UTF-16LE");
  CHECK(decode_source("f.txt", be, diag).text == a.text);
  CHECK(diag.items().empty());
}

TEST_CASE("invalid UTF-8 falls back to Windows-1252 with a located warning", "[source]") {
  Diagnostics diag("f.txt");
  auto s = decode_source("f.txt", "line one\nsmart \x93quotes\x94 and caf\xE9\n", diag);
  CHECK(s.encoding == "windows-1252");
  CHECK(s.text == "line one\nsmart \xE2\x80\x9Cquotes\xE2\x80\x9D and caf\xC3\xA9\n");
  REQUIRE(diag.items().size() == 1);
  CHECK(diag.items()[0].line == 2);
  CHECK(diag.items()[0].column == 7);
  CHECK(diag.items()[0].message.find("0x93") != std::string::npos);
}

TEST_CASE("a file with NUL bytes is not a text file", "[source]") {
  Diagnostics diag("f.bin");
  const std::string bytes("PNG\r\n\x1a\n\0\0\0", 10);
  try {
    decode_source("f.bin", bytes, diag);
    FAIL("no error");
  } catch (const SourceError& e) {
    CHECK(std::string(e.what()).find("not a text file") != std::string::npos);
    CHECK(e.line() == 3);
  }
}

TEST_CASE("line_and_column counts bytes from 1", "[source]") {
  CHECK(line_and_column("ab\ncd", 0) == std::pair{1, 1});
  CHECK(line_and_column("ab\ncd", 4) == std::pair{2, 2});
}
