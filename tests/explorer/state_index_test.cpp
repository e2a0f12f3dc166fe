// The batched state index of the liveness graph rebuild.
#include <catch2/catch.hpp>

#include <vector>

#include "explorer/state_index.hpp"

using namespace explorer;

TEST_CASE("liveness: the state index finds every stored state and no other, in batches of any size",
          "[liveness]") {
  // 3-word states; state i is (i, i * i, 7), so state i+n is never stored.
  const uint64_t n = 5000;
  std::vector<StateWord> arena;
  for (uint64_t i = 0; i < n; ++i) arena.insert(arena.end(), {i, i * i, 7});
  const StateIndex index(n, 3, [&](StateId id) { return &arena[std::size_t(id) * 3]; });

  for (std::size_t batch : {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{200}}) {
    std::vector<StateWord> query;
    std::vector<StateId> expected;
    for (uint64_t k = 0; k < batch; ++k) {
      const uint64_t i = (k * 7919) % (2 * n);  // half of them absent
      query.insert(query.end(), {i, i * i, 7});
      expected.push_back(i < n ? StateId(i) : kNoState);
    }
    std::vector<StateId> ids(batch, 12345);
    index.find_batch(query.data(), batch, ids.data());
    CHECK(ids == expected);
  }
  // Same first two words, different third: a different state.
  const StateWord other[3] = {5, 25, 8};
  StateId id = 0;
  index.find_batch(other, 1, &id);
  CHECK(id == kNoState);
  CHECK(index.bytes() == 16384 * 8);  // the smallest power of two >= 2n slots, 8 bytes each
}
