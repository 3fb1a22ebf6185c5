// Output targets (issue 23, finding 1): a regular file is replaced atomically; a device, a FIFO or
// a link to one is written in place and never replaced; a link to a regular file keeps the link.
#include "batch/atomic_file.hpp"
#include "command_runs.hpp"
#include "unit/file_text.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

namespace fs = std::filesystem;
using handout::test::run;

namespace {

/// A fresh temporary folder with a small Markdown source, removed at the end.
struct Scratch {
  fs::path root;
  explicit Scratch(const std::string& name)
      : root(fs::temp_directory_path() / ("handout-targets-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(root);
    fs::create_directories(root);
    std::ofstream(root / "in.md") << "# Title\n\nSome text for the target test.\n";
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  std::string source() const { return (root / "in.md").string(); }
};

struct stat lstat_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st;
}

/// Makes a character device with /dev/null's numbers at path; false when not allowed (not root).
bool make_null_device(const fs::path& path) {
  struct stat null {};
  if (::stat("/dev/null", &null) != 0 || !S_ISCHR(null.st_mode)) return false;
  return ::mknod(path.c_str(), S_IFCHR | 0666, null.st_rdev) == 0;
}

}  // namespace

TEST_CASE("convert to a character device writes to it and leaves it a device", "[output-targets]") {
  Scratch s("chardev");
  const fs::path dev = s.root / "null-copy";
  if (!make_null_device(dev)) {
    WARN("SKIPPED: mknod is not allowed here (needs root)");
    return;
  }
  const dev_t rdev = lstat_of(dev).st_rdev;
  const auto r = run({"convert", s.source().c_str(), "--to", "docbook", "-o", dev.c_str()});
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  const struct stat after = lstat_of(dev);
  CHECK(S_ISCHR(after.st_mode));
  CHECK(after.st_rdev == rdev);
  // Nothing else appeared beside it (no temporary file, no renamed copy).
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(s.root)) entries += e.path().filename() != "in.md";
  CHECK(entries == 1);

  SECTION("and through a symbolic link to it, the link and the device stay") {
    const fs::path link = s.root / "out.xml";
    fs::create_symlink(dev, link);
    CHECK(run({"convert", s.source().c_str(), "-o", link.c_str()}).status == 0);
    CHECK(S_ISLNK(lstat_of(link).st_mode));
    CHECK(S_ISCHR(lstat_of(dev).st_mode));
  }
}

TEST_CASE("convert to a FIFO sends the bytes to its reader and leaves it a FIFO", "[output-targets]") {
  Scratch s("fifo");
  const fs::path fifo = s.root / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // The reader: another process, as with process substitution (cat keeps the FIFO open until EOF).
  const fs::path got = s.root / "received.xml";
  auto reader = std::async(std::launch::async, [&] {
    return std::system(("cat '" + fifo.string() + "' > '" + got.string() + "'").c_str());
  });
  const auto r = run({"convert", s.source().c_str(), "--to", "docbook", "-o", fifo.c_str()});
  CHECK(reader.get() == 0);
  CHECK(r.status == 0);
  CHECK(S_ISFIFO(lstat_of(fifo).st_mode));
  const std::string bytes = handout::test::file_text(got);
  CHECK(bytes.rfind("<?xml", 0) == 0);
  CHECK(bytes.find("Some text for the target test.") != std::string::npos);
}

TEST_CASE("convert through a symbolic link to a regular file replaces the file and keeps the link", "[output-targets]") {
  Scratch s("link");
  fs::create_directories(s.root / "real");
  const fs::path file = s.root / "real" / "doc.xml";
  std::ofstream(file) << "old";
  const fs::path link = s.root / "out.xml";
  fs::create_symlink(fs::path("real") / "doc.xml", link);
  const auto r = run({"convert", s.source().c_str(), "-o", link.c_str()});
  CHECK(r.status == 0);
  CHECK(S_ISLNK(lstat_of(link).st_mode));
  CHECK(fs::read_symlink(link) == fs::path("real") / "doc.xml");
  CHECK(handout::test::file_text(file).find("Some text for the target test.") != std::string::npos);
  for (const auto& e : fs::directory_iterator(s.root))
    CHECK_FALSE(handout::is_atomic_temp_file(e.path()));
}

