// check --symmetry (checker/symmetry_report.hpp): the reduced search
// explores exactly one state per orbit, agrees with the unreduced check on
// every verdict and counterexample length, and its counterexamples are
// concrete paths that replay without symmetry.
#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <vector>

#include "counterexamples/counterexample_files.hpp"
#include "counterexamples/replay.hpp"
#include "explorer/search.hpp"
#include "model/symmetry.hpp"
#include "properties/checked_model.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;

namespace {

CheckReport check(const LgrModel& m, bool symmetry, int threads = 1,
                  explorer::StoreKind store = explorer::StoreKind::Table) {
  CheckSettings s;
  s.symmetry = symmetry;
  s.search.threads = threads;
  s.search.store = store;
  return run_check(m, s);
}

// Brute force: the distinct canonical forms of the unreduced reachable set.
uint64_t orbits_by_brute_force(const LgrModel& m, uint64_t& full_states) {
  const GuestCanonicalizer canon(m, detect_guest_symmetry(m.config()));
  const CheckedModel checked(m);
  explorer::Search<CheckedModel> search(checked, {});
  full_states = search.run().states;
  std::set<std::vector<Word>> forms;
  std::vector<Word> form(m.state_words());
  for (explorer::StateId id = 0; id < search.size(); ++id) {
    const Word* s = search.state(id);
    std::copy(s, s + m.state_words(), form.begin());
    canon.canonicalize(form.data());
    forms.insert(form);
  }
  return forms.size();
}

// The violated properties with their counterexample lengths, and the goals.
std::string verdicts_of(const CheckReport& r) {
  std::string o = std::string(verdict_name(r.verdict)) + "\n";
  for (const auto& p : r.properties)
    o += std::string(property_info(p.id).name) + (p.holds ? " holds" : " violated, length " + std::to_string(p.trace_length)) + "\n";
  for (const auto& g : r.goals)
    o += std::string(property_info(g.id).name) + (g.reached ? " reached at " + std::to_string(g.depth) : " unreached") + "\n";
  return o;
}

}  // namespace

TEST_CASE("symmetry: the reduced search explores exactly the orbits of the full reachable set, every variant",
          "[symmetry]") {
  std::vector<std::vector<std::string>> variant_sets = {{}};
  for (const auto& v : all_variants()) variant_sets.push_back({v.name});
  for (const auto& variants : variant_sets) {
    const LgrModel m = lgr::testing::model_of("ssi2-triplets.json", variants);
    uint64_t full = 0;
    const uint64_t orbits = orbits_by_brute_force(m, full);
    const CheckReport r = check(m, true);
    INFO("variant " << (variants.empty() ? "none" : variants[0]));
    REQUIRE(r.symmetry);
    CHECK(r.symmetry->reduced);
    CHECK(r.search.states == orbits);
    CHECK(r.symmetry->orbits == orbits);
    CHECK(check(m, false).search.states == full);
    if (variants.empty()) {
      CHECK(full == 48750);
      CHECK(orbits == 8800);
    }
  }
}

TEST_CASE("symmetry: four cloned guests cost one orbit per 22 states (at least 15x, 4! = 24 the bound)",
          "[symmetry]") {
  const LgrModel m = lgr::testing::model_of("ssi2-quads.json");
  uint64_t full = 0;
  const uint64_t orbits = orbits_by_brute_force(m, full);
  CHECK(full == 3550440);
  CHECK(orbits == 158415);
  const CheckReport r = check(m, true, 2);
  CHECK(r.search.states == orbits);
  CHECK(r.verdict == Verdict::Pass);
  CHECK(full >= 15 * orbits);
}

TEST_CASE("symmetry: verdicts and shortest counterexample lengths equal the unreduced check's, every variant",
          "[symmetry]") {
  lgr::testing::ScratchDir dir("symmetry");
  int violated = 0;
  for (const auto& v : all_variants()) {
    const LgrModel m = lgr::testing::model_of("ssi2-triplets.json", {v.name});
    const CheckReport full = check(m, false), reduced = check(m, true);
    INFO("variant " << v.name);
    CHECK(verdicts_of(reduced) == verdicts_of(full));
    for (const auto& p : reduced.properties) {
      if (p.holds) continue;
      ++violated;
      // Concrete: a path of the unreduced model from its initial state,
      // one action per step...
      REQUIRE(p.trace.size() == p.trace_length + 1);
      std::vector<Word> s(m.state_words());
      m.initial(s.data());
      CHECK(p.trace[0].state == s);
      for (std::size_t i = 1; i < p.trace.size(); ++i) {
        bool step = false;
        m.successors(p.trace[i - 1].state.data(), [&](ActionIndex a, const Word* next) {
          step |= a == p.trace[i].action && std::equal(next, next + m.state_words(), p.trace[i].state.begin());
        });
        CHECK(step);
      }
      // ... and replayable from its file, without symmetry.
      const auto files = write_counterexample(m, p.trace, property_info(p.id).name, dir.path().string());
      const ReplayResult replayed = replay_file(files[0]);
      CHECK(replayed.ok);
      CHECK(replayed.steps == p.trace_length);
    }
  }
  CHECK(violated == 11);
}

