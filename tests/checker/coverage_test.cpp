// Coverage counts of `check`: per action kind and per action instance,
// against numbers derived by hand on ssi2-basic, and independent of the
// thread count and the strategy.
#include <catch2/catch.hpp>

#include <numeric>

#include "checker/check_runner.hpp"
#include "explorer/search.hpp"
#include "properties/checked_model.hpp"
#include "tests/support/test_support.hpp"

namespace {

using lgr::ActionKind;
using lgr::testing::check_example;
using lgr::testing::model_of;

uint64_t instance(const lgr::CheckReport& r, const std::string& name) {
  for (const auto& i : r.coverage.instances)
    if (i.name == name) return i.transitions;
  FAIL("no action instance " << name);
  return 0;
}
const lgr::KindCoverage& kind(const lgr::CheckReport& r, ActionKind k) { return r.coverage.kinds[static_cast<int>(k)]; }

}  // namespace

TEST_CASE("coverage on ssi2-basic matches counts derived by hand", "[coverage]") {
  const lgr::CheckReport r = check_example("ssi2-basic.json");
  REQUIRE(r.coverage.collected);
  REQUIRE(r.search.transitions == 3016);
  // Move needs moves_left = 1, a stable cluster (no member or link failed:
  // nothing ever repairs one), no episode and an eligible guest. Before the
  // one move only failures and GuestBecomesIneligible can happen; each of
  // them leaves Move disabled for ever (unstable, or ineligible with the
  // one eligibility change spent). So Move is enabled in the initial state
  // only: one transition, one state.
  CHECK(instance(r, "Move LGRLIN21 GDLLCPX1") == 1);
  CHECK(kind(r, ActionKind::Move).transitions == 1);
  CHECK(kind(r, ActionKind::Move).enabled_states == 1);
  // Becoming eligible needs an ineligible guest, which spends the only
  // eligibility change: never enabled.
  CHECK(instance(r, "GuestBecomesEligible LGRLIN21") == 0);
  CHECK(kind(r, ActionKind::GuestBecomesEligible).enabled_states == 0);
  // The request is sync: Cphx has exactly CancelAtSrc's guard.
  CHECK(instance(r, "Cphx LGRLIN21") == instance(r, "CancelAtSrc LGRLIN21"));
  CHECK(instance(r, "CancelAtSrc LGRLIN21") > 0);
  // While a member failure is left, no member has failed: both MemberFails
  // instances are enabled in exactly the states where the kind is.
  const uint64_t mfail_states = kind(r, ActionKind::MemberFails).enabled_states;
  CHECK(mfail_states > 0);
  CHECK(instance(r, "MemberFails GDLLCPX1") == mfail_states);
  CHECK(instance(r, "MemberFails GDLLCPX2") == mfail_states);
  CHECK(kind(r, ActionKind::MemberFails).transitions == 2 * mfail_states);
  // One link, one Tick: an instance per kind, so transitions = states.
  CHECK(kind(r, ActionKind::LinkFails).transitions == kind(r, ActionKind::LinkFails).enabled_states);
  CHECK(kind(r, ActionKind::Tick).transitions == kind(r, ActionKind::Tick).enabled_states);
  // Every transition is counted once, under its instance and its kind.
  uint64_t by_instance = 0, by_kind = 0;
  for (const auto& i : r.coverage.instances) by_instance += i.transitions;
  for (const auto& k : r.coverage.kinds) {
    by_kind += k.transitions;
    CHECK(k.enabled_states <= r.search.states);
    CHECK(k.enabled_states <= k.transitions);
  }
  CHECK(by_instance == 3016);
  CHECK(by_kind == 3016);
  CHECK(r.coverage.instances.size() == model_of("ssi2-basic.json").actions().size());
}

TEST_CASE("an action instance has at most one successor per state", "[coverage]") {
  // What lets an instance's transitions stand for the states where it is enabled.
  const lgr::LgrModel m = model_of("ssi2-basic.json");
  lgr::CheckSettings s;
  s.search.threads = 1;
  lgr::CheckedModel checked(m);
  explorer::Search<lgr::CheckedModel> search(checked, s.search);
  const auto result = search.run();
  REQUIRE(result.states == 606);
  for (uint64_t id = 0; id < search.size(); ++id) {
    int last = -1;
    m.successors(search.state(static_cast<explorer::StateId>(id)), [&](lgr::ActionIndex a, const lgr::Word*) {
      CHECK(int(a) > last);
      last = a;
    });
  }
}

TEST_CASE("coverage does not depend on the thread count or the strategy", "[coverage]") {
  const lgr::CheckReport one = check_example("ssi3-contention.json", {}, 1);
  const lgr::CheckReport two = check_example("ssi3-contention.json", {}, 2);
  const lgr::CheckReport four = check_example("ssi3-contention.json", {}, 4);
  REQUIRE(one.search.transitions == 82214);
  CHECK(one.search.coverage.transitions == two.search.coverage.transitions);
  CHECK(one.search.coverage.group_states == two.search.coverage.group_states);
  CHECK(one.search.coverage.transitions == four.search.coverage.transitions);
  CHECK(one.search.coverage.group_states == four.search.coverage.group_states);

  lgr::CheckSettings dfs;
  dfs.search.strategy = explorer::Strategy::DepthFirst;
  const lgr::CheckReport deep = lgr::run_check(model_of("ssi3-contention.json"), dfs);
  CHECK(deep.search.coverage.transitions == one.search.coverage.transitions);
  CHECK(deep.search.coverage.group_states == one.search.coverage.group_states);
}

TEST_CASE("coverage survives the table growing in mid-level", "[coverage]") {
  // ssi4-seed's table grows several times while levels are expanded: the
  // chunks redone then must not count twice.
  const lgr::CheckReport r = check_example("ssi4-seed.json", {}, 2);
  REQUIRE(r.search.transitions == 15515577);
  const auto& t = r.search.coverage.transitions;
  CHECK(std::accumulate(t.begin(), t.end(), uint64_t{0}) == 15515577);
}

TEST_CASE("coverage is in the JSON with names of guests, requests, members and links", "[coverage]") {
  const nlohmann::json j = lgr::report_json(check_example("ssi2-basic.json"));
  const auto& actions = j.at("coverage").at("actions");
  REQUIRE(actions.size() == model_of("ssi2-basic.json").actions().size());
  CHECK(actions[0] == nlohmann::json{{"action", "Move LGRLIN21 GDLLCPX1"}, {"kind", "Move"}, {"guest", "LGRLIN21"},
                                     {"request", 1}, {"transitions", 1}, {"enabled_states", 1}});
  bool link_seen = false;
  for (const auto& a : actions)
    if (a.at("kind") == "LinkFails") {
      link_seen = true;
      CHECK(a.at("link") == nlohmann::json::array({"GDLLCPX1", "GDLLCPX2"}));
    }
  CHECK(link_seen);
  CHECK(j.at("coverage").at("kinds").size() == 17);
  CHECK(j.at("coverage").at("kinds")[0] ==
        nlohmann::json{{"kind", "Move"}, {"transitions", 1}, {"enabled_states", 1}});
}
