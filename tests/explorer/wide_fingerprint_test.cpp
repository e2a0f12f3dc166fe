// Hash compaction with 96-bit fingerprints (--fingerprint-bits 96): 95 bits
// compared, the slot's tag and a side hash per state. The counts, findings
// and traces are the table store's at any thread count, breadth- and
// depth-first and on thread-ranks; the side hash tells apart two states
// whose table hashes are equal, which 63-bit compaction cannot; the summary
// and the estimate use 2^95.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "explorer/search.hpp"
#include "explorer/state_store.hpp"
#include "explorer/thread_network.hpp"
#include "properties/checked_model.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
using explorer::StoreKind;

namespace {

CheckSettings settings_of(StoreKind store, int threads, int fingerprint_bits = 64,
                          explorer::Strategy strategy = explorer::Strategy::BreadthFirst) {
  CheckSettings s;
  s.search.threads = threads;
  s.search.store = store;
  s.search.fingerprint_bits = fingerprint_bits;
  s.search.strategy = strategy;
  return s;
}

// The slot that holds the one state stored in `store`.
uint64_t only_stored_slot(const explorer::StateStore& store) {
  for (std::size_t i = 0; i < store.table().slots(); ++i)
    if (const uint64_t v = store.table().load(i); v != explorer::slot::kEmpty) return v;
  return 0;
}

}  // namespace

TEST_CASE("wide fingerprints: ssi3-contention and every variant give the table's results at 1, 2 and 4 threads",
          "[stores]") {
  for (const std::string variant : {"", "early-resume", "no-final-check", "dst-cancel-discards", "retry-refused"}) {
    const std::vector<std::string> variants = variant.empty() ? std::vector<std::string>{} : std::vector{variant};
    const LgrModel m = lgr::testing::model_of("ssi3-contention.json", variants);
    const std::string reference = lgr::testing::results_of(run_check(m, settings_of(StoreKind::Table, 1)), false);
    for (int t : {1, 2, 4}) {
      INFO(variant << " threads " << t);
      const CheckReport r = run_check(m, settings_of(StoreKind::HashCompaction, t, 96));
      CHECK(lgr::testing::results_of(r, false) == reference);
      CHECK(r.search.fingerprint_bits == 95);
    }
  }
}

TEST_CASE("wide fingerprints: ssi4-seed counts exactly on 2 threads", "[stores]") {
  const CheckReport r =
      run_check(lgr::testing::model_of("ssi4-seed.json", {}), settings_of(StoreKind::HashCompaction, 2, 96));
  CHECK(r.verdict == Verdict::Pass);
  CHECK(r.search.states == 1884500);
  CHECK(r.search.transitions == 15515577);
  CHECK(r.search.depth == 28);
  CHECK(r.search.terminal_states == 1656);
}

TEST_CASE("wide fingerprints: depth-first search finds what it finds with the table", "[stores]") {
  for (const char* v : {"early-resume", "no-final-check"}) {
    const LgrModel m = lgr::testing::model_of("ssi3-contention.json", {v});
    const CheckReport table = run_check(m, settings_of(StoreKind::Table, 1, 64, explorer::Strategy::DepthFirst));
    const CheckReport wide =
        run_check(m, settings_of(StoreKind::HashCompaction, 1, 96, explorer::Strategy::DepthFirst));
    INFO(v);
    CHECK(lgr::testing::results_of(wide, false) == lgr::testing::results_of(table, false));
  }
}

TEST_CASE("wide fingerprints: thread-ranks give the one-process results", "[stores][distributed]") {
  const LgrModel m = lgr::testing::model_of("ssi3-contention.json", {"early-resume"});
  const std::string reference = lgr::testing::results_of(run_check(m, settings_of(StoreKind::Table, 1)));
  std::vector<CheckReport> reports(3);
  explorer::run_on_thread_ranks(3, [&](explorer::RankNetwork& net) {
    CheckSettings s = settings_of(StoreKind::HashCompaction, 1, 96);
    s.network = &net;
    reports[net.rank()] = run_check(m, s);
  });
  for (const CheckReport& r : reports) {
    CHECK(lgr::testing::results_of(r) == reference);
    CHECK(r.search.fingerprint_bits == 95);
  }
}

TEST_CASE("wide fingerprints: the side hash tells apart states whose table hashes are equal", "[stores]") {
  // Two different states, and the table hash of the first given for both:
  // what a full 64-bit collision of the table hash would look like.
  const std::vector<explorer::StateWord> a = {1, 2, 3, 4}, b = {1, 2, 3, 5};
  for (int bits : {64, 96}) {
    explorer::StateStore store(4, {StoreKind::HashCompaction, 0, 3, 0, bits, ""});
    REQUIRE(store.insert(a.data(), explorer::kNoState, 0).second);
    const uint64_t h = store.hash(a.data());
    const uint64_t v = only_stored_slot(store);
    INFO(bits << " bits");
    CHECK(store.fingerprint_bits() == (bits == 96 ? 95 : 63));
    CHECK(store.matches<StoreKind::HashCompaction>(v, h, a.data()));
    // 63 bits are the whole table hash: b is taken for a. 95 bits are not.
    CHECK(store.matches<StoreKind::HashCompaction>(v, h, b.data()) == (bits == 64));
    CHECK(store.bytes() - store.table().bytes() == (bits == 96 ? 6 + 8 : 6));
  }
  CHECK_THROWS_WITH(explorer::StateStore(4, {StoreKind::HashCompaction, 0, 3, 0, 80, ""}),
                    "fingerprints are 64 or 96 bits, not 80");
}

TEST_CASE("wide fingerprints: the summary and TLC's estimate use 2^95", "[stores]") {
  const CheckReport r =
      run_check(lgr::testing::model_of("ssi3-contention.json", {}), settings_of(StoreKind::HashCompaction, 2, 96));
  CHECK(r.search.states == 12976);
  const double d = 12976, g = 82214 + 1;
  CHECK(r.search.fingerprint_estimate == Approx(d * (g - d) * std::ldexp(1.0, -95)));
  CHECK(r.search.collision_probability == Approx(d * (d - 1) / 2 * std::ldexp(1.0, -95)));
  std::ostringstream out;
  print_summary(r, out);
  CHECK(out.str().find("hash compaction: 95-bit fingerprints; probability that a collision hid a state 2.1e-21") !=
        std::string::npos);
  CHECK(out.str().find("TLC's estimate distinct x (generated - distinct) / 2^95 = 2.3e-20") != std::string::npos);
  CheckReport big = r;
  big.search.fingerprint_estimate = 2e-3;
  std::ostringstream warned;
  print_summary(big, warned);
  // Already wide: the warning offers only the exact store.
  CHECK(warned.str().find("warning: states may have been missed; check with --store tree (exact) instead") !=
        std::string::npos);
}
