#include "suite/suite_replay.hpp"

#include <fmt/format.h>

#include "counterexamples/replay.hpp"

namespace lgr {

std::optional<std::string> unmet_replay(const CaseExpect::Replay& trace, const SuiteCase& c) {
  const ReplayResult r = replay_file(trace.path, c.config, c.variants);
  if (r.ok) return std::nullopt;
  std::string why;
  if (r.divergence) why = r.divergence->reason;
  else if (!r.expect_met) why = r.expect_message.empty() ? "its expect line is not met" : r.expect_message;
  else if (!r.loop_closed) why = "its last state is not the state its loop starts at";
  else why = fmt::format("it does not replay ({} steps executed)", r.steps);
  return fmt::format("replay {}: {}", trace.written, why);
}

}  // namespace lgr
