// Address space reserved up front and backed by memory only where touched
// (mmap). Arrays of states grow in place, without copying and without the
// doubling peak of std::vector, and parts no longer needed are handed back
// to the system, so the resident memory is what the search really uses.
#pragma once

#include <cstddef>
#include <cstdint>

namespace explorer {

class ReservedMemory {
 public:
  ReservedMemory() = default;
  // Reserves `bytes` of zeroed memory (less when the system refuses that
  // much: capacity() says how much). `huge_pages` asks for transparent huge
  // pages, which spare TLB misses on randomly accessed tables.
  ReservedMemory(std::size_t bytes, bool huge_pages);
  ~ReservedMemory();
  ReservedMemory(ReservedMemory&& other) noexcept;
  ReservedMemory& operator=(ReservedMemory&& other) noexcept;
  ReservedMemory(const ReservedMemory&) = delete;
  ReservedMemory& operator=(const ReservedMemory&) = delete;

  std::byte* data() const { return data_; }
  std::size_t capacity() const { return capacity_; }
  // Returns the whole pages inside [from, to) to the system; they read as
  // zero when touched again.
  void release(std::size_t from, std::size_t to);
  void release_all() { release(0, capacity_); }

 private:
  std::byte* data_ = nullptr;
  std::size_t capacity_ = 0;
  std::byte* mapping_ = nullptr;
  std::size_t mapping_bytes_ = 0;
};

// The physical memory of the machine: no reservation needs more.
std::size_t physical_memory_bytes();

}  // namespace explorer
