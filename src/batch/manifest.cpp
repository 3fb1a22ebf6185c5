#include "batch/manifest.hpp"

#include "text/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace handout {

/// Keys keep the order they are written in, so the manifest reads top-down.
using json = nlohmann::ordered_json;

namespace {

json diagnostics_json(const std::vector<Diagnostic>& items) {
  json out = json::array();
  for (const Diagnostic& d : items) {
    out.push_back({{"code", code_name(d.code)}, {"line", d.line}, {"column", d.column}, {"message", d.message}});
  }
  return out;
}

std::vector<Diagnostic> diagnostics_from(const json& items, Severity severity, const std::string& path) {
  std::vector<Diagnostic> out;
  for (const json& d : items) {
    const Code* code = code_named(d.at("code").get<std::string>());
    if (code == nullptr) throw std::runtime_error("unexpected manifest content: unknown diagnostic code " + d.at("code").dump());
    out.push_back({severity, *code, path, d.value("line", 0), d.value("column", 0), d.at("message").get<std::string>()});
  }
  return out;
}

/// A file name is bytes; JSON holds Unicode text. A name that is valid UTF-8 is written as
/// itself (control characters escaped by JSON); any other is written as its text with U+FFFD
/// for each bad byte under key (for people and the catalog) and as hex under key_bytes, which
/// reading prefers, so the name round-trips exactly.
void put_name(json& object, const std::string& key, const std::string& name) {
  if (text::find_invalid_utf8(name) == std::string::npos) {
    object[key] = name;
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : name) {
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  object[key] = text::xml_safe_bytes(name);
  object[key + "_bytes"] = hex;
}

/// Reads a name written by put_name.
std::string get_name(const json& object, const std::string& key) {
  const auto bytes = object.find(key + "_bytes");
  if (bytes == object.end() || !bytes->is_string()) return object.at(key).get<std::string>();
  const std::string hex = bytes->get<std::string>();
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string name;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0 || hex.size() % 2 != 0) throw std::runtime_error("bad " + key + "_bytes");
    name += static_cast<char>(hi * 16 + lo);
  }
  return name;
}

}  // namespace

const SourceRecord* Manifest::find(std::string_view source) const {
  auto it = std::lower_bound(sources.begin(), sources.end(), source,
                             [](const SourceRecord& r, std::string_view s) { return r.source < s; });
  return it != sources.end() && it->source == source ? &*it : nullptr;
}

std::string manifest_to_json(const Manifest& m) {
  json sources = json::array();
  for (const SourceRecord& s : m.sources) {
    json outputs = json::object();
    for (const OutputRecord& o : s.outputs) {
      json output = json::object();
      put_name(output, "path", o.path);
      output.update({{"hash", o.hash}, {"size", o.size}, {"mtime_ns", o.mtime_ns}, {"pages", o.pages}, {"key", o.key}});
      outputs[o.format] = std::move(output);
    }
    json source = json::object();
    put_name(source, "source", s.source);
    source.update({
        {"hash", s.hash},
        {"size", s.size},
        {"mtime_ns", s.mtime_ns},
        {"status", s.failed ? "failed" : s.hash.empty() ? "incomplete" : "ok"},
        {"title", s.title},
        {"date", s.date},
        {"language", s.language},
        {"words", s.reading.words},
        {"sentences", s.reading.sentences},
        {"syllables", s.reading.syllables},
        {"reading_minutes", s.reading.minutes},
        {"reading_grade", s.reading.grade},
        {"reading_formula", s.reading.formula},
        {"reading_ease", s.reading.ease},
        {"pages", s.pages},
        {"warnings", diagnostics_json(s.warnings)},
        {"errors", diagnostics_json(s.errors)},
        {"outputs", outputs},
    });
    sources.push_back(std::move(source));
  }
  const json root = {
      {"manifest", "handout-build"},
      {"version", kManifestVersion},
      {"program", m.program},
      {"style", {{"name", m.style}, {"hash", m.style_hash}, {"files", m.style_files}}},
      {"sources", sources},
  };
  // Invalid UTF-8 elsewhere (a message quoting a name) is replaced, never a throw: one bad name
  // must not keep the manifest from being written.
  return root.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Manifest manifest_from_json(std::string_view text, const std::string& input_prefix) {
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    throw std::runtime_error(std::string("not valid JSON: ") + e.what());
  }
  try {
    if (!root.is_object() || root.value("manifest", "") != "handout-build") throw std::runtime_error("not a handout build manifest");
    if (root.value("version", 0) != kManifestVersion) {
      throw std::runtime_error("manifest version " + std::to_string(root.value("version", 0)) + ", this program reads " +
                               std::to_string(kManifestVersion));
    }
    Manifest m;
    m.program = root.value("program", "");
    if (const auto style = root.find("style"); style != root.end() && style->is_object()) {
      m.style = style->value("name", "");
      m.style_hash = style->value("hash", "");
      m.style_files = style->value("files", std::vector<std::string>{});
    }
    for (const json& s : root.at("sources")) {
      SourceRecord r;
      r.source = get_name(s, "source");
      const std::string path = input_prefix.empty() ? r.source : input_prefix + "/" + r.source;
      r.hash = s.value("hash", "");
      r.size = s.value("size", std::uint64_t{0});
      r.mtime_ns = s.value("mtime_ns", std::int64_t{0});
      r.failed = s.value("status", "ok") == "failed";
      r.title = s.value("title", "");
      r.date = s.value("date", "");
      r.language = s.value("language", "");
      r.reading.words = s.value("words", std::size_t{0});
      r.reading.sentences = s.value("sentences", std::size_t{0});
      r.reading.syllables = s.value("syllables", std::size_t{0});
      r.reading.minutes = s.value("reading_minutes", 0);
      r.reading.grade = s.value("reading_grade", 0.0);
      r.reading.formula = s.value("reading_formula", "");
      r.reading.ease = s.value("reading_ease", 0.0);
      r.pages = s.value("pages", 0);
      r.warnings = diagnostics_from(s.value("warnings", json::array()), Severity::warning, path);
      r.errors = diagnostics_from(s.value("errors", json::array()), Severity::error, path);
      const json outputs = s.value("outputs", json::object());
      for (const auto& [format, o] : outputs.items()) {
        r.outputs.push_back({format, get_name(o, "path"), o.value("hash", ""),
                             o.value("size", std::uint64_t{0}), o.value("mtime_ns", std::int64_t{0}),
                             o.value("pages", 0), o.value("key", "")});
      }
      m.sources.push_back(std::move(r));
    }
    std::sort(m.sources.begin(), m.sources.end(),
              [](const SourceRecord& a, const SourceRecord& b) { return a.source < b.source; });
    return m;
  } catch (const json::exception& e) {
    throw std::runtime_error(std::string("unexpected manifest content: ") + e.what());
  }
}

Manifest read_manifest(const std::filesystem::path& file, const std::string& input_prefix) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return {};
    throw std::runtime_error("cannot open " + file.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw std::runtime_error("cannot read " + file.string());
  return manifest_from_json(text.str(), input_prefix);
}

}  // namespace handout
