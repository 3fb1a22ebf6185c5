#include "cli/app.hpp"

#include "batch/build.hpp"
#include "batch/job.hpp"
#include "batch/watch.hpp"
#include "cli/help_pages.hpp"
#include "layout/style.hpp"
#include "model/diagnostics.hpp"
#include "model/metadata.hpp"
#include "readers/registry.hpp"
#include "serve/server.hpp"
#include "text/suggest.hpp"

#include <cerrno>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <ctime>
#include <cstdlib>
#include <iostream>
#include <ostream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

#include <unistd.h>

namespace handout {

namespace {

constexpr const char* kExamples = R"(
Examples:
  handout convert input/asthma.md -o asthma.xml        DocBook, format from the extension
  handout convert notes.txt --to docbook -o -           DocBook on standard output
  handout convert page.txt --from markdown -o page.xml  force the reader
  handout build input -o output                         every source, rebuilding what changed
  handout build docs -o out --formats docbook --jobs 4  one format, four workers

Diagnostics are printed as path:line:col: error|warning: message.
Exit status: 0 done, 1 a source failed, 2 usage error, 130 build stopped by Ctrl-C.
SOURCE_DATE_EPOCH fixes every date and id written, for reproducible files.)";

/// Reads SOURCE_DATE_EPOCH; returns nullopt when unset, and throws CLI::ValidationError when invalid.
std::optional<std::int64_t> source_date_epoch() {
  const char* v = std::getenv("SOURCE_DATE_EPOCH");
  if (v == nullptr || *v == '\0') return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long n = std::strtoll(v, &end, 10);
  // The dates written (PDF, EPUB, ISO 8601) have four-digit years: up to 9999-12-31T23:59:59Z.
  constexpr long long kLatest = 253402300799;
  if (*end != '\0' || n < 0 || errno == ERANGE || n > kLatest)
    throw CLI::ValidationError("SOURCE_DATE_EPOCH", "must be a number of seconds from 0 to " + std::to_string(kLatest) +
                                                        " (9999-12-31T23:59:59Z); got '" + std::string(v) + "'");
  return n;
}

/// The limits and their defaults, for --help.
std::string limit_help() {
  std::string out;
  const std::string all = describe_limits(ConvertOptions{});
  for (char c : all) out += c == '\n' ? ' ' : c;
  return "defaults " + out.substr(0, out.size() - 1);
}

/// The spellings of the options of app, for "did you mean": --output, -o...
std::vector<std::string> option_spellings(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::Option* o : app.get_options()) {
    for (const std::string& l : o->get_lnames()) out.push_back("--" + l);
    for (const std::string& n : o->get_snames()) out.push_back("-" + n);
  }
  return out;
}

/// The names --to and --formats accept: every registered writer.
std::vector<std::string> writer_names() {
  std::vector<std::string> out;
  for (const WriterEntry& w : writer_registry()) out.emplace_back(w.name);
  return out;
}

/// The names --from accepts: auto and every registered reader.
std::vector<std::string> reader_names() {
  std::vector<std::string> out{"auto"};
  for (const ReaderEntry& r : reader_registry()) out.emplace_back(r.name);
  return out;
}

/// Returns the parts joined with sep.
std::string joined(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string(sep)) + p;
  return out;
}

/// What --list-formats prints: the registries, one format per line.
std::string format_listing() {
  std::string out = "Sources (--from):\n";
  for (const ReaderEntry& r : reader_registry()) {
    std::vector<std::string> exts(r.extensions.begin(), r.extensions.end());
    exts.insert(exts.end(), r.sniffed_extensions.begin(), r.sniffed_extensions.end());
    out += "  " + std::string(r.name) + std::string(r.name.size() < 10 ? 10 - r.name.size() : 1, ' ') +
           std::string(r.label) + (exts.empty() ? "" : " [" + joined(exts, " ") + "]") + "\n";
  }
  out += "Outputs (--to, --formats):\n";
  for (const WriterEntry& w : writer_registry()) {
    out += "  " + std::string(w.name) + std::string(w.name.size() < 10 ? 10 - w.name.size() : 1, ' ') +
           std::string(w.label) + " [" + std::string(w.extension) + "]\n";
  }
  return out;
}

