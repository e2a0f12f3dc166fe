// Hash of a fixed-size state, used for the open-addressing table and as the
// fingerprint of --hash-compaction. Pairs of words are multiplied as 128-bit
// products and folded (the XXH3 construction), so the words hash in parallel
// instead of through one long dependency chain; murmur3's finaliser mixes
// the sum.
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

inline uint64_t fold_multiply(uint64_t a, uint64_t b) {
  const unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(p) ^ static_cast<uint64_t>(p >> 64);
}

[[gnu::always_inline]] inline uint64_t hash_words(const StateWord* s, std::size_t words) {
  // Random odd constants (from a fixed seed), one per word position.
  static constexpr uint64_t kSecret[18] = {
      0xbe4ba423396cfeb8ULL, 0x1cad21f72c81017cULL, 0xdb979083e96dd4deULL, 0x1f67b3b7a4a44072ULL,
      0x78e5c0cc4ee679cbULL, 0x2172ffcc7dd05a82ULL, 0x8e2443f7744608b8ULL, 0x4c263a81e69035e0ULL,
      0xcb00c391bb52283cULL, 0xa32e531b8b65d088ULL, 0x4ef90da297486471ULL, 0xd8acdea946ef1938ULL,
      0x3f349ce33f76faa8ULL, 0x1d4f0bc7c7bbdcf9ULL, 0x3159b4cd4be0518aULL, 0x647378d9c97e9fc8ULL,
      0xc3ebd33483acc5eaULL, 0xeb6313faffa081c5ULL};
  uint64_t acc = 0x9e3779b97f4a7c15ULL * (words + 1);
  std::size_t i = 0;
  for (; i + 1 < words; i += 2)
    acc += fold_multiply(s[i] ^ kSecret[i % 16], s[i + 1] ^ (kSecret[(i + 1) % 16] + i));
  if (i < words) acc += fold_multiply(s[i] ^ kSecret[i % 16], kSecret[16] + i);
  return mix64(acc ^ (acc >> 29));
}

// A second hash, independent of hash_words (other constants, another
// finaliser input): with it, wide hash compaction compares 64 more bits.
[[gnu::always_inline]] inline uint64_t second_hash_words(const StateWord* s, std::size_t words) {
  static constexpr uint64_t kSecret[17] = {
      0x7e2a1f9b3c5d4e61ULL, 0xa5b3c1d9e7f20413ULL, 0x3d1e8f6a2b9c4057ULL, 0xc8f1e2d3b4a59687ULL,
      0x5a4b3c2d1e0f9a8bULL, 0x91e7c3a5f2d4b6e9ULL, 0x2f6e8d4c1b3a5977ULL, 0xe3c5a7b9d1f30247ULL,
      0x6b8d2f4e1a3c5b79ULL, 0xd7f9b1a3c5e70825ULL, 0x48a6c2e4f1b3d597ULL, 0xb2d4f6a8c1e39b05ULL,
      0x1c3e5a7f9b2d4f63ULL, 0xf5a7c9e1b3d50629ULL, 0x83b5d7f9a1c3e4b1ULL, 0x2a4c6e8fb1d3f507ULL,
      0x9d1f3b5c7e9a2c4dULL};
  uint64_t acc = 0xd6e8feb86659fd93ULL ^ (words * 0x2545f4914f6cdd1dULL);
  std::size_t i = 0;
  for (; i + 1 < words; i += 2) acc += fold_multiply(s[i] ^ kSecret[i % 16], s[i + 1] ^ (kSecret[(i + 1) % 16] - i));
  if (i < words) acc += fold_multiply(s[i] ^ kSecret[(i + 3) % 16], kSecret[16] - i);
  acc ^= acc >> 31;
  acc *= 0x9fb21c651e98df25ULL;
  return acc ^ (acc >> 28);
}

// The same hash, with the loop unrolled for the common state sizes.
inline uint64_t hash_state(const StateWord* s, std::size_t words) {
  switch (words) {
    case 1: return hash_words(s, 1);
    case 2: return hash_words(s, 2);
    case 3: return hash_words(s, 3);
    case 4: return hash_words(s, 4);
    case 5: return hash_words(s, 5);
    case 6: return hash_words(s, 6);
    case 7: return hash_words(s, 7);
    case 8: return hash_words(s, 8);
    default: return hash_words(s, words);
  }
}

}  // namespace explorer
