// The counts of ../shared/spec/reference-counts.md, obtained independently of
// this project: the model must reach exactly these numbers.
#include <catch2/catch.hpp>
#include <map>

#include "tests/support/test_support.hpp"

using namespace lgr;
using lgr::testing::check_example;

namespace {

struct Expected {
  const char* config;
  uint64_t states, transitions;
  uint32_t depth;
  uint64_t terminal;
};

std::map<std::string, uint32_t> violated(const CheckReport& r) {
  std::map<std::string, uint32_t> out;
  for (const auto& p : r.properties)
    if (!p.holds) out[property_info(p.id).name] = p.trace_length;
  return out;
}

}  // namespace

TEST_CASE("correct model reaches the reference counts and every property holds", "[counts]") {
  const Expected cases[] = {
      {"ssi2-basic.json", 606, 3016, 15, 15},
      {"ssi3-contention.json", 12976, 82214, 26, 78},
      {"ssi4-seed.json", 1884500, 15515577, 28, 1656},
  };
  for (const auto& e : cases) {
    SECTION(e.config) {
      const CheckReport r = check_example(e.config);
      CHECK(r.search.states == e.states);
      CHECK(r.search.transitions == e.transitions);
      CHECK(r.search.depth == e.depth);
      CHECK(r.search.terminal_states == e.terminal);
      CHECK(r.verdict == Verdict::Pass);
      CHECK(violated(r).empty());
      CHECK(r.properties.size() == 10);
    }
  }
}

TEST_CASE("sanity goals are reached on the seed cluster, so the pass is not vacuous", "[counts]") {
  const CheckReport r = check_example("ssi2-basic.json");
  for (const auto& g : r.goals) CHECK(g.reached);
}

namespace {

struct VariantCase {
  const char* variant;
  const char* config;
  std::map<std::string, uint32_t> violated;  // property -> shortest trace length
  uint64_t states, transitions;
};

// Every row of the variant table; a (variant, config) pair not in the table
// violates nothing there.
const std::vector<VariantCase>& variant_table() {
  static const std::vector<VariantCase> kRows = {
      {"dst-cancel-discards", "ssi2-basic.json", {{"NoLostGuest", 9}}, 570, 2844},
      {"dst-cancel-discards", "ssi3-contention.json", {{"NoLostGuest", 9}}, 25487, 171533},
      {"dst-cancel-discards", "ssi4-seed.json", {{"NoLostGuest", 9}}, 1921381, 15671963},
      {"early-resume", "ssi2-basic.json", {{"EligibleAtCommit", 9}, {"OwnerRuns", 7}, {"SingleInstance", 7}}, 600, 2975},
      {"early-resume", "ssi3-contention.json", {{"EligibleAtCommit", 9}, {"OwnerRuns", 7}, {"SingleInstance", 7}}, 10293, 63863},
      {"early-resume", "ssi4-seed.json", {{"EligibleAtCommit", 9}, {"OwnerRuns", 7}, {"SingleInstance", 7}}, 1797426, 14811260},
      {"ignore-maxquiesce", "ssi2-basic.json", {{"QuiesceBound", 6}}, 836, 4390},
      {"ignore-maxquiesce", "ssi3-contention.json", {{"QuiesceBound", 5}}, 14878, 95285},
      {"ignore-maxquiesce", "ssi4-seed.json", {{"QuiesceBound", 6}}, 3081367, 25767848},
      {"no-dirty-resend", "ssi2-basic.json", {{"ImageIntegrity", 13}}, 726, 3510},
      {"no-dirty-resend", "ssi3-contention.json", {{"ImageIntegrity", 10}}, 18670, 115369},
      {"no-dirty-resend", "ssi4-seed.json", {{"ImageIntegrity", 10}}, 2989125, 23952302},
      {"no-final-check", "ssi2-basic.json", {{"EligibleAtCommit", 9}}, 742, 3632},
      {"no-final-check", "ssi3-contention.json", {{"EligibleAtCommit", 9}}, 14299, 89161},
      {"no-final-check", "ssi4-seed.json", {{"EligibleAtCommit", 9}}, 2247643, 18140657},
      {"no-pdr-arbitration", "ssi2-basic.json", {{"OwnerRuns", 9}, {"SingleInstance", 9}}, 654, 3152},
      {"no-pdr-arbitration", "ssi3-contention.json", {{"OwnerRuns", 9}}, 13156, 82577},
      {"no-pdr-arbitration", "ssi4-seed.json", {{"OwnerRuns", 9}, {"SingleInstance", 9}}, 1942959, 15827175},
      {"no-reservation", "ssi3-contention.json", {{"Capacity", 4}}, 30106, 220122},
      {"src-ignores-dst-failure", "ssi3-contention.json", {{"NoDeadlock", 4}}, 12976, 80426},
      {"src-ignores-dst-failure", "ssi4-seed.json", {{"NoDeadlock", 5}}, 1884500, 15179950},
      {"cancel-stays-quiesced", "ssi2-basic.json", {{"ResumedOnSource", 5}}, 620, 2972},
      {"cancel-stays-quiesced", "ssi3-contention.json", {{"ResumedOnSource", 5}}, 14127, 85719},
      {"cancel-stays-quiesced", "ssi4-seed.json", {{"ResumedOnSource", 5}}, 1984340, 15921385},
      // Not in the table: the variant's fault cannot happen there.
      {"no-reservation", "ssi2-basic.json", {}, 606, 3016},
      {"no-reservation", "ssi4-seed.json", {}, 1884500, 15515577},
      {"src-ignores-dst-failure", "ssi2-basic.json", {}, 606, 2948},
  };
  return kRows;
}

void check_variant_rows(bool seed_rows) {
  for (const auto& row : variant_table()) {
    if ((std::string(row.config) == "ssi4-seed.json") != seed_rows) continue;
    const std::string name = std::string(row.variant) + " on " + row.config;
    SECTION(name) {
      const CheckReport r = check_example(row.config, {row.variant});
      CHECK(r.search.states == row.states);
      CHECK(r.search.transitions == row.transitions);
      CHECK(violated(r) == row.violated);
      CHECK(r.verdict == (row.violated.empty() ? Verdict::Pass : Verdict::Fail));
      // The reported counterexample is a real path of the reported length.
      for (const auto& p : r.properties)
        if (!p.holds) CHECK(p.trace.size() == p.trace_length + 1);
    }
  }
}

}  // namespace

TEST_CASE("every variant of the registry has its reference rows on the three examples", "[variants]") {
  // retry-refused is an extension without reference counts; the liveness
  // tests check it (tests/checker/liveness_check_test.cpp).
  for (const auto& info : all_variants()) {
    if (std::string(info.name) == "retry-refused") continue;
    for (const char* config : {"ssi2-basic.json", "ssi3-contention.json", "ssi4-seed.json"}) {
      INFO(info.name << " on " << config);
      int rows = 0;
      for (const auto& row : variant_table())
        rows += std::string(row.variant) == info.name && std::string(row.config) == config;
      CHECK(rows == 1);
    }
  }
}

// Two test cases so that CTest can run the seed's long rows beside the rest.
TEST_CASE("every protocol variant is caught as the reference says on ssi2-basic and ssi3-contention",
          "[variants]") {
  check_variant_rows(false);
}

TEST_CASE("every protocol variant is caught as the reference says on ssi4-seed", "[variants]") {
  check_variant_rows(true);
}
