// The man page and the shell completion scripts, generated from the command line's own
// definition (CLI11), so they list exactly the subcommands and options the program accepts.
#pragma once

#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace handout {

/// Returns handout(1) in roff (man(7) macros): name, synopsis, each visible subcommand with its
/// arguments and options, the help text's examples, environment and files.
std::string man_page(const CLI::App& app, std::string_view version, std::string_view date);

/// Returns the completion script for shell ("bash", "zsh" or "fish"): subcommands, their
/// options, and the values of options restricted to a set (--to pdf|epub|…); throws
/// std::invalid_argument for another shell.
std::string completion_script(const CLI::App& app, std::string_view shell);

}  // namespace handout
