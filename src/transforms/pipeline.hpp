// The passes every tree goes through after its reader, whichever reader made it.
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"

#include <string>
#include <vector>

namespace handout {

/// Options of the transform passes.
struct TransformOptions {
  bool verbose = false;  ///< record notes on what the passes removed or inferred
  std::vector<std::string> boilerplate_files;  ///< users' furniture patterns, beside styles/boilerplate.yaml
};

/// Runs the passes in order: metadata inference, boilerplate removal, empty elements, smart
/// punctuation, title fallback, summary content, section ids, content-model repair.
void run_transforms(Document& doc, const TransformOptions& options, Diagnostics& diag);

/// Returns a title made from a file name: "asthma-action_plan.md" gives "Asthma action plan".
std::string title_from_path(std::string_view path);

}  // namespace handout
