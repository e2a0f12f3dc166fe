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

bool no_deadlock(const LgrModel& m, const StateVars& v, bool has_successor) {
  if (has_successor) return true;
  for (int g = 0, K = guests(m); g < K; ++g)
    if (v.g[g].episode()) return false;
  return true;
}

explorer::PropertyMask violated_invariants(const LgrModel& m, const StateVars& v) {
  explorer::PropertyMask bad = 0;
  if (!single_instance(m, v)) bad |= property_bit(PropertyId::SingleInstance);
  if (!owner_runs(m, v)) bad |= property_bit(PropertyId::OwnerRuns);
  if (!no_lost_guest(m, v)) bad |= property_bit(PropertyId::NoLostGuest);
  if (!image_integrity(m, v)) bad |= property_bit(PropertyId::ImageIntegrity);
  if (!eligible_at_commit(m, v)) bad |= property_bit(PropertyId::EligibleAtCommit);
  if (!quiesce_bound(m, v)) bad |= property_bit(PropertyId::QuiesceBound);
  if (!capacity(m, v)) bad |= property_bit(PropertyId::Capacity);
  if (!no_orphan_shadow(m, v)) bad |= property_bit(PropertyId::NoOrphanShadow);
  return bad;
}

bool holds(PropertyId id, const LgrModel& m, const StateVars& v, bool has_successor) {
  if (id == PropertyId::NoDeadlock) return no_deadlock(m, v, has_successor);
  if (id == PropertyId::Termination || id == PropertyId::SyncAnswered) return true;  // not a state property
  return (violated_invariants(m, v) & property_bit(id)) == 0;
}

}  // namespace lgr
