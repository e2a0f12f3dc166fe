// The storage strategies give what the table store gives: the tree store
// exactly (counts, findings, traces state by state, at any thread count),
// hash compaction on these examples, bitstate with a large enough array; a
// small bit array loses states, says so, and still gives traces that replay.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "explorer/search.hpp"
#include "properties/checked_model.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
using explorer::StoreKind;

namespace {

CheckReport check(const std::string& config, const std::vector<std::string>& variants, int threads, StoreKind store,
                  explorer::Strategy strategy = explorer::Strategy::BreadthFirst, uint64_t bitstate_bits = 1ull << 32) {
  const LgrModel m = lgr::testing::model_of(config, variants);
  CheckSettings s;
  s.search.threads = threads;
  s.search.store = store;
  s.search.strategy = strategy;
  s.search.bitstate_bits = bitstate_bits;
  return run_check(m, s);
}

// Everything a report says about the model, as text: equal texts, equal results.

// Number of steps of a trace that are no transition of the model.
uint64_t broken_steps(const std::string& config, const std::vector<std::string>& variants,
                      const std::vector<explorer::PathStep>& trace) {
  const LgrModel m = lgr::testing::model_of(config, variants);
  std::vector<Word> init(m.state_words());
  m.initial(init.data());
  uint64_t broken = trace.empty() || trace[0].state != init;
  for (std::size_t k = 1; k < trace.size(); ++k) {
    bool found = false;
    m.successors(trace[k - 1].state.data(), [&](ActionIndex a, const Word* next) {
      found |= a == trace[k].action && std::equal(trace[k].state.begin(), trace[k].state.end(), next);
    });
    broken += !found;
  }
  return broken;
}

void expect_tree_as_table(const std::string& config, const std::vector<std::string>& variants,
                          std::vector<int> threads = {1, 2, 4}) {
  const CheckReport table = check(config, variants, 1, StoreKind::Table);
  const std::string reference = lgr::testing::results_of(table, false);
  for (int t : threads) {
    const CheckReport r = check(config, variants, t, StoreKind::Tree);
    INFO(config << " variants " << variants.size() << " threads " << t);
    CHECK(r.search.store == StoreKind::Tree);
    CHECK(r.verdict == table.verdict);
    CHECK(lgr::testing::results_of(r, false) == reference);
  }
}

const char* const kVariants[] = {"early-resume",       "dst-cancel-discards",     "no-final-check",
                                 "no-dirty-resend",    "ignore-maxquiesce",       "no-reservation",
                                 "no-pdr-arbitration", "src-ignores-dst-failure", "retry-refused"};

}  // namespace

TEST_CASE("stores: the tree store gives the table's results on the small examples and every variant", "[stores]") {
  for (const char* config : {"ssi2-basic.json", "ssi3-contention.json"}) {
    expect_tree_as_table(config, {});
    for (const char* v : kVariants) expect_tree_as_table(config, {v});
  }
}

TEST_CASE("stores: the tree store counts ssi4-seed exactly at 1, 2 and 4 threads", "[stores]") {
  for (int t : {1, 2, 4}) {
    const CheckReport r = check("ssi4-seed.json", {}, t, StoreKind::Tree);
    INFO("threads " << t);
    CHECK(r.verdict == Verdict::Pass);
    CHECK(r.search.states == 1884500);
    CHECK(r.search.transitions == 15515577);
    CHECK(r.search.depth == 28);
    CHECK(r.search.terminal_states == 1656);
  }
}

TEST_CASE("stores: a violating ssi4-seed variant gives the table's traces with the tree store", "[stores]") {
  expect_tree_as_table("ssi4-seed.json", {"early-resume"}, {2});
}

TEST_CASE("stores: depth-first search with the tree store finds what it finds with the table", "[stores]") {
  for (const char* v : {"early-resume", "no-final-check"}) {
    const CheckReport table = check("ssi3-contention.json", {v}, 1, StoreKind::Table, explorer::Strategy::DepthFirst);
    const CheckReport tree = check("ssi3-contention.json", {v}, 1, StoreKind::Tree, explorer::Strategy::DepthFirst);
    INFO(v);
    CHECK(lgr::testing::results_of(tree, false) == lgr::testing::results_of(table, false));
  }
}

TEST_CASE("stores: the tree's root encoding is a bijection of (left, right)", "[stores]") {
  uint64_t wrong = 0;
  std::set<uint64_t> seen;
  for (uint32_t left : {1u, 2u, 3u, 1000u, 0x7FFFFFFFu})
    for (uint32_t right : {0u, 1u, 2u, 77u, 0xFFFFFFFFu}) {
      const uint64_t v = explorer::tree_root::encode(left, right);
      uint32_t l = 0, r = 0;
      explorer::tree_root::decode(v, l, r);
      wrong += l != left || r != right || v == 0 || explorer::slot::is_pending(v);
      seen.insert(v);
    }
  CHECK(wrong == 0);
  CHECK(seen.size() == 25);
}

