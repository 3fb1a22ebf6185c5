// The message catalog: the words handout writes itself onto a page ("Page 1 of 3", "Key
// points", "Updated …"), in the document's language. The catalog is data,
// styles/messages.yaml, keyed like gettext by the English text; every writer asks it.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace handout {

/// Returns the catalog language a BCP 47 tag reads ("es" for "es-MX", "zh-Hant" for "zh-TW",
/// "zh-Hans" for "zh" and "zh-CN", "tl" for "fil", "en" for an empty tag), or empty when the
/// catalog has no such language.
std::string message_language(std::string_view language_tag);

/// Returns english translated into the tag's language; the English text itself when the catalog
/// has no such language or no such message (a style's own text, say).
std::string message(std::string_view english, std::string_view language_tag);

/// Returns message(english, tag) with each {name} placeholder replaced by its value.
std::string message(std::string_view english, std::string_view language_tag,
                    std::initializer_list<std::pair<std::string_view, std::string>> values);

/// Returns the warning for a document whose language has no labels in the catalog (they are
/// printed in English), or empty when the catalog has the language.
std::string missing_messages_warning(std::string_view language_tag);

/// The catalog's languages (its `languages:` list) and, per message, the languages that lack it.
struct MessageCatalogReport {
  std::vector<std::string> languages;
  std::vector<std::pair<std::string, std::string>> missing;  ///< (message, language)
  std::size_t messages = 0;
};

/// Reads styles/messages.yaml and says what it lacks (for the unit tests and --verbose).
MessageCatalogReport message_catalog_report();

}  // namespace handout
