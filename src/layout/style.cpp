#include "layout/style.hpp"

#include "model/resources.hpp"
#include "text/suggest.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

#include <sys/stat.h>

namespace handout {

namespace fs = std::filesystem;

namespace {

/// A parsed style file and where it came from (for error positions).
struct StyleFile {
  fs::path path;
  YAML::Node root;
};

[[noreturn]] void fail(const fs::path& path, const YAML::Node& node, const std::string& message) {
  const YAML::Mark mark = node.Mark();
  throw SourceError(Code::style_invalid, path.string(), mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0,
                    message);
}

/// Returns true when p names an existing file; false also when it cannot be checked (a name too
/// long, a folder that cannot be searched), so a bad name in a style is an error, not an exception.
bool file_exists(const fs::path& p) {
  std::error_code ec;
  return fs::exists(p, ec) && !ec;
}

/// Largest style file read (a style is a page of settings; this stops /dev/zero and the like).
constexpr std::uintmax_t kMaxStyleBytes = 1u << 20;

}  // namespace

bool is_style_path(std::string_view reference) {
  return reference.find('/') != std::string_view::npos || reference.ends_with(".yaml") || reference.ends_with(".yml");
}

namespace {

/// Resolves a style name or path to a file; extends are resolved relative to the extending file.
fs::path resolve(std::string_view name_or_path, const fs::path& relative_to) {
  const std::string s(name_or_path);
  if (is_style_path(s)) {
    fs::path p(s);
    if (p.is_relative() && !relative_to.empty()) p = relative_to / p;
    return p;
  }
  for (const char* ext : {".yaml", ".yml"}) {
    fs::path p = styles_dir() / (s + ext);
    if (file_exists(p)) return p;
  }
  return styles_dir() / (s + ".yaml");
}

StyleFile read_file(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw SourceError(Code::style_invalid, path.string(), 0, 0, "a style must be a regular file");
  if (fs::file_size(path, ec) > kMaxStyleBytes || ec) {
    throw SourceError(Code::style_invalid, path.string(), 0, 0, "style file larger than " + std::to_string(kMaxStyleBytes) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SourceError(Code::style_invalid, path.string(), 0, 0, "cannot open style file");
  std::stringstream text;
  text << in.rdbuf();
  try {
    YAML::Node root = YAML::Load(text.str());
    if (!root.IsNull() && !root.IsMap()) fail(path, root, "a style file must be a mapping of keys to values");
    return {path, root};
  } catch (const YAML::Exception& e) {
    throw SourceError(Code::style_invalid, path.string(), e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0,
                      "malformed style file: " + e.msg);
  }
}

/// The chain of files, most derived first.
std::vector<StyleFile> read_chain(std::string_view name_or_path) {
  std::vector<StyleFile> chain;
  fs::path path = resolve(name_or_path, {});
  if (!file_exists(path)) {
    std::string known;
    const std::vector<std::string> names = style_names();
    for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
    throw SourceError(Code::style_not_found, path.string(), 0, 0,
                      "no style '" + std::string(name_or_path) + "'" + did_you_mean(name_or_path, names) + " (styles: " +
                          (known.empty() ? "none" : known) + "; looked up in " + styles_dir().string() + ")");
  }
  for (;;) {
    for (const StyleFile& f : chain) {
      std::error_code ec;
      if (fs::equivalent(f.path, path, ec)) throw SourceError(Code::style_invalid, path.string(), 0, 0, "styles extend each other in a loop");
    }
    chain.push_back(read_file(path));
    const YAML::Node ext = chain.back().root["extends"];
    if (!ext) break;
    if (!ext.IsScalar()) fail(path, ext, "extends: must name a style");
    fs::path next = resolve(ext.Scalar(), path.parent_path());
    if (!file_exists(next)) fail(path, ext, "extends an unknown style '" + ext.Scalar() + "'");
    if (chain.size() > 16) fail(path, ext, "styles extend each other more than 16 levels deep");
    path = next;
  }
  return chain;
}

Color parse_color(const fs::path& path, const YAML::Node& n) {
  const std::string s = n.IsScalar() ? n.Scalar() : "";
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (s.size() == 7 && s[0] == '#') {
    int v[6];
    bool ok = true;
    for (int i = 0; i < 6; ++i) ok = ok && (v[i] = hex(s[static_cast<std::size_t>(i) + 1])) >= 0;
    if (ok) return {(v[0] * 16 + v[1]) / 255.0, (v[2] * 16 + v[3]) / 255.0, (v[4] * 16 + v[5]) / 255.0};
  }
  fail(path, n, "'" + s + "' is not a colour (write #rrggbb)");
}

double parse_number(const fs::path& path, const YAML::Node& n, double min, double max) {
  const double v = n.IsScalar() ? parse_length(n.Scalar()) : -1;
  if (v < min || v > max) {
    fail(path, n, "'" + (n.IsScalar() ? n.Scalar() : std::string("?")) + "' is not a number from " + std::to_string(min) +
                      " to " + std::to_string(max));
  }
  return v;
}

std::string parse_text(const fs::path& path, const YAML::Node& n) {
  if (n.IsNull()) return {};
  if (!n.IsScalar()) fail(path, n, "expected text");
  return n.Scalar();
}

/// Applies one file's keys over the style.
void apply(Style& s, const StyleFile& f, Diagnostics& diag) {
  const fs::path& path = f.path;
  auto section = [&](const char* name, const std::map<std::string, std::function<void(const YAML::Node&)>>& keys) {
    const YAML::Node sec = f.root[name];
    if (!sec) return;
    if (!sec.IsMap()) fail(path, sec, std::string(name) + ": must be a mapping");
    for (const auto& kv : sec) {
      const std::string key = kv.first.Scalar();
      auto it = keys.find(key);
      if (it == keys.end()) {
        diag.warning_in(Code::style_unknown_key, path.string(), kv.first.Mark().line + 1, kv.first.Mark().column + 1,
                      "unknown key '" + std::string(name) + "." + key + "' in style file");
        continue;
      }
      it->second(kv.second);
    }
  };
  auto length = [&](double& field, double min, double max) {
    return [&field, &path, min, max](const YAML::Node& n) { field = parse_number(path, n, min, max); };
  };
  auto color = [&](Color& field) { return [&field, &path](const YAML::Node& n) { field = parse_color(path, n); }; };
  auto text = [&](std::string& field) { return [&field, &path](const YAML::Node& n) { field = parse_text(path, n); }; };

  section("page", {{"size",
                    [&](const YAML::Node& n) {
                      if (n.IsSequence() && n.size() == 2) {
                        s.page.width = parse_number(path, n[0], 144, 2000);
                        s.page.height = parse_number(path, n[1], 144, 2000);
                      } else if (n.IsScalar() && (n.Scalar() == "letter" || n.Scalar() == "Letter")) {
                        s.page.width = 612, s.page.height = 792;
                      } else if (n.IsScalar() && (n.Scalar() == "a4" || n.Scalar() == "A4")) {
                        s.page.width = 595.28, s.page.height = 841.89;
                      } else {
                        fail(path, n, "page size must be letter, a4 or [width, height]");
                      }
                    }},
                   {"margin-top", length(s.page.top, 0, 300)},
                   {"margin-bottom", length(s.page.bottom, 0, 300)},
                   {"margin-left", length(s.page.left, 0, 300)},
                   {"margin-right", length(s.page.right, 0, 300)}});
  section("fonts", {{"body", text(s.body_font)},
                    {"heading", text(s.heading_font)},
                    {"mono", text(s.mono_font)},
                    {"fallback", [&](const YAML::Node& n) {
                       s.fallback_fonts.clear();
                       if (n.IsScalar()) {
                         s.fallback_fonts.push_back(n.Scalar());
                       } else if (n.IsSequence()) {
                         for (const auto& f2 : n) s.fallback_fonts.push_back(parse_text(path, f2));
                       } else {
                         fail(path, n, "fallback: must be a font name or a list of them");
                       }
                     }}});
  section("sizes", {{"body", length(s.body_size, 6, 72)},
                    {"leading", length(s.leading, 1, 3)},
                    {"paragraph-space", length(s.paragraph_space, 0, 3)},
                    {"title", length(s.title_size, 6, 96)},
                    {"subtitle", length(s.subtitle_size, 6, 72)},
                    {"h1", length(s.heading_sizes[0], 6, 72)},
                    {"h2", length(s.heading_sizes[1], 6, 72)},
                    {"h3", length(s.heading_sizes[2], 6, 72)},
                    {"h4", length(s.heading_sizes[3], 6, 72)},
                    {"code", length(s.code_size, 5, 72)},
                    {"table", length(s.table_size, 5, 72)},
                    {"table-minimum", length(s.table_minimum, 5, 72)},
                    {"running", length(s.running_size, 5, 36)},
                    {"note", length(s.note_size, 5, 72)}});
  section("colors", {{"text", color(s.text)},
                     {"muted", color(s.muted)},
                     {"heading", color(s.heading)},
                     {"link", color(s.link)},
                     {"rule", color(s.rule)},
                     {"table-header", color(s.table_header)},
                     {"code-background", color(s.code_background)},
                     {"note", color(s.note)},
                     {"tip", color(s.tip)},
                     {"important", color(s.important)},
                     {"warning", color(s.warning)},
                     {"caution", color(s.caution)},
                     {"sidebar", color(s.sidebar)}});
  section("header", {{"left", text(s.header_left)}, {"right", text(s.header_right)}});
  section("footer", {{"left", text(s.footer_left)},
                     {"right", text(s.footer_right)},
                     {"second-left", text(s.footer_second_left)},
                     {"second-right", text(s.footer_second_right)}});
  section("summary", {{"body", length(s.summary_size, 6, 72)},
                      {"minimum", length(s.summary_minimum, 6, 72)},
                      {"safety-symbol", text(s.summary_safety_symbol)},
                      {"safety-rule", length(s.summary_safety_rule, 0, 12)},
                      {"safety-color", color(s.summary_safety)}});
  for (const auto& kv : f.root) {
    const std::string key = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (key == "contact") {
      s.contact = parse_text(path, v);
    } else if (key == "logo") {
      const std::string logo = parse_text(path, v);
      s.logo = logo.empty() ? fs::path() : fs::absolute(path.parent_path() / logo);
      if (!logo.empty() && !file_exists(s.logo)) fail(path, v, "logo file '" + logo + "' not found");
    } else if (key == "logo-height") {
      s.logo_height = parse_number(path, v, 4, 144);
    } else if (key == "epub-css") {
      const std::string css = parse_text(path, v);
      s.epub_css = css.empty() ? css : (path.parent_path() / css).string();
    } else if (key != "extends" && key != "page" && key != "fonts" && key != "sizes" && key != "colors" &&
               key != "header" && key != "footer" && key != "summary") {
      diag.warning_in(Code::style_unknown_key, path.string(), kv.first.Mark().line + 1, kv.first.Mark().column + 1,
                    "unknown key '" + key + "' in style file");
    }
  }
}

}  // namespace

double parse_length(std::string_view text) {
  const std::string s(text);
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return -1;
  std::string unit(end);
  while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
  if (unit.empty() || unit == "pt") return v;
  if (unit == "in") return v * 72;
  if (unit == "mm") return v * 72 / 25.4;
  if (unit == "cm") return v * 72 / 2.54;
  return -1;
}

namespace {

Style read_style(std::string_view name_or_path, Diagnostics& diag) {
  const std::vector<StyleFile> chain = read_chain(name_or_path);
  Style style;
  style.name = std::string(name_or_path);
  // The most basic style first; unknown keys are warnings (a typo should not stop a batch).
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) apply(style, *it, diag);
  for (const StyleFile& f : chain) style.files.push_back(fs::absolute(f.path));
  if (style.summary_minimum > style.summary_size) style.summary_minimum = style.summary_size;
  if (style.table_minimum > style.table_size) style.table_minimum = style.table_size;
  if (style.page.body_width() < 72 || style.page.body_height() < 144) {
    throw SourceError(Code::style_invalid, chain.front().path.string(), 0, 0, "the margins leave less than 1 by 2 inches for the text");
  }
  return style;
}

/// What identifies one version of a style file: a file replaced, edited or touched differs. The
/// timestamps tick coarsely (a few milliseconds), so an in-place rewrite of the same size within
/// one tick is told apart by the change time and, whatever the clocks, by the content's hash (a
/// style file is small: at most kMaxStyleBytes are read).
struct FileStamp {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  std::int64_t mtime_ns = -1;
  std::int64_t ctime_ns = -1;
  std::size_t content_hash = 0;
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

FileStamp stamp_of(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return {};
  // Only a regular file's bytes (a FIFO would block the open; read_file refuses it anyway).
  if (!S_ISREG(st.st_mode)) return {st.st_dev, st.st_ino, st.st_size, -1, -1, 0};
  std::ifstream in(file, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(std::min<std::uintmax_t>(static_cast<std::uintmax_t>(st.st_size), kMaxStyleBytes + 1)), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return {st.st_dev, st.st_ino, st.st_size,
          static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
          static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec,
          std::hash<std::string>{}(bytes)};
}

/// A loaded style with its warnings, kept while none of its files changes. Every writer of every
/// document asks for the style; parsing its YAML each time cost as much as laying out a page.
struct CachedStyle {
  Style style;
  std::vector<Diagnostic> warnings;
  std::vector<FileStamp> stamps;  // one per style.files
};

std::mutex g_style_cache_mutex;
std::map<std::string, CachedStyle>& style_cache() {
  static std::map<std::string, CachedStyle> cache;
  return cache;
}

bool still_current(const CachedStyle& c) {
  for (std::size_t i = 0; i < c.style.files.size(); ++i)
    if (!(stamp_of(c.style.files[i]) == c.stamps[i])) return false;
  return true;
}

}  // namespace

Style load_style(std::string_view name_or_path, Diagnostics& diag) {
  // Names and relative paths resolve against the styles folder and the working directory.
  std::error_code ec;
  const std::string key = std::string(name_or_path) + '\n' + styles_dir().string() + '\n' + fs::current_path(ec).string();
  std::optional<CachedStyle> hit;
  {
    std::lock_guard lock(g_style_cache_mutex);
    if (auto it = style_cache().find(key); it != style_cache().end()) hit = it->second;
  }
  if (!hit || !still_current(*hit)) {
    CachedStyle fresh;
    Diagnostics warnings;
    fresh.style = read_style(name_or_path, warnings);  // errors are thrown, never cached
    fresh.warnings = warnings.items();
    for (const fs::path& f : fresh.style.files) fresh.stamps.push_back(stamp_of(f));
    std::lock_guard lock(g_style_cache_mutex);
    hit = style_cache().insert_or_assign(key, std::move(fresh)).first->second;
  }
  for (const Diagnostic& w : hit->warnings) diag.warning_in(w.code, w.path, w.line, w.column, w.message);
  return std::move(hit->style);
}

std::vector<fs::path> style_files(std::string_view name_or_path) {
  try {
    std::vector<fs::path> files;
    for (const StyleFile& f : read_chain(name_or_path)) files.push_back(fs::absolute(f.path));
    return files;
  } catch (const std::exception&) {
    return {};
  }
}

std::vector<std::string> style_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(styles_dir(), ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    // The shipped data files beside the styles (furniture patterns, the message catalog) are no styles.
    const bool data = p.stem() == "boilerplate" || p.stem() == "messages";
    if ((p.extension() == ".yaml" || p.extension() == ".yml") && !data && it->is_regular_file(ec)) {
      names.push_back(p.stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace handout
