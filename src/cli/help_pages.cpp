#include "cli/help_pages.hpp"

#include <CLI/CLI.hpp>

#include <sstream>
#include <stdexcept>
#include <vector>

namespace handout {

namespace {

/// The subcommands shown in --help (a hidden one has an empty group).
std::vector<const CLI::App*> visible_subcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

/// The options shown in --help, positionals included, --help itself left out.
std::vector<const CLI::Option*> visible_options(const CLI::App& app) {
  std::vector<const CLI::Option*> out;
  for (const CLI::Option* o : app.get_options()) {
    if (o->get_group().empty() || o == app.get_help_ptr()) continue;
    out.push_back(o);
  }
  return out;
}

/// The values of an option checked by CLI::IsMember, read from its type text "TEXT:{a,b,c}".
std::vector<std::string> choices(const CLI::Option& o) {
  std::vector<std::string> out;
  const std::string type = o.get_type_name();
  const std::size_t open = type.find('{');
  const std::size_t close = type.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return out;
  std::string item;
  for (std::size_t i = open + 1; i <= close; ++i) {
    if (type[i] == ',' || i == close) {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (type[i] != ' ') {
      item += type[i];
    }
  }
  return out;
}

/// Every spelling of an option: -o, --output.
std::vector<std::string> spellings(const CLI::Option& o) {
  std::vector<std::string> out;
  for (const std::string& s : o.get_snames()) out.push_back("-" + s);
  for (const std::string& l : o.get_lnames()) out.push_back("--" + l);
  return out;
}

/// True for an option that takes a value (a flag takes none).
bool takes_value(const CLI::Option& o) { return o.get_items_expected_max() > 0; }

/// Text escaped for roff: backslashes, and a leading dot or quote.
std::string roff(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

std::string man_page(const CLI::App& app, std::string_view version, std::string_view date) {
  std::ostringstream m;
  m << ".TH HANDOUT 1 \"" << date << "\" \"handout " << version << "\" \"User Commands\"\n";
  const std::string& summary = app.get_description();
  m << ".SH NAME\nhandout \\- " << roff(summary.substr(summary.find(':') + 2)) << "\n";
  m << ".SH SYNOPSIS\n";
  for (const CLI::App* sub : visible_subcommands(app)) {
    m << ".B handout " << sub->get_name() << "\n";
    for (const CLI::Option* o : visible_options(*sub)) {
      if (o->get_positional()) {
        m << ".RI " << (o->get_required() ? "" : "[ ") << o->get_name() << (o->get_required() ? "" : " ]") << "\n";
      }
    }
    m << ".RI [ OPTIONS ]\n.br\n";
  }
  m << ".B handout \\-\\-help\n.br\n.B handout \\-\\-version\n";
  const std::string& description = app.get_description();
  m << ".SH DESCRIPTION\n" << roff(description.substr(description.find(':') + 2)) << ".\n";
  for (const CLI::App* sub : visible_subcommands(app)) {
    m << ".SH \"" << roff("HANDOUT " + sub->get_name()) << "\"\n" << roff(sub->get_description()) << ".\n";
    for (const CLI::Option* o : visible_options(*sub)) {
      m << ".TP\n";
      if (o->get_positional()) {
        m << ".I " << o->get_name() << "\n";
      } else {
        std::string head;
        for (const std::string& s : spellings(*o)) head += (head.empty() ? "" : ", ") + std::string("\\fB") + roff(s) + "\\fR";
        if (takes_value(*o)) {
          const std::vector<std::string> values = choices(*o);
          head += values.empty() ? " \\fIVALUE\\fR" : " \\fI" + join(values, "|") + "\\fR";
        }
        m << head << "\n";
      }
      m << roff(o->get_description()) << "\n";
    }
  }
  // The help text's footer: examples, diagnostics and exit status, one line each.
  std::istringstream footer(app.get_footer());
  std::string line;
  bool in_examples = false;
  while (std::getline(footer, line)) {
    if (line.empty()) {
      continue;
    } else if (line == "Examples:") {
      m << ".SH EXAMPLES\n";
      in_examples = true;
    } else if (in_examples && line.rfind("  ", 0) == 0) {
      const std::size_t gap = line.find("  ", 2);
      m << ".TP\n.B " << roff(line.substr(2, gap == std::string::npos ? std::string::npos : gap - 2)) << "\n";
      if (gap != std::string::npos) m << roff(line.substr(line.find_first_not_of(' ', gap))) << "\n";
    } else {
      if (in_examples) m << ".SH NOTES\n";
      in_examples = false;
      m << roff(line) << "\n.br\n";
    }
  }
  m << ".SH ENVIRONMENT\n"
       ".TP\n.B HANDOUT_DATA_DIR\nThe folder of the shipped data (its styles/ subfolder holds styles, CSS, boilerplate "
       "patterns and page words); by default share/handout beside the program's bin/ folder.\n"
       ".TP\n.B HANDOUT_STYLES_DIR\nThe styles folder itself, ahead of HANDOUT_DATA_DIR.\n"
       ".TP\n.B SOURCE_DATE_EPOCH\nFixes every date and id written, for reproducible files.\n";
  m << ".SH FILES\n.TP\n.I <prefix>/share/handout/styles/\nShipped styles (default, a4, large\\-print), epub.css, "
       "boilerplate.yaml and page\\-words/.\n";
  m << ".SH SEE ALSO\n.BR pandoc (1)\n";
  return m.str();
}

std::string completion_script(const CLI::App& app, std::string_view shell) {
  std::ostringstream s;
  std::vector<std::string> subs;
  for (const CLI::App* sub : visible_subcommands(app)) subs.push_back(sub->get_name());
  if (shell == "bash") {
    s << "# bash completion for handout (generated by `handout completion bash`)\n"
         "_handout() {\n"
         "  local cur prev sub i\n"
         "  cur=${COMP_WORDS[COMP_CWORD]}\n"
         "  prev=${COMP_WORDS[COMP_CWORD-1]}\n"
         "  sub=\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    case ${COMP_WORDS[i]} in " << join(subs, "|") << ") sub=${COMP_WORDS[i]}; break ;; esac\n"
         "  done\n"
         "  if [[ -z $sub ]]; then\n"
         "    COMPREPLY=($(compgen -W '" << join(subs, " ") << " --help --version' -- \"$cur\"))\n"
         "    return\n"
         "  fi\n"
         "  case $sub in\n";
    for (const CLI::App* sub : visible_subcommands(app)) {
      std::vector<std::string> names{"--help"};
      s << "    " << sub->get_name() << ")\n      case $prev in\n";
      for (const CLI::Option* o : visible_options(*sub)) {
        if (o->get_positional()) continue;
        for (const std::string& n : spellings(*o)) names.push_back(n);
        if (!takes_value(*o)) continue;
        const std::vector<std::string> values = choices(*o);
        s << "        " << join(spellings(*o), "|") << ") ";
        if (!values.empty()) {
          s << "COMPREPLY=($(compgen -W '" << join(values, " ") << "' -- \"$cur\")); return ;;\n";
        } else {
          s << "COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
        }
      }
      s << "      esac\n"
           "      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '" << join(names, " ") << "' -- \"$cur\"))\n"
           "      else COMPREPLY=($(compgen -f -- \"$cur\")); fi ;;\n";
    }
    s << "  esac\n}\ncomplete -o filenames -F _handout handout\n";
  } else if (shell == "zsh") {
    s << "#compdef handout\n# zsh completion for handout (generated by `handout completion zsh`)\n"
         "_handout() {\n  local line state\n"
         "  _arguments -C '(- *)--help[Print help]' '(- *)--version[Print the version]' '1: :->cmds' '*:: :->args'\n"
         "  case $state in\n    cmds)\n      local -a cmds\n      cmds=(\n";
    for (const CLI::App* sub : visible_subcommands(app)) {
      std::string d = sub->get_description();
      for (char& c : d) if (c == '\'' || c == ':') c = ' ';
      s << "        '" << sub->get_name() << ":" << d << "'\n";
    }
    s << "      )\n      _describe command cmds ;;\n    args)\n      case $line[1] in\n";
    for (const CLI::App* sub : visible_subcommands(app)) {
      s << "        " << sub->get_name() << ")\n          _arguments";
      for (const CLI::Option* o : visible_options(*sub)) {
        std::string d = o->get_description();
        for (char& c : d) if (c == '\'' || c == '[' || c == ']' || c == ':') c = ' ';
        if (d.size() > 70) d = d.substr(0, d.rfind(' ', 70));
        if (o->get_positional()) {
          s << " \\\n            '*:" << o->get_name() << ":_files'";
          continue;
        }
        const std::vector<std::string> values = choices(*o);
        const std::string action = !takes_value(*o) ? "" : values.empty() ? ":value:_files" : ":value:(" + join(values, " ") + ")";
        const std::vector<std::string> names = spellings(*o);
        if (names.size() == 1) {
          s << " \\\n            '" << names[0] << "[" << d << "]" << action << "'";
        } else {
          s << " \\\n            '(" << join(names, " ") << ")'{" << join(names, ",") << "}'[" << d << "]" << action << "'";
        }
      }
      s << " ;;\n";
    }
    s << "      esac ;;\n  esac\n}\n_handout \"$@\"\n";
  } else if (shell == "fish") {
    s << "# fish completion for handout (generated by `handout completion fish`)\n"
         "complete -c handout -f -n '__fish_use_subcommand' -l help -d 'Print help'\n"
         "complete -c handout -f -n '__fish_use_subcommand' -l version -d 'Print the version'\n";
    for (const CLI::App* sub : visible_subcommands(app)) {
      std::string d = sub->get_description();
      for (char& c : d) if (c == '\'') c = ' ';
      s << "complete -c handout -f -n '__fish_use_subcommand' -a " << sub->get_name() << " -d '" << d << "'\n";
      for (const CLI::Option* o : visible_options(*sub)) {
        if (o->get_positional()) continue;
        std::string od = o->get_description();
        for (char& c : od) if (c == '\'') c = ' ';
        s << "complete -c handout -n '__fish_seen_subcommand_from " << sub->get_name() << "'";
        for (const std::string& n : o->get_snames()) s << " -s " << n;
        for (const std::string& n : o->get_lnames()) s << " -l " << n;
        if (takes_value(*o)) {
          const std::vector<std::string> values = choices(*o);
          s << (values.empty() ? " -r -F" : " -x -a '" + join(values, " ") + "'");
        }
        s << " -d '" << od << "'\n";
      }
    }
  } else {
    throw std::invalid_argument("no completion for shell '" + std::string(shell) + "' (bash, zsh or fish)");
  }
  return s.str();
}

}  // namespace handout
