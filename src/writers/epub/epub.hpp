// The EPUB writer's parts: the tree rendered as XHTML content documents (epub_content.cpp) and
// the package around them (epub.cpp). write_epub in writer.hpp is the entry point; these are
// exposed for tests.
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "writers/image_files.hpp"
#include "writers/writer.hpp"

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace handout::epub {

/// A document whose body text is at least this many bytes, and which has two or more top-level
/// sections, is split into content files at top-level sections (see kMinPartBytes).
inline constexpr std::size_t kSplitThreshold = 12000;

/// In a split document, the next top-level section joins the current content file while that
/// file holds less than this many bytes of text (about three screens of a reading system).
inline constexpr std::size_t kMinPartBytes = 4000;

/// One entry of the table of contents (navigation document and NCX).
struct NavPoint {
  std::string label;  ///< plain text, never empty
  std::string href;   ///< relative to the package document: "content.xhtml#section-id"
  std::vector<NavPoint> children;
};

/// One XHTML content document, in reading order.
struct ContentFile {
  std::string name;   ///< relative to the package document: "content.xhtml", "chapter-01.xhtml"
  std::string title;  ///< what its <title> says
  std::string xhtml;  ///< the complete document
};

/// An image file copied into the book.
struct BookImage {
  std::string name;  ///< relative to the package document: "images/image-01.png"
  std::string media_type;
  std::string bytes;
};

/// What the content holds, as far as the accessibility metadata is concerned.
struct ContentFacts {
  int sections = 0;                ///< sections with a title (headings the navigation lists)
  int untitled_sections = 0;       ///< sections whose title is empty (no heading could be written)
  int images = 0;                  ///< image references in the tree
  int images_embedded = 0;         ///< of those, copied into the book
  int images_without_alt = 0;      ///< of all references, those with no alt text
  int gifs = 0;                    ///< embedded GIFs (which may animate)
  int tables = 0;
  int tables_without_headers = 0;  ///< tables with no header cell at all
  int footnotes = 0;
};

/// How the content is rendered.
struct RenderOptions {
  std::size_t split_threshold = kSplitThreshold;  ///< see kSplitThreshold
  std::size_t min_part_bytes = kMinPartBytes;      ///< see kMinPartBytes
  std::string stylesheet = "style.css";           ///< href of the CSS from each content file
  std::uintmax_t max_image_bytes = kMaxImageBytes;  ///< larger image files are not embedded
  std::size_t max_image_pixels = 40'000'000;        ///< images of more pixels are not embedded
};

/// The book's content: files in reading order (never empty), the navigation document, images,
/// the table of contents (never empty: the first entry is the document's title) and the facts.
struct BookContent {
  std::vector<ContentFile> files;
  ContentFile navigation;  ///< "nav.xhtml": the table of contents and landmarks
  std::vector<BookImage> images;
  std::vector<NavPoint> toc;
  ContentFacts facts;
  std::string language;  ///< the BCP 47 tag every file carries
  std::string title;     ///< the document title, or a fallback when it is empty
};

/// Renders the tree as EPUB 3 XHTML content documents. Images are read from the folder of
/// doc.source_path (see find_source_image); one that cannot be embedded keeps its alt text as text,
/// with a warning. Raw HTML kept as text in the tree stays text.
BookContent render_content(const Document& doc, const RenderOptions& options, Diagnostics& diag);

/// Returns the book's identifier, "urn:uuid:" and a version-5 UUID: of the source URL
/// (info/bibliosource) when the document has one, else of "handout:" + the source's file name +
/// ":" + the title. Stable across rebuilds, folders and machines.
std::string book_identifier(const Document& doc);

/// Returns the CSS file for the style named in options.style: that file when it is a path to
/// an existing .css file, else styles/<style>.epub.css when shipped, else the YAML style's
/// epub-css, else styles/epub.css. Throws (SourceError) when a style named in options.style does not load.
std::filesystem::path stylesheet_path(const WriterOptions& options);

}  // namespace handout::epub
