// libharu 2.3.0 beyond its public API: every patch of this program, in this one file.
//
// Replaced functions. libharu calls these through its PLT, so defining a function of the same
// name here (exported from the executable, which the dynamic linker searches first) replaces
// libharu's own for every call libharu makes. Each keeps the original's contract (results,
// errors); PDFs differ in bytes only where said.
//  - HPDF_MemCpy, HPDF_MemSet: libharu copies and clears one byte at a time (every stream
//    write, every font's 128 KB scratch map), 8% of a batch's instructions; here the C
//    library's memmove/memset, returning a pointer past the end as libharu's do.
//  - HPDF_Stream_WriteToStreamWithDeflate: libharu deflates every stream with zlib, one
//    deflateInit each, a fifth of a batch's time; here a memory stream is compressed in one piece
//    by libdeflate at the same level (same zlib format, a little smaller: PDF bytes differ).
//    File streams and encrypted documents go to libharu's own code (found with RTLD_NEXT).
//  - HPDF_FileReader_New: libharu reads a font file through stdio with an lseek before nearly
//    every read (some 400 per font); here the file is read whole, once, into a memory stream
//    (same bytes, same errors for a missing file or a folder).
// Binding is checked three ways: tests/unit/test_pdf.cpp asserts each replacement was called
// while a PDF was written and that the dynamic linker resolves each symbol to it; the ctest
// libharu_patches_bound reads the executable's dynamic symbols and libhpdf's relocations
// (tests/e2e/libharu_patches.sh, which takes the list of patches from the `extern "C"`
// definitions in this file). Linking with -Wl,--exclude-libs,ALL, a libhpdf built with
// -Bsymbolic(-functions), or hidden visibility without the attribute below would unbind them.
//
// Private fields and internal functions (from the installed internal headers; hpdf.h includes
// them unless HPDF_SHARED is defined):
//  - HPDF_Stream: type, error (the deflate replacement); HPDF_MMgr: error (the file reader);
//    HPDF_MemStream_New/GetBufCount/GetBufPtr, HPDF_Stream_Write/Free, HPDF_SetError.
//  - HPDF_Page's HPDF_PageAttr::stream (append_to_page): text runs are written to the content
//    stream directly, not through HPDF_Page_ShowText, which measures every character twice.
//  - HPDF_Font's HPDF_FontAttr::fontdef, HPDF_TTFontDefAttr::glyph_tbl.flgs and num_glyphs
//    (embed_every_glyph): libharu embeds only glyphs it measured; subsets hold only used glyphs.
//  - HPDF_Doc: mmgr, xref, catalog; HPDF_Dict: stream, filter; HPDF_DictStream_New,
//    HPDF_Dict_New, HPDF_Dict_Add, HPDF_String_New, HPDF_Boolean_New, HPDF_Stream_Write
//    (set_to_unicode: libharu's own ToUnicode map is invalid; set_language: /Lang has no API;
//    display_document_title: /ViewerPreferences has no API for DisplayDocTitle).
//  - HPDF_Doc: pdf_version; HPDF_Dict_New, HPDF_Xref_Add, HPDF_Array_New, HPDF_Dict_AddName/
//    AddNumber, HPDF_Array_Add/AddNumber, HPDF_Number_New, HPDF_String_New with the UTF-8
//    encoder (new_dict ... declare_pdf_17: the structure tree, marked-content parent tree and XMP
//    metadata of a tagged PDF have no API; version 1.7 because PDF/UA-1 is defined on it).
//  - HPDF_Encoder: type, attr, to_unicode_fn; HPDF_CMapEncoderAttr: cid_map, unicode_map;
//    HPDF_CMapEncoder_ToUnicode (utf8_font): for one HPDF_GetFont the UTF-8 encoder describes only
//    the font's code points, so libharu looks up those instead of all 65,536 and writes a
//    CIDToGIDMap up to the highest one (a third of a batch's time before).
// The layouts of these structures are those of the installed headers: the version check below
// stops the build on any other libharu, whose patches and fields must be checked again first.
#include "writers/pdf/libharu_patches.hpp"

#include "writers/deflate.hpp"

#include <hpdf_version.h>

#if HPDF_VERSION_ID != 20300
#error "libharu_patches.cpp was checked against libharu 2.3.0 only: check every patch and field it lists against this version, then update this check"
#endif

#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_pages.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

namespace {

/// Whether each replacement ran since forget_patch_calls(): read-mostly flags, so the hot
/// HPDF_MemCpy costs one relaxed load after its first call.
std::array<std::atomic<bool>, 4> g_called{};

void note_call(handout::libharu::Patch p) {
  std::atomic<bool>& flag = g_called[static_cast<std::size_t>(p)];
  if (!flag.load(std::memory_order_relaxed)) flag.store(true, std::memory_order_relaxed);
}

}  // namespace

