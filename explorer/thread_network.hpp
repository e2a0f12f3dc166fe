// Ranks as threads of one process: the RankNetwork the tests use to run a
// distributed search on 1..N "ranks" without MPI (the same engine, the same
// exchanges, a shared mailbox instead of the wire). One ThreadNetworkHub is
// shared by the ranks; each thread talks through its own ThreadNetwork.
#pragma once

#include <algorithm>
#include <barrier>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "explorer/rank_network.hpp"

namespace explorer {

class ThreadNetworkHub {
 public:
  explicit ThreadNetworkHub(int ranks)
      : ranks_(ranks), barrier_(ranks), mail_(ranks * ranks), values_(ranks) {}
  int ranks() const { return ranks_; }

 private:
  friend class ThreadNetwork;
  // One message: its words and the sender's words to add up.
  struct Letter {
    std::vector<uint64_t> words, sum;
  };
  int ranks_;
  std::barrier<> barrier_;
  std::mutex mutex_;
  std::condition_variable posted_;
  std::vector<std::deque<Letter>> mail_;       // [from * ranks + to], oldest first
  std::vector<std::vector<uint64_t>> values_;  // [rank]
};

class ThreadNetwork final : public RankNetwork {
 public:
  ThreadNetwork(ThreadNetworkHub& hub, int rank) : hub_(hub), rank_(rank) {}
  int rank() const override { return rank_; }
  int ranks() const override { return hub_.ranks_; }

  // A letter to every rank, itself included, as MPI's point to point
  // messages: a rank may post the next exchange before a slower one took
  // this one's.
  void start_exchange(const std::vector<std::vector<uint64_t>>& out, std::span<const uint64_t> sum) override {
    count_sent(out);
    std::lock_guard lock(hub_.mutex_);
    for (int d = 0; d < hub_.ranks_; ++d)
      hub_.mail_[rank_ * hub_.ranks_ + d].push_back({out[d], std::vector<uint64_t>(sum.begin(), sum.end())});
    hub_.posted_.notify_all();
  }

  void finish_exchange(std::vector<std::vector<uint64_t>>& in, std::span<uint64_t> sum) override {
    in.resize(hub_.ranks_);
    std::fill(sum.begin(), sum.end(), 0);
    std::unique_lock lock(hub_.mutex_);
    for (int s = 0; s < hub_.ranks_; ++s) {
      auto& box = hub_.mail_[s * hub_.ranks_ + rank_];
      hub_.posted_.wait(lock, [&] { return !box.empty(); });
      in[s] = std::move(box.front().words);
      for (std::size_t i = 0; i < sum.size() && i < box.front().sum.size(); ++i) sum[i] += box.front().sum[i];
      box.pop_front();
    }
  }

  void reduce_all(std::span<uint64_t> values, Op op) override {
    hub_.values_[rank_].assign(values.begin(), values.end());
    hub_.barrier_.arrive_and_wait();
    for (std::size_t i = 0; i < values.size(); ++i) {
      uint64_t v = hub_.values_[0][i];
      for (int r = 1; r < hub_.ranks_; ++r) {
        const uint64_t x = hub_.values_[r][i];
        switch (op) {
          case Op::Sum: v += x; break;
          case Op::Min: v = std::min(v, x); break;
          case Op::Max: v = std::max(v, x); break;
          case Op::Or: v |= x; break;
        }
      }
      values[i] = v;
    }
    hub_.barrier_.arrive_and_wait();
  }

 private:
  ThreadNetworkHub& hub_;
  int rank_;
};

// Runs body(network) on `ranks` threads, one per rank, and waits for all.
inline void run_on_thread_ranks(int ranks, const std::function<void(RankNetwork&)>& body) {
  ThreadNetworkHub hub(ranks);
  std::vector<std::thread> threads;
  for (int r = 0; r < ranks; ++r)
    threads.emplace_back([&hub, &body, r] {
      ThreadNetwork net(hub, r);
      body(net);
    });
  for (auto& t : threads) t.join();
}

}  // namespace explorer
