// Writes a deterministic corpus of patient-education sources for benchmarks and batch tests.
//
//   make_corpus OUT_DIR COUNT [--seed N] [--shapes NAME,NAME...] [--scale N]
//
// The same arguments always give the same files, byte for byte (a fixed PRNG, no library
// distributions, no clock). Files go to OUT_DIR/topic-NN/NAME.EXT, 20 to a folder.
//
// Shapes: Markdown handouts and FAQs with front matter, plain text copied from a web page
// (crumbs, bylines, flattened tables, "Was this helpful?" furniture) and MediaWiki articles
// (templates, refs, tables), 6-20 KB each, with curly quotes, dashes, accents, µg and ≥.
// Every word comes from the word lists below: the text is sample material, not medical advice,
// and none of it is copied from a real page. --scale N writes N times as many sections (the
// scaling benchmark: one source at 1x, 10x, 100x its size).
//
// To add a shape: write a function `void NAME(Rng& rng, std::string& out, const Topic& topic)`
// beside the others and add one line to kShapes. Sources are given shapes in turn (source i gets
// shape i % number of shapes).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

/// splitmix64: small, fast, and the same on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Returns a number in [low, high].
  int between(int low, int high) { return low + static_cast<int>(next() % static_cast<std::uint64_t>(high - low + 1)); }
  /// Returns true with probability percent/100.
  bool chance(int percent) { return between(1, 100) <= percent; }
  template <typename T>
  const T& pick(std::span<const T> items) { return items[next() % items.size()]; }

 private:
  std::uint64_t state_;
};

constexpr std::string_view kConditions[] = {
    "asthma", "high blood pressure", "type 2 diabetes", "heart failure", "COPD", "migraine", "back pain",
    "kidney stones", "eczema", "anemia", "sleep apnea", "osteoporosis", "gout", "hypothyroidism", "acid reflux"};
constexpr std::string_view kNouns[] = {
    "doctor", "nurse", "medicine", "dose", "symptom", "test", "appointment", "pharmacist", "meal", "walk",
    "blood test", "inhaler", "tablet", "side effect", "plan", "diary", "family", "clinic", "sleep", "water"};
constexpr std::string_view kVerbs[] = {"take", "check", "write down", "ask about", "bring", "avoid", "follow",
                                       "keep", "track", "discuss", "plan", "watch for", "remember", "share"};
constexpr std::string_view kAdjectives[] = {"daily", "new", "usual", "safe", "short", "regular", "written",
                                            "simple", "important", "next", "mild", "serious"};
constexpr std::string_view kOpeners[] = {"Each day", "Before your visit", "If you feel worse", "At home",
                                         "When you travel", "After a meal", "Most people", "Your care team",
                                         "In the morning", "Over time"};
constexpr std::string_view kHeadings[] = {"What it is", "Signs to watch for", "How it is treated", "Your medicines",
                                          "Living with it", "When to get help", "Food and activity",
                                          "Tests you may need", "Questions to ask", "Key points"};
constexpr std::string_view kQuestions[] = {"What does this medicine do", "How long will I need treatment",
                                           "What should I do if I miss a dose", "Which side effects are serious",
                                           "Can I keep exercising", "When should I come back"};
// Typography of real handouts: curly quotes, apostrophes, dashes, accents, units and signs.
constexpr std::string_view kPeople[] = {"Dr. Amélie Núñez", "Zoë Brontë-Okafor, RN", "José Peña, PharmD",
                                        "Renée Côté, NP", "Søren Ødegård, MD", "Chloé Müller, RD"};
constexpr std::string_view kMeasures[] = {"25 µg", "500 µg", "2–3 tablets", "½ tablet", "≥ 140/90 mmHg",
                                          "≥ 7.0 %", "38 °C", "5–10 minutes", "± 5 %", "1–2 litres"};
constexpr std::string_view kTypeset[] = {
    "“Don’t stop your medicine on your own,” says your nurse — ask first.",
    "Your doctor’s plan is written for you, not for a friend or a relative.",
    "Keep a café-style notebook — small enough for a pocket — for your readings.",
    "Some people feel a little naïve asking questions; there’s no need to.",
    "Write the time of each dose in the diary — morning, noon and night.",
    "“Better safe than sorry” is the rule when symptoms change quickly.",
    "It’s normal to feel tired for 1–2 days after a change of dose."};
