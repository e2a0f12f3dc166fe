// Exhaustive breadth-first search spread over the ranks of a RankNetwork
// (MPI processes on many machines, or threads in a test), with every result
// identical to the single-process engine's: states, transitions, depth,
// terminal states, labelled-state counts, and the first labelled state of
// each label, hence the same shortest counterexample.
//
// Two partitions, as in Stern and Dill's parallel Murphi and LTSmin's
// pins2lts-dist, plus one of our own for the numbering:
//   the states  a state belongs to the rank its owner hash picks (a mix of
//               the table hash, so each rank's table still fills evenly);
//               that rank stores it, de-duplicates it and expands it;
//   the work    each rank expands its share of a level in rounds of a
//               bounded number of states, on T oneTBB threads, and sends the
//               successors to their owners in one all-to-all per round, each
//               [discovery key][state words], de-duplicated per destination
//               and coded against the record before it (about 13 bytes a
//               record, explorer/wire_coding.hpp): so no rank's buffers
//               grow with another's speed;
//   the order   a sequential BFS numbers a level's new states by discovery
//               key (parent's position in its level, successor ordinal,
//               action). The positions of a level are split into N
//               contiguous ranges; the owner of each new state sends its
//               smallest key to the holder of its parent's range, which
//               sorts the keys it got, numbers them from the sum of the
//               lower ranges' counts, and answers with the positions. So
//               the ids are those of a sequential search, at 4-6 bytes
//               per new state on the wire (keys and positions coded as
//               deltas), with no rank ever holding the whole level.
// The parent of a stored state is its global parent id and action; a trace
// is rebuilt owner to owner (one reduction per step) and replayed from the
// initial state, as with hash compaction in one process.
#pragma once

#include <tbb/info.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "explorer/action_coverage.hpp"
#include "explorer/distributed_stats.hpp"
#include "explorer/label_tally.hpp"
#include "explorer/level_records.hpp"
#include "explorer/model_interface.hpp"
#include "explorer/path_rebuild.hpp"
#include "explorer/rank_network.hpp"
#include "explorer/recent_states.hpp"
#include "explorer/search_monitor.hpp"
#include "explorer/search_options.hpp"
#include "explorer/search_result.hpp"
#include "explorer/state_store.hpp"
#include "explorer/store_estimates.hpp"
#include "explorer/successor_batch.hpp"
#include "explorer/trace_shortening.hpp"
#include "explorer/wire_coding.hpp"
#include "explorer/word_buffer.hpp"

namespace explorer {

template <ExplorableModel M, std::size_t W = 0>
class DistributedSearch {
 public:
  DistributedSearch(const M& model, SearchOptions options, RankNetwork& net)
      : model_(model),
        options_(std::move(options)),
        net_(net),
        ranks_(net.ranks()),
        rank_(net.rank()),
        threads_(std::max(1, options_.threads)),
        words_(model.state_words()),
        store_(words_, {options_.store, options_.bitstate_bits, options_.bitstate_hashes, options_.hash_salt, options_.fingerprint_bits, options_.spill_dir}) {
    if (options_.store != StoreKind::Table && options_.store != StoreKind::HashCompaction)
      throw std::invalid_argument("the distributed search stores states in a table or by hash compaction");
  }

  SearchResult run();
  // The path from the initial state to global id `id`: collective, every
  // rank gets it.
  std::vector<PathStep> path_to(StateId id);
  // This rank's states (ids are local; parents global).
  const StateStore& store() const { return store_; }
  const DistributedStats& stats() const { return stats_; }

 private:
  // A thread's share of a round: its successors per destination rank, and
  // what it counted.
  struct Outbox {
    WordBuffer own;                           // [key][state] records for this rank
    std::vector<std::vector<uint64_t>> wire;  // per other rank: its records, coded (explorer/wire_coding.hpp)
    std::vector<std::optional<RecordStream<W>>> streams;  // per other rank, while a slice codes into wire
    std::vector<uint64_t> sent_records;       // per rank: records this round
    // One expanded state's successors, their hashes and owners. Two: the
    // successors of state j are sent while state j + 1 is expanded, so
    // that the cache lines their sending probes (the sent cache is past
    // the core's L2) were fetched an expansion early; fetched just before,
    // they were 20% of expand_slice's time.
    struct Batch : SuccessorBatch {
      std::vector<int> owners;  // of the successors
    };
    std::array<Batch, 2> batches;
    // The successors this thread kept for this rank lately, over all rounds
    // and levels, in the core's L2: a repeat is not kept again (it was
    // received with a smaller key, or will be this round), for the same
    // reason as `sent` below.
    std::optional<RecentStates> kept;  // kKeptCacheBytes
    // The states this thread sent to other ranks lately, over all rounds
    // and levels: a repeat is not sent again. Exact (whole states) and
    // safe: the owner has the state already, from an earlier level or from
    // this level with a smaller key (a thread's keys only grow in a level).
    std::optional<RecentStates> sent;  // sent_cache_bytes()
    uint64_t records = 0;
    uint64_t transitions = 0, terminal = 0;
    LabelTally tally;
    CoverageCounter coverage;
  };

