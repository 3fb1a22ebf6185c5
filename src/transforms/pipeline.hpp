// The passes every tree goes through after its reader, whichever reader made it.
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"

namespace handout {

/// Options of the transform passes.
struct TransformOptions {
  bool verbose = false;  ///< record notes on what the passes removed or inferred
};

/// Runs the passes in order: title fallback, section ids, content-model repair.
void run_transforms(Document& doc, const TransformOptions& options, Diagnostics& diag);

/// Returns a title made from a file name: "asthma-action_plan.md" gives "Asthma action plan".
std::string title_from_path(std::string_view path);

}  // namespace handout
