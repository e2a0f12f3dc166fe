// A read-only index from state to id over the states of a finished search,
// for graph passes that look up every transition's target. It answers
// lookups in batches: all table slots are prefetched first, then all
// candidate states, so the memory latency of one lookup hides behind the
// others (a one-at-a-time lookup waits for two cache misses in a row).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "explorer/search_result.hpp"
#include "explorer/state_hash.hpp"

namespace explorer {

template <class StateAt>  // StateAt(StateId) -> const StateWord*
class StateIndex {
 public:
  // Indexes states 0..states-1; state_at must stay valid while the index is used.
  StateIndex(uint64_t states, std::size_t words, StateAt state_at)
      : words_(words), state_at_(std::move(state_at)) {
    std::size_t size = 1024;
    while (size < states * 2) size *= 2;
    slots_.assign(size, Slot{kNoState, 0});
    mask_ = size - 1;
    for (uint64_t id = 0; id < states; ++id) {
      const uint64_t h = hash_state(state_at_(static_cast<StateId>(id)), words_);
      std::size_t i = h & mask_;
      while (slots_[i].id != kNoState) i = (i + 1) & mask_;
      slots_[i] = {static_cast<StateId>(id), tag_of(h)};
    }
  }

  // ids[k] = the id of the k-th of `count` states stored back to back at
  // `states`, or kNoState when it is not indexed. Safe from many threads.
  void find_batch(const StateWord* states, std::size_t count, StateId* ids) const {
    constexpr std::size_t kBatch = 64;
    uint64_t hashes[kBatch];
    for (std::size_t first = 0; first < count; first += kBatch) {
      const std::size_t n = std::min(kBatch, count - first);
      const StateWord* batch = states + first * words_;
      StateId* out = ids + first;
      for (std::size_t k = 0; k < n; ++k) {
        hashes[k] = hash_state(batch + k * words_, words_);
        __builtin_prefetch(&slots_[hashes[k] & mask_]);
      }
      // The first slot with a matching tag is almost always the answer.
      for (std::size_t k = 0; k < n; ++k) {
        out[k] = first_candidate(hashes[k] & mask_, tag_of(hashes[k]));
        if (out[k] != kNoState) __builtin_prefetch(state_at_(out[k]));
      }
      for (std::size_t k = 0; k < n; ++k) {
        const StateWord* s = batch + k * words_;
        if (out[k] != kNoState && same(state_at_(out[k]), s)) continue;
        out[k] = probe(hashes[k], s);
      }
    }
  }

  uint64_t bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    StateId id;
    uint32_t tag;  // high bits of the hash: most mismatches skip the state itself
  };
  static uint32_t tag_of(uint64_t h) { return static_cast<uint32_t>(h >> 32); }

  bool same(const StateWord* a, const StateWord* b) const {
    for (std::size_t w = 0; w < words_; ++w)
      if (a[w] != b[w]) return false;
    return true;
  }
  StateId first_candidate(std::size_t i, uint32_t tag) const {
    for (;; i = (i + 1) & mask_) {
      if (slots_[i].id == kNoState || slots_[i].tag == tag) return slots_[i].id;
    }
  }
  StateId probe(uint64_t h, const StateWord* s) const {
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == kNoState) return kNoState;
      if (slot.tag == tag_of(h) && same(state_at_(slot.id), s)) return slot.id;
    }
  }

  std::size_t words_;
  StateAt state_at_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace explorer
