// One model check: load, explore, judge every property, keep the shortest
// counterexamples. Shared by `check` and `suite`.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "checker/action_coverage_report.hpp"
#include "checker/check_warnings.hpp"
#include "checker/checkpoint.hpp"
#include "checker/symmetry_report.hpp"
#include "checker/variant_effect.hpp"
#include "explorer/distributed_stats.hpp"
#include "explorer/path_rebuild.hpp"
#include "explorer/rank_network.hpp"
#include "explorer/search_options.hpp"
#include "explorer/search_result.hpp"
#include "model/lgr_model.hpp"
#include "properties/property.hpp"
#include "properties/sanity_goals.hpp"

namespace lgr {

// ProbablePass: complete, nothing violated, but the store (bitstate) may
// have lost states: no proof.
enum class Verdict { Pass, Fail, Incomplete, ProbablePass };
const char* verdict_name(Verdict v);

struct CheckSettings {
  explorer::LabelMask properties = 0;  // 0 = every state property
  bool liveness = false;  // also Termination and SyncAnswered (naming them in `properties` does too)
  bool symmetry = false;  // explore one state per orbit of interchangeable guests (checker/symmetry_report.hpp)
  explorer::SearchOptions search;
  std::optional<CheckpointPlan> checkpoint;           // --checkpoint DIR
  std::shared_ptr<const explorer::LevelCut> resume;   // lgrcheck resume: start from this cut
  uint64_t resumed_from = 0;                          // its checkpoint number
  // --distributed: this process is one rank of the search (every rank calls
  // run_check with the same settings); null: one process, as always.
  explorer::RankNetwork* network = nullptr;
};

// Why a distributed check cannot run with these settings ("" when it can).
std::string distributed_refusal(const CheckSettings& settings, int ranks);

struct PropertyOutcome {
  PropertyId id;
  bool holds = true;
  uint32_t trace_length = 0;  // actions in the shortest counterexample
  uint64_t violating_states = 0;
  std::vector<explorer::PathStep> trace;  // initial state first (action unused)
  // Liveness: the trace is a lasso whose cycle starts after this many steps
  // (an empty cycle: it stutters in the last state); `guest` never finishes.
  std::optional<uint32_t> loop_start;
  std::string guest;
  bool checked = true;  // false: liveness skipped, the search being incomplete
};

struct LivenessStats {
  double seconds = 0;        // graph rebuild and fair-cycle search, after the search
  double graph_seconds = 0;  // of which the graph rebuild
  uint64_t edges = 0;
  uint64_t graph_bytes = 0;
};

struct GoalOutcome {
  PropertyId id;  // a Goal entry of the registry
  bool reached = false;
  uint32_t depth = 0;
};

struct CheckReport {
  std::string config_path;
  std::string config_name;
  std::vector<std::string> variants;
  explorer::SearchResult search;
  std::vector<PropertyOutcome> properties;  // the checked ones, registry order
  std::vector<GoalOutcome> goals;
  Verdict verdict = Verdict::Pass;
  std::size_t state_bytes = 0;
  std::optional<LivenessStats> liveness;  // when liveness was asked for and run
  uint64_t peak_resident_bytes = 0;  // VmHWM of the whole process after the search
  Bounds bounds;                     // what "holds" was proved under
  bool fairness = false;             // liveness judged under weak fairness
  CoverageReport coverage;
  std::vector<VariantEffect> variant_effects;  // with --variant, in exact mode
  std::vector<CheckWarning> warnings;
  std::optional<CheckpointStats> checkpoint;  // with --checkpoint
  std::string checkpoint_dir;
  uint64_t resumed_from = 0;  // the checkpoint number a resume started from, 0: none
  std::optional<SymmetryReport> symmetry;  // with CheckSettings::symmetry
  std::optional<explorer::DistributedStats> distributed;  // with CheckSettings::network

  const PropertyOutcome* find(PropertyId id) const;
};

// Throws std::invalid_argument(kSymmetryLivenessRefusal) for symmetry with liveness.
CheckReport run_check(const LgrModel& model, const CheckSettings& settings);

// Exit status of spec'd CLI: 0 pass, 1 fail, 3 incomplete or probable pass.
int exit_code(Verdict v);
// Same, and with `strict` a pass that has warnings exits kStrictWarnings.
int exit_code(const CheckReport& r, bool strict);
// "moves 2, cancels 1, member failures 1, ..., passes 2"
std::string bounds_text(const Bounds& b);
// "weak fairness for every instance of SrcReceive, ..."
std::string fairness_text();
nlohmann::json report_json(const CheckReport& r);
// with_coverage: also the coverage table (--coverage).
void print_summary(const CheckReport& r, std::ostream& out, bool with_coverage = false);

}  // namespace lgr
