#include "writers/pdf/pdf_document.hpp"

#include "text/text.hpp"
#include "writers/pdf/libharu_patches.hpp"
#include "writers/pdf/raster_image.hpp"

#include <hb.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define HANDOUT_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HANDOUT_LSAN 1
#endif
#endif
#ifdef HANDOUT_LSAN
#include <sanitizer/lsan_interface.h>
#endif

namespace handout {

void record_pdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
  auto* doc = static_cast<PdfDocument*>(user_data);
  if (doc->error_ == HPDF_OK) {
    doc->error_ = error_no;
    doc->detail_ = detail_no;
  }
}

namespace {

extern "C" void on_pdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
  record_pdf_error(error_no, detail_no, user_data);
}

/// libharu refuses strings over 65,535 bytes (0x105B) and a UTF-8 string doubles as UTF-16:
/// text for the document information and bookmarks is cut to this many bytes.
constexpr std::size_t kMaxPdfStringBytes = 16000;

/// Returns s cut to at most max bytes, at a character boundary, with "…" when cut.
std::string cut_utf8(const std::string& s, std::size_t max = kMaxPdfStringBytes) {
  if (s.size() <= max) return s;
  std::size_t end = max - 3;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end) + "\u2026";
}

/// The ToUnicode CMap of a font whose codes are the Unicode values themselves: 2-byte codes,
/// one identity bfrange per high byte the font's code points use (ranges may not cross a
/// 256-code boundary), surrogates left out. All 248 ranges when codes is empty.
std::string identity_to_unicode_cmap(const std::vector<HPDF_UINT16>& codes) {
  std::string ranges;
  int count = 0;
  std::string blocks;
  auto flush = [&] {
    if (count == 0) return;
    blocks += std::to_string(count) + " beginbfrange\n" + ranges + "endbfrange\n";
    ranges.clear();
    count = 0;
  };
  std::array<bool, 256> used{};
  for (const HPDF_UINT16 cp : codes) used[cp >> 8] = true;
  char line[64];
  for (int hi = 0; hi < 256; ++hi) {
    if ((hi >= 0xD8 && hi <= 0xDF) || (!codes.empty() && !used[static_cast<std::size_t>(hi)])) continue;
    std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
    ranges += line;
    if (++count == 100) flush();
  }
  flush();
  return "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
         "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
         blocks + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

/// A ToUnicode CMap from each code to its text (UTF-16BE, bfchar entries).
std::string bfchar_to_unicode_cmap(const std::map<std::uint16_t, std::string>& to_unicode) {
  std::string blocks, entries;
  int count = 0;
  auto flush = [&] {
    if (count == 0) return;
    blocks += std::to_string(count) + " beginbfchar\n" + entries + "endbfchar\n";
    entries.clear();
    count = 0;
  };
  char hex[16];
  for (const auto& [code, utf8] : to_unicode) {
    std::snprintf(hex, sizeof hex, "<%04X> <", code);
    entries += hex;
    for (std::size_t i = 0; i < utf8.size();) {
      char32_t cp = text::next_code_point(utf8, i);
      if (cp > 0xFFFF) {
        cp -= 0x10000;
        std::snprintf(hex, sizeof hex, "%04X%04X", static_cast<unsigned>(0xD800 + (cp >> 10)), static_cast<unsigned>(0xDC00 + (cp & 0x3FF)));
        entries += hex;
        continue;
      }
      std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(cp));
      entries += hex;
    }
    entries += ">\n";
    if (++count == 100) flush();
  }
  flush();
  return "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
         "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
         "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
         "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
         blocks + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

/// Returns the code points (up to U+FFFE) a TrueType font's cmap maps, ascending.
std::vector<HPDF_UINT16> mapped_code_points(const std::string& truetype_bytes) {
  hb_blob_t* blob = hb_blob_create(truetype_bytes.data(), static_cast<unsigned>(truetype_bytes.size()),
                                   HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_blob_destroy(blob);
  hb_set_t* set = hb_set_create();
  hb_face_collect_unicodes(face, set);
  std::vector<HPDF_UINT16> codes;
  for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(set, &cp) && cp < 0xFFFF;) {
    codes.push_back(static_cast<HPDF_UINT16>(cp));
  }
  hb_set_destroy(set);
  hb_face_destroy(face);
  return codes;
}

}  // namespace

