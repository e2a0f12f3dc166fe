// Exhaustive breadth-first search. States get ids in discovery order, so a
// BFS level is a contiguous id range and the first violating state of a
// property is the one with the smallest id: its parent chain is a shortest
// counterexample.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

#include "explorer/search_options.hpp"
#include "explorer/search_result.hpp"
#include "explorer/state_store.hpp"

namespace explorer {

// One step of a rebuilt path: the action taken and the state it reached.
struct PathStep {
  ActionId action;
  std::vector<StateWord> state;
};

template <ExplorableModel M>
class BreadthFirstSearch {
 public:
  BreadthFirstSearch(const M& model, SearchOptions options)
      : model_(model), options_(std::move(options)), store_(model.state_words()) {}

  SearchResult run() {
    using clock = std::chrono::steady_clock;
    const auto start = clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(clock::now() - start).count(); };
    double next_progress = options_.progress_interval;

    SearchResult r;
    r.threads = 1;
    std::vector<StateWord> init(store_.words());
    model_.initial(init.data());
    store_.insert(init.data(), kNoState, 0);

    // The arena may move while successors are inserted: expand a copy.
    std::vector<StateWord> current(store_.words());
    uint64_t level_begin = 0, level_end = 1;
    uint32_t level = 0;
    StopReason stop = StopReason::Complete;
    while (level_begin < level_end && stop == StopReason::Complete) {
      for (uint64_t id = level_begin; id < level_end; ++id) {
        const StateId sid = static_cast<StateId>(id);
        uint64_t succ = 0;
        std::copy_n(store_.state(sid), store_.words(), current.begin());
        const PropertyMask bad = model_.expand(current.data(), [&](ActionId a, const StateWord* next) {
          ++succ;
          store_.insert(next, sid, a);
        });
        r.transitions += succ;
        if (succ == 0) ++r.terminal_states;
        record(r, bad, sid, level);
        if (options_.stop_at_first && (bad & options_.properties)) stop = StopReason::StopAtFirst;
        if ((id & 1023) == 0 || stop != StopReason::Complete) {
          if (stop == StopReason::Complete) stop = check_limits(elapsed());
          if (options_.progress && elapsed() >= next_progress) {
            next_progress = elapsed() + options_.progress_interval;
            options_.progress({store_.size(), r.transitions, level, level_end - id, store_.bytes(), elapsed()});
          }
          if (stop != StopReason::Complete) break;
        }
      }
      if (stop != StopReason::Complete) break;
      level_begin = level_end;
      level_end = store_.size();
      if (level_begin < level_end) ++level;
    }
    r.states = store_.size();
    r.depth = level;
    r.stop = stop;
    r.seconds = elapsed();
    r.peak_bytes = store_.bytes();
    return r;
  }

  // The states from the initial one to `id`, each with the action that led there.
  std::vector<PathStep> path_to(StateId id) const {
    std::vector<PathStep> steps;
    for (StateId s = id; s != kNoState; s = store_.parent(s)) {
      const StateWord* w = store_.state(s);
      steps.push_back({store_.action(s), std::vector<StateWord>(w, w + store_.words())});
    }
    return {steps.rbegin(), steps.rend()};
  }

  // After run(): the stored states, for passes over the graph (liveness, DOT).
  uint64_t size() const { return store_.size(); }
  const StateWord* state(StateId id) const { return store_.state(id); }
  StateId find(const StateWord* s) const { return store_.find(s); }
  const StateStore& store() const { return store_; }

 private:
  static void record(SearchResult& r, PropertyMask bad, StateId sid, uint32_t level) {
    for (PropertyMask m = bad; m != 0; m &= m - 1) {
      PropertyFinding& f = r.findings[__builtin_ctz(m)];
      if (!f.violated()) {
        f.first_state = sid;
        f.depth = level;
      }
      ++f.violating_states;
    }
  }

  StopReason check_limits(double seconds) const {
    if (options_.interrupt && options_.interrupt->load(std::memory_order_relaxed)) return StopReason::Interrupted;
    if (options_.max_states && store_.size() >= options_.max_states) return StopReason::MaxStates;
    if (options_.max_memory && store_.bytes() >= options_.max_memory) return StopReason::MaxMemory;
    if (options_.time_limit > 0 && seconds >= options_.time_limit) return StopReason::TimeLimit;
    return StopReason::Complete;
  }

  const M& model_;
  SearchOptions options_;
  StateStore store_;
};

}  // namespace explorer
