// The RankNetwork of a run under mpirun or srun: Open MPI's plain C API,
// states as plain 64-bit words (no serialization). The only code that
// includes mpi.h. Constructing one initialises MPI and destroying it
// finalises it, so a check without --distributed never touches MPI.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "explorer/rank_network.hpp"

namespace lgr {

class MpiNetwork final : public explorer::RankNetwork {
 public:
  MpiNetwork(int* argc, char*** argv);
  ~MpiNetwork() override;
  MpiNetwork(const MpiNetwork&) = delete;
  MpiNetwork& operator=(const MpiNetwork&) = delete;

  int rank() const override { return rank_; }
  int ranks() const override { return ranks_; }
  void start_exchange(const std::vector<std::vector<uint64_t>>& out, std::span<const uint64_t> sum) override;
  void finish_exchange(std::vector<std::vector<uint64_t>>& in, std::span<uint64_t> sum) override;
  void reduce_all(std::span<uint64_t> values, Op op) override;
  // Ends every rank at once (a rank that cannot go on must not leave the
  // others waiting in a collective).
  [[noreturn]] void abort(int status);

 private:
  int rank_ = 0, ranks_ = 1;
  // The open exchange: per peer a header [words, sum...] out and in, and
  // the requests of its messages. Kept from call to call: an exchange a
  // round must not cost page faults.
  struct Open;  // (mpi.h stays in the .cpp)
  std::unique_ptr<Open> open_;
};

}  // namespace lgr