std::string percent_encode_uri(const std::string& uri) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : uri) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '{' || c == '}' || c == '|' ||
        c == '^' || c == '`' || c == '(' || c == ')') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

PdfDocument::PdfDocument() {
  doc_ = HPDF_New(on_pdf_error, this);
  if (doc_ == nullptr) throw PdfError("libharu could not start a document (out of memory)");
  check(HPDF_UseUTFEncodings(doc_), "enabling UTF-8");
  check(HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL), "enabling compression");
}

PdfDocument::~PdfDocument() {
  if (doc_ != nullptr) HPDF_Free(doc_);
  for (const int fd : font_fds_) ::close(fd);
}

void PdfDocument::check(HPDF_STATUS status, const char* what) {
  if (status == HPDF_OK && error_ == HPDF_OK) return;
  char code[64];
  std::snprintf(code, sizeof code, " (libharu error 0x%04lX, detail %lu)", static_cast<unsigned long>(error_ ? error_ : status),
                static_cast<unsigned long>(detail_));
  throw PdfError(std::string("PDF library failed ") + what + code, static_cast<unsigned long>(error_ ? error_ : status));
}

double PdfDocument::page_height(HPDF_Page page) const { return HPDF_Page_GetHeight(page); }

HPDF_Font PdfDocument::load_font(const std::string& bytes) { return load_font(bytes, {}); }

HPDF_Font PdfDocument::load_font(const std::string& bytes, const std::map<std::uint16_t, std::string>& to_unicode) {
  // libharu reads fonts from files only: hand it a memory file, kept open until the PDF is saved.
  const int fd = ::memfd_create("handout-font", MFD_CLOEXEC);
  if (fd < 0) throw PdfError("cannot create a memory file for a font");
  font_fds_.push_back(fd);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) throw PdfError("cannot write a font to memory");
    done += static_cast<std::size_t>(n);
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  const char* name = HPDF_LoadTTFontFromFile(doc_, path.c_str(), HPDF_TRUE);
  check(name ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM, "loading a font");
  const std::vector<HPDF_UINT16> codes = mapped_code_points(bytes);
  HPDF_Font font = libharu::utf8_font(doc_, name, codes);
  check(font ? HPDF_OK : HPDF_INVALID_FONT_NAME, "preparing a font for UTF-8");
  // libharu embeds the outlines of glyphs it saw measured; text() writes strings without
  // measuring them, and the subset holds only glyphs the document draws: embed them all.
  libharu::embed_every_glyph(font);
  // libharu's own ToUnicode map is invalid (begincidrange): replace it with an identity map.
  check(libharu::set_to_unicode(doc_, font, to_unicode.empty() ? identity_to_unicode_cmap(codes) : bfchar_to_unicode_cmap(to_unicode)),
        "setting a ToUnicode map");
  return font;
}

HPDF_Page PdfDocument::add_page(double width, double height) {
  HPDF_Page page = HPDF_AddPage(doc_);
  check(page ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM, "adding a page");
  check(HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(width)), "sizing a page");
  check(HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(height)), "sizing a page");
  return page;
}

void PdfDocument::begin_text(HPDF_Page page, HPDF_Font font, double size, Color color, double x, double y) {
  const double h = page_height(page);
  check(HPDF_Page_BeginText(page), "starting text");
  const bool same_page = page == text_page_;
  if (!same_page || font != text_font_ || size != text_size_) {
    check(HPDF_Page_SetFontAndSize(page, font, static_cast<HPDF_REAL>(size)), "setting a font");
  }
  if (!same_page || !(color == text_color_)) {
    check(HPDF_Page_SetRGBFill(page, static_cast<HPDF_REAL>(color.r), static_cast<HPDF_REAL>(color.g), static_cast<HPDF_REAL>(color.b)),
          "setting a colour");
  }
  text_page_ = page;
  text_font_ = font;
  text_size_ = size;
  text_color_ = color;
  // BT resets the text matrix, so the move is the absolute position (as HPDF_Page_TextOut
  // writes it).
  check(HPDF_Page_MoveTextPos(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(h - y)), "placing text");
}

