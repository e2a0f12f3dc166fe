// explorer/recent_states.hpp: a repeat is caught only when the whole state
// matches, a newer state with the same slot evicts the older one, clear
// forgets everything, and bytes() is what the distributed search counts in
// a rank's memory (a power of two of [hash][state] entries).
#include <catch2/catch.hpp>

#include <array>

#include "explorer/recent_states.hpp"

using namespace explorer;

TEST_CASE("recent states: whole-state repeats are caught and a slot keeps the newest state", "[explorer]") {
  RecentStates cache(5, std::size_t{1} << 20);
  // 1 MiB / 48 bytes = 21845 entries, rounded down to 16384.
  REQUIRE(cache.bytes() == 16384 * 6 * 8);
  const std::array<StateWord, 5> a{1, 2, 3, 4, 5}, b{1, 2, 3, 4, 6};
  const uint64_t h = 0x8000000000000007ULL, same_slot = h + 16384;
  REQUIRE_FALSE(cache.seen_or_record<5>(h, a.data()));
  REQUIRE(cache.seen_or_record<5>(h, a.data()));
  REQUIRE_FALSE(cache.seen_or_record<5>(h, b.data()));  // same hash, another state: not a repeat
  REQUIRE(cache.seen_or_record<5>(h, b.data()));
  REQUIRE_FALSE(cache.seen_or_record<5>(h, a.data()));  // b had replaced it
  REQUIRE_FALSE(cache.seen_or_record<5>(same_slot, b.data()));
  REQUIRE_FALSE(cache.seen_or_record<5>(h, a.data()));  // evicted by the other hash in its slot
  cache.clear();
  REQUIRE_FALSE(cache.seen_or_record<5>(h, a.data()));
  RecentStates small(5, 100);  // never under 64 entries
  REQUIRE(small.bytes() == 64 * 6 * 8);
}
