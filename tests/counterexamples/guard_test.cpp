// The failing guard in words agrees with the successor function: on every
// reachable state of the small examples, under every variant, an action has
// an explanation exactly when the model does not offer it.
#include <catch2/catch.hpp>

#include "explorer/breadth_first_search.hpp"
#include "model/guard_explanation.hpp"
#include "properties/checked_model.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;

namespace {

// Returns the number of states checked.
uint64_t check_agreement(const LgrModel& m) {
  CheckedModel cm(m);
  explorer::BreadthFirstSearch<CheckedModel> bfs(cm, {});
  bfs.run();
  std::vector<bool> enabled(m.actions().size());
  for (explorer::StateId id = 0; id < bfs.size(); ++id) {
    const Word* s = bfs.state(id);
    const StateVars v = m.decode(s);
    std::fill(enabled.begin(), enabled.end(), false);
    m.successors(s, v, [&](ActionIndex a, const Word*) { enabled[a] = true; });
    for (size_t a = 0; a < enabled.size(); ++a) {
      const auto why = guard_failure(m, static_cast<ActionIndex>(a), v);
      if (why.has_value() == enabled[a]) {
        FAIL_CHECK(m.label(static_cast<ActionIndex>(a), v) << (enabled[a] ? " is enabled but explained: " + *why
                                                                           : std::string(" is disabled, no reason")));
        return id;
      }
    }
  }
  return bfs.size();
}

}  // namespace

TEST_CASE("counterexamples: guard explanations agree with the successor function", "[counterexamples]") {
  std::vector<std::string> variants{""};
  for (const auto& v : all_variants()) variants.emplace_back(v.name);
  for (const char* config : {"ssi2-basic.json", "ssi3-contention.json"}) {
    for (const auto& variant : variants) {
      SECTION(std::string(config) + " " + variant) {
        const LgrModel m = lgr::testing::model_of(config, variant.empty() ? std::vector<std::string>{}
                                                                           : std::vector<std::string>{variant});
        CHECK(check_agreement(m) >= 570);  // the smallest reachable graph among these
      }
    }
  }
}
