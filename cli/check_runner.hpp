// One model check: load, explore, judge every property, keep the shortest
// counterexamples. Shared by `check` and `suite`.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "explorer/breadth_first_search.hpp"
#include "explorer/search.hpp"
#include "model/lgr_model.hpp"
#include "properties/property.hpp"
#include "properties/sanity_goals.hpp"

namespace lgr {

enum class Verdict { Pass, Fail, Incomplete };
const char* verdict_name(Verdict v);

struct CheckSettings {
  explorer::PropertyMask properties = 0;  // 0 = every state property
  explorer::SearchOptions search;
};

struct PropertyOutcome {
  PropertyId id;
  bool holds = true;
  uint32_t trace_length = 0;  // actions in the shortest counterexample
  uint64_t violating_states = 0;
  std::vector<explorer::PathStep> trace;  // initial state first (action unused)
};

struct GoalOutcome {
  GoalId id;
  bool reached = false;
  uint32_t depth = 0;
};

struct CheckReport {
  std::string config_path;
  std::string config_name;
  std::vector<std::string> variants;
  explorer::SearchResult search;
  std::vector<PropertyOutcome> properties;  // the checked ones, registry order
  std::vector<GoalOutcome> goals;
  Verdict verdict = Verdict::Pass;
  std::size_t state_bytes = 0;
  uint64_t peak_resident_bytes = 0;  // VmHWM of the whole process after the search

  const PropertyOutcome* find(PropertyId id) const;
};

CheckReport run_check(const LgrModel& model, const CheckSettings& settings);

// Exit status of spec'd CLI: 0 pass, 1 fail, 3 incomplete.
int exit_code(Verdict v);
nlohmann::json report_json(const CheckReport& r);
void print_summary(const CheckReport& r, std::ostream& out);

}  // namespace lgr
