// What a search found: counts, depth, why it stopped, and for every label
// the first labelled state in breadth-first order.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "explorer/action_coverage.hpp"
#include "explorer/model_interface.hpp"
#include "explorer/strategy.hpp"
#include "explorer/store_kind.hpp"

namespace explorer {

using StateId = uint32_t;
inline constexpr StateId kNoState = 0xFFFFFFFFu;

enum class StopReason { Complete, StopAtFirst, MaxStates, MaxMemory, TimeLimit, Interrupted };
const char* stop_reason_text(StopReason r);

// Probability that among `states` random b-bit fingerprints two are equal,
// n(n-1)/2 pairs each equal with probability 2^-b (the birthday bound that
// SPIN and TLC report). b is 63, or 95 with wide fingerprints.
double fingerprint_collision_probability(uint64_t states, int bits = 63);
// TLC's estimate of the same: distinct x (generated - distinct) / 2^b, the
// expected number of generated states whose fingerprint equalled that of
// another, stored state (TLC prints it, with 2^64, at the end of a run).
double fingerprint_collision_estimate(uint64_t distinct, uint64_t generated, int bits = 63);
// Above this, the summary warns that hash compaction may have hidden states.
inline constexpr double kFingerprintWarning = 1e-3;

struct LabelFinding {
  StateId first_state = kNoState;  // first labelled state in BFS order
  uint32_t depth = 0;              // its BFS level = shortest trace length
  uint64_t labelled_states = 0;   // how many explored states carry the label
  bool found() const { return first_state != kNoState; }
};

struct SearchResult {
  uint64_t states = 0;       // distinct states stored, the initial one included
  uint64_t transitions = 0;  // enabled action instances of every expanded state
  uint32_t depth = 0;        // largest BFS level reached
  // Breadth-first: levels 0 .. complete_levels-1 were expanded in full, so
  // every state within complete_levels-1 steps was checked (a complete
  // search: depth + 1; depth-first: 0, it proves no such bound).
  uint32_t complete_levels = 0;
  uint64_t terminal_states = 0;
  StopReason stop = StopReason::Complete;
  double seconds = 0;
  int threads = 1;
  uint64_t peak_bytes = 0;  // visited set + arena + frontier at the peak
  StoreKind store = StoreKind::Table;
  bool hash_compaction = false;  // store == HashCompaction
  // With hash compaction: the probability that two states shared a
  // fingerprint, so that one of them (and what only it leads to) was missed,
  // and TLC's estimate (see fingerprint_collision_estimate).
  double collision_probability = 0;
  double fingerprint_estimate = 0;
  int fingerprint_bits = 0;  // the bits compared: 63, or 95 with --fingerprint-bits 96
  // With a spill folder: which, and the parent links written there (bytes).
  std::string spill_dir;
  uint64_t spilled_bytes = 0;
  // With bitstate: the array, the fraction of its bits set at the end, the
  // expected number of states lost directly (their bits all set by others),
  // and the probability that at least one was: 1 - exp(-expected).
  uint64_t bitstate_bits = 0;
  int bitstate_hashes = 0;
  double bitstate_fill = 0;
  double expected_missed = 0;
  double omission_probability = 0;
  Strategy strategy = Strategy::BreadthFirst;  // the engine that ran
  bool shortest_traces() const { return strategy_info(strategy).shortest_traces; }
  std::array<LabelFinding, kMaxLabels> findings{};
  ActionCoverage coverage;  // when SearchOptions::action_groups asked for it

  bool complete() const { return stop == StopReason::Complete; }
  // Complete and with a store that loses nothing: "pass" is a proof.
  bool exhaustive() const { return complete() && store_is_exact(store); }
};

}  // namespace explorer
