#include "explorer/state_store.hpp"

#include <algorithm>
#include <string>

namespace explorer {
namespace {

// Reserves room for up to kMaxIds elements of `bytes_each`, but never more
// than the machine's memory: a search cannot use more anyway, and it then
// stops with "memory limit reached" instead of being killed.
ReservedMemory reserve_per_state(std::size_t bytes_each, bool huge) {
  const std::size_t cap = std::min<std::size_t>(StateStore::kMaxIds * bytes_each, physical_memory_bytes());
  return ReservedMemory(cap, huge);
}

double table_load(StoreKind k) {
  // Hash compaction and the tree keep their whole key in the slot, so a
  // longer probe costs no extra memory access: they fill the table more.
  return k == StoreKind::Table ? VisitedTable::kFastLoad : VisitedTable::kDenseLoad;
}

}  // namespace

StateStore::StateStore(std::size_t words, StoreSettings settings)
    : words_(words),
      kind_(settings.kind),
      table_(table_load(settings.kind)),
      parent_memory_(reserve_per_state(sizeof(StateId), false)),
      action_memory_(reserve_per_state(sizeof(ActionId), false)) {
  parents_ = reinterpret_cast<StateId*>(parent_memory_.data());
  actions_ = reinterpret_cast<ActionId*>(action_memory_.data());
  max_states_ = std::min(parent_memory_.capacity() / sizeof(StateId), action_memory_.capacity() / sizeof(ActionId));
  if (kind_ == StoreKind::Table) {
    arena_memory_ = reserve_per_state(words_ * sizeof(StateWord), true);
    arena_ = reinterpret_cast<StateWord*>(arena_memory_.data());
    max_states_ = std::min<uint64_t>(max_states_, arena_memory_.capacity() / (words_ * sizeof(StateWord)));
  }
  if (settings.fingerprint_bits != 64 && settings.fingerprint_bits != 96)
    throw std::invalid_argument("fingerprints are 64 or 96 bits, not " + std::to_string(settings.fingerprint_bits));
  if (kind_ == StoreKind::HashCompaction && settings.fingerprint_bits == 96) {
    wide_ = true;
    side_memory_ = reserve_per_state(sizeof(uint64_t), false);
    side_ = reinterpret_cast<uint64_t*>(side_memory_.data());
    max_states_ = std::min<uint64_t>(max_states_, side_memory_.capacity() / sizeof(uint64_t));
  }
  if (!settings.spill_dir.empty()) spill_ = std::make_unique<ParentSpill>(settings.spill_dir);
  if (kind_ == StoreKind::Tree) tree_.emplace(words_);
  if (kind_ == StoreKind::Bitstate) bits_.emplace(settings.bitstate_bits, settings.bitstate_hashes, settings.bitstate_salt);
  max_states_ = std::min(max_states_, kMaxIds);
}

void StateStore::spill_links() {
  const uint64_t from = spill_->spilled();
  spill_->append({parents_ + from, size_ - from}, {actions_ + from, size_ - from});
  parent_memory_.release(from * sizeof(StateId), size_ * sizeof(StateId));
  action_memory_.release(from * sizeof(ActionId), size_ * sizeof(ActionId));
}

StateId StateStore::find(const StateWord* s) const {
  if (!keeps_states()) throw std::logic_error(std::string("states cannot be looked up in the ") + store_name(kind_) + " store");
  const uint64_t h = hash(s);
  for (std::size_t i = table_.home(h);; i = table_.next(i)) {
    const uint64_t v = table_.load(i);
    if (v == slot::kEmpty) return kNoState;
    if (!slot::is_pending(v) && matches<StoreKind::Table>(v, h, s)) return slot::payload(v);
  }
}

bool StateStore::contains(uint64_t h, const StateWord* s) const {
  if (kind_ != StoreKind::Table && kind_ != StoreKind::HashCompaction)
    throw std::logic_error(std::string("states cannot be looked up in the ") + store_name(kind_) + " store");
  for (std::size_t i = table_.home(h);; i = table_.next(i)) {
    const uint64_t v = table_.load(i);
    if (v == slot::kEmpty) return false;
    if (slot::is_pending(v)) continue;
    if (kind_ == StoreKind::Table ? matches<StoreKind::Table>(v, h, s) : matches<StoreKind::HashCompaction>(v, h, s))
      return true;
  }
}

namespace {

template <StoreKind K>
std::pair<StateId, bool> insert_as(StateStore& store, uint64_t h, const StateWord* s, StateId parent, ActionId action) {
  VisitedTable& table = store.table();
  for (std::size_t i = table.home(h);; i = table.next(i)) {
    const uint64_t v = table.load(i);
    if (v == slot::kEmpty) {
      if (store.size() >= store.max_states()) throw std::length_error("state store full");
      const StateId id = static_cast<StateId>(store.size());
      store.put<K>(id, s, parent, action);
      table.store(i, store.stored_slot<K>(h, id));
      store.commit(store.size() + 1);
      return {id, true};
    }
    if (store.matches<K>(v, h, s)) return {K == StoreKind::Table ? slot::payload(v) : kNoState, false};
  }
}

}  // namespace

std::pair<StateId, bool> StateStore::insert(const StateWord* s, StateId parent, ActionId action) {
  if (kind_ == StoreKind::Bitstate) {
    if (!bits_->insert(hash(s))) return {kNoState, false};
    if (size_ >= max_states_) throw std::length_error("state store full");
    const StateId id = static_cast<StateId>(size_);
    put<StoreKind::Bitstate>(id, s, parent, action);
    commit(size_ + 1);
    return {id, true};
  }
  if (size_ + 1 > table_.capacity()) table_.grow();
  switch (kind_) {
    case StoreKind::Table: return insert_as<StoreKind::Table>(*this, hash(s), s, parent, action);
    case StoreKind::HashCompaction: return insert_as<StoreKind::HashCompaction>(*this, hash(s), s, parent, action);
    case StoreKind::Tree: {
      uint64_t root;
      while ((root = tree_->fold(s)) == 0) {
        if (tree_->exhausted()) throw std::length_error("state store full");
        tree_->grow([](std::size_t n, auto&& fn) { fn(std::size_t{0}, n); });
      }
      return insert_as<StoreKind::Tree>(*this, root, s, parent, action);
    }
    case StoreKind::Bitstate: break;
  }
  throw std::logic_error("unknown store");
}

}  // namespace explorer
