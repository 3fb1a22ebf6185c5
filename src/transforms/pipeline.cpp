#include "transforms/pipeline.hpp"

#include "model/builder.hpp"
#include "model/metadata.hpp"
#include "model/text.hpp"
#include "transforms/section_ids.hpp"

#include <filesystem>

namespace handout {

std::string title_from_path(std::string_view path) {
  std::string stem = std::filesystem::path(path).stem().string();
  for (char& c : stem) {
    if (c == '-' || c == '_' || c == '.') c = ' ';
  }
  stem = text::collapse_whitespace(stem);
  if (!stem.empty() && stem[0] >= 'a' && stem[0] <= 'z') stem[0] = static_cast<char>(stem[0] - 'a' + 'A');
  return stem.empty() ? std::string("Untitled") : stem;
}

void run_transforms(Document& doc, const TransformOptions& options, Diagnostics& diag) {
  (void)options;
  if (doc.title().empty()) {
    Metadata m = read_metadata(doc);
    m.title = title_from_path(doc.source_path);
    diag.warning(0, 0, "no title found; using '" + m.title + "' from the file name");
    write_metadata(doc, m);
  }
  assign_section_ids(doc);
  repair_content_models(doc);
}

}  // namespace handout
