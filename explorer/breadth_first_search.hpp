// Exhaustive breadth-first search, level by level, on any number of threads
// (oneTBB), with results that do not depend on the number.
//
// Each level's states (the frontier) are expanded in chunks by all threads.
// A successor is looked up in, or inserted into, the lock-free visited table;
// a state new at this level goes into the level's record buffer with its
// discovery key (parent position, successor ordinal, action), lowered to the
// smallest key any thread finds it with. When the level is done the new
// states are ordered by key, which is exactly the order a sequential BFS
// discovers them, and numbered on from the last id. So ids, parents,
// counterexamples and every count are those of a sequential search, and the
// first state carrying a label (the smallest id of the first level that has
// one; to the checker, a violated property) ends a shortest counterexample.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "explorer/explored_states.hpp"
#include "explorer/label_tally.hpp"
#include "explorer/level_records.hpp"
#include "explorer/recent_states.hpp"
#include "explorer/search_monitor.hpp"
#include "explorer/search_options.hpp"
#include "explorer/search_result.hpp"
#include "explorer/state_store.hpp"
#include "explorer/store_estimates.hpp"

namespace explorer {

// W is the state size in words when it is fixed at compile time (Search
// picks the instance for the model's size; 0: any size, read at run time).
template <ExplorableModel M, std::size_t W = 0>
class BreadthFirstSearch : public ExploredStates<M> {
 public:
  BreadthFirstSearch(const M& model, SearchOptions options)
      : ExploredStates<M>(model, std::move(options)), threads_(std::max(1, options_.threads)) {
    if (W != 0 && W != store_.words())
      throw std::logic_error("breadth-first search compiled for another state size than the model's");
  }

  // Runs the engine compiled for the store's kind.
  SearchResult run() {
    switch (store_.kind()) {
      case StoreKind::Table: return run_as<StoreKind::Table>();
      case StoreKind::Tree: return run_as<StoreKind::Tree>();
      case StoreKind::HashCompaction: return run_as<StoreKind::HashCompaction>();
      case StoreKind::Bitstate: return run_as<StoreKind::Bitstate>();
    }
    throw std::logic_error("unknown store");
  }

 private:
  using ExploredStates<M>::model_;
  using ExploredStates<M>::options_;
  using ExploredStates<M>::store_;

  enum class Visit { Old, Pending, New, TableFull, NoRoom };

  // The successors of one frontier state, in the order the model gave them.
  struct Successors {
    uint64_t position = 0;  // of the state in the frontier
    std::size_t count = 0;
    std::vector<StateWord> states;
    std::vector<ActionId> actions;
    std::vector<uint64_t> hashes;
    void grow(std::size_t words) {
      const std::size_t n = 2 * (count + 1);
      states.resize(n * words);
      actions.resize(n);
      hashes.resize(n);
    }
  };

  // The software pipeline of expand_chunk: states in flight, and how many
  // states after its expansion a state's successors reach each later step.
  static constexpr uint64_t kPipeline = 5;
  static constexpr uint64_t kCheckLag = 1, kSlotLag = kPipeline - 2, kVisitLag = kPipeline - 1;

  struct alignas(64) Worker {
    uint32_t block_next = 0, block_end = 0;  // this thread's records
    std::atomic<uint64_t> filled{0};         // records it filled this level (read by others)
    uint64_t transitions = 0, terminal = 0;
    LabelTally tally;
    CoverageCounter coverage;
    Successors successors[kPipeline];  // the pipeline of expand_chunk
    std::optional<RecentStates> recent;
    std::vector<uint64_t> aborted;  // chunks to redo once the table has grown
  };

  // One BFS level: frontier ids [begin, end).
  struct Level {
    uint64_t begin = 0, end = 0;
    uint32_t depth = 0;
    uint64_t chunk = 0, chunks = 0;
    std::atomic<uint64_t> next_chunk{0};
    std::atomic<uint64_t> next_redo{0};
    std::vector<uint64_t> redo;
    std::atomic<bool> pause{false};  // the table must grow
  };

