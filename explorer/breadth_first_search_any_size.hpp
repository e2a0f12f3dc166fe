// The breadth-first engine for any model: it holds the BreadthFirstSearch
// instance compiled for the model's state size, up to kFixedWords words
// (W = 0 above that: the size read at run time), so that hashing, comparing
// and copying states run loops of constant length.
#pragma once

#include <cstddef>
#include <utility>
#include <variant>

#include "explorer/breadth_first_search.hpp"
#include "explorer/held_engine.hpp"

namespace explorer {

template <ExplorableModel M>
class BreadthFirstSearchAnySize {
 public:
  static constexpr std::size_t kFixedWords = 8;

  BreadthFirstSearchAnySize(const M& model, const SearchOptions& options) {
    emplace(model, options, std::make_index_sequence<kFixedWords + 1>{});
  }
  BreadthFirstSearchAnySize(const BreadthFirstSearchAnySize&) = delete;
  BreadthFirstSearchAnySize& operator=(const BreadthFirstSearchAnySize&) = delete;

  SearchResult run() { return run_held_engine(engine_); }
  const ExploredStates<M>& explored() const { return *explored_; }

 private:
  template <std::size_t... W>
  void emplace(const M& model, const SearchOptions& options, std::index_sequence<W...>) {
    const std::size_t fixed = model.state_words() <= kFixedWords ? model.state_words() : 0;
    ((W == fixed ? (void)(explored_ = &engine_.template emplace<BreadthFirstSearch<M, W>>(model, options)) : void()),
     ...);
  }
  template <std::size_t... W>
  static auto engines(std::index_sequence<W...>) -> std::variant<std::monostate, BreadthFirstSearch<M, W>...>;

  decltype(engines(std::make_index_sequence<kFixedWords + 1>{})) engine_;
  const ExploredStates<M>* explored_ = nullptr;
};

}  // namespace explorer
