// Sanity goals of spec section 4: situations a useful configuration reaches.
// A check that never reaches them proves little, and says so.
#pragma once

#include <vector>

#include "model/lgr_model.hpp"

namespace lgr {

enum class GoalId : int { Commit = 0, CancelToSource, GuestLost };
inline constexpr int kGoalCount = 3;
// Goals share the explorer's finding slots above the properties.
inline constexpr int kGoalBitBase = 24;

struct GoalInfo {
  GoalId id;
  const char* name;
  const char* meaning;
};
const std::vector<GoalInfo>& all_goals();

// Bit (kGoalBitBase + goal) set for every goal reached in v.
uint32_t goals_reached(const LgrModel& m, const StateVars& v);

}  // namespace lgr
