// The one-page summary sheet: the summary content laid out on exactly one page — title, main
// message, key points, questions for the care team, words to know, and where to read more
// (with a QR code of the source URL). Content that does not fit is shortened by rule, then the
// type is made smaller down to the style's floor; nothing is clipped and nothing spills over.
#pragma once

#include "layout/boxes.hpp"
#include "layout/flow.hpp"
#include "layout/fonts.hpp"
#include "layout/style.hpp"
#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "transforms/summary_content.hpp"

#include <string>
#include <vector>

namespace handout {

/// A laid-out summary sheet and what fitting it cost.
struct SummarySheet {
  LaidOutDocument laid;             ///< exactly one page
  double body_size = 0;             ///< the type size the sheet was set in
  std::vector<std::string> left_out;  ///< what was shortened or left out, in the order it was done
  SummaryContent shown;             ///< the content as printed, after shortening
};

/// Returns the sentences of text (split after . ! or ? followed by a space), trimmed.
std::vector<std::string> split_sentences(std::string_view text);

/// Lays out the summary sheet of doc from content, in the style's page size, starting at the
/// style's summary size. Shortens by rule (fewer glossary terms, key points and questions, a
/// shorter main message at a sentence boundary), then reduces the type size by half points down
/// to the style's summary minimum, then shortens further until it fits. Characters no font has
/// are reported as warnings.
SummarySheet layout_summary(const Document& doc, const SummaryContent& content, const Style& style,
                            const FontSet& fonts, const ImageSizes& images, Diagnostics& diag);

}  // namespace handout
