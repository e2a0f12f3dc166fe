// Tree compression of states (Laarman, van de Pol, Weber, "Parallel
// recursive state compression for free", SPIN 2011): a state of W words is
// cut into ceil(W/2) leaves, pairs of words kept once each however many
// states share them; leaves are paired into nodes (pairs of 32-bit ids),
// nodes into nodes, halving the sequence each time (an odd one leaves its
// extra leaf to the right), up to the root pair.
// States that differ in a few words share most of their tree, so a state
// costs its root (8 bytes in the visited table) and what few nodes and
// leaves are new with it. Lossless: unfold() gives the state back.
//
// The root pair (left id: 31 bits, right id: 32 bits) is stored as a
// 63-bit bijective mix of itself with a 0 inserted at bit 32, so that it
// has the visited table's slot form (no pending bit, a well-spread tag that
// picks its home): the slot is both the state's exact identity and its hash.
#pragma once

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "explorer/pair_index.hpp"
#include "explorer/state_hash.hpp"

namespace explorer {

namespace tree_root {
inline constexpr uint64_t kMask63 = (uint64_t{1} << 63) - 1;
inline constexpr uint64_t kMul1 = 0x5851f42d4c957f2dULL, kMul2 = 0x14057b7ef767814fULL;
constexpr uint64_t inverse(uint64_t a) {  // of an odd a, modulo 2^64 (Newton)
  uint64_t x = a;
  for (int i = 0; i < 6; ++i) x *= 2 - a * x;
  return x;
}
inline uint64_t unshift(uint64_t y, unsigned s) {  // inverse of y = x ^ (x >> s) on 63 bits
  uint64_t x = y;
  for (unsigned k = s; k < 63; k += s) x = y ^ (x >> s);
  return x;
}
inline uint64_t mix63(uint64_t x) {
  x ^= x >> 31;
  x = (x * kMul1) & kMask63;
  x ^= x >> 29;
  x = (x * kMul2) & kMask63;
  return x ^ (x >> 32);
}
inline uint64_t unmix63(uint64_t x) {
  x = unshift(x, 32);
  x = (x * inverse(kMul2)) & kMask63;
  x = unshift(x, 29);
  x = (x * inverse(kMul1)) & kMask63;
  return unshift(x, 31);
}
// (left, right) -> slot value, and back.
inline uint64_t encode(uint32_t left, uint32_t right) {
  const uint64_t x = mix63(uint64_t{left} << 32 | right);
  return (x >> 32) << 33 | (x & 0xFFFFFFFFu);
}
inline void decode(uint64_t v, uint32_t& left, uint32_t& right) {
  const uint64_t x = unmix63((v >> 33) << 32 | (v & 0xFFFFFFFFu));
  left = static_cast<uint32_t>(x >> 32);
  right = static_cast<uint32_t>(x);
}
}  // namespace tree_root

class StateTree {
 public:
  static constexpr std::size_t kMaxLeaves = 32;

  explicit StateTree(std::size_t words) : words_(words), leaves_count_((words + 1) / 2) {
    if (leaves_count_ > kMaxLeaves) throw std::logic_error("tree store: states of more than 64 words");
  }

  // The root slot value of state s, adding its new leaves and nodes; 0 when
  // an index must grow first (full()) or no id is left (exhausted()).
  // W: the state size when known at compile time (0: the run-time size).
  template <std::size_t W = 0>
  uint64_t fold(const StateWord* s) {
    const std::size_t words = W ? W : words_, n = (words + 1) / 2;
    uint32_t ids[kMaxLeaves];
    for (std::size_t i = 0; i < n; ++i) {
      const StateWord pair[2] = {s[2 * i], 2 * i + 1 < words ? s[2 * i + 1] : 0};
      ids[i] = leaves_.add(pair, leaf_hash(pair));
      if (ids[i] == 0) return 0;
    }
    if (n == 1) return tree_root::encode(ids[0], 0);
    const std::size_t mid = split(0, n);
    const uint32_t left = combine(ids, 0, mid), right = left ? combine(ids, mid, n) : 0;
    return right ? tree_root::encode(left, right) : 0;
  }

  // Writes the state whose root slot value is v.
  void unfold(uint64_t v, StateWord* out) const {
    uint32_t left, right;
    tree_root::decode(v, left, right);
    const std::size_t n = leaves_count_;
    if (n == 1) return unfold_leaf(left, 0, out);
    const std::size_t mid = split(0, n);
    unfold_range(left, 0, mid, out);
    unfold_range(right, mid, n, out);
  }