  // 1 MiB, in the core's L2: instead of a table of the round's own
  // successors (the same size, emptied each round), a cache over rounds
  // and levels; 2% faster on 2 ranks of scaling.json.
  static constexpr std::size_t kKeptCacheBytes = std::size_t{1} << 20;
  // 64 MiB a thread, far past the core's L2 (on huge pages:
  // explorer/recent_states.hpp), up to 4 threads; past that 256 MiB a rank
  // in all, but never under 16 MiB a thread. A repeat caught here is a
  // record neither coded, sent, decoded nor probed: on 2 ranks of
  // scaling.json 20.8 bytes a state found cross the wire at 64 MiB
  // instead of 26.7 at 16 MiB and 34.1 at 1 MiB, and the run is 4% and 12%
  // faster (256 MiB: 15.2 bytes, no faster). Its probes are fetched an
  // expansion ahead (Outbox::Batch), both lines of an entry.
  static constexpr std::size_t kSentCacheMost = std::size_t{64} << 20, kSentCacheLeast = std::size_t{16} << 20,
                               kSentCacheRank = std::size_t{256} << 20;
  std::size_t sent_cache_bytes() const {
    return std::clamp(kSentCacheRank / std::size_t(threads_), kSentCacheLeast, kSentCacheMost);
  }
  // A successor's tag in the kept and sent caches: its hash with the top
  // bit set, never 0, which is a cache's empty entry.
  static uint64_t cache_tag(uint64_t h) { return h | uint64_t{1} << 63; }
  // The mix scaled to [0, N) by a multiply (Lemire's multiply-shift): a
  // division would cost more than the rest of the routing.
  int owner(uint64_t h) const {
    return static_cast<int>((static_cast<unsigned __int128>(mix64(h ^ 0x6a09e667f3bcc909ULL)) * uint64_t(ranks_)) >> 64);
  }
  // The rank holding position p of a level of n states.
  int holder(uint64_t p, uint64_t n) const { return static_cast<int>(p * uint64_t(ranks_) / n); }
  uint64_t bytes() const {
    uint64_t caches = 0;
    for (const Outbox& o : outboxes_) caches += (o.sent ? o.sent->bytes() : 0) + (o.kept ? o.kept->bytes() : 0);
    return caches + store_.bytes() + (frontier_.capacity() + next_frontier_.capacity() + pending_states_.capacity()) * 8 +
           (pending_keys_.capacity() + pending_hashes_.capacity()) * 8 +
           (positions_.capacity() + next_positions_.capacity() + global_ids_.capacity()) * 4;
  }
  // W when the state size is known at compile time, or the run-time size.
  std::size_t words_of() const { return W ? W : words_; }
  void reduce(std::span<uint64_t> v, RankNetwork::Op op) {
    const auto t = std::chrono::steady_clock::now();
    net_.reduce_all(v, op);
    exchange_time_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  }
  void exchange(const std::vector<std::vector<uint64_t>>& out, std::vector<std::vector<uint64_t>>& in) {
    const auto t = std::chrono::steady_clock::now();
    net_.exchange(out, in);
    exchange_time_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  }

  void expand_slice(Outbox& o, uint64_t first, uint64_t last);
  void send(Outbox& o, int to_rank, uint64_t key, uint64_t h, const StateWord* s);
  void receive(const std::vector<std::vector<uint64_t>>& in);
  template <StoreKind K>
  void receive_records(std::span<const uint64_t> records);
  template <StoreKind K>
  void visit(uint64_t h, uint64_t key, const StateWord* s);
  template <StoreKind K>
  bool same_pending(std::size_t k, uint64_t h, const StateWord* s) const;
  template <StoreKind K>
  void store_level(const std::vector<std::vector<uint64_t>>& positions, uint64_t next_begin);
  bool expand_level(SearchMonitor& monitor, std::array<uint64_t, 2>& counted);
  uint64_t number_level();

