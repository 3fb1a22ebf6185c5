// What identifies the running program for incremental builds: its version and its build id.
#pragma once

#include <string>

namespace handout {

/// Returns the GNU build id of the running executable as lowercase hex (the linker's hash of
/// its code and data, so any rebuilt binary with different code has a different one). When the
/// executable has no build-id note, returns "xxh3:" + the content hash of /proc/self/exe; when
/// that cannot be read either, returns an empty string.
std::string program_build_id();

/// Returns "handout VERSION" followed by the build id: the program part of every output's key.
std::string program_fingerprint();

}  // namespace handout
