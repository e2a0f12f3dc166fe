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

VisitedTable VisitedTable::bigger() const {
  if (log2_ >= kMaxLog2Slots) throw std::length_error("visited table at its largest size");
  return VisitedTable(max_load_, log2_ + 1);
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
