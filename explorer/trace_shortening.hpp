// Shortening a counterexample that a random walk found: first the shortest
// path to a state carrying a target label (a violation, to the checker) within the states the walks saw (breadth-first
// over the visited states, with every transition between them, not only the
// ones the walks took, ending possibly in a successor of one), then a delta-debugging pass (Zeller's ddmin, on the
// action sequence) that drops steps while the rest still replays and still
// reaches a state violating the property. Knows nothing of z/VM.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "explorer/model_interface.hpp"
#include "explorer/path_rebuild.hpp"
#include "explorer/seen_states.hpp"

namespace explorer {

// The actions of a shortest path from `start` (which `seen` must hold) to a
// violation of one of `target`, moving only through `seen`; its last state
// may also be a successor of a seen state outside `seen` (the walks checked
// those too). nullopt when there is none. Every successor is judged as it
// is generated, in breadth-first order, so the first one found is a
// shortest.
template <ExplorableModel M>
std::optional<std::vector<ActionId>> shortest_within(const M& model, const SeenStates& seen, const StateWord* start,
                                                     LabelMask target) {
  const uint32_t first = seen.find(start);
  if (first == SeenStates::kAbsent) return std::nullopt;
  if (model.expand(start, [](ActionId, const StateWord*) {}) & target) return std::vector<ActionId>{};
  constexpr uint32_t kNone = SeenStates::kAbsent;
  std::vector<uint32_t> parent(seen.size(), kNone);
  std::vector<ActionId> via(seen.size(), 0);
  std::vector<uint32_t> queue{first};
  parent[first] = first;
  auto path_to = [&](uint32_t id) {
    std::vector<ActionId> actions;
    for (uint32_t s = id; s != first; s = parent[s]) actions.push_back(via[s]);
    std::reverse(actions.begin(), actions.end());
    return actions;
  };
  std::vector<StateWord> next;
  std::vector<ActionId> next_action;
  const std::size_t n = model.state_words();
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const uint32_t id = queue[head];
    next.clear();
    next_action.clear();
    model.expand(seen.state(id), [&](ActionId a, const StateWord* s) {
      next_action.push_back(a);
      next.insert(next.end(), s, s + n);
    });
    for (std::size_t k = 0; k < next_action.size(); ++k) {
      const StateWord* s = next.data() + k * n;
      const uint32_t known = seen.find(s);
      if (known != kNone && parent[known] != kNone) continue;
      if (model.expand(s, [](ActionId, const StateWord*) {}) & target) {
        std::vector<ActionId> actions = path_to(id);
        actions.push_back(next_action[k]);
        return actions;
      }
      if (known == kNone) continue;  // seen only as a successor: a possible last state, no further
      parent[known] = id;
      via[known] = next_action[k];
      queue.push_back(known);
    }
  }
  return std::nullopt;
}

// Replays `actions` from `start`: the number of steps after which the first
// state violating `target` is reached, or nullopt when an action is not
// enabled or no state on the way violates it.
template <ExplorableModel M>
std::optional<std::size_t> steps_to_violation(const M& model, const StateWord* start,
                                              const std::vector<ActionId>& actions, LabelMask target) {
  const std::size_t n = model.state_words();
  std::vector<StateWord> cur(start, start + n), next(n);
  for (std::size_t k = 0;; ++k) {
    const ActionId want = k < actions.size() ? actions[k] : ActionId{0};
    bool found = false;
    const LabelMask bad = model.expand(cur.data(), [&](ActionId a, const StateWord* s) {
      if (k < actions.size() && a == want) {
        std::copy(s, s + n, next.begin());
        found = true;
      }
    });
    if (bad & target) return k;
    if (k == actions.size() || !found) return std::nullopt;
    cur.swap(next);
  }
}

// ddmin over the steps: tries dropping chunks of halving size, keeping any
// drop after which the trace still replays to a violation of `target` (and
// cutting it at the first violating state). At most `budget` replays.
template <ExplorableModel M>
std::vector<ActionId> drop_steps(const M& model, const StateWord* start, std::vector<ActionId> actions,
                                 LabelMask target, uint64_t budget = 20000) {
  std::size_t chunk = std::max<std::size_t>(1, actions.size() / 2);
  for (;;) {
    bool dropped = false;
    for (std::size_t at = 0; at < actions.size() && budget > 0;) {
      std::vector<ActionId> trial(actions.begin(), actions.begin() + at);
      trial.insert(trial.end(), actions.begin() + std::min(actions.size(), at + chunk), actions.end());
      --budget;
      if (auto len = steps_to_violation(model, start, trial, target)) {
        trial.resize(*len);
        actions.swap(trial);
        dropped = true;
      } else {
        at += chunk;
      }
    }
    if (budget == 0) return actions;
    if (chunk == 1) {
      if (!dropped) return actions;
    } else {
      chunk /= 2;
    }
  }
}

// The path the actions take from `start` (the start first, its action
// unused), as the trace writers take it. The actions must be enabled.
template <ExplorableModel M>
std::vector<PathStep> replay_path(const M& model, const StateWord* start, const std::vector<ActionId>& actions) {
  const std::size_t n = model.state_words();
  std::vector<PathStep> path{{0, std::vector<StateWord>(start, start + n)}};
  for (ActionId want : actions) {
    std::vector<StateWord> next;
    model.expand(path.back().state.data(), [&](ActionId a, const StateWord* s) {
      if (a == want) next.assign(s, s + n);
    });
    path.push_back({want, std::move(next)});
  }
  return path;
}

}  // namespace explorer
