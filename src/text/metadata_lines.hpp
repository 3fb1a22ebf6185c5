// Lines of a page that carry metadata rather than content: bylines ("Published April 10, 2026 ·
// 4 min read · Research"), "last updated / edited / reviewed" lines, copyright and licence
// lines ("© 2026 Name. All rights reserved.", "Text is available under the … License") and
// source lines ("Source: https://…", "Retrieved from "https://…""). The text reader uses this
// to find where a page's title ends; the metadata pass moves such lines into <info>.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// What kind of metadata a line holds.
enum class MetadataLineKind { none, byline, copyright, source };

/// What one line says about its document. Empty fields were not in the line.
struct MetadataLine {
  MetadataLineKind kind = MetadataLineKind::none;  ///< copyright also covers licence lines
  std::string published;               ///< ISO 8601: "Published …", "Posted …", a bare date in a byline
  std::string updated;                 ///< ISO 8601: "Last updated / edited / reviewed / modified …"
  bool reading_time = false;           ///< the line says "4 min read" or "Reading time: 5 minutes"
  std::vector<std::string> authors;    ///< "By Dana Ortiz, RN"
  std::vector<std::string> reviewers;  ///< "Medically reviewed by …", "Reviewed by … on <date>"
  std::vector<std::string> labels;     ///< other short parts of a byline ("Research", "Heart health")
  std::string source_url;              ///< from a source line
  /// Returns true when the line is a byline with a date or a reading time (not just a name).
  bool dated() const { return !published.empty() || !updated.empty() || reading_time; }
};

/// Classifies one line (a paragraph's text). A byline is split at "·", "|", "•" and spaced
/// dashes; it is a byline only when every part is understood (a keyworded date such as
/// "Last updated June 5th 2026", a reading time, "By Name", or a short label) and the line
/// holds a date, a reading time or a "By" name. Returns kind none for anything else,
/// including prose that merely mentions a date ("Updated guidance from 2026 says …") and any
/// line longer than 1,000 bytes.
MetadataLine classify_metadata_line(std::string_view line);

}  // namespace handout
