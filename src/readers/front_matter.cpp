#include "readers/front_matter.hpp"

#include "readers/quoted_scalars.hpp"
#include "text/dates.hpp"
#include "text/language_detection.hpp"
#include "text/messages.hpp"
#include "text/text.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>

namespace handout {

namespace {

bool is_fence(std::string_view line, bool closing) {
  std::string_view t = line;
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return t == "---" || (closing && t == "...");
}

/// True when line looks like the start of a YAML mapping entry or a comment.
bool looks_like_yaml(std::string_view line) {
  const std::string_view t = text::trim(line);
  if (t.empty()) return false;
  if (t[0] == '#') return true;
  const std::size_t colon = t.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (colon + 1 < t.size() && t[colon + 1] != ' ' && t[colon + 1] != '\t') return false;
  const std::string_view key = t.substr(0, colon);
  if (key.front() == '"' || key.front() == '\'') return true;
  return std::none_of(key.begin(), key.end(), [](char c) { return c == '[' || c == '{' || c == '*'; });
}

std::string normalize_key(std::string_view key) {
  std::string k(text::trim(key));
  for (char& c : k) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == ' ') c = '_';
  }
  return k;
}

bool key_in(const std::string& key, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), key) != names.end();
}

/// Walks YAML nodes with a budget, so alias bombs and huge scalars end in a clear error.
class Budget {
 public:
  Budget(FrontMatterLimits limits, int yaml_line) : limits_(limits), yaml_line_(yaml_line) {}

  void visit(const YAML::Node& n) {
    if (++nodes_ > limits_.max_nodes) {
      fail(n, "front matter expands to more than " + std::to_string(limits_.max_nodes) +
                  " YAML nodes (aliases?; raise the limit with --limit yaml-nodes=N)");
    }
    if (n.IsScalar()) {
      text_ += n.Scalar().size();
      if (text_ > limits_.max_text) {
        fail(n, "front matter holds more than " + std::to_string(limits_.max_text) +
                    " bytes of text (raise the limit with --limit yaml-bytes=N)");
      }
    }
  }

  /// Checks a whole subtree against the budget before it is turned into text.
  void check_tree(const YAML::Node& n, int depth = 0) {
    visit(n);
    if (depth > 200) fail(n, "front matter nested more than 200 levels deep");
    if (n.IsSequence()) {
      for (const auto& child : n) check_tree(child, depth + 1);
    } else if (n.IsMap()) {
      for (const auto& kv : n) {
        check_tree(kv.first, depth + 1);
        check_tree(kv.second, depth + 1);
      }
    }
  }

  [[noreturn]] void fail(const YAML::Node& n, const std::string& message) const {
    const YAML::Mark mark = n.Mark();
    throw SourceError(Code::front_matter_invalid, mark.line >= 0 ? yaml_line_ + mark.line : yaml_line_, mark.column >= 0 ? mark.column + 1 : 0,
                      message);
  }

 private:
  FrontMatterLimits limits_;
  int yaml_line_;
  std::size_t nodes_ = 0;
  std::size_t text_ = 0;
};

/// Returns a node as text: a scalar as written, anything else as flow-style YAML.
std::string node_text(const YAML::Node& n) {
  if (n.IsNull()) return {};
  if (n.IsScalar()) return n.Scalar();
  YAML::Emitter out;
  out << YAML::Flow << n;
  return out.c_str();
}

/// Returns the strings of a scalar or a sequence of scalars; a scalar is split at commas when split.
std::vector<std::string> string_list(const YAML::Node& n, bool split) {
  std::vector<std::string> items;
  auto add = [&](std::string_view s) {
    const std::string v = text::collapse_whitespace(s);
    if (!v.empty()) items.push_back(v);
  };
  if (n.IsSequence()) {
    for (const auto& child : n) add(node_text(child));
  } else if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    if (!split) {
      add(s);
    } else {
      std::size_t start = 0;
      while (start <= s.size()) {
        std::size_t comma = s.find(',', start);
        if (comma == std::string::npos) comma = s.size();
        add(std::string_view(s).substr(start, comma - start));
        start = comma + 1;
      }
    }
  }
  return items;
}

