// OUTPUT_DIR/index.html: the catalog page a maintainer opens first.
#pragma once

#include "batch/manifest.hpp"

#include <string>
#include <string_view>

namespace handout {

/// Returns the catalog of a build as a complete HTML5 page (also well-formed XML): every source
/// with its title, date, reading time and grade, pages, links to its exports (whichever exist),
/// and its errors and warnings; failed sources are also listed above the table. Text is escaped; links are
/// relative to the output folder. The page holds no time stamp, so equal manifests give equal bytes.
std::string render_catalog(const Manifest& manifest);

/// Returns text with &, <, >, " and ' replaced by character references.
std::string escape_html(std::string_view text);

/// Returns a relative path as a URL path: bytes other than unreserved characters and '/' percent-encoded.
std::string url_path(std::string_view path);

}  // namespace handout
