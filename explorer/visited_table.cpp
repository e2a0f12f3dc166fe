#include "explorer/visited_table.hpp"

#include <stdexcept>

namespace explorer {
namespace {

ReservedMemory table_memory(unsigned log2) {
  const std::size_t bytes = (std::size_t{1} << log2) * sizeof(uint64_t);
  ReservedMemory m(bytes, bytes >= (std::size_t{4} << 20));
  if (m.capacity() < bytes) throw std::length_error("cannot reserve memory for a larger visited table");
  return m;
}

}  // namespace

VisitedTable::VisitedTable(double max_load, unsigned log2_slots)
    : memory_(table_memory(log2_slots)),
      slots_(reinterpret_cast<std::atomic<uint64_t>*>(memory_.data())),
      mask_((std::size_t{1} << log2_slots) - 1),
      log2_(log2_slots),
      max_load_(max_load) {
  static_assert(sizeof(std::atomic<uint64_t>) == sizeof(uint64_t));
}

void VisitedTable::grow() {
  if (log2_ >= kMaxLog2Slots) throw std::length_error("visited table at its largest size");
  VisitedTable bigger(max_load_, log2_ + 1);
  // An entry's home in the bigger table is about twice its old home, so
  // walking the old array in order fills the new one in order. A run of
  // slots that wraps past the end is moved last: start after an empty slot.
  std::size_t start = 0;
  while (load(start) != slot::kEmpty) ++start;
  constexpr std::size_t kReleaseEvery = std::size_t{1} << 18;  // slots, 2 MiB
  auto move_range = [&](std::size_t from, std::size_t to) {
    std::size_t released = from;
    for (std::size_t i = from; i < to; ++i) {
      const uint64_t v = load(i);
      if (v != slot::kEmpty) {
        std::size_t j = bigger.home(v);
        while (bigger.load(j) != slot::kEmpty) j = bigger.next(j);
        bigger.store(j, v);
      }
      if (i + 1 - released == kReleaseEvery) {
        memory_.release(released * sizeof(uint64_t), (i + 1) * sizeof(uint64_t));
        released = i + 1;
      }
    }
  };
  move_range(start, slots());
  move_range(0, start);
  *this = std::move(bigger);
}

}  // namespace explorer
