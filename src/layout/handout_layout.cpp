#include "layout/handout_layout.hpp"

#include "layout/paginate.hpp"
#include "model/metadata.hpp"
#include "text/locale_format.hpp"
#include "text/messages.hpp"
#include "text/text.hpp"

#include <algorithm>
#include <cstdio>

namespace handout {

namespace {

/// Lays out a running text field on one line, cut with an ellipsis when wider than max_width.
Line running_line(std::string text, const SpanStyle& style, double max_width, const FontSet& fonts,
                  const std::string& language, MissingGlyphs& missing) {
  auto first_line = [&](const std::string& t) {
    std::vector<Line> lines = break_lines({{t, style, {}}}, 1e9, fonts, language, missing);
    return lines.empty() ? Line{} : lines.front();
  };
  // A running field is one line, so a longer text can never fit: it is cut before measuring.
  constexpr std::size_t kMaxRunningBytes = 400;
  std::vector<std::size_t> ends;  // byte length of each whole-character prefix
  for (std::size_t i = 1; i <= text.size() && i <= kMaxRunningBytes; ++i) {
    if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ends.push_back(i);
  }
  if (ends.empty()) return {};
  if (ends.back() == text.size()) {
    Line whole = first_line(text);
    if (whole.width <= max_width || ends.size() == 1) return whole;
    ends.pop_back();
  }
  // The longest prefix of whole characters that fits with "…" (at least one character).
  std::size_t lo = 0, hi = ends.size() - 1;
  while (lo < hi) {
    const std::size_t mid = (lo + hi + 1) / 2;
    if (first_line(text.substr(0, ends[mid]) + "\xE2\x80\xA6").width <= max_width) lo = mid;
    else hi = mid - 1;
  }
  return first_line(text.substr(0, ends[lo]) + "\xE2\x80\xA6");
}

}  // namespace

std::string fill_running_text(std::string_view pattern, const Document& doc, const Style& style, int page, int pages) {
  return fill_running_text(pattern, read_metadata(doc), doc.language(), style, page, pages);
}

std::string fill_running_text(std::string_view style_text, const Metadata& m, const std::string& lang, const Style& style,
                              int page, int pages) {
  // A style's text that is a catalog message ("Page {page} of {pages}") reads in the language.
  const std::string pattern = message(style_text, lang);
  std::string copyright = m.legal.empty() ? std::string() : m.legal.front();
  if (copyright.empty() && !m.copyright_holder.empty()) copyright = "\xC2\xA9 " + m.copyright_year + " " + m.copyright_holder;
  const std::pair<std::string_view, std::string> fields[] = {
      {"{title}", m.title},
      {"{page}", print_number(page, lang)},
      {"{pages}", print_number(pages, lang)},
      {"{updated}", m.updated.empty() ? "" : message("Updated {date}", lang, {{"date", readable_date(m.updated, lang)}})},
      {"{published}",
       m.published.empty() ? "" : message("Published {date}", lang, {{"date", readable_date(m.published, lang)}})},
      {"{source}", m.source_url},
      {"{copyright}", copyright},
      {"{contact}", style.contact},
  };
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    bool replaced = false;
    for (const auto& [key, value] : fields) {
      if (pattern.substr(i, key.size()) == key) {
        out += value;
        i += key.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += pattern[i++];
  }
  return text::collapse_whitespace(out);
}

ImageSize logo_size(const Style& style, const ImageSizes& images, double text_width) {
  const auto logo = style.logo.empty() ? images.end() : images.find(style.logo.string());
  if (logo == images.end() || logo->second.width <= 0 || logo->second.height <= 0) return {};
  double h = style.logo_height;
  double w = h * logo->second.width / logo->second.height;
  if (w > text_width / 3) h *= (text_width / 3) / w, w = text_width / 3;
  return {w, h};
}

void report_missing_glyphs(const MissingGlyphs& missing, Diagnostics& diag) {
  if (missing.characters.empty()) return;
  std::vector<char32_t> sorted = missing.characters;
  std::sort(sorted.begin(), sorted.end());
  std::string list;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i == kMissingGlyphsListed) {
      list += ", ... (" + std::to_string(sorted.size() - i) + " more)";
      break;
    }
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(sorted[i]));
    list += (i ? ", " : "") + std::string(code) + " '";
    text::append_utf8(list, sorted[i]);
    list += "'";
  }
  const std::string what = sorted.size() == 1 ? "1 character" : std::to_string(sorted.size()) + " characters";
  std::string message = "no installed font has " + what + " (" + list + "); printed as \xEF\xBF\xBD";
  // A few missing symbols leave a readable page; more mean a script without a font: boxes.
  if (sorted.size() > kMissingGlyphsTolerated) {
    diag.error(Code::glyphs_missing, 0, 0, message + "; install a font for them (Debian: fonts-noto-core, fonts-droid-fallback)");
  } else {
    diag.warning(Code::glyphs_missing, 0, 0, message);
  }
}

