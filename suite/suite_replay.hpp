// Replay expectations of a suite case. Kept apart from the runner because it
// is the only suite code that calls into counterexamples/ (replay_file).
#pragma once

#include <optional>
#include <string>

#include "suite/suite_manifest.hpp"

namespace lgr {

// Replays `trace` on the case's configuration (which overrides the trace's
// `config` line) with the case's variants added to the trace's own.
// Returns nullopt when every step is enabled and the trace's `expect` line is
// met, else why not, in words ("replay x.trace: step 5: ... is not enabled").
// Throws TraceError or ConfigError on a trace or config it cannot read.
std::optional<std::string> unmet_replay(const CaseExpect::Replay& trace, const SuiteCase& c);

}  // namespace lgr
