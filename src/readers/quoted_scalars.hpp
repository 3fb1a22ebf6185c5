// A check of the quoted scalars in a YAML block that yaml-cpp lets through: a quote never
// closed (yaml-cpp 0.7 ends it silently at the end of the input) and a multi-line quoted value
// whose next line is not indented under its key (YAML 1.2 requires continuation lines of a
// flow scalar in block context to be indented more than the block; libfyaml enforces it,
// yaml-cpp reads the following keys into the value).
#pragma once

#include <optional>
#include <string_view>

namespace handout {

/// A broken quoted scalar: 0-based line and byte column of its opening quote, the quote, and
/// the 0-based line it ran into without being indented under it (-1: it runs to the end).
struct QuotedScalarError {
  int line = 0;
  int column = 0;
  char quote = '"';
  int stray_line = -1;
};

/// Scans yaml once (linear in its size) for its quoted scalars — those opening where a value or
/// key may start: at a line's start, after "key: ", "- ", "? ", and after "[", "{" or "," inside
/// flow collections — skipping comments and block scalars (| and >). Returns the first one that
/// is never closed or that runs into a line indented no deeper than the line it opened on.
std::optional<QuotedScalarError> find_broken_quoted_scalar(std::string_view yaml);

}  // namespace handout
