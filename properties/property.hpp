// Properties of spec section 4 as named values next to the model. Each
// state property has a fixed bit in the mask the explorer records.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "explorer/model_interface.hpp"

namespace lgr {

enum class PropertyId : int {
  SingleInstance = 0,
  OwnerRuns,
  NoLostGuest,
  ImageIntegrity,
  EligibleAtCommit,
  QuiesceBound,
  Capacity,
  NoOrphanShadow,
  NoDeadlock,
  Termination,   // liveness (issue 6), checked only on request
  SyncAnswered,  // liveness
};
inline constexpr int kStatePropertyCount = 9;  // SingleInstance .. NoDeadlock

enum class PropertyKind { Invariant, Deadlock, Liveness };

struct PropertyInfo {
  PropertyId id;
  const char* name;
  PropertyKind kind;
  const char* meaning;  // one line, for --help and reports
};

const std::vector<PropertyInfo>& all_properties();
const PropertyInfo& property_info(PropertyId id);
std::optional<PropertyId> parse_property(std::string_view name);

inline explorer::PropertyMask property_bit(PropertyId id) {
  return explorer::PropertyMask{1} << static_cast<int>(id);
}
// Mask of every state property (invariants and NoDeadlock).
inline explorer::PropertyMask state_properties_mask() {
  return (explorer::PropertyMask{1} << kStatePropertyCount) - 1;
}
// Parses "P,Q" (also repeated); throws std::invalid_argument naming the bad one.
explorer::PropertyMask parse_property_list(const std::vector<std::string>& names);

}  // namespace lgr
