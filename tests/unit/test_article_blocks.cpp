// The article finder (src/readers/article_blocks.cpp): which lines of a copied web page are the
// article, which the site around it, and which line is the title. The pages below are sample
// material written for these tests in the shape of browser copies (not medical advice).
#include "readers/article_blocks.hpp"
#include "readers/registry.hpp"
#include "test_support.hpp"
#include "text/text.hpp"
#include "transforms/boilerplate_rules.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <string>
#include <vector>

using namespace handout;

namespace {

/// A page's lines (trimmed, as the text reader gives them) and what the finder decided.
struct Found {
  std::vector<std::string> lines;
  ArticleLines article;

  /// True when the line with exactly this text is kept.
  bool kept(std::string_view text) const {
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (lines[i] == text) return article.keep[i];
    FAIL("no line " << text);
    return false;
  }
  /// True when the last line with exactly this text is kept.
  bool kept_last(std::string_view text) const {
    for (std::size_t i = lines.size(); i-- > 0;)
      if (lines[i] == text) return article.keep[i];
    FAIL("no line " << text);
    return false;
  }
  /// The title's text, or "(none)".
  std::string title() const { return article.title ? lines[*article.title] : std::string("(none)"); }
  /// The kind of the run that left out the line with this text.
  std::string kind_of(std::string_view text) const {
    for (const SiteRun& run : article.left_out) {
      for (std::size_t i = run.first; i <= run.last; ++i)
        if (lines[i] == text) return std::string(site_kind_name(run.kind));
    }
    return "(kept)";
  }
};

Found find(std::string_view text) {
  Found f;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    f.lines.emplace_back(text::trim(text.substr(pos, end - pos)));
    pos = end + 1;
  }
  std::vector<std::string_view> views(f.lines.begin(), f.lines.end());
  f.article = find_article(views, *load_boilerplate_rules({}), *load_page_words(), "");
  REQUIRE(f.article.keep.size() == f.lines.size());
  return f;
}

// The article of every page below: six paragraphs, each set apart by blank lines as a browser
// copies <p> elements.
const char* const kArticle =
    "Washing your hands with soap and water is one of the simplest ways to stop germs from spreading at home, at "
    "work and in the clinic waiting room.\n\n"
    "Wet your hands with clean running water, turn off the tap and rub soap over the backs of your hands, between "
    "your fingers and under your nails.\n\n"
    "Keep scrubbing for at least twenty seconds. Humming a short song twice is an easy way to time it, and children "
    "often enjoy doing it with you.\n\n"
    "Rinse your hands well under running water and dry them with a clean towel, or let them dry in the air before "
    "you touch food or a wound.\n\n"
    "When soap and water are not at hand, a sanitiser with plenty of alcohol in it helps, but it does not remove "
    "every kind of germ or any dirt you can see.\n\n"
    "This page is sample material written to test the handout program. It is not medical advice, so follow what "
    "your own nurse tells you.\n";

}  // namespace

TEST_CASE("a site menu above the title and a footer menu go; the article and its title stay", "[article-blocks]") {
  const Found f = find(std::string("Northside Family Clinic\nHome\nServices\nFind a doctor\nLocations\nAbout us\n"
                                   "Contact\n\nClean Hands, Fewer Colds\nBy the Nursing Team | March 2, 2026\n\n") +
                       kArticle + "\nPatients\nVisitors\nCareers\nNews\nPrivacy policy\n");
  REQUIRE(f.article.found_site);
  CHECK(f.title() == "Clean Hands, Fewer Colds");
  CHECK_FALSE(f.kept("Home"));
  CHECK_FALSE(f.kept("Find a doctor"));
  CHECK_FALSE(f.kept("Careers"));
  CHECK(f.kind_of("Services") == "site menu");
  CHECK(f.kind_of("Visitors") == "site menu");
  CHECK(f.kept("Keep scrubbing for at least twenty seconds. Humming a short song twice is an easy way to time it, "
               "and children often enjoy doing it with you."));
  CHECK(f.kept("By the Nursing Team | March 2, 2026"));  // the byline stays for the metadata pass
}

TEST_CASE("a related-articles group after the article goes: its label and its link titles", "[article-blocks]") {
  const Found f = find(std::string("Home\nHealth A-Z\nLiving well\nContact us\n\nClean Hands, Fewer Colds\n\n") + kArticle +
                       "\nRelated articles\nHow to care for a small cut at home\nWhen a cough needs a doctor\n"
                       "Keeping your family well through flu season\nShare\nPrint\n");
  REQUIRE(f.article.found_site);
  CHECK_FALSE(f.kept("Related articles"));
  CHECK_FALSE(f.kept("How to care for a small cut at home"));
  CHECK_FALSE(f.kept("Keeping your family well through flu season"));
  CHECK(f.kept("Rinse your hands well under running water and dry them with a clean towel, or let them dry in the "
               "air before you touch food or a wound."));
}

