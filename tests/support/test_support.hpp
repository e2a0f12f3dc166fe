// Helpers shared by the tests: example paths and one-call model checks.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "checker/check_runner.hpp"
#include "model/config.hpp"
#include "model/lgr_model.hpp"

namespace lgr::testing {

inline std::string example(const std::string& name) {
  return std::string(LGRCHECK_SOURCE_DIR) + "/examples/" + name;
}
inline std::string scenario(const std::string& name) {
  return std::string(LGRCHECK_SOURCE_DIR) + "/examples/scenarios/" + name;
}

inline LgrModel model_of(const std::string& example_name, const std::vector<std::string>& variants = {}) {
  return LgrModel(load_config(example(example_name)), parse_variants(variants));
}

inline CheckReport check_example(const std::string& example_name, const std::vector<std::string>& variants = {},
                                 int threads = 1) {
  LgrModel m = model_of(example_name, variants);
  CheckSettings s;
  s.search.threads = threads;
  return run_check(m, s);
}

// (label, decoded successor) for every enabled action of `v`.
inline std::vector<std::pair<std::string, StateVars>> successors_of(const LgrModel& m, const StateVars& v) {
  std::vector<Word> w(m.state_words());
  m.encode(v, w.data());
  std::vector<std::pair<std::string, StateVars>> out;
  m.successors(w.data(), v, [&](ActionIndex a, const Word* next) { out.emplace_back(m.label(a, v), m.decode(next)); });
  return out;
}

// Everything a check reports that must not depend on the thread count or
// the store: counts, (with `verdict`) the verdict, each property with its
// trace state by state, and the goals, as text that a failing CHECK shows.
inline std::string results_of(const CheckReport& r, bool verdict = true) {
  std::ostringstream o;
  o << "states " << r.search.states << " transitions " << r.search.transitions << " depth " << r.search.depth
    << " terminal " << r.search.terminal_states;
  if (verdict) o << " verdict " << verdict_name(r.verdict);
  o << "\n";
  for (const auto& p : r.properties) {
    o << property_info(p.id).name << (p.holds ? " holds" : " violated") << " length " << p.trace_length
      << " states " << p.violating_states << "\n";
    for (const auto& step : p.trace) {
      o << "  " << step.action << ":";
      for (auto w : step.state) o << " " << w;
      o << "\n";
    }
  }
  for (const auto& g : r.goals) o << "goal " << static_cast<int>(g.id) << " " << g.reached << " " << g.depth << "\n";
  return o.str();
}

}  // namespace lgr::testing
