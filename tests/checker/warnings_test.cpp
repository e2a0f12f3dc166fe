// The warnings that say what a check did not cover: each on a small
// configuration that triggers it, none on the examples that do not.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "checker/check_runner.hpp"
#include "tests/support/test_support.hpp"

namespace {

using nlohmann::json;

// ssi2-basic, changed by `edit`.
json ssi2(const std::function<void(json&)>& edit = {}) {
  std::ifstream in(lgr::testing::example("ssi2-basic.json"));
  json j = json::parse(in);
  if (edit) edit(j);
  return j;
}

lgr::CheckReport check(const json& config, const std::vector<std::string>& variants = {}) {
  lgr::LgrModel m(lgr::parse_config(config.dump(), "t.json"), lgr::parse_variants(variants));
  lgr::CheckSettings s;
  s.search.threads = 1;
  return lgr::run_check(m, s);
}

std::vector<std::string> codes(const lgr::CheckReport& r) {
  std::vector<std::string> c;
  for (const auto& w : r.warnings) c.push_back(w.code);
  return c;
}

std::string messages(const lgr::CheckReport& r) {
  std::string m;
  for (const auto& w : r.warnings) m += w.code + ": " + w.message + "\n";
  return m;
}

}  // namespace

TEST_CASE("the examples have no warnings", "[warnings]") {
  for (const char* name : {"ssi2-basic.json", "ssi3-contention.json", "ssi4-seed.json"}) {
    INFO(name);
    const lgr::CheckReport r = lgr::testing::check_example(name, {}, 2);
    CHECK(messages(r) == "");
    CHECK(lgr::report_json(r).at("warnings") == json::array());
  }
}

TEST_CASE("a request that static eligibility refuses is never enabled, and says why", "[warnings]") {
  // GDLLCPX1 lacks the guest's vswitch.
  const auto r = check(ssi2([](json& j) { j["members"][0].erase("vswitches"); }));
  REQUIRE(r.verdict == lgr::Verdict::Pass);
  REQUIRE(r.warnings.size() >= 1);
  CHECK(r.warnings[0].code == "request-never-enabled");
  CHECK(r.warnings[0].message.rfind("request #1 (Move LGRLIN21 GDLLCPX1) is never enabled: static eligibility "
                                    "refuses it: VSWITCH (",
                                    0) == 0);
  // Nothing moves: the move budget is never spent and no relocation commits.
  const std::string all = messages(r);
  CHECK(all.find("budget-unused: bounds.moves is 1 but no reached state spends any of it") != std::string::npos);
  CHECK(all.find("goal-unreached: sanity goal commit never reached") != std::string::npos);
}

TEST_CASE("a request that the storage check refuses says so", "[warnings]") {
  // The guest needs 2 units; GDLLCPX1 has 1 and no paging.
  const auto r = check(ssi2([](json& j) {
    j["members"][0]["storage"] = 1;
    j["members"][0]["paging"] = 1;
  }));
  REQUIRE(!r.warnings.empty());
  CHECK(r.warnings[0].code == "request-never-enabled");
  CHECK(r.warnings[0].message.find("the storage check refuses it: STORAGE_") != std::string::npos);
}

TEST_CASE("an unreached sanity goal is a warning", "[warnings]") {
  // No member may fail: no guest can be lost.
  const auto r = check(ssi2([](json& j) { j["bounds"]["member_failures"] = 0; }));
  REQUIRE(r.verdict == lgr::Verdict::Pass);
  CHECK(codes(r) == std::vector<std::string>{"goal-unreached"});
  CHECK(r.warnings[0].message ==
        "sanity goal lost never reached, so no property was tested against it: a guest is lost with a failed member");
}

TEST_CASE("a variant that changes no transition is a warning", "[warnings]") {
  // ssi2-basic's one guest needs 2 of GDLLCPX1's 8 units: counting the
  // shadow's storage or not never changes the storage check.
  const auto r = lgr::testing::check_example("ssi2-basic.json", {"no-reservation"});
  CHECK(codes(r) == std::vector<std::string>{"variant-no-effect"});
  REQUIRE(r.variant_effects.size() == 1);
  CHECK(r.variant_effects[0].transitions == 0);
  CHECK(r.warnings[0].message ==
        "variant no-reservation changes no transition of this configuration: its check is the canonical model's");
  // A variant that matters is counted and not warned about.
  const auto early = lgr::testing::check_example("ssi2-basic.json", {"early-resume"});
  REQUIRE(early.variant_effects.size() == 1);
  CHECK(early.variant_effects[0].transitions > 0);
  CHECK(codes(early).empty());
  CHECK(lgr::report_json(early).at("variant_effects").at("early-resume").at("transitions_changed") ==
        early.variant_effects[0].transitions);
}

TEST_CASE("a budget no reached state spends is a warning", "[warnings]") {
  // One member: there is no link to fail, and no relocation at all.
  const auto r = check(json::parse(R"({
    "name": "one-member",
    "members": [{"name": "M1", "storage": 8, "paging": 16}],
    "guests": [{"name": "G1", "home": "M1", "memory": 2, "max_memory": 2}],
    "requests": [],
    "bounds": {"moves": 0, "cancels": 0, "member_failures": 1, "link_failures": 1,
               "eligibility_changes": 0, "passes": 2}
  })"));
  REQUIRE(r.verdict == lgr::Verdict::Pass);
  const std::string all = messages(r);
  CHECK(all.find("budget-unused: bounds.link_failures is 1 but no reached state spends any of it") !=
        std::string::npos);
  CHECK(all.find("bounds.member_failures") == std::string::npos);  // M1 can fail
}

TEST_CASE("an incomplete search has no warnings", "[warnings]") {
  lgr::LgrModel m = lgr::testing::model_of("ssi2-basic.json", {"no-reservation"});
  lgr::CheckSettings s;
  s.search.max_states = 10;
  const auto r = lgr::run_check(m, s);
  REQUIRE(r.verdict == lgr::Verdict::Incomplete);
  CHECK(r.warnings.empty());
}

TEST_CASE("warnings: with strict, a pass with warnings exits 5", "[warnings]") {
  const auto r = lgr::testing::check_example("ssi2-basic.json", {"no-reservation"});
  CHECK(lgr::exit_code(r, false) == 0);
  CHECK(lgr::exit_code(r, true) == 5);
  const auto clean = lgr::testing::check_example("ssi2-basic.json");
  CHECK(lgr::exit_code(clean, true) == 0);
  const auto failed = lgr::testing::check_example("ssi2-basic.json", {"early-resume"});
  CHECK(lgr::exit_code(failed, true) == 1);
}
