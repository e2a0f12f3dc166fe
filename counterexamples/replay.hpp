// Re-executes a trace with the model's successor function alone (not the
// search code), so a replay checks the checker.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "counterexamples/step_events.hpp"
#include "counterexamples/trace.hpp"
#include "model/lgr_model.hpp"

namespace lgr {

struct ReplayDivergence {
  std::size_t step = 0;  // 1-based step that is not enabled
  int line = 0;          // its line in the trace file
  std::string reason;    // "step 5: DstReceive LGRLIN21 STATE is not enabled: ..."
};

struct ReplayStep {
  std::string label;
  std::vector<std::string> changes;  // z/VM words: "LGRLIN21 on GDLLCPX1: SHADOW -> READY"
  StateVars after;
  ActionIndex action = 0;          // the action instance the label names
  std::vector<StepEvent> events;   // the same changes, structured for pictures
};

// Why a property is false on the replayed trace, in z/VM words
// (counterexamples/witness.hpp).
struct PropertyWitness {
  std::string property;
  std::vector<std::string> lines;
};

struct ReplayResult {
  bool ok = false;            // every step enabled and the expect line (if any) met
  std::size_t steps = 0;      // steps executed
  std::optional<ReplayDivergence> divergence;
  std::vector<std::string> violations;  // invariants false in the last state
  bool expect_met = true;
  std::string expect_message;  // why the expect line is (not) met, in words
  bool loop_closed = true;     // for a lasso: the last state equals the loop start
  std::vector<ReplayStep> trace;
  // One per property in `violations`, then the expected liveness property of a lasso that meets it.
  std::vector<PropertyWitness> witnesses;
  StateVars initial;
  StateVars final_state;
};

// Throws TraceError when a label names nothing in the configuration
// (unknown guest or member, no such request).
ReplayResult replay(const LgrModel& model, const Trace& trace);

// A trace file with the model it runs on: its config (the `config` line
// relative to the trace, or `config_override`) and its variants plus
// `extra_variants`. Throws TraceError or ConfigError on bad input.
struct ReplayInput {
  Trace trace;
  std::string config_path;
  LgrModel model;
};
ReplayInput load_replay_input(const std::string& trace_path, const std::string& config_override = "",
                              const std::vector<std::string>& extra_variants = {});

// Loads the trace, its config (the `config` line relative to the trace, or
// `config_override`), its variants plus `extra_variants`, and replays it.
// Throws TraceError or ConfigError on bad input.
ReplayResult replay_file(const std::string& trace_path, const std::string& config_override = "",
                         const std::vector<std::string>& extra_variants = {});

// The replay JSON of spec section 6: ok, steps, violations, final_state, ...
nlohmann::json replay_json(const LgrModel& model, const ReplayResult& r);

}  // namespace lgr
