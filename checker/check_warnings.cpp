#include "checker/check_warnings.hpp"

#include <fmt/format.h>

#include "checker/check_runner.hpp"
#include "model/eligibility.hpp"

namespace lgr {

const std::vector<const char*>& all_warning_codes() {
  static const std::vector<const char*> kAll = {warning_code::kRequestNeverEnabled, warning_code::kActionNeverEnabled,
                                                warning_code::kGoalUnreached, warning_code::kVariantNoEffect,
                                                warning_code::kBudgetUnused};
  return kAll;
}

namespace {

// Why request q's Move was never enabled, as far as a static look can tell.
std::string move_never_enabled_reason(const LgrModel& model, int q) {
  const Config& cfg = model.config();
  const Request& r = cfg.requests[q];
  const std::vector<Reason> refused = static_reasons(cfg, q);
  auto listed = [&](const std::vector<Reason>& reasons, auto&& message) {
    std::vector<std::string> parts;
    for (Reason why : reasons) parts.push_back(fmt::format("{} ({})", reason_code(why), message(why)));
    return fmt::format("{}", fmt::join(parts, "; "));
  };
  if (!refused.empty())
    return "static eligibility refuses it: " +
           listed(refused, [&](Reason why) { return reason_message(cfg, r.guest, r.to, why); });
  if (cfg.bounds.moves == 0) return "bounds.moves is 0";
  if (r.to == cfg.guests[r.guest].home && cfg.bounds.moves < 2)
    return "it asks to move the guest to the member it starts on, and no earlier move can take it away";
  int64_t used0 = 0;  // storage held on the destination initially: the guests at home there
  for (const Guest& g : cfg.guests)
    if (g.home == r.to) used0 += g.memory;
  const std::vector<Reason> storage = storage_reasons(cfg, r.guest, r.to, used0, r.force_storage);
  if (!storage.empty())
    return "the storage check refuses it: " +
           listed(storage, [&](Reason why) { return reason_message(cfg, r.guest, r.to, why, used0); });
  return "its guard never held in a reached state (the guest busy, ineligible or not running, or the "
         "cluster not stable)";
}

uint64_t kind_transitions(const CoverageReport& c, ActionKind k) { return c.kinds[static_cast<int>(k)].transitions; }

// Whether a never-enabled instance of this kind says something is missing:
// not when the configuration rules it out on purpose (a zero budget, a
// guest that never starts a relocation, no sync request, only immediate
// requests).
bool expected_enabled(const LgrModel& model, const CoverageReport& c, const ActionInstance& ai) {
  const Config& cfg = model.config();
  const Bounds& b = cfg.bounds;
  // The guest started an episode (with a sync request; with one that is
  // not immediate, so that it has further memory passes).
  bool moved = false, sync_moved = false, paced_moved = false;
  if (ai.guest != kNone)
    for (const InstanceCoverage& i : c.instances) {
      const ActionInstance& m = model.actions()[i.action];
      if (m.kind != ActionKind::Move || m.guest != ai.guest || i.transitions == 0) continue;
      moved = true;
      sync_moved |= cfg.requests[m.request].sync;
      paced_moved |= !cfg.requests[m.request].immediate;
    }
  const bool failures = b.member_failures > 0 || b.link_failures > 0;
  switch (ai.kind) {
    case ActionKind::Move: return true;
    case ActionKind::CancelAtSrc:
    case ActionKind::CancelAtDst: return moved && b.cancels > 0;
    case ActionKind::Cphx: return sync_moved && b.cancels > 0;
    case ActionKind::GuestBecomesIneligible: return b.eligibility_changes > 0;
    case ActionKind::GuestBecomesEligible: return b.eligibility_changes > 1;
    case ActionKind::SrcDetectPeerDown:
    case ActionKind::DstDetectPeerDown: return moved && failures;
    case ActionKind::MemberFails: return b.member_failures > 0;
    case ActionKind::LinkFails: return b.link_failures > 0;
    case ActionKind::SrcNextPass: return paced_moved && b.passes > 0;
    case ActionKind::Tick: return kind_transitions(c, ActionKind::Move) > 0;
    default: return moved;  // the protocol's steps of an episode
  }
}

}  // namespace

std::vector<CheckWarning> check_warnings(const LgrModel& model, const CheckReport& r) {
  std::vector<CheckWarning> w;
  if (!r.search.complete()) return w;
  const Config& cfg = model.config();
  const CoverageReport& c = r.coverage;
  if (c.collected) {
    for (const InstanceCoverage& i : c.instances) {
      if (i.transitions != 0) continue;
      const ActionInstance& ai = model.actions()[i.action];
      if (!expected_enabled(model, c, ai)) continue;
      if (ai.kind == ActionKind::Move)
        w.push_back({warning_code::kRequestNeverEnabled,
                     fmt::format("request #{} ({}) is never enabled: {}", ai.request + 1, i.name,
                                 move_never_enabled_reason(model, ai.request))});
      else
        w.push_back({warning_code::kActionNeverEnabled, fmt::format("action {} is never enabled", i.name)});
    }
  }
  for (const GoalOutcome& g : r.goals)
    if (!g.reached)
      w.push_back({warning_code::kGoalUnreached,
                   fmt::format("sanity goal {} never reached, so no property was tested against it: {}",
                               property_info(g.id).name, property_info(g.id).meaning)});
  for (const VariantEffect& e : r.variant_effects)
    if (e.transitions == 0)
      w.push_back({warning_code::kVariantNoEffect,
                   fmt::format("variant {} changes no transition of this configuration: its check is the "
                               "canonical model's",
                               e.variant)});
  if (c.collected) {
    const Bounds& b = cfg.bounds;
    auto budget = [&](const char* name, int64_t bound, std::initializer_list<ActionKind> spenders) {
      if (bound <= 0) return;
      uint64_t n = 0;
      for (ActionKind k : spenders) n += kind_transitions(c, k);
      if (n == 0)
        w.push_back({warning_code::kBudgetUnused,
                     fmt::format("bounds.{} is {} but no reached state spends any of it", name, bound)});
    };
    budget("moves", b.moves, {ActionKind::Move});
    budget("cancels", b.cancels, {ActionKind::CancelAtSrc, ActionKind::Cphx, ActionKind::CancelAtDst});
    budget("member_failures", b.member_failures, {ActionKind::MemberFails});
    budget("link_failures", b.link_failures, {ActionKind::LinkFails});
    budget("eligibility_changes", b.eligibility_changes,
           {ActionKind::GuestBecomesIneligible, ActionKind::GuestBecomesEligible});
  }
  return w;
}

}  // namespace lgr
