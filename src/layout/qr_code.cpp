#include "layout/qr_code.hpp"

#include <qrencode.h>

#include <memory>
#include <string>

namespace handout {

std::optional<QrCode> encode_qr(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const std::string data(text);
  // 8-bit data, so the URL's case and every byte are kept; version 0 picks the smallest symbol.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<const unsigned char*>(data.data()), 0, QR_ECLEVEL_M),
      &QRcode_free);
  if (!code || code->width <= 0) return std::nullopt;
  QrCode out;
  out.size = code->width;
  out.dark.resize(static_cast<std::size_t>(out.size) * static_cast<std::size_t>(out.size));
  for (std::size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = (code->data[i] & 1) != 0;
  return out;
}

}  // namespace handout
