#include "properties/invariants.hpp"

namespace lgr {
namespace {

int members(const LgrModel& m) { return static_cast<int>(m.config().members.size()); }
int guests(const LgrModel& m) { return static_cast<int>(m.config().guests.size()); }
bool runs(uint8_t i) { return i == I_RUNNING || i == I_QUIESCED; }

}  // namespace

bool single_instance(const LgrModel& m, const StateVars& v) {
  for (int g = 0, K = guests(m); g < K; ++g) {
    int n = 0;
    for (int x = 0, M = members(m); x < M; ++x) n += runs(v.g[g].inst[x]);
    if (n > 1) return false;
  }
  return true;
}

bool owner_runs(const LgrModel& m, const StateVars& v) {
  for (int g = 0, K = guests(m); g < K; ++g)
    for (int x = 0, M = members(m); x < M; ++x)
      if (runs(v.g[g].inst[x]) && v.g[g].own != x) return false;
  return true;
}

bool no_lost_guest(const LgrModel& m, const StateVars& v) {
  for (int g = 0, K = guests(m); g < K; ++g) {
    const GuestVars& gv = v.g[g];
    bool somewhere = gv.lost;
    for (int x = 0, M = members(m); x < M && !somewhere; ++x)
      somewhere = runs(gv.inst[x]) || (gv.inst[x] == I_READY && gv.own == x);
    if (!somewhere) return false;
  }
  return true;
}

bool image_integrity(const LgrModel& m, const StateVars& v) {
  for (int g = 0, K = guests(m); g < K; ++g)
    if (v.g[g].bad_image) return false;
  return true;
}

bool eligible_at_commit(const LgrModel& m, const StateVars& v) {
  for (int g = 0, K = guests(m); g < K; ++g)
    if (v.g[g].bad_commit) return false;
  return true;
}

bool quiesce_bound(const LgrModel& m, const StateVars& v) {
  for (int g = 0, K = guests(m); g < K; ++g) {
    const GuestVars& gv = v.g[g];
    if (!gv.episode()) continue;
    const int64_t mq = m.config().requests[gv.cur].maxquiesce;
    if (mq != 0 && gv.qtime >= mq) return false;
  }
  return true;
}

bool capacity(const LgrModel& m, const StateVars& v) {
  for (int x = 0, M = members(m); x < M; ++x)
    if (m.used(v, x) > m.config().members[x].storage) return false;
  return true;
}

bool no_orphan_shadow(const LgrModel& m, const StateVars& v) {
  for (int g = 0, K = guests(m); g < K; ++g) {
    const GuestVars& gv = v.g[g];
    for (int x = 0, M = members(m); x < M; ++x) {
      if (gv.inst[x] != I_SHADOW && gv.inst[x] != I_READY) continue;
      if (!gv.episode()) return false;
      const int s = gv.from;
      const bool can_end = gv.rs != RS_NONE || gv.c_sd != 0 || gv.c_ds != 0 || !v.up[s] || !v.link[s][x];
      if (!can_end) return false;
    }
  }
  return true;
}

bool resumed_on_source(const LgrModel& m, const StateVars& v) {
  for (int g = 0; g < guests(m); ++g) {
    const GuestVars& gv = v.g[g];
    if (gv.rs != RS_NONE && gv.rs != RS_CANCELING) continue;
    for (int x = 0; x < members(m); ++x)
      if (gv.inst[x] == I_QUIESCED) return false;
    if (gv.episode() && gv.own == gv.from && v.up[gv.from] && gv.inst[gv.from] != I_RUNNING) return false;
  }
  return true;
}

bool no_deadlock(const LgrModel& m, const StateVars& v, bool has_successor) {
  if (has_successor) return true;
  for (int g = 0, K = guests(m); g < K; ++g)
    if (v.g[g].episode()) return false;
  return true;
}

namespace {

struct InvariantCheck {
  PropertyId id;
  bool (*holds)(const LgrModel&, const StateVars&);
};
// One function per invariant of the registry, in its order.
constexpr InvariantCheck kInvariants[] = {
    {PropertyId::SingleInstance, single_instance},   {PropertyId::OwnerRuns, owner_runs},
    {PropertyId::NoLostGuest, no_lost_guest},         {PropertyId::ImageIntegrity, image_integrity},
    {PropertyId::EligibleAtCommit, eligible_at_commit}, {PropertyId::QuiesceBound, quiesce_bound},
    {PropertyId::Capacity, capacity},                 {PropertyId::NoOrphanShadow, no_orphan_shadow},
    {PropertyId::ResumedOnSource, resumed_on_source},
};
constexpr bool covers_every_invariant() {
  int n = 0;
  for (const auto& c : kInvariants)
    if (static_cast<int>(c.id) != n++) return false;
  return n == static_cast<int>(PropertyId::NoDeadlock);  // the invariants come first, NoDeadlock after them
}
static_assert(covers_every_invariant(), "kInvariants must list every invariant of the registry, in order");

}  // namespace

explorer::LabelMask violated_invariants(const LgrModel& m, const StateVars& v) {
  explorer::LabelMask bad = 0;
  for (const auto& c : kInvariants)
    if (!c.holds(m, v)) bad |= property_bit(c.id);
  return bad;
}

}  // namespace lgr
