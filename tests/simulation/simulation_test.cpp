// `simulate` on the LGR model through the library: a walk worked out by hand
// on a tiny cluster, every protocol variant found with a fixed seed, the
// shortened traces replaying, and results independent of the thread count.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "counterexamples/replay.hpp"
#include "simulation/action_weights.hpp"
#include "simulation/simulation_report.hpp"
#include "simulation/simulation_runner.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
using lgr::testing::example;
using lgr::testing::model_of;
using lgr::testing::ScratchDir;

namespace {

// One guest on A, one asynchronous request to B, no faults, cancels,
// eligibility changes or timers, one memory pass. From the initial state the
// only enabled actions are, in turn: Move G B; DstReceive G CREATE (the
// skeleton); SrcReceive G CREATED (rs = MEMORY, pass 1, clean, MEM sent).
// Then three: GuestWrites G, SrcQuiesce G, DstReceive G MEM.
const char* kTiny = R"({
  "name": "tiny",
  "members": [{"name": "A", "storage": 4, "paging": 8}, {"name": "B", "storage": 4, "paging": 8}],
  "guests": [{"name": "G", "home": "A", "memory": 1}],
  "requests": [{"guest": "G", "to": "B", "sync": false, "maxquiesce": 0}],
  "bounds": {"moves": 1, "cancels": 0, "member_failures": 0, "link_failures": 0,
             "eligibility_changes": 0, "passes": 1}
})";

std::map<std::string, std::pair<uint64_t, uint64_t>> action_counts(const LgrModel& m, const SimulationReport& r) {
  std::map<std::string, std::pair<uint64_t, uint64_t>> out;
  for (ActionIndex a = 0; a < r.taken.size(); ++a)
    if (r.taken[a] || r.enabled[a]) out[action_instance_name(m, a)] = {r.taken[a], r.enabled[a]};
  return out;
}

// The report without its time, as JSON text.
std::string figures(const LgrModel& m, const SimulationSettings& s, const SimulationReport& r) {
  nlohmann::json j = simulation_json(m, s, r, "");
  j.erase("seconds");
  return j.dump();
}

}  // namespace

TEST_CASE("simulate: a tiny cluster's walk and coverage, worked out by hand", "[simulate]") {
  ScratchDir dir("simulate");
  const LgrModel m(load_config(dir.write("tiny.json", kTiny)), VariantSet{});
  REQUIRE(m.actions().size() == 18);
  SimulationSettings s;
  s.runs = 1;
  s.depth = 3;
  s.seed = 5;
  const SimulationReport r = run_simulation(m, s);
  CHECK(r.outcome == SimulationOutcome::NoViolation);
  CHECK(r.runs == 1);
  CHECK(r.steps == 3);
  CHECK(r.ends[int(explorer::WalkEnd::DepthBound)] == 1);
  CHECK(r.distinct_states == 4);
  CHECK(r.distinct_exact);
  CHECK(r.successors_checked == 1 + 1 + 1 + 3);
  CHECK((r.min_steps == 3 && r.median_steps == 3 && r.max_steps == 3));
  using P = std::pair<uint64_t, uint64_t>;  // taken, enabled
  const std::map<std::string, P> want = {{"Move G B", P{1, 1}},       {"DstReceive G", P{1, 2}},
                                         {"SrcReceive G", P{1, 1}},   {"GuestWrites G", P{0, 1}},
                                         {"SrcQuiesce G", P{0, 1}}};
  CHECK(action_counts(m, r) == want);  // the other 13 instances: never enabled

  // One step further the walk chooses among the three: the below(3) of the
  // run's fourth generator output (one output per step), in canonical order.
  s.depth = 4;
  const SimulationReport r4 = run_simulation(m, s);
  explorer::SplitMix64 g(explorer::run_seed(5, 0));
  for (int k = 0; k < 3; ++k) g.next();
  const char* fourth[] = {"GuestWrites G", "SrcQuiesce G", "DstReceive G"};
  const std::string chosen = fourth[g.below(3)];
  CHECK(r4.steps == 4);
  CHECK(r4.distinct_states == 5);
  CHECK(action_counts(m, r4).at(chosen).first == (chosen == "DstReceive G" ? 2u : 1u));
}

