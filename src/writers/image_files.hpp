// Image files a document refers to, found safely inside the source's folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace handout {

/// An image file read from the source's folder tree.
struct ImageFile {
  std::filesystem::path path;  ///< canonical path of the file (symlinks resolved)
  std::string media_type;      ///< "image/png", "image/jpeg" or "image/gif", from the file's first bytes
  std::string extension;       ///< ".png", ".jpg" or ".gif", matching media_type
  std::string bytes;
};

/// The outcome of looking an image reference up: the file, or why it cannot be used.
struct ImageLookup {
  std::optional<ImageFile> image;
  std::string problem;  ///< empty when image is set; else a short reason ("not found in the source's folder")
};

/// Largest image file read by default, in bytes (WriterOptions::max_image_bytes).
inline constexpr std::uintmax_t kMaxImageBytes = 16u * 1024u * 1024u;

/// Resolves fileref (a relative URI reference from the tree) against the folder of source_path and
/// reads it. Refuses, with a reason: an empty reference, a URL with a scheme, an absolute path, a
/// ".." segment, a file whose real path (symlinks resolved) lies outside the source's folder tree,
/// a missing or non-regular file, a file over max_bytes, and bytes that are not PNG, JPEG or GIF.
/// Never fetches anything: a URL is refused like any other reference outside the folder.
ImageLookup find_source_image(const std::filesystem::path& source_path, std::string_view fileref,
                              std::uintmax_t max_bytes = kMaxImageBytes);

}  // namespace handout
