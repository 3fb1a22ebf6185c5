// The repository's root folder for tests that read its files (input/, tests/, README.md).
// Defined in source_dir.cpp, the one file compiled with the path, so that the other test files'
// compiler command lines hold no absolute path and ccache can share them between clones.
#pragma once

#include <string>

namespace handout::test {

/// The repository's root folder, as CMake configured it.
const std::string& source_dir();

}  // namespace handout::test
