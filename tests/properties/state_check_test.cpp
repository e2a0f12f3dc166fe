// The search's one-pass StateCheck must agree with the per-property
// functions (what replay and the property tests use) on every reachable
// state, in the canonical model and in every variant, so that a violation
// reported by a search is the one replay confirms.
#include <catch2/catch.hpp>

#include <deque>
#include <set>
#include <vector>

#include "properties/invariants.hpp"
#include "properties/sanity_goals.hpp"
#include "properties/state_check.hpp"
#include "tests/support/test_support.hpp"

namespace {

using lgr::LgrModel;
using lgr::StateVars;
using lgr::Word;

explorer::LabelMask per_property(const LgrModel& m, const StateVars& v, bool has_successor) {
  explorer::LabelMask bad = lgr::violated_invariants(m, v);
  if (!lgr::no_deadlock(m, v, has_successor)) bad |= lgr::property_bit(lgr::PropertyId::NoDeadlock);
  return bad | lgr::goals_reached(m, v);
}

// Explores every reachable state; returns the union of the masks and counts
// the states where the two evaluations differ.
struct Agreement {
  uint64_t states = 0;
  uint64_t disagreements = 0;
  explorer::LabelMask seen = 0;
};

Agreement compare_on_reachable(const LgrModel& m) {
  const lgr::StateCheck check(m);
  const std::size_t words = m.state_words();
  std::set<std::vector<Word>> visited;
  std::deque<std::vector<Word>> todo;
  std::vector<Word> init(words);
  m.initial(init.data());
  visited.insert(init);
  todo.push_back(init);
  Agreement a;
  while (!todo.empty()) {
    const std::vector<Word> s = std::move(todo.front());
    todo.pop_front();
    const StateVars v = m.decode(s.data());
    bool any = false;
    m.successors(s.data(), v, [&](lgr::ActionIndex, const Word* next) {
      any = true;
      std::vector<Word> n(next, next + words);
      if (visited.insert(n).second) todo.push_back(std::move(n));
    });
    // Also states no action reaches: with the guests' episodes stripped of
    // what keeps a shadow legal (NoOrphanShadow, violated by no variant).
    StateVars settled = v, forgotten = v;
    for (auto& gv : settled.g) gv.rs = lgr::RS_NONE, gv.c_sd = gv.c_ds = 0;
    for (auto& gv : forgotten.g) gv.cur = lgr::kNone;
    for (const StateVars* x : std::initializer_list<const StateVars*>{&v, &settled, &forgotten}) {
      const explorer::LabelMask fused = check.evaluate(*x, any);
      ++a.states;
      a.disagreements += fused != per_property(m, *x, any);
      a.seen |= fused;
    }
  }
  return a;
}

}  // namespace

TEST_CASE("StateCheck agrees with the per-property functions on every reachable state", "[properties]") {
  explorer::LabelMask seen = 0;
  for (const char* example : {"ssi2-basic.json", "ssi3-contention.json"}) {
    std::vector<std::vector<std::string>> variant_sets = {{}};
    for (const auto& info : lgr::all_variants()) variant_sets.push_back({info.name});
    for (const auto& variants : variant_sets) {
      INFO(example << " variants: " << (variants.empty() ? "none" : variants[0]));
      const Agreement a = compare_on_reachable(lgr::testing::model_of(example, variants));
      CHECK(a.states > 0);
      CHECK(a.disagreements == 0);
      seen |= a.seen;
    }
  }
  // Not vacuous: between them the runs violate every state property and
  // reach every goal, so each branch of StateCheck was compared.
  const explorer::LabelMask goals = lgr::goals_mask();
  CHECK(seen == (lgr::state_properties_mask() | goals));
}
