// A field of a bit-packed state: a few bits of one 64-bit word. Fields never
// straddle words, so reading and writing is one shift and one mask.
#pragma once

#include <bit>
#include <cstdint>

namespace lgr {

using Word = uint64_t;

struct BitField {
  uint32_t word = 0;
  uint32_t shift = 0;
  uint64_t bits = 0;  // the field's bits in its word (mask << shift); 0: width 0, the field is always 0

  [[gnu::always_inline]] uint64_t get(const Word* s) const { return (s[word] & bits) >> shift; }
  // Kept in the field's bits: a value too wide for it never spills over.
  [[gnu::always_inline]] void set(Word* s, uint64_t v) const { s[word] = (s[word] & ~bits) | ((v << shift) & bits); }
};

// Number of bits to store every value in 0..max_value.
inline uint32_t bits_for(uint64_t max_value) {
  return max_value == 0 ? 0 : static_cast<uint32_t>(std::bit_width(max_value));
}

// Allocates fields in declaration order into consecutive words (next fit).
class BitPacker {
 public:
  BitField add(uint32_t width) {
    BitField f;
    if (width == 0) return f;
    if (used_ + width > 64) {
      ++word_;
      used_ = 0;
    }
    f.word = word_;
    f.shift = used_;
    f.bits = (width == 64 ? ~uint64_t{0} : ((uint64_t{1} << width) - 1)) << used_;
    used_ += width;
    total_bits_ += width;
    return f;
  }
  uint32_t words() const { return used_ == 0 ? word_ : word_ + 1; }
  uint32_t total_bits() const { return total_bits_; }

 private:
  uint32_t word_ = 0;
  uint32_t used_ = 0;
  uint32_t total_bits_ = 0;
};

}  // namespace lgr
