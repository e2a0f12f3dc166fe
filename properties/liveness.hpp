// Termination and SyncAnswered (spec section 4) under weak fairness of the
// protocol's own actions (kinds 8 to 14 and 17, one constraint per
// instance), checked on the graph of a finished search: per guest, the fair
// components of the states where its relocation is unfinished
// (explorer/fair_cycle_search.hpp), and a lasso for the one with the
// shortest stem. docs/liveness.md gives the reasoning and the limits.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "explorer/fair_cycle_search.hpp"
#include "explorer/path_rebuild.hpp"
#include "explorer/search_result.hpp"
#include "explorer/state_index.hpp"
#include "explorer/transition_graph.hpp"
#include "model/lgr_model.hpp"
#include "properties/property.hpp"

namespace lgr {

explorer::WeakFairness lgr_fairness(const LgrModel& m);

// Per state: bit g when rs[g] != NONE (Termination awaits its end); bit
// kSyncAnsweredBit + g when moreover the request is sync (its issuer waits).
using UnfinishedMask = uint16_t;
inline constexpr int kSyncAnsweredBit = 8;
UnfinishedMask unfinished_relocations(const LgrModel& m, const StateVars& v);

struct LivenessGraph {
  explorer::TransitionGraph graph;
  std::vector<UnfinishedMask> unfinished;  // per state
  uint64_t index_bytes = 0;                // the lookup index, freed once the graph is built
};

struct LivenessOutcome {
  PropertyId id;
  bool holds = true;
  int guest = kNone;  // the guest whose relocation (or sync answer) never comes
  // The lasso: initial state first (its action unused); the cycle starts at
  // lasso[loop_start] and returns to it, or is empty (stuttering forever).
  std::vector<explorer::PathStep> lasso;
  std::size_t loop_start = 0;
  uint64_t fair_states = 0;  // distinct states in fair components, over every guest
};

struct LivenessResult {
  bool complete = true;  // false when interrupted before a verdict
  std::vector<LivenessOutcome> outcomes;  // Termination then SyncAnswered, those asked for
  uint64_t edges = 0;
  uint64_t graph_bytes = 0;  // the pass's memory at its peak (graph, index or component search)
  double seconds = 0;        // the whole pass
  double graph_seconds = 0;  // of which rebuilding the graph
};

struct LivenessOptions {
  int threads = 1;                              // for the graph rebuild
  const std::atomic<bool>* interrupt = nullptr;  // stops the rebuild
  uint64_t expected_edges = 0;                   // the search's transition count, to size the graph once
};

// What judging needs from the finished search, beyond the graph.
struct ExploredStates {
  std::function<const explorer::StateWord*(explorer::StateId)> state;
  std::function<std::vector<explorer::PathStep>(explorer::StateId)> path_to;
};

// Re-expands every stored state of a complete search and looks each
// successor up in a batched index of the stored states (one lookup per
// transition dominates the pass). Only states with an unfinished relocation
// get edges: no liveness pass ever enters the others.
template <class Search>
std::optional<LivenessGraph> build_liveness_graph(const LgrModel& m, const Search& search,
                                                  const LivenessOptions& options) {
  LivenessGraph out;
  out.unfinished.assign(search.size(), 0);
  const std::size_t words = m.state_words();
  const explorer::StateIndex index(search.size(), words, [&](explorer::StateId id) { return search.state(id); });
  auto graph = explorer::build_transition_graph(
      search.size(),
      [&](explorer::StateId id, auto&& edge) {
        const Word* s = search.state(id);
        StateVars v;
        m.decode(s, v);
        const UnfinishedMask u = unfinished_relocations(m, v);
        out.unfinished[id] = u;
        if (u == 0) return;
        // Successors first, then one batched lookup (explorer/state_index.hpp).
        // Per-thread scratch sized for every action instance: no allocation per state.
        thread_local std::vector<Word> next;
        thread_local std::vector<ActionIndex> actions;
        thread_local std::vector<explorer::StateId> ids;
        next.resize(m.actions().size() * words);
        actions.resize(m.actions().size());
        ids.resize(m.actions().size());
        std::size_t n = 0;
        m.successors(s, v, [&](ActionIndex a, const Word* w) {
          std::copy_n(w, words, next.data() + n * words);  // one successor per instance at most
          actions[n++] = a;
        });
        index.find_batch(next.data(), n, ids.data());
        for (std::size_t k = 0; k < n; ++k) edge(actions[k], ids[k]);
      },
      options.threads, options.interrupt, options.expected_edges);
  if (!graph) return std::nullopt;
  out.graph = std::move(*graph);
  out.index_bytes = index.bytes();
  return out;
}

// Judges `which` (Termination and/or SyncAnswered bits) on the graph.
LivenessResult judge_liveness(const LgrModel& m, const LivenessGraph& g, explorer::LabelMask which,
                              const ExploredStates& explored);

// The whole pass after a complete search.
template <class Search>
LivenessResult check_liveness(const LgrModel& m, const Search& search, explorer::LabelMask which,
                              const LivenessOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  LivenessResult r;
  auto g = build_liveness_graph(m, search, options);
  if (g) {
    const double graph_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r = judge_liveness(m, *g, which,
                       {[&](explorer::StateId id) { return search.state(id); },
                        [&](explorer::StateId id) { return search.path_to(id); }});
    r.graph_seconds = graph_seconds;
    r.edges = g->graph.edges();
    // judge_liveness set graph_bytes to its own working memory.
    r.graph_bytes = g->graph.bytes() + g->unfinished.capacity() * sizeof(UnfinishedMask) +
                    std::max(r.graph_bytes, g->index_bytes);
  } else {
    r.complete = false;
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

inline explorer::LabelMask liveness_properties_mask() {
  return property_bit(PropertyId::Termination) | property_bit(PropertyId::SyncAnswered);
}

}  // namespace lgr