  const M& model_;
  SearchOptions options_;
  RankNetwork& net_;
  int ranks_, rank_, threads_;
  std::size_t words_;
  StateStore store_;
  std::vector<StateId> global_ids_;  // local id -> global id, increasing
  // The level being expanded: this rank's states and their positions in
  // the level, in position order; and the next level's. The table store
  // keeps a level's states back to back in position order, local ids
  // frontier_first_ on: the frontier is read there, as the one-process
  // engine does, and not copied (a copy was 40 bytes a state written and
  // read again). Hash compaction keeps no states: they are copied here.
  std::vector<StateWord> frontier_, next_frontier_;
  uint64_t frontier_first_ = 0;
  const StateWord* frontier_state(uint64_t j) const {
    return store_.keeps_states() ? store_.state(static_cast<StateId>(frontier_first_ + j)) : &frontier_[j * words_of()];
  }
  std::vector<uint32_t> positions_, next_positions_;
  uint64_t level_begin_ = 0, level_size_ = 0;
  // States found in this level, not yet numbered, with their smallest
  // keys: the store's table holds a pending slot for each (its payload
  // the index here), as the one-process engine's does, so that a record
  // costs one probe whether it is new, a repeat from this level or from an
  // earlier one, and its numbering turns the slot into a stored one.
  WordBuffer pending_states_;
  std::vector<uint64_t> pending_keys_, pending_hashes_;
  std::vector<uint64_t> hashes_;   // of the records being received
  std::vector<uint64_t> decoded_;  // the records received from one rank
  bool table_full_ = false;        // the table could not grow: this rank stops the run
  // The numbering's buffers, kept from level to level: made afresh, they
  // were some 100,000 page faults a rank on scaling.json.
  std::vector<std::vector<std::pair<uint64_t, uint32_t>>> by_holder_;
  struct Numbering {
    std::vector<std::vector<uint64_t>> notices, got, answers, positions;
    std::vector<uint64_t> scratch;
  } numbering_;
  // A key a holder got: from which rank, at which index of its notices.
  struct Notice {
    uint64_t key;
    uint32_t from, index;
  };
  std::vector<Notice> mine_;
  std::vector<std::vector<uint64_t>> out_, in_;  // a round's messages
  std::vector<Outbox> outboxes_;
  std::optional<tbb::task_arena> arena_;
  uint64_t round_states_ = 4096;
  uint64_t agreed_states_ = 1;   // all ranks' stored states, at the last agreement
  uint64_t agreed_pending_ = 0;  // and the level's states found so far
  uint32_t depth_ = 0;           // of the level being expanded
  StopReason stop_ = StopReason::Complete;
  double exchange_time_ = 0;
  DistributedStats stats_;
};

template <ExplorableModel M, std::size_t W>
SearchResult DistributedSearch<M, W>::run() {
  SearchMonitor monitor(options_);
  SearchResult r;
  r.threads = threads_;
  r.store = store_.kind();
  r.hash_compaction = store_.kind() == StoreKind::HashCompaction;
  // No more OS threads than the cores this rank may use (mpirun binds a
  // rank to one core unless told --bind-to none): the work is still split
  // into threads_ shares, as in the one-process engine.
  if (threads_ > 1) arena_.emplace(std::min(threads_, tbb::info::default_concurrency()));
  outboxes_.resize(threads_);
  for (Outbox& o : outboxes_) {
    o.wire.resize(ranks_);
    o.streams.resize(ranks_);
    o.sent_records.assign(ranks_, 0);
    o.coverage = CoverageCounter(options_.action_groups);
    if (ranks_ > 1) o.sent.emplace(words_, sent_cache_bytes());
    o.kept.emplace(words_, kKeptCacheBytes);
  }
  std::vector<StateWord> init(words_);
  model_.initial(init.data());
  if (owner(store_.hash(init.data())) == rank_) {
    store_.insert(init.data(), kNoState, 0);
    global_ids_.push_back(0);
    if (!store_.keeps_states()) frontier_ = init;
    positions_.assign(1, 0);
  }
  level_begin_ = 0;
  level_size_ = 1;
  uint32_t depth = 0;
  uint64_t states = 1;
  std::array<uint64_t, 2> counted{};  // transitions, terminal states (all ranks)
  for (;;) {
    const double exchange_before = exchange_time_;
    const bool expanded = expand_level(monitor, counted);
    if (expanded) r.complete_levels = depth + 1;
    // The level's labels: per label, the smallest id and the count.
    LabelTally tally;
    for (Outbox& o : outboxes_) {
      tally.merge(o.tally);
      o.tally = LabelTally{};
    }
    std::vector<uint64_t> first(kMaxLabels, ~uint64_t{0}), count(kMaxLabels, 0);
    for (int b = 0; b < kMaxLabels; ++b)
      if (tally.seen >> b & 1) first[b] = tally.first[b], count[b] = tally.count[b];
    reduce(first, RankNetwork::Op::Min);
    reduce(count, RankNetwork::Op::Sum);
    LabelTally all;
    for (int b = 0; b < kMaxLabels; ++b)
      if (first[b] != ~uint64_t{0}) {
        all.seen |= LabelMask{1} << b;
        all.first[b] = static_cast<StateId>(first[b]);
        all.count[b] = count[b];
      }
    all.record(r, depth);
    const uint64_t next_first = store_.size();
    const uint64_t found = expanded ? number_level() : 0;
    if (rank_ == 0) stats_.level_exchange_seconds.push_back(exchange_time_ - exchange_before);
    states += found;
    agreed_states_ = states;
    agreed_pending_ = 0;
    if (found) depth_ = ++depth;
    if (options_.stop_at_first && stop_ == StopReason::Complete)
      for (int b = 0; b < kMaxLabels; ++b)
        if (r.findings[b].found() && (options_.stop_labels >> b & 1)) stop_ = StopReason::StopAtFirst;
    if (found == 0 || stop_ != StopReason::Complete) break;
    level_begin_ += level_size_;
    level_size_ = found;
    frontier_first_ = next_first;
    frontier_.swap(next_frontier_);
    positions_.swap(next_positions_);
    next_frontier_.clear();
    next_positions_.clear();
  }
  r.transitions = counted[0];
  r.terminal_states = counted[1];
  if (!options_.action_groups.empty()) {
    for (const Outbox& o : outboxes_) o.coverage.add_to(r.coverage);
    reduce(r.coverage.transitions, RankNetwork::Op::Sum);
    reduce(r.coverage.group_states, RankNetwork::Op::Sum);
  }
  // The spread over the ranks.
  monitor.note_bytes(bytes());
  std::vector<uint64_t> spread(3 * ranks_ + 3, 0);
  spread[rank_] = store_.size();
  spread[ranks_ + rank_] = monitor.peak_bytes();
  spread[2 * ranks_ + rank_] = net_.words_sent();
  spread[3 * ranks_] = stats_.states_sent;
  spread[3 * ranks_ + 1] = stats_.numbering_words;
  reduce(spread, RankNetwork::Op::Sum);
  stats_.ranks = ranks_;
  stats_.threads = threads_;
  stats_.states.assign(spread.begin(), spread.begin() + ranks_);
  stats_.peak_bytes.assign(spread.begin() + ranks_, spread.begin() + 2 * ranks_);
  stats_.words_sent = std::accumulate(spread.begin() + 2 * ranks_, spread.begin() + 3 * ranks_, uint64_t{0});
  stats_.states_sent = spread[3 * ranks_];
  stats_.numbering_words = spread[3 * ranks_ + 1];
  stats_.exchange_seconds = exchange_time_;
  r.states = states;
  r.depth = depth;
  r.stop = stop_;
  r.seconds = monitor.elapsed();
  r.peak_bytes = std::accumulate(stats_.peak_bytes.begin(), stats_.peak_bytes.end(), uint64_t{0});
  record_store_estimates(store_, r);  // from the totals: r.states is every rank's
  arena_.reset();
  return r;
}

// Expands this rank's share of the level in rounds; false when the ranks
// agreed to stop (a limit, a signal) before it was done.
//
// Pipelined: while round r's records travel, this rank expands round r + 1
// (nothing, once its share is done), and only then waits for round r. A
// rank that was slow in one round then catches up in the next instead of
// keeping the other waiting (on 2 ranks of scaling.json 8% of the time
// went to that wait). Round r's header carries its agreement, which every
// rank adds up the same way: whether any rank has more to expand, the
// limits any rank reached, the counts. Receiving order within a level does
// not matter (a pending state keeps its smallest key), so the results are
// those of the rounds one after the other. When the ranks agree to stop,
// the round expanded meanwhile is dropped; when round r was every rank's
// last, round r + 1 was empty everywhere.
template <ExplorableModel M, std::size_t W>
bool DistributedSearch<M, W>::expand_level(SearchMonitor& monitor, std::array<uint64_t, 2>& counted) {
  const uint64_t mine = positions_.size();
  uint64_t cursor = 0;
  std::vector<std::vector<uint64_t>>& out = out_;
  std::vector<std::vector<uint64_t>>& in = in_;
  out.resize(ranks_);
  const auto expand_round = [&] {
    const uint64_t end = std::min(mine, cursor + round_states_);
    if (threads_ == 1 || end - cursor < 64) {
      expand_slice(outboxes_[0], cursor, end);
    } else {
      const uint64_t share = (end - cursor + threads_ - 1) / threads_;
      arena_->execute([&] {
        tbb::parallel_for(0, threads_, [&](int t) {
          const uint64_t a = std::min(end, cursor + t * share), b = std::min(end, a + share);
          expand_slice(outboxes_[t], a, b);
        });
      });
    }
    cursor = end;
  };
  // The agreement's words.
  enum : std::size_t { kMore, kPending, kTransitions, kTerminal, kStop, kRecords = kStop + 6, kGrow, kAgree };
  std::array<uint64_t, kAgree> agree{};
  // Round r into the messages (what a rank sends itself stays in the
  // outboxes: receive reads it there; the others get the threads' coded
  // chunks end to end), with its agreement.
  const auto post = [&] {
    agree.fill(0);
    for (int d = 0; d < ranks_; ++d) {
      out[d].clear();
      if (d == rank_) continue;
      if (threads_ == 1) {
        out[d].swap(outboxes_[0].wire[d]);
      } else {
        for (Outbox& o : outboxes_) out[d].insert(out[d].end(), o.wire[d].begin(), o.wire[d].end());
      }
      for (Outbox& o : outboxes_) {
        stats_.states_sent += o.sent_records[d];
        o.sent_records[d] = 0;
        o.wire[d].clear();
      }
    }
    for (Outbox& o : outboxes_) {
      agree[kTransitions] += o.transitions;
      agree[kTerminal] += o.terminal;
      agree[kRecords] += o.records;
      o.transitions = o.terminal = o.records = 0;
    }
    monitor.check(agreed_states_ + agreed_pending_, bytes());
    agree[kMore] = cursor < mine;
    agree[kPending] = pending_keys_.size();
    agree[kGrow] = (store_.size() + pending_keys_.size()) * 8 > store_.table().capacity() * 7;
    if (monitor.stopping()) agree[kStop + static_cast<int>(monitor.stop())] = 1;
    if (table_full_) agree[kStop + static_cast<int>(StopReason::MaxMemory)] = 1;
    const auto t = std::chrono::steady_clock::now();
    net_.start_exchange(out, agree);
    exchange_time_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  expand_round();
  post();
  for (;;) {
    expand_round();  // round r + 1, while round r travels
    const auto t = std::chrono::steady_clock::now();
    net_.finish_exchange(in, agree);
    exchange_time_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    ++stats_.rounds;
    // The ranks' tables grow in the same round: a rank that grew its own
    // alone (some 35 ms at ten million states) kept the others waiting
    // that long, a dozen times a run (half the time 2 ranks of
    // scaling.json waited). The hash spreads the states evenly, so a table
    // near its limit anywhere means one past three quarters everywhere;
    // receiving still grows one that is full.
    if (agree[kGrow] && (store_.size() + pending_keys_.size()) * 4 > store_.table().capacity() * 3 && !table_full_) {
      try {
        store_.table().grow();
      } catch (const std::length_error&) {
        table_full_ = true;
      }
    }
    receive(in);  // round r's records, and this rank's own of round r + 1
    // Rounds of 4-16 Ki successors a thread: a round (200-800 KiB) hides
    // the latency of its exchange and its records stay in the L2 cache;
    // half as long, twice as many rounds waited 20% longer in all (2 ranks
    // of scaling.json, 2% slower overall, bench/RESULTS-mpi.md). From
    // every rank's records, so that all ranks expand as many states a
    // round: a rank that sized its rounds alone made the other wait half
    // of some rounds.
    const uint64_t per_rank = agree[kRecords] / uint64_t(ranks_);
    if (per_rank > threads_ * (uint64_t{1} << 14) && round_states_ > 16) round_states_ /= 2;
    else if (per_rank < threads_ * (uint64_t{1} << 12) && round_states_ < (uint64_t{1} << 20)) round_states_ *= 2;
    agreed_pending_ = agree[kPending];
    counted[0] += agree[kTransitions];
    counted[1] += agree[kTerminal];
    for (int s = 1; s < 6; ++s)
      if (agree[kStop + s] && stop_ == StopReason::Complete) stop_ = static_cast<StopReason>(s);
    monitor.maybe_report([&] {
      ProgressSnapshot p;
      p.states = agreed_states_ + agreed_pending_;
      p.transitions = counted[0];
      p.depth = depth_;
      p.frontier = level_size_;
      p.bytes = bytes() * uint64_t(ranks_);
      return p;
    });
    if (stop_ != StopReason::Complete) {
      for (Outbox& o : outboxes_) {  // round r + 1, never sent
        for (auto& w : o.wire) w.clear();
        std::fill(o.sent_records.begin(), o.sent_records.end(), 0);
        o.transitions = o.terminal = o.records = 0;
      }
      return false;
    }
    if (agree[kMore] == 0) return true;
    post();
  }
}

template <ExplorableModel M, std::size_t W>
void DistributedSearch<M, W>::expand_slice(Outbox& o, uint64_t first, uint64_t last) {
  const std::size_t words = words_of();
  for (int d = 0; d < ranks_; ++d)
    if (d != rank_) o.streams[d].emplace(o.wire[d], words);
  for (uint64_t j = first; j <= last; ++j) {
    if (j < last) {
      typename Outbox::Batch& b = o.batches[j & 1];
      b.position = positions_[j];
      b.count = 0;
      const LabelMask bad = model_.expand(frontier_state(j), [&](ActionId a, const StateWord* next) {
        // The size again, not the captured `words`: the model's successor
        // function is not inlined here, and a captured size is no constant
        // (a memcpy call a successor, 2.6% of a rank's time).
        const std::size_t n = words_of();
        if ((b.count + 1) * n > b.states.size()) b.grow(n);
        copy_state(&b.states[b.count * n], next, n);
        b.actions[b.count++] = a;
      });
      const std::size_t count = b.count;
      if (count > 0xFFFF) throw std::runtime_error("model error: a state with more than 65535 successors");
      o.transitions += count;
      o.terminal += count == 0;
      o.coverage.count(b.actions.data(), count);
      if (bad) o.tally.add(bad, static_cast<StateId>(level_begin_ + b.position));
      if (b.owners.size() < count) b.owners.resize(b.hashes.size());
      for (std::size_t i = 0; i < count; ++i) {
        const uint64_t h = store_.template hash<W>(&b.states[i * words]);
        b.hashes[i] = h;
        b.owners[i] = owner(h);
        if (b.owners[i] != rank_) o.sent->template prefetch_whole<W>(cache_tag(h));
        else o.kept->template prefetch<W>(cache_tag(h));
      }
    }
    if (j > first) {  // the state before: in key order, as the caches need
      const typename Outbox::Batch& b = o.batches[(j - 1) & 1];
      for (std::size_t i = 0; i < b.count; ++i)
        send(o, b.owners[i], LevelRecords::key(b.position, i, b.actions[i]), b.hashes[i], &b.states[i * words]);
    }
  }
  for (int d = 0; d < ranks_; ++d) {
    if (d == rank_) continue;
    o.sent_records[d] = o.streams[d]->records();
    o.streams[d]->finish();
    o.streams[d].reset();
  }
}

// Codes [key][state] for another rank, unless this thread sent the state
// there lately; keeps it for this rank, unless this thread kept it lately
// (either way with a smaller key: keys grow as a thread goes).
template <ExplorableModel M, std::size_t W>
void DistributedSearch<M, W>::send(Outbox& o, int to_rank, uint64_t key, uint64_t h, const StateWord* s) {
  const std::size_t words = words_of();
  if (to_rank != rank_) {
    if (o.sent->template seen_or_record<W>(cache_tag(h), s)) return;
    o.streams[to_rank]->put(key, s);
    ++o.records;
    return;
  }
  if (o.kept->template seen_or_record<W>(cache_tag(h), s)) return;
  WordBuffer& to = o.own;
  uint64_t* record = to.append(words + 1);
  record[0] = key;
  copy_state(record + 1, s, words);
  ++o.records;
}

template <ExplorableModel M, std::size_t W>
void DistributedSearch<M, W>::receive(const std::vector<std::vector<uint64_t>>& in) {
  const auto records = [&](std::span<const uint64_t> from) {
    if (store_.kind() == StoreKind::Table) receive_records<StoreKind::Table>(from);
    else receive_records<StoreKind::HashCompaction>(from);
  };
  for (Outbox& o : outboxes_) {
    records(o.own.words());
    o.own.clear();
  }
  for (int s = 0; s < ranks_; ++s) {
    if (s == rank_ || in[s].empty()) continue;
    decoded_.clear();
    decode_records<W>(in[s], words_, decoded_);
    records(decoded_);
  }
}

// Hashes are computed first, and the slots the records will probe fetched
// kAhead records early.
template <ExplorableModel M, std::size_t W>
template <StoreKind K>
void DistributedSearch<M, W>::receive_records(std::span<const uint64_t> from) {
  constexpr std::size_t kAhead = 8;
  const std::size_t stride = words_of() + 1;
  const std::size_t n = from.size() / stride;
  if (table_full_ || n == 0) return;  // a full table: the run stops after this round
  VisitedTable& table = store_.table();
  try {
    // Room for every record, so that the prefetched slots are the ones probed.
    while (store_.size() + pending_keys_.size() + n > table.capacity()) table.grow();
  } catch (const std::length_error&) {
    table_full_ = true;
    return;
  }
  hashes_.resize(n);
  for (std::size_t i = 0; i < n; ++i) hashes_[i] = store_.template hash<W>(&from[i * stride + 1]);
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) table.prefetch(hashes_[i + kAhead]);
    // Half as far ahead, the slot fetched above names the stored state a
    // repeat from an earlier level will be compared with.
    if constexpr (K == StoreKind::Table)
      if (i + kAhead / 2 < n) store_.prefetch_stored(hashes_[i + kAhead / 2]);
    visit<K>(hashes_[i], from[i * stride], &from[i * stride + 1]);
  }
}

