// Extractive sentence ranking without training data: LexRank (Erkan & Radev 2004, "LexRank:
// Graph-based lexical centrality as salience in text summarization") — eigenvector centrality
// over a graph whose edges are the idf-weighted cosine similarities of the sentences — combined
// with Edmundson's (1969, "New methods in automatic extracting") title, location and cue
// methods: a sentence that shares words with the title or its section's heading, opens a section
// or paragraph, or holds bonus words rather than stigma words, is more likely a key sentence.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace handout {

/// Where a sentence stands in the document: the location and heading cues.
struct SentencePlace {
  bool opens_paragraph = false;  ///< first sentence of its paragraph or list item
  bool opens_section = false;    ///< first sentence of its section (or of the text before the first)
  std::string heading;           ///< the title of its section, empty before the first
  double cue = 0;                ///< Edmundson's cue: + for bonus words, - for stigma words (the caller's language)
};

/// How the cues are weighed against centrality (which is scaled to at most 1).
struct RankWeights {
  double title = 0.5;      ///< times the share of the sentence's words found in the title
  double heading = 0.2;     ///< times the share found in its section's heading
  double opens_section = 0.25;
  double opens_paragraph = 0.1;
  double cue = 0.5;         ///< times the cue value
  double damping = 0.85;    ///< LexRank's random-jump damping
  double threshold = 0.1;   ///< similarities under this are not edges
};

/// At most this many sentences are ranked (the first ones); the graph is quadratic in them.
inline constexpr std::size_t kMaxRankedSentences = 300;

/// The sentences of one document as term vectors, with their pairwise similarity.
class SentenceGraph {
 public:
  /// Builds term vectors (words folded to lower case, English function words dropped, a plural
  /// "s" stripped) weighted by tf × idf over these sentences; only the first
  /// kMaxRankedSentences are kept.
  explicit SentenceGraph(const std::vector<std::string>& sentences);

  /// Returns the number of sentences held.
  std::size_t size() const { return vectors_.size(); }
  /// Returns the idf-modified cosine similarity of sentences i and j (0 to 1).
  double similarity(std::size_t i, std::size_t j) const;
  /// Returns sentence i's terms, as rank_terms gives them.
  const std::vector<std::string>& terms(std::size_t i) const { return terms_[i]; }
  /// Returns the share (0 to 1) of sentence i's distinct terms that occur in text.
  double overlap(std::size_t i, std::string_view text) const;
  /// Returns each sentence's LexRank centrality (continuous: similarities at or above threshold
  /// are edge weights), by power iteration; the values sum to 1.
  std::vector<double> centrality(double damping, double threshold) const;

 private:
  struct Term {
    std::size_t id;
    double weight;
  };
  std::vector<std::vector<Term>> vectors_;  ///< sorted by id
  std::vector<std::vector<std::string>> terms_;
  std::vector<double> norms_;
};

/// Returns the terms of text as the ranking sees them (lower case, function words dropped, a
/// final plural "s" stripped from words of four letters or more).
std::vector<std::string> rank_terms(std::string_view text);

/// Scores sentences: LexRank centrality scaled so the most central is 1, plus the weighted
/// title, heading and location cues. Sentences past kMaxRankedSentences score 0.
std::vector<double> rank_sentences(const std::vector<std::string>& sentences, const std::vector<SentencePlace>& places,
                                   std::string_view title, const RankWeights& weights = {});

/// Same, over a graph already built (to reuse its similarities afterwards).
std::vector<double> rank_sentences(const SentenceGraph& graph, const std::vector<SentencePlace>& places,
                                   std::string_view title, const RankWeights& weights = {});

}  // namespace handout
