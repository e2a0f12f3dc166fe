// What every engine offers after run(): the stored states, their ids, and
// the path from the initial state to any of them. Engines derive from it.
#pragma once

#include <utility>
#include <vector>

#include "explorer/path_rebuild.hpp"
#include "explorer/search_options.hpp"
#include "explorer/state_store.hpp"

namespace explorer {

template <ExplorableModel M>
class ExploredStates {
 public:
  // The states from the initial one to `id`, each with the action that led there.
  std::vector<PathStep> path_to(StateId id) const { return rebuild_path(model_, store_, id); }

  // After run(): the stored states, for passes over the graph (liveness,
  // DOT). state() and find() need the table store.
  uint64_t size() const { return store_.size(); }
  const StateWord* state(StateId id) const { return store_.state(id); }
  StateId find(const StateWord* s) const { return store_.find(s); }
  const StateStore& store() const { return store_; }

 protected:
  ExploredStates(const M& model, SearchOptions options)
      : model_(model), options_(std::move(options)), store_(model.state_words(), {options_.store, options_.bitstate_bits, options_.bitstate_hashes, options_.hash_salt, options_.fingerprint_bits, options_.spill_dir}) {}

  const M& model_;
  SearchOptions options_;
  StateStore store_;
};

}  // namespace explorer
