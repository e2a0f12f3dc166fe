// The distinct states a sampling search has seen: exactly, in an
// open-addressing table of whole states up to a memory bound, and always
// also as a HyperLogLog sketch (Flajolet et al. 2007), which estimates the
// count (about 1% error) once the table is full. Each state kept gets an id,
// its insertion rank, so later passes (the shortest path within the seen
// states) can index arrays by it.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "explorer/model_interface.hpp"
#include "explorer/state_hash.hpp"

namespace explorer {

class SeenStates {
 public:
  static constexpr uint32_t kAbsent = ~uint32_t{0};

  SeenStates(std::size_t words, uint64_t max_bytes) : words_(words), max_bytes_(max_bytes) { rehash(1024); }

  // Keeps `s` unless the table is full (then only the sketch counts it);
  // `force` keeps it past the bound (the few states of a counterexample).
  void insert(const StateWord* s, bool force = false) {
    const uint64_t h = hash_state(s, words_);
    sketch(h);
    if (find_hashed(s, h) != kAbsent) return;
    if (!force && full_) return;
    if ((ids_ + 1) * 2 > slots_.size()) {
      if (!force && bytes_for(slots_.size() * 2, ids_ + 1) > max_bytes_) {
        full_ = true;
        return;
      }
      rehash(slots_.size() * 2);
    } else if (!force && bytes_for(slots_.size(), ids_ + 1) > max_bytes_) {
      full_ = true;
      return;
    }
    states_.insert(states_.end(), s, s + words_);
    place(h, ids_++);
  }

  uint32_t find(const StateWord* s) const { return find_hashed(s, hash_state(s, words_)); }
  const StateWord* state(uint32_t id) const { return states_.data() + std::size_t(id) * words_; }
  uint32_t size() const { return ids_; }
  // True when every state offered was kept: size() is then the exact count.
  bool exact() const { return !full_; }
  uint64_t bytes() const { return bytes_for(slots_.size(), ids_); }

  // The HyperLogLog estimate of every distinct state offered.
  uint64_t estimate() const {
    double sum = 0;
    int zeros = 0;
    for (uint8_t r : registers_) {
      sum += std::ldexp(1.0, -r);
      zeros += r == 0;
    }
    const double m = kRegisters;
    double e = 0.7213 / (1 + 1.079 / m) * m * m / sum;
    if (e <= 2.5 * m && zeros > 0) e = m * std::log(m / zeros);  // small-range correction
    return static_cast<uint64_t>(std::llround(e));
  }

 private:
  static constexpr int kRegisterBits = 14;
  static constexpr std::size_t kRegisters = std::size_t{1} << kRegisterBits;

  struct Slot {
    uint32_t id;
    uint32_t tag;
  };

  uint64_t bytes_for(std::size_t slots, uint64_t states) const {
    return slots * sizeof(Slot) + states * words_ * sizeof(StateWord);
  }

  void sketch(uint64_t h) {
    // A second mix so the sketch's bits are independent of the table's.
    const uint64_t x = mix64(h ^ 0x6a09e667f3bcc909ULL);
    const std::size_t r = x >> (64 - kRegisterBits);
    const uint64_t rest = (x << kRegisterBits) | (uint64_t{1} << (kRegisterBits - 1));
    const uint8_t rank = static_cast<uint8_t>(__builtin_clzll(rest) + 1);
    registers_[r] = std::max(registers_[r], rank);
  }

  uint32_t find_hashed(const StateWord* s, uint64_t h) const {
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == kAbsent) return kAbsent;
      if (slot.tag == static_cast<uint32_t>(h >> 32) && std::equal(s, s + words_, state(slot.id))) return slot.id;
    }
  }

  void place(uint64_t h, uint32_t id) {
    std::size_t i = h & mask_;
    while (slots_[i].id != kAbsent) i = (i + 1) & mask_;
    slots_[i] = {id, static_cast<uint32_t>(h >> 32)};
  }

  void rehash(std::size_t size) {
    slots_.assign(size, Slot{kAbsent, 0});
    mask_ = size - 1;
    for (uint32_t id = 0; id < ids_; ++id) place(hash_state(state(id), words_), id);
  }

  std::size_t words_;
  uint64_t max_bytes_;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::vector<StateWord> states_;
  uint32_t ids_ = 0;
  bool full_ = false;
  std::array<uint8_t, kRegisters> registers_{};
};

}  // namespace explorer
