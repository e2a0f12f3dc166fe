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

// Fair components of several subgraphs of one graph (one per guest, say).
class FairComponentSearch {
 public:
  FairComponentSearch(const TransitionGraph& g, const WeakFairness& fairness)
      : g_(g), fairness_(fairness), enabled_(enabled_fair_instances(g, fairness)), scc_(g) {}

  // Optional, before find(): every later subgraph lies inside `universe`.
  // One component search there marks the states on its cycles; later
  // passes search components among those only and judge every other state
  // alone (off every cycle of the universe, it is off every cycle of a
  // subgraph: fair exactly when it enables no fair instance).
  template <class InUniverse>
  void limit_to(InUniverse&& in_universe) {
    on_cycle_.assign(g_.states(), 0);
    scc_.run(in_universe, [&](std::span<const StateId> members, uint32_t) {
      bool cyclic = members.size() > 1;
      for (uint64_t e = g_.begin(members[0]); e < g_.end(members[0]) && !cyclic; ++e)
        cyclic = g_.targets[e] == members[0];
      if (cyclic)
        for (const StateId s : members) on_cycle_[s] = 1;
    });
  }

  // The fair components of the subgraph of states with in_subgraph(s);
  // on_fair(members) is called for each (e.g. to count distinct states
  // over several passes).
  template <class InSubgraph, class OnFair>
  FairComponentSummary find(InSubgraph&& in_subgraph, OnFair&& on_fair) {
    FairComponentSummary out;
    auto found = [&](std::span<const StateId> members, FairSet always, FairSet taken) {
      ++out.components;
      out.states += members.size();
      on_fair(members);
      const StateId entry = *std::min_element(members.begin(), members.end());
      if (out.first && out.first->states.front() <= entry) return;
      FairComponent c{{members.begin(), members.end()}, always, taken};
      std::sort(c.states.begin(), c.states.end());
      out.first = std::move(c);
    };
    const bool limited = !on_cycle_.empty();
    if (limited) {
      for (StateId s = 0; s < g_.states(); ++s)
        if (!on_cycle_[s] && enabled_[s] == 0 && in_subgraph(s)) found(std::span<const StateId>(&s, 1), 0, 0);
    }
    scc_.run([&](StateId s) { return (!limited || on_cycle_[s]) && in_subgraph(s); },
             [&](std::span<const StateId> members, uint32_t component) {
               FairSet always = ~FairSet{0}, taken = 0;
               for (const StateId s : members) {
                 always &= enabled_[s];
                 for (uint64_t e = g_.begin(s); e < g_.end(s); ++e) {
                   const StateId t = g_.targets[e];
                   if (t != kNoState && scc_.component_of(t) == component) taken |= fairness_.bit(g_.actions[e]);
                 }
               }
               // Unfair when an instance is enabled throughout and never taken inside.
               if ((always & ~taken) == 0) found(members, always, taken);
             });
    return out;
  }

  std::vector<CycleStep> cycle(const FairComponent& c) const { return fair_cycle(g_, fairness_, enabled_, c); }
  uint64_t bytes() const { return enabled_.capacity() * sizeof(FairSet) + on_cycle_.capacity() + scc_.bytes(); }

 private:
  const TransitionGraph& g_;
  const WeakFairness& fairness_;
  std::vector<FairSet> enabled_;
  StrongComponentSearch scc_;
  std::vector<uint8_t> on_cycle_;  // empty: not limited
};

}  // namespace explorer