TEST_CASE("stores: every state the tree stored of a whole example unfolds to a reachable state", "[stores]") {
  const LgrModel m = lgr::testing::model_of("ssi3-contention.json", {"early-resume"});
  CheckedModel cm(m);
  explorer::SearchOptions o;
  o.threads = 2;
  explorer::Search<CheckedModel> table(cm, o);
  const explorer::SearchResult t = table.run();
  o.store = StoreKind::Tree;
  explorer::Search<CheckedModel> tree(cm, o);
  const explorer::SearchResult r = tree.run();
  REQUIRE(r.states == t.states);
  const explorer::StateStore& store = tree.store();
  std::vector<Word> s(m.state_words());
  std::set<explorer::StateId> ids;
  uint64_t roots = 0, unknown = 0;
  for (std::size_t i = 0; i < store.table().slots(); ++i) {
    const uint64_t v = store.table().load(i);
    if (v == explorer::slot::kEmpty) continue;
    ++roots;
    REQUIRE_FALSE(explorer::slot::is_pending(v));
    store.tree().unfold(v, s.data());
    const explorer::StateId id = table.find(s.data());
    unknown += id == explorer::kNoState;
    ids.insert(id);
    // Folding it again finds the same root.
    unknown += const_cast<explorer::StateTree&>(store.tree()).fold(s.data()) != v;
  }
  CHECK(roots == 10293);
  CHECK(unknown == 0);
  CHECK(ids.size() == 10293);
  CHECK(store.tree().leaves() > 0);
  CHECK(store.tree().leaves() < roots);
}

TEST_CASE("stores: the tree store refuses to hand out states it does not keep", "[stores]") {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json");
  CheckedModel cm(m);
  explorer::SearchOptions o;
  o.store = StoreKind::Tree;
  explorer::Search<CheckedModel> tree(cm, o);
  CHECK(tree.run().states == 606);
  CHECK_THROWS_WITH(tree.state(0), "states cannot be read back from the tree store");
}

TEST_CASE("stores: hash compaction reports TLC's collision estimate", "[stores]") {
  const CheckReport r = check("ssi3-contention.json", {}, 2, StoreKind::HashCompaction);
  CHECK(r.search.states == 12976);
  const double d = 12976, g = 82214 + 1;
  CHECK(r.search.fingerprint_estimate == Approx(d * (g - d) / 9223372036854775808.0));
  std::ostringstream out;
  print_summary(r, out);
  CHECK(out.str().find("TLC's estimate distinct x (generated - distinct) / 2^63 = 9.7e-11") != std::string::npos);
  CHECK(out.str().find("warning") == std::string::npos);
  CheckReport big = r;
  big.search.fingerprint_estimate = 2e-3;
  std::ostringstream warned;
  print_summary(big, warned);
  CHECK(warned.str().find(
            "warning: states may have been missed; check with --store tree (exact) or --fingerprint-bits 96 instead") !=
        std::string::npos);
}

TEST_CASE("stores: bitstate with a large array finds every state, and calls it a probable pass", "[stores]") {
  for (int t : {1, 2}) {
    const CheckReport r = check("ssi4-seed.json", {}, t, StoreKind::Bitstate, explorer::Strategy::BreadthFirst, 1ull << 30);
    INFO("threads " << t);
    CHECK(r.search.states == 1884500);
    CHECK(r.search.transitions == 15515577);
    CHECK(r.search.depth == 28);
    CHECK(r.verdict == Verdict::ProbablePass);
    CHECK(exit_code(r.verdict) == 3);
    CHECK(r.search.bitstate_hashes == 3);
    CHECK(r.search.bitstate_fill == Approx(1 - std::exp(-3.0 * 1884500 / (1 << 30))).epsilon(0.01));
    // Below states x fill^3 at the end (the fill grew level by level).
    CHECK(r.search.expected_missed > 0.01);
    CHECK(r.search.expected_missed < 1884500 * std::pow(r.search.bitstate_fill, 3));
    CHECK(r.search.omission_probability == Approx(-std::expm1(-r.search.expected_missed)));
  }
}

TEST_CASE("stores: bitstate with a tiny array loses states and says it may have", "[stores]") {
  const CheckReport exact = check("ssi3-contention.json", {}, 1, StoreKind::Table);
  const CheckReport r = check("ssi3-contention.json", {}, 2, StoreKind::Bitstate, explorer::Strategy::BreadthFirst, 8 * 4096);
  CHECK(r.search.states < exact.search.states);
  CHECK(r.search.expected_missed > 100);
  CHECK(r.search.omission_probability > 0.99);
  CHECK(r.verdict == Verdict::ProbablePass);
  // The same at 1 thread: bitstate, too, does not depend on the thread count.
  const CheckReport one = check("ssi3-contention.json", {}, 1, StoreKind::Bitstate, explorer::Strategy::BreadthFirst, 8 * 4096);
  CHECK(lgr::testing::results_of(one, false) == lgr::testing::results_of(r, false));
  std::ostringstream out;
  print_summary(r, out);
  CHECK(out.str().find("probably holds") != std::string::npos);
  CHECK(out.str().find("verdict: probable pass") != std::string::npos);
}

TEST_CASE("stores: a violation found with bitstate is real: its trace replays", "[stores]") {
  for (uint64_t bits : {uint64_t{1} << 30, uint64_t{8} * 8192}) {
    const CheckReport table = check("ssi3-contention.json", {"early-resume"}, 1, StoreKind::Table);
    const CheckReport r =
        check("ssi3-contention.json", {"early-resume"}, 2, StoreKind::Bitstate, explorer::Strategy::BreadthFirst, bits);
    INFO("bits " << bits);
    CHECK(r.verdict == Verdict::Fail);
    uint64_t violated = 0, broken = 0;
    for (const PropertyOutcome& p : r.properties) {
      if (p.holds) continue;
      ++violated;
      CHECK(p.trace.size() == p.trace_length + 1);
      broken += broken_steps("ssi3-contention.json", {"early-resume"}, p.trace);
    }
    CHECK(violated >= 1);
    CHECK(broken == 0);
    if (bits == uint64_t{1} << 30) CHECK(lgr::testing::results_of(r, false) == lgr::testing::results_of(table, false));
  }
}
