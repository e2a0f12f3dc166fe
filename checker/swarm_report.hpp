// What `check --swarm` prints and writes: one line per job, the combined
// figures and coverage, the violation with both trace lengths, and how to
// rerun a job alone; the same as JSON (docs/json-output.md).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "checker/swarm_check.hpp"
#include "model/lgr_model.hpp"

namespace lgr {

// The `check` arguments that run job `p` alone with the same counts (after
// CONFIG; the variants and the checked properties as the swarm had them).
std::vector<std::string> swarm_job_rerun_args(const LgrModel& model, const SwarmSettings& s, const SwarmJobParams& p);

void print_swarm(const LgrModel& model, const SwarmSettings& s, const SwarmReport& r, bool with_coverage,
                 std::ostream& out);
nlohmann::json swarm_json(const LgrModel& model, const SwarmSettings& s, const SwarmReport& r);

}  // namespace lgr
