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
#include "explorer/level_cut.hpp"
#include "explorer/level_records.hpp"
#include "explorer/recent_states.hpp"
#include "explorer/search_monitor.hpp"
#include "explorer/search_options.hpp"
#include "explorer/search_result.hpp"
#include "explorer/state_store.hpp"
#include "explorer/store_estimates.hpp"
#include "explorer/successor_batch.hpp"

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

  // The successors of one frontier state (position: in the frontier).
  using Successors = SuccessorBatch;

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
    std::vector<StateWord> unfolded;  // tree store: the frontier state being expanded
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

  // The words of a level record after its key: the state, or with the tree
  // store its root slot value (one word, whatever the state's size: the
  // frontier costs 16 bytes a state, not 8 more than the state).
  template <StoreKind K>
  static constexpr std::size_t record_words() { return K == StoreKind::Tree ? 1 : W; }
  template <StoreKind K>
  const StateWord* frontier_state(Worker& w, const Level& l, uint64_t position) const {
    if constexpr (K == StoreKind::Table) return store_.state(static_cast<StateId>(l.begin + position));
    const StateWord* record = frontier_->template state<record_words<K>()>(frontier_order_[position]);
    if constexpr (K != StoreKind::Tree) return record;
    store_.tree().unfold(*record, w.unfolded.data());  // sized by run_as
    return w.unfolded.data();
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
  // Checkpoints (breadth_first_search_cut.hpp).
  struct Boundary {
    uint64_t begin = 0, end = 0;
    uint32_t depth = 0;
    SearchResult so_far;
    bool written = false;
  };
  template <StoreKind K>
  void at_boundary(const SearchResult& r, const Level& l, const SearchMonitor& monitor, bool may_write);
  template <StoreKind K>
  LevelCut cut_at(const Boundary& b) const;
  template <StoreKind K>
  void checkpoint_on_signal(const SearchMonitor& monitor);
  template <StoreKind K>
  void restore(const LevelCut& c, SearchResult& r, Level& l, SearchMonitor& monitor);

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
  std::optional<Boundary> boundary_;  // the last level boundary, with checkpoints
  double resumed_seconds_ = 0;        // spent before the resume
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
  const std::size_t record_words_now = record_words<K>() ? record_words<K>() : words;  // W = 0: the run-time size
  frontier_ = std::make_unique<LevelRecords>(record_words_now, record_bytes, keeps);
  next_ = std::make_unique<LevelRecords>(record_words_now, record_bytes, keeps);
  if constexpr (K == StoreKind::Tree)
    for (Worker& w : workers_) w.unfolded.resize(words);

  Level l;
  if (options_.resume) {
    restore<K>(*options_.resume, r, l, monitor);
  } else {
    std::vector<StateWord> init(words);
    model_.initial(init.data());
    store_.insert(init.data(), kNoState, 0);
    if constexpr (!keeps) {
      uint32_t first = 0;
      frontier_->take_block(first);
      if constexpr (K == StoreKind::Tree) *frontier_->state(first) = store_.tree().fold(init.data());
      else std::copy_n(init.begin(), words, frontier_->state(first));
      frontier_order_.assign(1, first);
    }
    l.begin = 0;
    l.end = 1;
  }
  occupancy_ = store_.table_entries();
  at_boundary<K>(r, l, monitor, !options_.resume);  // a resume starts from a checkpoint written already
  for (;;) {
    expand_level<K>(l);
    // Before the stopped level's states are numbered: the other stores'
    // tables then still hold exactly the boundary's states.
    if constexpr (!keeps) checkpoint_on_signal<K>(monitor);
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
    at_boundary<K>(r, l, monitor, true);
  }
  // A signal: the table store still holds the last boundary's states.
  if constexpr (keeps) checkpoint_on_signal<K>(monitor);
  for (const Worker& w : workers_) w.coverage.add_to(r.coverage);
  r.states = store_.size();
  r.depth = l.depth;
  r.stop = monitor.stop();
  r.seconds = resumed_seconds_ + monitor.elapsed();
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

}  // namespace explorer

// The rest of the engine, in three parts.
#include "explorer/breadth_first_search_cut.hpp"     // IWYU pragma: export
#include "explorer/breadth_first_search_expand.hpp"  // IWYU pragma: export
#include "explorer/breadth_first_search_visit.hpp"   // IWYU pragma: export
