// What an unfinished relocation waits for, and why nothing ends it, in z/VM
// words, read off one state: "LGRLIN21 waits at GDLLCPX1 in CANCELING for
// CANCEL_ACK from GDLLCPX2, which failed; nothing is queued between them".
// The witness of NoDeadlock and of a stuck liveness lasso, and the storage
// figures of a refused CREATE for the step wording.
#pragma once

#include <string>
#include <vector>

#include "model/lgr_model.hpp"

namespace lgr {

// Guest g's open episode in v: who waits, in which state, for which message
// from whom, whether that peer or the link failed, and what is queued.
std::string relocation_wait(const LgrModel& model, const StateVars& v, int g);

// Why neither CP detects a failure, no timer cancels and (unless
// `fair_only`) the operator cannot cancel: one line per way out that is shut.
std::vector<std::string> relocation_blockers(const LgrModel& model, const StateVars& v, int g, bool fair_only);

// Rules of the active variants that make the cycle of a lasso (steps after
// `loop_start`) go round, e.g. retry-refused resending CREATE.
std::vector<std::string> cycle_rule_notes(const LgrModel& model, const std::vector<StateVars>& states,
                                          const std::vector<ActionIndex>& actions, std::size_t loop_start, int g);

// The storage checks that guest g's CREATE fails at its destination in v,
// with their figures: "its storage 2 plus 7 in use on GDLLCPX2 exceeds the
// storage of GDLLCPX2 (8) (STORAGE_CURRENT)"; "" when they all pass.
std::string storage_refusal(const LgrModel& model, const StateVars& v, int g);

// The index of the action instance of `kind` for guest g.
ActionIndex guest_action(const LgrModel& model, ActionKind kind, int g);

}  // namespace lgr
