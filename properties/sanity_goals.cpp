#include "properties/sanity_goals.hpp"

namespace lgr {

explorer::LabelMask goals_reached(const LgrModel& m, const StateVars& v) {
  explorer::LabelMask bits = 0;
  const auto& cfg = m.config();
  for (size_t g = 0; g < cfg.guests.size(); ++g) {
    const GuestVars& gv = v.g[g];
    if (gv.own != cfg.guests[g].home) bits |= property_bit(PropertyId::Commit);
    if (gv.rs == RS_CANCELING && gv.inst[gv.from] == I_RUNNING) bits |= property_bit(PropertyId::CancelToSource);
    if (gv.lost) bits |= property_bit(PropertyId::GuestLost);
  }
  return bits;
}

}  // namespace lgr
