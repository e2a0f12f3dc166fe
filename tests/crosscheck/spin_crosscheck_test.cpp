// SPIN cross-check: the Promela export of every variant of the small
// examples, run by SPIN, stores exactly lgrcheck's states and finds exactly
// the properties lgrcheck finds violated. Needs spin and gcc on PATH; without
// them each test says SKIPPED (CTest reports it skipped) instead of passing.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "crosscheck/promela/promela_export.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
namespace fs = std::filesystem;

namespace {

bool on_path(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

bool spin_available() {
  static const bool yes = on_path("spin") && on_path("gcc");
  if (!yes) WARN("SKIPPED: spin or gcc is not on PATH, so lgrcheck was not cross-checked with SPIN (scripts/setup installs spin)");
  return yes;
}

using testing::ScratchDir;
using testing::slurp;

struct PanResult {
  uint64_t stored = 0;
  uint64_t transitions = 0;
  uint64_t vector_bytes = 0;  // pan's "State-vector N byte"
  std::set<std::string> violated;  // names from "assertion violated NAME"
  std::string output;              // for the failure message
};

const char* name_of(PromelaLayout layout) { return layout == PromelaLayout::Packed ? "packed" : "arrays"; }

// Exports `model`, builds pan (assertion switches as spin -D flags) and runs
// it with -c0 so that it reports every violation, not only the first.
PanResult run_spin(const LgrModel& model, const std::string& spin_defines, PromelaLayout layout) {
  INFO("Promela layout: " << name_of(layout));
  ScratchDir dir("spin");
  std::ofstream(dir.path() / "model.pml") << promela_model(model, "lgrcheck " LGRCHECK_VERSION, layout);
  // -O0: these models are tiny, compiling is what costs.
  const std::string cmd = "cd '" + dir.path().string() + "' && spin -o2 " + spin_defines +
                          " -a model.pml > spin.out 2>&1 && gcc -O0 -DNOREDUCE -DSAFETY -o pan pan.c > gcc.out 2>&1"
                          " && ./pan -m100000 -w20 -c0 > pan.out 2>&1";
  const int rc = std::system(cmd.c_str());
  PanResult r;
  r.output = slurp(dir.path() / "spin.out") + slurp(dir.path() / "gcc.out") + slurp(dir.path() / "pan.out");
  INFO(r.output);
  REQUIRE(rc == 0);
  REQUIRE(r.output.find("max search depth too small") == std::string::npos);
  std::smatch m;
  REQUIRE(std::regex_search(r.output, m, std::regex(R"((\d+) states, stored)")));
  r.stored = std::stoull(m[1]);
  REQUIRE(std::regex_search(r.output, m, std::regex(R"((\d+) transitions \(= stored\+matched\))")));
  r.transitions = std::stoull(m[1]);
  REQUIRE(std::regex_search(r.output, m, std::regex(R"(State-vector (\d+) byte)")));
  r.vector_bytes = std::stoull(m[1]);
  const std::regex violated(R"(assertion violated (\w+))");
  for (auto it = std::sregex_iterator(r.output.begin(), r.output.end(), violated); it != std::sregex_iterator(); ++it)
    r.violated.insert((*it)[1]);
  return r;
}

std::set<std::string> violated_by_lgrcheck(const CheckReport& r) {
  std::set<std::string> out;
  for (const auto& p : r.properties)
    if (!p.holds) out.insert(property_info(p.id).name);
  return out;
}

// Every assertion on, in both layouts: equal states, equal transitions (+1
// for SPIN's first store, + one NoDeadlock self-loop per terminal state),
// equal violated properties.
void cross_check(const LgrModel& model) {
  const CheckReport lgr = run_check(model, {});
  REQUIRE(lgr.search.complete());
  for (PromelaLayout layout : {PromelaLayout::Arrays, PromelaLayout::Packed}) {
    const PanResult spin = run_spin(model, "-DCHECK_ALL", layout);
    INFO("Promela layout: " << name_of(layout) << "\n" << spin.output);
    CHECK(spin.stored == lgr.search.states);
    CHECK(spin.transitions == lgr.search.transitions + 1 + lgr.search.terminal_states);
    CHECK(spin.violated == violated_by_lgrcheck(lgr));
  }
}

// Both small examples with one variant (none: the correct model).
void cross_check(const std::vector<std::string>& variants) {
  if (!spin_available()) return;
  for (const char* config : {"ssi2-basic.json", "ssi3-contention.json"}) {
    SECTION(config) { cross_check(testing::model_of(config, variants)); }
  }
}

// The examples give each guest one request; this cluster has a guest with
// three (two to one member, one forcing storage past M3's small paging), a
// guest with a statically ineligible request (DOMAIN) and one with none.
const char* kRequestMix = R"({
  "name": "spin-request-mix",
  "members": [
    {"name": "M1", "storage": 6, "paging": 12},
    {"name": "M2", "storage": 5, "paging": 12},
    {"name": "M3", "storage": 6, "paging": 2}
  ],
  "domains": [{"name": "D12", "members": ["M1", "M2"]}],
  "guests": [
    {"name": "G1", "home": "M1", "memory": 2, "max_memory": 3},
    {"name": "G2", "home": "M2", "memory": 2, "max_memory": 2, "domain": "D12"},
    {"name": "G3", "home": "M2", "memory": 1}
  ],
  "requests": [
    {"guest": "G1", "to": "M2", "sync": true, "maxquiesce": 1},
    {"guest": "G1", "to": "M3", "sync": false, "immediate": true, "maxtotal": 2, "force": ["storage"]},
    {"guest": "G2", "to": "M3"},
    {"guest": "G2", "to": "M1", "maxquiesce": 0, "maxtotal": 3},
    {"guest": "G1", "to": "M2", "sync": false, "maxquiesce": 2}
  ],
  "bounds": {"moves": 2, "cancels": 1, "member_failures": 1, "link_failures": 0,
             "eligibility_changes": 0, "passes": 2}
})";

}  // namespace

