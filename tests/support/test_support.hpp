// Helpers shared by the tests: example paths and one-call model checks.
#pragma once

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

}  // namespace lgr::testing
