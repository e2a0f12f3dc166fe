#include "explorer/reserved_memory.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace explorer {
namespace {

constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kPage = 4096;

}  // namespace

std::size_t physical_memory_bytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || size <= 0) return std::size_t{1} << 34;
  return static_cast<std::size_t>(pages) * static_cast<std::size_t>(size);
}

ReservedMemory::ReservedMemory(std::size_t bytes, bool huge_pages) {
  if (bytes == 0) return;
  const std::size_t align = huge_pages ? kHugePage : kPage;
  bytes = (bytes + kPage - 1) / kPage * kPage;
  // Halve on refusal (ulimit -v, strict overcommit): a smaller reservation
  // ends the search with "memory limit reached" rather than a crash.
  for (std::size_t want = bytes; want >= kPage; want /= 2) {
    const std::size_t map = want + (align > kPage ? align : 0);
    void* p = mmap(nullptr, map, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) continue;
    mapping_ = static_cast<std::byte*>(p);
    mapping_bytes_ = map;
    const auto addr = reinterpret_cast<std::uintptr_t>(p);
    data_ = reinterpret_cast<std::byte*>((addr + align - 1) / align * align);
    capacity_ = want / kPage * kPage;
#ifdef MADV_HUGEPAGE
    if (huge_pages) madvise(data_, capacity_, MADV_HUGEPAGE);
#endif
    return;
  }
}

ReservedMemory::~ReservedMemory() {
  if (mapping_) munmap(mapping_, mapping_bytes_);
}

ReservedMemory::ReservedMemory(ReservedMemory&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      capacity_(std::exchange(other.capacity_, 0)),
      mapping_(std::exchange(other.mapping_, nullptr)),
      mapping_bytes_(std::exchange(other.mapping_bytes_, 0)) {}

ReservedMemory& ReservedMemory::operator=(ReservedMemory&& other) noexcept {
  if (this != &other) {
    if (mapping_) munmap(mapping_, mapping_bytes_);
    data_ = std::exchange(other.data_, nullptr);
    capacity_ = std::exchange(other.capacity_, 0);
    mapping_ = std::exchange(other.mapping_, nullptr);
    mapping_bytes_ = std::exchange(other.mapping_bytes_, 0);
  }
  return *this;
}

void ReservedMemory::release(std::size_t from, std::size_t to) {
  to = std::min(to, capacity_);
  const std::size_t first = (from + kPage - 1) / kPage * kPage;
  const std::size_t last = to / kPage * kPage;
  if (first < last) madvise(data_ + first, last - first, MADV_DONTNEED);
}

}  // namespace explorer
