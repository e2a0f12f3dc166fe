// A consistent cut of the breadth-first search at a level boundary: what a
// resumed search needs to go on exactly as the uninterrupted one would.
// Every state numbered so far with its parent and action, the visited set in
// a form that rebuilds it (the table store: the states themselves; hash
// compaction: the fingerprints; the tree store: the states unfolded, which
// a resume folds again, so nothing of the tree's own layout is saved; and
// for the last two the frontier's states, which they keep nowhere else),
// the next level's id range, and every count so far.
// The engine fills one at a boundary (SearchOptions::checkpoint) and starts
// from one (SearchOptions::resume). The bitstate store is not supported: a
// bit array cannot tell a resume which states it holds.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "explorer/model_interface.hpp"
#include "explorer/search_result.hpp"
#include "explorer/store_kind.hpp"

namespace explorer {

struct LevelCut {
  StoreKind store = StoreKind::Table;
  uint64_t words = 0;
  uint64_t states = 0;                    // ids 0 .. states-1
  uint64_t level_begin = 0, level_end = 0;  // the next level to expand: ids [begin, end)
  uint32_t depth = 0;                     // its depth
  // Counts of the levels before it: transitions, terminal_states,
  // complete_levels, findings, coverage; seconds and peak_bytes so far.
  SearchResult so_far;
  std::span<const StateId> parents;    // `states` each
  std::span<const ActionId> actions;   // `states` each
  std::span<const StateWord> arena;    // table store: states x words
  std::vector<uint64_t> fingerprints;  // hash compaction: one per state, any order
  std::vector<StateWord> visited;      // tree: every stored state, words each, any order
  std::vector<StateWord> frontier;     // hash compaction, tree: the next level's states, in id order
  std::shared_ptr<void> owner;         // what the spans point into, when read from a file
};

// A damaged, truncated or foreign cut file; what() is one line naming it.
struct CutFileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Writes `cut` to `file` (opened for writing, binary); returns the bytes
// written. Throws std::runtime_error when the disk refuses.
uint64_t write_level_cut(const LevelCut& cut, std::FILE* file, const std::string& name);
// Reads and verifies (size, format, version, checksum) the cut in `path`.
LevelCut read_level_cut(const std::string& path);

// FNV-1a 64 over bytes, continuing from `h`.
inline constexpr uint64_t kFnvBasis = 0xcbf29ce484222325ULL;
uint64_t fnv1a64(const void* data, std::size_t n, uint64_t h = kFnvBasis);

}  // namespace explorer