// Default visibility whatever -fvisibility says: the dynamic linker must see these.
#define HANDOUT_REPLACES_LIBHARU extern "C" __attribute__((visibility("default")))

HANDOUT_REPLACES_LIBHARU HPDF_BYTE* HPDF_MemCpy(HPDF_BYTE* out, const HPDF_BYTE* in, HPDF_UINT n) {
  note_call(handout::libharu::Patch::mem_cpy);
  if (n > 0) std::memmove(out, in, n);
  return out + n;
}

HANDOUT_REPLACES_LIBHARU void* HPDF_MemSet(void* s, HPDF_BYTE c, HPDF_UINT n) {
  note_call(handout::libharu::Patch::mem_set);
  if (n > 0) std::memset(s, c, n);
  return static_cast<HPDF_BYTE*>(s) + n;
}

HANDOUT_REPLACES_LIBHARU HPDF_STATUS HPDF_Stream_WriteToStreamWithDeflate(HPDF_Stream src, HPDF_Stream dst, HPDF_Encrypt e) {
  note_call(handout::libharu::Patch::deflate);
  using Original = HPDF_STATUS (*)(HPDF_Stream, HPDF_Stream, HPDF_Encrypt);
  if (src->type != HPDF_STREAM_MEMORY || e != nullptr) {
    static const auto original =
        reinterpret_cast<Original>(dlsym(RTLD_NEXT, "HPDF_Stream_WriteToStreamWithDeflate"));
    if (original == nullptr) return HPDF_SetError(src->error, HPDF_ZLIB_ERROR, 0);
    return original(src, dst, e);
  }
  thread_local std::string input;
  thread_local std::string output;
  input.clear();
  const HPDF_UINT chunks = HPDF_MemStream_GetBufCount(src);
  for (HPDF_UINT i = 0; i < chunks; ++i) {
    HPDF_UINT length = 0;
    const HPDF_BYTE* chunk = HPDF_MemStream_GetBufPtr(src, i, &length);
    if (chunk == nullptr) return HPDF_Error_GetCode(src->error);
    input.append(reinterpret_cast<const char*>(chunk), length);
  }
  if (!handout::zlib_compress(input, output)) {
    return HPDF_SetError(src->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
  }
  return HPDF_Stream_Write(dst, reinterpret_cast<const HPDF_BYTE*>(output.data()), static_cast<HPDF_UINT>(output.size()));
}

// The stream's block is one byte larger than the file so seeking to its very end stays inside
// the block.
HANDOUT_REPLACES_LIBHARU HPDF_Stream HPDF_FileReader_New(HPDF_MMgr mmgr, const char* fname) {
  note_call(handout::libharu::Patch::file_reader);
  std::string bytes;
  const int fd = ::open(fname, O_RDONLY | O_CLOEXEC);
  bool ok = fd >= 0;
  if (ok) {
    char buffer[65536];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
      if (n < 0) {
        if (errno == EINTR) continue;
        ok = false;
        break;
      }
      bytes.append(buffer, static_cast<std::size_t>(n));
    }
  }
  const int read_error = errno;
  if (fd >= 0) ::close(fd);
  if (!ok) {
    HPDF_SetError(mmgr->error, fd < 0 ? HPDF_FILE_OPEN_ERROR : HPDF_FILE_IO_ERROR, read_error);
    return nullptr;
  }
  HPDF_Stream stream = HPDF_MemStream_New(mmgr, static_cast<HPDF_UINT>(bytes.size() + 1));
  if (stream == nullptr) return nullptr;
  if (HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size())) != HPDF_OK) {
    HPDF_Stream_Free(stream);
    return nullptr;
  }
  return stream;
}

