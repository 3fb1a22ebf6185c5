// The libharu patches (src/writers/pdf/libharu_patches.cpp) are bound: libharu's own calls reach
// this program's replacements, and the libharu in use is the one they were checked against.
#include "writers/pdf/font_subset.hpp"
#include "writers/pdf/libharu_patches.hpp"
#include "writers/pdf/pdf_document.hpp"

#include <catch2/catch.hpp>

#include <regex>
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

TEST_CASE("objects built through the guarded layer are written as PDF objects, references where indirect", "[pdf][libharu]") {
  // The structure tree of a tagged PDF is built with these (structure_tree.cpp); each reaches
  // libharu's private objects, so a libharu whose layouts differ must fail here.
  std::string bytes;
  {
    PdfDocument pdf;
    HPDF_Page page = pdf.add_page(200, 200);
    HPDF_Doc doc = pdf.handle();
    HPDF_Dict element = libharu::new_dict(doc, true);
    HPDF_Dict parent = libharu::new_dict(doc, true);
    REQUIRE(element != nullptr);
    REQUIRE(parent != nullptr);
    CHECK(libharu::put_name(element, "S", "Figure") == HPDF_OK);
    CHECK(libharu::put_text(doc, element, "Alt", "A β-blocker") == HPDF_OK);
    CHECK(libharu::put_dict(element, "P", parent) == HPDF_OK);  // a cycle between indirect objects
    HPDF_Array kids = libharu::new_array(doc);
    CHECK(libharu::push_dict(kids, element) == HPDF_OK);
    CHECK(libharu::push_int(kids, 7) == HPDF_OK);
    CHECK(libharu::put_array(parent, "K", kids) == HPDF_OK);
    CHECK(libharu::put_dict(element, "Pg", page) == HPDF_OK);
    CHECK(libharu::put_int(page, "StructParents", 0) == HPDF_OK);
    HPDF_Dict marked = libharu::new_dict(doc, false);
    CHECK(libharu::put_bool(marked, "Marked", true) == HPDF_OK);
    CHECK(libharu::put_dict(libharu::catalog(doc), "MarkInfo", marked) == HPDF_OK);
    CHECK(libharu::put_dict(libharu::catalog(doc), "StructTreeRoot", parent) == HPDF_OK);
    pdf.set_xmp_metadata("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>");
    bytes = pdf.save();
  }
  CHECK(bytes.rfind("%PDF-1.7", 0) == 0);
  CHECK(bytes.find("/S /Figure") != std::string::npos);
  CHECK(bytes.find("/Alt <FEFF0041002003B2002D0062006C006F0063006B00650072>") != std::string::npos);
  CHECK(bytes.find("/MarkInfo <<\012/Marked true\012>>") != std::string::npos);
  CHECK(bytes.find("/StructParents 0") != std::string::npos);
  CHECK(bytes.find("/Type /Metadata") != std::string::npos);
  CHECK(bytes.find("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>") != std::string::npos);  // uncompressed
  // The element's /P and the parent's /K are references ("N 0 R"), not copies.
  CHECK(std::regex_search(bytes, std::regex("/P [0-9]+ 0 R")));
  CHECK(std::regex_search(bytes, std::regex("/K \\[ ?[0-9]+ 0 R 7 ?\\]")));
}
