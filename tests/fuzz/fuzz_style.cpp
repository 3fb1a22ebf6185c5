// libFuzzer target: the style loader over an arbitrary style file (it may `extends:` the shipped
// styles). A style that cannot be used is a SourceError naming its file, line and column.
#include "layout/style.hpp"
#include "model/diagnostics.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

using namespace handout;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One file per process, rewritten for each input (load_style reads styles from files).
  static const std::filesystem::path file = [] {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("handout-fuzz-style-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    return dir / "fuzz.yaml";
  }();
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  Diagnostics diag("fuzz-source");
  try {
    load_style(file.string(), diag);
  } catch (const SourceError&) {
  }
  return 0;
}
