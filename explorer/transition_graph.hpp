// The explored state graph in compressed sparse rows: for every state, its
// transitions (action, target) in the model's order. A search stores only
// parents; graph passes (liveness, DOT) rebuild the edges afterwards by
// re-expanding every stored state and looking the successors up.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "explorer/search_result.hpp"

namespace explorer {

struct TransitionGraph {
  std::vector<uint64_t> offsets{0};  // state s owns edges [offsets[s], offsets[s + 1])
  std::vector<StateId> targets;      // kNoState: a successor the builder did not store
  std::vector<ActionId> actions;

  uint64_t states() const { return offsets.size() - 1; }
  uint64_t edges() const { return targets.size(); }
  uint64_t begin(StateId s) const { return offsets[s]; }
  uint64_t end(StateId s) const { return offsets[s + 1]; }
  uint64_t bytes() const {
    return offsets.capacity() * sizeof(uint64_t) + targets.capacity() * sizeof(StateId) +
           actions.capacity() * sizeof(ActionId);
  }
};

// Builds the graph of states 0..states-1. expand(s, edge) must call
// edge(ActionId, StateId target) for every transition of s, always in the
// same order, and be safe to call from several threads at once. The result
// does not depend on `threads`. Returns nullopt when `interrupt` is set.
// `expected_edges` (an upper bound, or 0) sizes the edge arrays once.
template <class Expand>
std::optional<TransitionGraph> build_transition_graph(uint64_t states, Expand&& expand, int threads,
                                                      const std::atomic<bool>* interrupt = nullptr,
                                                      uint64_t expected_edges = 0) {
  // Fixed chunks of consecutive states, each filled by one task and then
  // concatenated in order: one chunk (no copy) when single-threaded.
  const uint64_t chunk_count =
      threads <= 1 ? 1 : std::min<uint64_t>(std::max<uint64_t>(1, states / 4096), uint64_t(threads) * 16);
  const uint64_t chunk_size = chunk_count == 0 ? 0 : (states + chunk_count - 1) / chunk_count;
  struct Chunk {
    std::vector<StateId> targets;
    std::vector<ActionId> actions;
  };
  std::vector<Chunk> chunks(chunk_count);
  TransitionGraph g;
  g.offsets.assign(states + 1, 0);
  std::atomic<bool> stopped{false};

  auto fill = [&](uint64_t c) {
    Chunk& out = chunks[c];
    const uint64_t first = c * chunk_size, last = std::min(states, first + chunk_size);
    for (uint64_t s = first; s < last; ++s) {
      if ((s & 4095) == 0 && interrupt && interrupt->load(std::memory_order_relaxed)) {
        stopped = true;
        return;
      }
      const std::size_t before = out.targets.size();
      expand(static_cast<StateId>(s), [&](ActionId a, StateId target) {
        out.targets.push_back(target);
        out.actions.push_back(a);
      });
      g.offsets[s + 1] = out.targets.size() - before;  // degree for now
    }
  };
  if (chunk_count == 1) {
    chunks[0].targets.reserve(expected_edges);
    chunks[0].actions.reserve(expected_edges);
    fill(0);
  } else {
    tbb::task_arena arena(threads);
    arena.execute([&] { tbb::parallel_for(uint64_t{0}, chunk_count, [&](uint64_t c) { fill(c); }); });
  }
  if (stopped) return std::nullopt;

  for (uint64_t s = 0; s < states; ++s) g.offsets[s + 1] += g.offsets[s];
  if (chunk_count == 1) {
    g.targets = std::move(chunks[0].targets);
    g.actions = std::move(chunks[0].actions);
  } else {
    g.targets.resize(g.offsets[states]);
    g.actions.resize(g.offsets[states]);
    for (uint64_t c = 0; c < chunk_count; ++c) {
      const uint64_t at = g.offsets[std::min(states, c * chunk_size)];
      std::copy(chunks[c].targets.begin(), chunks[c].targets.end(), g.targets.begin() + at);
      std::copy(chunks[c].actions.begin(), chunks[c].actions.end(), g.actions.begin() + at);
      chunks[c] = {};
    }
  }
  return g;
}

}  // namespace explorer
