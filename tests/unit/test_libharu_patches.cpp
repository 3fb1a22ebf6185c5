// The libharu patches (src/writers/pdf/libharu_patches.cpp) are bound: libharu's own calls reach
// this program's replacements, and the libharu in use is the one they were checked against.
#include "writers/pdf/font_subset.hpp"
#include "writers/pdf/libharu_patches.hpp"
#include "writers/pdf/pdf_document.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace handout;

TEST_CASE("libharu at run time is the version its patches were checked against", "[pdf][libharu]") {
  // libharu_patches.cpp stops the build on other headers; this catches a library swapped later.
  CHECK(std::string(HPDF_GetVersion()) == HPDF_VERSION_TEXT);
  CHECK(std::string(HPDF_GetVersion()) == "2.3.0");
}

TEST_CASE("every libharu patch is bound: the dynamic linker resolves it to the replacement", "[pdf][libharu]") {
  REQUIRE(libharu::patched_symbols().size() == 4);
  for (const libharu::PatchedSymbol& p : libharu::patched_symbols()) {
    INFO(p.symbol);
    CHECK(libharu::resolves_to_replacement(p));
  }
}

TEST_CASE("every libharu patch is bound: libharu calls each replacement while writing a PDF", "[pdf][libharu]") {
  libharu::forget_patch_calls();
  for (const libharu::PatchedSymbol& p : libharu::patched_symbols()) CHECK_FALSE(libharu::replacement_called(p.patch));
  std::string pdf_bytes;
  {
    PdfDocument pdf;
    HPDF_Font font = pdf.load_font(subset_font("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", {U'a', U'b', U'c'}));
    pdf.text(pdf.add_page(612, 792), font, 12, Color{}, 72, 72, "abc");
    pdf_bytes = pdf.save();
  }
  CHECK(pdf_bytes.rfind("%PDF-", 0) == 0);
  for (const libharu::PatchedSymbol& p : libharu::patched_symbols()) {
    INFO(p.symbol << " was not called: libharu used its own definition (see libharu_patches.cpp)");
    CHECK(libharu::replacement_called(p.patch));
  }
}
