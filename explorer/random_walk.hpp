// One random walk over any ExplorableModel (TLC's -simulate): from a start
// state, take a uniformly (or per-action weighted) chosen enabled action
// instance at each step, checking the labels of every visited state and of
// all its successors (to the checker: violated properties). A walk is a pure function of (model, start, seed,
// options): the simulation driver runs many of them on any number of threads
// and gets the same walks.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "explorer/model_interface.hpp"

namespace explorer {

// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and every seed is a
// good one, so run i can own a generator derived from (seed, i).
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : x_(seed) {}
  uint64_t next() {
    uint64_t z = (x_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in 0..n-1 (n > 0) by one multiplication (Lemire); the bias of
  // at most n / 2^64 does not matter here and there is no rejection loop.
  uint32_t below(uint32_t n) { return static_cast<uint32_t>((static_cast<unsigned __int128>(next()) * n) >> 64); }
  // Uniform in [0, 1) with 53 random bits.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t x_;
};

// The generator seed of run `run` of simulation seed `seed`: both are mixed
// through splitmix64 so that neighbouring seeds and runs share nothing.
inline uint64_t run_seed(uint64_t seed, uint64_t run) {
  SplitMix64 a(seed);
  const uint64_t s = a.next();
  SplitMix64 b(s ^ (run * 0xd1b54a32d192ed03ULL));
  return b.next();
}

enum class WalkEnd : uint8_t {
  DepthBound,  // took `depth` steps
  DeadEnd,     // a state with no enabled action (and no violation)
  Violation,   // a visited state or a successor of one violates a watched property
  Blocked,     // every enabled action has weight 0
  Stopped,     // the stop flag was raised (time limit, signal): the walk is not whole
};

struct WalkOptions {
  uint32_t depth = 100;
  // Per action id (missing: 1); empty: uniform. Weight 0 never chooses an action.
  std::vector<double> weights;
  LabelMask watched = ~LabelMask{0};
  const std::atomic<bool>* stop = nullptr;
};

// The result of one walk. Buffers are reused from walk to walk (assign,
// not reallocate), so a run costs no allocation once they have grown.
struct Walk {
  WalkEnd end = WalkEnd::DepthBound;
  LabelMask violated = 0;    // the watched properties of the last state, when end == Violation
  std::vector<StateWord> states;  // (actions.size() + 1) states back to back, the start first
  std::vector<ActionId> actions;  // actions[k] leads from state k to state k + 1
  std::vector<ActionId> enabled;  // every action instance enabled in a visited (expanded) state
  uint64_t successors_checked = 0;

  std::size_t steps() const { return actions.size(); }
};

template <ExplorableModel M>
void random_walk(const M& model, const StateWord* start, uint64_t seed, const WalkOptions& o, Walk& w) {
  const std::size_t n = model.state_words();
  w.end = WalkEnd::DepthBound;
  w.violated = 0;
  w.states.assign(start, start + n);
  w.actions.clear();
  w.enabled.clear();
  w.successors_checked = 0;
  SplitMix64 rng(seed);
  // The successors of the current state; thread-local so a thread's walks
  // share one buffer.
  thread_local std::vector<StateWord> next;
  thread_local std::vector<ActionId> next_action;
  auto weight = [&](ActionId a) { return a < o.weights.size() ? o.weights[a] : 1.0; };
  for (;;) {
    if (o.stop && o.stop->load(std::memory_order_relaxed)) {
      w.end = WalkEnd::Stopped;
      return;
    }
    next.clear();
    next_action.clear();
    const LabelMask bad = model.expand(w.states.data() + w.states.size() - n, [&](ActionId a, const StateWord* s) {
      next_action.push_back(a);
      next.insert(next.end(), s, s + n);
    });
    if (bad & o.watched) {
      w.end = WalkEnd::Violation;
      w.violated = bad & o.watched;
      return;
    }
    if (next_action.empty()) {
      w.end = WalkEnd::DeadEnd;
      return;
    }
    w.enabled.insert(w.enabled.end(), next_action.begin(), next_action.end());
    // Every successor is judged, not only the one followed (a violation one
    // step aside is found without stepping into it).
    for (std::size_t k = 0; k < next_action.size(); ++k) {
      ++w.successors_checked;
      const LabelMask b = model.expand(next.data() + k * n, [](ActionId, const StateWord*) {});
      if (b & o.watched) {
        w.actions.push_back(next_action[k]);
        w.states.insert(w.states.end(), next.begin() + k * n, next.begin() + (k + 1) * n);
        w.end = WalkEnd::Violation;
        w.violated = b & o.watched;
        return;
      }
    }
    if (w.actions.size() >= o.depth) return;  // DepthBound
    std::size_t pick = 0;
    if (o.weights.empty()) {
      pick = rng.below(static_cast<uint32_t>(next_action.size()));
    } else {
      double total = 0;
      for (ActionId a : next_action) total += weight(a);
      if (total <= 0) {
        w.end = WalkEnd::Blocked;
        return;
      }
      const double u = rng.unit() * total;
      double sum = 0;
      pick = next_action.size();
      for (std::size_t k = 0; k < next_action.size(); ++k) {
        if (weight(next_action[k]) <= 0) continue;
        pick = k;  // the last positive one, should rounding leave u past the sum
        sum += weight(next_action[k]);
        if (u < sum) break;
      }
    }
    w.actions.push_back(next_action[pick]);
    w.states.insert(w.states.end(), next.begin() + pick * n, next.begin() + (pick + 1) * n);
  }
}

}  // namespace explorer
