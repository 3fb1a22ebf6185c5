// Lexical pieces of MediaWiki markup shared by the stages of the wiki reader: HTML-like tags and
// their attributes, character entities, and the placeholders ("markers") that stand in the text
// for content taken out of it (nowiki, pre, math, refs...).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace handout::wiki {

/// Starts a marker; the source's own control characters are replaced before markers are made.
inline constexpr char kMarkerStart = '\x01';
/// Ends a marker.
inline constexpr char kMarkerEnd = '\x02';
/// A "|" that came from {{!}}: shown as "|" but never splits template arguments or table cells.
inline constexpr char kLiteralPipe = '\x03';

/// What a marker stands for.
enum class MarkerKind : char {
  empty = 'E',       ///< <nowiki/>: nothing, but it separates what is around it
  stripped = 'S',    ///< an entry of PreprocessedPage::stripped (nowiki, pre, code, math, gallery)
  ref = 'R',         ///< an entry of PreprocessedPage::refs (a <ref> use)
  references = 'L',  ///< <references/> or {{reflist}}: where the notes are listed
};

/// A marker read from text.
struct Marker {
  MarkerKind kind = MarkerKind::empty;
  std::size_t index = 0;
  std::size_t end = 0;  ///< offset just past the marker
};

/// Returns the text of a marker.
std::string make_marker(MarkerKind kind, std::size_t index = 0);

/// Reads the marker starting at s[pos]; returns nullopt when there is none.
std::optional<Marker> read_marker(std::string_view s, std::size_t pos);

/// An HTML-like tag: <name attributes>, </name> or <name/>.
struct Tag {
  std::string name;  ///< lowercase
  bool closing = false;
  bool self_closing = false;
  std::string_view attributes;  ///< raw text between the name and '>' (or "/>")
  std::size_t end = 0;          ///< offset just past '>'
};

/// Reads the tag starting at s[pos] == '<'. Returns nullopt when no tag starts there: no letter
/// after '<' (or '</'), or no '>' before the next '<' within 2,000 bytes.
std::optional<Tag> read_tag(std::string_view s, std::size_t pos);

/// Parses tag attributes (name="v", name='v', name=v, name). Names are lowercased and values
/// entity-decoded. Returns an empty list for text without attributes.
std::vector<std::pair<std::string, std::string>> parse_attributes(std::string_view text);

/// Returns the value of attribute name in attrs, or an empty string when it is absent.
std::string attribute(const std::vector<std::pair<std::string, std::string>>& attrs, std::string_view name);

/// Returns s with character entities (&amp;, &eacute;, &#233;, &#xE9;) decoded; an unknown or
/// invalid entity stays as written. kLiteralPipe becomes '|'.
std::string decode_entities(std::string_view s);

/// Finds closing tags (</name>, any case) in one unchanging text. Remembers its last answer per
/// name so that many opening tags with one (or no) closing tag cost one scan, not one each.
class ClosingTagFinder {
 public:
  explicit ClosingTagFinder(std::string_view text) : text_(text) {}
  /// Returns the offset of the first "</name" + optional spaces + ">" at or after from,
  /// and its end in *end; returns npos when there is none.
  std::size_t find(std::size_t from, std::string_view name, std::size_t* end);

 private:
  struct Answer {
    std::size_t from;
    std::size_t at;
    std::size_t end;
  };
  std::string_view text_;
  std::unordered_map<std::string, Answer> cache_;
};

/// Returns true when s starts with prefix, ASCII case ignored.
bool starts_with_nocase(std::string_view s, std::string_view prefix);

/// Returns s with ASCII letters lowercased.
std::string ascii_lower(std::string_view s);

}  // namespace handout::wiki
