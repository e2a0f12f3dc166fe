// Properties of spec section 4 as named values next to the model, each with
// its expectation kind (Stateright's idea): an invariant holds in every
// state, NoDeadlock in every state without successors, a liveness property
// on every fair path, and a sanity goal in some state. Each has a fixed bit
// in the label mask the explorer records for every state.
#pragma once

#include <array>
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
  ResumedOnSource,
  NoDeadlock,
  Termination,   // liveness, checked only on request
  SyncAnswered,  // liveness
  Commit,          // sanity goals
  CancelToSource,
  GuestLost,
};
inline constexpr int kStatePropertyCount = 10;  // SingleInstance .. NoDeadlock: judged on every state
inline constexpr int kRegistrySize = 15;

enum class PropertyKind {
  Invariant,  // always: true in every reachable state
  Deadlock,   // true in every reachable state without successors
  Liveness,   // eventually: on every weakly fair path
  Goal,       // sometimes: true in some reachable state (a sanity goal)
};

struct PropertyInfo {
  PropertyId id;
  const char* name;
  PropertyKind kind;
  const char* meaning;  // one line, for --help and reports
};

// Every entry, in PropertyId order.
const std::array<PropertyInfo, kRegistrySize>& property_registry();
// The properties (invariants, NoDeadlock, liveness), in registry order.
const std::vector<PropertyInfo>& all_properties();
// The sanity goals, in registry order.
const std::vector<PropertyInfo>& all_goals();
const PropertyInfo& property_info(PropertyId id);
// A property (never a goal) by its name.
std::optional<PropertyId> parse_property(std::string_view name);
// "SingleInstance, OwnerRuns, ..." of every property, for help texts and errors.
std::string property_names();

inline explorer::LabelMask property_bit(PropertyId id) {
  return explorer::LabelMask{1} << static_cast<int>(id);
}
// Mask of every state property (invariants and NoDeadlock).
inline explorer::LabelMask state_properties_mask() {
  return (explorer::LabelMask{1} << kStatePropertyCount) - 1;
}
// Mask of every sanity goal.
inline explorer::LabelMask goals_mask() {
  return property_bit(PropertyId::Commit) | property_bit(PropertyId::CancelToSource) |
         property_bit(PropertyId::GuestLost);
}
// Parses "P,Q" (also repeated); throws std::invalid_argument naming the bad one.
explorer::LabelMask parse_property_list(const std::vector<std::string>& names);

}  // namespace lgr