// One probe of the table: a new state takes the empty slot it reaches as
// a pending one; a repeat from this level lowers the pending key; a
// repeat from an earlier level is dropped.
template <ExplorableModel M, std::size_t W>
template <StoreKind K>
void DistributedSearch<M, W>::visit(uint64_t h, uint64_t key, const StateWord* s) {
  VisitedTable& table = store_.table();
  for (std::size_t i = table.home(h);; i = table.next(i)) {
    const uint64_t v = table.load(i);
    if (v == slot::kEmpty) {
      table.store(i, slot::pending(h, static_cast<uint32_t>(pending_keys_.size())));
      pending_keys_.push_back(key);
      pending_hashes_.push_back(h);
      copy_state(pending_states_.append(words_of()), s, words_of());
      return;
    }
    if (slot::is_pending(v)) {
      const uint32_t k = slot::payload(v);
      if (((v ^ h) & slot::kTagMask) == 0 && same_pending<K>(k, h, s)) {
        pending_keys_[k] = std::min(pending_keys_[k], key);
        return;
      }
    } else if (store_.template matches<K, W>(v, h, s)) {
      return;
    }
  }
}

// Whether pending state k is s (with hash h; their tags agree): exactly,
// or with hash compaction, by fingerprint, as the one-process engine and
// the stored states are compared.
template <ExplorableModel M, std::size_t W>
template <StoreKind K>
bool DistributedSearch<M, W>::same_pending(std::size_t k, uint64_t h, const StateWord* s) const {
  const StateWord* other = &pending_states_[k * words_of()];
  if constexpr (K == StoreKind::HashCompaction) {
    if (store_.wide_fingerprints())
      return store_.template side_hash_of<W>(other) == store_.template side_hash_of<W>(s);
    return slot::fingerprint(pending_hashes_[k]) == slot::fingerprint(h);
  }
  return pending_hashes_[k] == h && equal_states(other, s, words_of());
}