  // Prefetches the entries unfold(v) reads `depth` steps below the root
  // (depth 0: the root's two children), reading the ones above, which an
  // earlier call at depth - 1 should have brought in. The engine calls it at
  // rising depths for states one step nearer each time, so that an unfold
  // finds its entries in the cache.
  void prefetch(uint64_t v, unsigned depth) const {
    uint32_t left, right;
    tree_root::decode(v, left, right);
    const std::size_t n = leaves_count_;
    if (n == 1) {
      if (depth == 0) __builtin_prefetch(leaves_.entry(left));
      return;
    }
    const std::size_t mid = split(0, n);
    prefetch_range(left, 0, mid, depth);
    prefetch_range(right, mid, n, depth);
  }
  // The levels of entries below the root (1 up to 4 words, 2 up to 8, 3 up to 16).
  unsigned depth() const {
    unsigned d = 0;
    for (std::size_t n = leaves_count_; n > 1; n = n - n / 2) ++d;
    return std::max(d, 1u);
  }

  bool full() const { return leaves_.full() || nodes_.full(); }
  bool exhausted() const { return leaves_.exhausted() || nodes_.exhausted(); }
  template <class ForPieces>
  void grow(ForPieces&& for_pieces) {
    if (leaves_.full()) leaves_.grow(for_pieces);
    if (nodes_.full()) nodes_.grow(for_pieces);
  }
  uint64_t bytes() const { return leaves_.bytes() + nodes_.bytes(); }
  uint64_t leaves() const { return leaves_.size() - 1; }
  uint64_t nodes() const { return nodes_.size() - 1; }

 private:
  static uint64_t leaf_hash(const StateWord* p) {
    return mix64(fold_multiply(p[0] ^ 0x9e3779b97f4a7c15ULL, p[1] ^ 0xc2b2ae3d27d4eb4fULL));
  }
  static uint64_t node_hash(StateWord v) { return mix64(v * 0xff51afd7ed558ccdULL + 0x165667b19e3779f9ULL); }

  // Where the leaves [lo, hi) are cut into a left and a right subtree: an
  // odd count puts the extra leaf on the right. A node is stored once per
  // distinct value of its words, and the last words tend to change least
  // (LgrModel packs the cluster's budgets and the first guest first): on scaling.json's
  // 5-word states the 4-word prefix has 10.5 million values for 13.5 million
  // states, the 3-word suffix 163 thousand, so ((l0,l1),l2) kept a node per
  // state where (l0,(l1,l2)) keeps one per 80 (bench/RESULTS-stores.md).
  static std::size_t split(std::size_t lo, std::size_t hi) { return lo + (hi - lo) / 2; }

  // The id of the subtree over leaves [lo, hi) (a leaf id when one leaf).
  uint32_t combine(const uint32_t* ids, std::size_t lo, std::size_t hi) {
    if (hi - lo == 1) return ids[lo];
    const std::size_t mid = split(lo, hi);
    const uint32_t a = combine(ids, lo, mid);
    if (a == 0) return 0;
    const uint32_t b = combine(ids, mid, hi);
    if (b == 0) return 0;
    const StateWord pair = StateWord{a} << 32 | b;
    return nodes_.add(&pair, node_hash(pair));
  }
  void prefetch_range(uint32_t id, std::size_t lo, std::size_t hi, unsigned depth) const {
    if (depth == 0) return __builtin_prefetch(hi - lo == 1 ? leaves_.entry(id) : nodes_.entry(id));
    if (hi - lo == 1) return;
    const StateWord pair = *nodes_.entry(id);
    const std::size_t mid = split(lo, hi);
    prefetch_range(static_cast<uint32_t>(pair >> 32), lo, mid, depth - 1);
    prefetch_range(static_cast<uint32_t>(pair), mid, hi, depth - 1);
  }
  void unfold_leaf(uint32_t id, std::size_t leaf, StateWord* out) const {
    const StateWord* p = leaves_.entry(id);
    out[2 * leaf] = p[0];
    if (2 * leaf + 1 < words_) out[2 * leaf + 1] = p[1];
  }
  void unfold_range(uint32_t id, std::size_t lo, std::size_t hi, StateWord* out) const {
    if (hi - lo == 1) return unfold_leaf(id, lo, out);
    const StateWord pair = *nodes_.entry(id);
    const std::size_t mid = split(lo, hi);
    unfold_range(static_cast<uint32_t>(pair >> 32), lo, mid, out);
    unfold_range(static_cast<uint32_t>(pair), mid, hi, out);
  }

  std::size_t words_, leaves_count_;
  PairIndex<2> leaves_;
  PairIndex<1> nodes_;
};

}  // namespace explorer