namespace handout::libharu {

namespace {

const std::array<PatchedSymbol, 4> kPatches = {{
    {Patch::mem_cpy, "HPDF_MemCpy", reinterpret_cast<void*>(&HPDF_MemCpy)},
    {Patch::mem_set, "HPDF_MemSet", reinterpret_cast<void*>(&HPDF_MemSet)},
    {Patch::deflate, "HPDF_Stream_WriteToStreamWithDeflate", reinterpret_cast<void*>(&HPDF_Stream_WriteToStreamWithDeflate)},
    {Patch::file_reader, "HPDF_FileReader_New", reinterpret_cast<void*>(&HPDF_FileReader_New)},
}};

/// For the duration of one HPDF_GetFont, makes libharu's UTF-8 encoder describe only the code
/// points the font maps. libharu 2.3.0 otherwise looks up all 65,536 codes in the font's cmap
/// (a linear search each) and writes a 128 KB CIDToGIDMap and width loop for every font; with
/// the encoder's code table filled (as for its CJK encoders) it looks up only these, and the map
/// stops at the highest one. CIDs stay the Unicode values, so the output draws the same glyphs.
class NarrowedUtf8Encoder {
 public:
  NarrowedUtf8Encoder(HPDF_Encoder encoder, const std::vector<HPDF_UINT16>& codes)
      : encoder_(encoder), attr_(static_cast<HPDF_CMapEncoderAttr>(encoder->attr)), codes_(codes) {
    // libharu writes the map for codes below the highest table entry only: one more entry past
    // the last code keeps that code in the map.
    if (!codes_.empty()) codes_.push_back(static_cast<HPDF_UINT16>(codes_.back() + 1));
    saved_to_unicode_ = encoder_->to_unicode_fn;
    std::copy(std::begin(attr_->cid_map[0]), std::end(attr_->cid_map[0]), saved_row_.begin());
    std::fill(std::begin(attr_->cid_map[0]), std::end(attr_->cid_map[0]), HPDF_UINT16{0});  // UTF-8 state lives here
    for (const HPDF_UINT16 cp : codes_) {
      attr_->cid_map[cp >> 8][cp & 0xFF] = cp;
      attr_->unicode_map[cp >> 8][cp & 0xFF] = cp;
    }
    encoder_->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
  }
  ~NarrowedUtf8Encoder() {
    for (const HPDF_UINT16 cp : codes_) {
      attr_->cid_map[cp >> 8][cp & 0xFF] = 0;
      attr_->unicode_map[cp >> 8][cp & 0xFF] = kUndefined;
    }
    std::copy(saved_row_.begin(), saved_row_.end(), std::begin(attr_->cid_map[0]));
    encoder_->to_unicode_fn = saved_to_unicode_;
  }
  NarrowedUtf8Encoder(const NarrowedUtf8Encoder&) = delete;
  NarrowedUtf8Encoder& operator=(const NarrowedUtf8Encoder&) = delete;

  /// Returns true when the encoder is the one this was written for (a CMap encoder whose code
  /// table is empty): anything else is left alone.
  static bool applies(HPDF_Encoder encoder) {
    if (encoder == nullptr || encoder->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE || encoder->attr == nullptr) return false;
    const auto* attr = static_cast<HPDF_CMapEncoderAttr>(encoder->attr);
    for (int hi = 1; hi < 256; ++hi)
      for (int lo = 0; lo < 256; ++lo)
        if (attr->cid_map[hi][lo] != 0) return false;
    return encoder->to_unicode_fn != HPDF_CMapEncoder_ToUnicode;
  }

 private:
  static constexpr HPDF_UNICODE kUndefined = 0x25A1;  // what HPDF_CMapEncoder_InitAttr puts there
  HPDF_Encoder encoder_;
  HPDF_CMapEncoderAttr attr_;
  std::vector<HPDF_UINT16> codes_;
  HPDF_Encoder_ToUnicode_Func saved_to_unicode_ = nullptr;
  std::array<HPDF_UINT16, 256> saved_row_{};
};

}  // namespace

std::span<const PatchedSymbol> patched_symbols() { return kPatches; }

bool resolves_to_replacement(const PatchedSymbol& p) { return dlsym(RTLD_DEFAULT, p.symbol) == p.replacement; }

bool replacement_called(Patch p) { return g_called[static_cast<std::size_t>(p)].load(std::memory_order_relaxed); }

void forget_patch_calls() {
  for (std::atomic<bool>& flag : g_called) flag.store(false, std::memory_order_relaxed);
}

HPDF_STATUS append_to_page(HPDF_Page page, std::string_view operators) {
  auto* attr = static_cast<HPDF_PageAttr>(page->attr);
  return HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(operators.data()), static_cast<HPDF_UINT>(operators.size()));
}

void embed_every_glyph(HPDF_Font font) {
  auto* tt = static_cast<HPDF_TTFontDefAttr>(static_cast<HPDF_FontAttr>(font->attr)->fontdef->attr);
  std::fill(tt->glyph_tbl.flgs, tt->glyph_tbl.flgs + tt->num_glyphs, HPDF_BYTE{1});
}

HPDF_STATUS set_to_unicode(HPDF_Doc doc, HPDF_Font font, std::string_view cmap) {
  HPDF_Dict stream = HPDF_DictStream_New(doc->mmgr, doc->xref);
  if (stream == nullptr) return HPDF_FAILD_TO_ALLOC_MEM;
  if (const HPDF_STATUS s = HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(cmap.data()),
                                              static_cast<HPDF_UINT>(cmap.size()));
      s != HPDF_OK) {
    return s;
  }
  stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  return HPDF_Dict_Add(font, "ToUnicode", stream);
}

