// Which actions a check exercised: per action kind the transitions and the
// states where one of its instances is enabled, and per action instance
// (guest, request, member, link) its transitions. An instance yields at
// most one successor per state, so its transitions are also the number of
// expanded states where it is enabled.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "explorer/action_coverage.hpp"
#include "model/lgr_model.hpp"

namespace lgr {

struct KindCoverage {
  ActionKind kind;
  uint64_t transitions = 0;
  uint64_t enabled_states = 0;
};

struct InstanceCoverage {
  ActionIndex action = 0;
  ActionKind kind = ActionKind::Move;
  std::string name;   // e.g. "Move LGRLIN21 LGRSSI2", "LinkFails LGRSSI1 LGRSSI2"
  std::string guest;  // per-guest kinds and Move
  int request = -1;   // Move: 1-based, as in a trace's #k
  std::vector<std::string> members;  // MemberFails: one, LinkFails: two
  uint64_t transitions = 0;
};

struct CoverageReport {
  bool collected = false;
  std::vector<KindCoverage> kinds;          // ActionKind order
  std::vector<InstanceCoverage> instances;  // canonical action order
};

// The group of each action id for SearchOptions::action_groups: its kind.
std::vector<uint8_t> action_kind_groups(const LgrModel& model);
// An instance's name without the message a receive takes (which depends on the state).
std::string action_instance_name(const LgrModel& model, ActionIndex a);
CoverageReport coverage_report(const LgrModel& model, const explorer::ActionCoverage& counted);

nlohmann::json coverage_json(const CoverageReport& c);
// The --coverage table of the text summary.
void print_coverage(const CoverageReport& c, std::ostream& out);

}  // namespace lgr
