// Strongly connected components of a subgraph of a TransitionGraph
// (Tarjan's algorithm with an explicit stack: graphs of millions of states
// would overflow the call stack of a recursive one). The subgraph is given
// by a predicate on states, so one graph serves many passes (one per guest)
// without copies.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "explorer/transition_graph.hpp"

namespace explorer {

class StrongComponentSearch {
 public:
  static constexpr uint32_t kNoComponent = std::numeric_limits<uint32_t>::max();

  explicit StrongComponentSearch(const TransitionGraph& g) : g_(g) {}

  // Calls on_component(members, component) for every component of the
  // subgraph induced by the states s with in_subgraph(s), in reverse
  // topological order (a component before any that reaches it). During the
  // call, component_of() is valid for the members and for every state of an
  // earlier component. Edges with target kNoState are ignored.
  template <class InSubgraph, class OnComponent>
  void run(InSubgraph&& in_subgraph, OnComponent&& on_component) {
    const uint64_t n = g_.states();
    index_.assign(n, 0);
    low_.assign(n, 0);
    stack_.clear();
    calls_.clear();
    uint32_t counter = 0, components = 0;

    auto open = [&](StateId v) {
      index_[v] = low_[v] = ++counter;
      stack_.push_back(v);
      calls_.push_back({v, g_.begin(v)});
    };
    for (uint64_t root = 0; root < n; ++root) {
      if (index_[root] != 0 || !in_subgraph(static_cast<StateId>(root))) continue;
      open(static_cast<StateId>(root));
      while (!calls_.empty()) {
        const StateId v = calls_.back().state;
        uint64_t& e = calls_.back().next_edge;
        if (e < g_.end(v)) {
          const StateId w = g_.targets[e++];
          if (w == kNoState || !in_subgraph(w)) continue;
          if (index_[w] == 0)
            open(w);
          else if (index_[w] != kDone && index_[w] < low_[v])
            low_[v] = index_[w];  // w is on the stack
          continue;
        }
        calls_.pop_back();
        if (!calls_.empty()) {
          const StateId u = calls_.back().state;
          if (low_[v] < low_[u]) low_[u] = low_[v];
        }
        if (low_[v] != index_[v]) continue;
        std::size_t first = stack_.size();
        while (stack_[first - 1] != v) --first;
        --first;
        // A finished state keeps its component in low_.
        for (std::size_t i = first; i < stack_.size(); ++i) {
          index_[stack_[i]] = kDone;
          low_[stack_[i]] = components;
        }
        on_component(std::span<const StateId>(stack_.data() + first, stack_.size() - first), components);
        ++components;
        stack_.resize(first);
      }
    }
  }

  uint32_t component_of(StateId s) const { return index_[s] == kDone ? low_[s] : kNoComponent; }
  uint64_t bytes() const {
    return (index_.capacity() + low_.capacity() + stack_.capacity()) * sizeof(uint32_t) +
           calls_.capacity() * sizeof(Frame);
  }

 private:
  static constexpr uint32_t kDone = std::numeric_limits<uint32_t>::max();
  struct Frame {
    StateId state;
    uint64_t next_edge;
  };

  const TransitionGraph& g_;
  std::vector<uint32_t> index_;  // 0: not visited; kDone: in a finished component
  std::vector<uint32_t> low_;
  std::vector<StateId> stack_;
  std::vector<Frame> calls_;
};

}  // namespace explorer
