// The engine that SearchOptions::strategy names, behind the API all engines
// share: run(), then path_to(), size(), state(), find() and store(). The
// engines and their names come from one registry, explorer/strategies.def.
#pragma once

#include <type_traits>
#include <variant>
#include <vector>

#define LGRCHECK_STRATEGY_ENGINES
#include "explorer/strategies.def"
#include "explorer/held_engine.hpp"
#include "explorer/strategy.hpp"

namespace explorer {

template <ExplorableModel M>
class Search {
 public:
  Search(const M& model, const SearchOptions& options) {
    switch (options.strategy) {
#define STRATEGY(e, name, shortest, meaning, Engine) \
  case Strategy::e: explored_ = &explored_of(engine_.template emplace<Engine<M>>(model, options)); break;
#include "explorer/strategies.def"
#undef STRATEGY
    }
  }
  Search(const Search&) = delete;
  Search& operator=(const Search&) = delete;

  SearchResult run() { return run_held_engine(engine_); }

  std::vector<PathStep> path_to(StateId id) const { return explored_->path_to(id); }
  uint64_t size() const { return explored_->size(); }
  const StateWord* state(StateId id) const { return explored_->state(id); }
  StateId find(const StateWord* s) const { return explored_->find(s); }
  const StateStore& store() const { return explored_->store(); }

 private:
  // An engine either is its explored states or holds them (explored()).
  template <class E>
  static const ExploredStates<M>& explored_of(const E& e) {
    if constexpr (std::is_base_of_v<ExploredStates<M>, E>) return e;
    else return e.explored();
  }

  std::variant<std::monostate
#define STRATEGY(e, name, shortest, meaning, Engine) , Engine<M>
#include "explorer/strategies.def"
#undef STRATEGY
               >
      engine_;
  const ExploredStates<M>* explored_ = nullptr;
};

}  // namespace explorer
