#include "properties/property.hpp"

#include <sstream>
#include <stdexcept>

namespace lgr {

const std::vector<PropertyInfo>& all_properties() {
  static const std::vector<PropertyInfo> kAll = {
      {PropertyId::SingleInstance, "SingleInstance", PropertyKind::Invariant,
       "at most one member runs (or holds quiesced) each guest"},
      {PropertyId::OwnerRuns, "OwnerRuns", PropertyKind::Invariant,
       "a guest runs or is quiesced only on the member the ownership record names"},
      {PropertyId::NoLostGuest, "NoLostGuest", PropertyKind::Invariant,
       "every guest runs somewhere, is READY at its owner, or died with a failed member"},
      {PropertyId::ImageIntegrity, "ImageIntegrity", PropertyKind::Invariant,
       "no guest resumes from an incomplete memory image"},
      {PropertyId::EligibleAtCommit, "EligibleAtCommit", PropertyKind::Invariant,
       "no relocation commits while the guest is ineligible"},
      {PropertyId::QuiesceBound, "QuiesceBound", PropertyKind::Invariant,
       "no guest stays quiesced for MAXQUIESCE ticks"},
      {PropertyId::Capacity, "Capacity", PropertyKind::Invariant,
       "the instances on a member never need more than its storage"},
      {PropertyId::NoOrphanShadow, "NoOrphanShadow", PropertyKind::Invariant,
       "a destination instance exists only while its relocation can still end it"},
      {PropertyId::NoDeadlock, "NoDeadlock", PropertyKind::Deadlock,
       "a state with no enabled action has no relocation in progress"},
      {PropertyId::Termination, "Termination", PropertyKind::Liveness,
       "under weak fairness every relocation ends (rs returns to NONE)"},
      {PropertyId::SyncAnswered, "SyncAnswered", PropertyKind::Liveness,
       "under weak fairness the issuer of a SYNC VMRELOCATE is always answered"},
  };
  return kAll;
}

const PropertyInfo& property_info(PropertyId id) { return all_properties().at(static_cast<int>(id)); }

std::optional<PropertyId> parse_property(std::string_view name) {
  for (const auto& p : all_properties())
    if (name == p.name) return p.id;
  return std::nullopt;
}

explorer::PropertyMask parse_property_list(const std::vector<std::string>& names) {
  explorer::PropertyMask mask = 0;
  for (const auto& item : names) {
    std::stringstream ss(item);
    std::string name;
    while (std::getline(ss, name, ',')) {
      if (name.empty()) continue;
      auto id = parse_property(name);
      if (!id) {
        std::string known;
        for (const auto& p : all_properties()) known += (known.empty() ? "" : ", ") + std::string(p.name);
        throw std::invalid_argument("unknown property '" + name + "' (known: " + known + ")");
      }
      mask |= property_bit(*id);
    }
  }
  return mask;
}

}  // namespace lgr
