// The handout executable: a few lines over the library.
#include "cli/app.hpp"

#include <iostream>

int main(int argc, char** argv) { return handout::run_cli(argc, argv, std::cout, std::cerr); }
