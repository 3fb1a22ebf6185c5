// What matters to a reader of the plain-text samples (input/**/*.txt and the text goldens): no
// word of real content lost, no furniture left in the body, tables and dates right, and the
// furniture reported with --verbose.
#include "cli/app.hpp"
#include "model/metadata.hpp"
#include "text/callout_labels.hpp"
#include "text/metadata_lines.hpp"
#include "text/text.hpp"
#include "test_support.hpp"
#include "transforms/boilerplate_rules.hpp"
#include "source_dir.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace handout;
using handout::test::count;

namespace {

std::vector<fs::path> text_sources() {
  std::vector<fs::path> out;
  for (const char* dir : {"input", "tests/readers/text"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(handout::test::source_dir()) / dir)) {
      if (e.is_regular_file() && e.path().extension() == ".txt") out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Document load(const fs::path& p, Diagnostics& diag) {
  ConvertOptions options;
  options.transforms.verbose = true;
  auto doc = load_document(p, options, diag);
  REQUIRE(doc);
  return std::move(*doc);
}

/// Words as the check sees them: runs of letters and digits, case folded (bytes past ASCII are
/// letters, except the curly quotes, dashes and ellipsis the smart punctuation pass writes).
std::vector<std::string> words_of(std::string_view s) {
  std::string plain = text::fold_case(s);
  for (std::string_view mark : {"\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x93",
                                "\xE2\x80\x94", "\xE2\x80\xA6"}) {
    for (std::size_t at = plain.find(mark); at != std::string::npos; at = plain.find(mark, at)) plain.replace(at, 3, " ");
  }
  std::vector<std::string> out;
  std::string w;
  for (const char c : plain) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      w += c;
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(w);
  // Punctuation bytes past ASCII (dashes, quotes, arrows) are not words.
  std::erase_if(out, [](const std::string& x) {
    return std::all_of(x.begin(), x.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
  });
  return out;
}

std::vector<std::string> source_lines(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// True when a note names the line, or a "left out N lines … (to line M)" note covers its number.
bool noted(const Diagnostics& diag, std::string_view line, int number) {
  for (const auto& d : diag.items()) {
    if (d.severity != Severity::note) continue;
    if (d.message.find(std::string(text::trim(line))) != std::string::npos) return true;
    if (d.message.rfind("left out ", 0) != 0 || d.line == 0) continue;
    int last = d.line;
    if (const auto to = d.message.find("(to line "); to != std::string::npos) last = std::stoi(d.message.substr(to + 9));
    if (number >= d.line && number <= last) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("text samples: every word of every content line is in the tree", "[text-samples]") {
  const auto rules = load_boilerplate_rules({});
  const std::regex marker(R"(^\s*((\xE2\x80\xA2|\xE2\x97\xA6|[-*+])|\d{1,3}[.)])\s+)");
  const auto sources = text_sources();
  REQUIRE(sources.size() >= 8);
  for (const fs::path& source : sources) {
    DYNAMIC_SECTION(source.lexically_relative(handout::test::source_dir()).string()) {
      Diagnostics diag(source.string());
      const Document doc = load(source, diag);
      const auto have = words_of(text_content(doc.article()));
      const std::set<std::string> present(have.begin(), have.end());
      bool in_front_matter = false;
      int number = 0;
      for (std::string line : source_lines(source)) {
        ++number;
        if (line == "---") in_front_matter = !in_front_matter;
        if (in_front_matter || line == "---") continue;
        rules->strip_in_text(line);
        if (text::trim(line).empty() || rules->match(line)) continue;
        // Bylines give dates and names (checked below); a note names every other line left out.
        if (classify_metadata_line(line).kind == MetadataLineKind::byline || noted(diag, line, number)) continue;
        line = std::regex_replace(line, marker, "");
        // A call-out's label is its element: "Tip: ask …" gives <tip> holding "Ask …".
        if (auto label = leading_callout_label(line)) line = line.substr(label->length);
        for (const std::string& w : words_of(line)) {
          INFO("line: " << line);
          CHECK(present.count(w) == 1);
        }
      }
    }
  }
}

TEST_CASE("text samples: no furniture survives in the body", "[text-samples]") {
  const auto rules = load_boilerplate_rules({});
  for (const fs::path& source : text_sources()) {
    DYNAMIC_SECTION(source.lexically_relative(handout::test::source_dir()).string()) {
      Diagnostics diag(source.string());
      const Document doc = load(source, diag);
      for (const auto& x : doc.xml().select_nodes("/article//*[self::para or self::title or self::listitem or "
                                                   "self::td or self::th][not(ancestor::info)]")) {
        std::string t = text::collapse_whitespace(text_content(x.node()));
        INFO(t);
        CHECK(rules->match(t) == nullptr);
        CHECK(rules->strip_in_text(t).empty());
        // A line about the document that was not all understood stays, marked (its date was taken or warned about).
        const bool dateline = std::string_view(x.node().attribute("role").as_string()) == "dateline";
        CHECK((classify_metadata_line(t).kind == MetadataLineKind::none) != dateline);
      }
    }
  }
}

TEST_CASE("text samples: titles, dates, sources, copyright and tables", "[text-samples]") {
  auto sample = [](const char* rel, Diagnostics& diag) { return load(fs::path(handout::test::source_dir()) / rel, diag); };
  Diagnostics d1("bp");
  const Document bp = sample("input/web/high-blood-pressure-basics.txt", d1);
  Metadata m = read_metadata(bp);
  CHECK(m.title == "Understanding High Blood Pressure");
  CHECK(m.published == "2026-04-10");
  REQUIRE(m.authors.size() == 1);
  CHECK(m.authors[0].name == "Dana Ortiz, RN");
  CHECK(m.copyright_year == "2026");
  CHECK(m.legal.size() == 1);
  CHECK(count(bp, "//informaltable") == 1);
  CHECK(count(bp, "//informaltable/thead/tr/th") == 3);
  CHECK(count(bp, "//informaltable/tbody/tr[count(td)=3]") == 4);
  CHECK(count(bp, "//informaltable/tbody/tr[4]/td[.='\xE2\x89\xA5 140']") == 1);

  Diagnostics d2("flu");
  const Document flu = sample("input/web/flu-vaccine-visit.txt", d2);
  m = read_metadata(flu);
  CHECK(m.title == "Your Seasonal Flu Shot: What to Expect");
  CHECK(m.updated == "2026-06-05");
  CHECK(m.source_url == "https://example.org/clinics/flu-vaccine-visit");
  CHECK(m.copyright_holder == "Northside Family Clinic (sample)");
  CHECK(count(flu, "/article/section") == 4);  // "When to Call" after the numbered series ends
  CHECK(count(flu, "/article/section[4][title='When to Call']") == 1);
  CHECK(count(flu, "/article/section[3]//informaltable/tbody/tr[count(td)=2]") == 3);
  CHECK(count(flu, "/article/section[1]/section[title='What to Bring']") == 1);

  Diagnostics d3("wiki");
  const Document wiki = sample("input/wiki/dehydration-extract.txt", d3);
  m = read_metadata(wiki);
  CHECK(m.title == "Dehydration");
  CHECK(m.updated == "2026-02-03");
  CHECK(m.published.empty());
  CHECK(m.source_url == "https://healthwiki.example.org/wiki/Dehydration");
  CHECK(m.legal.size() == 1);
  CHECK(count(wiki, "/article/section/title[.='Signs and symptoms']") == 1);

  Diagnostics d4("note");
  const Document note = sample("input/notes/after-my-knee-appointment.txt", d4);
  m = read_metadata(note);
  CHECK(m.title == "Notes after my knee appointment");
  CHECK(m.published.empty());
  CHECK(count(note, "//section") == 0);
  CHECK(count(note, "/article/para") == 5);
}

TEST_CASE("the furniture removed is reported as notes with --verbose, and only then", "[text-samples]") {
  const std::string source = (fs::path(handout::test::source_dir()) / "input/web/high-blood-pressure-basics.txt").string();
  const auto out = fs::temp_directory_path() / ("handout-text-" + std::to_string(::getpid()) + ".xml");
  auto run = [&](bool verbose) {
    std::vector<const char*> args{"handout", "convert", source.c_str(), "-o", out.c_str()};
    if (verbose) args.push_back("--verbose");
    std::ostringstream o, e;
    CHECK(run_cli(static_cast<int>(args.size()), args.data(), o, e) == 0);
    return e.str();
  };
  const std::string loud = run(true);
  // The article finder's runs: where, how many lines, what they were taken for, what they say.
  CHECK(loud.find("high-blood-pressure-basics.txt:1:1: note: left out 3 lines of site menu (to line "
                  "3): \"Skip to main content\", \"Riverside Health Library\", \"Home \xE2\x80\xBA Heart health \xE2\x80\xBA "
                  "Blood pressure\"\n") != std::string::npos);
  CHECK(loud.find(":72:1: note: left out 8 lines of site notices (sharing, feedback, sign-in, newsletters, policies) (to "
                  "line 83): \"Was this helpful?\", \"Yes\", \"No\", \xE2\x80\xA6\n") != std::string::npos);
  CHECK(loud.find(": note: copyright line") != std::string::npos);
  CHECK(run(false).find("note:") == std::string::npos);
  fs::remove(out);
}