std::vector<Person> people(const YAML::Node& n, bool organization) {
  std::vector<Person> out;
  auto add = [&](const YAML::Node& item) {
    if (item.IsMap()) {
      for (const char* key : {"name", "fullname", "full_name", "title"}) {
        if (item[key] && item[key].IsScalar()) {
          const bool org = organization || (item["type"] && item["type"].IsScalar() &&
                                            normalize_key(item["type"].Scalar()) == "organization");
          out.push_back({text::collapse_whitespace(item[key].Scalar()), org});
          return;
        }
      }
    } else if (item.IsScalar()) {
      const std::string name = text::collapse_whitespace(item.Scalar());
      if (!name.empty()) out.push_back({name, organization});
    }
  };
  if (n.IsSequence()) {
    for (const auto& item : n) add(item);
  } else {
    add(n);
  }
  return out;
}

bool looks_like_url(std::string_view s) {
  const std::string_view t = text::trim(s);
  return t.find("://") != std::string_view::npos || t.rfind("www.", 0) == 0;
}

}  // namespace

FrontMatterBlock find_front_matter(std::string_view text) {
  FrontMatterBlock block;
  const std::size_t first_end = text.find('\n');
  if (first_end == std::string_view::npos || !is_fence(text.substr(0, first_end), false)) return block;
  // Look at the first non-blank line after the fence: YAML-like, or the closing fence itself.
  std::size_t pos = first_end + 1;
  int line = 2;
  bool yaml_like = false;
  for (std::size_t p = pos; p < text.size();) {
    std::size_t e = text.find('\n', p);
    if (e == std::string_view::npos) e = text.size();
    const std::string_view l = text.substr(p, e - p);
    if (!text::trim(l).empty()) {
      yaml_like = looks_like_yaml(l) || is_fence(l, true);
      break;
    }
    p = e + 1;
  }
  if (!yaml_like) return block;
  block.open_line = 1;
  block.yaml_line = 2;
  while (pos <= text.size()) {
    std::size_t e = text.find('\n', pos);
    const bool last = e == std::string_view::npos;
    if (last) e = text.size();
    if (is_fence(text.substr(pos, e - pos), true)) {
      block.present = true;
      block.yaml = text.substr(first_end + 1, pos - (first_end + 1));
      block.body_offset = last ? text.size() : e + 1;
      block.body_line = line + 1;
      return block;
    }
    if (last) break;
    pos = e + 1;
    ++line;
  }
  throw SourceError(Code::front_matter_invalid, 1, 1, "front matter opened here is never closed (expected a line holding only '---')");
}

std::string unescape_exported_text(std::string_view s) {
  if (s.find('\n') != std::string_view::npos || s.find("\\n") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    const char next = s[i + 1];
    switch (next) {
      case 'n': out += '\n'; ++i; break;
      case 't': out += '\t'; ++i; break;
      case 'r': ++i; break;
      case '"': out += '"'; ++i; break;
      case '/': out += '/'; ++i; break;
      case '\\': out += '\\'; ++i; break;
      default: out += '\\'; break;  // Markdown escapes such as \* stay as written.
    }
  }
  return out;
}

namespace {

/// A front-matter date in the document's language, else with English month names (tools write
/// "April 10, 2026" whatever the text's language), numeric dates in the language's order.
std::optional<std::string> read_front_matter_date(const std::string& raw, const DateLocale& locale) {
  if (auto iso = normalize_date(raw, locale)) return iso;
  if (locale.words == nullptr) return std::nullopt;
  DateLocale english = locale;
  english.words = nullptr;
  return normalize_date(raw, english);
}

}  // namespace

