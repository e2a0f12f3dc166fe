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
  // All-to-all: out[d] goes to rank d (out has ranks() entries); in[s]
  // receives what rank s sent to this one.
  virtual void exchange(const std::vector<std::vector<uint64_t>>& out, std::vector<std::vector<uint64_t>>& in) = 0;
  // values[i] becomes op over every rank's values[i] (the same length on all).
  virtual void reduce_all(std::span<uint64_t> values, Op op) = 0;

  // Words this rank sent to other ranks by exchange() (what it sends to
  // itself never leaves the process).
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
