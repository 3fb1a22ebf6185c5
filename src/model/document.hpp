// The document tree: a DocBook 5.0 <article> held in pugixml.
#pragma once

#include <pugixml.hpp>

#include <memory>
#include <string>

namespace handout {

/// The DocBook 5.0 namespace URI.
inline constexpr const char* kDocbookNamespace = "http://docbook.org/ns/docbook";
/// The XLink namespace URI, used for link targets.
inline constexpr const char* kXlinkNamespace = "http://www.w3.org/1999/xlink";

/// One document: an <article> whose first child is <info> (which holds <title>).
/// Readers fill it through TreeBuilder; transforms edit it; writers only read it.
class Document {
 public:
  /// Creates an article with an empty title and language "en".
  Document();
  Document(Document&&) noexcept = default;
  Document& operator=(Document&&) noexcept = default;

  /// Returns the <article> element.
  pugi::xml_node article() const { return xml_->document_element(); }
  /// Returns the <info> element (always present).
  pugi::xml_node info() const { return article().child("info"); }
  /// Returns the underlying XML document.
  pugi::xml_document& xml() { return *xml_; }
  /// Returns the underlying XML document.
  const pugi::xml_document& xml() const { return *xml_; }

  /// Returns the BCP 47 language of the document (article/@xml:lang).
  std::string language() const;
  /// Returns the plain-text title (info/title), whitespace collapsed.
  std::string title() const;

  /// The path the source was read from, for diagnostics and stable identifiers.
  std::string source_path;

 private:
  std::unique_ptr<pugi::xml_document> xml_;
};

/// Returns the text content of node and all its descendants, in document order.
/// Footnote bodies are included unless skip_footnotes is true.
std::string text_content(pugi::xml_node node, bool skip_footnotes = false);

}  // namespace handout
