// How a search runs and when it must stop early (a stopped search is
// "incomplete", never a pass).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "explorer/model_interface.hpp"
#include "explorer/strategy.hpp"
#include "explorer/store_kind.hpp"

namespace explorer {

struct LevelCut;  // explorer/level_cut.hpp

struct ProgressSnapshot {
  uint64_t states = 0;
  uint64_t transitions = 0;
  uint32_t depth = 0;
  uint64_t frontier = 0;
  uint64_t bytes = 0;
  double seconds = 0;
};

struct SearchOptions {
  int threads = 1;              // breadth-first only; results never depend on it
  Strategy strategy = Strategy::BreadthFirst;
  StoreKind store = StoreKind::Table;  // where visited states go (see store_kind.hpp)
  uint64_t bitstate_bits = uint64_t{1} << 32;  // --store bitstate: bits in the array
  int bitstate_hashes = 3;                     // --store bitstate: bits per state (k)
  uint64_t hash_salt = 0;   // --store bitstate: 0 the plain hash, else another family of k functions
  int fingerprint_bits = 64;  // --store hash-compaction: 64 (63 compared) or 96 (95: a side hash per state)
  std::string spill_dir;      // non-empty: parent links go to files in this folder (explorer/parent_spill.hpp)
  uint64_t order_seed = 0;  // depth-first: 0 the model's order, else each state's new successors shuffled
  bool stop_at_first = false;   // stop once a state carries any label of `stop_labels`
  LabelMask stop_labels = ~LabelMask{0};  // which labels matter for stop_at_first
  uint64_t max_states = 0;      // 0 = no limit
  uint64_t max_memory = 0;      // bytes, 0 = no limit
  double time_limit = 0;        // seconds, 0 = no limit
  const std::atomic<bool>* interrupt = nullptr;  // set by a signal handler
  double progress_interval = 2.0;                 // seconds between progress calls
  std::function<void(const ProgressSnapshot&)> progress;  // may be empty
  // Coverage (explorer/action_coverage.hpp): the group, below 64, of every
  // action id the model emits; empty: no coverage is counted.
  std::vector<uint8_t> action_groups;
  // Checkpoints, breadth-first with the table or hash-compaction store
  // (explorer/level_cut.hpp): at the boundary before level `depth`, when
  // checkpoint_due(depth) says so, checkpoint(cut) gets what a resume needs;
  // after a signal stopped the search (table store) it gets the last
  // boundary's cut, unless that was already written. `resume` starts the
  // search from such a cut instead of the initial state.
  std::function<bool(uint32_t depth)> checkpoint_due;
  std::function<void(const LevelCut&)> checkpoint;
  std::shared_ptr<const LevelCut> resume;
};

}  // namespace explorer
