// Inline MediaWiki markup: '' and ''' (with MediaWiki's rules for unbalanced and run-together
// quotes, line by line), HTML-like inline tags, internal links, external links and bare URLs,
// images, entities, and the markers left by preprocessing (nowiki, code, math, refs).
//
// A paragraph is read into a flat list of tokens (one pass, no recursion; link labels are
// tracked with an explicit stack of end positions), quotes are resolved per line, then the
// events are replayed onto TreeBuilder sinks. Elements are created lazily, when content reaches
// them, so unbalanced or empty markup never leaves empty elements; misnested closing tags close
// and reopen what lies between. Open elements are capped (kMaxInlineNesting); more are ignored.
#pragma once

#include "model/builder.hpp"
#include "readers/wiki/preprocess.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace handout::wiki {

/// Open inline elements kept per paragraph; deeper ones are ignored (their text is kept).
inline constexpr std::size_t kMaxInlineNesting = 48;

/// What inline reading needs from the page it is in.
struct InlineContext {
  const PreprocessedPage* page = nullptr;
  Report* report = nullptr;
  std::string wiki_base_url;  ///< internal links become links under it when set
  /// Emits the footnote for page->refs[index] at sink (or a footnoteref to an earlier one).
  std::function<void(std::size_t index, InlineSink sink)> footnote;
  int line = 0;  ///< source line of the text being read, for diagnostics
};

/// An image from [[File:...]] or a <gallery> line.
struct WikiImage {
  std::string file;     ///< the file name as written ("Peak flow meter.png")
  std::string alt;      ///< alt= text; the caption when there is none
  std::string caption;  ///< the caption shown under a framed image (thumb, frame), plain text; else empty
};

/// Emits a paragraph of inline wikitext (lines joined by '\n') into parent: as block images
/// when it holds only images, else as a para. Emits nothing for text that shows nothing.
void emit_paragraph(std::string_view wikitext, const InlineContext& ctx, BlockSink parent);

/// Emits inline wikitext into an existing sink (heading, term, cell, caption, title).
void emit_inline(std::string_view wikitext, const InlineContext& ctx, InlineSink sink);

/// Returns the text a reader sees in inline wikitext: markup removed, entities decoded, images as
/// their alt text, footnotes left out. Line breaks and <br> become '\n'.
std::string inline_plain_text(std::string_view wikitext, const InlineContext& ctx);

/// Reads the inside of [[File:...]] (without the brackets). Captions nested deeper than a few
/// images are read without their markup.
WikiImage parse_image(std::string_view inner, const InlineContext& ctx);

/// Reads the lines of a <gallery>: "File:Name.png|caption|alt=...". Lines without a file are skipped.
std::vector<WikiImage> gallery_images(std::string_view content, const InlineContext& ctx);

/// Returns true for link targets MediaWiki shows outside the page text: categories
/// ("Category:Asthma") and interlanguage links ("fr:Asthme"). A leading ':' makes a visible link.
bool is_sidebar_link(std::string_view target);

/// Returns the URL of an internal link target under base ("$1" in base is replaced, else the
/// title is appended). Spaces become '_'. Returns an empty string when the target is not a page
/// of this wiki (empty, a "#section" only, or an interwiki prefix).
std::string internal_link_url(std::string_view base, std::string_view target);

}  // namespace handout::wiki