void PdfDocument::text(HPDF_Page page, HPDF_Font font, double size, Color color, double x, double y, const std::string& utf8) {
  if (utf8.empty()) return;
  begin_text(page, font, size, color, x, y);
  // The string is written here rather than by HPDF_Page_ShowText, which measures
  // every character twice through the font's cmap to track a text position that ET discards:
  // the same 2-byte Unicode codes (Identity-H), characters past U+FFFF as spaces as libharu does,
  // as a literal string of those bytes (half the size of libharu's hex, so less to compress),
  // with the bytes a literal string cannot hold as they are escaped.
  std::string op = "(";
  op.reserve(utf8.size() * 2 + 8);
  auto put = [&op](unsigned byte) {
    switch (byte) {
      case '(': case ')': case '\\': op += '\\'; op += static_cast<char>(byte); break;
      case '\r': op += "\\r"; break;  // a bare CR would be read as LF
      case '\n': op += "\\n"; break;
      default: op += static_cast<char>(byte);
    }
  };
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t cp = text::next_code_point(utf8, i);
    if (cp > 0xFFFF) cp = 0x20;
    put(cp >> 8);
    put(cp & 0xFF);
  }
  op += ") Tj\012";
  check(libharu::append_to_page(page, op), "drawing text");
  check(HPDF_Page_EndText(page), "ending text");
}

void PdfDocument::glyphs(HPDF_Page page, HPDF_Font font, double size, Color color, double x, double y,
                         const std::vector<PlacedCode>& codes) {
  if (codes.empty()) return;
  begin_text(page, font, size, color, x, y);
  // One TJ array: codes as 2-byte literal strings, kerning and mark offsets as numbers (in
  // thousandths of the size, negative to the right); a raised glyph (a mark) gets its own Ts.
  std::string op;
  op.reserve(codes.size() * 3 + 16);
  bool open_array = false, open_string = false;
  double rise = 0;
  char number[32];
  auto close_string = [&] {
    if (open_string) op += ')';
    open_string = false;
  };
  auto move = [&](double em) {
    const long n = std::lround(-em * 1000.0);
    if (n == 0) return;
    if (!open_array) {
      op += '[';
      open_array = true;
    }
    close_string();
    std::snprintf(number, sizeof number, "%ld", n);
    op += number;
  };
  auto put = [&op](unsigned byte) {
    switch (byte) {
      case '(': case ')': case '\\': op += '\\'; op += static_cast<char>(byte); break;
      case '\r': op += "\\r"; break;
      case '\n': op += "\\n"; break;
      default: op += static_cast<char>(byte);
    }
  };
  double pending = 0;
  for (const PlacedCode& c : codes) {
    if (std::abs(c.rise - rise) > 1e-4) {
      close_string();
      if (open_array) op += "] TJ\012";
      open_array = false;
      std::snprintf(number, sizeof number, "%.2f Ts\012", c.rise * size);
      op += number;
      rise = c.rise;
    }
    move(pending + c.before);
    if (!open_array) {
      op += '[';
      open_array = true;
    }
    if (!open_string) op += '(';
    open_string = true;
    put(c.code >> 8);
    put(c.code & 0xFF);
    pending = c.after;
  }
  close_string();
  if (open_array) op += "] TJ\012";
  if (std::abs(rise) > 1e-4) op += "0 Ts\012";
  check(libharu::append_to_page(page, op), "drawing text");
  check(HPDF_Page_EndText(page), "ending text");
}

void PdfDocument::begin_span(HPDF_Page page, const std::string& utf8) {
  // A text string in UTF-16BE with its byte-order mark, as hex (PDF 32000-1 7.9.2.2).
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string op = "/Span <</ActualText <FEFF";
  auto put16 = [&](unsigned unit) {
    for (int shift = 12; shift >= 0; shift -= 4) op += kHex[(unit >> shift) & 0xF];
  };
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = text::next_code_point(utf8, i);
    if (cp > 0xFFFF) {
      put16(0xD800 + ((cp - 0x10000) >> 10));
      put16(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      put16(cp);
    }
  }
  op += ">>> BDC\012";
  check(libharu::append_to_page(page, op), "opening a span");
}

void PdfDocument::end_span(HPDF_Page page) { check(libharu::append_to_page(page, "EMC\012"), "closing a span"); }

