// The state invariants of spec section 4, one function each, so a test can
// assert any of them on any state.
#pragma once

#include "explorer/model_interface.hpp"
#include "model/lgr_model.hpp"
#include "properties/property.hpp"

namespace lgr {

bool single_instance(const LgrModel& m, const StateVars& v);
bool owner_runs(const LgrModel& m, const StateVars& v);
bool no_lost_guest(const LgrModel& m, const StateVars& v);
bool image_integrity(const LgrModel& m, const StateVars& v);
bool eligible_at_commit(const LgrModel& m, const StateVars& v);
bool quiesce_bound(const LgrModel& m, const StateVars& v);
bool capacity(const LgrModel& m, const StateVars& v);
bool no_orphan_shadow(const LgrModel& m, const StateVars& v);
bool resumed_on_source(const LgrModel& m, const StateVars& v);
// NoDeadlock, given whether any action is enabled.
bool no_deadlock(const LgrModel& m, const StateVars& v, bool has_successor);

// Every invariant (not NoDeadlock) that is false in v.
explorer::LabelMask violated_invariants(const LgrModel& m, const StateVars& v);

}  // namespace lgr
