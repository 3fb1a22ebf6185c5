#include "batch/progress.hpp"

#include "text/text.hpp"

#include <cstdio>
#include <ostream>

#include <sys/ioctl.h>
#include <unistd.h>

namespace handout {

namespace {

/// Returns the width of the terminal on standard output, or 80.
std::size_t terminal_width() {
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  return 80;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s", s);
  return buf;
}

std::string rate_text(std::size_t done, double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f sources/s", seconds > 0 ? static_cast<double>(done) / seconds : 0.0);
  return buf;
}

}  // namespace

BuildProgress::BuildProgress(std::ostream& out, std::ostream& err, bool terminal, bool verbose)
    : out_(out), err_(err), terminal_(terminal), verbose_(verbose), start_(std::chrono::steady_clock::now()) {}

void BuildProgress::set_total(std::size_t total) { total_ = total; }

double BuildProgress::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void BuildProgress::clear_line() {
  if (!line_shown_) return;
  out_ << "\r\033[K" << std::flush;
  line_shown_ = false;
}

void BuildProgress::draw_line() {
  const std::string width = std::to_string(total_);
  std::string done = std::to_string(done_);
  if (done.size() < width.size()) done.insert(0, width.size() - done.size(), ' ');
  std::string line = "[" + done + "/" + width + "] " + std::to_string(failed_) + " failed, " +
                     rate_text(done_, elapsed_seconds()) + "  " + current_;
  // Keep the line shorter than the terminal, counting code points, so it never wraps.
  const std::size_t max = terminal_width() - 1;
  if (text::length(line) > max) {
    std::string cut;
    std::size_t i = 0, n = 0;
    while (i < line.size() && n + 1 < max) {
      const std::size_t begin = i;
      text::next_code_point(line, i);
      cut.append(line, begin, i - begin);
      ++n;
    }
    line = cut + "…";
  }
  out_ << "\r\033[K" << line << std::flush;
  line_shown_ = true;
  last_draw_ = std::chrono::steady_clock::now();
}

void BuildProgress::started(const std::string& source) {
  current_ = source;
  tick();
}

void BuildProgress::finished(const std::string& source, bool failed, const std::vector<std::string>& outputs,
                             const std::vector<Diagnostic>& diagnostics) {
  ++done_;
  failed_ += failed;
  bool printed = false;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::note && !verbose_) continue;
    if (!printed) clear_line();
    printed = true;
    print_diagnostic(err_, d);
  }
  if (printed) err_ << std::flush;
  if (terminal_) {
    if (printed) draw_line();
    else tick();
    return;
  }
  out_ << '[' << done_ << '/' << total_ << "] " << (failed ? "failed " : "built ") << source;
  if (!outputs.empty()) {
    out_ << " ->";
    for (const std::string& o : outputs) out_ << ' ' << o;
  }
  out_ << '\n' << std::flush;
}

void BuildProgress::message(const std::string& line) {
  clear_line();
  out_ << line << '\n' << std::flush;
  if (terminal_ && done_ > 0) draw_line();
}

void BuildProgress::diagnostics(const std::vector<Diagnostic>& items) {
  clear_line();
  for (const Diagnostic& d : items) print_diagnostic(err_, d);
  err_ << std::flush;
}

void BuildProgress::tick() {
  if (!terminal_) return;
  if (line_shown_ && std::chrono::steady_clock::now() - last_draw_ < std::chrono::milliseconds(100)) return;
  draw_line();
}

void BuildProgress::summary(const BuildCounts& c, bool interrupted) {
  clear_line();
  const double seconds = elapsed_seconds();
  out_ << (interrupted ? "interrupted: " : "") << "built " << c.built << ", skipped " << c.skipped << ", failed "
       << c.failed << ", removed " << c.removed;
  if (c.abandoned > 0) out_ << ", not built " << c.abandoned;
  out_ << " in " << seconds_text(seconds);
  if (c.built + c.failed > 0) out_ << " (" << rate_text(c.built + c.failed, seconds) << ")";
  out_ << '\n' << std::flush;
}

}  // namespace handout
