#include "text/language_tag.hpp"

#include "text/text.hpp"

#include <unicode/locid.h>

namespace handout::language_tag {

namespace {

/// The subtags of a tag, lowercased (tags are ASCII); "_" separates like "-".
std::string lowered_tag(std::string_view tag) {
  std::string out(text::trim(tag));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_') c = '-';
  }
  return out;
}

}  // namespace

std::string primary(std::string_view tag) {
  const std::string t = lowered_tag(tag);
  return t.substr(0, t.find('-'));
}

std::string region(std::string_view tag) {
  const std::string t = lowered_tag(tag);
  std::size_t start = t.find('-');
  while (start != std::string::npos) {
    const std::size_t end = t.find('-', start + 1);
    const std::string part = t.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
    if (part.size() == 2 || (part.size() == 3 && part[0] >= '0' && part[0] <= '9')) return part;
    if (part.size() != 4) return {};  // a variant or an extension: no region follows
    start = end;
  }
  return {};
}

bool is_right_to_left(std::string_view tag) {
  const std::string t = lowered_tag(tag);
  if (t.empty()) return false;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale = icu::Locale::forLanguageTag(t, status);
  return U_SUCCESS(status) && !locale.isBogus() && locale.isRightToLeft();
}

}  // namespace handout::language_tag