LaidOutDocument layout_handout(const Document& doc, const Style& style, const FontSet& fonts, const ImageSizes& images,
                               Diagnostics& diag) {
  const PageGeometry& page = style.page;
  FlowBuilder builder(doc, style, fonts, images, page.body_width(), diag);
  builder.add_title_block();
  builder.add_blocks(doc.article());
  builder.add_notes();
  builder.add_colophon();
  MissingGlyphs missing = builder.missing();
  Flow flow = builder.take();

  LaidOutDocument out;
  out.geometry = page;
  out.structure = std::move(flow.structure);
  const auto pages = paginate(flow, page.body_height());
  const int count = static_cast<int>(pages.size());
  const std::string language = doc.language();
  SpanStyle running = builder.body_style(style.running_size / style.body_size);
  running.color = style.muted;
  const Metadata metadata = read_metadata(doc);
  for (int p = 0; p < count; ++p) {
    Drawing d;
    draw_placed(flow, pages[static_cast<std::size_t>(p)], page.left, page.top, p, d, out.bookmarks);
    // Header from the second page (the first has the title block): left and right fields.
    // Running text is a pagination artifact (screen readers skip it) and holds no link: the
    // source's link is in the colophon.
    auto field = [&](const std::string& pattern, double x, double baseline, bool right, double max_width, int kind) {
      const std::string text = fill_running_text(pattern, metadata, language, style, p + 1, count);
      if (text.empty()) return 0.0;
      Line line = running_line(text, running, max_width, fonts, language, missing);
      line.drawing.make_artifact(kind);
      d.append(line.drawing, right ? x - line.width : x, baseline);
      return line.width;
    };
    const double width = page.body_width();
    const double header_base = page.top * 0.55;
    // The logo, on every page, at its own proportions (capped at a third of the text width).
    double left = page.left;
    if (const ImageSize logo = logo_size(style, images, width); logo.width > 0) {
      d.images.push_back({left, header_base - logo.height * 0.8, logo.width, logo.height, style.logo.string(),
                          tag::page_header, d.runs.size()});
      left += logo.width + 6;
    }
    if (p > 0) {
      const double right_w = field(style.header_right, page.left + width, header_base, true, width * 0.4, tag::page_header);
      field(style.header_left, left, header_base, false, width - right_w - 12 - (left - page.left), tag::page_header);
      d.rects.push_back(filled_rect(page.left, header_base + style.running_size * 0.5, width, 0.5, style.rule));
    }
    const double footer_top = page.height - page.bottom + style.running_size * 1.2;
    d.rects.push_back(filled_rect(page.left, footer_top - style.running_size * 1.1, width, 0.5, style.rule));
    const double r1 = field(style.footer_right, page.left + width, footer_top, true, width * 0.4, tag::page_footer);
    field(style.footer_left, page.left, footer_top, false, width - r1 - 12, tag::page_footer);
    const double second = footer_top + style.running_size * 1.45;
    const double r2 = field(style.footer_second_right, page.left + width, second, true, width * 0.4, tag::page_footer);
    field(style.footer_second_left, page.left, second, false, width - r2 - 12, tag::page_footer);
    out.pages.push_back(std::move(d));
  }
  report_missing_glyphs(missing, diag);
  return out;
}

}  // namespace handout
