// The engine that SearchOptions::strategy names, behind the API both share:
// run(), then path_to(), size(), state(), find() and store().
#pragma once

#include <utility>
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
      explored_ = emplace_breadth_first(model, options, std::make_index_sequence<kFixedWords + 1>{});
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
  // Breadth-first search is compiled for each state size up to kFixedWords
  // words (index 0: any size), so its hashing, comparing and copying of
  // states run loops of constant length.
  static constexpr std::size_t kFixedWords = 8;
  template <std::size_t... W>
  const ExploredStates<M>* emplace_breadth_first(const M& model, const SearchOptions& options,
                                                 std::index_sequence<W...>) {
    const std::size_t fixed = model.state_words() <= kFixedWords ? model.state_words() : 0;
    const ExploredStates<M>* e = nullptr;
    ((W == fixed ? (void)(e = &engine_.template emplace<BreadthFirstSearch<M, W>>(model, options)) : void()), ...);
    return e;
  }

  template <std::size_t... W>
  static auto engines(std::index_sequence<W...>)
      -> std::variant<std::monostate, DepthFirstSearch<M>, BreadthFirstSearch<M, W>...>;

  decltype(engines(std::make_index_sequence<kFixedWords + 1>{})) engine_;
  const ExploredStates<M>* explored_ = nullptr;
};

}  // namespace explorer
