// Lines of a page that carry metadata rather than content: bylines ("Published April 10, 2026 ·
// 4 min read · Research", "By the Pharmacy Editorial Team | Updated January 14, 2026"), "last
// updated / edited / reviewed" lines, datelines whose date is read though the rest is not,
// copyright and licence lines ("© 2026 Name. All rights reserved.", "Text is available under the
// … License") and source lines ("Source: https://…", "Retrieved from "https://…""). The text
// reader uses this to find where a page's title ends and which lines are never headings; the
// metadata pass moves such lines into <info>. The words of bylines are data, one entry per
// language (English so far), like the month names in text/dates.hpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// What kind of metadata a line holds.
enum class MetadataLineKind {
  none,
  byline,     ///< every part understood: dates, reading time, names, short labels
  dateline,   ///< a keyworded date ("last updated June 5th 2026") among words not understood
  copyright,  ///< also licence lines
  source,
};

/// What one line says about its document. Empty fields were not in the line.
struct MetadataLine {
  MetadataLineKind kind = MetadataLineKind::none;
  std::string published;               ///< ISO 8601: "Published …", "Posted …", "Date: …", a bare date in a byline
  std::string updated;                 ///< ISO 8601: "Last updated / edited / reviewed / revised / modified …"
  bool reading_time = false;           ///< the line says "4 min read" or "Reading time: 5 minutes"
  std::vector<std::string> authors;    ///< people: "By Dana Ortiz, RN"
  std::vector<std::string> organizations;  ///< "By the Pharmacy Editorial Team", "By Clinic Staff"
  std::vector<std::string> reviewers;  ///< "Medically reviewed by …", "Reviewed by … on <date>"
  std::vector<std::string> labels;     ///< other short parts of a byline ("Research", "Heart health")
  std::string source_url;              ///< from a source line
  /// What stands where a date was announced but cannot be read ("13/13/2026" in "Updated
  /// 13/13/2026", "yesterday" in "Updated: yesterday"); empty when every date was read.
  std::string unread_date;
  /// Returns true when the line is a byline with a date or a reading time (not just a name).
  bool dated() const { return !published.empty() || !updated.empty() || reading_time; }
};

/// Classifies one line (a paragraph's text) of a document in the given language (BCP 47; it
/// decides the words of dates and bylines and the order of numeric dates, see date_locale).
/// A byline is split at "·", "|", "•", "—" and spaced dashes; it is a byline when every part is
/// understood (a keyworded or bare date, a reading time, "By Name", "By the Name", a short
/// label) and the line holds a date, a reading time, a name or an unread date. A line of at
/// most 35 words where a date follows its keyword closely ("Hub last updated June 5th 2026 for
/// …") but the rest is not understood is a dateline. Returns kind none for anything else,
/// including prose that merely mentions a date ("Updated guidance from 2026 says …") and any
/// line longer than 1,000 bytes.
MetadataLine classify_metadata_line(std::string_view line, std::string_view language = "en");

/// Returns the warning for a line whose announced date cannot be read, naming both:
/// `date "13/13/2026" in "Updated 13/13/2026" could not be read; the line is kept as text`.
std::string unread_date_message(const MetadataLine& parsed, std::string_view line);

}  // namespace handout