  template <StoreKind K>
  const StateWord* frontier_state(const Level& l, uint64_t position) const {
    if constexpr (K == StoreKind::Table) return store_.state(static_cast<StateId>(l.begin + position));
    return frontier_->state(frontier_order_[position]);
  }

  // Runs fn(worker) on every thread.
  template <class Fn>
  void on_all_threads(Fn&& fn) {
    if (threads_ == 1) return fn(workers_[0]);
    fork();
    arena_->execute([&] {
      tbb::parallel_for(
          0, threads_, [&](int t) { joined([&] { fn(workers_[t]); }); }, tbb::static_partitioner());
    });
    join();
  }
  // fn(begin, end) over pieces of [0, n), split over the threads when worth it.
  template <class Fn>
  void for_each_range(uint64_t n, Fn&& fn, uint64_t grain = 2048) {
    if (threads_ == 1 || n < 4 * grain) return fn(uint64_t{0}, n);
    fork();
    arena_->execute([&] {
      tbb::parallel_for(tbb::blocked_range<uint64_t>(0, n, grain),
                        [&](const tbb::blocked_range<uint64_t>& r) { joined([&] { fn(r.begin(), r.end()); }); });
    });
    join();
  }
  // oneTBB orders a parallel loop after what precedes it and before what
  // follows, but ThreadSanitizer cannot see inside the uninstrumented
  // library; these atomics state the same order where it can.
  void fork() { handoff_.store(0, std::memory_order_release); }
  template <class Body>
  void joined(Body&& body) {
    (void)handoff_.load(std::memory_order_acquire);
    body();
    handoff_.fetch_add(1, std::memory_order_release);
  }
  void join() { (void)handoff_.load(std::memory_order_acquire); }
  // fn(i) for i in [0, n).
  template <class Fn>
  void for_each_index(uint64_t n, Fn&& fn) {
    for_each_range(n, [&](uint64_t begin, uint64_t end) {
      for (uint64_t i = begin; i < end; ++i) fn(i);
    });
  }

  uint64_t current_bytes() const {
    return store_.bytes() + frontier_->bytes() + next_->bytes() +
           (frontier_order_.capacity() + next_order_.capacity()) * sizeof(uint32_t);
  }

  // The engine for store kind K: whatever depends on the kind is decided
  // when this is compiled.
  template <StoreKind K>
  SearchResult run_as();
  template <StoreKind K>
  void expand_level(Level& l);
  template <StoreKind K>
  void work(Worker& w, Level& l);
  template <StoreKind K>
  bool expand_chunk(Worker& w, Level& l, uint64_t chunk);
  template <StoreKind K>
  void uncount_coverage(Worker& w, const Level& l, uint64_t first, uint64_t last);
  template <StoreKind K>
  Visit visit(Worker& w, uint64_t h, const StateWord* s, uint64_t key);
  Visit take_block(Worker& w);
  template <StoreKind K>
  bool same_pending(uint32_t record, uint64_t h, const StateWord* s) const;
  void after_chunk(const Level& l);
  void release_expanded(uint64_t first, uint64_t last);
  template <StoreKind K>
  uint64_t finalize_level(const Level& l);

