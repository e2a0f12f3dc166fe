// The narrow interface between the search engine and any model (LTSmin's
// PINS idea). The engine sees fixed-size states of 64-bit words, action
// indexes, and a bit mask of state labels; it knows nothing of z/VM (nor of
// what a label means to the checker: a violated invariant, a reached goal).
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>

namespace explorer {

using StateWord = uint64_t;
using ActionId = uint16_t;
// Bit i set: the state carries label i.
using LabelMask = uint32_t;
inline constexpr int kMaxLabels = 32;

// What expand() calls once per enabled action instance, in the model's
// canonical order. Only used to state the concept; the engine passes its own.
struct SuccessorSinkArchetype {
  void operator()(ActionId, const StateWord*) const {}
};

// A model the engine can explore:
//   state_words()   words per state, fixed for the run;
//   initial(out)    writes the initial state;
//   expand(s, sink) calls sink(action, next) for every successor of s and
//                   returns the labels s carries (it may use the
//                   number of successors, e.g. for deadlock).
template <class M>
concept ExplorableModel = requires(const M& m, const StateWord* s, StateWord* out,
                                   SuccessorSinkArchetype sink) {
  { m.state_words() } -> std::convertible_to<std::size_t>;
  m.initial(out);
  { m.expand(s, sink) } -> std::same_as<LabelMask>;
};

}  // namespace explorer
