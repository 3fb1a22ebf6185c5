// quality_score: converts every source of the quality corpus in-process, as `handout convert`
// does (reader, transforms, summary-sheet layout in the default style), scores the tree and the
// sheet against the gold files, prints the figures of tests/quality/README.md and exits 1 when
// one misses its target.
//
//   quality_score DIR [-v] [--report-only] [NAME...]

#include "scoring.hpp"

#include "batch/job.hpp"
#include "layout/summary_layout.hpp"
#include "readers/source_text.hpp"
#include "writers/pdf/pdf.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace handout;
using namespace handout::quality;

namespace {

constexpr const char* kSourceExtensions[] = {".txt", ".md", ".wiki"};

/// One source of the corpus and its gold file.
struct Pair {
  std::string name;
  fs::path source;
  fs::path gold;
};

/// The corpus's figures, summed over its sources.
struct Figures {
  Ratio title, date, headings, callouts, furniture_left, content_lost;
  std::size_t false_headings = 0;
  Ratio key_points, questions, glossary, safety, main_message, one_page;
  std::size_t generated_against_gold = 0;
  std::size_t failed_sources = 0;
};

/// Finds NAME.gold.yaml files and their sources; a source without gold (or the reverse) is an error.
std::vector<Pair> find_pairs(const fs::path& dir, const std::vector<std::string>& only, std::vector<std::string>& errors) {
  std::map<std::string, Pair> pairs;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const std::string file = e.path().filename().string();
    if (file == "README.md") continue;  // the corpus's documentation, not a source
    if (file.size() > 10 && file.ends_with(".gold.yaml")) {
      const std::string name = file.substr(0, file.size() - 10);
      pairs[name].name = name;
      pairs[name].gold = e.path();
      continue;
    }
    for (const char* ext : kSourceExtensions) {
      if (e.path().extension() == ext) {
        const std::string name = e.path().stem().string();
        if (!pairs[name].source.empty()) errors.push_back("two sources named " + name);
        pairs[name].name = name;
        pairs[name].source = e.path();
      }
    }
  }
  std::vector<Pair> out;
  for (auto& [name, p] : pairs) {
    if (!only.empty() && std::find(only.begin(), only.end(), name) == only.end()) continue;
    if (p.source.empty()) errors.push_back(p.gold.string() + ": no source beside it");
    else if (p.gold.empty()) errors.push_back(p.source.string() + ": no gold file (" + name + ".gold.yaml)");
    else out.push_back(p);
  }
  for (const std::string& name : only) {
    if (std::none_of(out.begin(), out.end(), [&](const Pair& p) { return p.name == name; }))
      errors.push_back("no source named " + name);
  }
  return out;
}

std::string ratio_text(const Ratio& r) {
  char buf[64];
  if (r.total == 0) {
    std::snprintf(buf, sizeof buf, "%zu/%zu", r.hit, r.total);
  } else {
    std::snprintf(buf, sizeof buf, "%zu/%zu (%.1f %%)", r.hit, r.total, 100.0 * r.value());
  }
  return buf;
}