TEST_CASE("convert refuses a dangling link, a folder and a socket, leaving them as they were", "[output-targets]") {
  Scratch s("refuse");
  const fs::path dangling = s.root / "dangling.xml";
  fs::create_symlink(s.root / "missing" / "x.xml", dangling);
  auto r = run({"convert", s.source().c_str(), "-o", dangling.c_str()});
  CHECK(r.status == 1);
  CHECK(r.err.find("symbolic link") != std::string::npos);
  CHECK(S_ISLNK(lstat_of(dangling).st_mode));
  CHECK_FALSE(fs::exists(s.root / "missing"));

  const fs::path folder = s.root / "folder.xml";
  fs::create_directories(folder);
  r = run({"convert", s.source().c_str(), "-o", folder.c_str()});
  CHECK(r.status == 1);
  CHECK(fs::is_directory(folder));
}

TEST_CASE("write_output_file writes a device in place and a regular file atomically", "[output-targets]") {
  Scratch s("api");
  const fs::path dev = s.root / "dev";
  if (make_null_device(dev)) {
    handout::write_output_file(dev, "bytes");
    CHECK(S_ISCHR(lstat_of(dev).st_mode));
  } else {
    WARN("SKIPPED: mknod is not allowed here (needs root)");
  }
  const fs::path file = s.root / "sub" / "f.txt";
  handout::write_output_file(file, "first");
  handout::write_output_file(file, "second");
  CHECK(handout::test::file_text(file) == "second");
}

TEST_CASE("build refuses an output folder that is not a folder", "[output-targets]") {
  Scratch s("build-not-folder");
  fs::create_directories(s.root / "in");
  fs::rename(s.root / "in.md", s.root / "in" / "a.md");
  const fs::path out = s.root / "out";
  std::ofstream(out) << "precious";
  const auto r = run({"build", (s.root / "in").c_str(), "-o", out.c_str(), "--formats", "docbook"});
  CHECK(r.status == 2);
  CHECK(r.err.find("not a folder") != std::string::npos);
  CHECK(handout::test::file_text(out) == "precious");

  const fs::path dev = s.root / "outdev";
  if (make_null_device(dev)) {
    CHECK(run({"build", (s.root / "in").c_str(), "-o", dev.c_str()}).status == 2);
    CHECK(S_ISCHR(lstat_of(dev).st_mode));
  }
}

TEST_CASE("limits have sane maxima and SOURCE_DATE_EPOCH a range (issue 23, findings 9, 12)", "[output-targets][limits]") {
  Scratch s("limits");
  const fs::path out = s.root / "out.xml";
  auto r = run({"convert", s.source().c_str(), "-o", out.c_str(), "--limit", "image-bytes=1024G"});
  CHECK(r.status == 2);
  CHECK(r.err.find("image-bytes takes a whole number from 1 to 1073741824") != std::string::npos);
  CHECK(run({"convert", s.source().c_str(), "-o", out.c_str(), "--limit", "image-bytes=1G"}).status == 0);
  ::setenv("SOURCE_DATE_EPOCH", "99999999999999999999", 1);
  r = run({"convert", s.source().c_str(), "-o", out.c_str()});
  CHECK(r.status == 2);
  CHECK(r.err.find("SOURCE_DATE_EPOCH") != std::string::npos);
  ::setenv("SOURCE_DATE_EPOCH", "253402300800", 1);  // year 10000
  CHECK(run({"convert", s.source().c_str(), "-o", out.c_str()}).status == 2);
  ::setenv("SOURCE_DATE_EPOCH", "253402300799", 1);
  CHECK(run({"convert", s.source().c_str(), "-o", out.c_str()}).status == 0);
  ::unsetenv("SOURCE_DATE_EPOCH");
}

TEST_CASE("EPUB: a bad or missing --style and an oversized stylesheet are errors (issue 23, finding 12)", "[output-targets][epub-style]") {
  Scratch s("epub-style");
  const fs::path out = s.root / "out.epub";
  auto r = run({"convert", s.source().c_str(), "-o", out.c_str(), "--style", "no-such-style-here"});
  CHECK(r.status == 1);
  CHECK(r.err.find("no style 'no-such-style-here'") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  const fs::path big = s.root / "big.css";
  std::ofstream(big) << std::string((1u << 20) + 1, ' ');
  r = run({"convert", s.source().c_str(), "-o", out.c_str(), "--style", big.c_str()});
  CHECK(r.status == 1);
  CHECK(r.err.find("over the limit of 1 MiB") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  const fs::path small = s.root / "small.css";
  std::ofstream(small) << "body { margin: 1em; }\n";
  CHECK(run({"convert", s.source().c_str(), "-o", out.c_str(), "--style", small.c_str()}).status == 0);
}
