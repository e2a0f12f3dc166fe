#include "checker/action_coverage_report.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace lgr {

std::vector<uint8_t> action_kind_groups(const LgrModel& model) {
  std::vector<uint8_t> groups;
  groups.reserve(model.actions().size());
  for (const ActionInstance& a : model.actions()) groups.push_back(static_cast<uint8_t>(a.kind));
  return groups;
}

std::string action_instance_name(const LgrModel& model, ActionIndex a) {
  const ActionInstance& ai = model.actions().at(a);
  const Config& cfg = model.config();
  switch (ai.kind) {
    case ActionKind::Move:
    case ActionKind::MemberFails:
    case ActionKind::LinkFails:
    case ActionKind::Tick:
      return model.label(a, StateVars{});  // these labels do not read the state
    default:
      return fmt::format("{} {}", action_kind_name(ai.kind), cfg.guests[ai.guest].name);
  }
}

CoverageReport coverage_report(const LgrModel& model, const explorer::ActionCoverage& counted) {
  CoverageReport c;
  c.collected = counted.collected();
  if (!c.collected) return c;
  for (int k = 0; k <= static_cast<int>(ActionKind::Tick); ++k) {
    KindCoverage kc{static_cast<ActionKind>(k)};
    kc.enabled_states = counted.group_states.at(k);
    c.kinds.push_back(kc);
  }
  for (std::size_t a = 0; a < model.actions().size(); ++a) {
    const uint64_t n = counted.transitions.at(a);
    c.kinds[static_cast<int>(model.actions()[a].kind)].transitions += n;
    const ActionInstance& ai = model.actions()[a];
    const Config& cfg = model.config();
    InstanceCoverage i;
    i.action = static_cast<ActionIndex>(a);
    i.kind = ai.kind;
    i.name = action_instance_name(model, i.action);
    if (ai.guest != kNone) i.guest = cfg.guests[ai.guest].name;
    if (ai.request != kNone) i.request = ai.request + 1;
    if (ai.kind == ActionKind::MemberFails) i.members = {cfg.members[ai.a].name};
    if (ai.kind == ActionKind::LinkFails) i.members = {cfg.members[ai.a].name, cfg.members[ai.b].name};
    i.transitions = n;
    c.instances.push_back(std::move(i));
  }
  return c;
}

nlohmann::json coverage_json(const CoverageReport& c) {
  using nlohmann::json;
  json kinds = json::array(), instances = json::array();
  for (const KindCoverage& k : c.kinds)
    kinds.push_back({{"kind", action_kind_name(k.kind)},
                     {"transitions", k.transitions},
                     {"enabled_states", k.enabled_states}});
  for (const InstanceCoverage& i : c.instances) {
    json e = {{"action", i.name}, {"kind", action_kind_name(i.kind)}};
    if (!i.guest.empty()) e["guest"] = i.guest;
    if (i.request >= 0) e["request"] = i.request;
    if (i.members.size() == 1) e["member"] = i.members[0];
    if (i.members.size() == 2) e["link"] = i.members;
    e["transitions"] = i.transitions;
    e["enabled_states"] = i.transitions;
    instances.push_back(std::move(e));
  }
  return {{"kinds", kinds}, {"actions", instances}};
}

void print_coverage(const CoverageReport& c, std::ostream& out) {
  if (!c.collected) return;
  fmt::print(out, "  coverage (transitions, states where enabled):\n");
  for (const KindCoverage& k : c.kinds)
    fmt::print(out, "    {:<24} {:>12} {:>12}\n", action_kind_name(k.kind), k.transitions, k.enabled_states);
  fmt::print(out, "  coverage per action instance (transitions = states where enabled):\n");
  for (const InstanceCoverage& i : c.instances) fmt::print(out, "    {:<36} {:>12}\n", i.name, i.transitions);
}

}  // namespace lgr
