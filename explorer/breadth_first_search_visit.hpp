// BreadthFirstSearch, part 3: visiting a successor (the table slot or the
// pending record it claims), handing out record blocks, and closing a level
// (ordering the new states by discovery key and numbering them, which is
// what makes every result independent of the thread count). Included by
// breadth_first_search.hpp only.
#pragma once

namespace explorer {

template <ExplorableModel M, std::size_t W>
template <StoreKind K>
typename BreadthFirstSearch<M, W>::Visit BreadthFirstSearch<M, W>::visit(Worker& w, uint64_t h, const StateWord* s,
                                                                         uint64_t key) {
  // Bitstate: the bits hold the earlier levels, the table only this one.
  if constexpr (K == StoreKind::Bitstate)
    if (store_.bitstate().contains(h)) return Visit::Old;
  VisitedTable& table = store_.table();
  bool written = false;
  for (std::size_t i = table.home(h);; i = table.next(i)) {
    uint64_t v = table.load(i);
    if (v == slot::kEmpty) {
      if (!written) {
        if (w.block_next == w.block_end) {
          const Visit why = take_block(w);
          if (why != Visit::New) return why;
        }
        next_->key_of(w.block_next).store(key, std::memory_order_relaxed);
        // The tree's h is the root: exact, and all a record needs.
        if constexpr (K == StoreKind::Tree) *next_->template state<1>(w.block_next) = h;
        else copy_state(next_->template state<W>(w.block_next), s, store_.template words_of<W>());
        written = true;
      }
      // Alone, a plain store does (no other thread can take the slot), and
      // costs a fraction of a locked compare-and-swap.
      const uint64_t mine = slot::pending(h, w.block_next);
      if (threads_ == 1 ? (table.store(i, mine), true) : table.claim(i, v, mine)) {
        ++w.block_next;
        w.filled.store(w.filled.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        return Visit::New;
      }
      // Another thread took the slot: v is what it wrote.
    }
    if (slot::is_pending(v)) {
      const uint32_t record = slot::payload(v);
      if (((v ^ h) & slot::kTagMask) == 0 && same_pending<K>(record, h, s)) {
        std::atomic_ref<uint64_t> k = next_->key_of(record);
        uint64_t old = k.load(std::memory_order_relaxed);
        while (key < old && !k.compare_exchange_weak(old, key, std::memory_order_relaxed)) {
        }
        return Visit::Pending;
      }
    } else if (store_.template matches<K, W>(v, h, s)) {
      return Visit::Old;
    }
  }
}

template <ExplorableModel M, std::size_t W>
typename BreadthFirstSearch<M, W>::Visit BreadthFirstSearch<M, W>::take_block(Worker& w) {
  constexpr uint64_t kBlock = LevelRecords::kBlock;
  const uint64_t occupied = occupancy_.fetch_add(kBlock, std::memory_order_relaxed) + kBlock;
  Visit why = Visit::New;
  uint32_t first = 0;
  if (occupied > store_.table().capacity()) {
    why = Visit::TableFull;
  } else if (occupied > store_.max_states() || !next_->take_block(first)) {
    monitor_->request_stop(StopReason::MaxMemory);
    why = Visit::NoRoom;
  }
  if (why != Visit::New) {
    occupancy_.fetch_sub(kBlock, std::memory_order_relaxed);
    return why;
  }
  w.block_next = first;
  w.block_end = first + LevelRecords::kBlock;
  return Visit::New;
}

template <ExplorableModel M, std::size_t W>
template <StoreKind K>
bool BreadthFirstSearch<M, W>::same_pending(uint32_t record, uint64_t h, const StateWord* s) const {
  if constexpr (K == StoreKind::Tree) return *next_->template state<1>(record) == h;
  const StateWord* other = next_->template state<W>(record);
  if (equal_states(other, s, store_.template words_of<W>())) return true;
  // With hash compaction, equal fingerprints are the same state.
  // (Wide: the tags agreed already, so the side hashes decide.)
  if constexpr (K == StoreKind::HashCompaction)
    return store_.wide_fingerprints() ? store_.template side_hash_of<W>(other) == store_.template side_hash_of<W>(s)
                                      : slot::fingerprint(store_.template hash<W>(other)) == slot::fingerprint(h);
  return false;
}

// Counts the frontier records at positions [first, last) as expanded, slab
// by slab, so that their memory goes back as soon as a slab is done.
template <ExplorableModel M, std::size_t W>
void BreadthFirstSearch<M, W>::release_expanded(uint64_t first, uint64_t last) {
  uint32_t run_record = frontier_order_[first];
  uint32_t run = 0;
  for (uint64_t p = first; p < last; ++p) {
    const uint32_t r = frontier_order_[p];
    if (r / LevelRecords::kSlab != run_record / LevelRecords::kSlab) {
      frontier_->expanded(run_record, run);
      run_record = r;
      run = 0;
    }
    ++run;
  }
  frontier_->expanded(run_record, run);
}

template <ExplorableModel M, std::size_t W>
void BreadthFirstSearch<M, W>::after_chunk(const Level& l) {
  uint64_t states = store_.size();
  for (const Worker& w : workers_) states += w.filled.load(std::memory_order_relaxed);
  const uint64_t bytes = current_bytes();
  monitor_->check(states, bytes);
  monitor_->maybe_report([&] {
    const uint64_t expanded = std::min(l.end - l.begin, l.next_chunk.load(std::memory_order_relaxed) * l.chunk);
    ProgressSnapshot p;
    p.states = states;
    p.transitions = transitions_so_far_.load(std::memory_order_relaxed);
    p.depth = l.depth;
    p.frontier = (l.end - l.begin - expanded) + next_->handed_out();
    p.bytes = bytes;
    return p;
  });
}

template <ExplorableModel M, std::size_t W>
template <StoreKind K>
uint64_t BreadthFirstSearch<M, W>::finalize_level(const Level& l) {
  for (Worker& w : workers_) {
    next_->mark_unused(w.block_next, w.block_end);
    w.block_next = w.block_end = 0;
    w.filled = 0;
  }
  const uint64_t records = next_->handed_out();
  const uint64_t frontier = l.end - l.begin;
  // Counting sort by parent position in buckets of 64 positions, then a
  // sort by key inside each bucket.
  constexpr unsigned kBucketShift = 6;
  const uint64_t buckets = (frontier >> kBucketShift) + 1;
  std::vector<std::atomic<uint32_t>> count(buckets);
  auto bucket_of = [&](uint64_t key) { return LevelRecords::parent_position(key) >> kBucketShift; };
  auto key_of = [&](uint32_t r) { return next_->key_of(r).load(std::memory_order_relaxed); };
  for_each_index(records, [&](uint64_t r) {
    const uint64_t key = key_of(static_cast<uint32_t>(r));
    if (key != LevelRecords::kUnused) count[bucket_of(key)].fetch_add(1, std::memory_order_relaxed);
  });
  std::vector<uint64_t> start(buckets + 1, 0);
  for (uint64_t b = 0; b < buckets; ++b) {
    start[b + 1] = start[b] + count[b].load(std::memory_order_relaxed);
    count[b].store(0, std::memory_order_relaxed);
  }
  const uint64_t found = start[buckets];
  next_order_.resize(found);
  for_each_index(records, [&](uint64_t r) {
    const uint64_t key = key_of(static_cast<uint32_t>(r));
    if (key == LevelRecords::kUnused) return;
    const uint64_t b = bucket_of(key);
    next_order_[start[b] + count[b].fetch_add(1, std::memory_order_relaxed)] = static_cast<uint32_t>(r);
  });
  // Records come in near key order (always, on one thread): sort only where not.
  for_each_index(buckets, [&](uint64_t b) {
    const auto first = next_order_.begin() + start[b], last = next_order_.begin() + start[b + 1];
    auto by_key = [&](uint32_t x, uint32_t y) { return key_of(x) < key_of(y); };
    if (!std::is_sorted(first, last, by_key)) std::sort(first, last, by_key);
  });
  // Number the new states in that order and store them.
  // Hashes are computed kAhead states early and their slots prefetched.
  VisitedTable& table = store_.table();
  // The bits say how likely this level was to lose a state, before it adds its own.
  if constexpr (K == StoreKind::Bitstate) store_.bitstate().note_level(found);
  for_each_range(found, [&](uint64_t begin, uint64_t end) {
    constexpr uint64_t kAhead = 16;
    uint64_t ahead[kAhead];
    auto hash_of = [&](uint64_t i) {
      const StateWord* s = next_->template state<record_words<K>()>(next_order_[i]);
      const uint64_t h = K == StoreKind::Tree ? *s : store_.template hash<W>(s);
      table.prefetch(h);
      return h;
    };
    for (uint64_t i = begin; i < std::min(end, begin + kAhead); ++i) ahead[i % kAhead] = hash_of(i);
    for (uint64_t i = begin; i < end; ++i) {
      const uint64_t h = ahead[i % kAhead];
      if (i + kAhead < end) ahead[i % kAhead] = hash_of(i + kAhead);
      const uint32_t r = next_order_[i];
      const uint64_t key = key_of(r);
      const StateId id = static_cast<StateId>(l.end + i);
      const StateId parent = static_cast<StateId>(l.begin + LevelRecords::parent_position(key));
      store_.template put<K, W>(id, K == StoreKind::Tree ? nullptr : next_->template state<W>(r), parent,
                                LevelRecords::action(key));
      if constexpr (K == StoreKind::Bitstate) store_.bitstate().insert(h);
      else table.store(table.locate(h, slot::pending(h, r)), store_.template stored_slot<K>(h, id));
    }
  });
  store_.commit(l.end + found);
  if constexpr (K == StoreKind::Bitstate) table.clear();  // the level's pending slots, now in the bits
  if constexpr (K != StoreKind::Table) {
    next_->start_countdown();
    for_each_index(found, [&](uint64_t i) { next_->to_expand(next_order_[i]); });
  }
  monitor_->note_bytes(current_bytes());
  occupancy_ = store_.table_entries();
  if constexpr (K == StoreKind::Table) {
    // The arena has the states now.
    next_->reuse();
    next_order_.clear();
  }
  return found;
}

}  // namespace explorer