/// Accepts a BCP 47 language tag (--lang).
const CLI::Validator kLanguageTag(
    [](std::string& tag) { return is_language_tag(tag) ? std::string{} : "'" + tag + "' is not a language tag (en, es, pt-BR)"; },
    "TAG");

/// A stream that writes nowhere (build progress under --quiet).
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
};

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  // Past a file-size limit (ulimit -f) a write then fails with EFBIG and is reported like a full
  // disk, instead of the signal killing the process halfway through a build.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"handout: patient-education sources to DocBook, PDF handouts, EPUB books and summary sheets",
               "handout"};
  app.footer(kExamples);
  // Handled before parsing (a subcommand is otherwise required); listed here for --help.
  bool list_formats = false;
  app.add_flag("--list-formats", list_formats, "List the source formats (readers) and outputs (writers), then exit");
  app.set_version_flag("--version", std::string("handout ") + HANDOUT_VERSION);
  app.require_subcommand(1);

  ConvertRequest convert;
  std::string from = "auto";
  auto* cmd = app.add_subcommand("convert", "Convert one source to one output");
  cmd->add_option("SOURCE", convert.source, "Source file (" + joined(source_extensions(), ", ") + "), or - for standard input")->required();
  cmd->add_option("-o,--output", convert.output, "Output file, or - for standard output (the default)");
  cmd->add_option("-t,--to", convert.to, "Output format (default: from the -o extension, else docbook)")
      ->check(CLI::IsMember(writer_names()));
  cmd->add_option("-f,--from", from, "Source format (default: auto, from the extension, else the content)")
      ->check(CLI::IsMember(reader_names()));
  cmd->add_option("-s,--style", convert.options.writer.style, "Style name or style file (YAML)");
  cmd->add_option("--wiki-base-url", convert.options.reader.wiki_base_url,
                  "MediaWiki sources: make [[internal links]] links under this URL ($1 stands for the page)");
  cmd->add_option("--lang", convert.options.reader.language,
                  "The source's language (BCP 47: en, es, pt-BR), instead of its front matter or detection")
      ->check(kLanguageTag);
  cmd->add_flag("-v,--verbose", convert.verbose, "Also print notes (what was removed or inferred)");
  cmd->add_option("--boilerplate", convert.options.transforms.boilerplate_files,
                  "Extra furniture patterns, a YAML file shaped like styles/boilerplate.yaml (repeatable)")
      ->check(CLI::ExistingFile)
      ->allow_extra_args(false);

  std::vector<std::string> convert_limits;
  cmd->add_option("--limit", convert_limits,
                  "Raise or lower a limit, NAME=VALUE (repeatable): " + limit_help())
      ->allow_extra_args(false);

  BuildOptions build;
  const std::vector<std::string> format_names = writer_names();
  auto* build_cmd = app.add_subcommand("build", "Export every source of a folder, rebuilding only what changed");
  build_cmd->add_option("INPUT_DIR", build.input_dir, "Folder of sources (default: input)");
  build_cmd->add_option("-o,--output", build.output_dir, "Output folder, mirroring INPUT_DIR (default: output)");
  build_cmd->add_option("--formats", build.formats, "Comma-separated formats (default: all)")
      ->delimiter(',')
      ->check(CLI::IsMember(format_names));
  build_cmd->add_option("-j,--jobs", build.jobs, "Parallel workers (default: one per core)")->check(CLI::Range(1u, 1024u));
  build_cmd->add_option("-s,--style", build.convert.writer.style, "Style name or style file (YAML)");
  build_cmd->add_option("--lang", build.convert.reader.language,
                        "Every source's language (BCP 47), instead of its front matter or detection")
      ->check(kLanguageTag);
  build_cmd->add_flag("--force", build.force, "Rebuild every output, even when up to date");
  bool watch = false;
  WatchOptions watch_options;
  build_cmd->add_flag("-w,--watch", watch, "Then rebuild what changed each time a source or style is saved (Ctrl-C stops)");
  build_cmd->add_flag("-v,--verbose", build.verbose, "Also print notes");
  std::vector<std::string> build_limits;
  build_cmd->add_option("--limit", build_limits, "Raise or lower a limit, NAME=VALUE (repeatable): " + limit_help())
      ->allow_extra_args(false);
  build_cmd->add_option("--boilerplate", build.convert.transforms.boilerplate_files,
                        "Extra furniture patterns, a YAML file shaped like styles/boilerplate.yaml (repeatable)")
      ->check(CLI::ExistingFile)
      ->allow_extra_args(false);

  // Options of both subcommands: how much and in which form diagnostics are printed.
  bool quiet = false;
  bool fail_on_warnings = false;
  std::string diagnostics_format = "text";
  for (CLI::App* sub : {cmd, build_cmd}) {
    sub->add_flag("-q,--quiet", quiet, "Print errors only: no warnings, notes or progress");
    sub->add_option("--diagnostics", diagnostics_format,
                    "Diagnostics as text (path:line:col: severity: message) or json (one object per line)")
        ->check(CLI::IsMember({"text", "json"}));
    sub->add_flag("--fail-on-warnings", fail_on_warnings, "Exit 1 when a warning was reported");
  }

  auto* styles_cmd = app.add_subcommand("styles", "List the styles --style NAME can name, and where they are");

  ServeOptions serve;
  auto* serve_cmd = app.add_subcommand("serve", "Serve a page on this computer to convert pasted text or a file in a browser");
  serve_cmd->add_option("--port", serve.port, "Port to listen on (default: 0, a free port, printed)")->check(CLI::Range(0, 65535));
  serve_cmd->add_option("--listen", serve.listen, "Address to listen on (default: 127.0.0.1, this computer only)");
  serve_cmd->add_option("FOLDER", serve.folder, "Also serve the catalog of this folder's build, rebuilt when its sources change");
  serve_cmd->add_option("-o,--output", serve.output_dir,
                        "Output folder for FOLDER's build (default: a private temporary folder, removed at the end)");
  serve_cmd->add_flag("--open", serve.open_browser, "Open the page in the browser (xdg-open)");
  serve_cmd->add_option("-s,--style", serve.convert.writer.style, "Default style name");
  serve_cmd->add_option("--lang", serve.convert.reader.language,
                        "FOLDER's sources' language (BCP 47), instead of front matter or detection; the page has its own choice")
      ->check(kLanguageTag);
  std::vector<std::string> serve_limits;
  serve_cmd->add_option("--limit", serve_limits,
                        "Raise or lower a limit, NAME=VALUE (repeatable): " + limit_help() +
                            ", seconds=60 (one conversion's time; over it, the page gets a message)")
      ->allow_extra_args(false);

  std::string shell;
  auto* completion_cmd = app.add_subcommand("completion", "Print the shell completion script (bash, zsh or fish)");
  completion_cmd->add_option("SHELL", shell, "Shell")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  // Hidden: the build writes the man page with it (handout.1, from this definition).
  auto* man_cmd = app.add_subcommand("man-page", "Print the man page (roff)")->group("");

  set_diagnostic_output({});
  // The first word that is no option names the subcommand; a mistyped one gets a suggestion
  // (CLI11 would only say that a subcommand is required).
  CLI::App* named = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    if (!word.empty() && word[0] == '-') {
      if (word == "--list-formats") {
        out << format_listing();
        return 0;
      }
      if (word == "-h" || word == "--help" || word == "--help-all" || word == "--version") continue;
      break;  // an option of no subcommand: CLI11 says so
    }
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
      names.push_back(sub->get_name());
    }
    for (CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == word) named = sub;
    }
    if (named == nullptr) {
      err << "handout: error: unknown command '" << word << "'" << did_you_mean(word, names)
          << "\nRun 'handout --help' for usage.\n";
      return 2;
    }
    break;
  }

  try {
    app.parse(argc, argv);
    convert.options.writer.source_date_epoch = source_date_epoch();
    build.convert.writer.source_date_epoch = convert.options.writer.source_date_epoch;
    for (const std::string& l : convert_limits) set_limit(convert.options, l);
    for (const std::string& l : build_limits) set_limit(build.convert, l);
    for (const std::string& l : serve_limits) {
      if (l.rfind("seconds=", 0) == 0) {
        const std::string value = l.substr(8);
        if (value.empty() || value.size() > 6 || value.find_first_not_of("0123456789") != std::string::npos ||
            std::stoul(value) == 0) {
          throw std::invalid_argument("--limit seconds: '" + value + "' is not a whole number of seconds from 1 to 999999");
        }
        serve.seconds = static_cast<unsigned>(std::stoul(value));
      } else {
        set_limit(serve.convert, l);
      }
    }
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << "handout " << HANDOUT_VERSION << '\n';
    return 0;
  } catch (const CLI::ExtrasError& e) {
    // An unknown option: name it, with the nearest options of its subcommand.
    for (int i = 1; named != nullptr && i < argc; ++i) {
      std::string word = argv[i];
      if (word.size() < 2 || word[0] != '-' || word == "--") continue;
      word = word.substr(0, word.find('='));
      const std::vector<std::string> known = option_spellings(*named);
      if (std::find(known.begin(), known.end(), word) != known.end()) continue;
      if (word.size() > 2 && word[1] != '-') continue;  // -abc: short flags run together, left to CLI11
      err << "handout: error: unknown option '" << word << "'" << did_you_mean(word, known)
          << "\nRun 'handout " << named->get_name() << " --help' for usage.\n";
      return 2;
    }
    err << "handout: error: " << e.what() << "\nRun 'handout --help' for usage.\n";
    return 2;
  } catch (const CLI::ParseError& e) {
    err << "handout: error: " << e.what() << "\nRun 'handout --help' for usage.\n";
    return 2;
  } catch (const std::invalid_argument& e) {  // a bad --limit
    err << "handout: error: " << e.what() << "\n";
    return 2;
  }

  if (styles_cmd->parsed()) {
    for (const std::string& name : style_names()) {
      const std::vector<std::filesystem::path> files = style_files(name);
      out << name << '\t' << (files.empty() ? std::string("(unreadable)") : files.front().string()) << '\n';
    }
    return 0;
  }
  if (serve_cmd->parsed()) return run_serve(serve, out, err);
  if (completion_cmd->parsed()) {
    out << completion_script(app, shell);
    return 0;
  }
  if (man_cmd->parsed()) {
    std::string date;
    if (const auto epoch = source_date_epoch()) {
      const std::time_t t = static_cast<std::time_t>(*epoch);
      char buf[16];
      std::tm tm{};
      if (::gmtime_r(&t, &tm) != nullptr && std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm) > 0) date = buf;
    }
    out << man_page(app, HANDOUT_VERSION, date);
    return 0;
  }
  set_diagnostic_output({diagnostics_format == "json", quiet ? Severity::error : Severity::note});
  const std::size_t warnings_before = warnings_reported();
  // --fail-on-warnings turns a run that reported warnings into a failure.
  auto finish = [&](int status) {
    const std::size_t warnings = warnings_reported() - warnings_before;
    if (status != 0 || !fail_on_warnings || warnings == 0) return status;
    err << "handout: error: " << warnings << (warnings == 1 ? " warning" : " warnings")
        << ", and --fail-on-warnings was given\n";
    return 1;
  };
  NullBuffer null_buffer;
  std::ostream null_out(&null_buffer);

  if (cmd->parsed()) {
    convert.options.from = from;
    convert.stdout_is_terminal = &out == &std::cout && ::isatty(STDOUT_FILENO);
    convert.options.transforms.verbose = convert.verbose;
    convert.options.reader.boilerplate_files = convert.options.transforms.boilerplate_files;
    return finish(run_convert(convert, out, err));
  }
  if (build_cmd->parsed()) {
    build.convert.transforms.verbose = build.verbose;
    build.convert.reader.boilerplate_files = build.convert.transforms.boilerplate_files;
    const char* term = std::getenv("TERM");
    build.terminal = &out == &std::cout && ::isatty(STDOUT_FILENO) && !(term != nullptr && std::string(term) == "dumb");
    std::ostream& progress = quiet ? null_out : out;
    if (quiet) build.terminal = false;
    if (watch) return finish(run_watch(build, watch_options, progress, err));
    return finish(run_build(build, progress, err).exit_status());
  }
  return 2;
}

}  // namespace handout