constexpr std::string_view kSites[] = {"Riverside Health Library", "Northside Family Clinic", "Lakeview Care Guides",
                                       "Hillcrest Patient Hub"};
constexpr std::string_view kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};

/// What one source is about.
struct Topic {
  std::string condition;
  std::string title;
  int index = 0;
  std::size_t target_bytes = 0;  ///< sections are added until the text is this long
};

template <typename T, std::size_t N>
std::span<const T> all(const T (&items)[N]) { return {items, N}; }

std::string str(std::string_view s) { return std::string(s); }

std::string plain_sentence(Rng& rng) {
  std::string s(rng.pick(all(kOpeners)));
  s += ", " + str(rng.pick(all(kVerbs))) + " your " + str(rng.pick(all(kAdjectives))) + " " + str(rng.pick(all(kNouns)));
  const int extra = rng.between(0, 2);
  for (int i = 0; i < extra; ++i) {
    s += (i == 0 ? " and " : " with the ") + str(rng.pick(all(kNouns)));
  }
  if (rng.chance(20)) s += " so that you can " + str(rng.pick(all(kVerbs))) + " it later";
  return s + ".";
}

/// A sentence; one in four carries non-ASCII typography.
std::string sentence(Rng& rng) {
  switch (rng.between(0, 7)) {
    case 0: return str(rng.pick(all(kTypeset)));
    case 1:
      return str(rng.pick(all(kOpeners))) + ", " + str(rng.pick(all(kVerbs))) + " the " + str(rng.pick(all(kNouns))) +
             " — " + str(rng.pick(all(kMeasures))) + " is the usual amount.";
    default: return plain_sentence(rng);
  }
}

std::string paragraph(Rng& rng, int min_sentences, int max_sentences) {
  std::string p;
  const int n = rng.between(min_sentences, max_sentences);
  for (int i = 0; i < n; ++i) p += (i == 0 ? "" : " ") + sentence(rng);
  return p;
}

std::string date(Rng& rng) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", rng.between(2019, 2026), rng.between(1, 12), rng.between(1, 28));
  return buf;
}

std::string written_date(Rng& rng) {
  return str(rng.pick(all(kMonths))) + " " + std::to_string(rng.between(1, 28)) + ", " +
         std::to_string(rng.between(2019, 2026));
}

std::string slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  return out;
}

std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

void front_matter(Rng& rng, std::string& out, const Topic& t) {
  out += "---\ntitle: \"" + t.title + "\"\n";
  out += "date: " + date(rng) + "\nlast_reviewed: " + date(rng) + "\n";
  if (rng.chance(50)) out += "author: \"" + str(rng.pick(all(kPeople))) + "\"\n";
  out += "tags: [" + slug(t.condition) + ", patient-education]\n";
  out += "summary: " + plain_sentence(rng) + "\n";
  out += "source_url: https://example.org/health/" + slug(t.condition) + "/" + std::to_string(t.index) + "\n";
  out += "---\n\n";
}

/// A Markdown handout: front matter, sections with paragraphs, lists, a table, call-outs.
void markdown_handout(Rng& rng, std::string& out, const Topic& t) {
  front_matter(rng, out, t);
  out += paragraph(rng, 3, 5) + "\n\n";
  while (out.size() < t.target_bytes) {
    out += "## " + str(rng.pick(all(kHeadings))) + "\n\n";
    out += paragraph(rng, 3, 6) + "\n\n";
    if (rng.chance(50)) {
      const int items = rng.between(3, 6);
      for (int i = 0; i < items; ++i) out += "- **" + str(rng.pick(all(kNouns))) + "**: " + sentence(rng) + "\n";
      out += "\n";
    }
    if (rng.chance(30)) {
      out += "### " + str(rng.pick(all(kHeadings))) + "\n\n" + paragraph(rng, 2, 4) + "\n\n";
      const int items = rng.between(3, 5);
      for (int i = 1; i <= items; ++i) out += std::to_string(i) + ". " + sentence(rng) + "\n";
      out += "\n";
    }
    if (rng.chance(20)) {
      out += "| When | How much | What to do |\n|---|---|---|\n";
      const int rows = rng.between(2, 4);
      for (int r = 0; r < rows; ++r)
        out += "| " + str(rng.pick(all(kOpeners))) + " | " + str(rng.pick(all(kMeasures))) + " | " + plain_sentence(rng) + " |\n";
      out += "\n";
    }
    if (rng.chance(15)) out += "> [!WARNING]\n> " + sentence(rng) + "\n\n";
    if (rng.chance(15)) out += "See [more about " + t.condition + "](https://example.org/" + slug(t.condition) + ").\n\n";
  }
  out += "## Questions to ask\n\n";
  for (int i = 0; i < 3; ++i) out += "- " + str(rng.pick(all(kQuestions))) + "?\n";
}

