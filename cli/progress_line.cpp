#include "cli/progress_line.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace lgr {
namespace {
bool g_line_open = false;
}

std::function<void(const explorer::ProgressSnapshot&)> progress_printer(bool quiet) {
  if (quiet) return {};
  const bool tty = isatty(STDERR_FILENO) != 0;
  return [tty](const explorer::ProgressSnapshot& p) {
    const std::string line = fmt::format(
        "{:.0f}s: {} states ({:.0f}/s), {} transitions, depth {}, frontier {}, {:.1f} MiB", p.seconds,
        p.states, p.seconds > 0 ? p.states / p.seconds : 0.0, p.transitions, p.depth, p.frontier,
        p.bytes / (1024.0 * 1024.0));
    if (tty) {
      fmt::print(stderr, "\r\033[K{}", line);
      g_line_open = true;
    } else {
      fmt::print(stderr, "{}\n", line);
    }
    std::fflush(stderr);
  };
}

void finish_progress_line() {
  if (g_line_open) {
    fmt::print(stderr, "\r\033[K");
    g_line_open = false;
  }
}

}  // namespace lgr
