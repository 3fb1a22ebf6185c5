#include "serve/folder_files.hpp"

#include <string>
#include <system_error>

namespace handout {

namespace fs = std::filesystem;

std::optional<fs::path> file_inside(const fs::path& root, std::string_view request_path) {
  std::string rel(request_path);
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  if (rel.front() == '/' || rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) return std::nullopt;
  fs::path joined = root;
  for (std::size_t start = 0; start <= rel.size();) {
    std::size_t end = rel.find('/', start);
    if (end == std::string::npos) end = rel.size();
    const std::string segment = rel.substr(start, end - start);
    // Empty, '.', '..' and hidden names (.handout lock, temporaries) are never served.
    if (segment.empty() || segment[0] == '.') return std::nullopt;
    joined /= segment;
    start = end + 1;
  }
  // The file's real path (symbolic links followed) must still be under root.
  std::error_code ec;
  const fs::path real = fs::canonical(joined, ec);
  if (ec || !fs::is_regular_file(real, ec)) return std::nullopt;
  auto r = root.begin();
  auto p = real.begin();
  for (; r != root.end(); ++r, ++p) {
    if (p == real.end() || *p != *r) return std::nullopt;
  }
  return real;
}

const char* content_type_for(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".epub") return "application/epub+zip";
  if (ext == ".xml") return "application/xml";
  if (ext == ".json") return "application/json";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".css") return "text/css";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace handout
