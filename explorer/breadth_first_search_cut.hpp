// BreadthFirstSearch, part 4: checkpoints. At a level boundary every stored
// state has its id, parent and action and no slot of the table is pending,
// so the store plus the next level's id range is a consistent cut
// (explorer/level_cut.hpp). Resuming puts the states back under the same
// ids and rebuilds the table by inserting each again (one hash and one
// probe per state); the search then goes on exactly as it would have, since
// ids, keys and counts depend only on the states and their order, never on
// where a state sits in the table. Included by breadth_first_search.hpp only.
#pragma once

namespace explorer {

// Remembers the boundary before level l (its counts, with the coverage of
// every thread added up) and writes it out when a checkpoint is due.
template <ExplorableModel M, std::size_t W>
template <StoreKind K>
void BreadthFirstSearch<M, W>::at_boundary(const SearchResult& r, const Level& l, const SearchMonitor& monitor,
                                           bool may_write) {
  if (!options_.checkpoint) return;
  Boundary& b = boundary_.emplace();
  b.begin = l.begin;
  b.end = l.end;
  b.depth = l.depth;
  b.so_far.transitions = r.transitions;
  b.so_far.terminal_states = r.terminal_states;
  b.so_far.complete_levels = r.complete_levels;
  b.so_far.findings = r.findings;
  for (const Worker& w : workers_) w.coverage.add_to(b.so_far.coverage);
  b.so_far.seconds = resumed_seconds_ + monitor.elapsed();
  b.so_far.peak_bytes = monitor.peak_bytes();
  b.written = !may_write;
  if (!may_write || (options_.checkpoint_due && !options_.checkpoint_due(l.depth))) return;
  options_.checkpoint(cut_at<K>(b));
  b.written = true;
}

template <ExplorableModel M, std::size_t W>
template <StoreKind K>
LevelCut BreadthFirstSearch<M, W>::cut_at(const Boundary& b) const {
  if constexpr (K == StoreKind::Bitstate)
    throw std::logic_error(std::string("checkpoints need the table, tree or hash-compaction store, not ") + store_name(K));
  LevelCut c;
  c.store = K;
  c.words = store_.words();
  c.states = b.end;
  c.level_begin = b.begin;
  c.level_end = b.end;
  c.depth = b.depth;
  c.so_far = b.so_far;
  c.parents = store_.parents(b.end);
  c.actions = store_.actions(b.end);
  if constexpr (K == StoreKind::Table) c.arena = {store_.state(0), b.end * c.words};
  if constexpr (K == StoreKind::HashCompaction || K == StoreKind::Tree) {
    // Called at the boundary itself: the table holds exactly the stored
    // fingerprints (tree: roots, written unfolded), the frontier records
    // the next level.
    const VisitedTable& table = store_.table();
    if constexpr (K == StoreKind::Tree) c.visited.resize(b.end * c.words);
    else c.fingerprints.reserve(b.end * (store_.wide_fingerprints() ? 2 : 1));
    uint64_t n = 0;
    for (std::size_t i = 0; i < table.slots(); ++i) {
      const uint64_t v = table.load(i);
      if (v == slot::kEmpty || slot::is_pending(v)) continue;
      if constexpr (K == StoreKind::Tree) {
        if (n == b.end) throw std::logic_error("tree cut: more roots than states");
        store_.tree().unfold(v, &c.visited[n * c.words]);
      } else {
        c.fingerprints.push_back(v);
        if (store_.wide_fingerprints()) c.fingerprints.push_back(store_.side_hash(slot::payload(v)));
      }
      ++n;
    }
    if (n != b.end) throw std::logic_error("cut: the table's stored slots and the state count disagree");
    c.frontier.resize((b.end - b.begin) * c.words);
    for (uint64_t p = 0; p < b.end - b.begin; ++p)
      if constexpr (K == StoreKind::Tree) store_.tree().unfold(*frontier_->state(frontier_order_[p]), &c.frontier[p * c.words]);
      else copy_state(&c.frontier[p * c.words], frontier_->state(frontier_order_[p]), c.words);
  }
  return c;
}

// On SIGINT/SIGTERM, the last boundary's cut unless it was written. The
// table store's arena holds it after the loop; hash compaction and the tree
// hold it only until the stopped level is numbered (the caller's moment).
// A signal that comes after a level's expansion but before its boundary
// writes nothing: the last checkpoint stays.
template <ExplorableModel M, std::size_t W>
template <StoreKind K>
void BreadthFirstSearch<M, W>::checkpoint_on_signal(const SearchMonitor& monitor) {
  if constexpr (K != StoreKind::Bitstate) {
    if (!boundary_ || boundary_->written || monitor.stop() != StopReason::Interrupted) return;
    options_.checkpoint(cut_at<K>(*boundary_));
    boundary_->written = true;
  }
}

template <ExplorableModel M, std::size_t W>
template <StoreKind K>
void BreadthFirstSearch<M, W>::restore(const LevelCut& c, SearchResult& r, Level& l, SearchMonitor& monitor) {
  if (c.store != K || c.words != store_.words())
    throw std::invalid_argument("the checkpoint was written for another store or state size");
  if constexpr (K == StoreKind::Bitstate)
    throw std::invalid_argument(std::string("checkpoints need the table, tree or hash-compaction store, not ") + store_name(K));
  if (c.states > store_.max_states()) throw std::length_error("the checkpoint's states do not fit in memory");
  const std::size_t words = store_.words();
  for (uint64_t id = 0; id < c.states; ++id)
    store_.template put<K>(static_cast<StateId>(id), K == StoreKind::Table ? &c.arena[id * words] : nullptr,
                           c.parents[id], c.actions[id]);
  store_.commit(c.states);
  VisitedTable& table = store_.table();
  while (table.capacity() < c.states) table.grow();
  auto place = [&](uint64_t h, uint64_t v) {
    std::size_t i = table.home(h);
    while (table.load(i) != slot::kEmpty) i = table.next(i);
    table.store(i, v);
  };
  if constexpr (K == StoreKind::Table) {
    for (uint64_t id = 0; id < c.states; ++id) {
      const uint64_t h = store_.hash(&c.arena[id * words]);
      place(h, slot::stored_id(h, static_cast<StateId>(id)));
    }
  } else {
    if constexpr (K == StoreKind::Tree) {
      // Folded again in the file's order: the tree's ids may differ from
      // the first run's, which nothing but where a root sits depends on.
      StateTree& tree = store_.tree();
      auto pieces = [](std::size_t n, auto&& move) { move(std::size_t{0}, n); };
      for (uint64_t i = 0; i < c.states; ++i) {
        uint64_t v = tree.fold(&c.visited[i * words]);
        while (v == 0) {
          if (tree.exhausted()) throw std::length_error("the checkpoint's states do not fit in the tree");
          tree.grow(pieces);
          v = tree.fold(&c.visited[i * words]);
        }
        place(v, v);
      }
    } else {
      // A fingerprint keeps the hash's tag, which picks the home slot.
      // Wide: [slot][side hash] pairs, the slot naming the id.
      const uint64_t per_state = store_.wide_fingerprints() ? 2 : 1;
      if (c.fingerprints.size() != c.states * per_state)
        throw std::invalid_argument(std::string("the checkpoint was written with ") +
                                    (per_state == 2 ? "64" : "96") + "-bit fingerprints; resume it with the same");
      for (uint64_t i = 0; i < c.fingerprints.size(); i += per_state) {
        const uint64_t v = c.fingerprints[i];
        if (per_state == 2) {
          if (slot::payload(v) >= c.states) throw std::invalid_argument("the checkpoint's fingerprints name unknown ids");
          store_.set_side_hash(slot::payload(v), c.fingerprints[i + 1]);
        }
        place(v, v);
      }
    }
    uint32_t block = 0, left = 0;
    frontier_order_.clear();
    for (uint64_t p = 0; p < c.level_end - c.level_begin; ++p) {
      if (left == 0) {
        if (!frontier_->take_block(block)) throw std::length_error("the checkpoint's frontier does not fit in memory");
        left = LevelRecords::kBlock;
      }
      if constexpr (K == StoreKind::Tree) {
        // Every frontier state was folded above: its leaves and nodes are
        // there, and fold() finds them.
        const uint64_t root = store_.tree().fold(&c.frontier[p * words]);
        if (root == 0) throw std::length_error("the checkpoint's frontier does not fit in the tree");
        *frontier_->state(block) = root;
      } else {
        copy_state(frontier_->state(block), &c.frontier[p * words], words);
      }
      frontier_order_.push_back(block++);
      --left;
    }
    frontier_->mark_unused(block, block + left);
    frontier_->start_countdown();
    for (const uint32_t rec : frontier_order_) frontier_->to_expand(rec);
  }
  r.transitions = c.so_far.transitions;
  r.terminal_states = c.so_far.terminal_states;
  r.complete_levels = c.so_far.complete_levels;
  r.findings = c.so_far.findings;
  workers_[0].coverage.add_from(c.so_far.coverage);
  resumed_seconds_ = c.so_far.seconds;
  monitor.note_bytes(c.so_far.peak_bytes);
  l.begin = c.level_begin;
  l.end = c.level_end;
  l.depth = c.depth;
}

}  // namespace explorer
