// Words appended at the end of a buffer that only grows: the storage
// doubles when full and an append is a bounds check and a bump, where
// std::vector::resize per append costs a call and a zero-fill of the
// words about to be overwritten (3.4% of a rank's time in the
// distributed search, explorer/distributed_search.hpp).
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace explorer {

class WordBuffer {
 public:
  // Room for n more words at the end; the pointer is valid until the next
  // append.
  uint64_t* append(std::size_t n) {
    if (size_ + n > words_.size()) words_.resize(std::max(2 * words_.size(), size_ + n));
    uint64_t* at = words_.data() + size_;
    size_ += n;
    return at;
  }
  void clear() { size_ = 0; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t capacity() const { return words_.size(); }
  uint64_t* data() { return words_.data(); }
  const uint64_t* data() const { return words_.data(); }
  uint64_t& operator[](std::size_t i) { return words_[i]; }
  const uint64_t& operator[](std::size_t i) const { return words_[i]; }
  std::span<const uint64_t> words() const { return {words_.data(), size_}; }

 private:
  std::vector<uint64_t> words_;
  std::size_t size_ = 0;
};

}  // namespace explorer
