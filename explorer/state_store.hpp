// The visited set: the index (VisitedTable) plus, per state id, its parent
// id and the action that reached it, so a shortest trace is rebuilt without
// storing edges. Where the states themselves go is the store's strategy
// (StoreKind), a part swapped in whole:
//   table:           states back to back in an arena indexed by their 32-bit
//                    ids; table slots hold [tag][id];
//   tree:            states folded into a StateTree; a table slot holds the
//                    root pair (exact, and its own hash);
//   hash-compaction: table slots hold 63-bit fingerprints only; with 96-bit
//                    fingerprints a slot holds [31-bit tag][id] and a side
//                    array a second, independent 64-bit hash per id (95
//                    bits compared in all);
//   bitstate:        k bits per state in a BitstateSet; the table holds only
//                    the level being found.
// Parent links live in memory, or, with a spill folder, on disk except for
// the ones not yet written (explorer/parent_spill.hpp).
// Only the table keeps states to read back (keeps_states()); the others
// rebuild a trace by replaying its actions from the initial state.
// Ids are dense, 0..size()-1, in the order the engine assigns them.
//
// The engines' hot paths call the members templated on the kind K (and the
// state size W), so no strategy is asked for at run time per state.
#pragma once

#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <utility>

#include "explorer/bitstate_set.hpp"
#include "explorer/parent_spill.hpp"
#include "explorer/reserved_memory.hpp"
#include "explorer/search_result.hpp"
#include "explorer/state_hash.hpp"
#include "explorer/state_tree.hpp"
#include "explorer/state_words.hpp"
#include "explorer/store_kind.hpp"
#include "explorer/visited_table.hpp"

namespace explorer {

struct StoreSettings {
  StoreKind kind = StoreKind::Table;
  uint64_t bitstate_bits = uint64_t{1} << 32;  // bitstate only
  int bitstate_hashes = 3;
  uint64_t bitstate_salt = 0;  // 0: the plain hash (see BitstateSet)
  int fingerprint_bits = 64;   // hash compaction: 64 or 96 (see fingerprint_bits())
  std::string spill_dir;       // non-empty: parent links go to files there
};

class StateStore {
 public:
  // Most states a store can number (kNoState is the largest id).
  static constexpr uint64_t kMaxIds = uint64_t{kNoState};

  StateStore(std::size_t words, StoreSettings settings);

  std::size_t words() const { return words_; }
  StoreKind kind() const { return kind_; }
  // Whether the states themselves can be read back (state(), find()).
  bool keeps_states() const { return kind_ == StoreKind::Table; }
  uint64_t size() const { return size_; }
  // Hash compaction: the bits two states must share to be taken as one,
  // 63 (the hash less the slot's pending bit) or, wide, 95 (the slot's
  // 31-bit tag and the 64-bit side hash). 0 for the other stores.
  int fingerprint_bits() const { return kind_ != StoreKind::HashCompaction ? 0 : wide_ ? 95 : 63; }
  bool wide_fingerprints() const { return wide_; }
  // The most states the reserved memory can hold.
  uint64_t max_states() const { return max_states_; }

  // Table store only: throws otherwise.
  const StateWord* state(StateId id) const {
    if (!keeps_states()) throw std::logic_error(std::string("states cannot be read back from the ") + store_name(kind_) + " store");
    return arena_ + std::size_t(id) * words_;
  }
  StateId parent(StateId id) const { return spill_ && id < spill_->spilled() ? spill_->parent(id) : parents_[id]; }
  ActionId action(StateId id) const { return spill_ && id < spill_->spilled() ? spill_->action(id) : actions_[id]; }
  // The parent links of ids 0 .. n-1 (a checkpoint writes them out). Not
  // with a spill folder: they are on disk.
  std::span<const StateId> parents(uint64_t n) const {
    no_spill("parents");
    return {parents_, n};
  }
  std::span<const ActionId> actions(uint64_t n) const {
    no_spill("actions");
    return {actions_, n};
  }
  // The spill files, or null.
  const ParentSpill* spill() const { return spill_.get(); }

  // The id of s, or kNoState when it was never stored. Table store only.
  StateId find(const StateWord* s) const;

  // Whether s was stored: exactly with the table store, by fingerprint with
  // hash compaction (the distributed search asks before numbering). Not for
  // the tree and bitstate stores.
  bool contains(const StateWord* s) const { return contains(hash(s), s); }
  // The same with s's hash(), for callers that have it already.
  bool contains(uint64_t h, const StateWord* s) const;
  // Fetches, ahead of contains(h, ...), the stored state h's home slot
  // names when its tag agrees (most likely a repeat): the dependent miss
  // into the arena, after prefetch(h) has brought the slot. Table only.
  void prefetch_stored(uint64_t h) const {
    if (kind_ != StoreKind::Table) return;
    const uint64_t v = table_.load(table_.home(h));
    if (v != slot::kEmpty && !slot::is_pending(v) && ((v ^ h) & slot::kTagMask) == 0) prefetch_state(slot::payload(v));
  }

