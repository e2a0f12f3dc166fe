// The successors of one expanded state, in the order the model gave them,
// with their hashes: a stage of the engines' software pipelines (the
// one-process engine's expand_chunk, the distributed search's
// expand_slice), kept from state to state so that nothing is allocated
// per state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "explorer/model_interface.hpp"

namespace explorer {

struct SuccessorBatch {
  uint64_t position = 0;  // of the state in its level (or frontier)
  std::size_t count = 0;
  std::vector<StateWord> states;
  std::vector<ActionId> actions;
  std::vector<uint64_t> hashes;
  // Room for twice the successors so far, of `words` words each.
  void grow(std::size_t words) {
    const std::size_t n = 2 * (count + 1);
    states.resize(n * words);
    actions.resize(n);
    hashes.resize(n);
  }
};

}  // namespace explorer
