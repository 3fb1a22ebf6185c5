// The handout executable: a few lines over the library.
#include "cli/app.hpp"

#include <cstdio>
#include <iostream>
#include <new>

int main(int argc, char** argv) {
  try {
    return handout::run_cli(argc, argv, std::cout, std::cerr);
  } catch (const std::bad_alloc&) {
    // Out of memory outside a source's own work (each source reports its own): a message and
    // exit 1, never an abort.
    std::fputs("handout: error: out of memory\n", stderr);
    return 1;
  }
}
