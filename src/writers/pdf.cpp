// PDF handout writer: style, fonts, images, layout, then drawing what layout placed.
#include "writers/pdf.hpp"

#include "layout/handout_layout.hpp"
#include "model/metadata.hpp"
#include "model/text.hpp"
#include "writers/font_subset.hpp"
#include "writers/image_files.hpp"
#include "writers/pdf_document.hpp"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace handout {

PdfImages load_pdf_images(const Document& doc, const Style& style, Diagnostics& diag, const WriterOptions& options) {
  PdfImages out;
  auto keep = [&](const std::string& key, const std::string& bytes) {
    std::string problem;
    std::optional<RasterImage> raster = decode_raster_image(bytes, problem, 2000, options.max_image_pixels);
    if (!raster) {
      diag.warning(0, 0, "image '" + key + "' left out: " + problem);
      return;
    }
    // Pixels at 150 dpi, but never wider than the page allows (layout scales down further).
    out.sizes[key] = {raster->width * 72.0 / 150.0, raster->height * 72.0 / 150.0};
    out.rasters.emplace(key, std::move(*raster));
  };
  for (const auto& x : doc.xml().select_nodes("//imagedata[@fileref]")) {
    const std::string key = x.node().attribute("fileref").value();
    if (out.sizes.count(key) != 0) continue;
    ImageLookup found = find_source_image(doc.source_path, key, options.max_image_bytes);
    if (!found.image) {
      diag.warning(0, 0, "image '" + key + "' left out: " + found.problem);
      continue;
    }
    keep(key, found.image->bytes);
  }
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
      keep(style.logo.string(), bytes.str());
    }
  }
  return out;
}

Output draw_pdf(const LaidOutDocument& laid, const Document& doc, const FontSet& fonts, const PdfImages& images,
                const WriterOptions& options) {
  PdfDocument pdf;
  // Fonts: one subset per face actually drawn, holding exactly the characters drawn with it.
  std::map<int, std::set<char32_t>> used;
  for (const Drawing& page : laid.pages) {
    for (const TextRun& run : page.runs) {
      for (std::size_t i = 0; i < run.text.size();) used[run.face].insert(text::next_code_point(run.text, i));
    }
  }
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
  for (std::size_t p = 0; p < laid.pages.size(); ++p) {
    const Drawing& d = laid.pages[p];
    HPDF_Page page = pages[p];
    for (const RectBox& r : d.rects) {
      pdf.rect(page, r.x, r.y, r.width, r.height, r.fill ? &r.fill_color : nullptr, r.stroke ? &r.stroke_color : nullptr,
               r.line_width);
    }
    for (const ImageBox& i : d.images) {
      if (HPDF_Image img = image_of(i.key)) pdf.draw_image(page, img, i.x, i.y, i.width, i.height);
    }
    for (const TextRun& run : d.runs) pdf.text(page, handles.at(run.face), run.size, run.color, run.x, run.y, run.text);
    for (const LinkArea& l : d.links) {
      if (!l.uri.empty()) {
        pdf.link_uri(page, l.x, l.y, l.width, l.height, l.uri);
      } else if (auto a = anchors.find(l.target); a != anchors.end()) {
        pdf.link_internal(page, l.x, l.y, l.width, l.height, pages[a->second.first], a->second.second);
      }
    }
  }
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
  for (const Person& a : m.authors) info.author += (info.author.empty() ? "" : ", ") + a.name;
  info.subject = text::collapse_whitespace(m.summary);
  for (const std::string& k : m.keywords) info.keywords += (info.keywords.empty() ? "" : ", ") + k;
  info.creator = std::string("handout ") + HANDOUT_VERSION;
  info.date_epoch = options.source_date_epoch;
  pdf.set_info(info);
  pdf.set_language(doc.language());
  pdf.set_page_labels(!laid.bookmarks.empty());
  Output out;
  out.bytes = pdf.save();
  out.pages = static_cast<int>(laid.pages.size());
  return out;
}

Output write_pdf(const Document& doc, const WriterOptions& options, Diagnostics& diag) {
  const Style style = load_style(options.style, diag);
  const FontSet fonts(style, diag);
  const PdfImages images = load_pdf_images(doc, style, diag, options);
  const LaidOutDocument laid = layout_handout(doc, style, fonts, images.sizes, diag);
  return draw_pdf(laid, doc, fonts, images, options);
}

}  // namespace handout
