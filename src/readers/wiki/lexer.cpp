#include "readers/wiki/lexer.hpp"

#include "text/text.hpp"

#include <array>
#include <cstdint>

namespace handout::wiki {

namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/// The HTML 4 named entities MediaWiki accepts.
const std::unordered_map<std::string_view, char32_t>& named_entities() {
  static const std::unordered_map<std::string_view, char32_t> table = [] {
    std::unordered_map<std::string_view, char32_t> t;
    // Latin-1, U+00A0 to U+00FF in order.
    static constexpr std::array<std::string_view, 96> kLatin1 = {
        "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",    "copy",
        "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn", "sup2",   "sup3",
        "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12",
        "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
        "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde",
        "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",
        "Uuml",   "Yacute", "THORN",  "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",
        "aelig",  "ccedil", "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
        "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
        "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};
    for (std::size_t i = 0; i < kLatin1.size(); ++i) t.emplace(kLatin1[i], static_cast<char32_t>(0xA0 + i));
    // Greek capitals U+0391..U+03A9 (no U+03A2) and small letters U+03B1..U+03C9.
    static constexpr std::array<std::string_view, 25> kGreek = {
        "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Mu", "Nu",
        "Xi", "Omicron", "Pi", "Rho", "", "Sigma", "Tau", "Upsilon", "Phi", "Chi", "Psi", "Omega"};
    static constexpr std::array<std::string_view, 25> kGreekSmall = {
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
        "xi", "omicron", "pi", "rho", "sigmaf", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"};
    for (std::size_t i = 0; i < kGreek.size(); ++i) {
      if (!kGreek[i].empty()) t.emplace(kGreek[i], static_cast<char32_t>(0x391 + i));
      t.emplace(kGreekSmall[i], static_cast<char32_t>(0x3B1 + i));
    }
    static constexpr std::pair<std::string_view, char32_t> kOthers[] = {
        {"quot", 34},       {"amp", 38},       {"apos", 39},     {"lt", 60},        {"gt", 62},
        {"OElig", 338},     {"oelig", 339},    {"Scaron", 352},  {"scaron", 353},   {"Yuml", 376},
        {"fnof", 402},      {"circ", 710},     {"tilde", 732},   {"thetasym", 977}, {"upsih", 978},
        {"piv", 982},       {"ensp", 8194},    {"emsp", 8195},   {"thinsp", 8201},  {"zwnj", 8204},
        {"zwj", 8205},      {"lrm", 8206},     {"rlm", 8207},    {"ndash", 8211},   {"mdash", 8212},
        {"lsquo", 8216},    {"rsquo", 8217},   {"sbquo", 8218},  {"ldquo", 8220},   {"rdquo", 8221},
        {"bdquo", 8222},    {"dagger", 8224},  {"Dagger", 8225}, {"bull", 8226},    {"hellip", 8230},
        {"permil", 8240},   {"prime", 8242},   {"Prime", 8243},  {"lsaquo", 8249},  {"rsaquo", 8250},
        {"oline", 8254},    {"frasl", 8260},   {"euro", 8364},   {"image", 8465},   {"weierp", 8472},
        {"real", 8476},     {"trade", 8482},   {"alefsym", 8501}, {"larr", 8592},   {"uarr", 8593},
        {"rarr", 8594},     {"darr", 8595},    {"harr", 8596},   {"crarr", 8629},   {"lArr", 8656},
        {"uArr", 8657},     {"rArr", 8658},    {"dArr", 8659},   {"hArr", 8660},    {"forall", 8704},
        {"part", 8706},     {"exist", 8707},   {"empty", 8709},  {"nabla", 8711},   {"isin", 8712},
        {"notin", 8713},    {"ni", 8715},      {"prod", 8719},   {"sum", 8721},     {"minus", 8722},
        {"lowast", 8727},   {"radic", 8730},   {"prop", 8733},   {"infin", 8734},   {"ang", 8736},
        {"and", 8743},      {"or", 8744},      {"cap", 8745},    {"cup", 8746},     {"int", 8747},
        {"there4", 8756},   {"sim", 8764},     {"cong", 8773},   {"asymp", 8776},   {"ne", 8800},
        {"equiv", 8801},    {"le", 8804},      {"ge", 8805},     {"sub", 8834},     {"sup", 8835},
        {"nsub", 8836},     {"sube", 8838},    {"supe", 8839},   {"oplus", 8853},   {"otimes", 8855},
        {"perp", 8869},     {"sdot", 8901},    {"lceil", 8968},  {"rceil", 8969},   {"lfloor", 8970},
        {"rfloor", 8971},   {"lang", 9001},    {"rang", 9002},   {"loz", 9674},     {"spades", 9824},
        {"clubs", 9827},    {"hearts", 9829},  {"diams", 9830}};
    for (const auto& [name, cp] : kOthers) t.emplace(name, cp);
    return t;
  }();
  return table;
}

/// Decodes the entity at s[pos] == '&'; returns the bytes consumed (0 when it is not one).
std::size_t decode_entity_at(std::string_view s, std::size_t pos, std::string& out) {
  const std::size_t semi = s.find(';', pos + 1);
  if (semi == std::string_view::npos || semi - pos > 34) return 0;
  const std::string_view body = s.substr(pos + 1, semi - pos - 1);
  if (body.empty()) return 0;
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return 0;
    std::uint32_t cp = 0;
    for (const char c : digits) {
      int v = -1;
      if (is_ascii_digit(c)) v = c - '0';
      else if (hex && c >= 'a' && c <= 'f') v = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') v = c - 'A' + 10;
      if (v < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    text::append_utf8(out, static_cast<char32_t>(cp));
    return semi + 1 - pos;
  }
  for (const char c : body)
    if (!is_ascii_alpha(c) && !is_ascii_digit(c)) return 0;
  const auto& table = named_entities();
  const auto it = table.find(body);
  if (it == table.end()) return 0;
  text::append_utf8(out, it->second);
  return semi + 1 - pos;
}

bool equals_nocase(std::string_view a, std::string_view b) { return a.size() == b.size() && starts_with_nocase(a, b); }

}  // namespace

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string make_marker(MarkerKind kind, std::size_t index) {
  std::string m(1, kMarkerStart);
  m += static_cast<char>(kind);
  if (kind != MarkerKind::empty) m += std::to_string(index);
  m += kMarkerEnd;
  return m;
}

std::optional<Marker> read_marker(std::string_view s, std::size_t pos) {
  if (pos + 2 >= s.size() || s[pos] != kMarkerStart) return std::nullopt;
  Marker m;
  const char k = s[pos + 1];
  if (k != 'E' && k != 'S' && k != 'R' && k != 'L') return std::nullopt;
  m.kind = static_cast<MarkerKind>(k);
  std::size_t i = pos + 2;
  for (; i < s.size() && is_ascii_digit(s[i]) && i - pos < 24; ++i) m.index = m.index * 10 + static_cast<std::size_t>(s[i] - '0');
  if (i >= s.size() || s[i] != kMarkerEnd) return std::nullopt;
  m.end = i + 1;
  return m;
}

std::optional<Tag> read_tag(std::string_view s, std::size_t pos) {
  if (pos >= s.size() || s[pos] != '<') return std::nullopt;
  Tag tag;
  std::size_t i = pos + 1;
  if (i < s.size() && s[i] == '/') {
    tag.closing = true;
    ++i;
  }
  const std::size_t name_start = i;
  if (i >= s.size() || !is_ascii_alpha(s[i])) return std::nullopt;
  while (i < s.size() && (is_ascii_alpha(s[i]) || is_ascii_digit(s[i]))) ++i;
  tag.name = ascii_lower(s.substr(name_start, i - name_start));
  if (i < s.size() && !is_space(s[i]) && s[i] != '/' && s[i] != '>') return std::nullopt;
  const std::size_t attrs_start = i;
  std::size_t gt = std::string_view::npos;
  for (std::size_t j = i; j < s.size() && j - pos < 2000; ++j) {
    if (s[j] == '>') {
      gt = j;
      break;
    }
    if (s[j] == '<') return std::nullopt;
  }
  if (gt == std::string_view::npos) return std::nullopt;
  std::size_t attrs_end = gt;
  if (attrs_end > attrs_start && s[attrs_end - 1] == '/') {
    tag.self_closing = true;
    --attrs_end;
  }
  tag.attributes = s.substr(attrs_start, attrs_end - attrs_start);
  tag.end = gt + 1;
  return tag;
}

std::vector<std::pair<std::string, std::string>> parse_attributes(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> attrs;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (is_space(text[i]) || text[i] == '/')) ++i;
    const std::size_t name_start = i;
    while (i < text.size() && !is_space(text[i]) && text[i] != '=' && text[i] != '/') ++i;
    if (i == name_start) {
      ++i;
      continue;
    }
    std::string name = ascii_lower(text.substr(name_start, i - name_start));
    std::size_t j = i;
    while (j < text.size() && is_space(text[j])) ++j;
    std::string value;
    if (j < text.size() && text[j] == '=') {
      ++j;
      while (j < text.size() && is_space(text[j])) ++j;
      if (j < text.size() && (text[j] == '"' || text[j] == '\'')) {
        const char quote = text[j];
        const std::size_t close = text.find(quote, j + 1);
        const std::size_t stop = close == std::string_view::npos ? text.size() : close;
        value = decode_entities(text.substr(j + 1, stop - j - 1));
        i = close == std::string_view::npos ? text.size() : close + 1;
      } else {
        const std::size_t start = j;
        while (j < text.size() && !is_space(text[j])) ++j;
        value = decode_entities(text.substr(start, j - start));
        i = j;
      }
    }
    attrs.emplace_back(std::move(name), std::move(value));
  }
  return attrs;
}

std::string attribute(const std::vector<std::pair<std::string, std::string>>& attrs, std::string_view name) {
  for (const auto& [n, v] : attrs)
    if (n == name) return v;
  return {};
}

std::string decode_entities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '&') {
      const std::size_t used = decode_entity_at(s, i, out);
      if (used > 0) {
        i += used;
        continue;
      }
    }
    out += c == kLiteralPipe ? '|' : c;
    ++i;
  }
  return out;
}

std::size_t ClosingTagFinder::find(std::size_t from, std::string_view name, std::size_t* end) {
  const std::string key(name);
  auto it = cache_.find(key);
  if (it != cache_.end() && it->second.from <= from && (it->second.at == std::string_view::npos || it->second.at >= from)) {
    *end = it->second.end;
    return it->second.at;
  }
  Answer answer{from, std::string_view::npos, std::string_view::npos};
  for (std::size_t p = text_.find("</", from); p != std::string_view::npos; p = text_.find("</", p + 2)) {
    if (!equals_nocase(text_.substr(p + 2, name.size()), name)) continue;
    std::size_t q = p + 2 + name.size();
    while (q < text_.size() && (text_[q] == ' ' || text_[q] == '\t')) ++q;
    if (q < text_.size() && text_[q] == '>') {
      answer.at = p;
      answer.end = q + 1;
      break;
    }
  }
  cache_[key] = answer;
  *end = answer.end;
  return answer.at;
}

}  // namespace handout::wiki
