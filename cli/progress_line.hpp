// The progress report of a long run on stderr: one updating line on a
// terminal, plain lines otherwise (logs, CI), nothing when quiet.
#pragma once

#include <functional>

#include "explorer/search_options.hpp"

namespace lgr {
std::function<void(const explorer::ProgressSnapshot&)> progress_printer(bool quiet);
// Ends an updating line so the summary starts on a fresh one.
void finish_progress_line();
}  // namespace lgr
