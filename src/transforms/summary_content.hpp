// Summary content: what a one-page summary sheet shows, chosen from the tree and recorded in
// the tree, so `--to docbook` shows the choice and every writer can use it.
//
// What is chosen, most trusted first:
//   main message  front-matter summary (when it is a sentence); a summary section's first
//                 paragraph; the opening sentences of the text; a description that is not a
//                 sentence only when nothing better exists
//   key points    front-matter key-points; a summary section (its list or short paragraphs); a
//                 list that states the article's points (items with bold lead terms, an ordered
//                 checklist, the only list of a short text); then sentences ranked by LexRank
//                 with title and location cues (transforms/sentence_rank.hpp)
//   safety        danger-sign lists, "When to call" sections, warning/caution/important call-outs
//                 (transforms/safety_content.hpp)
//   questions     front-matter questions; the first questions-to-ask section that holds
//                 questions; a list of questions after a lead-in about asking; else general
//                 questions any patient can ask (transforms/summary_labels.hpp)
//   glossary      definition lists, "X is a ...", "X means ...", "X, a ..." whose term the text uses
//                 again (transforms/glossary_terms.hpp)
//
// Where the choice is recorded (every para's role says where it came from: "source" when the
// source states it as such, "ranked" when sentence ranking or position chose it, "generated"
// when the program wrote it):
//   main message  info/abstract (no role)/para[@role]
//   key points    info/abstract[@role='key-points']/para[@role]; also, in the body, the source's
//                 own list is marked itemizedlist|orderedlist[@role='key-points'] and
//                 front-matter key points are shown in a sidebar[@role='key-points']
//   safety        info/abstract[@role='safety']/para[@role]: a para ending in ":" is a lead-in
//                 for the paras after it
//   questions     info/abstract[@role='questions']/para[@role]; also, in the body, the section
//                 they came from (or one made from front-matter questions:) is
//                 section[@role='questions']
//   glossary      info/abstract[@role='glossary']/para[@role]: <glossterm>TERM</glossterm> then
//                 the definition
#pragma once

#include "model/diagnostics.hpp"
#include "model/document.hpp"
#include "transforms/glossary_terms.hpp"
#include "transforms/section_kinds.hpp"
#include "transforms/pipeline.hpp"

#include <string>
#include <vector>

namespace handout {

/// What a summary sheet shows. Plain text throughout; empty when the source gives nothing.
struct SummaryContent {
  std::string title;
  std::string main_message;
  std::vector<std::string> key_points;  ///< 3 to 7 when the source allows, in source order
  std::vector<std::string> questions;
  bool questions_generated = false;     ///< the questions are general ones, not the source's
  std::vector<std::string> safety;      ///< danger signs and warnings: when to call or get help;
                                        ///< a line ending in ":" leads in the lines after it
  std::vector<GlossaryEntry> glossary;  ///< at most 6, the most certain definitions first
  std::string updated;                  ///< last updated or reviewed date, ISO 8601; empty if none
  std::string published;                ///< publication date, ISO 8601; empty if none
  std::string source_url;
  std::string copyright;                ///< the first legal notice line
};

/// Chooses the summary content and records it in the tree as described above. Running it twice
/// changes nothing more.
void select_summary_content(Document& doc, const TransformOptions& options, Diagnostics& diag);

/// Reads the content select_summary_content recorded (plus title, dates, source, copyright).
SummaryContent read_summary_content(const Document& doc);

}  // namespace handout
