// A thread's short memory of the successors it has just scheduled for the
// visited table: a direct-mapped cache of whole states, small enough for
// the core's own cache. Siblings in a BFS level share many successors (two
// independent actions in either order reach the same state), so a repeat
// is often caught here and costs neither a table nor an arena miss.
//
// Skipping a repeat is exact and keeps the search deterministic: the state
// was visited (or will be, earlier in the same chunk) with a smaller
// discovery key, because a thread's keys only grow within a level. A chunk
// that is redone breaks that order, so the cache is cleared then.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <new>

#include "explorer/model_interface.hpp"
#include "explorer/reserved_memory.hpp"
#include "explorer/state_words.hpp"

namespace explorer {

class RecentStates {
 public:
  static constexpr std::size_t kBytes = std::size_t{256} << 10;  // in a core's L2
  // `bytes`: about what the cache may take (a power of two of entries).
  explicit RecentStates(std::size_t words, std::size_t bytes = kBytes)
      : words_(words),
        stride_(words + 1),
        mask_(std::bit_floor(std::max<std::size_t>(bytes / (stride_ * sizeof(StateWord)), 64)) - 1),
        // Huge pages from 2 MiB on: the distributed search's 4 MiB cache is
        // probed at random once a successor, and on 4 KiB pages half its
        // probes also missed the TLB.
        memory_((mask_ + 1) * stride_ * sizeof(StateWord), (mask_ + 1) * stride_ * sizeof(StateWord) >= (std::size_t{2} << 20)),
        entries_(reinterpret_cast<StateWord*>(memory_.data())) {
    if (memory_.capacity() < (mask_ + 1) * stride_ * sizeof(StateWord)) throw std::bad_alloc();
  }

  // True when s, with hash h (never 0), is in the cache; records it otherwise.
  // W: the state size when known at compile time (0: the run-time size).
  template <std::size_t W = 0>
  bool seen_or_record(uint64_t h, const StateWord* s) {
    const std::size_t words = W ? W : words_;
    StateWord* e = entries_ + (h & mask_) * (W ? W + 1 : stride_);
    if (e[0] == h && equal_states(s, e + 1, words)) return true;
    e[0] = h;
    copy_state(e + 1, s, words);
    return false;
  }
  template <std::size_t W = 0>
  void prefetch(uint64_t h) const { __builtin_prefetch(entries_ + (h & mask_) * (W ? W + 1 : stride_)); }
  // Both lines of an entry that crosses one (a 48-byte entry every other
  // time): for a cache past L2, where the second line is a miss of its own
  // (the distributed search's sent cache, where it was 7% of a rank's
  // expansion time).
  template <std::size_t W = 0>
  void prefetch_whole(uint64_t h) const {
    const StateWord* e = entries_ + (h & mask_) * (W ? W + 1 : stride_);
    __builtin_prefetch(e);
    __builtin_prefetch(e + (W ? W : words_));
  }
  std::size_t bytes() const { return (mask_ + 1) * stride_ * sizeof(StateWord); }
  void clear() { std::fill(entries_, entries_ + (mask_ + 1) * stride_, 0); }

 private:
  std::size_t words_, stride_, mask_;
  ReservedMemory memory_;  // zeroed
  StateWord* entries_;     // [hash][state] per entry; hash 0 = empty
};

}  // namespace explorer
