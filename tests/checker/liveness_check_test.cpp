// Termination and SyncAnswered on the examples: verdicts, lassos checked
// step by step with the model's own successor function, and counts
// cross-checked by a direct scan of the reachable states.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <functional>
#include <iterator>
#include <set>

#include "counterexamples/counterexample_files.hpp"
#include "counterexamples/replay.hpp"
#include "explorer/breadth_first_search.hpp"
#include "properties/checked_model.hpp"
#include "properties/liveness.hpp"
#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
using lgr::testing::model_of;

namespace {

CheckReport check_liveness_of(const LgrModel& m, int threads = 1) {
  CheckSettings s;
  s.liveness = true;
  s.search.threads = threads;
  return run_check(m, s);
}

const PropertyOutcome& outcome(const CheckReport& r, PropertyId id) {
  const PropertyOutcome* p = r.find(id);
  REQUIRE(p != nullptr);
  return *p;
}

std::set<ActionIndex> enabled_fair(const LgrModel& m, const std::vector<Word>& s) {
  std::set<ActionIndex> out;
  m.successors(s.data(), [&](ActionIndex a, const Word*) {
    if (is_fair_kind(m.actions()[a].kind)) out.insert(a);
  });
  return out;
}

// Checks a lasso without the liveness code: every step is a transition of
// the model, the cycle closes, the guest's relocation is unfinished all
// along the cycle, and repeating the cycle forever is weakly fair.
void check_lasso(const LgrModel& m, const PropertyOutcome& p, int guest) {
  REQUIRE(p.loop_start);
  const auto& t = p.trace;
  REQUIRE(t.size() == p.trace_length + 1);
  std::vector<Word> init(m.state_words());
  m.initial(init.data());
  CHECK(t.front().state == init);
  for (std::size_t i = 1; i < t.size(); ++i) {
    bool found = false;
    m.successors(t[i - 1].state.data(), [&](ActionIndex a, const Word* next) {
      if (a == t[i].action) found = std::equal(t[i].state.begin(), t[i].state.end(), next);
    });
    INFO("step " << i);
    CHECK(found);
  }
  const std::size_t loop = *p.loop_start;
  CHECK(t.back().state == t[loop].state);
  std::set<ActionIndex> always = enabled_fair(m, t[loop].state), taken;
  for (std::size_t i = loop; i < t.size(); ++i) {
    CHECK(m.decode(t[i].state.data()).g[guest].rs != RS_NONE);
    std::set<ActionIndex> here = enabled_fair(m, t[i].state), both;
    std::set_intersection(always.begin(), always.end(), here.begin(), here.end(), std::inserter(both, both.end()));
    always = both;
    if (i > loop) taken.insert(t[i].action);
  }
  for (ActionIndex a : always) {
    INFO("fair action " << a << " is enabled all along the cycle");
    CHECK(taken.count(a) == 1);
  }
}

// Every reachable state of m (after a complete search), decoded.
void for_each_reachable(const LgrModel& m, const std::function<void(const Word*, const StateVars&)>& f) {
  CheckedModel cm(m);
  explorer::BreadthFirstSearch<CheckedModel> search(cm, {});
  REQUIRE(search.run().complete());
  for (explorer::StateId id = 0; id < search.size(); ++id) f(search.state(id), m.decode(search.state(id)));
}

}  // namespace

TEST_CASE("liveness: the correct model terminates and answers every sync request", "[liveness]") {
  for (const char* config : {"ssi2-basic.json", "ssi3-contention.json", "ssi4-seed.json"}) {
    SECTION(config) {
      const CheckReport r = check_liveness_of(model_of(config));
      CHECK(r.verdict == Verdict::Pass);
      for (PropertyId id : {PropertyId::Termination, PropertyId::SyncAnswered}) {
        const PropertyOutcome& p = outcome(r, id);
        CHECK(p.checked);
        CHECK(p.holds);
        CHECK_FALSE(p.loop_start);
      }
      REQUIRE(r.liveness);
      CHECK(r.liveness->edges <= r.search.transitions);
    }
  }
}

