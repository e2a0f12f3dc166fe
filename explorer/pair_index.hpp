// A set of unique fixed-size entries (N words each) that numbers them
// densely from 1: the entries lie back to back in reserved memory, in the
// order they were added, and an open-addressing index of [tag:31][0][id:32]
// slots finds them. Any number of threads add and look up at once without
// locks: an entry is written before the compare-and-swap that publishes its
// slot. Ids never move, so the index can grow (while no thread adds) without
// touching the entries. Two threads that add the same entry at once both
// write it but only one slot wins; the loser's copy stays unused (a hole).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <stdexcept>

#include "explorer/reserved_memory.hpp"
#include "explorer/state_words.hpp"
#include "explorer/visited_table.hpp"

namespace explorer {

template <std::size_t N>
class PairIndex {
 public:
  // Ids fit 31 bits: the tree's root packs one into a 63-bit value.
  static constexpr uint64_t kMaxIds = uint64_t{1} << 31;
  // What add() returns when the index must grow first, or no id is left.
  static constexpr uint32_t kFull = 0;

  PairIndex()
      : index_(VisitedTable::kFastLoad, 12),
        memory_(std::min<std::size_t>(kMaxIds * N * sizeof(StateWord), physical_memory_bytes()), true),
        entries_(reinterpret_cast<StateWord*>(memory_.data())),
        max_ids_(std::min<uint64_t>(kMaxIds, memory_.capacity() / (N * sizeof(StateWord)))) {}

  const StateWord* entry(uint32_t id) const { return entries_ + std::size_t(id) * N; }
  // Ids handed out so far (holes included), plus the unused id 0.
  uint64_t size() const { return next_id_.load(std::memory_order_relaxed); }
  uint64_t bytes() const { return index_.bytes() + size() * N * sizeof(StateWord); }
  // True when no id is left (the search must stop: memory limit).
  bool exhausted() const { return size() >= max_ids_; }
  // True when the index must grow before more entries are added.
  bool full() const { return size() >= index_.capacity(); }

  // The id of entry e (hash h), added when new; kFull when the index must
  // grow first or no id is left.
  uint32_t add(const StateWord* e, uint64_t h) {
    h = slot::normalise(h);
    uint32_t mine = 0;
    for (std::size_t i = index_.home(h);; i = index_.next(i)) {
      uint64_t v = index_.load(i);
      if (v == slot::kEmpty) {
        if (mine == 0) {
          const uint64_t id = next_id_.fetch_add(1, std::memory_order_relaxed);
          if (id >= index_.capacity() || id >= max_ids_) {
            next_id_.fetch_sub(1, std::memory_order_relaxed);
            return kFull;
          }
          mine = static_cast<uint32_t>(id);
          copy_state(entries_ + std::size_t(mine) * N, e, N);
        }
        if (index_.claim(i, v, slot::stored_id(h, mine))) return mine;
        // Another thread took the slot: v is what it wrote.
      }
      if (((v ^ h) & slot::kTagMask) == 0 && equal_states(entry(slot::payload(v)), e, N)) return slot::payload(v);
    }
  }

  // The id of entry e (hash h), or 0 when absent.
  uint32_t find(const StateWord* e, uint64_t h) const {
    h = slot::normalise(h);
    for (std::size_t i = index_.home(h);; i = index_.next(i)) {
      const uint64_t v = index_.load(i);
      if (v == slot::kEmpty) return 0;
      if (((v ^ h) & slot::kTagMask) == 0 && equal_states(entry(slot::payload(v)), e, N)) return slot::payload(v);
    }
  }

  void prefetch(uint64_t h) const { index_.prefetch(slot::normalise(h)); }

  // Doubles the index; no other use meanwhile (see VisitedTable::grow).
  template <class ForPieces>
  void grow(ForPieces&& for_pieces) {
    index_.grow(for_pieces);
  }

 private:
  VisitedTable index_;
  ReservedMemory memory_;
  StateWord* entries_;
  uint64_t max_ids_;
  std::atomic<uint64_t> next_id_{1};  // id 0 is never used: it means "none"
};

}  // namespace explorer
