#include "properties/state_check.hpp"

namespace lgr {

StateCheck::StateCheck(const LgrModel& model) {
  const Config& cfg = model.config();
  M_ = static_cast<int>(cfg.members.size());
  K_ = static_cast<int>(cfg.guests.size());
  for (int x = 0; x < M_; ++x) storage_[x] = cfg.members[x].storage;
  for (int g = 0; g < K_; ++g) {
    memory_[g] = cfg.guests[g].memory;
    home_[g] = cfg.guests[g].home;
  }
  for (const Request& r : cfg.requests) maxquiesce_.push_back(r.maxquiesce);
}

}  // namespace lgr
