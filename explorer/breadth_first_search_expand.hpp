// BreadthFirstSearch, part 2: expanding one level (the threads' chunks, the
// software pipeline over a chunk's states, and undoing the coverage of a
// chunk that must be redone). Included by breadth_first_search.hpp only; a
// file of its own so that each part of the engine can be read in one sitting.
#pragma once

namespace explorer {

template <ExplorableModel M, std::size_t W>
template <StoreKind K>
void BreadthFirstSearch<M, W>::expand_level(Level& l) {
  const uint64_t size = l.end - l.begin;
  l.chunk = std::clamp<uint64_t>(size / (uint64_t(threads_) * 16), 16, 256);
  l.chunks = (size + l.chunk - 1) / l.chunk;
  l.next_chunk = 0;
  l.redo.clear();
  for (;;) {
    l.next_redo = 0;
    l.pause = false;
    on_all_threads([&](Worker& w) { work<K>(w, l); });
    l.redo.clear();
    for (Worker& w : workers_) {
      l.redo.insert(l.redo.end(), w.aborted.begin(), w.aborted.end());
      w.aborted.clear();
    }
    std::sort(l.redo.begin(), l.redo.end());
    if (monitor_->stopping() || !l.pause) return;
    // Redone chunks come before chunks a thread has done: its discovery
    // keys no longer grow, which RecentStates relies on.
    for (Worker& w : workers_)
      if (w.recent) w.recent->clear();
    // The table (or an index of the tree) is full: grow it while every
    // thread waits.
    bool tree_full = false;
    if constexpr (K == StoreKind::Tree) tree_full = store_.tree().full();
    const uint64_t bytes = current_bytes(), extra = tree_full ? store_.tree().bytes() : store_.table().grown_bytes();
    if (!monitor_->may_grow(bytes, extra)) {
      monitor_->request_stop(StopReason::MaxMemory);
      return;
    }
    monitor_->note_bytes(bytes + extra);
    try {
      auto pieces = [&](std::size_t pieces, auto&& move) { for_each_range(pieces, move, 1); };
      if constexpr (K == StoreKind::Tree)
        if (tree_full) {
          store_.tree().grow(pieces);
          continue;
        }
      store_.table().grow(pieces);
    } catch (const std::length_error&) {  // at its largest, or no memory to reserve
      monitor_->request_stop(StopReason::MaxMemory);
      return;
    }
  }
}

template <ExplorableModel M, std::size_t W>
template <StoreKind K>
void BreadthFirstSearch<M, W>::work(Worker& w, Level& l) {
  while (!l.pause.load(std::memory_order_relaxed) && !monitor_->stopping()) {
    uint64_t chunk;
    const uint64_t redo = l.next_redo.fetch_add(1, std::memory_order_relaxed);
    if (redo < l.redo.size()) {
      chunk = l.redo[redo];
    } else {
      chunk = l.next_chunk.fetch_add(1, std::memory_order_relaxed);
      if (chunk >= l.chunks) return;
    }
    // Allocated on first use: more threads asked for than cores run cost nothing.
    if (!w.recent) w.recent.emplace(store_.words());
    if (!expand_chunk<K>(w, l, chunk)) {
      w.aborted.push_back(chunk);
      return;
    }
    after_chunk(l);
  }
}

// Expands the frontier states of one chunk. A software pipeline hides the
// memory latency of the lookups: while state p is expanded, its successors
// are hashed and their entries in the recent-states cache fetched; the
// successors of state p-1 are checked against that cache, and the table
// slots of those that are no repeat fetched; for those of state p-3 the
// stored states their slots point to are fetched; and those of state p-4,
// whose memory has had an expansion or more to arrive at each step, are
// looked up. False when the chunk must be redone (the table must grow
// first) or abandoned (no room left).
template <ExplorableModel M, std::size_t W>
template <StoreKind K>
bool BreadthFirstSearch<M, W>::expand_chunk(Worker& w, Level& l, uint64_t chunk) {
  const std::size_t words = store_.template words_of<W>();
  const uint64_t first = chunk * l.chunk, last = std::min(l.end - l.begin, first + l.chunk);
  uint64_t transitions = 0, terminal = 0;
  LabelTally tally;
  VisitedTable& table = store_.table();
  const unsigned tree_depth = K == StoreKind::Tree ? store_.tree().depth() : 0;
  for (uint64_t p = first; p < last + kVisitLag; ++p) {
    // The tree's frontier records are roots: the entries that unfold the
    // states of the next few positions are fetched a depth at a time.
    if constexpr (K == StoreKind::Tree)
      for (unsigned d = 0; d < tree_depth; ++d)
        if (p + tree_depth - d < last)
          store_.tree().prefetch(*frontier_->template state<1>(frontier_order_[p + tree_depth - d]), d);
    if (p < last) {
      Successors& b = w.successors[p % kPipeline];
      b.position = p;
      b.count = 0;
      const LabelMask bad = model_.expand(frontier_state<K>(w, l, p), [&](ActionId a, const StateWord* next) {
        // The size again, not the captured `words`: the model's successor
        // function is not inlined here, and a captured size is no constant.
        const std::size_t n = store_.template words_of<W>();
        if ((b.count + 1) * n > b.states.size()) b.grow(n);
        copy_state(&b.states[b.count * n], next, n);
        b.actions[b.count++] = a;
      });
      if (b.count > 0xFFFF) throw std::runtime_error("model error: a state with more than 65535 successors");
      transitions += b.count;
      terminal += b.count == 0;
      w.coverage.count(b.actions.data(), b.count);
      if (bad) tally.add(bad, static_cast<StateId>(l.begin + p));
      for (std::size_t i = 0; i < b.count; ++i) {
        b.hashes[i] = store_.template hash<W>(&b.states[i * words]);
        w.recent->prefetch(b.hashes[i]);
      }
    }
    // A repeat of a recent successor is done with (hash 0 marks it). The
    // cache is consulted in the order of the discovery keys, as it must be.
    if (p >= first + kCheckLag && p - kCheckLag < last) {
      Successors& b = w.successors[(p - kCheckLag) % kPipeline];
      for (std::size_t i = 0; i < b.count; ++i) {
        const uint64_t h = b.hashes[i];
        const bool repeat = w.recent->template seen_or_record<W>(h, &b.states[i * words]);
        b.hashes[i] = repeat ? 0 : h;
        if (repeat) continue;
        if constexpr (K == StoreKind::Bitstate) store_.bitstate().prefetch(h);
        if constexpr (K != StoreKind::Tree) table.prefetch(h);
      }
    }
    // The tree's table hash is the state's root, known once its leaves
    // and nodes are found (or added).
    if (K == StoreKind::Tree && p >= first + kSlotLag && p - kSlotLag < last) {
      Successors& b = w.successors[(p - kSlotLag) % kPipeline];
      for (std::size_t i = 0; i < b.count; ++i) {
        if (b.hashes[i] == 0) continue;
        const uint64_t root = store_.tree().template fold<W>(&b.states[i * words]);
        if (root == 0) {  // an index must grow first, or the tree is at its largest
          if (store_.tree().exhausted()) monitor_->request_stop(StopReason::MaxMemory);
          else l.pause = true;
          w.recent->clear();
          // Redone: or the coverage would depend on when the tree grows.
          uncount_coverage<K>(w, l, first, std::min(last, p + 1));
          return false;
        }
        b.hashes[i] = root;
        table.prefetch(root);
      }
    }
    if (K == StoreKind::Table && p >= first + kSlotLag && p - kSlotLag < last) {
      const Successors& b = w.successors[(p - kSlotLag) % kPipeline];
      for (std::size_t i = 0; i < b.count; ++i) {
        const uint64_t h = b.hashes[i];
        if (h == 0) continue;
        std::size_t at = table.home(h);
        for (int probe = 0; probe < 8; ++probe, at = table.next(at)) {
          const uint64_t v = table.load(at);
          if (v == slot::kEmpty) break;
          if (((v ^ h) & slot::kTagMask) != 0) continue;
          if (slot::is_pending(v))
            __builtin_prefetch(next_->template state<W>(slot::payload(v)));
          else
            store_.template prefetch_state<W>(slot::payload(v));
          break;
        }
      }
    }
    if (p >= first + kVisitLag) {
      const Successors& b = w.successors[(p - kVisitLag) % kPipeline];
      for (std::size_t i = 0; i < b.count; ++i) {
        if (b.hashes[i] == 0) continue;
        const uint64_t key = LevelRecords::key(b.position, i, b.actions[i]);
        const Visit v = visit<K>(w, b.hashes[i], &b.states[i * words], key);
        if (v == Visit::TableFull) l.pause = true;
        if (v == Visit::TableFull || v == Visit::NoRoom) {
          w.recent->clear();  // it named states this chunk will not visit now
          uncount_coverage<K>(w, l, first, std::min(last, p + 1));
          return false;
        }
      }
    }
  }
  w.transitions += transitions;
  w.terminal += terminal;
  w.tally.merge(tally);
  // With checkpoints the frontier stays until the level is numbered, so
  // that a signal can still write the boundary's cut.
  if (K != StoreKind::Table && l.depth > 0 && !options_.checkpoint) release_expanded(first, last);
  transitions_so_far_.fetch_add(transitions, std::memory_order_relaxed);
  return true;
}

// Takes back the coverage counted for the frontier states at positions
// [first, last) of a chunk that will be redone: they are expanded again (a
// rare path, taken when the table grows or the memory runs out).
template <ExplorableModel M, std::size_t W>
template <StoreKind K>
void BreadthFirstSearch<M, W>::uncount_coverage(Worker& w, const Level& l, uint64_t first, uint64_t last) {
  if (options_.action_groups.empty()) return;
  std::vector<ActionId> actions;
  for (uint64_t p = first; p < last; ++p) {
    actions.clear();
    model_.expand(frontier_state<K>(w, l, p), [&](ActionId a, const StateWord*) { actions.push_back(a); });
    w.coverage.count(actions.data(), actions.size(), -1);
  }
}


}  // namespace explorer
