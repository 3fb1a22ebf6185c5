// Summary sheet writer: the summary content, laid out on one page, drawn like a handout.
#include "writers/summary.hpp"

#include "layout/summary_layout.hpp"
#include "transforms/summary_content.hpp"
#include "writers/pdf/pdf.hpp"

#include <cstdio>

namespace handout {

Output write_summary(const Document& doc, const WriterOptions& options, Diagnostics& diag) {
  const Style style = load_style(options.style, diag);
  const FontSet fonts(style, diag);
  const PdfImages images = load_style_logo(style, diag, options);
  const SummaryContent content = read_summary_content(doc);
  const SummarySheet sheet = layout_summary(doc, content, style, fonts, images.sizes, diag);
  for (const std::string& what : sheet.left_out) diag.note(Code::summary_fit, 0, 0, "summary sheet: left out " + what);
  if (sheet.body_size < style.summary_size) {
    char size[64];
    std::snprintf(size, sizeof size, "%g pt (from %g pt)", sheet.body_size, style.summary_size);
    diag.note(Code::summary_fit, 0, 0, std::string("summary sheet: type set at ") + size + " to fit one page");
  }
  return draw_pdf(sheet.laid, doc, fonts, images, options);
}

}  // namespace handout
