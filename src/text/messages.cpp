#include "text/messages.hpp"

#include "model/resources.hpp"
#include "text/language_tag.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

namespace handout {

namespace {

/// The catalog as read from one styles/messages.yaml.
struct Catalog {
  std::vector<std::string> languages;  ///< as the file spells them: "zh-Hans"
  /// message → (language as spelled in `languages`) → text
  std::map<std::string, std::map<std::string, std::string>, std::less<>> messages;
};

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
  }
  return out;
}

Catalog read_catalog(const std::filesystem::path& file) {
  Catalog c;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return c;
  try {
    const YAML::Node y = YAML::LoadFile(file.string());
    if (y["languages"] && y["languages"].IsSequence())
      for (const auto& l : y["languages"]) c.languages.push_back(l.as<std::string>());
    if (y["messages"] && y["messages"].IsMap()) {
      for (const auto& m : y["messages"]) {
        auto& per = c.messages[m.first.as<std::string>()];
        if (!m.second.IsMap()) continue;
        for (const auto& t : m.second)
          if (t.second.IsScalar()) per[t.first.as<std::string>()] = t.second.as<std::string>();
      }
    }
  } catch (const YAML::Exception&) {
    // A malformed catalog gives English labels; message_catalog_report shows it empty.
    return Catalog{};
  }
  return c;
}

/// The catalog of the current styles_dir(), read once per folder. Every label asks for it (a
/// handout's pages ask thousands of times), so each thread keeps the last folder's catalog and
/// takes the lock only when the folder changes.
std::shared_ptr<const Catalog> catalog() {
  thread_local std::filesystem::path last_dir;
  thread_local std::shared_ptr<const Catalog> last;
  const std::filesystem::path dir = styles_dir();
  if (last && dir.native() == last_dir.native()) return last;
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const Catalog>> cache;
  const std::filesystem::path file = dir / "messages.yaml";
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[file.string()];
  if (!slot) slot = std::make_shared<const Catalog>(read_catalog(file));
  last_dir = dir;
  last = slot;
  return slot;
}

/// The script a tag names or implies for Chinese: "hant" for zh-Hant, zh-TW, zh-HK, zh-MO.
std::string chinese_script(const std::string& tag) {
  if (tag.find("-hant") != std::string::npos) return "hant";
  if (tag.find("-hans") != std::string::npos) return "hans";
  const std::string region = language_tag::region(tag);
  return region == "tw" || region == "hk" || region == "mo" ? "hant" : "hans";
}

std::string resolve(const Catalog& c, std::string_view language_tag) {
  std::string tag = lowered(language_tag);
  if (tag.empty()) tag = "en";
  std::string primary = language_tag::primary(tag);
  if (primary == "fil") primary = "tl";
  auto find = [&](const std::string& want) -> std::string {
    for (const std::string& l : c.languages)
      if (lowered(l) == want) return l;
    return {};
  };
  if (std::string exact = find(tag); !exact.empty()) return exact;
  if (primary == "zh") return find("zh-" + chinese_script(tag));
  return find(primary);
}

}  // namespace

std::string message_language(std::string_view language_tag) { return resolve(*catalog(), language_tag); }

std::string message(std::string_view english, std::string_view language_tag) {
  const auto c = catalog();
  const std::string language = resolve(*c, language_tag);
  if (language.empty() || language == "en") return std::string(english);
  const auto m = c->messages.find(english);
  if (m == c->messages.end()) return std::string(english);
  const auto t = m->second.find(language);
  return t == m->second.end() ? std::string(english) : t->second;
}

std::string message(std::string_view english, std::string_view language_tag,
                    std::initializer_list<std::pair<std::string_view, std::string>> values) {
  const std::string pattern = message(english, language_tag);
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    bool replaced = false;
    if (pattern[i] == '{') {
      for (const auto& [name, value] : values) {
        if (pattern.compare(i + 1, name.size(), name) == 0 && i + 1 + name.size() < pattern.size() &&
            pattern[i + 1 + name.size()] == '}') {
          out += value;
          i += name.size() + 2;
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += pattern[i++];
  }
  return out;
}

std::string missing_messages_warning(std::string_view language_tag) {
  if (!message_language(language_tag).empty()) return {};
  return "no labels in language '" + std::string(language_tag) +
         "' in styles/messages.yaml; the words handout adds (page numbers, headings, call-out labels) are printed "
         "in English";
}

MessageCatalogReport message_catalog_report() {
  const auto c = catalog();
  MessageCatalogReport r;
  r.languages = c->languages;
  r.messages = c->messages.size();
  for (const auto& [english, per] : c->messages)
    for (const std::string& l : c->languages)
      if (l != "en" && per.find(l) == per.end()) r.missing.emplace_back(english, l);
  return r;
}

}  // namespace handout
