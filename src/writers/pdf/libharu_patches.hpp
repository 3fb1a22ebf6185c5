// Everything this program does to libharu 2.3.0 beyond its public API, behind one header: the
// functions replaced through the PLT, and the operations that reach private fields through the
// installed internal headers. libharu_patches.cpp lists each one and why; nothing else in the
// program touches libharu's internals.
#pragma once

#include <hpdf.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace handout::libharu {

/// A libharu function this program replaces by defining one of the same name: libharu calls it
/// through its PLT, so the dynamic linker binds libharu's own calls to this program's definition.
enum class Patch { mem_cpy, mem_set, deflate, file_reader };

/// One replaced function: its symbol and the address of this program's definition.
struct PatchedSymbol {
  Patch patch;
  const char* symbol;
  void* replacement;
};

/// Every replaced function, in the order of Patch.
std::span<const PatchedSymbol> patched_symbols();

/// Returns true when the definition of p.symbol the dynamic linker finds first (the one libharu's
/// PLT binds to) is this program's replacement.
bool resolves_to_replacement(const PatchedSymbol& p);

/// Returns true when libharu called the replacement of p since the last forget_patch_calls().
bool replacement_called(Patch p);

/// Clears what replacement_called() reports, for every patch.
void forget_patch_calls();

/// Appends content-stream operators to a page's content stream as they are.
HPDF_STATUS append_to_page(HPDF_Page page, std::string_view operators);

/// Marks every glyph of a loaded TrueType font for embedding (libharu embeds only the glyphs
/// it measured, and text written with append_to_page is not measured).
void embed_every_glyph(HPDF_Font font);

/// Gives the font a flate-compressed /ToUnicode stream holding cmap, replacing libharu's.
HPDF_STATUS set_to_unicode(HPDF_Doc doc, HPDF_Font font, std::string_view cmap);

/// Returns the loaded font `name` with libharu's UTF-8 encoder, which looks up only `codes` (the
/// code points the font maps, ascending) instead of all 65,536; nullptr on a libharu error.
HPDF_Font utf8_font(HPDF_Doc doc, const char* name, const std::vector<HPDF_UINT16>& codes);

/// Sets the catalog's /Lang (a BCP 47 tag).
HPDF_STATUS set_language(HPDF_Doc doc, const std::string& bcp47);

/// Sets the catalog's /ViewerPreferences to show the document title instead of the file name.
HPDF_STATUS display_document_title(HPDF_Doc doc);

// Building PDF objects libharu has no public API for (the structure tree of a tagged PDF). A
// dictionary or array made indirect is written once and referenced wherever it is put; a direct
// one may be put into one parent only. Text is written as UTF-16 (libharu's UTF-8 encoder).

/// Returns a new dictionary, made an indirect object when indirect is true; nullptr on error.
HPDF_Dict new_dict(HPDF_Doc doc, bool indirect);
/// Returns a new direct array; nullptr on error.
HPDF_Array new_array(HPDF_Doc doc);
/// Puts /key /name into dict.
HPDF_STATUS put_name(HPDF_Dict dict, const char* key, const char* name);
/// Puts /key number into dict.
HPDF_STATUS put_int(HPDF_Dict dict, const char* key, int number);
/// Puts /key true or false into dict.
HPDF_STATUS put_bool(HPDF_Dict dict, const char* key, bool value);
/// Puts /key (text) into dict, the UTF-8 text written as a UTF-16 text string.
HPDF_STATUS put_text(HPDF_Doc doc, HPDF_Dict dict, const char* key, const std::string& utf8);
/// Puts /key and a dictionary (a reference when it is indirect) into dict.
HPDF_STATUS put_dict(HPDF_Dict dict, const char* key, HPDF_Dict value);
/// Puts /key and an array into dict.
HPDF_STATUS put_array(HPDF_Dict dict, const char* key, HPDF_Array value);
/// Appends a number to array.
HPDF_STATUS push_int(HPDF_Array array, int number);
/// Appends a dictionary (a reference when it is indirect) to array.
HPDF_STATUS push_dict(HPDF_Array array, HPDF_Dict value);
/// Appends an array to array.
HPDF_STATUS push_array(HPDF_Array array, HPDF_Array value);
/// Returns the document catalog.
HPDF_Dict catalog(HPDF_Doc doc);
/// Sets the catalog's /Metadata to an uncompressed XMP stream holding xmp.
HPDF_STATUS set_metadata(HPDF_Doc doc, std::string_view xmp);
/// Makes the file declare PDF 1.7 (what PDF/UA-1 is defined on).
void declare_pdf_17(HPDF_Doc doc);

}  // namespace handout::libharu
