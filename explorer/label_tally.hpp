// The labels one thread saw in one BFS level: per label bit, the first
// labelled state (smallest id) and how many there were.
// Merging the threads' tallies gives the same answer at any thread count.
#pragma once

#include <algorithm>
#include <array>

#include "explorer/search_result.hpp"

namespace explorer {

struct LabelTally {
  LabelMask seen = 0;
  std::array<StateId, kMaxLabels> first{};
  std::array<uint64_t, kMaxLabels> count{};

  void add(LabelMask bad, StateId id) {
    for (LabelMask m = bad; m != 0; m &= m - 1) {
      const int b = __builtin_ctz(m);
      if (!(seen & (LabelMask{1} << b))) {
        first[b] = id;
        count[b] = 0;
      }
      first[b] = std::min(first[b], id);
      ++count[b];
    }
    seen |= bad;
  }
  void merge(const LabelTally& o) {
    for (LabelMask m = o.seen; m != 0; m &= m - 1) {
      const int b = __builtin_ctz(m);
      if (!(seen & (LabelMask{1} << b))) {
        first[b] = o.first[b];
        count[b] = 0;
      }
      first[b] = std::min(first[b], o.first[b]);
      count[b] += o.count[b];
    }
    seen |= o.seen;
  }
  // Folds the tally of level `depth` into r: a label seen here for the
  // first time gets this level's first labelled state.
  void record(SearchResult& r, uint32_t depth) const {
    for (LabelMask m = seen; m != 0; m &= m - 1) {
      const int b = __builtin_ctz(m);
      LabelFinding& f = r.findings[b];
      if (!f.found()) {
        f.first_state = first[b];
        f.depth = depth;
      }
      f.labelled_states += count[b];
    }
  }
};

}  // namespace explorer
