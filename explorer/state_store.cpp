#include "explorer/state_store.hpp"

#include <algorithm>

namespace explorer {
namespace {

// Reserves room for up to kMaxIds elements of `bytes_each`, but never more
// than the machine's memory: a search cannot use more anyway, and it then
// stops with "memory limit reached" instead of being killed.
ReservedMemory reserve_per_state(std::size_t bytes_each, bool huge) {
  const std::size_t cap = std::min<std::size_t>(StateStore::kMaxIds * bytes_each, physical_memory_bytes());
  return ReservedMemory(cap, huge);
}

}  // namespace

StateStore::StateStore(std::size_t words, bool exact)
    : words_(words),
      exact_(exact),
      table_(exact ? VisitedTable::kFastLoad : VisitedTable::kDenseLoad),
      parent_memory_(reserve_per_state(sizeof(StateId), false)),
      action_memory_(reserve_per_state(sizeof(ActionId), false)) {
  parents_ = reinterpret_cast<StateId*>(parent_memory_.data());
  actions_ = reinterpret_cast<ActionId*>(action_memory_.data());
  max_states_ = std::min(parent_memory_.capacity() / sizeof(StateId), action_memory_.capacity() / sizeof(ActionId));
  if (exact_) {
    arena_memory_ = reserve_per_state(words_ * sizeof(StateWord), true);
    arena_ = reinterpret_cast<StateWord*>(arena_memory_.data());
    max_states_ = std::min<uint64_t>(max_states_, arena_memory_.capacity() / (words_ * sizeof(StateWord)));
  }
  max_states_ = std::min(max_states_, kMaxIds);
}

StateId StateStore::find(const StateWord* s) const {
  if (!exact_) throw std::logic_error("states are not stored with --hash-compaction");
  const uint64_t h = hash(s);
  for (std::size_t i = table_.home(h);; i = table_.next(i)) {
    const uint64_t v = table_.load(i);
    if (v == slot::kEmpty) return kNoState;
    if (!slot::is_pending(v) && matches(v, h, s)) return slot::payload(v);
  }
}

std::pair<StateId, bool> StateStore::insert(const StateWord* s, StateId parent, ActionId action) {
  if (size_ + 1 > table_.capacity()) table_.grow();
  const uint64_t h = hash(s);
  for (std::size_t i = table_.home(h);; i = table_.next(i)) {
    const uint64_t v = table_.load(i);
    if (v == slot::kEmpty) {
      if (size_ >= max_states_) throw std::length_error("state store full");
      const StateId id = static_cast<StateId>(size_);
      put(id, s, parent, action);
      table_.store(i, stored_slot(h, id));
      commit(size_ + 1);
      return {id, true};
    }
    if (matches(v, h, s)) return {exact_ ? slot::payload(v) : kNoState, false};
  }
}

}  // namespace explorer