TEST_CASE("a cookie banner above the title goes and is never the title", "[article-blocks]") {
  const Found f = find(std::string("We use cookies to improve your visit. By using this site you agree to our cookie "
                                   "policy.\nAccept all\nManage settings\nHome\nConditions\nClinics\nSign in\n\n"
                                   "Clean Hands, Fewer Colds\nUpdated March 2, 2026\n\n") +
                       kArticle);
  REQUIRE(f.article.found_site);
  CHECK(f.title() == "Clean Hands, Fewer Colds");
  CHECK_FALSE(f.kept("We use cookies to improve your visit. By using this site you agree to our cookie policy."));
  CHECK_FALSE(f.kept("Accept all"));
  CHECK(f.kind_of("Accept all") == "site menu");
}

TEST_CASE("comments after the article go, however long they are", "[article-blocks]") {
  std::string comments = "Comments\n";
  for (int i = 0; i < 6; ++i) {
    comments += "Sam on March " + std::to_string(i + 3) + ", 2026 at 9:14 am said:\n\n";
    comments += "Thank you for this reminder, I always forget the part about scrubbing under the nails and will "
                "teach it to my children tonight.\n\nReply\n";
  }
  const Found f = find(std::string("Home\nHealth A-Z\nLiving well\nContact us\n\nClean Hands, Fewer Colds\n\n") + kArticle +
                       "\n" + comments);
  REQUIRE(f.article.found_site);
  CHECK_FALSE(f.kept("Comments"));
  CHECK_FALSE(f.kept("Thank you for this reminder, I always forget the part about scrubbing under the nails and will "
                     "teach it to my children tonight."));
  CHECK(f.kind_of("Comments") == "comments");
  CHECK(f.kept("Washing your hands with soap and water is one of the simplest ways to stop germs from spreading at "
               "home, at work and in the clinic waiting room."));
}

TEST_CASE("a note with short lines and no site around it comes through whole", "[article-blocks]") {
  const Found f = find(
      "Things for Dad's visit\nMilk\nBread\nApples\nTea bags\nHis blue scarf\n\nCall the pharmacy about his refill on "
      "Friday.\nAsk the nurse whether he can walk to the park.\nBook the taxi for 10 a.m.\n");
  CHECK_FALSE(f.article.found_site);
  CHECK(f.article.left_out.empty());
  for (std::size_t i = 0; i < f.lines.size(); ++i) CHECK(f.article.keep[i]);
}

TEST_CASE("a clean wiki extract and a note with a lead-in list are no web pages", "[article-blocks]") {
  // Its tagline and footer are the boilerplate rules' to remove; nothing else goes.
  const Found wiki = find(
      "Hand washing\nFrom Samplewiki, the free encyclopedia\nHand washing is the act of cleaning the hands with soap "
      "and water to remove dirt and germs.\nHistory\nThe practice spread in hospitals during the nineteenth century, "
      "after doctors saw fewer infections on wards where staff washed.\nTechnique\nThe usual advice is to scrub every "
      "part of both hands for about twenty seconds:\nPalms\nBacks of the hands\nBetween the fingers\nUnder the "
      "nails\nRetrieved from \"https://samplewiki.example.org/wiki/Hand_washing\"\nCategories: Hygiene | Health\n");
  CHECK_FALSE(wiki.article.found_site);
  const Found note = find("Knee care\n\nMost days are easier now.\nWatch for:\nfever\nredness\nswelling that grows\n"
                          "Call the clinic if the wound leaks.\n");
  CHECK_FALSE(note.article.found_site);
}

TEST_CASE("a list under its lead-in is the article's; a table of contents is the site's", "[article-blocks]") {
  const Found f = find(std::string("Home\nHealth A-Z\nLiving well\nContact us\n\nClean Hands, Fewer Colds\n\n"
                                   "On this page\nWhen to wash\nHow to wash\nNo soap nearby\n\n") +
                       "Germs spread easily from hands to the eyes, nose and mouth, so washing at the right moments "
                       "matters as much as washing well.\n\nWhen to wash\nWash your hands at these times:\nBefore eating\n"
                       "After the toilet\nAfter coughing\nAfter gardening\nA quick wash at each of these moments stops "
                       "most germs from reaching your food.\n\nHow to wash\n" +
                       kArticle +
                       "\nNo soap nearby\nA wet wipe takes off dirt you can see, and a little sanitiser after it does the "
                       "rest until you reach a tap.\n\nAbout us\nCareers\nPress\nContact\n");
  REQUIRE(f.article.found_site);
  CHECK(f.kept("Before eating"));
  CHECK(f.kept("After gardening"));
  CHECK(f.kept("Wash your hands at these times:"));
  CHECK(f.kept("A wet wipe takes off dirt you can see, and a little sanitiser after it does the rest until you reach "
               "a tap."));
  CHECK_FALSE(f.kept("On this page"));
  CHECK_FALSE(f.kept("How to wash"));  // the entry goes, the heading it links to stays
  CHECK(f.kept_last("How to wash"));
  CHECK(f.kind_of("On this page") == "table of contents");
}