HPDF_Font utf8_font(HPDF_Doc doc, const char* name, const std::vector<HPDF_UINT16>& codes) {
  HPDF_Encoder utf8 = HPDF_GetEncoder(doc, "UTF-8");
  static const bool narrowing_applies = NarrowedUtf8Encoder::applies(utf8);  // the same for every document
  if (codes.empty() || !narrowing_applies) return HPDF_GetFont(doc, name, "UTF-8");
  NarrowedUtf8Encoder narrowed(utf8, codes);
  return HPDF_GetFont(doc, name, "UTF-8");
}

HPDF_STATUS set_language(HPDF_Doc doc, const std::string& bcp47) {
  HPDF_String lang = HPDF_String_New(doc->mmgr, bcp47.c_str(), nullptr);
  if (lang == nullptr) return HPDF_FAILD_TO_ALLOC_MEM;
  return HPDF_Dict_Add(doc->catalog, "Lang", lang);
}

HPDF_STATUS display_document_title(HPDF_Doc doc) {
  HPDF_Dict prefs = HPDF_Dict_New(doc->mmgr);
  if (prefs == nullptr) return HPDF_FAILD_TO_ALLOC_MEM;
  if (const HPDF_STATUS s = HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(doc->mmgr, HPDF_TRUE)); s != HPDF_OK) {
    return s;
  }
  return HPDF_Dict_Add(doc->catalog, "ViewerPreferences", prefs);
}

HPDF_Dict new_dict(HPDF_Doc doc, bool indirect) {
  HPDF_Dict dict = HPDF_Dict_New(doc->mmgr);
  if (dict == nullptr || !indirect) return dict;
  return HPDF_Xref_Add(doc->xref, dict) == HPDF_OK ? dict : nullptr;  // Xref_Add frees it on failure
}

HPDF_Array new_array(HPDF_Doc doc) { return HPDF_Array_New(doc->mmgr); }

HPDF_STATUS put_name(HPDF_Dict dict, const char* key, const char* name) { return HPDF_Dict_AddName(dict, key, name); }

HPDF_STATUS put_int(HPDF_Dict dict, const char* key, int number) { return HPDF_Dict_AddNumber(dict, key, number); }

HPDF_STATUS put_bool(HPDF_Dict dict, const char* key, bool value) {
  return HPDF_Dict_AddBoolean(dict, key, value ? HPDF_TRUE : HPDF_FALSE);
}

HPDF_STATUS put_text(HPDF_Doc doc, HPDF_Dict dict, const char* key, const std::string& utf8) {
  HPDF_String s = HPDF_String_New(doc->mmgr, utf8.c_str(), HPDF_GetEncoder(doc, "UTF-8"));
  if (s == nullptr) return HPDF_Error_GetCode(doc->mmgr->error);
  return HPDF_Dict_Add(dict, key, s);
}

HPDF_STATUS put_dict(HPDF_Dict dict, const char* key, HPDF_Dict value) { return HPDF_Dict_Add(dict, key, value); }

HPDF_STATUS put_array(HPDF_Dict dict, const char* key, HPDF_Array value) { return HPDF_Dict_Add(dict, key, value); }

HPDF_STATUS push_int(HPDF_Array array, int number) { return HPDF_Array_AddNumber(array, number); }

HPDF_STATUS push_dict(HPDF_Array array, HPDF_Dict value) { return HPDF_Array_Add(array, value); }

HPDF_STATUS push_array(HPDF_Array array, HPDF_Array value) { return HPDF_Array_Add(array, value); }

HPDF_Dict catalog(HPDF_Doc doc) { return doc->catalog; }

HPDF_STATUS set_metadata(HPDF_Doc doc, std::string_view xmp) {
  HPDF_Dict stream = HPDF_DictStream_New(doc->mmgr, doc->xref);
  if (stream == nullptr) return HPDF_Error_GetCode(doc->mmgr->error);
  stream->filter = HPDF_STREAM_FILTER_NONE;  // XMP stays readable to tools that do not inflate
  if (const HPDF_STATUS s = HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(xmp.data()),
                                              static_cast<HPDF_UINT>(xmp.size()));
      s != HPDF_OK) {
    return s;
  }
  if (const HPDF_STATUS s = HPDF_Dict_AddName(stream, "Type", "Metadata"); s != HPDF_OK) return s;
  if (const HPDF_STATUS s = HPDF_Dict_AddName(stream, "Subtype", "XML"); s != HPDF_OK) return s;
  return HPDF_Dict_Add(doc->catalog, "Metadata", stream);
}

void declare_pdf_17(HPDF_Doc doc) { doc->pdf_version = HPDF_VER_17; }

}  // namespace handout::libharu
