// `check --swarm N`: swarm verification (Holzmann, Joshi and Groce, IEEE
// TSE 2011). N small bitstate depth-first jobs, each diversified by its own
// hash salt (another family of bitstate hash functions, so the jobs lose
// different states) and its own successor order, run T at a time, each on
// one thread. Every job stops at its first violation.
//
// Determinism: the violation reported is that of the lowest-indexed job
// that finds one. A job is cancelled only when a lower one has found a
// violation, so the lowest violating job always runs to its end, and the
// report (jobs 0 .. that one, their counts, coverage and trace) is the
// same for any thread count. Jobs above it are cancelled or never started
// and are reported as "not counted".
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/action_coverage_report.hpp"
#include "explorer/path_rebuild.hpp"
#include "explorer/search_result.hpp"
#include "model/lgr_model.hpp"
#include "properties/property.hpp"

namespace lgr {

struct SwarmSettings {
  uint64_t jobs = 1;
  uint64_t seed = 1;
  int threads = 1;
  uint64_t memory = uint64_t{512} << 20;  // bytes of bit array, all jobs together (memory / jobs each)
  int hashes = 3;                         // bits per state
  explorer::LabelMask properties = 0;     // 0 = every state property
  uint64_t max_states = 0;                // per job; 0 = no limit
  double time_limit = 0;                  // seconds for the whole swarm; 0 = none
  const std::atomic<bool>* interrupt = nullptr;
  bool shorten = true;
};

// What makes job `index` the search it is: `check --strategy dfs --bitstate
// BYTES --bitstate-hashes K --hash-salt SALT --order-seed ORDER
// --stop-at-first` runs it alone.
struct SwarmJobParams {
  uint64_t index = 0;
  uint64_t salt = 0;
  uint64_t order_seed = 0;
  uint64_t bitstate_bytes = 0;
  int hashes = 3;
};
SwarmJobParams swarm_job_params(const SwarmSettings& s, uint64_t index);

// NotRun: the time limit or a signal came first; NotCounted: above the
// reported violation.
enum class SwarmJobEnd { NoViolation, Violation, Stopped, NotRun, NotCounted };
const char* swarm_job_end_name(SwarmJobEnd e);

struct SwarmJob {
  SwarmJobParams params;
  SwarmJobEnd end = SwarmJobEnd::NotRun;
  explorer::SearchResult search;  // counts, depth, fill, omission estimate, coverage
  std::optional<PropertyId> property;  // Violation: the first violated one in registry order
};

struct SwarmViolation {
  uint64_t job = 0;
  PropertyId property = PropertyId::SingleInstance;
  std::vector<explorer::PathStep> trace;      // the depth-first path, initial state first
  std::vector<explorer::PathStep> shortened;  // after the step-dropping pass (ddmin)
};

enum class SwarmOutcome { NoViolation, Violation, Incomplete };
const char* swarm_outcome_name(SwarmOutcome o);

struct SwarmReport {
  SwarmOutcome outcome = SwarmOutcome::NoViolation;
  std::string stop_reason;  // Incomplete: "time limit" or "interrupted"
  std::vector<SwarmJob> jobs;  // all N, index order
  uint64_t counted_jobs = 0;   // jobs 0 .. counted_jobs-1 are in the figures below
  uint64_t states = 0, transitions = 0;  // summed over the counted jobs (states may repeat across jobs)
  uint32_t max_depth = 0;
  CoverageReport coverage;     // transitions summed over the counted jobs
  uint64_t actions_taken = 0;  // action instances some counted job took
  std::optional<SwarmViolation> violation;
  double seconds = 0;
};

SwarmReport run_swarm(const LgrModel& model, const SwarmSettings& settings);

// 1 violation, 3 otherwise: a swarm is never a proof.
int exit_code(SwarmOutcome o);

}  // namespace lgr
