// The reader registry: which formats exist, and which one a source is in.
#pragma once

#include "readers/reader.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// What a reader takes: text decoded to UTF-8 (SourceText::text) or the file's bytes as they are
/// (SourceText::bytes; for packaged formats such as DOCX or ODT).
enum class ReaderInput { text, bytes };

/// One source format and its reader.
struct ReaderEntry {
  std::string_view name;                      ///< as given to --from: "markdown", "text", "wiki"
  std::span<const std::string_view> extensions;  ///< file extensions (lowercase, with dot) that mean this format
  ReaderFn read;
  std::string_view label = {};                ///< what --list-formats calls it: "Markdown"
  ReaderInput input = ReaderInput::text;
  /// Extensions of files whose format is read from their content (.txt: Markdown, MediaWiki or
  /// plain text), with this reader as the fallback. The build picks up these files too.
  std::span<const std::string_view> sniffed_extensions = {};
};

/// Returns every registered reader.
std::span<const ReaderEntry> reader_registry();

/// Returns the reader whose extensions hold path's (case ignored), or nullptr.
const ReaderEntry* reader_for_extension(std::string_view path);

/// Returns the extensions (lowercase, with dot) of every file a build reads as a source.
std::vector<std::string> source_extensions();

/// Returns the reader named name, or nullptr when there is none.
const ReaderEntry* find_reader(std::string_view name);

/// Picks the reader for a source: by extension (.md, .wiki...), else by content: YAML front matter
/// means Markdown; "== x ==", "'''", "[[", "{|" mean MediaWiki; an HTML page has no reader
/// (nullptr); several kinds of Markdown sign ("# Title", [links](...), *emphasis*, code fences,
/// lists) mean Markdown; otherwise text copied from a page.
const ReaderEntry* detect_reader(std::string_view path, std::string_view text);

/// The same, also saying what the content showed when it decided ("Markdown (# headings,
/// *emphasis*)"); reason is empty when the extension decided or nothing was recognized.
const ReaderEntry* detect_reader(std::string_view path, std::string_view text, std::string& reason);

/// True for an HTML page (a doctype, <html>, <body>, or text made of block tags).
bool looks_like_html(std::string_view text);

}  // namespace handout
