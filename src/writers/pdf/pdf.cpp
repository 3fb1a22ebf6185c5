// PDF handout writer: style, fonts, images, layout, then drawing what layout placed.
#include "writers/pdf/pdf.hpp"

#include "layout/handout_layout.hpp"
#include "model/metadata.hpp"
#include "text/text.hpp"
#include "writers/pdf/font_subset.hpp"
#include "writers/image_files.hpp"
#include "writers/pdf/pdf_document.hpp"
#include "writers/pdf/structure_tree.hpp"
#include "writers/pdf/xmp_metadata.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace handout {

namespace {

/// Decodes an image into images, or warns that it is left out.
void add_image(PdfImages& images, const std::string& key, const std::string& bytes, Diagnostics& diag,
               const WriterOptions& options) {
  std::string problem;
  std::optional<RasterImage> raster = decode_raster_image(bytes, problem, kMaxImageSide, options.max_image_pixels);
  if (!raster) {
    diag.warning(0, 0, "image '" + key + "' left out: " + problem);
    return;
  }
  // Pixels at 150 dpi, but never wider than the page allows (layout scales down further).
  images.sizes[key] = {raster->width * 72.0 / 150.0, raster->height * 72.0 / 150.0};
  images.rasters.emplace(key, std::move(*raster));
}

}  // namespace

