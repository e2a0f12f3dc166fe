// Results never depend on the number of threads nor on hash compaction:
// every example and a set of variants, at 1, 2 and 4 threads, exact and
// compacted, give the same counts, verdicts, findings and counterexample
// traces (state by state) as a single-threaded exact search.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "explorer/breadth_first_search.hpp"
#include "properties/checked_model.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;

namespace {

CheckReport check(const std::string& config, const std::vector<std::string>& variants, int threads,
                  bool compaction, explorer::Strategy strategy = explorer::Strategy::BreadthFirst) {
  const LgrModel m = lgr::testing::model_of(config, variants);
  CheckSettings s;
  s.search.threads = threads;
  s.search.store = compaction ? explorer::StoreKind::HashCompaction : explorer::StoreKind::Table;
  s.search.strategy = strategy;
  return run_check(m, s);
}

// Everything a report says about the model, as text: equal texts, equal results.

void expect_same_at_any_threads(const std::string& config, const std::vector<std::string>& variants,
                                std::vector<int> threads = {1, 2, 4}) {
  const std::string reference = lgr::testing::results_of(check(config, variants, 1, false));
  for (int t : threads) {
    for (bool compaction : {false, true}) {
      if (t == 1 && !compaction) continue;
      const CheckReport r = check(config, variants, t, compaction);
      INFO(config << " variants " << variants.size() << " threads " << t << (compaction ? " compacted" : ""));
      CHECK(r.search.threads == t);
      CHECK(r.search.hash_compaction == compaction);
      CHECK(lgr::testing::results_of(r) == reference);
    }
  }
}


}  // namespace

TEST_CASE("explorer: the small examples and every variant give identical results at 1, 2 and 4 threads",
          "[explorer]") {
  for (const char* config : {"ssi2-basic.json", "ssi3-contention.json"}) {
    expect_same_at_any_threads(config, {});
    // Every variant of the registry, so that a new one cannot go untested.
    for (const auto& v : all_variants()) expect_same_at_any_threads(config, {v.name});
  }
}

TEST_CASE("explorer: ssi4-seed gives identical results at 1, 2 and 4 threads, exact and compacted", "[explorer]") {
  expect_same_at_any_threads("ssi4-seed.json", {});
}

TEST_CASE("explorer: a violating ssi4-seed variant gives the same traces at 1 and 4 threads", "[explorer]") {
  expect_same_at_any_threads("ssi4-seed.json", {"early-resume"}, {4});
}

TEST_CASE("explorer: depth-first search finds the same states and violations, with longer traces", "[explorer]") {
  for (const char* v : {"early-resume", "no-final-check", "src-ignores-dst-failure"}) {
    for (bool compaction : {false, true}) {
      const CheckReport bfs = check("ssi3-contention.json", {v}, 1, false);
      const CheckReport dfs = check("ssi3-contention.json", {v}, 1, compaction, explorer::Strategy::DepthFirst);
      INFO(v << (compaction ? " compacted" : ""));
      CHECK_FALSE(dfs.search.shortest_traces());
      CHECK(dfs.search.states == bfs.search.states);
      CHECK(dfs.search.transitions == bfs.search.transitions);
      CHECK(dfs.search.terminal_states == bfs.search.terminal_states);
      CHECK(dfs.verdict == bfs.verdict);
      REQUIRE(dfs.properties.size() == bfs.properties.size());
      for (std::size_t i = 0; i < dfs.properties.size(); ++i) {
        const PropertyOutcome& d = dfs.properties[i];
        const PropertyOutcome& b = bfs.properties[i];
        CHECK(d.holds == b.holds);
        CHECK(d.violating_states == b.violating_states);
        if (d.holds) continue;
        CHECK(d.trace_length >= b.trace_length);
        REQUIRE(d.trace.size() == d.trace_length + 1);
        // Each step is a transition of the model.
        const LgrModel m = lgr::testing::model_of("ssi3-contention.json", {v});
        uint64_t broken = 0;
        for (std::size_t k = 1; k < d.trace.size(); ++k) {
          bool found = false;
          m.successors(d.trace[k - 1].state.data(), [&](ActionIndex a, const Word* next) {
            found |= a == d.trace[k].action &&
                     std::equal(d.trace[k].state.begin(), d.trace[k].state.end(), next);
          });
          broken += !found;
        }
        CHECK(broken == 0);
      }
    }
  }
}

TEST_CASE("explorer: the search compiled for the state size finds what the generic one finds", "[explorer]") {
  // run_check's Search uses the instance compiled for 3 words here; the
  // generic instance reads the size at run time.
  const LgrModel m = lgr::testing::model_of("ssi3-contention.json", {"early-resume"});
  REQUIRE(m.state_words() == 3);
  const CheckReport fixed = check("ssi3-contention.json", {"early-resume"}, 1, false);
  CheckedModel cm(m);
  explorer::BreadthFirstSearch<CheckedModel> generic(cm, {});
  const explorer::SearchResult g = generic.run();
  CHECK(g.states == fixed.search.states);
  CHECK(g.transitions == fixed.search.transitions);
  CHECK(g.depth == fixed.search.depth);
  uint64_t violated = 0;
  for (const PropertyOutcome& p : fixed.properties) {
    const explorer::LabelFinding& f = g.findings[static_cast<int>(p.id)];
    CHECK(f.found() == !p.holds);
    if (p.holds) continue;
    ++violated;
    CHECK(f.labelled_states == p.violating_states);
    CHECK(generic.path_to(f.first_state) == p.trace);
  }
  CHECK(violated == 3);
}
