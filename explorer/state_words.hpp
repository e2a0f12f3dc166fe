// Copying and comparing fixed-size states word by word: a state is a few
// words, fewer than a library call (memcpy, memcmp) costs.
#pragma once

#include <cstddef>

#include "explorer/model_interface.hpp"

namespace explorer {

inline bool equal_states(const StateWord* a, const StateWord* b, std::size_t words) {
  for (std::size_t i = 0; i < words; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

inline void copy_state(StateWord* to, const StateWord* from, std::size_t words) {
  for (std::size_t i = 0; i < words; ++i) to[i] = from[i];
}

}  // namespace explorer
