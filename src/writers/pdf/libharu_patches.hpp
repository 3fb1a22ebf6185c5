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

}  // namespace handout::libharu
