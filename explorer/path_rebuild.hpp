// Rebuilds the path from the initial state to a stored state by following
// parent links. With the table store the states are read from it; with the
// others they are recomputed by replaying the actions from the initial
// state (a model emits at most one successor per action of a state).
#pragma once

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>

#include "explorer/model_interface.hpp"
#include "explorer/state_store.hpp"

namespace explorer {

// One step of a rebuilt path: the action taken and the state it reached.
struct PathStep {
  ActionId action;
  std::vector<StateWord> state;
  bool operator==(const PathStep&) const = default;
};

template <ExplorableModel M>
std::vector<PathStep> rebuild_path(const M& model, const StateStore& store, StateId id) {
  std::vector<PathStep> steps;
  for (StateId s = id; s != kNoState; s = store.parent(s)) steps.push_back({store.action(s), {}});
  std::reverse(steps.begin(), steps.end());
  if (store.keeps_states()) {
    StateId s = id;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it, s = store.parent(s)) {
      const StateWord* w = store.state(s);
      it->state.assign(w, w + store.words());
    }
    return steps;
  }
  std::vector<StateWord> state(store.words()), next(store.words());
  model.initial(state.data());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (i > 0) {
      bool found = false;
      model.expand(state.data(), [&](ActionId a, const StateWord* successor) {
        if (!found && a == steps[i].action) {
          std::copy_n(successor, store.words(), next.begin());
          found = true;
        }
      });
      if (!found) throw std::logic_error("trace replay: action not enabled (model not deterministic?)");
      state.swap(next);
    }
    steps[i].state = state;
  }
  return steps;
}

}  // namespace explorer
