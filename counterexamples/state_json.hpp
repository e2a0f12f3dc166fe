// One state of the model as JSON, by name: what trace files and `replay
// --json` show of a state (spec section 6: members.<M>.up, guests.<G>.owner,
// guests.<G>.instances.<M> for the members not NONE, guests.<G>.relocation,
// guests.<G>.lost), plus every other variable of spec section 2.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/lgr_model.hpp"

namespace lgr {

nlohmann::json state_json(const LgrModel& model, const StateVars& v);

// Where two states differ, one "path: before -> after" line per variable,
// e.g. "guests.LGRLIN21.pass: 1 -> 2".
std::vector<std::string> state_differences(const LgrModel& model, const StateVars& before, const StateVars& after);

}  // namespace lgr
