// Decoding PNG and JPEG images to pixels ourselves (libpng's simplified API, libjpeg with an
// error handler that never exits), so a damaged file is an error, never a crash.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace handout {

/// An image as 8-bit RGB pixels with an optional 8-bit alpha plane.
struct RasterImage {
  int width = 0;
  int height = 0;
  std::string rgb;    ///< width * height * 3 bytes, rows top to bottom
  std::string alpha;  ///< width * height bytes, or empty when the image is opaque
};

/// Most pixels decoded from one image by default (WriterOptions::max_image_pixels).
inline constexpr std::size_t kMaxImagePixels = 40u * 1000u * 1000u;

/// Longest side, in pixels, an image keeps when decoded by default (larger ones are scaled down).
inline constexpr int kMaxImageSide = 2000;

/// Decodes PNG or JPEG bytes (told apart by their signature). Images wider or taller than
/// max_side pixels are scaled down (box filter). Returns nullopt with a reason in problem for
/// another format, a damaged file, or more than max_pixels pixels (checked from the header,
/// before any pixel memory is allocated).
std::optional<RasterImage> decode_raster_image(std::string_view bytes, std::string& problem, int max_side = kMaxImageSide,
                                               std::size_t max_pixels = kMaxImagePixels);

}  // namespace handout