void PdfDocument::rect(HPDF_Page page, double x, double y, double w, double h, const Color* fill, const Color* stroke,
                       double line_width) {
  if (w <= 0 || h <= 0 || (fill == nullptr && stroke == nullptr)) return;
  const double top = page_height(page) - y;
  check(HPDF_Page_GSave(page), "saving graphics state");
  if (fill) check(HPDF_Page_SetRGBFill(page, static_cast<HPDF_REAL>(fill->r), static_cast<HPDF_REAL>(fill->g), static_cast<HPDF_REAL>(fill->b)), "setting a colour");
  if (stroke) {
    check(HPDF_Page_SetRGBStroke(page, static_cast<HPDF_REAL>(stroke->r), static_cast<HPDF_REAL>(stroke->g), static_cast<HPDF_REAL>(stroke->b)), "setting a colour");
    check(HPDF_Page_SetLineWidth(page, static_cast<HPDF_REAL>(line_width)), "setting a line width");
  }
  check(HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(top - h), static_cast<HPDF_REAL>(w), static_cast<HPDF_REAL>(h)),
        "drawing a rectangle");
  if (fill && stroke) {
    check(HPDF_Page_FillStroke(page), "filling a rectangle");
  } else if (fill) {
    check(HPDF_Page_Fill(page), "filling a rectangle");
  } else {
    check(HPDF_Page_Stroke(page), "stroking a rectangle");
  }
  check(HPDF_Page_GRestore(page), "restoring graphics state");
}

HPDF_Image PdfDocument::image(const RasterImage& raster) {
  HPDF_Image img = HPDF_LoadRawImageFromMem(doc_, reinterpret_cast<const HPDF_BYTE*>(raster.rgb.data()),
                                            static_cast<HPDF_UINT>(raster.width), static_cast<HPDF_UINT>(raster.height),
                                            HPDF_CS_DEVICE_RGB, 8);
  check(img ? HPDF_OK : HPDF_INVALID_IMAGE, "embedding an image");
  if (!raster.alpha.empty()) {
    HPDF_Image mask = HPDF_LoadRawImageFromMem(doc_, reinterpret_cast<const HPDF_BYTE*>(raster.alpha.data()),
                                               static_cast<HPDF_UINT>(raster.width), static_cast<HPDF_UINT>(raster.height),
                                               HPDF_CS_DEVICE_GRAY, 8);
    check(mask ? HPDF_OK : HPDF_INVALID_IMAGE, "embedding an image's transparency");
    check(HPDF_Image_AddSMask(img, mask), "attaching an image's transparency");
  }
  return img;
}

void PdfDocument::draw_image(HPDF_Page page, HPDF_Image image, double x, double y, double w, double h) {
  const double top = page_height(page) - y;
  check(HPDF_Page_DrawImage(page, image, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(top - h), static_cast<HPDF_REAL>(w),
                            static_cast<HPDF_REAL>(h)),
        "drawing an image");
}

HPDF_Annotation PdfDocument::link_uri(HPDF_Page page, double x, double y, double w, double h, const std::string& uri) {
  const double top = page_height(page) - y;
  HPDF_Rect r{static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(top - h), static_cast<HPDF_REAL>(x + w), static_cast<HPDF_REAL>(top)};
  const std::string encoded = percent_encode_uri(uri);
  if (encoded.size() > kMaxPdfStringBytes) return nullptr;  // no reader follows such a link; its text stays
  HPDF_Annotation annot = HPDF_Page_CreateURILinkAnnot(page, r, encoded.c_str());
  check(annot ? HPDF_OK : HPDF_INVALID_PARAMETER, "making a link");
  check(HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0), "hiding a link border");
  return annot;
}

HPDF_Annotation PdfDocument::link_internal(HPDF_Page page, double x, double y, double w, double h, HPDF_Page target, double target_y) {
  const double top = page_height(page) - y;
  HPDF_Rect r{static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(top - h), static_cast<HPDF_REAL>(x + w), static_cast<HPDF_REAL>(top)};
  HPDF_Destination dst = HPDF_Page_CreateDestination(target);
  check(dst ? HPDF_OK : HPDF_INVALID_PARAMETER, "making a link target");
  check(HPDF_Destination_SetFitH(dst, static_cast<HPDF_REAL>(page_height(target) - target_y + 12)), "placing a link target");
  HPDF_Annotation annot = HPDF_Page_CreateLinkAnnot(page, r, dst);
  check(annot ? HPDF_OK : HPDF_INVALID_PARAMETER, "making a link");
  check(HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0), "hiding a link border");
  return annot;
}

