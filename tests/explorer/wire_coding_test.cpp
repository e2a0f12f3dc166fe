// The distributed search's wire coding (explorer/wire_coding.hpp): records,
// keys and positions come back exactly, chunks coded apart decode end to
// end, the sizes are the ones the format promises, and a damaged message
// is an error, never a wrong record.
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "explorer/level_records.hpp"
#include "explorer/wire_coding.hpp"

using namespace explorer;

namespace {

// Siblings as a thread sends them: parents a few positions apart and
// alike (a level's neighbours), each successor its parent with one or two
// words changed in a byte or two.
std::vector<uint64_t> sibling_records(std::size_t words, std::size_t parents, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> raw;
  uint64_t position = 0;
  std::vector<StateWord> parent(words);
  for (auto& w : parent) w = rng() & 0x0000FFFF00FF00FFULL;
  for (std::size_t p = 0; p < parents; ++p) {
    position += rng() % 5;
    parent[rng() % words] ^= rng() & 0x00000000FF00FF00ULL;
    for (uint64_t ordinal = 0; ordinal < 1 + rng() % 6; ++ordinal) {
      raw.push_back(LevelRecords::key(position, ordinal, static_cast<ActionId>(rng() % 300)));
      std::vector<StateWord> s = parent;
      s[rng() % words] ^= uint64_t{1} << (rng() % 64);
      if (rng() & 1) s[rng() % words] += 3;
      raw.insert(raw.end(), s.begin(), s.end());
    }
  }
  return raw;
}

}  // namespace

TEST_CASE("wire coding: successor records come back exactly, at a fraction of their size", "[explorer][distributed]") {
  for (const std::size_t words : {1, 5, 9, 17}) {
    const std::vector<uint64_t> raw = sibling_records(words, 500, 7 + uint32_t(words));
    std::vector<uint64_t> wire;
    encode_records(raw, words, wire);
    std::vector<uint64_t> back;
    decode_records(wire, words, back);
    CHECK(back == raw);
    // A 5-word record (48 bytes) codes in under 16 on these siblings.
    if (words == 5) CHECK(wire.size() * 8 < raw.size() / 6 * 12);
  }
}

TEST_CASE("wire coding: chunks coded by different threads decode end to end", "[explorer][distributed]") {
  const std::size_t words = 5;
  const std::vector<uint64_t> a = sibling_records(words, 40, 1), b = sibling_records(words, 60, 2);
  std::vector<uint64_t> wire, empty;
  encode_records(a, words, wire);
  encode_records(empty, words, wire);  // a thread with nothing for this rank
  encode_records(b, words, wire);
  std::vector<uint64_t> back;
  decode_records(wire, words, back);
  std::vector<uint64_t> both = a;
  both.insert(both.end(), b.begin(), b.end());
  CHECK(back == both);
}

TEST_CASE("wire coding: a record stream codes the bytes encode_records codes and nothing when it got no record", "[explorer][distributed]") {
  for (const std::size_t words : {1, 5, 9, 17}) {
    const std::vector<uint64_t> raw = sibling_records(words, 300, 11 + uint32_t(words));
    std::vector<uint64_t> expected = {42};  // a word already in the message stays
    encode_records(raw, words, expected);
    std::vector<uint64_t> streamed = {42};
    RecordStream<0> stream(streamed, words);
    for (std::size_t at = 0; at < raw.size(); at += words + 1) stream.put(raw[at], &raw[at + 1]);
    CHECK(stream.records() == raw.size() / (words + 1));
    stream.finish();
    CHECK(streamed == expected);
    if (words == 5) {
      std::vector<uint64_t> fixed = {42};
      RecordStream<5> stream5(fixed, 0);
      for (std::size_t at = 0; at < raw.size(); at += words + 1) stream5.put(raw[at], &raw[at + 1]);
      stream5.finish();
      CHECK(fixed == expected);
      std::vector<uint64_t> back;
      decode_records<5>(std::span<const uint64_t>(fixed).subspan(1), 0, back);
      CHECK(back == raw);
    }
  }
  std::vector<uint64_t> untouched = {7, 8};
  RecordStream<0> none(untouched, 5);
  none.finish();
  CHECK(untouched == std::vector<uint64_t>{7, 8});
}

