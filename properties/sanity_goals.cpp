#include "properties/sanity_goals.hpp"

namespace lgr {

const std::vector<GoalInfo>& all_goals() {
  static const std::vector<GoalInfo> kAll = {
      {GoalId::Commit, "commit", "a relocation commits (the ownership record moves)"},
      {GoalId::CancelToSource, "cancel", "a relocation is cancelled and the guest runs on its source"},
      {GoalId::GuestLost, "lost", "a guest is lost with a failed member"},
  };
  return kAll;
}

uint32_t goals_reached(const LgrModel& m, const StateVars& v) {
  uint32_t bits = 0;
  const auto& cfg = m.config();
  for (size_t g = 0; g < cfg.guests.size(); ++g) {
    const GuestVars& gv = v.g[g];
    if (gv.own != cfg.guests[g].home) bits |= 1u << (kGoalBitBase + int(GoalId::Commit));
    if (gv.rs == RS_CANCELING && gv.inst[gv.from] == I_RUNNING)
      bits |= 1u << (kGoalBitBase + int(GoalId::CancelToSource));
    if (gv.lost) bits |= 1u << (kGoalBitBase + int(GoalId::GuestLost));
  }
  return bits;
}

}  // namespace lgr
