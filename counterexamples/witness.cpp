#include "counterexamples/witness.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "counterexamples/relocation_wait.hpp"
#include "properties/invariants.hpp"
#include "properties/liveness.hpp"

namespace lgr {
namespace {

using Lines = std::vector<std::string>;

bool runs(uint8_t i) { return i == I_RUNNING || i == I_QUIESCED; }
int member_count(const LgrModel& m) { return static_cast<int>(m.config().members.size()); }
int guest_count(const LgrModel& m) { return static_cast<int>(m.config().guests.size()); }
const std::string& member(const LgrModel& m, int x) { return m.config().members[x].name; }
const std::string& guest(const LgrModel& m, int g) { return m.config().guests[g].name; }

// "RUNNING on GDLLCPX1 and QUIESCED on GDLLCPX2"; only running (or
// quiesced) instances when `running_only`.
std::string holdings(const LgrModel& m, const GuestVars& gv, bool running_only = false) {
  std::vector<std::string> parts;
  for (int x = 0; x < member_count(m); ++x)
    if (gv.inst[x] != I_NONE && (!running_only || runs(gv.inst[x])))
      parts.push_back(fmt::format("{} on {}", inst_name(gv.inst[x]), member(m, x)));
  if (parts.empty()) return "held by no member";
  if (parts.size() == 1) return parts[0];
  const std::string last = parts.back();
  parts.pop_back();
  return fmt::format("{} and {}", fmt::join(parts, ", "), last);
}

// The ownership record, and the relocation in progress when there is one.
std::string record(const LgrModel& m, const GuestVars& gv) {
  std::string out = "the ownership record names " + member(m, gv.own);
  if (gv.episode())
    out += fmt::format("; relocation {} -> {} in {}", member(m, gv.from), member(m, m.dest(gv)), rs_name(gv.rs));
  return out;
}

// One function per invariant: a sentence for every guest (or member) that
// breaks it in `v`.

Lines single_instance_witness(const LgrModel& m, const StateVars& v) {
  Lines out;
  for (int g = 0; g < guest_count(m); ++g) {
    const GuestVars& gv = v.g[g];
    int n = 0;
    for (int x = 0; x < member_count(m); ++x) n += runs(gv.inst[x]);
    if (n > 1) out.push_back(fmt::format("{} {}; {}", guest(m, g), holdings(m, gv, true), record(m, gv)));
  }
  return out;
}

Lines owner_runs_witness(const LgrModel& m, const StateVars& v) {
  Lines out;
  for (int g = 0; g < guest_count(m); ++g)
    for (int x = 0; x < member_count(m); ++x)
      if (runs(v.g[g].inst[x]) && v.g[g].own != x)
        out.push_back(fmt::format("{} {} on {}, but {}", guest(m, g), inst_name(v.g[g].inst[x]), member(m, x),
                                  record(m, v.g[g])));
  return out;
}

Lines no_lost_guest_witness(const LgrModel& m, const StateVars& v) {
  Lines out;
  for (int g = 0; g < guest_count(m); ++g) {
    const GuestVars& gv = v.g[g];
    bool somewhere = gv.lost;
    for (int x = 0; x < member_count(m) && !somewhere; ++x)
      somewhere = runs(gv.inst[x]) || (gv.inst[x] == I_READY && gv.own == x);
    if (somewhere) continue;
    out.push_back(fmt::format(
        "{} is {}: no member runs it or holds it quiesced, none holds it READY as its owner, and it did not die "
        "with a failed member; {}",
        guest(m, g), holdings(m, gv), record(m, gv)));
  }
  return out;
}

Lines image_integrity_witness(const LgrModel& m, const StateVars& v) {
  Lines out;
  for (int g = 0; g < guest_count(m); ++g)
    if (v.g[g].bad_image)
      out.push_back(fmt::format(
          "{} resumed from an incomplete memory image (pages changed after the last memory pass were never sent): "
          "it is {}; {}",
          guest(m, g), holdings(m, v.g[g]), record(m, v.g[g])));
  return out;
}

Lines eligible_at_commit_witness(const LgrModel& m, const StateVars& v) {
  Lines out;
  for (int g = 0; g < guest_count(m); ++g)
    if (v.g[g].bad_commit)
      out.push_back(fmt::format(
          "the relocation of {} committed while the guest was ineligible (it held a resource that cannot move): "
          "it is {}; {}",
          guest(m, g), holdings(m, v.g[g]), record(m, v.g[g])));
  return out;
}

Lines quiesce_bound_witness(const LgrModel& m, const StateVars& v) {
  Lines out;
  for (int g = 0; g < guest_count(m); ++g) {
    const GuestVars& gv = v.g[g];
    if (!gv.episode()) continue;
    const int64_t mq = m.config().requests[gv.cur].maxquiesce;
    if (mq == 0 || gv.qtime < mq) continue;
    out.push_back(fmt::format(
        "{} has been quiesced on {} for {} tick(s), MAXQUIESCE {}, and the relocation to {} was not cancelled "
        "(relocation state {}); it is {}",
        guest(m, g), member(m, gv.from), gv.qtime, mq, member(m, m.dest(gv)), rs_name(gv.rs), holdings(m, gv)));
  }
  return out;
}

Lines capacity_witness(const LgrModel& m, const StateVars& v) {
  Lines out;
  for (int x = 0; x < member_count(m); ++x) {
    const int64_t used = m.used(v, x), storage = m.config().members[x].storage;
    if (used <= storage) continue;
    std::vector<std::string> parts;
    for (int g = 0; g < guest_count(m); ++g)
      if (v.g[g].inst[x] != I_NONE)
        parts.push_back(fmt::format("{} {} ({})", guest(m, g), inst_name(v.g[g].inst[x]), m.config().guests[g].memory));
    out.push_back(fmt::format("{} holds {} = {}, more than its storage {}", member(m, x), fmt::join(parts, " + "),
                              used, storage));
  }
  return out;
}

Lines no_orphan_shadow_witness(const LgrModel& m, const StateVars& v) {
  Lines out;
  for (int g = 0; g < guest_count(m); ++g) {
    const GuestVars& gv = v.g[g];
    for (int x = 0; x < member_count(m); ++x) {
      if (gv.inst[x] != I_SHADOW && gv.inst[x] != I_READY) continue;
      const std::string head = fmt::format("{} is {} on {}, but nothing will ever end it", guest(m, g),
                                           inst_name(gv.inst[x]), member(m, x));
      if (!gv.episode()) {
        out.push_back(fmt::format("{}: no relocation of {} is in progress; {}", head, guest(m, g), record(m, gv)));
        continue;
      }
      const int s = gv.from;
      const bool can_end = gv.rs != RS_NONE || gv.c_sd != 0 || gv.c_ds != 0 || !v.up[s] || !v.link[s][x];
      if (can_end) continue;
      out.push_back(fmt::format(
          "{}: the source {} has ended the relocation (relocation state NONE), nothing is queued between {} and "
          "{}, and both and their link are up, so neither side detects a failure; {}",
          head, member(m, s), member(m, s), member(m, x), record(m, gv)));
    }
  }
  return out;
}

// "LGRLIN21 is still QUIESCED on GDLLCPX2 after the relocation was cancelled".
Lines resumed_on_source_witness(const LgrModel& m, const StateVars& v) {
  Lines out;
  for (int g = 0; g < guest_count(m); ++g) {
    const GuestVars& gv = v.g[g];
    if (gv.rs != RS_NONE && gv.rs != RS_CANCELING) continue;
    const char* when = gv.rs == RS_CANCELING ? "after the relocation was cancelled" : "after the relocation ended";
    bool quiesced = false;
    for (int x = 0; x < member_count(m); ++x) {
      if (gv.inst[x] != I_QUIESCED) continue;
      quiesced = true;
      out.push_back(fmt::format("{} is still QUIESCED on {} {}, and nothing will resume it; {}", guest(m, g),
                                member(m, x), when, record(m, gv)));
    }
    if (!quiesced && gv.episode() && gv.own == gv.from && v.up[gv.from] && gv.inst[gv.from] != I_RUNNING)
      out.push_back(fmt::format("{} is {} on its source {} {} before any commit, not RUNNING; {}", guest(m, g),
                                inst_name(gv.inst[gv.from]), member(m, gv.from), when, record(m, gv)));
  }
  return out;
}

struct InvariantWitness {
  PropertyId id;
  Lines (*lines)(const LgrModel&, const StateVars&);
};

constexpr InvariantWitness kInvariantWitnesses[] = {
    {PropertyId::SingleInstance, single_instance_witness},
    {PropertyId::OwnerRuns, owner_runs_witness},
    {PropertyId::NoLostGuest, no_lost_guest_witness},
    {PropertyId::ImageIntegrity, image_integrity_witness},
    {PropertyId::EligibleAtCommit, eligible_at_commit_witness},
    {PropertyId::QuiesceBound, quiesce_bound_witness},
    {PropertyId::Capacity, capacity_witness},
    {PropertyId::NoOrphanShadow, no_orphan_shadow_witness},
    {PropertyId::ResumedOnSource, resumed_on_source_witness},
};

std::vector<ActionIndex> enabled_in(const LgrModel& m, const StateVars& v) {
  std::vector<Word> words(m.state_words());
  m.encode(v, words.data());
  std::vector<ActionIndex> out;
  m.successors(words.data(), v, [&](ActionIndex a, const Word*) { out.push_back(a); });
  return out;
}

Lines deadlock_witness(const LgrModel& m, const WitnessPath& p) {
  const StateVars& v = p.states.back();
  if (!enabled_in(m, v).empty()) return {};
  Lines out;
  for (int g = 0; g < guest_count(m); ++g) {
    if (!v.g[g].episode()) continue;
    out.push_back(relocation_wait(m, v, g));
    for (const std::string& line : relocation_blockers(m, v, g, false)) out.push_back(line);
  }
  if (!out.empty()) out.push_back("no action at all is enabled, so these relocations never end");
  return out;
}

// The guest whose relocation stays unfinished in every state of the cycle
// (for SyncAnswered, a SYNC one), or kNone.
int stuck_guest(const LgrModel& m, const WitnessPath& p, bool sync_only) {
  for (int g = 0; g < guest_count(m); ++g) {
    bool stuck = true;
    for (std::size_t i = *p.loop_start; i < p.states.size() && stuck; ++i) {
      const GuestVars& gv = p.states[i].g[g];
      stuck = gv.rs != RS_NONE && gv.episode() && (!sync_only || m.config().requests[gv.cur].sync);
    }
    if (stuck) return g;
  }
  return kNone;
}

Lines liveness_witness(const LgrModel& m, PropertyId id, const WitnessPath& p) {
  if (!p.loop_start || *p.loop_start > p.actions.size()) return {};
  const int g = stuck_guest(m, p, id == PropertyId::SyncAnswered);
  if (g == kNone) return {};
  const std::size_t n = *p.loop_start;
  const StateVars& last = p.states.back();
  const std::string& G = guest(m, g);
  Lines out;
  const std::string never = id == PropertyId::SyncAnswered
                                ? fmt::format("the SYNC issuer of the VMRELOCATE of {} never gets its answer", G)
                                : fmt::format("the relocation of {} never ends", G);
  if (n == p.actions.size()) {
    out.push_back(fmt::format("{}: after step {} no fair action (of a CP or the timer) is enabled, and fairness "
                              "never forces the operator, the guest or a fault, so the path may stay there forever",
                              never, n));
    out.push_back(relocation_wait(m, last, g));
    for (const std::string& line : relocation_blockers(m, last, g, true)) out.push_back(line);
    std::vector<std::string> others;
    for (ActionIndex a : enabled_in(m, last)) others.push_back(m.label(a, last));
    if (!others.empty()) out.push_back(fmt::format("enabled but never forced: {}", fmt::join(others, ", ")));
    return out;
  }
  std::set<std::string> phases;
  std::vector<std::string> labels;
  for (std::size_t i = n; i < p.actions.size(); ++i) {
    phases.insert(rs_name(p.states[i].g[g].rs));
    labels.push_back(m.label(p.actions[i], p.states[i]));
  }
  out.push_back(fmt::format("{}: steps {} to {} repeat forever ({}), and its relocation stays in {}", never, n + 1,
                            p.actions.size(), fmt::join(labels, ", "), fmt::join(phases, ", ")));
  for (const std::string& line : cycle_rule_notes(m, p.states, p.actions, n, g)) out.push_back(line);
  out.push_back("every fair action enabled throughout the cycle is taken in it, so weak fairness allows it");
  out.push_back(guest_whereabouts(m, p.states[n], {g}).front() + " (where the cycle starts)");
  return out;
}

}  // namespace

WitnessPath witness_path(const LgrModel& model, const std::vector<explorer::PathStep>& path,
                         std::optional<std::size_t> loop_start) {
  WitnessPath p;
  p.loop_start = loop_start;
  for (std::size_t i = 0; i < path.size(); ++i) {
    p.states.push_back(model.decode(path[i].state.data()));
    if (i > 0) p.actions.push_back(static_cast<ActionIndex>(path[i].action));
  }
  return p;
}

WitnessPath witness_path(const ReplayResult& replay, std::optional<std::size_t> loop_start) {
  WitnessPath p;
  p.loop_start = loop_start;
  p.states.push_back(replay.initial);
  for (const auto& s : replay.trace) {
    p.states.push_back(s.after);
    p.actions.push_back(s.action);
  }
  return p;
}

std::vector<std::string> property_witness(const LgrModel& model, PropertyId property, const WitnessPath& path) {
  if (path.states.empty()) return {};
  for (const auto& w : kInvariantWitnesses)
    if (w.id == property) return w.lines(model, path.states.back());
  switch (property) {
    case PropertyId::NoDeadlock: return deadlock_witness(model, path);
    case PropertyId::Termination:
    case PropertyId::SyncAnswered: return liveness_witness(model, property, path);
    default: return {};
  }
}

std::vector<PropertyWitness> replay_witnesses(const LgrModel& model, const Trace& trace, const ReplayResult& replay) {
  std::vector<PropertyWitness> out;
  const WitnessPath path = witness_path(replay, trace.loop_start);
  for (const std::string& name : replay.violations)
    if (const auto id = parse_property(name)) out.push_back({name, property_witness(model, *id, path)});
  if (trace.expect_violation && !replay.divergence) {
    const auto id = parse_property(*trace.expect_violation);
    if (id && property_info(*id).kind == PropertyKind::Liveness && replay.expect_met) {
      Lines lines = property_witness(model, *id, path);
      if (!lines.empty()) out.push_back({*trace.expect_violation, std::move(lines)});
    }
  }
  return out;
}

std::vector<std::string> guest_whereabouts(const LgrModel& model, const StateVars& v, const std::vector<int>& guests) {
  std::vector<int> which = guests;
  if (which.empty())
    for (int g = 0; g < guest_count(model); ++g) which.push_back(g);
  Lines out;
  for (int g : which) {
    const GuestVars& gv = v.g[g];
    std::string line = fmt::format("{}: {}; {}", guest(model, g), holdings(model, gv), record(model, gv));
    if (gv.lost) line += "; lost with a failed member";
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace lgr
