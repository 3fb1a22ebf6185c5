// handout serve FOLDER: file_inside() answers only regular files whose real path is inside the
// output folder, whatever the request path spells.
#include "serve/folder_files.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace fs = std::filesystem;
using handout::file_inside;

TEST_CASE("file_inside serves files of the folder only", "[serve]") {
  const fs::path base = fs::temp_directory_path() / ("handout-serve-files-" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "out" / "care");
  std::ofstream(base / "out" / "index.html") << "<p>catalog</p>";
  std::ofstream(base / "out" / "care" / "ankle.pdf") << "%PDF";
  std::ofstream(base / "out" / ".handout.lock") << "";
  std::ofstream(base / "secret.txt") << "secret";
  fs::create_symlink(base / "secret.txt", base / "out" / "link.txt");
  fs::create_symlink(base, base / "out" / "up");
  fs::create_symlink(base / "out" / "index.html", base / "out" / "same.html");
  const fs::path root = fs::canonical(base / "out");

  CHECK(file_inside(root, "") == root / "index.html");
  CHECK(file_inside(root, "care/ankle.pdf") == root / "care" / "ankle.pdf");
  CHECK(file_inside(root, "same.html") == root / "index.html");  // a link that stays inside
  CHECK_FALSE(file_inside(root, "care/"));                         // no index.html there
  CHECK_FALSE(file_inside(root, "care"));                          // a folder is no file
  for (const char* bad : {"../secret.txt", "care/../../secret.txt", "care/../index.html", "./index.html",
                          "/etc/passwd", "//etc/passwd", "care//ankle.pdf", ".handout.lock", "link.txt",
                          "up/secret.txt", "..\\secret.txt", "missing.pdf"}) {
    INFO(bad);
    CHECK_FALSE(file_inside(root, bad));
  }
  CHECK_FALSE(file_inside(root, std::string("index.html\0.pdf", 15)));
  fs::remove_all(base);
}
