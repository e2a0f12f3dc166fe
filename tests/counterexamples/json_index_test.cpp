// One index base across lgrcheck's JSON (docs/json-output.md): steps are
// numbered by the actions taken (0 is the initial state), indexes into the
// configuration's arrays are 0-based, and a lasso says where its cycle starts.
#include <catch2/catch.hpp>

#include "counterexamples/counterexample_files.hpp"
#include "counterexamples/replay.hpp"
#include "tests/counterexamples/counterexamples_support.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;

TEST_CASE("json: a counterexample's steps, request index and loop_start", "[counterexamples][json]") {
  const LgrModel m = lgr::testing::model_of("ssi3-contention.json", {"retry-refused"});
  CheckSettings s;
  s.liveness = true;
  const CheckReport r = run_check(m, s);
  const PropertyOutcome* p = r.find(PropertyId::Termination);
  REQUIRE(p != nullptr);
  REQUIRE(p->loop_start == std::optional<uint32_t>(10));
  const auto j = counterexample_json(m, p->trace, "Termination", "c.json", p->loop_start);
  CHECK(j["loop_start"] == 10);
  CHECK(j["length"] == 12);
  CHECK(j["shortest"] == false);  // a lasso: its stem is the shortest, not the whole
  CHECK(j["steps"][0]["step"] == 0);
  CHECK(j["steps"][0]["label"].is_null());
  CHECK(j["steps"][1]["step"] == 1);
  CHECK(j["steps"][1]["label"] == "Move LINUX01 MEMBER3");
  // LINUX01's only request is the first of the configuration's "requests".
  CHECK(j["steps"][1]["state"]["guests"]["LINUX01"]["request"] == 0);
  CHECK(j["witness"].size() == 4);

  const auto invariant = counterexample_json(m, p->trace, "Termination", "c.json");
  CHECK(invariant["loop_start"].is_null());
  CHECK(invariant["shortest"] == true);
}

TEST_CASE("json: replay numbers its steps as the counterexample files do", "[counterexamples][json]") {
  const ReplayInput in = load_replay_input(lgr::testing::scenario("early-resume-double-run.trace"));
  const auto j = replay_json(in.model, replay(in.model, in.trace));
  CHECK(j["trace"][0]["step"] == 1);
  CHECK(j["trace"][0]["label"] == "Move LGRLIN21 GDLLCPX1");
  CHECK(j["final_state"]["guests"]["LGRLIN21"]["request"] == 0);
}
