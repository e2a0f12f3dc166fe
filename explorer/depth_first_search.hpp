// Exhaustive depth-first search on one thread, with an explicit stack: it
// goes deep at once, so a bug far from the initial state shows up early
// (with --stop-at-first), and it keeps no BFS frontier. Its counterexamples
// follow the search tree, so they are not the shortest. Same store, limits
// and after-run API as the breadth-first engine; ids number the states in
// the order they are found.
// Swarm diversity (SearchOptions::order_seed): a nonzero seed shuffles each
// state's new successors before they are pushed, by one generator that the
// search draws from in its own (deterministic) order, so a seed names one
// search; seed 0 keeps the model's order.
#pragma once

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "explorer/explored_states.hpp"
#include "explorer/search_monitor.hpp"
#include "explorer/store_estimates.hpp"
#include "explorer/search_options.hpp"
#include "explorer/search_result.hpp"
#include "explorer/state_store.hpp"

namespace explorer {

template <ExplorableModel M>
class DepthFirstSearch : public ExploredStates<M> {
 public:
  DepthFirstSearch(const M& model, SearchOptions options) : ExploredStates<M>(model, std::move(options)) {}

  SearchResult run();

 private:
  using ExploredStates<M>::model_;
  using ExploredStates<M>::options_;
  using ExploredStates<M>::store_;

  struct Frame {
    StateId id;
    uint32_t depth;
  };
  // splitmix64: small, and every seed gives a full-period stream.
  struct OrderGenerator {
    uint64_t state;
    uint64_t next() {
      uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      return z ^ (z >> 31);
    }
  };
};

template <ExplorableModel M>
SearchResult DepthFirstSearch<M>::run() {
  SearchMonitor monitor(options_);
  SearchResult r;
  r.threads = 1;
  r.strategy = Strategy::DepthFirst;
  const std::size_t words = store_.words();
  const std::size_t state_bytes = words * sizeof(StateWord);

  // The stack holds ids, and with hash compaction the states too (the
  // store has none to give back).
  std::vector<Frame> stack;
  std::vector<StateWord> stack_states;
  std::vector<StateWord> current(words), succ;
  std::vector<ActionId> succ_action;
  std::vector<std::pair<StateId, std::size_t>> fresh;  // new successors: id, index in succ

  model_.initial(current.data());
  store_.insert(current.data(), kNoState, 0);
  stack.push_back({0, 0});
  if (!store_.keeps_states()) stack_states = current;

  uint32_t deepest = 0;
  uint64_t expanded = 0;
  OrderGenerator order{options_.order_seed};
  // Bitstate: new states since the omission estimate was last brought up
  // to date (every 1024 expansions, at the fill of that moment).
  uint64_t found_since = 0;
  auto note_found = [&] {
    if (store_.kind() == StoreKind::Bitstate && found_since) store_.bitstate().note_level(found_since);
    found_since = 0;
  };
  CoverageCounter coverage(options_.action_groups);
  auto bytes = [&] {
    return store_.bytes() + stack.capacity() * sizeof(Frame) +
           (stack_states.capacity() + succ.capacity()) * sizeof(StateWord);
  };
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    if (store_.keeps_states()) {
      std::memcpy(current.data(), store_.state(f.id), state_bytes);
    } else {
      std::memcpy(current.data(), &stack_states[stack_states.size() - words], state_bytes);
      stack_states.resize(stack_states.size() - words);
    }
    std::size_t n = 0;
    const LabelMask bad = model_.expand(current.data(), [&](ActionId a, const StateWord* next) {
      if ((n + 1) * words > succ.size()) {
        succ.resize(2 * (n + 1) * words);
        succ_action.resize(2 * (n + 1));
      }
      std::memcpy(&succ[n * words], next, state_bytes);
      succ_action[n++] = a;
    });
    r.transitions += n;
    if (n == 0) ++r.terminal_states;
    coverage.count(succ_action.data(), n);
    for (LabelMask m = bad; m != 0; m &= m - 1) {
      LabelFinding& finding = r.findings[__builtin_ctz(m)];
      if (!finding.found()) {
        finding.first_state = f.id;
        finding.depth = f.depth;
      }
      ++finding.labelled_states;
    }
    if (options_.stop_at_first && (bad & options_.stop_labels)) monitor.request_stop(StopReason::StopAtFirst);
    // New successors get ids in the model's order, and are pushed last to
    // first so that the first is explored first.
    fresh.clear();
    for (std::size_t i = 0; i < n; ++i) {
      std::pair<StateId, bool> in;
      try {
        in = store_.insert(&succ[i * words], f.id, succ_action[i]);
      } catch (const std::length_error&) {  // reserved memory or table at its largest
        monitor.request_stop(StopReason::MaxMemory);
        break;
      }
      if (in.second) fresh.push_back({in.first, i});
    }
    found_since += fresh.size();
    if (options_.order_seed)
      for (std::size_t i = fresh.size(); i > 1; --i) std::swap(fresh[i - 1], fresh[order.next() % i]);
    for (auto it = fresh.rbegin(); it != fresh.rend(); ++it) {
      stack.push_back({it->first, f.depth + 1});
      deepest = std::max(deepest, f.depth + 1);
      if (!store_.keeps_states())
        stack_states.insert(stack_states.end(), &succ[it->second * words], &succ[(it->second + 1) * words]);
    }
    if ((++expanded & 1023) == 0 || monitor.stopping()) {
      note_found();
      monitor.check(store_.size(), bytes());
      monitor.maybe_report([&] {
        ProgressSnapshot p;
        p.states = store_.size();
        p.transitions = r.transitions;
        p.depth = deepest;
        p.frontier = stack.size();
        p.bytes = bytes();
        return p;
      });
      if (monitor.stopping()) break;
    }
  }
  note_found();
  monitor.note_bytes(bytes());
  coverage.add_to(r.coverage);
  r.states = store_.size();
  r.depth = deepest;
  r.stop = monitor.stop();
  r.seconds = monitor.elapsed();
  r.peak_bytes = monitor.peak_bytes();
  record_store_estimates(store_, r);
  return r;
}

}  // namespace explorer