  int threads_;
  std::optional<tbb::task_arena> arena_;
  std::vector<Worker> workers_;
  SearchMonitor* monitor_ = nullptr;
  // Records of the frontier (used by every store but the table, which
  // keeps the states) and of the level being found.
  std::unique_ptr<LevelRecords> frontier_, next_;
  std::vector<uint32_t> frontier_order_, next_order_;  // id order -> record
  std::atomic<uint64_t> occupancy_{0};  // table entries + records handed out
  std::atomic<uint64_t> transitions_so_far_{0};
  std::atomic<uint64_t> handoff_{0};
};

template <ExplorableModel M, std::size_t W>
template <StoreKind K>
SearchResult BreadthFirstSearch<M, W>::run_as() {
  constexpr bool keeps = K == StoreKind::Table;
  SearchMonitor monitor(options_);
  monitor_ = &monitor;
  SearchResult r;
  r.threads = threads_;
  // No more OS threads than cores (oneTBB's own limit); the work is still
  // split into threads_ shares.
  if (threads_ > 1) arena_.emplace(std::min(threads_, tbb::info::default_concurrency()));
  workers_ = std::vector<Worker>(threads_);
  for (Worker& w : workers_) w.coverage = CoverageCounter(options_.action_groups);
  const std::size_t words = store_.words();
  const std::size_t record_bytes = std::min<std::size_t>(physical_memory_bytes(), std::size_t{1} << 40);
  frontier_ = std::make_unique<LevelRecords>(words, record_bytes, keeps);
  next_ = std::make_unique<LevelRecords>(words, record_bytes, keeps);

  std::vector<StateWord> init(words);
  model_.initial(init.data());
  store_.insert(init.data(), kNoState, 0);
  if constexpr (!keeps) {
    uint32_t first = 0;
    frontier_->take_block(first);
    std::copy_n(init.begin(), words, frontier_->state(first));
    frontier_order_.assign(1, first);
  }
  occupancy_ = store_.table_entries();

  Level l;
  l.begin = 0;
  l.end = 1;
  for (;;) {
    expand_level<K>(l);
    // A stop during the level may have left some of its states unexpanded.
    if (!monitor.stopping()) r.complete_levels = l.depth + 1;
    LabelTally level_tally;
    for (Worker& w : workers_) {
      r.transitions += w.transitions;
      r.terminal_states += w.terminal;
      level_tally.merge(w.tally);
      w.transitions = w.terminal = 0;
      w.tally = LabelTally{};
    }
    level_tally.record(r, l.depth);
    const uint64_t found = finalize_level<K>(l);
    if (found) ++l.depth;
    if (options_.stop_at_first) {
      for (int b = 0; b < kMaxLabels; ++b)
        if (r.findings[b].found() && (options_.stop_labels >> b & 1)) monitor.request_stop(StopReason::StopAtFirst);
    }
    if (found == 0 || monitor.stopping()) break;
    l.begin = l.end;
    l.end += found;
    if constexpr (!keeps) {  // the new level's records are its frontier
      std::swap(frontier_, next_);
      std::swap(frontier_order_, next_order_);
      next_->clear();
      next_order_.clear();
    }
  }
  for (const Worker& w : workers_) w.coverage.add_to(r.coverage);
  r.states = store_.size();
  r.depth = l.depth;
  r.stop = monitor.stop();
  r.seconds = monitor.elapsed();
  r.peak_bytes = monitor.peak_bytes();
  record_store_estimates(store_, r);
  frontier_.reset();
  next_.reset();
  frontier_order_ = {};
  next_order_ = {};
  arena_.reset();
  monitor_ = nullptr;
  return r;
}

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
    const uint64_t bytes = current_bytes(), extra = tree_full ? store_.tree().bytes() : store_.table().bytes();
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
  for (uint64_t p = first; p < last + kVisitLag; ++p) {
    if (p < last) {
      Successors& b = w.successors[p % kPipeline];
      b.position = p;
      b.count = 0;
      const LabelMask bad = model_.expand(frontier_state<K>(l, p), [&](ActionId a, const StateWord* next) {
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
  if (K != StoreKind::Table && l.depth > 0) release_expanded(first, last);
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
    model_.expand(frontier_state<K>(l, p), [&](ActionId a, const StateWord*) { actions.push_back(a); });
    w.coverage.count(actions.data(), actions.size(), -1);
  }
}

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
        copy_state(next_->template state<W>(w.block_next), s, store_.template words_of<W>());
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
  const StateWord* other = next_->template state<W>(record);
  if (equal_states(other, s, store_.template words_of<W>())) return true;
  // With hash compaction, equal fingerprints are the same state.
  if constexpr (K == StoreKind::HashCompaction)
    return slot::fingerprint(store_.template hash<W>(other)) == slot::fingerprint(h);
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
      const StateWord* s = next_->template state<W>(next_order_[i]);
      uint64_t h;
      if constexpr (K == StoreKind::Tree) {
        h = store_.tree().template fold<W>(s);  // found: its leaves and nodes are there
        if (h == 0) throw std::logic_error("tree store: a pending state lost its nodes");
      } else {
        h = store_.template hash<W>(s);
      }
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
      store_.template put<K, W>(id, next_->template state<W>(r), parent, LevelRecords::action(key));
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