// Numbers the level's new states as a sequential search would (see the top
// of the file), stores them, and makes them the next frontier. Returns how
// many all ranks found.
template <ExplorableModel M, std::size_t W>
uint64_t DistributedSearch<M, W>::number_level() {
  const std::size_t n = pending_keys_.size();
  auto& [notices, got, answers, positions, scratch] = numbering_;
  for (auto* v : {&notices, &got, &answers, &positions}) {
    v->resize(ranks_);
    for (auto& w : *v) w.clear();
  }
  {
    // Per holder in key order: the keys code small, the positions
    // answered grow (explorer/wire_coding.hpp), and each holder's
    // answers come back in id order.
    by_holder_.resize(ranks_);
    for (auto& b : by_holder_) b.clear();
    for (std::size_t k = 0; k < n; ++k)
      by_holder_[holder(LevelRecords::parent_position(pending_keys_[k]), level_size_)].push_back(
          {pending_keys_[k], static_cast<uint32_t>(k)});
    for (int h = 0; h < ranks_; ++h) {
      std::sort(by_holder_[h].begin(), by_holder_[h].end());
      notices[h].reserve(by_holder_[h].size());
      for (const auto& e : by_holder_[h]) notices[h].push_back(e.first);
    }
  }
  // Coded for the other ranks; a rank's own stay words.
  const auto coded = [&](std::vector<std::vector<uint64_t>>& v, auto encode) {
    for (int d = 0; d < ranks_; ++d) {
      if (d == rank_ || v[d].empty()) continue;
      scratch.clear();
      encode(v[d], scratch);
      v[d].swap(scratch);
      stats_.numbering_words += v[d].size();
    }
  };
  const auto decoded = [&](std::vector<std::vector<uint64_t>>& v, auto decode) {
    for (int s = 0; s < ranks_; ++s) {
      if (s == rank_ || v[s].empty()) continue;
      scratch.clear();
      decode(v[s], scratch);
      v[s].swap(scratch);
    }
  };
  coded(notices, [](std::span<const uint64_t> a, std::vector<uint64_t>& c) { encode_keys(a, c); });
  exchange(notices, got);
  decoded(got, [](std::span<const uint64_t> a, std::vector<uint64_t>& d) { decode_keys(a, d); });
  // As the holder: merge the sorted keys of my range (one run per rank),
  // number them.
  std::vector<Notice>& mine = mine_;
  mine.clear();
  std::vector<std::size_t> runs{0};
  for (int s = 0; s < ranks_; ++s) {
    for (std::size_t j = 0; j < got[s].size(); ++j) mine.push_back({got[s][j], uint32_t(s), uint32_t(j)});
    runs.push_back(mine.size());
  }
  const auto by_key = [](const Notice& a, const Notice& b) { return a.key < b.key; };
  for (std::size_t width = 1; width < std::size_t(ranks_); width *= 2)
    for (std::size_t a = 0; a + width < std::size_t(ranks_); a += 2 * width)
      std::inplace_merge(mine.begin() + runs[a], mine.begin() + runs[a + width],
                         mine.begin() + runs[std::min(a + 2 * width, std::size_t(ranks_))], by_key);
  std::vector<uint64_t> counts(ranks_, 0);
  counts[rank_] = mine.size();
  reduce(counts, RankNetwork::Op::Sum);
  const uint64_t offset = std::accumulate(counts.begin(), counts.begin() + rank_, uint64_t{0});
  const uint64_t found = std::accumulate(counts.begin(), counts.end(), uint64_t{0});
  for (int s = 0; s < ranks_; ++s) answers[s].resize(got[s].size());
  for (std::size_t i = 0; i < mine.size(); ++i) answers[mine[i].from][mine[i].index] = offset + i;
  coded(answers, [](std::span<const uint64_t> a, std::vector<uint64_t>& c) { encode_increasing(a, c); });
  exchange(answers, positions);
  decoded(positions, [](std::span<const uint64_t> a, std::vector<uint64_t>& d) { decode_increasing(a, d); });
  const uint64_t next_begin = level_begin_ + level_size_;
  if (next_begin + found > StateStore::kMaxIds) throw std::length_error("more states than 32-bit ids can number");
  // As the owner: store the new states in id order, unless they do not fit.
  const uint64_t full = table_full_ || store_.size() + n > store_.max_states();
  if (!full) {
    if (store_.kind() == StoreKind::Table) store_level<StoreKind::Table>(positions, next_begin);
    else store_level<StoreKind::HashCompaction>(positions, next_begin);
  }
  std::vector<uint64_t> any_full{full};
  reduce(any_full, RankNetwork::Op::Sum);
  if (any_full[0] && stop_ == StopReason::Complete) stop_ = StopReason::MaxMemory;
  pending_keys_.clear();
  pending_hashes_.clear();
  pending_states_.clear();
  return found;
}