TEST_CASE("liveness: retry-refused retries forever on ssi3-contention, a lasso with a real cycle", "[liveness]") {
  const LgrModel m = model_of("ssi3-contention.json", {"retry-refused"});
  const CheckReport r = check_liveness_of(m);
  CHECK(r.verdict == Verdict::Fail);
  const PropertyOutcome& t = outcome(r, PropertyId::Termination);
  CHECK_FALSE(t.holds);
  CHECK(t.guest == "LINUX01");
  // The shortest stem: LINUX02 (IMMEDIATE) relocates to MEMBER3 in its 9
  // shortest steps and fills it, with LINUX01's Move anywhere before its
  // CREATE arrives; then CREATE and REFUSED alternate forever.
  REQUIRE(t.loop_start);
  CHECK(*t.loop_start == 10);
  CHECK(t.trace_length == 12);
  const Trace trace = counterexample_trace(m, t.trace, "Termination", "", t.loop_start);
  REQUIRE(trace.steps.size() == 12);
  CHECK(trace.steps[9].label == "DstReceive LINUX02 RESUME");
  CHECK(trace.steps[10].label == "DstReceive LINUX01 CREATE");
  CHECK(trace.steps[11].label == "SrcReceive LINUX01 REFUSED");
  CHECK(trace.loop_start == std::optional<std::size_t>(10));
  CHECK(trace.expect_violation == std::optional<std::string>("Termination"));
  CHECK(trace.variants == std::vector<std::string>{"retry-refused"});
  check_lasso(m, t, 0);

  // LINUX01's request is not sync, and LINUX02's retries are cut by its
  // MAXTOTAL timer (Tick is fair): nobody waits forever on a sync answer.
  CHECK(outcome(r, PropertyId::SyncAnswered).holds);

  // The states of the fair cycles, counted directly: LINUX01 waits (INIT)
  // with only CREATE or only REFUSED in flight while LINUX02, done, holds
  // MEMBER3 (2 of its 3 units).
  uint64_t cycling = 0;
  for_each_reachable(m, [&](const Word*, const StateVars& v) {
    const GuestVars &a = v.g[0], &b = v.g[1];
    const bool one_message = (a.c_sd == SD_CREATE && a.c_ds == 0) || (a.c_ds == DS_REFUSED && a.c_sd == 0);
    cycling += a.rs == RS_INIT && one_message && b.inst[2] == I_RUNNING && !b.episode();
  });
  CHECK(t.violating_states == cycling);
  CHECK(cycling == 24);
}

TEST_CASE("liveness: src-ignores-dst-failure gets stuck on ssi2-basic though no state is a deadlock", "[liveness]") {
  const LgrModel m = model_of("ssi2-basic.json", {"src-ignores-dst-failure"});
  const CheckReport r = check_liveness_of(m);
  CHECK(r.verdict == Verdict::Fail);
  CHECK(outcome(r, PropertyId::NoDeadlock).holds);
  for (PropertyId id : {PropertyId::Termination, PropertyId::SyncAnswered}) {
    const PropertyOutcome& p = outcome(r, id);
    CHECK_FALSE(p.holds);
    CHECK(p.guest == "LGRLIN21");
    // Move, then the destination fails: the source never notices. A stuck
    // state, so the cycle is empty (the path stutters there).
    REQUIRE(p.loop_start);
    CHECK(*p.loop_start == 2);
    CHECK(p.trace_length == 2);
    const Trace trace = counterexample_trace(m, p.trace, "Termination", "", p.loop_start);
    CHECK(trace.steps.size() == 2);
    CHECK(trace.steps[0].label == "Move LGRLIN21 GDLLCPX1");
    CHECK(trace.steps[1].label == "MemberFails GDLLCPX1");
    check_lasso(m, p, 0);
    CHECK(enabled_fair(m, p.trace.back().state).empty());
    CHECK(p.violating_states == 12);
  }
  // The 12, counted directly: an unfinished relocation, no fair action
  // enabled, yet some action (a fault) enabled.
  uint64_t stuck = 0, stuck_but_not_dead = 0;
  for_each_reachable(m, [&](const Word* s, const StateVars& v) {
    bool any = false, fair = false;
    m.successors(s, v, [&](ActionIndex a, const Word*) {
      any = true;
      fair |= is_fair_kind(m.actions()[a].kind);
    });
    if (v.g[0].rs == RS_NONE || fair) return;
    ++stuck;
    stuck_but_not_dead += any;
  });
  CHECK(stuck == 12);
  CHECK(stuck_but_not_dead == 12);
}

TEST_CASE("liveness: the lasso does not depend on the thread count", "[liveness]") {
  const LgrModel m = model_of("ssi3-contention.json", {"retry-refused"});
  const CheckReport one = check_liveness_of(m, 1), two = check_liveness_of(m, 2);
  const PropertyOutcome &a = outcome(one, PropertyId::Termination), &b = outcome(two, PropertyId::Termination);
  CHECK(a.loop_start == b.loop_start);
  CHECK(a.violating_states == b.violating_states);
  REQUIRE(a.trace.size() == b.trace.size());
  for (std::size_t i = 0; i < a.trace.size(); ++i) {
    CHECK(a.trace[i].action == b.trace[i].action);
    CHECK(a.trace[i].state == b.trace[i].state);
  }
}

TEST_CASE("liveness: off by default, on when a liveness property is named", "[liveness]") {
  const LgrModel m = model_of("ssi3-contention.json", {"retry-refused"});
  CheckSettings plain;
  const CheckReport off = run_check(m, plain);
  CHECK(off.verdict == Verdict::Pass);
  CHECK(off.find(PropertyId::Termination) == nullptr);
  CHECK_FALSE(off.liveness);

  CheckSettings named;
  named.properties = parse_property_list({"Termination"});
  const CheckReport on = run_check(m, named);
  CHECK(on.verdict == Verdict::Fail);
  REQUIRE(on.properties.size() == 1);
  CHECK(on.properties[0].id == PropertyId::Termination);
  CHECK_FALSE(on.properties[0].holds);
}