/// A Markdown FAQ: front matter, then question headings each with a short answer.
void markdown_faq(Rng& rng, std::string& out, const Topic& t) {
  front_matter(rng, out, t);
  while (out.size() < t.target_bytes) {
    out += "## " + str(rng.pick(all(kQuestions))) + "?\n\n" + paragraph(rng, 3, 6) + "\n\n";
    if (rng.chance(30)) out += "*Tip:* " + sentence(rng) + "\n\n";
  }
}

/// Plain text copied from a clinic's web page: furniture and crumbs above the title, a byline,
/// headings as short lines, bullet lists, a table flattened to one cell per block, a feedback
/// widget and a footer. One line per paragraph, as browsers copy.
void web_page_text(Rng& rng, std::string& out, const Topic& t) {
  const std::string site(rng.pick(all(kSites)));
  out += "Skip to main content\n" + site + "\nHome › Health A–Z › " + capitalized(t.condition) + "\n";
  out += t.title + "\n";
  out += "By " + str(rng.pick(all(kPeople))) + " · Published " + written_date(rng) + " · " +
         std::to_string(rng.between(3, 12)) + " min read\n\n";
  out += paragraph(rng, 3, 5) + "\n\n";
  int numbered = 0;
  while (out.size() < t.target_bytes) {
    std::string heading = str(rng.pick(all(kHeadings)));
    if (rng.chance(30)) heading = std::to_string(++numbered) + ". " + heading;
    out += heading + "\n\n" + paragraph(rng, 3, 6) + "\n\n";
    if (rng.chance(50)) {
      out += capitalized(str(rng.pick(all(kOpeners)))) + ", remember:\n";
      const int items = rng.between(3, 6);
      for (int i = 0; i < items; ++i) out += "• " + sentence(rng) + "\n";
      out += "\n";
    }
    if (rng.chance(25)) {
      out += "When\nHow much\n\n";
      const int rows = rng.between(2, 4);
      for (int r = 0; r < rows; ++r) out += str(rng.pick(all(kOpeners))) + "\n\n" + str(rng.pick(all(kMeasures))) + "\n\n";
      out += paragraph(rng, 2, 3) + "\n\n";
    }
    if (rng.chance(20)) out += "More on this: https://example.org/" + slug(t.condition) + "/" + slug(heading) + "\n\n";
    out += paragraph(rng, 2, 4) + "\n\n";
  }
  out += "Was this helpful?\nYes\nNo\n\nShare\nPrint\n\n";
  out += "This page is sample material generated for a benchmark; it is not medical advice.\n\n";
  out += "Source: https://example.org/" + slug(site) + "/" + slug(t.condition) + "-" + std::to_string(t.index) + "\n";
  out += "© 2026 " + site + " (sample). All rights reserved.\n";
}

