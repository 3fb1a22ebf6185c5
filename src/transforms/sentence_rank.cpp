#include "transforms/sentence_rank.hpp"

#include "text/text.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace handout {

namespace {

/// English function words: they say nothing about what a sentence is about.
bool is_function_word(std::string_view w) {
  static const std::unordered_set<std::string_view> kWords = {
      "a",     "an",    "the",   "and",   "or",    "but",   "nor",   "so",    "yet",   "of",    "to",    "in",
      "on",    "at",    "by",    "for",   "with",  "from",  "into",  "onto",  "over",  "under", "about", "as",
      "than",  "then",  "that",  "this",  "these", "those", "there", "here",  "it",    "its",   "is",    "are",
      "was",   "were",  "be",    "been",  "being", "am",    "do",    "does",  "did",   "done",  "have",  "has",
      "had",   "having", "can",  "could", "will",  "would", "shall", "should", "may",  "might", "must",  "not",
      "no",    "you",   "your",  "yours", "we",    "our",   "us",    "i",     "me",    "my",    "he",    "him",
      "his",   "she",   "her",   "they",  "them",  "their", "what",  "which", "who",   "whom",  "whose", "when",
      "where", "why",   "how",   "if",    "because", "while", "also", "too",  "very",  "more",  "most",  "some",
      "any",   "all",   "each",  "every", "such",  "other", "only",  "just",  "own",   "same",  "one",   "up",
      "out",   "down",  "off",   "again", "once",  "after", "before", "during", "until", "both", "either", "get"};
  return kWords.count(w) != 0;
}

}  // namespace

std::vector<std::string> rank_terms(std::string_view text) {
  std::vector<std::string> out;
  const std::string folded = text::fold_case(text);
  std::string word;
  auto flush = [&] {
    // Apostrophes inside a word ("don't") stay; a possessive "'s" goes.
    if (word.size() > 2 && word.compare(word.size() - 2, 2, "'s") == 0) word.resize(word.size() - 2);
    if (!word.empty() && !is_function_word(word)) {
      if (word.size() >= 4 && word.back() == 's' && word[word.size() - 2] != 's') word.pop_back();
      out.push_back(word);
    }
    word.clear();
  };
  for (std::size_t i = 0; i < folded.size();) {
    const std::size_t start = i;
    const char32_t cp = text::next_code_point(folded, i);
    const bool letter = cp >= 0x80 || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
    if (letter) {
      word.append(folded, start, i - start);
    } else if (cp == '\'' && !word.empty()) {
      word += '\'';
    } else {
      flush();
    }
  }
  flush();
  return out;
}

SentenceGraph::SentenceGraph(const std::vector<std::string>& sentences) {
  const std::size_t n = std::min(sentences.size(), kMaxRankedSentences);
  std::unordered_map<std::string, std::size_t> ids;
  std::vector<std::size_t> df;
  std::vector<std::unordered_map<std::size_t, double>> counts(n);
  terms_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    terms_[i] = rank_terms(sentences[i]);
    for (const std::string& t : terms_[i]) {
      auto [it, added] = ids.try_emplace(t, ids.size());
      if (added) df.push_back(0);
      if (counts[i][it->second]++ == 0) ++df[it->second];
    }
  }
  vectors_.resize(n);
  norms_.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& [id, tf] : counts[i]) {
      // Smoothed idf: a term in every sentence still counts a little.
      const double idf = std::log(1.0 + static_cast<double>(n) / static_cast<double>(df[id]));
      const double w = tf * idf;
      vectors_[i].push_back({id, w});
      norms_[i] += w * w;
    }
    std::sort(vectors_[i].begin(), vectors_[i].end(), [](const Term& a, const Term& b) { return a.id < b.id; });
    norms_[i] = std::sqrt(norms_[i]);
  }
}