TEST_CASE("liveness: the JSON report gives a lasso's loop start and guest", "[liveness]") {
  const CheckReport r = check_liveness_of(model_of("ssi3-contention.json", {"retry-refused"}));
  const auto j = report_json(r);
  CHECK(j["verdict"] == "fail");
  const auto& t = j["properties"]["Termination"];
  CHECK(t["holds"] == false);
  CHECK(t["trace_length"] == 12);
  CHECK(t["loop_start"] == 10);
  CHECK(t["guest"] == "LINUX01");
  CHECK(t["violating_states"] == 24);
  CHECK(j["properties"]["SyncAnswered"] == nlohmann::json{{"holds", true}});
  CHECK(j["liveness"]["edges"].get<uint64_t>() > 0);
}

TEST_CASE("liveness: an incomplete search leaves liveness unchecked and the verdict incomplete", "[liveness]") {
  const LgrModel m = model_of("ssi3-contention.json", {"retry-refused"});
  CheckSettings s;
  s.liveness = true;
  s.search.max_states = 1000;
  const CheckReport r = run_check(m, s);
  CHECK(r.verdict == Verdict::Incomplete);
  CHECK_FALSE(outcome(r, PropertyId::Termination).checked);
  CHECK(report_json(r)["properties"]["Termination"]["checked"] == false);
  CHECK_FALSE(r.liveness);
}

TEST_CASE("liveness: the summary tells a lasso from a stuck state", "[liveness]") {
  std::ostringstream cycle, stuck;
  print_summary(check_liveness_of(model_of("ssi3-contention.json", {"retry-refused"})), cycle);
  CHECK_THAT(cycle.str(), Catch::Contains("  Termination       VIOLATED  LINUX01: stem of 10 steps, then a fair cycle "
                                          "of 2 steps (24 states on fair cycles or stuck)\n"));
  CHECK_THAT(cycle.str(), Catch::Contains("  SyncAnswered      holds\n"));
  print_summary(check_liveness_of(model_of("ssi2-basic.json", {"src-ignores-dst-failure"})), stuck);
  CHECK_THAT(stuck.str(), Catch::Contains("  Termination       VIOLATED  LGRLIN21: stuck after 2 steps, no fair action "
                                          "enabled (12 states on fair cycles or stuck)\n"));
}

TEST_CASE("liveness: lgrcheck check --liveness exits 1 on a livelock and writes the lasso's JSON", "[liveness]") {
  const std::string json = (std::filesystem::temp_directory_path() / "liveness-cli-test.json").string();
  const auto run = lgr::testing::run_lgrcheck(std::vector<std::string>{
      "check", lgr::testing::example("ssi3-contention.json"), "--variant", "retry-refused", "--liveness", "-q", "--json", json});
  CHECK(run.status == 1);
  std::ifstream in(json);
  const auto j = nlohmann::json::parse(in);
  CHECK(j["properties"]["Termination"]["loop_start"] == 10);
  std::filesystem::remove(json);
}

TEST_CASE("liveness: SyncAnswered checked alone agrees with the pass that reuses Termination", "[liveness]") {
  // judge_liveness skips, for SyncAnswered, the guests that satisfy
  // Termination; checked alone, nothing is skipped.
  struct Case {
    const char* config;
    const char* variant;
  };
  for (const Case& c : {Case{"ssi2-basic.json", "src-ignores-dst-failure"},
                        Case{"ssi3-contention.json", "retry-refused"}}) {
    const LgrModel m = model_of(c.config, {c.variant});
    CheckSettings alone;
    alone.properties = parse_property_list({"SyncAnswered"});
    const CheckReport a = run_check(m, alone), both = check_liveness_of(m);
    const PropertyOutcome &x = outcome(a, PropertyId::SyncAnswered), &y = outcome(both, PropertyId::SyncAnswered);
    CHECK(x.holds == y.holds);
    CHECK(x.loop_start == y.loop_start);
    CHECK(x.trace_length == y.trace_length);
    CHECK(x.violating_states == y.violating_states);
  }
}

TEST_CASE("liveness: the lasso written by check replays, with its cycle closed and fair", "[liveness]") {
  const LgrModel m = model_of("ssi3-contention.json", {"retry-refused"});
  const CheckReport r = check_liveness_of(m);
  const PropertyOutcome& t = outcome(r, PropertyId::Termination);
  lgr::testing::ScratchDir dir("lasso");
  const auto files = write_counterexample(m, t.trace, "Termination", dir.path().string(), t.loop_start);
  REQUIRE(files.size() == 2);
  const Trace written = load_trace(files[0]);
  REQUIRE(written.loop_start);
  CHECK(*written.loop_start == 10);
  const ReplayResult replayed = replay_file(files[0]);
  CHECK(replayed.ok);
  CHECK(replayed.loop_closed);
  CHECK(replayed.expect_met);
  CHECK(replayed.steps == 12);
}
