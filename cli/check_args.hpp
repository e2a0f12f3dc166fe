// The options of `lgrcheck check` as the command line gave them, and as a
// checkpoint's manifest keeps them for `lgrcheck resume`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lgr {

// Every core present: the search scales, and its results never depend on
// the number of threads.
int default_threads();

struct CheckArgs {
  std::string config;
  std::vector<std::string> variants;
  std::vector<std::string> properties;
  std::string json;
  int threads = default_threads();
  bool stop_at_first = false;
  bool liveness = false;
  bool symmetry = false;
  bool coverage = false;
  bool strict = false;
  int64_t max_states = 0;
  std::string max_memory;
  double time_limit = 0;
  bool quiet = false;
  std::string trace_dir = "lgrcheck-traces";
  bool no_traces = false;
  bool no_print_traces = false;
  std::string strategy = "bfs";
  bool hash_compaction = false;
  std::string store;
  std::string bitstate;
  int bitstate_hashes = 3;
  int fingerprint_bits = 64;
  int64_t swarm = 0;
  uint64_t seed = 1;
  uint64_t hash_salt = 0;
  uint64_t order_seed = 0;
  // Which options the command line named (the swarm refuses some).
  bool swarm_given = false, seed_given = false, strategy_given = false;
  std::string spill;             // --spill DIR
  std::string checkpoint;        // --checkpoint DIR
  std::string checkpoint_every;  // --checkpoint-every DURATION ("": every level)
  std::string resume;            // lgrcheck resume DIR: the checkpoint folder to start from
  bool distributed = false;      // --distributed: one rank of an MPI job
};

// The settings a checkpoint's manifest keeps, so that `lgrcheck resume DIR`
// runs the same check (the thread count is not among them: results never
// depend on it), and the arguments they stand for.
nlohmann::json command_json(const CheckArgs& a);
CheckArgs command_args(const nlohmann::json& j);

}  // namespace lgr