double SentenceGraph::similarity(std::size_t i, std::size_t j) const {
  if (norms_[i] == 0 || norms_[j] == 0) return 0;
  const auto& a = vectors_[i];
  const auto& b = vectors_[j];
  double dot = 0;
  for (std::size_t x = 0, y = 0; x < a.size() && y < b.size();) {
    if (a[x].id < b[y].id) {
      ++x;
    } else if (b[y].id < a[x].id) {
      ++y;
    } else {
      dot += a[x++].weight * b[y++].weight;
    }
  }
  return dot / (norms_[i] * norms_[j]);
}

namespace {

/// The share of terms' distinct members found in other.
double share_in(const std::vector<std::string>& terms, const std::unordered_set<std::string>& other) {
  if (terms.empty() || other.empty()) return 0;
  const std::unordered_set<std::string> mine(terms.begin(), terms.end());
  std::size_t hits = 0;
  for (const std::string& t : mine) hits += other.count(t);
  return static_cast<double>(hits) / static_cast<double>(mine.size());
}

std::unordered_set<std::string> term_set(std::string_view text) {
  const std::vector<std::string> terms = rank_terms(text);
  return {terms.begin(), terms.end()};
}

}  // namespace

double SentenceGraph::overlap(std::size_t i, std::string_view text) const { return share_in(terms_[i], term_set(text)); }

std::vector<double> SentenceGraph::centrality(double damping, double threshold) const {
  const std::size_t n = size();
  if (n == 0) return {};
  // Edge weights, each row normalised to sum to 1 (a sentence with no edge jumps anywhere).
  std::vector<std::vector<std::pair<std::size_t, double>>> out_edges(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double s = similarity(i, j);
      if (s >= threshold) {
        out_edges[i].push_back({j, s});
        out_edges[j].push_back({i, s});
      }
    }
  }
  std::vector<double> row_sum(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& e : out_edges[i]) row_sum[i] += e.second;
  std::vector<double> p(n, 1.0 / static_cast<double>(n)), next(n);
  for (int iteration = 0; iteration < 100; ++iteration) {
    double dangling = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (row_sum[i] == 0) dangling += p[i];
    std::fill(next.begin(), next.end(), (1 - damping) / static_cast<double>(n) + damping * dangling / static_cast<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
      if (row_sum[i] == 0) continue;
      for (const auto& [j, w] : out_edges[i]) next[j] += damping * p[i] * w / row_sum[i];
    }
    double change = 0;
    for (std::size_t i = 0; i < n; ++i) change += std::abs(next[i] - p[i]);
    p.swap(next);
    if (change < 1e-9) break;
  }
  return p;
}

std::vector<double> rank_sentences(const std::vector<std::string>& sentences, const std::vector<SentencePlace>& places,
                                   std::string_view title, const RankWeights& weights) {
  std::vector<double> scores = rank_sentences(SentenceGraph(sentences), places, title, weights);
  scores.resize(sentences.size(), 0);
  return scores;
}

std::vector<double> rank_sentences(const SentenceGraph& graph, const std::vector<SentencePlace>& places,
                                   std::string_view title, const RankWeights& weights) {
  std::vector<double> scores(graph.size(), 0);
  const std::vector<double> c = graph.centrality(weights.damping, weights.threshold);
  const double top = c.empty() ? 0 : *std::max_element(c.begin(), c.end());
  const std::unordered_set<std::string> title_terms = term_set(title);
  std::string heading;  // the terms of the last heading seen (sentences come in runs under one)
  std::unordered_set<std::string> heading_terms;
  for (std::size_t i = 0; i < graph.size(); ++i) {
    double s = top > 0 ? c[i] / top : 0;
    s += weights.title * share_in(graph.terms(i), title_terms);
    if (i < places.size()) {
      const SentencePlace& place = places[i];
      if (place.heading != heading) {
        heading = place.heading;
        heading_terms = term_set(heading);
      }
      if (!place.heading.empty()) s += weights.heading * share_in(graph.terms(i), heading_terms);
      if (place.opens_section) s += weights.opens_section;
      else if (place.opens_paragraph) s += weights.opens_paragraph;
      s += weights.cue * place.cue;
    }
    scores[i] = s;
  }
  return scores;
}

}  // namespace handout
