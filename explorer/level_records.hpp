// The states found while one BFS level is expanded, before they get ids:
// fixed-size records [discovery key][state words] in reserved memory, handed
// out to threads in blocks so that a new state costs no allocation and no
// shared counter. The key is the smallest (parent position, successor
// ordinal, action) that reached the state; ordering the records by key
// gives exactly the order in which a sequential BFS discovers them.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <vector>

#include "explorer/model_interface.hpp"
#include "explorer/reserved_memory.hpp"

namespace explorer {

class LevelRecords {
 public:
  static constexpr uint32_t kBlock = 64;                   // records per hand-out
  static constexpr uint64_t kUnused = ~uint64_t{0};        // key of a record never filled
  static constexpr uint64_t kMaxRecords = uint64_t{1} << 32;

  static uint64_t key(uint64_t parent_position, uint64_t ordinal, ActionId action) {
    return parent_position << 32 | ordinal << 16 | action;
  }
  static uint64_t parent_position(uint64_t key) { return key >> 32; }
  static ActionId action(uint64_t key) { return static_cast<ActionId>(key & 0xFFFF); }

  // `huge_pages` spares page faults (costly under virtualisation) where the
  // records are dropped all at once; the frontier of hash compaction is
  // handed back slab by slab and wants small pages.
  LevelRecords(std::size_t words, std::size_t max_bytes, bool huge_pages)
      : words_(words),
        stride_(words + 1),
        memory_(std::min<std::size_t>(max_bytes, kMaxRecords * (words + 1) * sizeof(StateWord)), huge_pages),
        base_(reinterpret_cast<StateWord*>(memory_.data())),
        max_records_(memory_.capacity() / (stride_ * sizeof(StateWord)) / kBlock * kBlock) {}

  std::size_t words() const { return words_; }
  std::atomic_ref<uint64_t> key_of(uint32_t r) const { return std::atomic_ref<uint64_t>(base_[r * stride_]); }
  // W: the state size when known at compile time (0: the run-time size).
  template <std::size_t W = 0>
  StateWord* state(uint32_t r) const { return base_ + std::size_t(r) * (W ? W + 1 : stride_) + 1; }

  // The first record of a fresh block of kBlock, or false when the
  // reservation is exhausted.
  bool take_block(uint32_t& first) {
    const uint64_t at = handed_out_.fetch_add(kBlock, std::memory_order_relaxed);
    if (at + kBlock > max_records_) {
      handed_out_.fetch_sub(kBlock, std::memory_order_relaxed);
      return false;
    }
    first = static_cast<uint32_t>(at);
    return true;
  }
  uint64_t handed_out() const { return handed_out_.load(std::memory_order_relaxed); }
  // Marks records a thread took but never filled.
  void mark_unused(uint32_t from, uint32_t to) {
    for (uint32_t r = from; r < to; ++r) base_[std::size_t(r) * stride_] = kUnused;
  }
  uint64_t bytes() const {
    return (handed_out() - released_.load(std::memory_order_relaxed)) * stride_ * sizeof(StateWord);
  }

  // Once the records are the frontier, each slab of kSlab records is handed
  // back as soon as all its states are expanded: the frontier shrinks while
  // the next level grows. (Records are in near key order, so slabs empty
  // one after the other.) to_expand(r) counts record r in, before the level.
  static constexpr uint32_t kSlab = 4096;
  void start_countdown() {
    countdown_ = std::vector<std::atomic<uint32_t>>((handed_out() + kSlab - 1) / kSlab);
  }
  void to_expand(uint32_t r) { countdown_[r / kSlab].fetch_add(1, std::memory_order_relaxed); }
  // n states of record r's slab are expanded.
  void expanded(uint32_t r, uint32_t n) {
    const uint32_t slab = r / kSlab;
    if (countdown_[slab].fetch_sub(n, std::memory_order_acq_rel) != n) return;
    const std::size_t slab_bytes = std::size_t{kSlab} * stride_ * sizeof(StateWord);
    memory_.release(slab * slab_bytes, (slab + 1) * slab_bytes);
    released_.fetch_add(kSlab, std::memory_order_relaxed);
  }

  // Forgets every record and hands their memory back.
  void clear() { forget(0); }
  // Forgets every record but keeps the memory this level used for the next
  // one (only what lies beyond goes back): refilling fresh pages costs the
  // kernel a page clear each, and levels grow and shrink gradually.
  void reuse() { forget(handed_out() * stride_ * sizeof(StateWord)); }


 private:
  std::size_t words_;
  std::size_t stride_;  // words per record
  ReservedMemory memory_;
  StateWord* base_;
  uint64_t max_records_;
  // Keeps [0, keep) and hands the rest of what was touched back, up to the
  // end of the last huge page (the kernel filled all of it).
  void forget(std::size_t keep) {
    constexpr std::size_t kHugePage = std::size_t{2} << 20;
    const std::size_t used = handed_out() * stride_ * sizeof(StateWord);
    auto huge_pages_of = [&](std::size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; };
    touched_ = std::max(touched_, used);
    keep = keep ? huge_pages_of(keep) : 0;  // whole huge pages, or the kernel splits them
    if (keep < touched_) memory_.release(keep, huge_pages_of(touched_));
    touched_ = keep;
    handed_out_.store(0, std::memory_order_relaxed);
    released_.store(0, std::memory_order_relaxed);
    countdown_.clear();
  }

  std::atomic<uint64_t> handed_out_{0};
  std::atomic<uint64_t> released_{0};
  std::size_t touched_ = 0;  // bytes possibly resident
  std::vector<std::atomic<uint32_t>> countdown_;  // per slab: states not yet expanded
};

}  // namespace explorer
