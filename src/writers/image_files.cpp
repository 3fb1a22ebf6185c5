#include "writers/image_files.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <system_error>

namespace handout {

namespace fs = std::filesystem;

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Returns true when ref starts with a URI scheme ("https:", "data:", "file:").
bool names_url_scheme(std::string_view ref) {
  const std::size_t colon = ref.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (ref.find_first_of("/?#") < colon) return false;
  if (!std::isalpha(static_cast<unsigned char>(ref[0]))) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    const char c = ref[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

/// Decodes %XX escapes; returns nullopt when the result would hold a NUL.
std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  if (out.find('\0') != std::string::npos) return std::nullopt;
  return out;
}

/// Returns true when path lies inside (or is) folder; both canonical.
bool is_inside(const fs::path& path, const fs::path& folder) {
  auto p = path.begin();
  for (auto f = folder.begin(); f != folder.end(); ++f, ++p) {
    if (f->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *f) return false;
  }
  return true;
}

/// Names the image format from its first bytes; empty when it is none EPUB readers must show.
bool sniff(std::string_view bytes, ImageFile& image) {
  if (bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    image.media_type = "image/png", image.extension = ".png";
  } else if (bytes.size() > 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF") {
    image.media_type = "image/jpeg", image.extension = ".jpg";
  } else if (bytes.substr(0, 6) == "GIF87a" || bytes.substr(0, 6) == "GIF89a") {
    image.media_type = "image/gif", image.extension = ".gif";
  } else {
    return false;
  }
  return true;
}

/// Says that a file is over the image-bytes limit, in MiB when it is a whole number of them.
std::string too_large(std::uintmax_t max_bytes) {
  if (max_bytes % (1u << 20) == 0) return "larger than " + std::to_string(max_bytes >> 20) + " MiB";
  return "larger than " + std::to_string(max_bytes) + " bytes";
}

ImageLookup refuse(std::string why) { return ImageLookup{std::nullopt, std::move(why)}; }

}  // namespace

ImageLookup find_source_image(const fs::path& source_path, std::string_view fileref, std::uintmax_t max_bytes) {
  std::string_view ref = fileref;
  if (const std::size_t cut = ref.find_first_of("?#"); cut != std::string_view::npos) ref = ref.substr(0, cut);
  if (ref.empty()) return refuse("no file is named");
  if (names_url_scheme(ref)) return refuse("only files from the source's folder can be embedded");
  std::optional<std::string> decoded = percent_decode(ref);
  if (!decoded) return refuse("the file name holds a NUL character");
  std::string relative = *decoded;
  for (char& c : relative)
    if (c == '\\') c = '/';
  if (relative.front() == '/') return refuse("an absolute path is not read; name the file relative to the source");
  std::size_t start = 0;
  while (start <= relative.size()) {
    const std::size_t end = std::min(relative.find('/', start), relative.size());
    if (relative.compare(start, end - start, "..") == 0 && end - start == 2) {
      return refuse("it is outside the source's folder");
    }
    start = end + 1;
  }
  if (source_path.empty()) return refuse("the source's folder is not known");

  std::error_code ec;
  const fs::path folder = fs::canonical(fs::absolute(source_path, ec).parent_path(), ec);
  if (ec) return refuse("the source's folder cannot be read");
  const fs::path candidate = folder / fs::path(relative);
  const fs::path real = fs::canonical(candidate, ec);
  if (ec) return refuse("not found in the source's folder");
  if (!is_inside(real, folder)) return refuse("it leads outside the source's folder (through a link)");
  if (!fs::is_regular_file(real, ec)) return refuse("not a regular file");
  const std::uintmax_t size = fs::file_size(real, ec);
  if (ec) return refuse("its size cannot be read");
  if (size > max_bytes) return refuse(too_large(max_bytes));

  std::ifstream in(real, std::ios::binary);
  if (!in) return refuse("it cannot be opened");
  ImageFile image;
  image.path = real;
  // Room for the file as measured plus one byte, growing (up to one byte past the limit) only if
  // the file grew since: never the whole limit for a small file.
  const std::uintmax_t cap = max_bytes + 1;
  std::size_t got = 0;
  image.bytes.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(size + 1, cap)));
  while (true) {
    in.read(image.bytes.data() + got, static_cast<std::streamsize>(image.bytes.size() - got));
    got += static_cast<std::size_t>(in.gcount());
    if (got < image.bytes.size() || image.bytes.size() >= cap) break;
    image.bytes.resize(static_cast<std::size_t>(std::min<std::uintmax_t>(cap, std::uintmax_t{image.bytes.size()} * 2)));
  }
  image.bytes.resize(got);
  if (image.bytes.size() > max_bytes) return refuse(too_large(max_bytes));
  if (!sniff(image.bytes, image)) return refuse("not a PNG, JPEG or GIF image");
  return ImageLookup{std::move(image), {}};
}

}  // namespace handout
