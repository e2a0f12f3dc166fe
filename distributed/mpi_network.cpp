#include "distributed/mpi_network.hpp"

#include <mpi.h>

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace lgr {
namespace {

// MPI counts are int: a message goes in pieces of at most this many words.
constexpr uint64_t kMaxWordsPerCall = uint64_t{1} << 27;  // 1 GiB
constexpr int kHeadTag = 1, kDataTag = 2;

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

MpiNetwork::~MpiNetwork() {
  open_.reset();
  MPI_Finalize();
}

void MpiNetwork::abort(int status) { MPI_Abort(MPI_COMM_WORLD, status); __builtin_unreachable(); }

// Point to point, each message straight from the sender's vector into the
// receiver's: a collective all-to-all (Alltoallv) needs every message laid
// end to end in one buffer first and taken apart after, two copies of
// every word (3.5% of a rank's time on 2 ranks). A header [words, sum...]
// to each peer says how long its message is and carries the words to add
// up, so no reduction is needed either: one synchronisation a round.
struct MpiNetwork::Open {
  const std::vector<std::vector<uint64_t>>* out = nullptr;
  std::vector<uint64_t> head_out, head_in, sum;
  std::vector<MPI_Request> sends, recvs;
};

void MpiNetwork::start_exchange(const std::vector<std::vector<uint64_t>>& out, std::span<const uint64_t> sum) {
  if (!open_) open_ = std::make_unique<Open>();
  Open& o = *open_;
  if (o.out) throw std::logic_error("MPI exchange started while one is open");
  if (out.size() != static_cast<std::size_t>(ranks_)) throw std::logic_error("MPI exchange with a message per rank missing");
  count_sent(out);
  o.out = &out;
  o.sum.assign(sum.begin(), sum.end());
  const std::size_t h = 1 + sum.size();
  o.head_out.resize(h * ranks_);
  o.sends.clear();
  for (int d = 0; d < ranks_; ++d) {
    if (d == rank_) continue;
    uint64_t* head = &o.head_out[h * d];
    head[0] = out[d].size();
    std::copy(sum.begin(), sum.end(), head + 1);
    o.sends.emplace_back();
    check(MPI_Isend(head, static_cast<int>(h), MPI_UINT64_T, d, kHeadTag, MPI_COMM_WORLD, &o.sends.back()), "MPI_Isend");
    for (uint64_t done = 0; done < out[d].size(); done += kMaxWordsPerCall) {
      o.sends.emplace_back();
      check(MPI_Isend(out[d].data() + done, static_cast<int>(std::min(kMaxWordsPerCall, out[d].size() - done)),
                      MPI_UINT64_T, d, kDataTag, MPI_COMM_WORLD, &o.sends.back()),
            "MPI_Isend");
    }
  }
}

void MpiNetwork::finish_exchange(std::vector<std::vector<uint64_t>>& in, std::span<uint64_t> sum) {
  if (!open_ || !open_->out) throw std::logic_error("MPI exchange finished without one open");
  Open& o = *open_;
  if (sum.size() != o.sum.size()) throw std::logic_error("MPI exchange finished with another number of words to add up");
  const std::size_t h = 1 + sum.size();
  o.head_in.resize(h * ranks_);
  o.recvs.clear();
  for (int s = 0; s < ranks_; ++s) {
    if (s == rank_) continue;
    o.recvs.emplace_back();
    check(MPI_Irecv(&o.head_in[h * s], static_cast<int>(h), MPI_UINT64_T, s, kHeadTag, MPI_COMM_WORLD, &o.recvs.back()),
          "MPI_Irecv");
  }
  check(MPI_Waitall(static_cast<int>(o.recvs.size()), o.recvs.data(), MPI_STATUSES_IGNORE), "MPI_Waitall");
  in.resize(ranks_);
  o.recvs.clear();
  std::copy(o.sum.begin(), o.sum.end(), sum.begin());
  for (int s = 0; s < ranks_; ++s) {
    if (s == rank_) {
      in[s] = (*o.out)[s];
      continue;
    }
    const uint64_t* head = &o.head_in[h * s];
    for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += head[1 + i];
    in[s].resize(head[0]);
    for (uint64_t done = 0; done < head[0]; done += kMaxWordsPerCall) {
      o.recvs.emplace_back();
      check(MPI_Irecv(in[s].data() + done, static_cast<int>(std::min(kMaxWordsPerCall, head[0] - done)), MPI_UINT64_T, s,
                      kDataTag, MPI_COMM_WORLD, &o.recvs.back()),
            "MPI_Irecv");
    }
  }
  check(MPI_Waitall(static_cast<int>(o.recvs.size()), o.recvs.data(), MPI_STATUSES_IGNORE), "MPI_Waitall");
  check(MPI_Waitall(static_cast<int>(o.sends.size()), o.sends.data(), MPI_STATUSES_IGNORE), "MPI_Waitall");
  o.out = nullptr;
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