FrontMatter parse_front_matter(const FrontMatterBlock& block, Diagnostics& diag, FrontMatterLimits limits) {
  FrontMatter fm;
  if (!block.present) return fm;
  // Before yaml-cpp builds its nodes (a few hundred bytes each): a block that cannot fit the
  // budget is refused from its size and its count of lines and flow items.
  if (block.yaml.size() > limits.max_text) {
    throw SourceError(Code::limit_exceeded, block.open_line, 1, "front matter holds more than " + std::to_string(limits.max_text) +
                                              " bytes of text (raise the limit with --limit yaml-bytes=N)");
  }
  const auto items = static_cast<std::size_t>(std::count_if(block.yaml.begin(), block.yaml.end(),
                                                            [](char c) { return c == '\n' || c == ','; }));
  if (items > limits.max_nodes) {
    throw SourceError(Code::limit_exceeded, block.open_line, 1, "front matter has more than " + std::to_string(limits.max_nodes) +
                                              " lines and list items (raise the limit with --limit yaml-nodes=N)");
  }
  // yaml-cpp ends an unclosed quote at the end of the block, reading the keys after it into the value.
  if (const auto broken = find_broken_quoted_scalar(block.yaml)) {
    const std::string quote(1, broken->quote);
    throw SourceError(Code::front_matter_invalid, block.yaml_line + broken->line, broken->column + 1,
                      broken->stray_line < 0
                          ? "malformed YAML front matter: quoted value opened here is never closed (a closing " + quote +
                                " is missing)"
                          : "malformed YAML front matter: quoted value opened here runs into line " +
                                std::to_string(block.yaml_line + broken->stray_line) +
                                ", which is not indented under it (a closing " + quote + " is missing?)");
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(block.yaml));
  } catch (const YAML::Exception& e) {
    const int line = e.mark.line >= 0 ? block.yaml_line + e.mark.line : block.open_line;
    throw SourceError(Code::front_matter_invalid, line, e.mark.column >= 0 ? e.mark.column + 1 : 0, "malformed YAML front matter: " + e.msg);
  }
  if (root.IsNull()) return fm;
  Budget budget(limits, block.yaml_line);
  if (!root.IsMap()) budget.fail(root, "front matter must be a mapping of keys to values");
  budget.check_tree(root);

  Metadata& m = fm.metadata;
  auto line_of = [&](const YAML::Node& n) { return n.Mark().line >= 0 ? block.yaml_line + n.Mark().line : block.yaml_line; };
  auto keep = [&](const std::string& key, const YAML::Node& value) {
    if (value.IsSequence() && std::all_of(value.begin(), value.end(), [](const YAML::Node& v) { return v.IsScalar(); })) {
      for (const auto& v : value) m.extra.emplace_back(key, v.Scalar());
    } else {
      m.extra.emplace_back(key, node_text(value));
    }
  };
  // Dates are read in the declared language (wherever its key stands); what that cannot read
  // waits for the document's language (read_pending_dates).
  std::string declared;
  for (const auto& kv : root) {
    if (key_in(normalize_key(node_text(kv.first)), {"lang", "language", "locale"}) && kv.second.IsScalar()) {
      declared = std::string(text::trim(kv.second.Scalar()));
      std::replace(declared.begin(), declared.end(), '_', '-');
      break;
    }
  }
  const DateLocale locale = date_locale(is_language_tag(declared) ? declared : std::string());
  auto set_date = [&](std::string& field, const std::string& key, const YAML::Node& value) {
    const std::string raw = node_text(value);
    if (auto iso = read_front_matter_date(raw, locale); iso && field.empty()) {
      field = *iso;
    } else {
      if (!iso) fm.pending_dates.push_back({&field == &m.updated, key, raw, line_of(value)});
      keep(key, value);
    }
  };

  for (const auto& kv : root) {
    const std::string key = node_text(kv.first);
    const std::string k = normalize_key(key);
    const YAML::Node& v = kv.second;
    const bool scalar = v.IsScalar();
    if (k == "title" && scalar && m.title.empty()) {
      m.title = text::collapse_whitespace(v.Scalar());
    } else if (k == "subtitle" && scalar && m.subtitle.empty()) {
      m.subtitle = text::collapse_whitespace(v.Scalar());
    } else if (k == "question" && scalar && fm.question.empty()) {
      fm.question = text::collapse_whitespace(unescape_exported_text(v.Scalar()));
    } else if (key_in(k, {"author", "authors", "by", "byline", "creator", "creators"}) && !v.IsNull()) {
      auto found = people(v, false);
      if (found.empty()) keep(key, v);
      m.authors.insert(m.authors.end(), found.begin(), found.end());
    } else if (key_in(k, {"organization", "organisation", "org"}) && !v.IsNull()) {
      auto found = people(v, true);
      if (found.empty()) keep(key, v);
      m.authors.insert(m.authors.end(), found.begin(), found.end());
    } else if (key_in(k, {"date", "published", "pubdate", "publish_date", "publishdate", "date_published",
                          "published_at", "published_on", "created", "created_at"}) && scalar) {
      set_date(m.published, key, v);
    } else if (key_in(k, {"updated", "last_updated", "lastmod", "last_modified", "modified", "date_modified",
                          "updated_at", "updated_on", "reviewed", "last_reviewed", "review_date", "reviewed_on",
                          "date_reviewed"}) && scalar) {
      set_date(m.updated, key, v);
    } else if (key_in(k, {"lang", "language", "locale"}) && scalar && m.language.empty()) {
      std::string tag(text::trim(v.Scalar()));
      std::replace(tag.begin(), tag.end(), '_', '-');
      if (is_language_tag(tag)) {
        m.language = tag;
      } else {
        diag.warning(Code::language_invalid, line_of(v), 0, "language '" + v.Scalar() + "' is not a BCP 47 tag; kept as meta:" + key);
        keep(key, v);
      }
    } else if (key_in(k, {"summary", "description", "abstract", "excerpt", "lead", "teaser"}) && scalar &&
               m.summary.empty()) {
      m.summary = text::trim(unescape_exported_text(v.Scalar()));
    } else if (key_in(k, {"tags", "keywords", "categories", "topics"}) && (scalar || v.IsSequence())) {
      for (auto& kw : string_list(v, true)) {
        if (std::find(m.keywords.begin(), m.keywords.end(), kw) == m.keywords.end()) m.keywords.push_back(kw);
      }
    } else if (key_in(k, {"copyright", "license", "licence", "rights"}) && (scalar || v.IsSequence())) {
      for (auto& line : string_list(v, false)) {
        if (auto parts = parse_copyright(line); parts && m.copyright_year.empty()) {
          m.copyright_year = parts->year;
          m.copyright_holder = parts->holder;
        }
        m.legal.push_back(line);
      }
    } else if (key_in(k, {"source", "source_url", "url", "canonical", "canonical_url", "link", "permalink",
                          "original_url", "original"}) && scalar && m.source_url.empty() &&
               looks_like_url(v.Scalar())) {
      std::string url(text::trim(v.Scalar()));
      if (url.rfind("www.", 0) == 0) url = "https://" + url;
      m.source_url = url;
    } else if (key_in(k, {"answer", "content", "body", "text", "markdown"}) && scalar && fm.body_key.empty()) {
      fm.body = unescape_exported_text(v.Scalar());
      fm.body_key = key;
      fm.body_line = line_of(v);
    } else if (!v.IsNull() || !key.empty()) {
      keep(key, v);
    }
  }
  return fm;
}