TEST_CASE("spin: correct model matches SPIN's counts and every property holds in both", "[spin]") {
  cross_check({});
}
TEST_CASE("spin: early-resume matches SPIN\'s counts and violated properties", "[spin]") {
  cross_check({"early-resume"});
}
TEST_CASE("spin: dst-cancel-discards matches SPIN\'s counts and violated properties", "[spin]") {
  cross_check({"dst-cancel-discards"});
}
TEST_CASE("spin: no-final-check matches SPIN\'s counts and violated properties", "[spin]") {
  cross_check({"no-final-check"});
}
TEST_CASE("spin: no-dirty-resend matches SPIN\'s counts and violated properties", "[spin]") {
  cross_check({"no-dirty-resend"});
}
TEST_CASE("spin: ignore-maxquiesce matches SPIN\'s counts and violated properties", "[spin]") {
  cross_check({"ignore-maxquiesce"});
}
TEST_CASE("spin: no-reservation matches SPIN\'s counts and violated properties", "[spin]") {
  cross_check({"no-reservation"});
}
TEST_CASE("spin: no-pdr-arbitration matches SPIN\'s counts and violated properties", "[spin]") {
  cross_check({"no-pdr-arbitration"});
}
TEST_CASE("spin: src-ignores-dst-failure matches SPIN's counts and deadlock", "[spin]") {
  cross_check({"src-ignores-dst-failure"});
}
TEST_CASE("spin: retry-refused (extension) matches SPIN's counts and violated properties", "[spin]") {
  cross_check({"retry-refused"});
}

TEST_CASE("spin: cancel-stays-quiesced stores the reference counts and violates ResumedOnSource alone, as lgrcheck",
          "[spin]") {
  if (!spin_available()) return;
  // reference-counts.md: the variant's whole graph; transitions + 1 for
  // SPIN's first store and + one NoDeadlock self-loop per terminal state.
  struct Reference {
    const char* config;
    uint64_t states, transitions;
  };
  for (const Reference& ref : {Reference{"ssi2-basic.json", 620, 2972}, Reference{"ssi3-contention.json", 14127, 85719}}) {
    SECTION(ref.config) {
      const LgrModel model = testing::model_of(ref.config, {"cancel-stays-quiesced"});
      const CheckReport lgr = run_check(model, {});
      REQUIRE(lgr.search.complete());
      CHECK(lgr.search.states == ref.states);
      CHECK(lgr.search.transitions == ref.transitions);
      CHECK(violated_by_lgrcheck(lgr) == std::set<std::string>{"ResumedOnSource"});
      for (PromelaLayout layout : {PromelaLayout::Arrays, PromelaLayout::Packed}) {
        const PanResult spin = run_spin(model, "-DCHECK_ALL", layout);
        INFO("Promela layout: " << name_of(layout) << "\n" << spin.output);
        CHECK(spin.stored == ref.states);
        CHECK(spin.transitions == ref.transitions + 1 + lgr.search.terminal_states);
        CHECK(spin.violated == std::set<std::string>{"ResumedOnSource"});
      }
    }
  }
}

TEST_CASE("spin: with assertions off SPIN stores lgrcheck's states and transitions + 1 (ghosts kept)", "[spin]") {
  if (!spin_available()) return;
  // no-dirty-resend on ssi2-basic is where a dropped ghost (bad_image)
  // would merge states: 702 instead of 726 without spin -o2.
  const LgrModel model = testing::model_of("ssi2-basic.json", {"no-dirty-resend"});
  for (PromelaLayout layout : {PromelaLayout::Arrays, PromelaLayout::Packed}) {
    const PanResult spin = run_spin(model, "", layout);
    INFO("Promela layout: " << name_of(layout));
    CHECK(spin.stored == 726);
    CHECK(spin.transitions == 3510 + 1);
    CHECK(spin.violated.empty());
  }
}

TEST_CASE("spin: the packed layout gives pan a state vector at most 60% as long, and the same counts", "[spin]") {
  if (!spin_available()) return;
  // The vector is what pan hashes and copies per state: its length is what
  // the layout is for.
  for (const char* config : {"ssi2-basic.json", "ssi3-contention.json"}) {
    SECTION(config) {
      const LgrModel model = testing::model_of(config);
      const PanResult arrays = run_spin(model, "", PromelaLayout::Arrays);
      const PanResult packed = run_spin(model, "", PromelaLayout::Packed);
      CHECK(packed.stored == arrays.stored);
      CHECK(packed.transitions == arrays.transitions);
      CHECK(10 * packed.vector_bytes <= 6 * arrays.vector_bytes);
    }
  }
}

TEST_CASE("spin: one switched-on property is the only one pan reports", "[spin]") {
  if (!spin_available()) return;
  const LgrModel model = testing::model_of("ssi2-basic.json", {"early-resume"});
  const PanResult spin = run_spin(model, "-D" + promela_check_switch(PropertyId::OwnerRuns), PromelaLayout::Arrays);
  CHECK(spin.violated == std::set<std::string>{"OwnerRuns"});
  CHECK(spin.stored == 600);
}

TEST_CASE("spin: guests with several or no or statically ineligible requests match SPIN's counts", "[spin]") {
  if (!spin_available()) return;
  for (const char* variant : {"", "early-resume"}) {
    SECTION(std::string("variant ") + (*variant ? variant : "none")) {
      std::vector<std::string> variants;
      if (*variant) variants.push_back(variant);
      const LgrModel model(parse_config(kRequestMix, "request-mix"), parse_variants(variants));
      cross_check(model);
    }
  }
}