HPDF_Outline PdfDocument::bookmark(HPDF_Outline parent, const std::string& title, HPDF_Page page, double y) {
  HPDF_Outline outline = HPDF_CreateOutline(doc_, parent, cut_utf8(title).c_str(), HPDF_GetEncoder(doc_, "UTF-8"));
  check(outline ? HPDF_OK : HPDF_INVALID_OUTLINE, "making a bookmark");
  HPDF_Destination dst = HPDF_Page_CreateDestination(page);
  check(dst ? HPDF_OK : HPDF_INVALID_PARAMETER, "making a bookmark target");
  check(HPDF_Destination_SetFitH(dst, static_cast<HPDF_REAL>(page_height(page) - y + 12)), "placing a bookmark");
  check(HPDF_Outline_SetDestination(outline, dst), "placing a bookmark");
  check(HPDF_Outline_SetOpened(outline, HPDF_TRUE), "opening a bookmark");
  return outline;
}

void PdfDocument::set_info(const PdfInfo& info) {
  check(HPDF_SetCurrentEncoder(doc_, "UTF-8"), "choosing the info encoding");
  auto set = [&](HPDF_InfoType type, const std::string& value) {
    if (!value.empty()) check(HPDF_SetInfoAttr(doc_, type, cut_utf8(value).c_str()), "setting document information");
  };
  set(HPDF_INFO_TITLE, info.title);
  set(HPDF_INFO_AUTHOR, info.author);
  set(HPDF_INFO_SUBJECT, info.subject);
  set(HPDF_INFO_KEYWORDS, info.keywords);
  set(HPDF_INFO_CREATOR, info.creator);
  set(HPDF_INFO_PRODUCER, info.creator);
  if (info.date_epoch) {
    const std::time_t t = static_cast<std::time_t>(*info.date_epoch);
    std::tm tm{};
    gmtime_r(&t, &tm);
    HPDF_Date date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
    check(HPDF_SetInfoDateAttr(doc_, HPDF_INFO_CREATION_DATE, date), "setting the creation date");
    check(HPDF_SetInfoDateAttr(doc_, HPDF_INFO_MOD_DATE, date), "setting the modification date");
  }
}

void PdfDocument::set_language(const std::string& bcp47) {
  if (!bcp47.empty() && bcp47.size() <= 64) {  // a longer "language tag" is no language
    check(libharu::set_language(doc_, bcp47), "setting the language");
  }
  check(libharu::display_document_title(doc_), "setting viewer preferences");
}

void PdfDocument::set_page_labels(bool show_bookmarks) {
  check(HPDF_AddPageLabel(doc_, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, ""), "numbering pages");
  if (show_bookmarks) check(HPDF_SetPageMode(doc_, HPDF_PAGE_MODE_USE_OUTLINE), "showing bookmarks");
}

void PdfDocument::set_xmp_metadata(const std::string& xmp) {
  libharu::declare_pdf_17(doc_);
  check(libharu::set_metadata(doc_, xmp), "setting the XMP metadata");
}

std::string PdfDocument::save() {
  {
#ifdef HANDOUT_LSAN
    // When saving fails on libharu 2.3.0's 4 KiB stream-boundary trap (0x1033, which the PDF
    // writer meets and then avoids by retrying), libharu drops a dictionary it was writing:
    // its leak, not ours, and LeakSanitizer cannot see libharu's frames to suppress it by name.
    __lsan::ScopedDisabler libharu_save_leaks;
#endif
    check(HPDF_SaveToStream(doc_), "saving the PDF");
  }
  const HPDF_UINT32 size = HPDF_GetStreamSize(doc_);
  std::string out(size, '\0');
  HPDF_UINT32 len = size;
  HPDF_STATUS status = HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(out.data()), &len);
  if (status == HPDF_STREAM_EOF || error_ == HPDF_STREAM_EOF) {  // reading to the end is not a failure
    HPDF_ResetError(doc_);
    error_ = HPDF_OK;
    status = HPDF_OK;
  }
  check(status, "reading the saved PDF");
  out.resize(len);
  return out;
}

}  // namespace handout
