// The property violations one thread saw in one BFS level: per property
// bit, the first violating state (smallest id) and how many there were.
// Merging the threads' tallies gives the same answer at any thread count.
#pragma once

#include <algorithm>
#include <array>

#include "explorer/search_result.hpp"

namespace explorer {

struct FindingTally {
  PropertyMask seen = 0;
  std::array<StateId, kMaxProperties> first{};
  std::array<uint64_t, kMaxProperties> count{};

  void add(PropertyMask bad, StateId id) {
    for (PropertyMask m = bad; m != 0; m &= m - 1) {
      const int b = __builtin_ctz(m);
      if (!(seen & (PropertyMask{1} << b))) {
        first[b] = id;
        count[b] = 0;
      }
      first[b] = std::min(first[b], id);
      ++count[b];
    }
    seen |= bad;
  }
  void merge(const FindingTally& o) {
    for (PropertyMask m = o.seen; m != 0; m &= m - 1) {
      const int b = __builtin_ctz(m);
      if (!(seen & (PropertyMask{1} << b))) {
        first[b] = o.first[b];
        count[b] = 0;
      }
      first[b] = std::min(first[b], o.first[b]);
      count[b] += o.count[b];
    }
    seen |= o.seen;
  }
  // Folds the tally of level `depth` into r: a property violated here for
  // the first time gets this level's first violating state.
  void record(SearchResult& r, uint32_t depth) const {
    for (PropertyMask m = seen; m != 0; m &= m - 1) {
      const int b = __builtin_ctz(m);
      PropertyFinding& f = r.findings[b];
      if (!f.violated()) {
        f.first_state = first[b];
        f.depth = depth;
      }
      f.violating_states += count[b];
    }
  }
};

}  // namespace explorer
