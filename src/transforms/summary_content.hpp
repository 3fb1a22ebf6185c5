// Summary content: what a one-page summary sheet shows, chosen from the tree by rule and
// recorded in the tree, so `--to docbook` shows the choice and every writer can use it.
//
// Where the choice is recorded:
//   main message  info/abstract (no role): front-matter summary, else inferred
//   key points    body itemizedlist[@role='key-points']: a summary section's own list (marked in
//                 place) or a sidebar[@role='key-points'] made from front-matter key-points:
//                 else info/abstract[@role='key-points']/para (inferred, kept out of the body)
//   questions     body section[@role='questions'] (marked in place, or made from front-matter questions:)
//   glossary      info/abstract[@role='glossary']/para: <glossterm>TERM</glossterm> then the definition
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "transforms/pipeline.hpp"

#include <string>
#include <vector>

namespace handout {

/// A term the source defines, with its definition.
struct GlossaryEntry {
  std::string term;
  std::string definition;
};

/// What a summary sheet shows. Plain text throughout; empty when the source gives nothing.
struct SummaryContent {
  std::string title;
  std::string main_message;
  std::vector<std::string> key_points;  ///< 3 to 7 when the source allows, in source order
  std::vector<std::string> questions;
  bool questions_generated = false;     ///< the questions are general ones, not the source's
  std::vector<std::string> safety;      ///< danger signs and warnings: when to call or get help
  std::vector<GlossaryEntry> glossary;  ///< at most 6, shortest definitions first
  std::string updated;                  ///< last updated (else published) date, ISO 8601
  std::string source_url;
  std::string copyright;                ///< the first legal notice line
};

/// Chooses the summary content and records it in the tree as described above. Running it twice
/// changes nothing more.
void select_summary_content(Document& doc, const TransformOptions& options, Diagnostics& diag);

/// Reads the content select_summary_content recorded (plus title, dates, source, copyright).
SummaryContent read_summary_content(const Document& doc);

/// Returns true when a section title names a summary ("In short", "Key takeaways", "Bottom line"...).
bool is_summary_title(std::string_view title);

/// Returns true when a section title names questions for the care team ("Questions to ask"...).
bool is_questions_title(std::string_view title);

}  // namespace handout
