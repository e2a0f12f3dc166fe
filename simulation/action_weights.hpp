// Per-action-kind weights of `simulate --weight Tick=0.1,MemberFails=0.5`,
// and the names of action instances in the statistics.
#pragma once

#include <string>
#include <vector>

#include "model/lgr_model.hpp"

namespace lgr {

// One weight per action instance of `model` (1 for a kind not named).
// Throws std::invalid_argument naming the bad item: "--weight: unknown
// action kind 'Tik' (known: Move, ...)" or "--weight: 'Tick=x' is not
// KIND=WEIGHT with a number WEIGHT >= 0".
std::vector<double> parse_action_weights(const LgrModel& model, const std::vector<std::string>& items);

// The instance without the state it is taken in: "Move LGRLIN21 GDLLCPX2",
// "SrcReceive LGRLIN21" (a trace label adds the message), "Tick".
std::string action_instance_name(const LgrModel& model, ActionIndex a);

}  // namespace lgr