/// One row of the figures table; returns false when the target is missed.
bool row(const char* figure, const std::string& value, const char* target, bool met) {
  std::printf("  %-24s %-22s %-12s %s\n", figure, value.c_str(), target, met ? "ok" : "MISSED");
  return met;
}

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false, report_only = false;
  std::optional<fs::path> dir;
  std::vector<std::string> only;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "-v" || a == "--verbose") verbose = true;
    else if (a == "--report-only") report_only = true;
    else if (a == "-h" || a == "--help") {
      std::puts("usage: quality_score DIR [-v] [--report-only] [NAME...]\n"
                "Scores every NAME.{txt,md,wiki} of DIR against NAME.gold.yaml (see DIR/README.md).\n"
                "  -v             list every miss of every source\n"
                "  --report-only  exit 0 even when a target is missed");
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "quality_score: unknown option %s\n", a.c_str());
      return 2;
    } else if (!dir) dir = a;
    else only.push_back(a);
  }
  if (!dir) {
    std::fputs("usage: quality_score DIR [-v] [--report-only] [NAME...]\n", stderr);
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> errors;
  const std::vector<Pair> pairs = find_pairs(*dir, only, errors);
  for (const std::string& e : errors) std::fprintf(stderr, "quality_score: %s\n", e.c_str());
  if (!errors.empty() || pairs.empty()) return 2;

  // The summary writer's setting: the default style and its fonts, loaded once for the corpus.
  const ConvertOptions options;
  Diagnostics style_diag("style");
  const Style style = load_style(options.writer.style, style_diag);
  const FontSet fonts(style, style_diag);
  const PdfImages logo = load_style_logo(style, style_diag, options.writer);

  Figures f;
  for (const Pair& p : pairs) {
    Gold gold;
    try {
      gold = load_gold(p.gold);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "quality_score: %s\n", e.what());
      return 2;
    }
    Diagnostics diag(p.source.string());
    std::string source_text;
    std::optional<Document> doc;
    try {
      source_text = load_source(p.source, diag).text;
      doc = load_document(p.source, options, diag);
    } catch (const std::exception& e) {
      diag.error(Code::source_unreadable, 0, 0, e.what());
    }
    if (!doc) {
      ++f.failed_sources;
      std::printf("%s: FAILED to convert\n", p.name.c_str());
      print_diagnostics(diag, std::cout, false);
      continue;
    }
    const TreeScore tree = score_tree(read_tree(*doc, source_text), gold);
    const SummaryContent content = read_summary_content(*doc);
    const SummarySheet sheet = layout_summary(*doc, content, style, fonts, logo.sizes, diag);
    const SheetScore sh = score_sheet(sheet.shown, gold);
    const bool one_page = sheet.laid.pages.size() == 1 && sheet.body_size >= 11.0;

    f.title += Ratio{*tree.title_ok ? 1u : 0u, 1};
    if (tree.date_ok) f.date += Ratio{*tree.date_ok ? 1u : 0u, 1};
    f.headings += tree.headings;
    f.false_headings += tree.false_headings;
    f.callouts += tree.callouts;
    f.furniture_left += tree.furniture_left;
    f.content_lost += tree.content_lost;
    f.key_points += sh.key_points;
    f.questions += sh.questions;
    f.glossary += sh.glossary;
    f.safety += sh.safety;
    if (sh.main_message) f.main_message += Ratio{*sh.main_message ? 1u : 0u, 1};
    f.one_page += Ratio{one_page ? 1u : 0u, 1};
    if (sh.generated_questions_against_gold) ++f.generated_against_gold;

    if (verbose) {
      std::printf("%s: title %s, date %s, headings %s, false %zu, call-outs %s, furniture left %zu/%zu, "
                  "content lost %zu/%zu | key points %s, questions %s%s, glossary %s, safety %s, main %s, %zu page(s) at %g pt\n",
                  p.name.c_str(), *tree.title_ok ? "ok" : "WRONG",
                  tree.date_ok ? (*tree.date_ok ? "ok" : "WRONG") : "-", ratio_text(tree.headings).c_str(),
                  tree.false_headings, ratio_text(tree.callouts).c_str(), tree.furniture_left.hit,
                  tree.furniture_left.total, tree.content_lost.hit, tree.content_lost.total,
                  ratio_text(sh.key_points).c_str(), ratio_text(sh.questions).c_str(),
                  sheet.shown.questions_generated ? " (generated shown)" : "", ratio_text(sh.glossary).c_str(),
                  ratio_text(sh.safety).c_str(), sh.main_message ? (*sh.main_message ? "ok" : "WRONG") : "-",
                  sheet.laid.pages.size(), sheet.body_size);
      for (const std::string& m : tree.misses) std::printf("    %s\n", m.c_str());
      for (const std::string& m : sh.misses) std::printf("    %s\n", m.c_str());
    }
  }

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("\nquality corpus: %zu sources in %.2f s (tests/quality/README.md)\n", pairs.size(), seconds);
  std::printf("  %-24s %-22s %-12s %s\n", "figure", "value", "target", "");
  bool met = true;
  met &= row("sources converted", std::to_string(pairs.size() - f.failed_sources) + "/" + std::to_string(pairs.size()),
             "all", f.failed_sources == 0);
  met &= row("title accuracy", ratio_text(f.title), "100 %", f.title.hit == f.title.total);
  met &= row("date accuracy", ratio_text(f.date), "100 %", f.date.hit == f.date.total);
  met &= row("heading recall", ratio_text(f.headings), ">= 95 %", f.headings.value() >= 0.95 || f.headings.total == 0);
  met &= row("false headings", std::to_string(f.false_headings), "<= 1", f.false_headings <= 1);
  row("call-out recall", ratio_text(f.callouts), "(reported)", true);
  met &= row("furniture left", ratio_text(f.furniture_left), "0", f.furniture_left.hit == 0);
  met &= row("content lost", ratio_text(f.content_lost), "0", f.content_lost.hit == 0);
  met &= row("key-point precision", ratio_text(f.key_points), ">= 90 %", f.key_points.total == 0 || f.key_points.value() >= 0.90);
  met &= row("question precision", ratio_text(f.questions), ">= 95 %", f.questions.total == 0 || f.questions.value() >= 0.95);
  row("generated vs gold qs", std::to_string(f.generated_against_gold) + " source(s)", "(reported)", true);
  met &= row("glossary precision", ratio_text(f.glossary), ">= 90 %", f.glossary.total == 0 || f.glossary.value() >= 0.90);
  met &= row("safety recall", ratio_text(f.safety), ">= 95 %", f.safety.total == 0 || f.safety.value() >= 0.95);
  met &= row("main message", ratio_text(f.main_message), ">= 90 %", f.main_message.total == 0 || f.main_message.value() >= 0.90);
  met &= row("one page at >= 11 pt", ratio_text(f.one_page), "100 %", f.one_page.hit == f.one_page.total);
  if (!met) std::printf("%s\n", report_only ? "targets missed (--report-only: exit 0)" : "targets missed");
  return met || report_only ? 0 : 1;
}
