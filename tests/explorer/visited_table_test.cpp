// The visited table's growth by 1.5 and 4/3: the sizes it goes through,
// every entry found again after each growth, homes in order at any size and
// the power-of-two homes unchanged (h's top bits).
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "explorer/state_hash.hpp"
#include "explorer/visited_table.hpp"

using explorer::VisitedTable;
namespace slot = explorer::slot;

namespace {

bool holds(const VisitedTable& t, uint64_t v) {
  for (std::size_t i = t.home(v);; i = t.next(i)) {
    if (t.load(i) == v) return true;
    if (t.load(i) == slot::kEmpty) return false;
  }
}

void put(VisitedTable& t, uint64_t v) {
  std::size_t i = t.home(v);
  for (uint64_t expected = slot::kEmpty; !t.claim(i, expected, v); expected = slot::kEmpty) i = t.next(i);
}

}  // namespace

TEST_CASE("visited table: grows by 1.5 and 4/3 and finds every entry again", "[explorer]") {
  VisitedTable t(VisitedTable::kDenseLoad, 16);
  std::vector<uint64_t> entries;
  std::vector<std::size_t> sizes = {t.slots()};
  for (uint64_t k = 1; entries.size() < 300000; ++k) {
    if (entries.size() + 1 > t.capacity()) {
      CHECK(t.grown_bytes() == (sizes.size() % 2 ? t.slots() * 3 / 2 : t.slots() / 3 * 4) * 8);
      t.grow();
      sizes.push_back(t.slots());
      for (uint64_t v : entries) REQUIRE(holds(t, v));
    }
    const uint64_t v = slot::stored_id(slot::normalise(explorer::mix64(k * 0x9e3779b97f4a7c15ULL)), uint32_t(k));
    put(t, v);
    entries.push_back(v);
  }
  CHECK(sizes == std::vector<std::size_t>{65536, 98304, 131072, 196608, 262144, 393216});
  CHECK(t.bytes() == 393216 * 8);
  for (uint64_t v : entries) CHECK(holds(t, v));
  CHECK_FALSE(holds(t, slot::stored_id(slot::normalise(explorer::mix64(12345)), 0)));
}

TEST_CASE("visited table: a home is the tag scaled to the table, in order", "[explorer]") {
  VisitedTable pow2(VisitedTable::kFastLoad, 16);
  VisitedTable odd(VisitedTable::kFastLoad, 16);
  odd.grow();  // 98,304 slots
  REQUIRE(odd.slots() == 98304);
  std::size_t last = 0;
  for (uint64_t tag = 1; tag < (uint64_t{1} << 31); tag += 99991) {
    const uint64_t h = tag << 33 | 0x1234;
    CHECK(pow2.home(h) == h >> 48);  // the top 16 bits, as before
    const std::size_t i = odd.home(h);
    CHECK(i < 98304);
    CHECK(i >= last);
    last = i;
  }
  CHECK(odd.home(~uint64_t{0}) == 98303);
  CHECK(odd.next(98303) == 0);
  CHECK(odd.next(5) == 6);
}