// Holder h's answers are increasing and below holder h + 1's, so the
// pending states in holder order, each holder's in notice order, are in id
// order already.
template <ExplorableModel M, std::size_t W>
template <StoreKind K>
void DistributedSearch<M, W>::store_level(const std::vector<std::vector<uint64_t>>& positions, uint64_t next_begin) {
  constexpr std::size_t kAhead = 8;  // the table's slots fetched ahead, as receiving does
  const std::size_t words = words_of();
  VisitedTable& table = store_.table();
  const uint64_t first_id = store_.size();
  uint64_t id = first_id, last = 0;
  for (int h = 0; h < ranks_; ++h) {
    const auto& asked = by_holder_[h];
    if (positions[h].size() != asked.size())
      throw std::logic_error("distributed search: a holder answered for a different number of states");
    for (std::size_t j = 0; j < asked.size(); ++j, ++id) {
      if (j + kAhead < asked.size()) table.prefetch(pending_hashes_[asked[j + kAhead].second]);
      const uint64_t position = positions[h][j];
      if (id > first_id && position <= last)
        throw std::logic_error("distributed search: the level's positions are not in id order");
      last = position;
      const uint32_t k = asked[j].second;
      const uint64_t key = pending_keys_[k], hash = pending_hashes_[k];
      const StateWord* s = &pending_states_[k * words];
      store_.template put<K, W>(static_cast<StateId>(id), s,
                                static_cast<StateId>(level_begin_ + LevelRecords::parent_position(key)),
                                LevelRecords::action(key));
      table.store(table.locate(hash, slot::pending(hash, k)), store_.template stored_slot<K>(hash, static_cast<StateId>(id)));
      global_ids_.push_back(static_cast<StateId>(next_begin + position));
      if constexpr (K != StoreKind::Table) {
        const std::size_t at = next_frontier_.size();
        next_frontier_.resize(at + words);
        copy_state(&next_frontier_[at], s, words);
      }
      next_positions_.push_back(static_cast<uint32_t>(position));
    }
  }
  store_.commit(id);
}

template <ExplorableModel M, std::size_t W>
std::vector<PathStep> DistributedSearch<M, W>::path_to(StateId id) {
  std::vector<ActionId> actions;
  for (StateId x = id; x != kNoState;) {
    // The owner of x says its parent and action; the others add nothing.
    std::vector<uint64_t> link(3, 0);
    const auto it = std::lower_bound(global_ids_.begin(), global_ids_.end(), x);
    if (it != global_ids_.end() && *it == x) {
      const StateId local = static_cast<StateId>(it - global_ids_.begin());
      link = {1, uint64_t(store_.parent(local)) + 1, store_.action(local)};
    }
    reduce(link, RankNetwork::Op::Or);
    if (link[0] != 1) throw std::logic_error("distributed search: no rank holds a state on the trace");
    const StateId parent = static_cast<StateId>(link[1] - 1);
    if (parent != kNoState) actions.push_back(static_cast<ActionId>(link[2]));
    x = parent;
  }
  std::reverse(actions.begin(), actions.end());
  std::vector<StateWord> init(words_);
  model_.initial(init.data());
  return replay_path(model_, init.data(), actions);
}

}  // namespace explorer
