// What `replay` and `render` share: load a trace with its configuration and
// variants, replay it, and turn bad input into one error line and status 2.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "counterexamples/replay.hpp"

namespace lgr {

struct TraceSource {
  std::string trace;
  std::string config;  // overrides the trace's `config` line when not empty
  std::vector<std::string> variants;
};

// Calls `use` with the replayed trace and returns its status; on a malformed
// trace or configuration prints "lgrcheck: error: ..." and returns 2.
int with_replayed_trace(const TraceSource& source,
                        const std::function<int(const ReplayInput&, const ReplayResult&)>& use);

}  // namespace lgr