TEST_CASE("wire coding: the sizes of a record, a key and a position", "[explorer][distributed]") {
  const std::size_t words = 5;
  // Two records: the first against zeros (key: parent delta 7 with ordinal
  // 0 in one byte, action 12 in one; word mask 1 byte; words 0 and 4 with
  // one non-zero byte each: 2 + 2), the second a sibling (ordinal 1 in one
  // byte, action 13 as a delta of +1 in one) with one byte of word 4
  // changed (mask 1, word 2).
  const std::vector<uint64_t> raw = {LevelRecords::key(7, 0, 12), 0x11, 0, 0, 0, 0x2200,
                                     LevelRecords::key(7, 1, 13), 0x11, 0, 0, 0, 0x2300};
  std::vector<uint64_t> wire;
  encode_records(raw, words, wire);
  CHECK(wire[0] == (uint64_t{2} | uint64_t{7 + 5} << 32));  // header: 2 records, 12 bytes
  CHECK(wire.size() == 1 + 2);                              // 12 bytes in 2 words
  // Sorted keys: parent delta with ordinal, then the action (a delta of
  // +199, zigzag 398, between siblings).
  std::vector<uint64_t> keys = {LevelRecords::key(5, 2, 1), LevelRecords::key(5, 3, 200), LevelRecords::key(1u << 20, 0, 0)};
  std::vector<uint64_t> coded;
  encode_keys(keys, coded);
  CHECK((coded[0] >> 32) == 2 + 3 + 5);  // 1+1, 1+2, 4+1 bytes
  std::vector<uint64_t> back;
  decode_keys(coded, back);
  CHECK(back == keys);
  const std::vector<uint64_t> positions = {3, 5, 6, 300, 1u << 30};
  coded.clear();
  encode_increasing(positions, coded);
  CHECK((coded[0] >> 32) == 1 + 1 + 1 + 2 + 5);
  back.clear();
  decode_increasing(coded, back);
  CHECK(back == positions);
}

TEST_CASE("wire coding: a damaged message is an error", "[explorer][distributed]") {
  const std::size_t words = 5;
  const std::vector<uint64_t> raw = sibling_records(words, 20, 3);
  std::vector<uint64_t> wire;
  encode_records(raw, words, wire);
  std::vector<uint64_t> back;
  std::vector<uint64_t> cut(wire.begin(), wire.end() - 1);
  CHECK_THROWS_WITH(decode_records(cut, words, back), "distributed search: a wire chunk runs past its message");
  std::vector<uint64_t> fewer = wire;
  fewer[0] -= 1;  // one record less than the bytes hold
  back.clear();
  CHECK_THROWS_WITH(decode_records(fewer, words, back), "distributed search: a wire chunk has bytes past its records");
  std::vector<uint64_t> more = wire;
  more[0] += 1;
  back.clear();
  CHECK_THROWS_WITH(decode_records(more, words, back), "distributed search: a wire chunk ends inside a record");
  // One record whose word mask names word 6 of a 5-word state.
  const std::vector<uint64_t> past = {uint64_t{1} | uint64_t{5} << 32, 0x0701400000ULL};
  back.clear();
  CHECK_THROWS_WITH(decode_records(past, words, back), "distributed search: a wire record names a word past its state");
}

TEST_CASE("wire coding: keys out of order, large ordinals and any action come back exactly", "[explorer][distributed]") {
  std::mt19937_64 rng(11);
  std::vector<uint64_t> keys;
  for (int i = 0; i < 2000; ++i)
    keys.push_back(LevelRecords::key(rng() % 4 == 0 ? rng() & 0xFFFFFFFF : 17, rng() % 70000 & 0xFFFF,
                                     static_cast<ActionId>(rng() & 0xFFFF)));
  std::vector<uint64_t> coded, back;
  encode_keys(keys, coded);
  decode_keys(coded, back);
  CHECK(back == keys);
}
