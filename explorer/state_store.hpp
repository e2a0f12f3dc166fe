// The visited set: states back to back in an arena, indexed by 32-bit ids,
// each with its parent id and the action that reached it, so a shortest
// trace is rebuilt without storing edges. Open addressing over a power-of-two
// table of ids.
#pragma once

#include <cstring>
#include <stdexcept>
#include <vector>

#include "explorer/search_result.hpp"
#include "explorer/state_hash.hpp"

namespace explorer {

class StateStore {
 public:
  explicit StateStore(std::size_t words) : words_(words) { table_.assign(1u << 16, kNoState); }

  std::size_t words() const { return words_; }
  uint64_t size() const { return parent_.size(); }
  const StateWord* state(StateId id) const { return &arena_[std::size_t(id) * words_]; }
  StateId parent(StateId id) const { return parent_[id]; }
  ActionId action(StateId id) const { return action_[id]; }

  // The id of s, or kNoState when it was never stored.
  StateId find(const StateWord* s) const {
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = hash_state(s, words_) & mask;; i = (i + 1) & mask) {
      const StateId id = table_[i];
      if (id == kNoState) return kNoState;
      if (std::memcmp(state(id), s, words_ * sizeof(StateWord)) == 0) return id;
    }
  }

  // Returns {id, true} when s is new, {existing id, false} otherwise.
  std::pair<StateId, bool> insert(const StateWord* s, StateId parent, ActionId action) {
    if ((size() + 1) * 2 > table_.size()) grow();
    const std::size_t mask = table_.size() - 1;
    for (std::size_t i = hash_state(s, words_) & mask;; i = (i + 1) & mask) {
      const StateId id = table_[i];
      if (id == kNoState) {
        if (size() >= kNoState - 1) throw std::length_error("more than 2^32-2 states");
        const StateId fresh = static_cast<StateId>(size());
        arena_.insert(arena_.end(), s, s + words_);
        parent_.push_back(parent);
        action_.push_back(action);
        table_[i] = fresh;
        return {fresh, true};
      }
      if (std::memcmp(state(id), s, words_ * sizeof(StateWord)) == 0) return {id, false};
    }
  }

  uint64_t bytes() const {
    return arena_.capacity() * sizeof(StateWord) + parent_.capacity() * sizeof(StateId) +
           action_.capacity() * sizeof(ActionId) + table_.capacity() * sizeof(StateId);
  }

 private:
  void grow() {
    std::vector<StateId> bigger(table_.size() * 2, kNoState);
    const std::size_t mask = bigger.size() - 1;
    for (StateId id = 0; id < size(); ++id) {
      std::size_t i = hash_state(state(id), words_) & mask;
      while (bigger[i] != kNoState) i = (i + 1) & mask;
      bigger[i] = id;
    }
    table_.swap(bigger);
  }

  std::size_t words_;
  std::vector<StateWord> arena_;
  std::vector<StateId> parent_;
  std::vector<ActionId> action_;
  std::vector<StateId> table_;
};

}  // namespace explorer
