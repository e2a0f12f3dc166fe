// The ranks of a distributed search and the few collective operations they
// need of each other, behind a narrow interface: the engine
// (explorer/distributed_search.hpp) knows nothing of MPI. distributed/ has
// the MPI implementation; explorer/thread_network.hpp runs ranks as threads
// of one process, for tests. Every call moves a batch of states, never one,
// so a virtual call costs nothing here.
//
// Every operation is collective: all ranks call it, in the same order.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace explorer {

class RankNetwork {
 public:
  enum class Op { Sum, Min, Max, Or };

  virtual ~RankNetwork() = default;
  virtual int rank() const = 0;
  virtual int ranks() const = 0;
  // All-to-all, in two halves so that a rank can work between them:
  // out[d] goes to rank d (out has ranks() entries) and `sum` is added up
  // over the ranks (the same length on all). `out` must stay as it is until
  // finish_exchange, which fills in[s] with what rank s sent to this one
  // and `sum` (as long as start's) with the totals. At most one exchange
  // is open on a rank at a time; a rank that starts the next one before a
  // slower rank finished this one is fine (the messages keep their order).
  virtual void start_exchange(const std::vector<std::vector<uint64_t>>& out, std::span<const uint64_t> sum) = 0;
  virtual void finish_exchange(std::vector<std::vector<uint64_t>>& in, std::span<uint64_t> sum) = 0;
  // Both halves at once, with nothing to add up.
  void exchange(const std::vector<std::vector<uint64_t>>& out, std::vector<std::vector<uint64_t>>& in) {
    start_exchange(out, {});
    finish_exchange(in, {});
  }
  // values[i] becomes op over every rank's values[i] (the same length on all).
  virtual void reduce_all(std::span<uint64_t> values, Op op) = 0;

  // Words this rank sent to other ranks by exchanges (what it sends to
  // itself never leaves the process; the sums are not counted).
  uint64_t words_sent() const { return words_sent_; }

 protected:
  void count_sent(const std::vector<std::vector<uint64_t>>& out) {
    for (std::size_t d = 0; d < out.size(); ++d)
      if (static_cast<int>(d) != rank()) words_sent_ += out[d].size();
  }

 private:
  uint64_t words_sent_ = 0;
};

}  // namespace explorer
