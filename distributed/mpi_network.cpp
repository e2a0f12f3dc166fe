#include "distributed/mpi_network.hpp"

#include <mpi.h>

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace lgr {
namespace {

// MPI counts are int: an exchange moves at most this many words per peer
// per call, in as many calls as the largest message needs.
constexpr uint64_t kMaxWordsPerCall = uint64_t{1} << 27;  // 1 GiB

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw std::runtime_error(std::string("MPI error in ") + what);
}

}  // namespace

MpiNetwork::MpiNetwork(int* argc, char*** argv) {
  int provided = 0;
  // Only the main thread calls MPI; the oneTBB workers only expand states.
  check(MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
  // Errors end the whole job (the default, said again): a rank that dies
  // must never leave the others waiting or let one report a pass.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_ARE_FATAL);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks_);
}

MpiNetwork::~MpiNetwork() { MPI_Finalize(); }

void MpiNetwork::abort(int status) { MPI_Abort(MPI_COMM_WORLD, status); __builtin_unreachable(); }

void MpiNetwork::exchange(const std::vector<std::vector<uint64_t>>& out, std::vector<std::vector<uint64_t>>& in) {
  count_sent(out);
  const int n = ranks_;
  // One all-to-all says both what each rank gets and, with every message's
  // second word, each rank's largest message: so every rank knows how many
  // calls the chunking takes (the largest anywhere) without a reduction.
  uint64_t mine = 0;
  for (int d = 0; d < n; ++d) mine = std::max<uint64_t>(mine, out[d].size());
  counts_out_.resize(2 * n);
  counts_in_.resize(2 * n);
  for (int d = 0; d < n; ++d) counts_out_[2 * d] = out[d].size(), counts_out_[2 * d + 1] = mine;
  check(MPI_Alltoall(counts_out_.data(), 2, MPI_UINT64_T, counts_in_.data(), 2, MPI_UINT64_T, MPI_COMM_WORLD),
        "MPI_Alltoall");
  std::vector<uint64_t> send_words(n), recv_words(n);
  uint64_t largest = 0;  // any message received anywhere was sent by some rank
  for (int s = 0; s < n; ++s) {
    send_words[s] = out[s].size();
    recv_words[s] = counts_in_[2 * s];
    largest = std::max(largest, counts_in_[2 * s + 1]);
  }
  in.resize(n);
  for (int s = 0; s < n; ++s) in[s].resize(recv_words[s]);
  std::vector<int> sc(n), sd(n), rc(n), rd(n);
  std::vector<uint64_t>& send_buf = send_buf_;
  std::vector<uint64_t>& recv_buf = recv_buf_;
  for (uint64_t done = 0; done < largest; done += kMaxWordsPerCall) {
    // This call's piece of every message: words [done, done + kMaxWordsPerCall).
    uint64_t st = 0, rt = 0;
    for (int d = 0; d < n; ++d) {
      sc[d] = static_cast<int>(std::min(kMaxWordsPerCall, send_words[d] - std::min(send_words[d], done)));
      rc[d] = static_cast<int>(std::min(kMaxWordsPerCall, recv_words[d] - std::min(recv_words[d], done)));
      sd[d] = static_cast<int>(st);
      rd[d] = static_cast<int>(rt);
      st += sc[d];
      rt += rc[d];
    }
    if (st > INT_MAX || rt > INT_MAX) throw std::length_error("MPI exchange too large for one call");
    send_buf.resize(st);
    recv_buf.resize(rt);
    for (int d = 0; d < n; ++d) std::copy_n(out[d].data() + done, sc[d], send_buf.data() + sd[d]);
    check(MPI_Alltoallv(send_buf.data(), sc.data(), sd.data(), MPI_UINT64_T, recv_buf.data(), rc.data(), rd.data(),
                        MPI_UINT64_T, MPI_COMM_WORLD),
          "MPI_Alltoallv");
    for (int s = 0; s < n; ++s) std::copy_n(recv_buf.data() + rd[s], rc[s], in[s].data() + done);
  }
}

void MpiNetwork::reduce_all(std::span<uint64_t> values, Op op) {
  MPI_Op o = MPI_SUM;
  switch (op) {
    case Op::Sum: o = MPI_SUM; break;
    case Op::Min: o = MPI_MIN; break;
    case Op::Max: o = MPI_MAX; break;
    case Op::Or: o = MPI_BOR; break;
  }
  check(MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_UINT64_T, o, MPI_COMM_WORLD),
        "MPI_Allreduce");
}

}  // namespace lgr
