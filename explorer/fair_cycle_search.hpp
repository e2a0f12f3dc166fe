// Fair cycles under weak fairness on an explored graph (docs/liveness.md).
// A set of action instances is fair: on an infinite path, an instance that
// is enabled from some point on must be taken infinitely often. A path may
// stutter forever in a state where no fair instance is enabled.
//
// On the subgraph where the awaited event has not happened yet, a fair path
// that never leaves it exists iff some strongly connected component C has
//   (AND of the fair instances enabled in each state of C)
//     & ~(OR of the fair instances taken on edges inside C)  ==  0,
// that is, every instance enabled everywhere in C is taken inside C. A
// single state without an inner edge qualifies exactly when no fair
// instance is enabled there (stuttering). This file knows nothing of a
// particular model: tests run it on hand-made graphs.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "explorer/strong_components.hpp"
#include "explorer/transition_graph.hpp"

namespace explorer {

// Up to 64 fair action instances, each a bit; other actions have mask 0.
using FairSet = uint64_t;
inline constexpr int kMaxFairInstances = 64;

class WeakFairness {
 public:
  // Each listed action becomes a fair instance; throws std::length_error
  // beyond kMaxFairInstances.
  WeakFairness(std::size_t action_count, const std::vector<ActionId>& fair_actions);
  FairSet bit(ActionId a) const { return a < bits_.size() ? bits_[a] : 0; }
  std::size_t instances() const { return instances_; }

 private:
  std::vector<FairSet> bits_;
  std::size_t instances_ = 0;
};

// Per state, the fair instances with a transition there (its enabled set).
std::vector<FairSet> enabled_fair_instances(const TransitionGraph& g, const WeakFairness& f);

struct FairComponent {
  std::vector<StateId> states;  // ascending; states.front() is the entry
  FairSet always_enabled = 0;   // enabled in every state of the component
  FairSet taken = 0;            // taken on some edge inside it
};

struct FairComponentSummary {
  uint64_t components = 0;  // fair components found
  uint64_t states = 0;      // states in them
  // The fair component with the smallest state id (with breadth-first ids,
  // the one reached by the shortest stem).
  std::optional<FairComponent> first;
};

// Finds the fair components of the subgraph of states with in_subgraph(s);
// on_fair(members) is called for each (e.g. to count distinct states over
// several passes).
template <class InSubgraph, class OnFair>
FairComponentSummary find_fair_components(const TransitionGraph& g, const WeakFairness& fairness,
                                          const std::vector<FairSet>& enabled, StrongComponentSearch& scc,
                                          InSubgraph&& in_subgraph, OnFair&& on_fair) {
  FairComponentSummary out;
  scc.run(in_subgraph, [&](std::span<const StateId> members, uint32_t component) {
    FairSet always = ~FairSet{0}, taken = 0;
    StateId entry = kNoState;
    for (const StateId s : members) {
      always &= enabled[s];
      if (s < entry) entry = s;
      for (uint64_t e = g.begin(s); e < g.end(s); ++e) {
        const StateId t = g.targets[e];
        if (t != kNoState && scc.component_of(t) == component) taken |= fairness.bit(g.actions[e]);
      }
    }
    if ((always & ~taken) != 0) return;  // some instance is enabled throughout and never taken
    ++out.components;
    out.states += members.size();
    on_fair(members);
    if (!out.first || entry < out.first->states.front()) {
      FairComponent c{{members.begin(), members.end()}, always, taken};
      std::sort(c.states.begin(), c.states.end());
      out.first = std::move(c);
    }
  });
  return out;
}

struct CycleStep {
  ActionId action;
  StateId target;
};

// A cycle inside `c` from and back to c.states.front() that takes every
// instance of c.always_enabled and passes, for every other fair instance,
// through a state where it is disabled: repeated forever, a weakly fair
// path. Empty when the entry state itself enables no fair instance
// (the path stutters there).
std::vector<CycleStep> fair_cycle(const TransitionGraph& g, const WeakFairness& fairness,
                                  const std::vector<FairSet>& enabled, const FairComponent& c);

}  // namespace explorer
