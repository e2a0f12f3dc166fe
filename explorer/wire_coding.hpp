// The distributed search's records, coded for the wire. Between machines
// the network, not the CPU, is the bottleneck (docs/distributed.md), and a
// round's records to one rank are alike: a thread sends them in discovery
// key order, so consecutive records are mostly siblings, with keys a few
// apart and states that differ in a word or two. So a record is coded
// against the one before it in its chunk:
//   key    the parent position's delta with the ordinal, then the action
//          (a delta between siblings), as varints (KeyCoder)
//   state  the words that differ from the previous state (a bit mask
//          byte for each 8 words, before them), and of each such word's
//          XOR only the bytes that are not zero (a byte mask, then those
//          bytes)
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
#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <vector>

#include "explorer/model_interface.hpp"
#include "explorer/state_words.hpp"

namespace explorer {

class WireWriter {
 public:
  // Appends one chunk to `out`.
  explicit WireWriter(std::vector<uint64_t>& out) : out_(out), header_(out.size()) {
    out_.push_back(0);
    at_ = out_.size() * 8;
    base_ = reinterpret_cast<uint8_t*>(out_.data());
  }
  // Room for `bytes` more before the next put (the puts do not check).
  void reserve(std::size_t bytes) {
    const std::size_t need = (at_ + bytes + 7) / 8;
    if (need <= out_.size()) return;
    out_.resize(std::max(need, out_.size() + out_.size() / 2));
    base_ = reinterpret_cast<uint8_t*>(out_.data());
  }
  void put_byte(uint8_t b) { base_[at_++] = b; }
  void put_varint(uint64_t v) {
    while (v >= 0x80) {
      put_byte(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    put_byte(static_cast<uint8_t>(v));
  }
  // s against prev (both `words` long).
  void put_state(const StateWord* prev, const StateWord* s, std::size_t words) {
    uint8_t* const b = base_;
    std::size_t at = at_, mask_at = 0;
    for (std::size_t w = 0; w < words; ++w) {
      if (w % 8 == 0) b[mask_at = at++] = 0;  // each 8 words' mask before them
      const uint64_t x = s[w] ^ prev[w];
      if (x == 0) continue;
      b[mask_at] |= static_cast<uint8_t>(1u << (w % 8));
      // Bit 8k of t: byte k of x is not zero.
      uint64_t t = x | x >> 4;
      t |= t >> 2;
      t |= t >> 1;
      t &= 0x0101010101010101ULL;
      uint8_t* const byte_mask = b + at++;
      uint8_t m = 0;
      for (; t; t &= t - 1) {
        const int bit = std::countr_zero(t);
        m |= static_cast<uint8_t>(1u << (bit / 8));
        b[at++] = static_cast<uint8_t>(x >> bit);
      }
      *byte_mask = m;
    }
    at_ = at;
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
  std::vector<uint64_t>& out_;
  std::size_t header_, at_;
  uint8_t* base_;
};

class WireReader {
 public:
  explicit WireReader(std::span<const uint64_t> in) : in_(in) {}
  bool done() const { return next_ >= in_.size(); }
  // Opens the next chunk; returns its record count.
  uint64_t open_chunk() {
    const uint64_t header = in_[next_];
    const std::size_t bytes = header >> 32;
    const std::size_t first = next_ + 1;
    next_ = first + (bytes + 7) / 8;
    if (next_ > in_.size()) throw std::runtime_error("distributed search: a wire chunk runs past its message");
    at_ = reinterpret_cast<const uint8_t*>(in_.data() + first);
    end_ = at_ + bytes;
    return header & 0xFFFFFFFF;
  }
  uint8_t get_byte() {
    if (at_ >= end_) throw std::runtime_error("distributed search: a wire chunk ends inside a record");
    return *at_++;
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
    for (std::size_t w0 = 0; w0 < words; w0 += 8) {
      for (unsigned mask = get_byte(); mask; mask &= mask - 1) {
        const std::size_t w = w0 + std::countr_zero(mask);
        if (w >= words) throw std::runtime_error("distributed search: a wire record names a word past its state");
        uint64_t x = 0;
        for (unsigned m = get_byte(); m; m &= m - 1) x |= uint64_t(get_byte()) << (8 * std::countr_zero(m));
        s[w] ^= x;
      }
    }
  }
  bool chunk_done() const { return at_ >= end_; }

 private:
  std::span<const uint64_t> in_;
  std::size_t next_ = 0;
  const uint8_t* at_ = nullptr;
  const uint8_t* end_ = nullptr;
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

// The same chunk as encode_records, coded as the records are made, so that
// a sender never lays them out plain first. W: the state size when known
// at compile time (0: `words`). A stream that got no record leaves `out`
// as it was, not an empty chunk.
template <std::size_t W = 0>
class RecordStream {
 public:
  RecordStream(std::vector<uint64_t>& out, std::size_t words)
      : out_(out), start_(out.size()), writer_(out), words_(W ? W : words), prev_(words_, 0) {}
  void put(uint64_t key, const StateWord* s) {
    const std::size_t words = W ? W : words_;
    writer_.reserve(WireWriter::max_record_bytes(words));
    keys_.put(writer_, key);
    writer_.put_state(prev_.data(), s, words);
    copy_state(prev_.data(), s, words);
    ++records_;
  }
  uint64_t records() const { return records_; }
  // Closes the chunk; the stream is done.
  void finish() {
    if (records_) writer_.finish(records_);
    else out_.resize(start_);
  }

 private:
  std::vector<uint64_t>& out_;
  std::size_t start_;
  WireWriter writer_;
  std::size_t words_;
  std::vector<StateWord> prev_;
  KeyCoder keys_;
  uint64_t records_ = 0;
};

// Appends the records of every chunk in `in` to `raw`.
template <std::size_t W = 0>
void decode_records(std::span<const uint64_t> in, std::size_t words_at_run_time, std::vector<uint64_t>& raw) {
  const std::size_t words = W ? W : words_at_run_time, stride = words + 1;
  WireReader r(in);
  while (!r.done()) {
    const uint64_t n = r.open_chunk();
    std::size_t at = raw.size();
    raw.resize(at + n * stride);
    KeyCoder keys;
    for (uint64_t i = 0; i < n; ++i, at += stride) {
      raw[at] = keys.get(r);
      // (resize zeroed the first; copy_state, not std::copy: a call to
      // memmove for every 40 bytes was 3.5% of a rank's time)
      if (i > 0) copy_state(&raw[at + 1], &raw[at + 1 - stride], words);
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
