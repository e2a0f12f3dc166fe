// Bitstate hashing (Holzmann's supertrace): a state is "visited" when its k
// bits in an array of m bits are all set. k bit positions come from one
// 64-bit hash by double hashing, h1 + i*h2 (Dillinger and Manolios, FMCAD
// 2004). A new state whose k bits happen to be set already is taken for a
// visited one and lost, with all it alone leads to: a bitstate search is
// never a proof. The fill (the fraction of bits set) says how likely that
// was; see omission estimate in the search result. A nonzero salt remixes
// the state hash first, so each salt gives another family of k functions
// (swarm jobs lose different states); salt 0 is the plain hash.
#pragma once

#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "explorer/reserved_memory.hpp"
#include "explorer/state_hash.hpp"

namespace explorer {

class BitstateSet {
 public:
  BitstateSet(uint64_t bits, int hashes, uint64_t salt = 0)
      : bits_(bits), hashes_(hashes), salt_(salt), memory_((bits + 63) / 64 * 8, true),
        words_(reinterpret_cast<std::atomic<uint64_t>*>(memory_.data())) {
    if (bits < 64) throw std::invalid_argument("bitstate: fewer than 64 bits");
    if (hashes < 1 || hashes > 16) throw std::invalid_argument("bitstate: 1 to 16 hash functions");
    if (memory_.capacity() < (bits + 63) / 64 * 8) throw std::length_error("bitstate: cannot reserve the bit array");
  }

  uint64_t bits() const { return bits_; }
  int hashes() const { return hashes_; }
  uint64_t salt() const { return salt_; }
  uint64_t bytes() const { return (bits_ + 7) / 8; }
  uint64_t set_bits() const { return set_.load(std::memory_order_relaxed); }
  double fill() const { return static_cast<double>(set_bits()) / static_cast<double>(bits_); }

  // Whether all k bits of hash h are set.
  bool contains(uint64_t h) const {
    uint64_t h1, h2;
    split(h, h1, h2);
    for (int i = 0; i < hashes_; ++i, h1 += h2) {
      const uint64_t b = position(h1);
      if (!(words_[b / 64].load(std::memory_order_relaxed) >> (b % 64) & 1)) return false;
    }
    return true;
  }
  // Sets the k bits of h; true when one of them was clear (h was new).
  bool insert(uint64_t h) {
    uint64_t h1, h2;
    split(h, h1, h2);
    uint64_t newly = 0;
    for (int i = 0; i < hashes_; ++i, h1 += h2) {
      const uint64_t b = position(h1), bit = uint64_t{1} << (b % 64);
      newly += !(words_[b / 64].fetch_or(bit, std::memory_order_relaxed) & bit);
    }
    if (newly) set_.fetch_add(newly, std::memory_order_relaxed);
    return newly != 0;
  }
  void prefetch(uint64_t h) const {
    uint64_t h1, h2;
    split(h, h1, h2);
    __builtin_prefetch(&words_[position(h1) / 64]);
  }

  // A level of `found` new states was added at the current fill: each new
  // state the level met was lost with probability f^k, so about
  // found * p / (1 - p) were lost (their own loss only: what they alone
  // lead to is lost too, which no estimate can count).
  void note_level(uint64_t found) {
    const double p = std::pow(fill(), hashes_);
    if (p < 1) expected_missed_ += static_cast<double>(found) * p / (1 - p);
    else expected_missed_ = INFINITY;
  }
  double expected_missed() const { return expected_missed_; }

 private:
  void split(uint64_t h, uint64_t& h1, uint64_t& h2) const {
    if (salt_) h = mix64(h ^ salt_);
    h1 = h;
    h2 = mix64(h ^ 0x6a09e667f3bcc909ULL) | 1;  // odd: the k positions differ
  }
  // h mapped onto [0, bits) without a division (Lemire's multiply-shift).
  uint64_t position(uint64_t h) const {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(h) * bits_) >> 64);
  }

  uint64_t bits_;
  int hashes_;
  uint64_t salt_;
  ReservedMemory memory_;
  std::atomic<uint64_t>* words_;
  std::atomic<uint64_t> set_{0};
  double expected_missed_ = 0;
};

}  // namespace explorer
