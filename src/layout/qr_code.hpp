// QR codes for printed pages: a URL encoded with libqrencode as a square of dark and light
// modules, which layout draws as filled rectangles (vector, so it prints sharp at any size).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace handout {

/// A QR symbol: size × size modules, row by row; true is dark. No quiet zone included.
struct QrCode {
  int size = 0;
  std::vector<bool> dark;
  /// Returns true when the module at column x, row y is dark.
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)]; }
};

/// Encodes text (8-bit mode, error correction level M) in the smallest symbol that holds it.
/// Returns nothing when the text is empty or too long for any QR symbol.
std::optional<QrCode> encode_qr(std::string_view text);

}  // namespace handout
