// The reader registry: which formats exist, and which one a source is in.
#pragma once

#include "readers/reader.hpp"

#include <span>
#include <string_view>

namespace handout {

/// One source format and its reader.
struct ReaderEntry {
  std::string_view name;                      ///< as given to --from: "markdown", "text", "wiki"
  std::span<const std::string_view> extensions;  ///< file extensions (lowercase, with dot) that mean this format
  ReaderFn read;
};

/// Returns every registered reader.
std::span<const ReaderEntry> reader_registry();

/// Returns the reader named name, or nullptr when there is none.
const ReaderEntry* find_reader(std::string_view name);

/// Picks the reader for a source: by extension (.md, .wiki...), else by content: YAML front matter
/// means Markdown; "== x ==", "'''", "[[", "{|" mean MediaWiki; otherwise plain text.
/// Returns nullptr when the chosen format has no reader.
const ReaderEntry* detect_reader(std::string_view path, std::string_view text);

}  // namespace handout
