// What a distributed search (explorer/distributed_search.hpp) cost: a
// header of its own, so that the reports can hold it without the engine.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace explorer {

// What a distributed search cost, for the summary and bench/: totals over
// the ranks and their spread.
struct DistributedStats {
  int ranks = 1;
  int threads = 1;                  // per rank
  std::vector<uint64_t> states;     // per rank: states it owns
  std::vector<uint64_t> peak_bytes; // per rank: store, frontier and buffers at its peak
  uint64_t words_sent = 0;          // all ranks: words that crossed to another rank
  uint64_t states_sent = 0;         // all ranks: successor records sent to another rank
  uint64_t numbering_words = 0;     // all ranks: of words_sent, the numbering's (keys and positions)
  uint64_t rounds = 0;              // successor exchanges
  double exchange_seconds = 0;      // rank 0: time in exchanges and reductions
  std::vector<double> level_exchange_seconds;  // rank 0, per level
  int busiest_rank() const {
    return static_cast<int>(std::max_element(states.begin(), states.end()) - states.begin());
  }
};

}  // namespace explorer
