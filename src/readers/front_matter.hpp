// YAML front matter: finding the block, parsing it with yaml-cpp, mapping it onto metadata.
#pragma once

#include "model/diagnostics.hpp"
#include "model/metadata.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace handout {

/// Where a front-matter block sits in a source.
struct FrontMatterBlock {
  bool present = false;
  std::string_view yaml;      ///< the text between the fences
  int yaml_line = 0;          ///< 1-based line of the first YAML line
  int open_line = 0;          ///< 1-based line of the opening fence
  std::size_t body_offset = 0;  ///< byte offset where the body starts (0 when absent)
  int body_line = 1;          ///< 1-based line where the body starts
};

/// Finds a front-matter block opened by "---" on the first line and closed by "---" or "...".
/// An opening fence not followed by something YAML-like ("key:" or a comment) is a thematic
/// break, not front matter. Throws SourceError at the opening line when the block is unterminated.
FrontMatterBlock find_front_matter(std::string_view text);

/// What a front-matter block says.
struct FrontMatter {
  Metadata metadata;       ///< known keys mapped per DESIGN.md; unknown keys in metadata.extra
  std::string body;        ///< Markdown carried in a field (answer:, content:, body:...), unescaped
  std::string body_key;    ///< the key body came from, empty when none
  int body_line = 0;       ///< source line of that field
  std::string question;    ///< question:, used as the title when there is no title:
  /// A date the keys' language could not yet read ("4 novembre 2025" before the language is
  /// detected); read_pending_dates reads it once the document's language is known.
  struct PendingDate {
    bool updated = false;  ///< updated:, else published:
    std::string key, raw;
    int line = 0;
  };
  std::vector<PendingDate> pending_dates;
};

/// Limits on front matter, against alias bombs and huge scalars.
struct FrontMatterLimits {
  std::size_t max_nodes = 100000;        ///< YAML nodes visited, counting alias expansions
  std::size_t max_text = 8u << 20;       ///< bytes of text produced from the block
};

/// Parses the block with yaml-cpp and maps its keys. Throws SourceError at the YAML's own line
/// and column in the source file for malformed YAML, a block that is not a mapping, or a limit.
FrontMatter parse_front_matter(const FrontMatterBlock& block, Diagnostics& diag, FrontMatterLimits limits = {});

/// Returns the document's language: declared (front matter `lang`) when given, else the one
/// detect_language finds in text (a note says which and how), else "en" (a note says the
/// language could not be told). Warns once when styles/messages.yaml has no labels for it.
std::string document_language(const std::string& declared, std::string_view text, Diagnostics& diag);

/// Reads the front matter's pending dates in fm.metadata.language (dates.hpp): a date read
/// fills published or updated (and leaves meta:KEY); one still unread is kept as meta:KEY with
/// a warning.
void read_pending_dates(FrontMatter& fm, Diagnostics& diag);

/// Turns literal "\n", "\t", "\"" and "\\" escapes into the characters when text holds escaped
/// newlines and no real ones (bodies exported from content systems). Returns text unchanged otherwise.
std::string unescape_exported_text(std::string_view text);

}  // namespace handout
