// Hash of a fixed-size state: a 64-bit mix per word (the murmur3 finaliser),
// strong enough for open addressing and for fingerprints.
#pragma once

#include <cstddef>
#include <cstdint>

#include "explorer/model_interface.hpp"

namespace explorer {

inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t hash_state(const StateWord* s, std::size_t words) {
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ words;
  for (std::size_t i = 0; i < words; ++i) h = mix64(h ^ s[i]) + 0x9e3779b97f4a7c15ULL * (i + 1);
  return mix64(h);
}

}  // namespace explorer
