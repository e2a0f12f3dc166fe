// The witness of a violated property, in z/VM words, read off the states of
// a counterexample: which guest, on which members in which instance state,
// what the ownership record names, and for NoDeadlock and liveness what each
// unfinished relocation waits for and why nothing fair can end it
// ("LGRLIN21 waits at GDLLCPX1 in CANCELING for CANCEL_ACK from GDLLCPX2,
// which failed"). One function per property, so a new property adds one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "counterexamples/replay.hpp"
#include "explorer/path_rebuild.hpp"
#include "explorer/search_result.hpp"
#include "model/lgr_model.hpp"
#include "properties/property.hpp"

namespace lgr {

// A counterexample as states: states[0] is the initial state, actions[i]
// leads from states[i] to states[i + 1]; a lasso's cycle starts after
// `loop_start` steps (loop_start == actions.size(): it stutters at the end).
struct WitnessPath {
  std::vector<StateVars> states;
  std::vector<ActionIndex> actions;
  std::optional<std::size_t> loop_start;
};

WitnessPath witness_path(const LgrModel& model, const std::vector<explorer::PathStep>& path,
                         std::optional<std::size_t> loop_start = std::nullopt);
// The replayed steps (up to a divergence) and the trace's `loop N`.
WitnessPath witness_path(const ReplayResult& replay, std::optional<std::size_t> loop_start);

// Why `property` is false on `path`: for an invariant, in its last state;
// for NoDeadlock, there (no action is enabled); for Termination and
// SyncAnswered, on the lasso. Empty when the path does not show it.
std::vector<std::string> property_witness(const LgrModel& model, PropertyId property, const WitnessPath& path);

// The property witnesses of a replay: one entry per invariant false in the
// last state (and NoDeadlock), plus the expected liveness property of a lasso.
std::vector<PropertyWitness> replay_witnesses(const LgrModel& model, const Trace& trace, const ReplayResult& replay);

// Where each guest is in `v`, one line each: "LGRLIN21: RUNNING on GDLLCPX1,
// READY on GDLLCPX2; the ownership record names GDLLCPX1; relocation to
// GDLLCPX2 in STATE_SENT". `guests` empty means every guest.
std::vector<std::string> guest_whereabouts(const LgrModel& model, const StateVars& v,
                                           const std::vector<int>& guests = {});

}  // namespace lgr
