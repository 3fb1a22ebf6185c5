// The command-line front end: parses arguments into options and calls the library.
#pragma once

#include <iosfwd>

namespace handout {

/// Runs `handout` with the given arguments; returns the process exit status
/// (0 done, 1 a source failed, 2 usage error).
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace handout
