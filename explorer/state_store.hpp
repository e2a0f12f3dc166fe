// The visited set: the index (VisitedTable) plus, per state id, its parent
// id and the action that reached it, so a shortest trace is rebuilt without
// storing edges. In exact mode the states lie back to back in an arena
// indexed by their 32-bit ids; with hash compaction only 63-bit
// fingerprints are kept (in the table) and trace states are recomputed.
// Ids are dense, 0..size()-1, in the order the engine assigns them.
#pragma once

#include <cstring>
#include <stdexcept>
#include <utility>

#include "explorer/reserved_memory.hpp"
#include "explorer/search_result.hpp"
#include "explorer/state_hash.hpp"
#include "explorer/state_words.hpp"
#include "explorer/visited_table.hpp"

namespace explorer {

class StateStore {
 public:
  // Most states a store can number (kNoState is the largest id).
  static constexpr uint64_t kMaxIds = uint64_t{kNoState};

  StateStore(std::size_t words, bool exact);

  std::size_t words() const { return words_; }
  bool exact() const { return exact_; }
  uint64_t size() const { return size_; }
  // The most states the reserved memory can hold.
  uint64_t max_states() const { return max_states_; }

  // Exact mode only (hash compaction keeps no states): throws otherwise.
  const StateWord* state(StateId id) const {
    if (!exact_) throw std::logic_error("states are not stored with --hash-compaction");
    return arena_ + std::size_t(id) * words_;
  }
  StateId parent(StateId id) const { return parents_[id]; }
  ActionId action(StateId id) const { return actions_[id]; }

  // The id of s, or kNoState when it was never stored. Exact mode only.
  StateId find(const StateWord* s) const;

  // Table, arena and parent links in use.
  uint64_t bytes() const {
    return table_.bytes() + size_ * (sizeof(StateId) + sizeof(ActionId) + (exact_ ? words_ * sizeof(StateWord) : 0));
  }

  // --- For the engines ---------------------------------------------------
  VisitedTable& table() { return table_; }
  const VisitedTable& table() const { return table_; }
  // The engines' hot paths pass the state size as W when it is known at
  // compile time (0: the run-time size), so hashing, comparing and copying
  // compile to a few straight-line instructions.
  template <std::size_t W = 0>
  std::size_t words_of() const { return W ? W : words_; }
  template <std::size_t W = 0>
  uint64_t hash(const StateWord* s) const {
    return slot::normalise(W ? hash_words(s, W) : hash_state(s, words_));
  }
  // The slot value that records state `id` with hash h.
  uint64_t stored_slot(uint64_t h, StateId id) const {
    return exact_ ? slot::stored_id(h, id) : slot::fingerprint(h);
  }
  // Whether stored (not pending) slot v is the state s with hash h.
  template <std::size_t W = 0>
  bool matches(uint64_t v, uint64_t h, const StateWord* s) const {
    if (!exact_) return v == slot::fingerprint(h);
    return ((v ^ h) & slot::kTagMask) == 0 &&
           equal_states(arena_ + std::size_t(slot::payload(v)) * words_of<W>(), s, words_of<W>());
  }
  template <std::size_t W = 0>
  void prefetch_state(StateId id) const { __builtin_prefetch(arena_ + std::size_t(id) * words_of<W>()); }
  // Writes state `id` (ids up to the next commit; threads may write
  // different ids at once).
  template <std::size_t W = 0>
  void put(StateId id, const StateWord* s, StateId parent, ActionId action) {
    if (exact_) copy_state(arena_ + std::size_t(id) * words_of<W>(), s, words_of<W>());
    parents_[id] = parent;
    actions_[id] = action;
  }
  void commit(uint64_t new_size) { size_ = new_size; }

  // Single-threaded insert: {id, true} for a new state; {id, false} for a
  // stored one (id is kNoState with hash compaction, which cannot tell).
  // Throws std::length_error when the reserved memory is full.
  std::pair<StateId, bool> insert(const StateWord* s, StateId parent, ActionId action);

 private:
  std::size_t words_;
  bool exact_;
  VisitedTable table_;
  ReservedMemory arena_memory_, parent_memory_, action_memory_;
  StateWord* arena_ = nullptr;
  StateId* parents_ = nullptr;
  ActionId* actions_ = nullptr;
  uint64_t max_states_ = 0;
  uint64_t size_ = 0;
};

}  // namespace explorer
