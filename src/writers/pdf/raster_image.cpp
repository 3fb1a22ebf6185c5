#include "writers/pdf/raster_image.hpp"

#include <png.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <jpeglib.h>
#include <vector>

namespace handout {

namespace {

std::optional<RasterImage> decode_png(std::string_view bytes, std::string& problem, std::size_t max_pixels) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
    problem = std::string("damaged PNG: ") + image.message;
    return std::nullopt;
  }
  if (static_cast<std::size_t>(image.width) * image.height > max_pixels) {
    png_image_free(&image);
    problem = "PNG of " + std::to_string(image.width) + "x" + std::to_string(image.height) + " pixels is too large";
    return std::nullopt;
  }
  const bool has_alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  image.format = has_alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
  std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) {
    problem = std::string("damaged PNG: ") + image.message;
    png_image_free(&image);
    return std::nullopt;
  }
  RasterImage out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  const std::size_t n = static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height);
  if (!has_alpha) {
    out.rgb.assign(reinterpret_cast<const char*>(pixels.data()), n * 3);
    return out;
  }
  out.rgb.resize(n * 3);
  out.alpha.resize(n);
  bool opaque = true;
  for (std::size_t i = 0; i < n; ++i) {
    out.rgb[i * 3] = static_cast<char>(pixels[i * 4]);
    out.rgb[i * 3 + 1] = static_cast<char>(pixels[i * 4 + 1]);
    out.rgb[i * 3 + 2] = static_cast<char>(pixels[i * 4 + 2]);
    out.alpha[i] = static_cast<char>(pixels[i * 4 + 3]);
    opaque = opaque && pixels[i * 4 + 3] == 255;
  }
  if (opaque) out.alpha.clear();
  return out;
}

struct JpegError {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

extern "C" void jpeg_error_exit(j_common_ptr info) {
  auto* err = reinterpret_cast<JpegError*>(info->err);
  (*info->err->format_message)(info, err->message);
  std::longjmp(err->jump, 1);
}

extern "C" void jpeg_quiet(j_common_ptr, int) {}

std::optional<RasterImage> decode_jpeg(std::string_view bytes, std::string& problem, std::size_t max_pixels) {
  jpeg_decompress_struct info;
  JpegError err;
  info.err = jpeg_std_error(&err.mgr);
  err.mgr.error_exit = jpeg_error_exit;
  err.mgr.emit_message = jpeg_quiet;
  RasterImage out;
  // Nothing with a destructor may live between setjmp and the last libjpeg call.
  std::vector<unsigned char>* rows = new std::vector<unsigned char>();
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&info);
    delete rows;
    problem = std::string("damaged JPEG: ") + err.message;
    return std::nullopt;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  if (static_cast<std::size_t>(info.image_width) * info.image_height > max_pixels) {
    problem = "JPEG of " + std::to_string(info.image_width) + "x" + std::to_string(info.image_height) +
              " pixels is too large";
    jpeg_destroy_decompress(&info);
    delete rows;
    return std::nullopt;
  }
  info.out_color_space = JCS_RGB;
  jpeg_start_decompress(&info);
  const std::size_t stride = static_cast<std::size_t>(info.output_width) * 3;
  rows->resize(stride * info.output_height);
  while (info.output_scanline < info.output_height) {
    unsigned char* row = rows->data() + stride * info.output_scanline;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  out.width = static_cast<int>(info.output_width);
  out.height = static_cast<int>(info.output_height);
  jpeg_destroy_decompress(&info);
  out.rgb.assign(reinterpret_cast<const char*>(rows->data()), rows->size());
  delete rows;
  return out;
}

/// Scales an image down by an integer factor (averaging boxes of pixels).
RasterImage shrink(const RasterImage& in, int factor) {
  RasterImage out;
  out.width = in.width / factor;
  out.height = in.height / factor;
  out.rgb.resize(static_cast<std::size_t>(out.width) * out.height * 3);
  if (!in.alpha.empty()) out.alpha.resize(static_cast<std::size_t>(out.width) * out.height);
  for (int y = 0; y < out.height; ++y) {
    for (int x = 0; x < out.width; ++x) {
      unsigned sum[4] = {0, 0, 0, 0};
      for (int dy = 0; dy < factor; ++dy) {
        for (int dx = 0; dx < factor; ++dx) {
          const std::size_t p = static_cast<std::size_t>(y * factor + dy) * in.width + static_cast<std::size_t>(x * factor + dx);
          for (int c = 0; c < 3; ++c) sum[c] += static_cast<unsigned char>(in.rgb[p * 3 + c]);
          if (!in.alpha.empty()) sum[3] += static_cast<unsigned char>(in.alpha[p]);
        }
      }
      const unsigned n = static_cast<unsigned>(factor * factor);
      const std::size_t q = static_cast<std::size_t>(y) * out.width + static_cast<std::size_t>(x);
      for (int c = 0; c < 3; ++c) out.rgb[q * 3 + c] = static_cast<char>(sum[c] / n);
      if (!in.alpha.empty()) out.alpha[q] = static_cast<char>(sum[3] / n);
    }
  }
  return out;
}

}  // namespace

std::optional<RasterImage> decode_raster_image(std::string_view bytes, std::string& problem, int max_side,
                                               std::size_t max_pixels) {
  std::optional<RasterImage> image;
  if (bytes.size() >= 8 && bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n") {
    image = decode_png(bytes, problem, max_pixels);
  } else if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF") {
    image = decode_jpeg(bytes, problem, max_pixels);
  } else {
    problem = "not a PNG or JPEG image";
    return std::nullopt;
  }
  if (image && image->width > 0 && image->height > 0) {
    const int side = std::max(image->width, image->height);
    if (side > max_side) image = shrink(*image, (side + max_side - 1) / max_side);
  }
  if (image && (image->width <= 0 || image->height <= 0)) {
    problem = "empty image";
    return std::nullopt;
  }
  return image;
}

}  // namespace handout
