// Metadata inference: the title, dates, authors, copyright and source a page states in its own
// lines, moved from the body into <info>.
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "transforms/pipeline.hpp"

namespace handout {

/// Fills metadata the source did not give explicitly (front matter or the reader's title always
/// win: only empty fields are filled) from the body's own top-level paragraphs:
///   - title: when there is none, a plain title-like paragraph just before a dated byline among
///     the opening paragraphs (short label-like paragraphs before it, such as a site name, are
///     removed); furniture (boilerplate rules) is skipped. When the title is known, an opening
///     paragraph repeating it is removed.
///   - bylines with a date or a reading time, anywhere ("Published April 10, 2026 · 4 min read",
///     "This page was last edited on 3 February 2026, at 08:13"): published and updated dates,
///     authors, reviewers (kept as meta:reviewer) and section labels (as keywords when there are
///     none); the reading time is dropped. A byline of only "By Name" counts at the top only.
///   - copyright lines: appended to the legal notice (never dropped), year and holder when unknown.
///   - the first source line ("Source: https://…", "Retrieved from "https://…""): the source URL.
/// Each paragraph so moved is removed from the body, with a note when options.verbose.
void infer_metadata(Document& doc, const TransformOptions& options, Diagnostics& diag);

}  // namespace handout
