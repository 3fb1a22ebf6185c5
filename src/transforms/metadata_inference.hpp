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
///     "By the Pharmacy Editorial Team | Updated January 14, 2026", "This page was last edited on
///     3 February 2026, at 08:13"): published and updated dates (read in the document's
///     language, so 02/10/2026 is February 10 in "en" and "en-US", 2 October in "en-GB"),
///     authors and organizations, reviewers (kept as meta:reviewer) and section labels (as
///     keywords when there are none); the reading time is dropped. A byline of only "By Name"
///     counts at the top only. When bylines give several updated dates the latest is kept.
///   - datelines (a date right after its keyword among words not understood, "Hub last updated
///     June 5th 2026 for …"): the date fills an empty field and the line stays, with role="dateline".
///   - lines that announce a date that cannot be read ("Updated 13/13/2026", "Updated:
///     yesterday"): a warning naming the line (unless the reader gave it already, with its
///     line number); the line stays, with role="dateline".
///   - copyright lines: appended to the legal notice (never dropped), year and holder when unknown.
///   - the first source line ("Source: https://…", "Retrieved from "https://…""): the source URL.
/// Each paragraph so moved is removed from the body, with a note when options.verbose.
void infer_metadata(Document& doc, const TransformOptions& options, Diagnostics& diag);

}  // namespace handout