TEST_CASE("simulate: every protocol variant is found with a fixed seed, and its shortened trace replays",
          "[simulate]") {
  // The shortest counterexample lengths of reference-counts.md.
  const std::map<std::pair<std::string, std::string>, int> shortest = {
      {{"early-resume", "EligibleAtCommit"}, 9}, {{"early-resume", "OwnerRuns"}, 7},
      {{"early-resume", "SingleInstance"}, 7},   {{"dst-cancel-discards", "NoLostGuest"}, 9},
      {{"ignore-maxquiesce", "QuiesceBound"}, 6}, {{"no-dirty-resend", "ImageIntegrity"}, 13},
      {{"no-final-check", "EligibleAtCommit"}, 9}, {{"no-pdr-arbitration", "OwnerRuns"}, 9},
      {{"no-pdr-arbitration", "SingleInstance"}, 9}, {{"no-reservation", "Capacity"}, 4},
      {{"src-ignores-dst-failure", "NoDeadlock"}, 4}, {{"cancel-stays-quiesced", "ResumedOnSource"}, 5}};
  const std::map<std::pair<std::string, std::string>, int> shortest3 = {
      {{"ignore-maxquiesce", "QuiesceBound"}, 5}, {{"no-dirty-resend", "ImageIntegrity"}, 10}};
  struct Case {
    const char* config;
    const char* variant;
  };
  const Case cases[] = {{"ssi2-basic.json", "early-resume"},          {"ssi2-basic.json", "dst-cancel-discards"},
                        {"ssi2-basic.json", "no-final-check"},        {"ssi2-basic.json", "no-dirty-resend"},
                        {"ssi2-basic.json", "ignore-maxquiesce"},     {"ssi2-basic.json", "no-pdr-arbitration"},
                        {"ssi2-basic.json", "cancel-stays-quiesced"}, {"ssi3-contention.json", "cancel-stays-quiesced"},
                        {"ssi3-contention.json", "early-resume"},     {"ssi3-contention.json", "dst-cancel-discards"},
                        {"ssi3-contention.json", "no-final-check"},   {"ssi3-contention.json", "no-dirty-resend"},
                        {"ssi3-contention.json", "ignore-maxquiesce"}, {"ssi3-contention.json", "no-pdr-arbitration"},
                        {"ssi3-contention.json", "no-reservation"},   {"ssi3-contention.json", "src-ignores-dst-failure"}};
  ScratchDir dir("simulate");
  for (const Case& c : cases) {
    INFO(c.config << " " << c.variant);
    const LgrModel m = model_of(c.config, {c.variant});
    SimulationSettings s;
    s.runs = 3000;
    s.depth = 100;
    s.seed = 1;
    // Faults and cancels end most walks early when chosen uniformly.
    s.weights = parse_action_weights(m, {"MemberFails=0.02", "LinkFails=0.02", "CancelAtSrc=0.1", "CancelAtDst=0.1",
                                         "Cphx=0.1", "GuestBecomesIneligible=0.1"});
    const SimulationReport r = run_simulation(m, s);
    REQUIRE(r.outcome == SimulationOutcome::Violation);
    const SimulationViolation& v = *r.violation;
    CHECK(r.runs == v.run + 1);
    const std::string property = property_info(v.property).name;
    auto key = std::make_pair(std::string(c.variant), property);
    REQUIRE(shortest.count(key));
    const int floor = std::string(c.config) == "ssi3-contention.json" && shortest3.count(key) ? shortest3.at(key)
                                                                                               : shortest.at(key);
    CHECK(v.shortened.size() <= v.walk.size());
    CHECK(int(v.shortened.size()) - 1 >= floor);
    REQUIRE(v.shortest_within_seen);
    CHECK(*v.shortest_within_seen <= v.walk.size() - 1);
    CHECK(v.shortened.size() - 1 <= *v.shortest_within_seen);

    const SimulationFiles files = write_simulation_traces(m, v, dir.path("traces"));
    for (const std::string& trace : {files.shortened[0], files.walk[0]}) {
      const ReplayResult replayed = replay_file(trace);
      CHECK(replayed.ok);
      CHECK(replayed.expect_met);
      CHECK(replayed.steps == (trace == files.walk[0] ? v.walk.size() : v.shortened.size()) - 1);
      CHECK(std::count(replayed.violations.begin(), replayed.violations.end(), property) == 1);
    }
  }
}

TEST_CASE("simulate: the figures do not depend on the thread count", "[simulate]") {
  for (const char* variant : {"", "no-dirty-resend"}) {
    INFO(variant);
    const LgrModel m = model_of("ssi3-contention.json", *variant ? std::vector<std::string>{variant}
                                                                  : std::vector<std::string>{});
    SimulationSettings s;
    s.runs = 500;
    s.depth = 40;
    s.seed = 77;
    s.threads = 1;
    const SimulationReport one = run_simulation(m, s);
    s.threads = 2;
    const SimulationReport two = run_simulation(m, s);
    CHECK(figures(m, s, one) == figures(m, s, two));
    CHECK(one.runs > 0);
    if (one.violation) CHECK(one.violation->shortened == two.violation->shortened);
  }
}

TEST_CASE("simulate: a full table of seen states makes the count an estimate", "[simulate]") {
  const LgrModel m = model_of("ssi4-seed.json");
  SimulationSettings s;
  s.runs = 2000;
  s.depth = 60;
  s.seed = 3;
  const SimulationReport exact = run_simulation(m, s);
  REQUIRE(exact.distinct_exact);
  REQUIRE(exact.distinct_states > 2000);
  s.max_seen_bytes = 16 << 10;
  const SimulationReport estimated = run_simulation(m, s);
  CHECK_FALSE(estimated.distinct_exact);
  CHECK(estimated.steps == exact.steps);
  CHECK(double(estimated.distinct_states) > 0.95 * double(exact.distinct_states));
  CHECK(double(estimated.distinct_states) < 1.05 * double(exact.distinct_states));
}
