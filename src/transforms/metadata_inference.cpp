#include "transforms/metadata_inference.hpp"

#include "text/line_shape.hpp"
#include "model/metadata.hpp"
#include "text/metadata_lines.hpp"
#include "text/text.hpp"
#include "transforms/boilerplate_rules.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

namespace handout {

namespace {

/// How many opening paragraphs are searched for the title and a byline.
constexpr std::size_t kOpeningParas = 8;
/// How far into the opening paragraphs (after furniture) a byline may stand and anchor the title.
constexpr std::size_t kBylineReach = 6;

bool is_plain_para(pugi::xml_node n) { return std::strcmp(n.name(), "para") == 0 && !n.attribute("role"); }

/// Returns a paragraph's text, whitespace collapsed; empty for text longer than any title or
/// metadata line (so long paragraphs cost one copy, not a scan per rule).
std::string plain(pugi::xml_node n) {
  const std::string raw = text_content(n, true);
  return raw.size() > 1000 ? std::string() : text::collapse_whitespace(raw);
}

std::string quoted_shown(std::string_view s) { return "\"" + std::string(s) + "\""; }

bool same_text(std::string_view a, std::string_view b) {
  return text::fold_case(text::collapse_whitespace(a)) == text::fold_case(text::collapse_whitespace(b));
}

class Inference {
 public:
  Inference(Document& doc, const TransformOptions& options, Diagnostics& diag)
      : doc_(doc), options_(options), diag_(diag), m_(read_metadata(doc)),
        rules_(load_boilerplate_rules(options.boilerplate_files)), keywords_given_(!m_.keywords.empty()),
        language_(m_.language.empty() ? std::string("en") : m_.language) {}

  void run() {
    opening_paras();
    find_title();
    std::vector<pugi::xml_node> paras;
    for (const auto& x : doc_.article().select_nodes(".//para")) {
      pugi::xml_node p = x.node();
      if (is_plain_para(p) && (p.parent() == doc_.article() || std::strcmp(p.parent().name(), "section") == 0)) {
        paras.push_back(p);
      }
    }
    for (pugi::xml_node p : paras) read_line(p);
    if (changed_) write_metadata(doc_, m_);
  }

 private:
  void note(const std::string& message) {
    if (options_.verbose) diag_.note(Code::metadata_moved, 0, 0, message);
  }

  void remove(pugi::xml_node p) { p.parent().remove_child(p); }

  /// The article's first paragraphs, before any other block, without furniture.
  void opening_paras() {
    for (pugi::xml_node c = doc_.article().first_child(); c && opening_.size() < kOpeningParas; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || std::strcmp(c.name(), "info") == 0) continue;
      if (!is_plain_para(c)) break;
      const std::string raw = text_content(c, true);
      if (text::trim(raw).empty() || rules_->match(raw)) continue;
      opening_.push_back(c);
    }
  }

  void find_title() {
    header_end_ = 2;  // a "By Name" line right under the title counts as a byline
    if (opening_.empty()) return;
    if (!m_.title.empty()) {
      if (same_text(plain(opening_.front()), m_.title)) {
        note("removed the opening line " + quoted_shown(plain(opening_.front())) + ": it repeats the title");
        remove(opening_.front());
        opening_.erase(opening_.begin());
      }
      return;
    }
    // Without a title, a plain opening paragraph followed by a dated byline is the title.
    std::size_t title = opening_.size();
    for (std::size_t i = 1; i < opening_.size() && i < kBylineReach; ++i) {
      if (classify_metadata_line(plain(opening_[i]), language_).dated()) {
        title = i - 1;
        break;
      }
    }
    if (title == opening_.size() || opening_[title].find_child([](pugi::xml_node c) {
          return c.type() == pugi::node_element;
        })) {
      return;
    }
    const std::string t = plain(opening_[title]);
    if (!line_shape::is_title_like(t) || classify_metadata_line(t, language_).kind != MetadataLineKind::none) return;
    // Short labels above the title (site and section names) are page furniture.
    for (std::size_t i = 0; i < title; ++i) {
      const std::string label = plain(opening_[i]);
      if (!line_shape::is_label_like(label)) continue;
      note("removed " + quoted_shown(label) + " before the title: a site or section name");
      remove(opening_[i]);
    }
    m_.title = t;
    changed_ = true;
    note("title " + quoted_shown(t) + " taken from the opening line");
    remove(opening_[title]);
    opening_.erase(opening_.begin(), opening_.begin() + static_cast<std::ptrdiff_t>(title) + 1);
  }

  bool in_header(pugi::xml_node p) const {
    const auto at = std::find(opening_.begin(), opening_.end(), p);
    return at != opening_.end() && static_cast<std::size_t>(at - opening_.begin()) < header_end_;
  }

