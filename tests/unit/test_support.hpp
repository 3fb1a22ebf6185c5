// Helpers shared by the unit tests.
#pragma once

#include "batch/job.hpp"
#include "model/document.hpp"
#include "readers/reader.hpp"
#include "readers/source_text.hpp"
#include "transforms/pipeline.hpp"
#include "writers/writer.hpp"

#include <pugixml.hpp>

#include <string>
#include <string_view>

namespace handout::test {

/// Runs the Markdown reader and the transforms over text, as a file named path would be.
inline Document markdown(std::string_view text, Diagnostics& diag, std::string path = "test.md") {
  SourceText src = decode_source(path, text, diag);
  Document doc = read_markdown(src, ReaderOptions{}, diag);
  run_transforms(doc, TransformOptions{}, diag);
  return doc;
}

/// Same, discarding diagnostics.
inline Document markdown(std::string_view text) {
  Diagnostics diag("test.md");
  return markdown(text, diag);
}

/// Returns the XML of a node (or the whole document) without indentation.
inline std::string xml_of(pugi::xml_node node) {
  struct Writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, std::size_t size) override { out.append(static_cast<const char*>(data), size); }
  } w;
  node.print(w, "", pugi::format_raw);
  return w.out;
}

/// Returns the XML of the document body (article without info), without indentation.
inline std::string body_xml(const Document& doc) {
  std::string out;
  for (auto c = doc.article().first_child(); c; c = c.next_sibling()) {
    if (std::string_view(c.name()) != "info") out += xml_of(c);
  }
  return out;
}

/// Counts the diagnostics whose message contains part.
inline std::size_t count_messages(const Diagnostics& diag, std::string_view part) {
  std::size_t n = 0;
  for (const auto& d : diag.items()) n += d.message.find(part) != std::string::npos;
  return n;
}

/// Counts the nodes an XPath query selects in the document.
inline std::size_t count(const Document& doc, const char* xpath) { return doc.xml().select_nodes(xpath).size(); }

}  // namespace handout::test
