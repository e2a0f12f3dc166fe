// The distributed engine for any model: it holds the DistributedSearch
// compiled for the model's state size, up to kFixedWords words (W = 0 above
// that: the size read at run time), as BreadthFirstSearchAnySize does for
// the one-process engine: hashing, comparing, copying and coding states
// then run loops of constant length.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include "explorer/distributed_search.hpp"

namespace explorer {

template <ExplorableModel M>
class DistributedSearchAnySize {
 public:
  static constexpr std::size_t kFixedWords = 8;

  DistributedSearchAnySize(const M& model, const SearchOptions& options, RankNetwork& net) {
    emplace(model, options, net, std::make_index_sequence<kFixedWords + 1>{});
  }
  DistributedSearchAnySize(const DistributedSearchAnySize&) = delete;
  DistributedSearchAnySize& operator=(const DistributedSearchAnySize&) = delete;

  SearchResult run() {
    return on([](auto& e) { return e.run(); });
  }
  std::vector<PathStep> path_to(StateId id) {
    return on([id](auto& e) { return e.path_to(id); });
  }
  const StateStore& store() const {
    return on([](const auto& e) -> const StateStore& { return e.store(); });
  }
  const DistributedStats& stats() const {
    return on([](const auto& e) -> const DistributedStats& { return e.stats(); });
  }

 private:
  template <std::size_t... W>
  void emplace(const M& model, const SearchOptions& options, RankNetwork& net, std::index_sequence<W...>) {
    const std::size_t fixed = model.state_words() <= kFixedWords ? model.state_words() : 0;
    ((W == fixed ? (void)engine_.template emplace<DistributedSearch<M, W>>(model, options, net) : void()), ...);
  }
  template <std::size_t... W>
  static auto engines(std::index_sequence<W...>) -> std::variant<std::monostate, DistributedSearch<M, W>...>;
  // The engine emplaced; std::visit wants every branch to return alike, so
  // the empty one (never held after construction) names the first engine.
  template <class F>
  decltype(auto) on(F&& f) {
    if (engine_.index() == 0) throw std::logic_error("no distributed engine");
    return std::visit(
        [&](auto& e) -> decltype(auto) {
          if constexpr (std::is_same_v<std::decay_t<decltype(e)>, std::monostate>) return f(std::get<1>(engine_));
          else return f(e);
        },
        engine_);
  }
  template <class F>
  decltype(auto) on(F&& f) const {
    if (engine_.index() == 0) throw std::logic_error("no distributed engine");
    return std::visit(
        [&](const auto& e) -> decltype(auto) {
          if constexpr (std::is_same_v<std::decay_t<decltype(e)>, std::monostate>) return f(std::get<1>(engine_));
          else return f(e);
        },
        engine_);
  }

  decltype(engines(std::make_index_sequence<kFixedWords + 1>{})) engine_;
};

}  // namespace explorer
