// handout serve: a local HTTP server with one page to convert pasted text or a chosen file.
#pragma once

#include "batch/job.hpp"

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <string>

namespace handout {

/// What `handout serve` was asked to do.
struct ServeOptions {
  std::string listen = "127.0.0.1";  ///< address to bind; loopback unless --listen says otherwise
  int port = 0;                      ///< 0: a free port chosen by the system (printed)
  unsigned threads = 2;              ///< requests served at once (conversions run on these threads)
  bool open_browser = false;         ///< run xdg-open on the address when it is on the PATH
  ConvertOptions convert;            ///< limits and style for every conversion
  unsigned seconds = 60;             ///< a conversion still running after this answers with a message
  std::filesystem::path folder;      ///< when set, its build's catalog is served under /catalog/
  std::filesystem::path output_dir;  ///< that build's output; empty: a private temporary folder
};

/// Serves the page until SIGINT or SIGTERM. With a folder, builds it into the output folder and
/// rebuilds it when its sources change (run_watch), serving only files inside the output folder;
/// a private temporary output folder is removed at the end.
/// Prints the address with the session token to out.
/// Returns the exit status: 0 after a clean shutdown, 1 when the address or the output folder could
/// not be used, 2 when FOLDER is no folder or its build could not start (a usage error).
int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace handout
