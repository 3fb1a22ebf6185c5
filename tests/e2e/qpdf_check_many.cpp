// `qpdf --check` over many files in one process: each file is checked by a QPDFJob made from the
// same arguments as the qpdf command (`qpdf --check [--show-npages] FILE`), so the verdict is
// qpdf's own, without starting qpdf once per file (about 50 ms each, most of a test's time when
// it checks hundreds of PDFs).
// usage: qpdf_check_many [--show-npages] FILE...
//   Prints "FILE: ok" (and the page count with --show-npages) for a file qpdf passes (exit 0)
//   and "FILE: FAILED (exit N)" with qpdf's output for any other; exits 1 when any file failed.
// The qpdf 11 headers ask which PointerHolder API the code uses: none of it.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDFJob.hh>
#include <qpdf/QPDFLogger.hh>

#include <exception>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

/// Runs `qpdf --check [--show-npages] file` in-process; returns its exit code, output in out.
int check(const std::string& file, bool show_pages, std::string& out) {
  std::ostringstream text;
  auto logger = QPDFLogger::create();
  logger->setOutputStreams(&text, &text);
  std::vector<const char*> argv = {"qpdf", "--check"};
  if (show_pages) argv.push_back("--show-npages");
  argv.push_back(file.c_str());
  argv.push_back(nullptr);
  int code = QPDFJob::EXIT_ERROR;
  try {
    QPDFJob job;
    job.setLogger(logger);
    job.initializeFromArgv(argv.data());
    job.run();
    code = job.getExitCode();
  } catch (const std::exception& e) {
    text << e.what() << "\n";
  }
  out = text.str();
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  bool show_pages = false;
  int first = 1;
  if (argc > 1 && std::string(argv[1]) == "--show-npages") {
    show_pages = true;
    first = 2;
  }
  if (first >= argc) {
    std::cerr << "usage: qpdf_check_many [--show-npages] FILE...\n";
    return 2;
  }
  int failed = 0;
  for (int i = first; i < argc; ++i) {
    std::string out;
    const int code = check(argv[i], show_pages, out);
    if (code != 0) {
      ++failed;
      std::cout << argv[i] << ": FAILED (exit " << code << ")\n" << out;
      continue;
    }
    std::cout << argv[i] << ": ok";
    if (show_pages) {
      // --show-npages prints the count as the last line.
      const std::string trimmed = out.substr(0, out.find_last_not_of("\n") + 1);
      std::cout << " " << trimmed.substr(trimmed.rfind('\n') + 1);
    }
    std::cout << "\n";
  }
  return failed ? 1 : 0;
}
