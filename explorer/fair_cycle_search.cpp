#include "explorer/fair_cycle_search.hpp"

#include <deque>
#include <stdexcept>

namespace explorer {

WeakFairness::WeakFairness(std::size_t action_count, const std::vector<ActionId>& fair_actions)
    : bits_(action_count, 0) {
  for (const ActionId a : fair_actions) {
    if (a >= action_count) throw std::out_of_range("fair action beyond the model's actions");
    if (bits_[a] != 0) continue;
    if (instances_ == kMaxFairInstances)
      throw std::length_error("more than 64 fair action instances (liveness supports at most 64)");
    bits_[a] = FairSet{1} << instances_++;
  }
}

std::vector<FairSet> enabled_fair_instances(const TransitionGraph& g, const WeakFairness& f) {
  std::vector<FairSet> enabled(g.states(), 0);
  for (StateId s = 0; s < g.states(); ++s)
    for (uint64_t e = g.begin(s); e < g.end(s); ++e) enabled[s] |= f.bit(g.actions[e]);
  return enabled;
}

namespace {

// Breadth-first paths inside one component, between positions in its sorted
// state list, so the search allocates per component, not per graph.
class ComponentPaths {
 public:
  ComponentPaths(const TransitionGraph& g, const FairComponent& c) : g_(g), c_(c) {}

  // Position of s in the component, or npos.
  std::size_t position(StateId s) const {
    auto it = std::lower_bound(c_.states.begin(), c_.states.end(), s);
    return it != c_.states.end() && *it == s ? std::size_t(it - c_.states.begin()) : npos;
  }

  // The shortest path inside the component from `from` to the first state
  // that `stop_at_state` accepts, or ending with the first edge that
  // `stop_at_edge` accepts; empty when `from` itself is accepted.
  template <class StateGoal, class EdgeGoal>
  std::vector<CycleStep> shortest(StateId from, StateGoal&& stop_at_state, EdgeGoal&& stop_at_edge) {
    const std::size_t n = c_.states.size();
    via_edge_.assign(n, kUnseen);
    std::deque<StateId> queue{from};
    via_edge_[position(from)] = kStart;
    while (!queue.empty()) {
      const StateId u = queue.front();
      queue.pop_front();
      if (stop_at_state(u)) return path_to(u, kUnseen);
      for (uint64_t e = g_.begin(u); e < g_.end(u); ++e) {
        const StateId t = g_.targets[e];
        const std::size_t pt = t == kNoState ? npos : position(t);
        if (pt == npos) continue;
        if (stop_at_edge(g_.actions[e])) return path_to(u, e);
        if (via_edge_[pt] != kUnseen) continue;
        via_edge_[pt] = e;
        queue.push_back(t);
      }
    }
    throw std::logic_error("fair_cycle: the component is not strongly connected or not fair");
  }

  static constexpr std::size_t npos = ~std::size_t{0};

 private:
  static constexpr uint64_t kUnseen = ~uint64_t{0};
  static constexpr uint64_t kStart = kUnseen - 1;

  // The edges from the start to u, then `last` when it is an edge.
  std::vector<CycleStep> path_to(StateId u, uint64_t last) const {
    std::vector<CycleStep> rev;
    if (last != kUnseen) rev.push_back({g_.actions[last], g_.targets[last]});
    for (StateId v = u; via_edge_[position(v)] != kStart;) {
      const uint64_t e = via_edge_[position(v)];
      rev.push_back({g_.actions[e], v});
      v = source_of(e);
    }
    return {rev.rbegin(), rev.rend()};
  }
  StateId source_of(uint64_t e) const {
    auto it = std::upper_bound(g_.offsets.begin(), g_.offsets.end(), e);
    return static_cast<StateId>(it - g_.offsets.begin() - 1);
  }

  const TransitionGraph& g_;
  const FairComponent& c_;
  std::vector<uint64_t> via_edge_;  // per position: the edge that reached it
};

}  // namespace

std::vector<CycleStep> fair_cycle(const TransitionGraph& g, const WeakFairness& fairness,
                                  const std::vector<FairSet>& enabled, const FairComponent& c) {
  const StateId entry = c.states.front();
  ComponentPaths paths(g, c);
  // Obligations: take every always-enabled instance; for every other one,
  // pass through a state where it is disabled.
  FairSet to_take = c.always_enabled;
  FairSet to_see_disabled = ~c.always_enabled & enabled[entry];
  std::vector<CycleStep> cycle;
  StateId at = entry;
  auto walk = [&](const std::vector<CycleStep>& steps) {
    for (const CycleStep& st : steps) {
      to_take &= ~fairness.bit(st.action);
      to_see_disabled &= enabled[st.target];
      cycle.push_back(st);
      at = st.target;
    }
  };
  while (to_take != 0 || to_see_disabled != 0) {
    walk(paths.shortest(
        at, [&](StateId s) { return (to_see_disabled & ~enabled[s]) != 0; },
        [&](ActionId a) { return (to_take & fairness.bit(a)) != 0; }));
  }
  if (at != entry)
    walk(paths.shortest(at, [&](StateId s) { return s == entry; }, [](ActionId) { return false; }));
  return cycle;
}

}  // namespace explorer
