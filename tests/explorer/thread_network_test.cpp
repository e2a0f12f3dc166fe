// The split exchange of explorer/rank_network.hpp, on ranks as threads
// (explorer/thread_network.hpp): every rank gets what each rank sent it
// and the sum of every rank's words, and a rank that starts its next
// exchange before a slower rank finished this one still gets each
// exchange's messages in order (the distributed search pipelines its
// rounds so).
#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <thread>
#include <vector>

#include "explorer/thread_network.hpp"

using namespace explorer;

TEST_CASE("rank network: a split exchange delivers each round's messages and sums in order to every rank", "[explorer][distributed]") {
  constexpr int kRanks = 3, kRounds = 5;
  // got[rank][round][from]: the first word of the message; sums[rank][round]
  std::vector<std::vector<std::vector<uint64_t>>> got(kRanks, std::vector<std::vector<uint64_t>>(kRounds));
  std::vector<std::vector<std::vector<uint64_t>>> sizes = got;
  std::vector<std::vector<std::array<uint64_t, 2>>> sums(kRanks, std::vector<std::array<uint64_t, 2>>(kRounds));
  run_on_thread_ranks(kRanks, [&](RankNetwork& net) {
    const int me = net.rank();
    std::vector<std::vector<uint64_t>> out, in;
    for (int r = 0; r < kRounds; ++r) {
      // Round r's messages: rank d gets [100 r + 10 me + d] and me + d more words.
      out.assign(kRanks, {});
      for (int d = 0; d < kRanks; ++d) out[d].assign(1 + me + d, uint64_t(100 * r + 10 * me + d));
      const std::array<uint64_t, 2> mine = {uint64_t(me + 1), uint64_t(r)};
      net.start_exchange(out, mine);
      // Rank 0 is slow: the others post round r + 1 before it took round r.
      if (me == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      std::array<uint64_t, 2> sum{};
      net.finish_exchange(in, sum);
      sums[me][r] = sum;
      for (int s = 0; s < kRanks; ++s) {
        got[me][r].push_back(in[s].empty() ? 0 : in[s][0]);
        sizes[me][r].push_back(in[s].size());
      }
    }
  });
  for (int me = 0; me < kRanks; ++me)
    for (int r = 0; r < kRounds; ++r) {
      CHECK(sums[me][r] == std::array<uint64_t, 2>{1 + 2 + 3, uint64_t(kRanks * r)});
      for (int s = 0; s < kRanks; ++s) {
        CHECK(got[me][r][s] == uint64_t(100 * r + 10 * s + me));
        CHECK(sizes[me][r][s] == uint64_t(1 + s + me));
      }
    }
}
