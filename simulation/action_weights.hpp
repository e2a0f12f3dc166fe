// Per-action-kind weights of `simulate --weight Tick=0.1,MemberFails=0.5`,
// and the names of action instances in the statistics.
#pragma once

#include "checker/action_coverage_report.hpp"  // action_instance_name

#include <string>
#include <vector>

#include "model/lgr_model.hpp"

namespace lgr {

// One weight per action instance of `model` (1 for a kind not named).
// Throws std::invalid_argument naming the bad item: "--weight: unknown
// action kind 'Tik' (known: Move, ...)" or "--weight: 'Tick=x' is not
// KIND=WEIGHT with a number WEIGHT >= 0".
std::vector<double> parse_action_weights(const LgrModel& model, const std::vector<std::string>& items);


}  // namespace lgr
