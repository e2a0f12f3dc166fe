#include "explorer/visited_table.hpp"

#include <stdexcept>

namespace explorer {
namespace {

ReservedMemory table_memory(std::size_t slots) {
  const std::size_t bytes = slots * sizeof(uint64_t);
  ReservedMemory m(bytes, bytes >= (std::size_t{4} << 20));
  if (m.capacity() < bytes) throw std::length_error("cannot reserve memory for a larger visited table");
  return m;
}

}  // namespace

VisitedTable::VisitedTable(double max_load, unsigned log2_slots)
    : VisitedTable(max_load, std::size_t{1} << log2_slots, 0) {}

VisitedTable::VisitedTable(double max_load, std::size_t slots, int)
    : memory_(table_memory(slots)),
      slots_(reinterpret_cast<std::atomic<uint64_t>*>(memory_.data())),
      slots_count_(slots),
      max_load_(max_load) {
  static_assert(sizeof(std::atomic<uint64_t>) == sizeof(uint64_t));
}

VisitedTable VisitedTable::bigger() const {
  if (next_size(slots_count_) > kMaxSlots) throw std::length_error("visited table at its largest size");
  return VisitedTable(max_load_, next_size(slots_count_), 0);
}

void VisitedTable::move_piece(VisitedTable& bigger, std::size_t piece) {
  const std::size_t from = piece * kPieceSlots, to = std::min(slots(), from + kPieceSlots);
  for (std::size_t i = from; i < to; ++i) {
    const uint64_t v = load(i);
    if (v == slot::kEmpty) continue;
    std::size_t j = bigger.home(v);
    for (uint64_t expected = slot::kEmpty; !bigger.claim(j, expected, v); expected = slot::kEmpty) j = bigger.next(j);
  }
  memory_.release(from * sizeof(uint64_t), to * sizeof(uint64_t));
}

}  // namespace explorer
