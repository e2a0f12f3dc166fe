// The distributed search's records, coded for the wire. Between machines
// the network, not the CPU, is the bottleneck (docs/distributed.md), and a
// round's records to one rank are alike: a thread sends them in discovery
// key order, so consecutive records are mostly siblings, with keys a few
// apart and states that differ in a word or two. So a record is coded
// against the one before it in its chunk:
//   key    the parent position's delta with the ordinal, then the action
//          (a delta between siblings), as varints (KeyCoder)
//   state  the words that differ from the previous state (a bit mask of
//          ceil(W/8) bytes), and of each such word's XOR only the bytes
//          that are not zero (a byte mask, then those bytes)
// which makes a 48-byte record (5 words and the key) about 10 bytes. The
// positions the numbering answers with are coded the same way (deltas).
//
// Lossless and deterministic: the decoder rebuilds exactly the words
// coded. A chunk is [records][bytes] in one header word, then its bytes,
// padded to whole words (the network moves words); the first record of a
// chunk is coded against an all-zero key and state, so chunks coded by
// different threads can be laid end to end.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <vector>

#include "explorer/model_interface.hpp"

namespace explorer {

class WireWriter {
 public:
  // Appends one chunk to `out`.
  explicit WireWriter(std::vector<uint64_t>& out) : out_(out), header_(out.size()) {
    out_.push_back(0);
    at_ = out_.size() * 8;
  }
  // Room for `bytes` more before the next put (the puts do not check).
  void reserve(std::size_t bytes) {
    const std::size_t need = (at_ + bytes + 7) / 8;
    if (need > out_.size()) out_.resize(std::max(need, out_.size() + out_.size() / 2));
  }
  void put_byte(uint8_t b) { data()[at_++] = b; }
  void put_varint(uint64_t v) {
    while (v >= 0x80) {
      put_byte(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    put_byte(static_cast<uint8_t>(v));
  }
  // s against prev (both `words` long).
  void put_state(const StateWord* prev, const StateWord* s, std::size_t words) {
    const std::size_t mask_at = at_;
    for (std::size_t m = 0; m < (words + 7) / 8; ++m) put_byte(0);
    for (std::size_t w = 0; w < words; ++w) {
      const uint64_t x = s[w] ^ prev[w];
      if (x == 0) continue;
      data()[mask_at + w / 8] |= static_cast<uint8_t>(1u << (w % 8));
      const std::size_t byte_mask_at = at_++;
      uint8_t byte_mask = 0;
      for (int b = 0; b < 8; ++b)
        if (const uint8_t v = static_cast<uint8_t>(x >> (8 * b))) {
          byte_mask |= static_cast<uint8_t>(1u << b);
          put_byte(v);
        }
      data()[byte_mask_at] = byte_mask;
    }
  }
  // Closes the chunk of `records` records.
  void finish(uint64_t records) {
    const uint64_t bytes = at_ - (header_ + 1) * 8;
    if (bytes >> 32 || records >> 32) throw std::length_error("a wire chunk over 4 GiB");
    out_.resize((at_ + 7) / 8);
    out_[header_] = records | bytes << 32;
  }
  // The most bytes one record can take: three varints, the masks, the words.
  static std::size_t max_record_bytes(std::size_t words) { return 30 + (words + 7) / 8 + 9 * words; }

 private:
  uint8_t* data() { return reinterpret_cast<uint8_t*>(out_.data()); }
  std::vector<uint64_t>& out_;
  std::size_t header_, at_;
};

class WireReader {
 public:
  explicit WireReader(std::span<const uint64_t> in) : in_(in) {}
  bool done() const { return next_ >= in_.size(); }
  // Opens the next chunk; returns its record count.
  uint64_t open_chunk() {
    const uint64_t header = in_[next_];
    const std::size_t bytes = header >> 32;
    at_ = (next_ + 1) * 8;
    end_ = at_ + bytes;
    next_ += 1 + (bytes + 7) / 8;
    if (next_ > in_.size()) throw std::runtime_error("distributed search: a wire chunk runs past its message");
    return header & 0xFFFFFFFF;
  }
  uint8_t get_byte() {
    if (at_ >= end_) throw std::runtime_error("distributed search: a wire chunk ends inside a record");
    return data()[at_++];
  }
  uint64_t get_varint() {
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      const uint8_t b = get_byte();
      v |= uint64_t(b & 0x7F) << shift;
      if (!(b & 0x80) || shift >= 63) return v;
    }
  }
  // s becomes the state coded against its old value.
  void get_state(StateWord* s, std::size_t words) {
    uint8_t masks[32];
    const std::size_t mask_bytes = (words + 7) / 8;
    if (mask_bytes > sizeof masks) throw std::length_error("distributed search: a state over 256 words");
    for (std::size_t m = 0; m < mask_bytes; ++m) masks[m] = get_byte();
    for (std::size_t w = 0; w < words; ++w) {
      if (!(masks[w / 8] >> (w % 8) & 1)) continue;
      const uint8_t byte_mask = get_byte();
      uint64_t x = 0;
      for (int b = 0; b < 8; ++b)
        if (byte_mask >> b & 1) x |= uint64_t(get_byte()) << (8 * b);
      s[w] ^= x;
    }
  }
  bool chunk_done() const { return at_ >= end_; }

 private:
  const uint8_t* data() const { return reinterpret_cast<const uint8_t*>(in_.data()); }
  std::span<const uint64_t> in_;
  std::size_t next_ = 0, at_ = 0, end_ = 0;
};

// A discovery key, as LevelRecords::key makes it (parent position << 32 |
// ordinal << 16 | action), against the key before it: the parent
// position's delta and the ordinal share one varint (d * 16 + ordinal,
// ordinals from 15 on continued in a second), and the action is a zigzag
// delta from the previous one for a sibling (the same parent), whole for a
// new parent. A sibling of a small ordinal then codes in 2 bytes.
struct KeyCoder {
  uint64_t position = 0, action = 0;
  static uint64_t zigzag(uint64_t d) { return d << 1 ^ (0 - (d >> 63)); }
  static uint64_t unzigzag(uint64_t z) { return z >> 1 ^ (0 - (z & 1)); }
  void put(WireWriter& w, uint64_t key) {
    const uint64_t d = (key >> 32) - position, ordinal = key >> 16 & 0xFFFF, a = key & 0xFFFF;
    w.put_varint(d << 4 | std::min<uint64_t>(ordinal, 15));
    if (ordinal >= 15) w.put_varint(ordinal - 15);
    w.put_varint(d == 0 ? zigzag(a - action) : a);
    position = key >> 32;
    action = a;
  }
  uint64_t get(WireReader& r) {
    const uint64_t v = r.get_varint();
    uint64_t ordinal = v & 15;
    if (ordinal == 15) ordinal += r.get_varint();
    const uint64_t d = v >> 4, c = r.get_varint();
    position = (position + d) & 0xFFFFFFFF;
    action = (d == 0 ? action + unzigzag(c) : c) & 0xFFFF;
    return position << 32 | (ordinal & 0xFFFF) << 16 | action;
  }
};

// Successor records [key][state words], in the order a thread made them.
inline void encode_records(std::span<const uint64_t> raw, std::size_t words, std::vector<uint64_t>& out) {
  const std::size_t stride = words + 1, n = raw.size() / stride;
  WireWriter w(out);
  std::vector<StateWord> zero(words, 0);
  const StateWord* prev = zero.data();
  KeyCoder keys;
  for (std::size_t r = 0; r < n; ++r) {
    const uint64_t* rec = &raw[r * stride];
    w.reserve(WireWriter::max_record_bytes(words));
    keys.put(w, rec[0]);
    w.put_state(prev, rec + 1, words);
    prev = rec + 1;
  }
  w.finish(n);
}

// Appends the records of every chunk in `in` to `raw`.
inline void decode_records(std::span<const uint64_t> in, std::size_t words, std::vector<uint64_t>& raw) {
  const std::size_t stride = words + 1;
  WireReader r(in);
  while (!r.done()) {
    const uint64_t n = r.open_chunk();
    std::size_t at = raw.size();
    raw.resize(at + n * stride);
    KeyCoder keys;
    for (uint64_t i = 0; i < n; ++i, at += stride) {
      raw[at] = keys.get(r);
      if (i == 0) std::fill(&raw[at + 1], &raw[at + 1] + words, 0);
      else std::copy(&raw[at + 1 - stride], &raw[at + 1 - stride] + words, &raw[at + 1]);
      r.get_state(&raw[at + 1], words);
    }
    if (!r.chunk_done()) throw std::runtime_error("distributed search: a wire chunk has bytes past its records");
  }
}

// Discovery keys, best sorted (the parent positions then differ little).
inline void encode_keys(std::span<const uint64_t> keys, std::vector<uint64_t>& out) {
  WireWriter w(out);
  KeyCoder coder;
  for (const uint64_t k : keys) {
    w.reserve(30);
    coder.put(w, k);
  }
  w.finish(keys.size());
}

inline void decode_keys(std::span<const uint64_t> in, std::vector<uint64_t>& keys) {
  WireReader r(in);
  while (!r.done()) {
    const uint64_t n = r.open_chunk();
    KeyCoder coder;
    for (uint64_t i = 0; i < n; ++i) keys.push_back(coder.get(r));
    if (!r.chunk_done()) throw std::runtime_error("distributed search: a wire chunk has bytes past its keys");
  }
}

// Numbers in increasing order (the positions the numbering answers), as
// deltas.
inline void encode_increasing(std::span<const uint64_t> values, std::vector<uint64_t>& out) {
  WireWriter w(out);
  uint64_t prev = 0;
  for (const uint64_t v : values) {
    w.reserve(10);
    w.put_varint(v - prev);
    prev = v;
  }
  w.finish(values.size());
}

inline void decode_increasing(std::span<const uint64_t> in, std::vector<uint64_t>& values) {
  WireReader r(in);
  while (!r.done()) {
    const uint64_t n = r.open_chunk();
    uint64_t v = 0;
    for (uint64_t i = 0; i < n; ++i) values.push_back(v += r.get_varint());
    if (!r.chunk_done()) throw std::runtime_error("distributed search: a wire chunk has bytes past its numbers");
  }
}

}  // namespace explorer
