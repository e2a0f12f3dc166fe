// `lgrcheck simulate`: many random walks over the LGR model (explorer's
// random_walk), run over threads in batches and merged in run order, so the
// result never depends on the thread count; the first violating run's walk
// is kept and shortened.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "explorer/path_rebuild.hpp"
#include "explorer/random_walk.hpp"
#include "model/lgr_model.hpp"
#include "properties/property.hpp"

namespace lgr {

struct SimulationSettings {
  uint64_t runs = 1000;
  uint64_t first_run = 0;  // runs first_run .. first_run + runs - 1 (to rerun one run alone)
  uint32_t depth = 100;
  uint64_t seed = 0;
  int threads = 1;
  double time_limit = 0;  // seconds; 0 = none
  const std::atomic<bool>* interrupt = nullptr;
  std::vector<double> weights;  // per action instance; empty = uniform
  // The table of distinct states seen; past it the count is an estimate.
  uint64_t max_seen_bytes = uint64_t{512} << 20;
  // The walks start at the end of this path (from --from; the initial state
  // first, its action unused); empty: at the initial state.
  std::vector<explorer::PathStep> prefix;
  bool shorten = true;
};

struct SimulationViolation {
  uint64_t run = 0;       // 0-based run index
  uint64_t run_seed = 0;  // its generator's seed (run_seed(seed, run))
  PropertyId property = PropertyId::SingleInstance;  // the first violated one, in registry order
  explorer::LabelMask violated = 0;               // every one violated in the last state
  std::vector<explorer::PathStep> walk;  // from the initial state (the prefix included) to the violation
  std::optional<std::size_t> shortest_within_seen;  // steps of the breadth-first shortening
  std::vector<explorer::PathStep> shortened;        // after the step-dropping pass too
};

enum class SimulationOutcome { NoViolation, Violation, Incomplete };
const char* outcome_name(SimulationOutcome o);

struct SimulationReport {
  SimulationOutcome outcome = SimulationOutcome::NoViolation;
  std::string stop_reason;  // "time limit" or "interrupted" when Incomplete
  uint64_t runs = 0;        // whole runs merged (run order; a violation ends the merge)
  uint64_t steps = 0;
  uint64_t successors_checked = 0;
  uint64_t distinct_states = 0;  // exact, or estimated (distinct_exact false)
  bool distinct_exact = true;
  uint64_t seen_bytes = 0;
  std::array<uint64_t, 5> ends{};  // per explorer::WalkEnd
  uint32_t min_steps = 0, median_steps = 0, max_steps = 0;
  std::vector<uint64_t> taken;    // per action instance: steps that took it
  std::vector<uint64_t> enabled;  // per action instance: visited states where it was enabled
  std::optional<SimulationViolation> violation;
  std::size_t prefix_steps = 0;
  double seconds = 0;
};

SimulationReport run_simulation(const LgrModel& model, const SimulationSettings& settings);

// Exit status: 0 no violation found, 1 violation, 3 incomplete.
int exit_code(SimulationOutcome o);

}  // namespace lgr
