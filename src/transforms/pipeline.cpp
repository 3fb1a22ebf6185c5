#include "transforms/pipeline.hpp"

#include "model/builder.hpp"
#include "model/metadata.hpp"
#include "text/text.hpp"
#include "transforms/boilerplate.hpp"
#include "transforms/empty_elements.hpp"
#include "transforms/metadata_inference.hpp"
#include "transforms/section_ids.hpp"
#include "transforms/smart_punctuation.hpp"
#include "transforms/summary_content.hpp"

#include <array>
#include <filesystem>

namespace handout {

namespace {

/// One pass over the tree.
struct Pass {
  const char* name;
  void (*run)(Document& doc, const TransformOptions& options, Diagnostics& diag);
};

void fall_back_to_file_name_title(Document& doc, const TransformOptions& /*options*/, Diagnostics& diag) {
  if (!doc.title().empty()) return;
  Metadata m = read_metadata(doc);
  m.title = title_from_path(doc.source_path);
  diag.warning(Code::title_missing, 0, 0, "no title found; using '" + m.title + "' from the file name");
  write_metadata(doc, m);
}

void assign_ids(Document& doc, const TransformOptions& /*options*/, Diagnostics& /*diag*/) { assign_section_ids(doc); }

void repair(Document& doc, const TransformOptions& /*options*/, Diagnostics& /*diag*/) { repair_content_models(doc); }

/// The passes, in the order they run. Content-model repair comes last, after passes that remove.
constexpr std::array kPasses = {
    Pass{"metadata-inference", infer_metadata},
    Pass{"boilerplate", remove_boilerplate},
    Pass{"empty-elements", remove_empty_elements},
    Pass{"smart-punctuation", apply_smart_punctuation},  // after the rules that match text as written
    Pass{"title-fallback", fall_back_to_file_name_title},
    Pass{"summary-content", select_summary_content},
    Pass{"section-ids", assign_ids},
    Pass{"repair", repair},
};

}  // namespace

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
  for (const Pass& pass : kPasses) pass.run(doc, options, diag);
}

}  // namespace handout
