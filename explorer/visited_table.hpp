// The visited set's index: open addressing over an array of 64-bit slots
// with linear probing, insert by compare-and-swap on the slot
// (Laarman, van de Pol, Weber, FMCAD 2010), so any number of threads insert
// and look up at once without locks.
//
// A slot is 0 (empty) or [tag:31][pending:1][payload:32]. The tag is the top
// 31 bits of the state's hash, never 0: it picks the home slot and rejects
// most other states without touching them. Pending slots belong to states
// found in the BFS level now being expanded; their payload indexes the
// level's record buffer until the level ends and they get their ids. Stored
// slots hold the state id (exact mode) or the low 32 bits of the hash, which
// makes the whole slot a 63-bit fingerprint (hash compaction).
#pragma once

#include <atomic>
#include <cstddef>
#include <algorithm>
#include <bit>
#include <cstdint>

#include "explorer/reserved_memory.hpp"

namespace explorer {

namespace slot {
inline constexpr uint64_t kEmpty = 0;
inline constexpr uint64_t kTagMask = ~uint64_t{0} << 33;
inline constexpr uint64_t kPending = uint64_t{1} << 32;
inline constexpr uint64_t kPayload = 0xFFFFFFFFull;

// The hash as the table uses it: its tag must not be 0.
inline uint64_t normalise(uint64_t h) { return (h & kTagMask) ? h : h | (uint64_t{1} << 33); }
inline uint64_t pending(uint64_t h, uint32_t record) { return (h & kTagMask) | kPending | record; }
inline uint64_t stored_id(uint64_t h, uint32_t id) { return (h & kTagMask) | id; }
inline uint64_t fingerprint(uint64_t h) { return h & ~kPending; }
inline bool is_pending(uint64_t v) { return (v & kPending) != 0; }
inline uint32_t payload(uint64_t v) { return static_cast<uint32_t>(v & kPayload); }
}  // namespace slot

class VisitedTable {
 public:
  // Largest table: the tag supplies the home index.
  static constexpr std::size_t kMaxSlots = std::size_t{1} << 31;
  // Most slots in use, as a fraction of all, before the table grows. A
  // state found in the current level is looked up as far as its slot, at
  // the end of the run of slots it joined, and such lookups are almost half
  // of all: at 0.75 runs are short enough. Hash compaction fills its table
  // to 0.9, which keeps it near 9 bytes of table per state.
  static constexpr double kFastLoad = 0.75;
  static constexpr double kDenseLoad = 0.9;

  explicit VisitedTable(double max_load = kFastLoad, unsigned log2_slots = 16);

  std::size_t slots() const { return slots_count_; }
  uint64_t bytes() const { return slots() * sizeof(uint64_t); }
  // The bytes of the table grow() makes (both are resident while it moves).
  uint64_t grown_bytes() const { return next_size(slots_count_) * sizeof(uint64_t); }
  // The number of entries the table may hold before it must grow.
  uint64_t capacity() const { return static_cast<uint64_t>(max_load_ * static_cast<double>(slots())); }

  // The tag scaled to the table (Lemire's multiply-shift): the same slot as
  // h's top log2(slots) bits at a power of two, and in order at any size,
  // so a state's home moves in proportion when the table grows.
  std::size_t home(uint64_t h) const { return static_cast<std::size_t>(((h >> 33) * slots_count_) >> 31); }
  std::size_t next(std::size_t i) const { return i + 1 == slots_count_ ? 0 : i + 1; }
  uint64_t load(std::size_t i) const { return slots_[i].load(std::memory_order_acquire); }
  void store(std::size_t i, uint64_t v) { slots_[i].store(v, std::memory_order_release); }
  bool claim(std::size_t i, uint64_t& expected, uint64_t v) {
    return slots_[i].compare_exchange_strong(expected, v, std::memory_order_release, std::memory_order_acquire);
  }
  void prefetch(uint64_t h) const { __builtin_prefetch(&slots_[home(h)]); }
  // Empties every slot (the pages go back to the system and read as zero).
  void clear() { memory_.release_all(); }

  // Finds the slot holding exactly `v` (a pending slot, say), starting at h's home.
  std::size_t locate(uint64_t h, uint64_t v) const {
    std::size_t i = home(h);
    while (load(i) != v) i = next(i);
    return i;
  }

  // Moves every entry into a table 1.5 times as large (from 2^k slots) or
  // 4/3 (from 1.5 x 2^k): by steps smaller than doubling the table is on
  // average fuller (0.6 to 0.9 full for hash compaction, not 0.45 to 0.9),
  // and a run of 10^9 states needs 12 GiB of slots, not 16; each entry is
  // moved about 3.4 times instead of 2. No other use of the table
  // meanwhile. for_pieces(n, fn) calls fn(first, last) over pieces of
  // [0, n), on any number of threads at once. An entry's home in the bigger
  // table is its old home times the growth, so each piece of the old array
  // fills a region of the new one in order, and is handed back once moved:
  // the resident memory barely exceeds the new table.
  template <class ForPieces>
  void grow(ForPieces&& for_pieces) {
    VisitedTable next = bigger();
    for_pieces((slots() + kPieceSlots - 1) / kPieceSlots, [&](std::size_t first, std::size_t last) {
      for (std::size_t p = first; p < last; ++p) move_piece(next, p);
    });
    *this = std::move(next);
  }
  void grow() {
    grow([](std::size_t n, auto&& fn) { fn(std::size_t{0}, n); });
  }

 private:
  static constexpr std::size_t kPieceSlots = std::size_t{1} << 18;  // 2 MiB, a huge page
  // 2^k -> 3 x 2^(k-1) -> 2^(k+1): every size is 2^k or 1.5 x 2^k.
  static std::size_t next_size(std::size_t n) { return std::has_single_bit(n) ? n + n / 2 : n / 3 * 4; }
  VisitedTable(double max_load, std::size_t slots, int);
  VisitedTable bigger() const;
  void move_piece(VisitedTable& bigger, std::size_t piece);

  ReservedMemory memory_;
  std::atomic<uint64_t>* slots_ = nullptr;
  std::size_t slots_count_ = 0;
  double max_load_ = kFastLoad;
};

}  // namespace explorer
