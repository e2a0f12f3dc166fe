// The engine that SearchOptions::strategy names, behind the API both share:
// run(), then path_to(), size(), state(), find() and store().
#pragma once

#include <variant>

#include "explorer/breadth_first_search.hpp"
#include "explorer/depth_first_search.hpp"

namespace explorer {

template <ExplorableModel M>
class Search {
 public:
  Search(const M& model, const SearchOptions& options) {
    if (options.strategy == Strategy::DepthFirst) {
      explored_ = &engine_.template emplace<DepthFirstSearch<M>>(model, options);
    } else {
      explored_ = &engine_.template emplace<BreadthFirstSearch<M>>(model, options);
    }
  }
  Search(const Search&) = delete;
  Search& operator=(const Search&) = delete;

  SearchResult run() {
    return std::visit(
        [](auto& e) -> SearchResult {
          if constexpr (std::is_same_v<std::decay_t<decltype(e)>, std::monostate>) return {};
          else return e.run();
        },
        engine_);
  }

  std::vector<PathStep> path_to(StateId id) const { return explored_->path_to(id); }
  uint64_t size() const { return explored_->size(); }
  const StateWord* state(StateId id) const { return explored_->state(id); }
  StateId find(const StateWord* s) const { return explored_->find(s); }
  const StateStore& store() const { return explored_->store(); }

 private:
  std::variant<std::monostate, BreadthFirstSearch<M>, DepthFirstSearch<M>> engine_;
  const ExploredStates<M>* explored_ = nullptr;
};

}  // namespace explorer
