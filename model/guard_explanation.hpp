// Why an action instance is not enabled, in words: the first conjunct of its
// guard (spec section 3) that fails. Replay uses it to say precisely where a
// trace leaves the model ("step 5: ... is not enabled: ...").
#pragma once

#include <optional>
#include <string>

#include "model/lgr_model.hpp"

namespace lgr {

// The failing guard of action `a` in state `v`, or nullopt when `a` is
// enabled there (a test holds this to LgrModel::successors on every
// reachable state).
std::optional<std::string> guard_failure(const LgrModel& model, ActionIndex a, const StateVars& v);

}  // namespace lgr
