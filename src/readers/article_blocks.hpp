// The article finder: which lines of a web page copied as text (Ctrl+A, Ctrl+C) are the
// article and which are the site around it (menus, link lists, share rows, cookie and newsletter
// notices, comments, footers), and which line is the article's title. The text reader calls it
// before it reads the lines' shapes. See src/readers/README.md, "Finding the article".
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace handout {

class BoilerplateRules;

/// The word lists the finder counts (styles/page-words/TAG.txt, one file per language keyed by
/// its BCP 47 tag): stop words per language, and the site and comment words of every language
/// together. Words are held as 64-bit hashes of their lowercased UTF-8 (’ read as ').
struct PageWords {
  std::map<std::string, std::unordered_set<std::uint64_t>> stop_words;
  std::unordered_set<std::uint64_t> site_words;
  std::unordered_set<std::uint64_t> comment_words;

  /// Adds the lists of one language's file: "stop:", "site:" and "comment:" each start a list
  /// of words separated by white space; "#" starts a comment. Throws std::runtime_error
  /// "FILE:LINE: ..." for words before any list, an unknown list name or a word list entry
  /// that is not one word.
  void add_file(std::string_view text, const std::string& tag, const std::string& file);
};

/// Returns the files of styles/page-words/ (one per language, TAG.txt), sorted.
std::vector<std::filesystem::path> page_word_files();

/// Returns the lists of the shipped styles/page-words/ files (empty lists when there are
/// none), read once per change of the files and shared; safe from several threads. Throws
/// std::runtime_error naming the file when one is malformed.
std::shared_ptr<const PageWords> load_page_words();

/// What a run of left-out lines was taken for (it names the run in the --verbose note).
enum class SiteKind {
  above_title,   ///< site header, menus and section names above the title
  below_title,   ///< captions, credits and share rows between the title and the article
  menu,          ///< a run of short labels
  links,         ///< titles of other pages (related articles, most read)
  notices,       ///< the site talking about itself: sign-in, cookies, newsletters, sharing
  comments,      ///< a comments section and what follows it
  contents,      ///< the page's table of contents (its entries come back as headings)
  after_article, ///< other text after the article
};

/// A run of lines left out of the article: lines [first, last] of the input (blank lines
/// inside it included), `count` of them with text.
struct SiteRun {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t count = 0;
  SiteKind kind = SiteKind::after_article;
};

/// What the finder decided for one page.
struct ArticleLines {
  /// False when the text shows no site around it (a note, a clean extract): nothing is left
  /// out and the title is for the reader to find.
  bool found_site = false;
  /// Per input line: true when it stays (the article, its title and byline, blank lines,
  /// copyright and source lines anywhere).
  std::vector<bool> keep;
  /// The title line, when found_site and one was found above or at the start of the article.
  std::optional<std::size_t> title;
  /// The byline or date line right under the title, when there is one.
  std::optional<std::size_t> byline;
  /// The runs left out, in order.
  std::vector<SiteRun> left_out;
};

/// Decides, for lines (the text's lines after any front matter, trimmed; blank ones included),
/// which are the article. language is a BCP 47 tag from front matter, or empty (then the page's
/// words tell). Linear in the total length of the lines.
ArticleLines find_article(const std::vector<std::string_view>& lines, const BoilerplateRules& rules,
                          const PageWords& words, std::string_view language);

/// Returns the short name of a kind for notes ("site menu", "links to other pages", ...).
std::string_view site_kind_name(SiteKind kind);

}  // namespace handout
