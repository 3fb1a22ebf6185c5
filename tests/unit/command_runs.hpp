// Helpers for unit tests that run the program's command line in-process or an outside tool.
#pragma once

#include "cli/app.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace handout::test {

/// What one run of the command line gave: its exit status, standard output and error.
struct Run {
  int status;
  std::string out;
  std::string err;
};

/// Runs handout's command line in-process with args (the program name is added first).
inline Run run(std::vector<const char*> args) {
  args.insert(args.begin(), "handout");
  std::ostringstream out, err;
  const int status = run_cli(static_cast<int>(args.size()), args.data(), out, err);
  return {status, out.str(), err.str()};
}

/// Returns what a shell command prints on its standard output.
inline std::string shell_output(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  REQUIRE(pipe);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  return out;
}

}  // namespace handout::test