TEST_CASE("symmetry: results never depend on the thread count nor the store", "[symmetry]") {
  for (const char* variant : {"early-resume", "no-reservation", "src-ignores-dst-failure"}) {
    const LgrModel m = lgr::testing::model_of("ssi2-triplets.json", {variant});
    const std::string one = lgr::testing::results_of(check(m, true, 1));
    INFO(variant);
    CHECK(lgr::testing::results_of(check(m, true, 2)) == one);
    CHECK(lgr::testing::results_of(check(m, true, 2, explorer::StoreKind::HashCompaction)) == one);
    CHECK(lgr::testing::results_of(check(m, true, 1, explorer::StoreKind::Tree)) == one);
  }
}

TEST_CASE("symmetry: a configuration without symmetry is explored exactly as without the option", "[symmetry]") {
  for (const char* name : {"ssi2-basic.json", "ssi3-contention.json"}) {
    const LgrModel m = lgr::testing::model_of(name, {"early-resume"});
    const CheckReport with = check(m, true), without = check(m, false);
    INFO(name);
    CHECK(lgr::testing::results_of(with) == lgr::testing::results_of(without));
    REQUIRE(with.symmetry);
    CHECK_FALSE(with.symmetry->reduced);
    CHECK(with.symmetry->text == "no two guests or members are interchangeable");
    CHECK(with.symmetry->group_size == 1);
    CHECK_FALSE(without.symmetry);
  }
}

TEST_CASE("symmetry: coverage is counted per class of guests, so no warning is false", "[symmetry]") {
  const LgrModel m = lgr::testing::model_of("ssi2-triplets.json");
  const CheckReport full = check(m, false), reduced = check(m, true);
  auto transitions = [](const CheckReport& r, const std::string& name) {
    for (const auto& i : r.coverage.instances)
      if (i.name == name) return i.transitions;
    FAIL("no instance " << name);
    return uint64_t{0};
  };
  for (const char* kind : {"Move", "SrcQuiesce", "DstDetectPeerDown", "GuestBecomesEligible"}) {
    INFO(kind);
    const std::string suffix = std::string(kind) == "Move" ? " GDLLCPX2" : "";
    const uint64_t first = transitions(reduced, std::string(kind) + " LINUX01" + suffix);
    CHECK(transitions(reduced, std::string(kind) + " LINUX02" + suffix) == first);
    CHECK(transitions(reduced, std::string(kind) + " LINUX03" + suffix) == first);
    CHECK((first == 0) == (transitions(full, std::string(kind) + " LINUX01" + suffix) == 0));
  }
  std::vector<std::string> a, b;
  for (const auto& w : full.warnings) a.push_back(w.code + (": " + w.message));
  for (const auto& w : reduced.warnings) b.push_back(w.code + (": " + w.message));
  CHECK(b == a);
}

TEST_CASE("symmetry: liveness is refused with symmetry", "[symmetry]") {
  const LgrModel m = lgr::testing::model_of("ssi2-triplets.json");
  CheckSettings s;
  s.symmetry = true;
  s.liveness = true;
  CHECK_THROWS_WITH(run_check(m, s), kSymmetryLivenessRefusal);
  s.liveness = false;
  s.properties = property_bit(PropertyId::Termination);
  CHECK_THROWS_WITH(run_check(m, s), kSymmetryLivenessRefusal);
}

TEST_CASE("symmetry: depth-first search explores the same orbits and its counterexamples are concrete too",
          "[symmetry]") {
  const LgrModel m = lgr::testing::model_of("ssi2-triplets.json", {"no-pdr-arbitration"});
  CheckSettings s;
  s.symmetry = true;
  s.search.strategy = explorer::Strategy::DepthFirst;
  const CheckReport dfs = run_check(m, s), bfs = check(m, true);
  CHECK(dfs.search.states == bfs.search.states);
  int violated = 0;
  for (const auto& p : dfs.properties) {
    CHECK(p.holds == bfs.find(p.id)->holds);
    if (p.holds) continue;
    ++violated;
    REQUIRE(p.trace.size() == p.trace_length + 1);
    lgr::testing::ScratchDir dir("symmetry-dfs");
    const auto files = write_counterexample(m, p.trace, property_info(p.id).name, dir.path().string(), std::nullopt,
                                            false);
    CHECK(replay_file(files[0]).ok);
  }
  CHECK(violated == 2);
}