TEST_CASE("each run left out is one --verbose note: where, how many lines, what, the first lines", "[article-blocks]") {
  const std::string page = std::string("Northside Family Clinic\nHome\nServices\nFind a doctor\nLocations\nAbout us\n"
                                       "Contact\n\nClean Hands, Fewer Colds\n\n") +
                           kArticle;
  Diagnostics diag("page.txt");
  SourceText src = decode_source("page.txt", page, diag);
  const Document doc = read_text(src, ReaderOptions{}, diag);
  CHECK(doc.title() == "Clean Hands, Fewer Colds");
  CHECK(handout::test::count_messages(
            diag, "left out 7 lines of site menu (to line 7): \"Northside Family Clinic\", \"Home\", \"Services\", \xE2\x80\xA6") ==
        1);
}

TEST_CASE("the finder stays linear: 200,000 menu lines and a page of prose in bounded time", "[article-blocks]") {
  // Linear, whatever the machine or sanitizer: 8 times the menu lines may cost at most 16 times
  // the time (a quadratic finder would cost 64 times).
  auto page_with = [](int menu_lines) {
    std::string page;
    for (int i = 0; i < menu_lines; ++i) page += i % 7 == 0 ? "Home\n" : "Menu item " + std::to_string(i % 50) + "\n";
    return page + "\nClean Hands, Fewer Colds\n\n" + kArticle;
  };
  // This thread's CPU time, not the wall clock: other processes on a loaded machine (the other
  // tests) slowed one of the two runs and not the other, and failed the check once.
  auto cpu_seconds = [] {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  };
  auto timed = [&](const std::string& page, Found& out) {
    const double start = cpu_seconds();
    out = find(page);
    return cpu_seconds() - start;
  };
  Found small, f;
  const double small_seconds = timed(page_with(25000), small);
  const double seconds = timed(page_with(200000), f);
  CHECK(seconds < 16.0 * small_seconds + 0.5);
  CHECK(f.article.found_site);
  CHECK(f.title() == "Clean Hands, Fewer Colds");
  CHECK_FALSE(f.kept("Home"));
}

TEST_CASE("word lists: one file per language, lists of words, errors name the file and line", "[article-blocks]") {
  PageWords words;
  words.add_file("# a comment\nstop:\n  the of\n  and # more\nsite: share\ncomment: Reply\n", "en", "en.txt");
  REQUIRE(words.stop_words.count("en") == 1);
  CHECK(words.stop_words.at("en").size() == 3);
  CHECK(words.site_words.size() == 1);
  CHECK(words.comment_words.size() == 1);
  const auto error = [](std::string_view text) {
    try {
      PageWords w;
      w.add_file(text, "en", "en.txt");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK(error("the of\n") == "en.txt:1: a word before any list (stop:, site:, comment:)");
  CHECK(error("stop:\n the\nwords: of\n") == "en.txt:3: unknown list 'words' (expected stop:, site:, comment:)");
  CHECK(error("stop:\n  a,b\n") == "en.txt:2: 'a,b' is not one word");
  // The shipped English lists load.
  const auto shipped = load_page_words();
  CHECK(shipped->stop_words.count("en") == 1);
  CHECK(shipped->site_words.size() > 50);
}

TEST_CASE("a footer's heading goes with the footer it heads: no heading is kept for nothing", "[article-blocks]") {
  const Found f = find(std::string("Northside Family Clinic\nHome\nServices\nFind a doctor\nContact\n\n"
                                   "Clean Hands, Fewer Colds\n\n") +
                       kArticle +
                       "\nOpening times\nMonday to Friday: 8 a.m. to 6 p.m.\nSaturday: 9 a.m. to noon\n"
                       "Northside Family Clinic | 12 Oak Row\nPrivacy policy\nAccessibility\n");
  REQUIRE(f.article.found_site);
  CHECK_FALSE(f.kept("Opening times"));
  CHECK_FALSE(f.kept("Saturday: 9 a.m. to noon"));
  CHECK(f.kept("This page is sample material written to test the handout program. It is not medical advice, so "
               "follow what your own nurse tells you."));
}