std::string document_language(const std::string& declared, std::string_view text, Diagnostics& diag) {
  std::string language = declared;
  if (language.empty()) {
    const DetectedLanguage found = detect_language(text);
    if (found.tag.empty()) {
      language = "en";
      diag.note(Code::language_detected, 0, 0, "the source declares no language (front matter `lang`) and detection could not tell it; "
                      "it is taken as 'en'");
    } else {
      language = found.tag;
      diag.note(Code::language_detected, 0, 0, "the source declares no language; detected '" + language + "' (" + found.how() + ")");
    }
  }
  if (const std::string w = missing_messages_warning(language); !w.empty()) diag.warning(Code::labels_missing, 0, 0, w);
  return language;
}

void read_pending_dates(FrontMatter& fm, Diagnostics& diag) {
  Metadata& m = fm.metadata;
  const DateLocale locale = date_locale(m.language);
  for (const FrontMatter::PendingDate& p : fm.pending_dates) {
    std::string& field = p.updated ? m.updated : m.published;
    const auto iso = read_front_matter_date(p.raw, locale);
    if (!iso) {
      diag.warning(Code::date_unread, p.line, 0, "date '" + p.raw + "' in front matter not understood; kept as meta:" + p.key);
      continue;
    }
    if (!field.empty()) continue;
    field = *iso;
    const auto kept = std::find_if(m.extra.begin(), m.extra.end(),
                                   [&](const auto& e) { return e.first == p.key && e.second == p.raw; });
    if (kept != m.extra.end()) m.extra.erase(kept);
  }
  fm.pending_dates.clear();
}

}  // namespace handout