PdfImages load_style_logo(const Style& style, Diagnostics& diag, const WriterOptions& options) {
  PdfImages out;
  if (!style.logo.empty()) {
    // The style's own file (the style is trusted), but still a regular file of bounded size.
    std::error_code ec;
    if (!std::filesystem::is_regular_file(style.logo, ec)) {
      diag.warning(0, 0, "logo '" + style.logo.string() + "' left out: not a regular file");
    } else if (std::filesystem::file_size(style.logo, ec) > options.max_image_bytes || ec) {
      diag.warning(0, 0, "logo '" + style.logo.string() + "' left out: larger than the image-bytes limit");
    } else {
      std::ifstream in(style.logo, std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      add_image(out, style.logo.string(), bytes.str(), diag, options);
    }
  }
  return out;
}

PdfImages load_pdf_images(const Document& doc, const Style& style, Diagnostics& diag, const WriterOptions& options) {
  PdfImages out = load_style_logo(style, diag, options);
  for (const auto& x : doc.xml().select_nodes("//imagedata[@fileref]")) {
    const std::string key = x.node().attribute("fileref").value();
    if (out.sizes.count(key) != 0) continue;
    ImageLookup found = find_source_image(doc.source_path, key, options.max_image_bytes);
    if (!found.image) {
      diag.warning(0, 0, "image '" + key + "' left out: " + found.problem);
      continue;
    }
    add_image(out, key, found.image->bytes, diag, options);
  }
  return out;
}

namespace {

/// Draws the pages with each face subset to the given characters.
Output draw_pdf_with(const LaidOutDocument& laid, const Document& doc, const FontSet& fonts, const PdfImages& images,
                     const WriterOptions& options, const std::map<int, std::set<char32_t>>& used) {
  PdfDocument pdf;
  std::map<int, HPDF_Font> handles;
  for (const auto& [face, chars] : used) handles[face] = pdf.load_font(subset_font(fonts.face(face).path(), chars));

  std::map<std::string, HPDF_Image> embedded;
  auto image_of = [&](const std::string& key) -> HPDF_Image {
    if (auto it = embedded.find(key); it != embedded.end()) return it->second;
    auto raster = images.rasters.find(key);
    if (raster == images.rasters.end()) return nullptr;
    return embedded[key] = pdf.image(raster->second);
  };

  std::vector<HPDF_Page> pages;
  std::map<std::string, std::pair<std::size_t, double>> anchors;  // id -> page, y
  for (std::size_t p = 0; p < laid.pages.size(); ++p) {
    pages.push_back(pdf.add_page(laid.geometry.width, laid.geometry.height));
    for (const Anchor& a : laid.pages[p].anchors) anchors.try_emplace(a.id, p, a.y);
  }
  // A link annotation's description: its element's /Alt, else the text drawn for it, else its URI.
  std::map<int, std::string> link_text;
  for (const Drawing& d : laid.pages) {
    for (const TextRun& run : d.runs) {
      if (run.element >= 0) link_text[run.element] += run.text;
    }
  }
  StructureTreeWriter tags(pdf, laid.structure);
  for (std::size_t p = 0; p < laid.pages.size(); ++p) {
    const Drawing& d = laid.pages[p];
    HPDF_Page page = pages[p];
    tags.begin_page(page);
    auto draw_rect = [&](const RectBox& r) {
      pdf.rect(page, r.x, r.y, r.width, r.height, r.fill ? &r.fill_color : nullptr, r.stroke ? &r.stroke_color : nullptr,
               r.line_width);
    };
    // Decoration first (under the text), then the content in reading order: each image and
    // tagged rectangle before the run the layout placed it before, each run with its element.
    std::vector<const RectBox*> tagged_rects;
    for (const RectBox& r : d.rects) {
      if (r.element < 0) {
        tags.mark(r.element);
        draw_rect(r);
      } else {
        tagged_rects.push_back(&r);
      }
    }
    std::vector<const ImageBox*> images_in_order;
    for (const ImageBox& i : d.images) images_in_order.push_back(&i);
    std::stable_sort(tagged_rects.begin(), tagged_rects.end(), [](const RectBox* a, const RectBox* b) { return a->at_run < b->at_run; });
    std::stable_sort(images_in_order.begin(), images_in_order.end(), [](const ImageBox* a, const ImageBox* b) { return a->at_run < b->at_run; });
    std::size_t next_rect = 0, next_image = 0;
    for (std::size_t k = 0; k <= d.runs.size(); ++k) {
      for (; next_image < images_in_order.size() && images_in_order[next_image]->at_run <= k; ++next_image) {
        const ImageBox& i = *images_in_order[next_image];
        if (HPDF_Image img = image_of(i.key)) {
          tags.mark(i.element);
          pdf.draw_image(page, img, i.x, i.y, i.width, i.height);
        }
      }
      for (; next_rect < tagged_rects.size() && tagged_rects[next_rect]->at_run <= k; ++next_rect) {
        tags.mark(tagged_rects[next_rect]->element);
        draw_rect(*tagged_rects[next_rect]);
      }
      if (k == d.runs.size()) break;
      const TextRun& run = d.runs[k];
      tags.mark(run.element);
      pdf.text(page, handles.at(run.face), run.size, run.color, run.x, run.y, run.text);
    }
    tags.close();
    for (const LinkArea& l : d.links) {
      if (l.element < 0 && l.element != tag::inherit) continue;  // no link inside an artifact
      HPDF_Annotation annot = nullptr;
      if (!l.uri.empty()) {
        annot = pdf.link_uri(page, l.x, l.y, l.width, l.height, l.uri);
      } else if (auto a = anchors.find(l.target); a != anchors.end()) {
        annot = pdf.link_internal(page, l.x, l.y, l.width, l.height, pages[a->second.first], a->second.second);
      }
      if (annot == nullptr) continue;
      std::string contents = l.element >= 0 ? laid.structure[l.element].alt : std::string();
      if (contents.empty() && l.element >= 0) contents = text::collapse_whitespace(link_text[l.element]);
      if (contents.empty()) contents = l.uri.empty() ? "Link" : l.uri;
      tags.link_annotation(annot, l.element, contents);
    }
  }
  tags.finish();
  // Bookmarks nest by level.
  std::vector<std::pair<int, HPDF_Outline>> open;
  for (const Bookmark& b : laid.bookmarks) {
    while (!open.empty() && open.back().first >= b.level) open.pop_back();
    HPDF_Outline parent = open.empty() ? nullptr : open.back().second;
    open.emplace_back(b.level, pdf.bookmark(parent, b.title, pages[static_cast<std::size_t>(b.page)], b.y));
  }
  const Metadata m = read_metadata(doc);
  PdfInfo info;
  info.title = m.title;
  // PDF/UA wants a title viewers show: the source's file name when the document has none.
  if (text::trim(info.title).empty()) info.title = doc.source_path.empty() ? "Untitled" : std::filesystem::path(doc.source_path).stem().string();
  for (const Person& a : m.authors) info.author += (info.author.empty() ? "" : ", ") + a.name;
  info.subject = text::collapse_whitespace(m.summary);
  for (const std::string& k : m.keywords) info.keywords += (info.keywords.empty() ? "" : ", ") + k;
  info.creator = std::string("handout ") + HANDOUT_VERSION;
  info.date_epoch = options.source_date_epoch;
  pdf.set_info(info);
  XmpFields xmp;
  xmp.title = info.title;
  xmp.language = doc.language().size() <= 64 ? doc.language() : std::string();  // as /Lang
  for (const Person& a : m.authors) xmp.creators.push_back(a.name);
  xmp.description = info.subject;
  xmp.keywords = info.keywords;
  xmp.tool = info.creator;
  xmp.date_epoch = options.source_date_epoch;
  pdf.set_xmp_metadata(xmp_packet(xmp));
  pdf.set_language(doc.language());
  pdf.set_page_labels(!laid.bookmarks.empty());
  Output out;
  out.bytes = pdf.save();
  out.pages = static_cast<int>(laid.pages.size());
  return out;
}

/// Adds to chars one character the face has and chars lacks (a digit or a letter), if any.
void add_spare_glyph(const FontFace& face, std::set<char32_t>& chars) {
  for (char32_t c : std::u32string_view(U"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
    if (chars.count(c) == 0 && face.has_glyph(c)) {
      chars.insert(c);
      return;
    }
  }
}

}  // namespace

Output draw_pdf(const LaidOutDocument& laid, const Document& doc, const FontSet& fonts, const PdfImages& images,
                const WriterOptions& options) {
  // Fonts: one subset per face actually drawn, holding exactly the characters drawn with it.
  std::map<int, std::set<char32_t>> used;
  std::map<int, std::array<bool, 128>> ascii_seen;  // most characters: skips the set lookups
  for (const Drawing& page : laid.pages) {
    for (const TextRun& run : page.runs) {
      std::set<char32_t>& chars = used[run.face];
      std::array<bool, 128>& seen = ascii_seen[run.face];
      for (std::size_t i = 0; i < run.text.size();) {
        const char32_t c = text::next_code_point(run.text, i);
        if (c < 128) {
          if (seen[c]) continue;
          seen[c] = true;
        }
        chars.insert(c);
      }
    }
  }
  for (int attempt = 0;; ++attempt) {
    try {
      return draw_pdf_with(laid, doc, fonts, images, options, used);
    } catch (const PdfError& e) {
      // libharu 2.3.0 cannot save a font whose rebuilt data ends exactly on its 4 KiB memory
      // stream boundary (it seeks to the end, error 0x1033). One glyph more changes the size.
      if (e.code() != HPDF_INVALID_OBJECT || attempt == 3) throw;
      for (auto& [face, chars] : used) add_spare_glyph(fonts.face(face), chars);
    }
  }
}

Output write_pdf(const Document& doc, const WriterOptions& options, Diagnostics& diag) {
  const Style style = load_style(options.style, diag);
  const FontSet fonts(style, diag);
  const PdfImages images = load_pdf_images(doc, style, diag, options);
  const LaidOutDocument laid = layout_handout(doc, style, fonts, images.sizes, diag);
  return draw_pdf(laid, doc, fonts, images, options);
}

}  // namespace handout