/// A MediaWiki article: short description, bold lead, sections and subsections, lists, a
/// wikitable, references through cite templates, conversions, links and categories.
void wiki_article(Rng& rng, std::string& out, const Topic& t) {
  const std::string bold = "'''";
  out += "= " + t.title + " =\n{{Short description|" + capitalized(plain_sentence(rng)) + "}}\n";
  out += "<!-- Sample material generated for a benchmark; not medical advice. -->\n";
  out += bold + capitalized(t.condition) + bold + " is a condition that [[" + str(rng.pick(all(kNouns))) +
         "|your care team]] can help with. " + paragraph(rng, 2, 4) +
         "<ref>{{cite web |url=https://example.org/wiki/" + slug(t.condition) + " |title=" + capitalized(t.condition) +
         " basics |website=Sample Health Wiki |date=" + date(rng) + "}}</ref>\n\n";
  int refs = 1;
  while (out.size() < t.target_bytes) {
    out += "== " + str(rng.pick(all(kHeadings))) + " ==\n" + paragraph(rng, 3, 6);
    if (rng.chance(40)) out += "<ref name=\"r" + std::to_string(refs++) + "\">" + plain_sentence(rng) + "</ref>";
    out += "\n\n";
    if (rng.chance(50)) {
      const int items = rng.between(3, 6);
      for (int i = 0; i < items; ++i)
        out += std::string(rng.chance(30) ? "# " : "* ") + "''" + str(rng.pick(all(kNouns))) + "'': " + sentence(rng) + "\n";
      out += "\n";
    }
    if (rng.chance(30)) {
      out += "=== " + str(rng.pick(all(kHeadings))) + " ===\n" + paragraph(rng, 2, 4) + " A walk of {{convert|" +
             std::to_string(rng.between(1, 5)) + "|km|mi}} a day helps many people.\n\n";
    }
    if (rng.chance(25)) {
      out += "{| class=\"wikitable\"\n|+ " + capitalized(t.condition) + " at a glance\n! When !! How much !! What to do\n";
      const int rows = rng.between(2, 4);
      for (int r = 0; r < rows; ++r)
        out += "|-\n| " + str(rng.pick(all(kOpeners))) + " || " + str(rng.pick(all(kMeasures))) + " || " + plain_sentence(rng) + "\n";
      out += "|}\n\n";
    }
    if (rng.chance(20)) out += "See [https://example.org/" + slug(t.condition) + " the clinic’s page] for more.\n\n";
  }
  out += "== References ==\n{{reflist}}\n\n[[Category:" + capitalized(t.condition) + "]]\n[[Category:Patient education]]\n";
}

/// One kind of source the generator can write.
struct Shape {
  const char* name;
  const char* extension;
  void (*write)(Rng& rng, std::string& out, const Topic& topic);
};

constexpr Shape kShapes[] = {
    {"markdown-handout", ".md", markdown_handout},
    {"markdown-faq", ".md", markdown_faq},
    {"web-page-text", ".txt", web_page_text},
    {"wiki-article", ".wiki", wiki_article},
};

int usage() {
  std::cerr << "usage: make_corpus OUT_DIR COUNT [--seed N] [--shapes NAME,NAME...] [--scale N]\nshapes:";
  for (const Shape& s : kShapes) std::cerr << ' ' << s.name;
  std::cerr << '\n';
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  const std::filesystem::path out_dir = argv[1];
  const long count = std::strtol(argv[2], nullptr, 10);
  std::uint64_t seed = 1;
  long scale = 1;
  std::vector<const Shape*> shapes;
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (arg == "--scale" && i + 1 < argc) {
      scale = std::strtol(argv[++i], nullptr, 10);
      if (scale <= 0) return usage();
    } else if (arg == "--shapes" && i + 1 < argc) {
      std::string list = argv[++i];
      for (std::size_t pos = 0; pos <= list.size();) {
        const std::size_t comma = std::min(list.find(',', pos), list.size());
        const std::string name = list.substr(pos, comma - pos);
        bool found = false;
        for (const Shape& s : kShapes)
          if (name == s.name) shapes.push_back(&s), found = true;
        if (!found) return usage();
        pos = comma + 1;
      }
    } else {
      return usage();
    }
  }
  if (count <= 0) return usage();
  if (shapes.empty())
    for (const Shape& s : kShapes) shapes.push_back(&s);

  for (long i = 0; i < count; ++i) {
    Rng rng(seed * 1000003u + static_cast<std::uint64_t>(i));
    const Shape& shape = *shapes[static_cast<std::size_t>(i) % shapes.size()];
    Topic topic;
    topic.index = static_cast<int>(i);
    topic.condition = std::string(rng.pick(all(kConditions)));
    topic.title = topic.condition + ": " + std::string(rng.pick(all(kHeadings))) + " (" + std::to_string(i) + ")";
    topic.title = capitalized(topic.title);
    topic.target_bytes = static_cast<std::size_t>(rng.between(6000, 19000)) * static_cast<std::size_t>(scale);
    std::string text;
    shape.write(rng, text, topic);
    char folder[32];
    std::snprintf(folder, sizeof folder, "topic-%02ld", i / 20);
    const std::filesystem::path file =
        out_dir / folder / (slug(topic.condition) + "-" + std::to_string(i) + shape.extension);
    std::filesystem::create_directories(file.parent_path());
    std::ofstream f(file, std::ios::binary);
    f << text;
    if (!f) {
      std::cerr << "make_corpus: cannot write " << file << '\n';
      return 1;
    }
  }
  return 0;
}
