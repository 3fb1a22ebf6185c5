// MediaWiki templates ({{name|arg|key=value}}): splitting a call into its parts, and the small
// table of templates the wiki reader renders. Everything else is left out by the caller: quietly
// for templates that show nothing a reader needs (maintenance tags, navigation, page settings),
// with a warning for the rest.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace handout::wiki {

/// A template call split into its name and arguments (inner templates already expanded).
struct TemplateCall {
  std::string name;      ///< normalized: lowercase, '_' as space, spaces collapsed, no "Template:"/"subst:"
  std::string raw_name;  ///< as written, trimmed
  std::string colon_argument;  ///< for {{NAME:value}} forms (DISPLAYTITLE, DEFAULTSORT, #if): the value
  std::vector<std::string> positional;                      ///< unnamed arguments, trimmed
  std::vector<std::pair<std::string, std::string>> named;   ///< key (lowercase) and value, trimmed

  /// Returns the named argument key, or an empty string when absent.
  std::string arg(std::string_view key) const;
  /// Returns the first non-empty named argument among keys, or an empty string.
  std::string first_arg(std::initializer_list<std::string_view> keys) const;
  /// Returns the positional argument i (0-based), or an empty string when absent.
  std::string pos(std::size_t i) const;
};

/// Splits the text between "{{" and "}}" at top-level '|' (not inside [[...]]).
/// Returns a call with an empty name when the text names no template.
TemplateCall parse_template_call(std::string_view inner);

/// Returns true when a template name cannot be a page title (empty, or holding []{}<> or a newline),
/// so that "{{...}}" is kept as text, as MediaWiki does.
bool is_invalid_template_name(std::string_view raw_name);

/// How a template was handled.
enum class TemplateOutcome {
  rendered,  ///< wikitext holds its rendering
  dropped,   ///< left out by rule (it shows nothing a reader of a handout needs)
  unknown,   ///< not in the table: left out, and the caller warns
};

/// What templates say about the page itself rather than show in it.
struct PageFacts {
  std::string page_name;          ///< used by {{PAGENAME}}; from the file name
  std::string display_title;      ///< {{DISPLAYTITLE:...}}
  std::string short_description;  ///< {{Short description|...}}
};

/// The result of expanding one template.
struct TemplateExpansion {
  TemplateOutcome outcome = TemplateOutcome::unknown;
  std::string wikitext;  ///< the rendering, as wikitext (may hold <ref>, <span lang>, links...)
};

/// Expands one call with the template table; records page facts in facts.
/// Returns outcome unknown (and no text) for a template the table does not know.
TemplateExpansion expand_template(const TemplateCall& call, PageFacts& facts);

/// Returns the citation text for a {{cite web}}, {{cite journal}}, {{cite book}}, {{cite news}}
/// or {{citation}} call: authors (date). "Title" (linked to url). Work. Details. Retrieved date.
/// Returns an empty string when the call has none of these fields.
std::string format_citation(const TemplateCall& call);

}  // namespace handout::wiki
