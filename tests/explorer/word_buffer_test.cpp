// explorer/word_buffer.hpp: appended words stay in order across the
// doublings, clear keeps the storage, and words() is exactly what was
// appended.
#include <catch2/catch.hpp>

#include <vector>

#include "explorer/word_buffer.hpp"

using namespace explorer;

TEST_CASE("word buffer: appends keep every word in order across growth and clear keeps the storage", "[explorer]") {
  WordBuffer b;
  REQUIRE(b.empty());
  std::vector<uint64_t> expected;
  for (uint64_t r = 0; r < 1000; ++r) {  // records of 6 words, as [key][5-word state]
    uint64_t* w = b.append(6);
    for (uint64_t i = 0; i < 6; ++i) w[i] = r * 10 + i, expected.push_back(r * 10 + i);
  }
  REQUIRE(b.size() == 6000);
  REQUIRE(std::vector<uint64_t>(b.words().begin(), b.words().end()) == expected);
  REQUIRE(b[5999] == 9995);
  const std::size_t capacity = b.capacity();
  REQUIRE(capacity >= 6000);
  b.clear();
  REQUIRE(b.empty());
  REQUIRE(b.words().empty());
  REQUIRE(b.capacity() == capacity);
  b.append(3)[2] = 7;
  REQUIRE(b.size() == 3);
  REQUIRE(b[2] == 7);
  REQUIRE(b.capacity() == capacity);
}
