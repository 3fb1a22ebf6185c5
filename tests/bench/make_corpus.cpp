// Writes a deterministic corpus of patient-education sources for benchmarks and batch tests.
//
//   make_corpus OUT_DIR COUNT [--seed N] [--shapes NAME,NAME...]
//
// The same arguments always give the same files, byte for byte (a fixed PRNG, no library
// distributions, no clock). Files go to OUT_DIR/topic-NN/NAME.EXT, 20 to a folder.
//
// To add a shape (plain text copied from a web page, a MediaWiki extract...): write a function
// `void NAME(Rng& rng, std::string& out, const Topic& topic)` beside the others and add one line
// to kShapes. Sources are given shapes in turn (source i gets shape i % number of shapes).
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

/// What one source is about.
struct Topic {
  std::string condition;
  std::string title;
  int index = 0;
};

template <typename T, std::size_t N>
std::span<const T> all(const T (&items)[N]) { return {items, N}; }

std::string sentence(Rng& rng) {
  std::string s(rng.pick(all(kOpeners)));
  s += ", " + std::string(rng.pick(all(kVerbs))) + " your " + std::string(rng.pick(all(kAdjectives))) + " " +
       std::string(rng.pick(all(kNouns)));
  const int extra = rng.between(0, 2);
  for (int i = 0; i < extra; ++i) {
    s += (i == 0 ? " and " : " with the ") + std::string(rng.pick(all(kNouns)));
  }
  if (rng.chance(20)) s += " so that you can " + std::string(rng.pick(all(kVerbs))) + " it later";
  return s + ".";
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

std::string slug(std::string_view s) {
  std::string out;
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  return out;
}

void front_matter(Rng& rng, std::string& out, const Topic& t) {
  out += "---\ntitle: \"" + t.title + "\"\n";
  out += "date: " + date(rng) + "\nlast_reviewed: " + date(rng) + "\n";
  out += "tags: [" + slug(t.condition) + ", patient-education]\n";
  out += "summary: " + sentence(rng) + "\n";
  out += "source_url: https://example.org/health/" + slug(t.condition) + "/" + std::to_string(t.index) + "\n";
  out += "---\n\n";
}

/// A Markdown handout: front matter, sections with paragraphs, lists, a table, call-outs.
void markdown_handout(Rng& rng, std::string& out, const Topic& t) {
  front_matter(rng, out, t);
  out += paragraph(rng, 3, 5) + "\n\n";
  const int sections = rng.between(6, 9);
  for (int s = 0; s < sections; ++s) {
    out += "## " + std::string(rng.pick(all(kHeadings))) + "\n\n";
    out += paragraph(rng, 3, 6) + "\n\n";
    if (rng.chance(50)) {
      const int items = rng.between(3, 6);
      for (int i = 0; i < items; ++i) out += "- **" + std::string(rng.pick(all(kNouns))) + "**: " + sentence(rng) + "\n";
      out += "\n";
    }
    if (rng.chance(30)) {
      out += "### " + std::string(rng.pick(all(kHeadings))) + "\n\n" + paragraph(rng, 2, 4) + "\n\n";
      const int items = rng.between(3, 5);
      for (int i = 1; i <= items; ++i) out += std::to_string(i) + ". " + sentence(rng) + "\n";
      out += "\n";
    }
    if (rng.chance(20)) {
      out += "| When | What to do |\n|---|---|\n";
      const int rows = rng.between(2, 4);
      for (int r = 0; r < rows; ++r) out += "| " + std::string(rng.pick(all(kOpeners))) + " | " + sentence(rng) + " |\n";
      out += "\n";
    }
    if (rng.chance(15)) out += "> [!WARNING]\n> " + sentence(rng) + "\n\n";
    if (rng.chance(15)) out += "See [more about " + t.condition + "](https://example.org/" + slug(t.condition) + ").\n\n";
  }
  out += "## Questions to ask\n\n";
  for (int i = 0; i < 3; ++i) out += "- " + std::string(rng.pick(all(kQuestions))) + "?\n";
}

/// A Markdown FAQ: front matter, then question headings each with a short answer.
void markdown_faq(Rng& rng, std::string& out, const Topic& t) {
  front_matter(rng, out, t);
  const int questions = rng.between(10, 16);
  for (int q = 0; q < questions; ++q) {
    out += "## " + std::string(rng.pick(all(kQuestions))) + "?\n\n" + paragraph(rng, 3, 6) + "\n\n";
    if (rng.chance(30)) out += "*Tip:* " + sentence(rng) + "\n\n";
  }
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
};

int usage() {
  std::cerr << "usage: make_corpus OUT_DIR COUNT [--seed N] [--shapes NAME,NAME...]\nshapes:";
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
  std::vector<const Shape*> shapes;
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
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
    topic.title[0] = static_cast<char>(topic.title[0] >= 'a' && topic.title[0] <= 'z' ? topic.title[0] - 32 : topic.title[0]);
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