  void read_line(pugi::xml_node p) {
    const std::string t = plain(p);
    MetadataLine line = classify_metadata_line(t, language_);
    if (!line.unread_date.empty()) {
      // Dates that were read are taken; the line stays, so nothing it says is lost.
      warn_once(unread_date_message(line, t));
      fill_date(m_.published, line.published, "published", t, false);
      fill_date(m_.updated, line.updated, "updated", t, false);
      mark_dateline(p);
      return;
    }
    switch (line.kind) {
      case MetadataLineKind::none: return;
      case MetadataLineKind::byline:
        if (!line.dated() && !in_header(p)) return;
        take_byline(line, t);
        break;
      case MetadataLineKind::dateline: {
        if (in_header(p) && take_byline_sentences(t)) break;
        // Both dates are filled, whichever took one.
        const bool took_published = fill_date(m_.published, line.published, "published", t, false);
        const bool took_updated = fill_date(m_.updated, line.updated, "updated", t, false);
        if (took_published || took_updated) {
          note("date of " + quoted_shown(t) + " taken into the metadata; the line stays (the rest of it is not a byline)");
        }
        mark_dateline(p);
        return;
      }
      case MetadataLineKind::copyright: take_copyright(t); break;
      case MetadataLineKind::source:
        if (!m_.source_url.empty() && m_.source_url != line.source_url) return;  // a second source is content
        if (m_.source_url.empty()) {
          m_.source_url = line.source_url;
          changed_ = true;
        }
        note("source line " + quoted_shown(t) + " moved to the metadata");
        break;
    }
    remove(p);
  }

  /// A line about the document kept in the body: role="dateline" keeps it out of the summary.
  static void mark_dateline(pugi::xml_node p) { p.append_attribute("role") = "dateline"; }

  /// Warns unless the reader already did (the text reader warns with the line number).
  void warn_once(const std::string& message) {
    for (const Diagnostic& d : diag_.items())
      if (d.severity == Severity::warning && d.message == message) return;
    diag_.warning(Code::date_unread, 0, 0, message);
  }

  /// Fills a date field the source left empty. The updated date is the latest one the bylines
  /// give (a page updated twice was last updated at the later date; a dateline, less sure,
  /// only fills an empty field); the published date the first. Returns true when the field
  /// took the value.
  bool fill_date(std::string& field, const std::string& value, const char* what, const std::string& line,
                 bool from_byline = true) {
    if (value.empty()) return false;
    const bool updated = &field == &m_.updated;
    const bool inferred = updated ? updated_inferred_ : published_inferred_;
    if (field.empty() || (updated && inferred && from_byline && value > field)) {
      if (!field.empty()) note(std::string(what) + " date " + field + " replaced by the later " + value + " in " + quoted_shown(line));
      field = value;
      (updated ? updated_inferred_ : published_inferred_) = true;
      changed_ = true;
      return true;
    }
    if (field != value) {
      note(std::string(what) + " date " + value + " in " + quoted_shown(line) + " ignored: the document already says " + field);
    }
    return false;
  }

  /// A header line made of several sentences, each a byline on its own ("Reviewed by the
  /// Diabetes Education Team. Last reviewed: January 30, 2026."): each is taken as a byline and
  /// true returned; false (nothing taken) when a sentence is anything else.
  bool take_byline_sentences(const std::string& t) {
    const std::vector<std::string> sentences = text::split_sentences(t);
    if (sentences.size() < 2) return false;
    std::vector<MetadataLine> lines;
    for (const std::string& s : sentences) {
      lines.push_back(classify_metadata_line(s, language_));
      if (lines.back().kind != MetadataLineKind::byline || !lines.back().unread_date.empty()) return false;
    }
    for (std::size_t i = 0; i < sentences.size(); ++i) take_byline(lines[i], sentences[i]);
    return true;
  }

  void take_byline(const MetadataLine& line, const std::string& t) {
    fill_date(m_.published, line.published, "published", t);
    fill_date(m_.updated, line.updated, "updated", t);
    if (m_.authors.empty() && (!line.authors.empty() || !line.organizations.empty())) {
      for (const std::string& a : line.authors) m_.authors.push_back({a, false});
      for (const std::string& o : line.organizations) m_.authors.push_back({o, true});
      changed_ = true;
    }
    for (const std::string& r : line.reviewers) {
      const bool known = std::any_of(m_.extra.begin(), m_.extra.end(),
                                     [&](const auto& kv) { return kv.first == "reviewer" && same_text(kv.second, r); });
      if (!known) m_.extra.emplace_back("reviewer", r), changed_ = true;
    }
    if (!keywords_given_) {
      for (const std::string& l : line.labels) {
        const bool known =
            std::any_of(m_.keywords.begin(), m_.keywords.end(), [&](const std::string& k) { return same_text(k, l); });
        if (!known) m_.keywords.push_back(l), changed_ = true;
      }
    }
    note(std::string("byline ") + quoted_shown(t) + " moved to the metadata" +
         (line.reading_time ? " (reading time dropped)" : ""));
  }

  void take_copyright(const std::string& t) {
    if (std::none_of(m_.legal.begin(), m_.legal.end(), [&](const std::string& l) { return same_text(l, t); })) {
      m_.legal.push_back(t);
    }
    if (m_.copyright_year.empty() && m_.copyright_holder.empty()) {
      if (auto parts = parse_copyright(t)) {
        m_.copyright_year = parts->year;
        m_.copyright_holder = parts->holder;
      }
    }
    changed_ = true;
    note("copyright line " + quoted_shown(t) + " moved to the legal notice");
  }

  Document& doc_;
  const TransformOptions& options_;
  Diagnostics& diag_;
  Metadata m_;
  std::shared_ptr<const BoilerplateRules> rules_;
  bool keywords_given_;
  std::string language_;  // the document's, "en" when it names none: decides how dates are read
  bool changed_ = false;
  bool updated_inferred_ = false;    // m_.updated came from a line, not from the source's metadata
  bool published_inferred_ = false;
  std::vector<pugi::xml_node> opening_;
  std::size_t header_end_ = 0;
};

}  // namespace

void infer_metadata(Document& doc, const TransformOptions& options, Diagnostics& diag) {
  Inference(doc, options, diag).run();
}

}  // namespace handout
