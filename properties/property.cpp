#include "properties/property.hpp"

#include <sstream>
#include <stdexcept>

namespace lgr {
namespace {

constexpr std::array<PropertyInfo, kRegistrySize> kRegistry = {{
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
    {PropertyId::ResumedOnSource, "ResumedOnSource", PropertyKind::Invariant,
     "a relocation that ends or is cancelled before the commit leaves the guest running on its source"},
    {PropertyId::NoDeadlock, "NoDeadlock", PropertyKind::Deadlock,
     "a state with no enabled action has no relocation in progress"},
    {PropertyId::Termination, "Termination", PropertyKind::Liveness,
     "under weak fairness every relocation ends (rs returns to NONE)"},
    {PropertyId::SyncAnswered, "SyncAnswered", PropertyKind::Liveness,
     "under weak fairness the issuer of a SYNC VMRELOCATE is always answered"},
    {PropertyId::Commit, "commit", PropertyKind::Goal, "a relocation commits (the ownership record moves)"},
    {PropertyId::CancelToSource, "cancel", PropertyKind::Goal,
     "a relocation is cancelled and the guest runs on its source"},
    {PropertyId::GuestLost, "lost", PropertyKind::Goal, "a guest is lost with a failed member"},
}};

// The tables indexed by PropertyId stay in step with the enum.
constexpr bool in_id_order() {
  for (int i = 0; i < kRegistrySize; ++i)
    if (static_cast<int>(kRegistry[i].id) != i) return false;
  return true;
}
static_assert(in_id_order(), "kRegistry must list every PropertyId in enum order");
static_assert(kRegistrySize <= explorer::kMaxLabels, "every entry needs a bit of the label mask");
constexpr bool state_properties_first() {
  for (int i = 0; i < kRegistrySize; ++i) {
    const bool state = kRegistry[i].kind == PropertyKind::Invariant || kRegistry[i].kind == PropertyKind::Deadlock;
    if (state != (i < kStatePropertyCount)) return false;
  }
  return true;
}
static_assert(state_properties_first(), "the state properties are the first kStatePropertyCount entries");

std::vector<PropertyInfo> entries(bool goals) {
  std::vector<PropertyInfo> out;
  for (const auto& p : kRegistry)
    if ((p.kind == PropertyKind::Goal) == goals) out.push_back(p);
  return out;
}

}  // namespace

const std::array<PropertyInfo, kRegistrySize>& property_registry() { return kRegistry; }

const std::vector<PropertyInfo>& all_properties() {
  static const std::vector<PropertyInfo> kAll = entries(false);
  return kAll;
}

const std::vector<PropertyInfo>& all_goals() {
  static const std::vector<PropertyInfo> kAll = entries(true);
  return kAll;
}

const PropertyInfo& property_info(PropertyId id) { return kRegistry.at(static_cast<int>(id)); }

std::optional<PropertyId> parse_property(std::string_view name) {
  for (const auto& p : all_properties())
    if (name == p.name) return p.id;
  return std::nullopt;
}

std::string property_names() {
  std::string known;
  for (const auto& p : all_properties()) known += (known.empty() ? "" : ", ") + std::string(p.name);
  return known;
}

explorer::LabelMask parse_property_list(const std::vector<std::string>& names) {
  explorer::LabelMask mask = 0;
  for (const auto& item : names) {
    std::stringstream ss(item);
    std::string name;
    while (std::getline(ss, name, ',')) {
      if (name.empty()) continue;
      auto id = parse_property(name);
      if (!id) throw std::invalid_argument("unknown property '" + name + "' (known: " + property_names() + ")");
      mask |= property_bit(*id);
    }
  }
  return mask;
}

}  // namespace lgr
