// Every state property of spec section 4 and every sanity goal in one pass
// over the decoded state: the search evaluates them on each of millions of
// states, and one loop over the guests' instances is several times cheaper
// than eight functions that each walk them (invariants.hpp keeps those, one
// per property, for replay and tests; a test asserts both agree on every
// reachable state of the examples and variants).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "explorer/model_interface.hpp"
#include "model/lgr_model.hpp"
#include "properties/property.hpp"
#include "properties/sanity_goals.hpp"

namespace lgr {

class StateCheck {
 public:
  explicit StateCheck(const LgrModel& model);

  // The violated state properties (NoDeadlock judged by has_successor) and
  // the goals reached, as the bits of violated_invariants, no_deadlock and
  // goals_reached.
  explorer::LabelMask evaluate(const StateVars& v, bool has_successor) const {
    constexpr auto bit = [](PropertyId id) { return property_bit(id); };
    explorer::LabelMask bad = 0;
    std::array<int64_t, kMaxMembers> used{};
    bool episode = false;
    for (int g = 0; g < K_; ++g) {
      const GuestVars& gv = v.g[g];
      episode |= gv.episode();
      int running = 0;
      bool quiesced = false;
      bool somewhere = gv.lost;
      for (int x = 0; x < M_; ++x) {
        const uint8_t i = gv.inst[x];
        if (i == I_NONE) continue;
        used[x] += memory_[g];
        if (i == I_RUNNING || i == I_QUIESCED) {
          ++running;
          quiesced |= i == I_QUIESCED;
          somewhere = true;
          if (gv.own != x) bad |= bit(PropertyId::OwnerRuns);
        } else {  // SHADOW or READY
          if (i == I_READY && gv.own == x) somewhere = true;
          if (!gv.episode()) {
            bad |= bit(PropertyId::NoOrphanShadow);
          } else {
            const int s = gv.from;
            if (gv.rs == RS_NONE && gv.c_sd == 0 && gv.c_ds == 0 && v.up[s] && v.link[s][x])
              bad |= bit(PropertyId::NoOrphanShadow);
          }
        }
      }
      if (gv.rs == RS_NONE || gv.rs == RS_CANCELING) {
        // ResumedOnSource: nothing quiesced once the relocation ended or is
        // cancelling, and, before a commit, the guest runs on its live source.
        if (quiesced) bad |= bit(PropertyId::ResumedOnSource);
        if (gv.episode() && gv.own == gv.from && v.up[gv.from] && gv.inst[gv.from] != I_RUNNING)
          bad |= bit(PropertyId::ResumedOnSource);
      }
      if (running > 1) bad |= bit(PropertyId::SingleInstance);
      if (!somewhere) bad |= bit(PropertyId::NoLostGuest);
      if (gv.bad_image) bad |= bit(PropertyId::ImageIntegrity);
      if (gv.bad_commit) bad |= bit(PropertyId::EligibleAtCommit);
      if (gv.episode() && maxquiesce_[gv.cur] != 0 && gv.qtime >= maxquiesce_[gv.cur])
        bad |= bit(PropertyId::QuiesceBound);
      if (gv.own != home_[g]) bad |= bit(PropertyId::Commit);
      if (gv.rs == RS_CANCELING && gv.inst[gv.from] == I_RUNNING) bad |= bit(PropertyId::CancelToSource);
      if (gv.lost) bad |= bit(PropertyId::GuestLost);
    }
    for (int x = 0; x < M_; ++x)
      if (used[x] > storage_[x]) bad |= bit(PropertyId::Capacity);
    if (!has_successor && episode) bad |= bit(PropertyId::NoDeadlock);
    return bad;
  }

 private:
  int M_ = 0, K_ = 0;
  std::array<int64_t, kMaxMembers> storage_{};
  std::array<int64_t, kMaxGuests> memory_{};
  std::array<int, kMaxGuests> home_{};
  std::vector<int64_t> maxquiesce_;  // per request
};

}  // namespace lgr