  // Table, arena, tree, bits and parent links in use.
  uint64_t bytes() const {
    return table_.bytes() + size_ * (keeps_states() ? words_ * sizeof(StateWord) : 0) +
           (size_ - (spill_ ? spill_->spilled() : 0)) * (sizeof(StateId) + sizeof(ActionId)) +
           (tree_ ? tree_->bytes() : 0) + (bits_ ? bits_->bytes() : 0) + (wide_ ? size_ * sizeof(uint64_t) : 0);
  }
  // Wide fingerprints: the side hash of state `id` (a checkpoint saves it,
  // a resume puts it back).
  uint64_t side_hash(StateId id) const { return side_[id]; }
  void set_side_hash(StateId id, uint64_t v) { side_[id] = v; }

  // --- For the engines ---------------------------------------------------
  VisitedTable& table() { return table_; }
  const VisitedTable& table() const { return table_; }
  StateTree& tree() { return *tree_; }
  const StateTree& tree() const { return *tree_; }
  BitstateSet& bitstate() { return *bits_; }
  const BitstateSet& bitstate() const { return *bits_; }
  // Table entries that stay after a level is numbered (bitstate: none, its
  // states go to the bits).
  uint64_t table_entries() const { return kind_ == StoreKind::Bitstate ? 0 : size_; }

  // The engines' hot paths pass the state size as W when it is known at
  // compile time (0: the run-time size), so hashing, comparing and copying
  // compile to a few straight-line instructions.
  template <std::size_t W = 0>
  std::size_t words_of() const { return W ? W : words_; }
  template <std::size_t W = 0>
  uint64_t hash(const StateWord* s) const {
    return slot::normalise(W ? hash_words(s, W) : hash_state(s, words_));
  }
  // The slot value that records state `id` with (table) hash h; the tree's
  // hash is its root slot value.
  template <StoreKind K>
  uint64_t stored_slot(uint64_t h, StateId id) const {
    if constexpr (K == StoreKind::Table) return slot::stored_id(h, id);
    else if constexpr (K == StoreKind::Tree) return h;
    else return wide_ ? slot::stored_id(h, id) : slot::fingerprint(h);
  }
  // Wide fingerprints: the second hash, independent of hash().
  template <std::size_t W = 0>
  uint64_t side_hash_of(const StateWord* s) const {
    return W ? second_hash_words(s, W) : second_hash_words(s, words_);
  }
  // Whether stored (not pending) slot v is the state s with table hash h.
  template <StoreKind K, std::size_t W = 0>
  bool matches(uint64_t v, uint64_t h, const StateWord* s) const {
    if constexpr (K == StoreKind::Table)
      return ((v ^ h) & slot::kTagMask) == 0 &&
             equal_states(arena_ + std::size_t(slot::payload(v)) * words_of<W>(), s, words_of<W>());
    else if constexpr (K == StoreKind::Tree) return v == h;
    else if constexpr (K == StoreKind::HashCompaction)
      // The side hash is computed only when the tag agrees: nearly always the same state.
      return wide_ ? ((v ^ h) & slot::kTagMask) == 0 && side_[slot::payload(v)] == side_hash_of<W>(s)
                   : v == slot::fingerprint(h);
    else return false;  // bitstate: the table holds pending states only
  }
  template <std::size_t W = 0>
  void prefetch_state(StateId id) const { __builtin_prefetch(arena_ + std::size_t(id) * words_of<W>()); }
  // Writes state `id` (ids up to the next commit; threads may write
  // different ids at once).
  template <StoreKind K, std::size_t W = 0>
  void put(StateId id, const StateWord* s, StateId parent, ActionId action) {
    if constexpr (K == StoreKind::Table) copy_state(arena_ + std::size_t(id) * words_of<W>(), s, words_of<W>());
    if constexpr (K == StoreKind::HashCompaction)
      if (wide_ && s) side_[id] = side_hash_of<W>(s);  // s is null on a resume: set_side_hash follows
    parents_[id] = parent;
    actions_[id] = action;
  }
  // With a spill folder, the links go to disk once enough have gathered
  // (a level's worth at least, on a large search), and their pages back to
  // the system. Throws SpillError when the disk refuses.
  void commit(uint64_t new_size) {
    size_ = new_size;
    if (spill_ && size_ - spill_->spilled() >= kSpillBatch) spill_links();
  }

  // Single-threaded insert: {id, true} for a new state; {id, false} for a
  // stored one (id is kNoState unless the table store, which alone can tell).
  // Throws std::length_error when the reserved memory is full.
  std::pair<StateId, bool> insert(const StateWord* s, StateId parent, ActionId action);

 private:
  static constexpr uint64_t kSpillBatch = uint64_t{1} << 16;
  void spill_links();
  void no_spill(const char* what) const {
    if (spill_) throw std::logic_error(std::string("the ") + what + " are in the spill files, not in memory");
  }

  std::size_t words_;
  StoreKind kind_;
  VisitedTable table_;
  ReservedMemory arena_memory_, parent_memory_, action_memory_, side_memory_;
  StateWord* arena_ = nullptr;
  uint64_t* side_ = nullptr;  // wide fingerprints only
  bool wide_ = false;
  StateId* parents_ = nullptr;
  ActionId* actions_ = nullptr;
  std::optional<StateTree> tree_;
  std::optional<BitstateSet> bits_;
  std::unique_ptr<ParentSpill> spill_;
  uint64_t max_states_ = 0;
  uint64_t size_ = 0;
};

}  // namespace explorer
