// What `lgrcheck check` says it proved, and its command line: bounds and
// fairness, the depth an incomplete search checked, warnings and --strict,
// errors as JSON, comma lists, -q, the default thread count.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

namespace {

using lgr::testing::example;
using lgr::testing::run_lgrcheck;
using nlohmann::json;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("check: the summary states the bounds, the goals and the verdict", "[claims]") {
  const auto o = run_lgrcheck({"check", example("ssi2-basic.json"), "--no-traces"});
  REQUIRE(o.status == 0);
  CHECK(contains(o.out,
                 "  under bounds: moves 1, cancels 1, member failures 1, link failures 1, eligibility changes 1, "
                 "passes 2\n"));
  CHECK(!contains(o.out, "under fairness"));
  CHECK(contains(o.out, "  sanity goal commit  reached at depth "));
  CHECK(contains(o.out, "  sanity goal cancel  reached at depth "));
  CHECK(contains(o.out, "  sanity goal lost    reached at depth "));
  CHECK(!contains(o.out, "warning:"));
  CHECK(o.out.substr(o.out.size() - 14) == "verdict: pass\n");
}

TEST_CASE("check --liveness states the fairness in one line", "[claims]") {
  const auto o = run_lgrcheck({"check", example("ssi2-basic.json"), "--no-traces", "--liveness", "--json", "-"});
  REQUIRE(o.status == 0);
  const std::string fairness =
      "weak fairness for every instance of SrcReceive, SrcNextPass, SrcQuiesce, SrcFinalCheck, SrcDetectPeerDown, "
      "DstReceive, DstDetectPeerDown, Tick (no other action is ever forced)";
  CHECK(contains(o.err, "  under fairness: " + fairness + "\n"));
  const json j = json::parse(o.out);
  CHECK(j.at("fairness") == fairness);
  CHECK(j.at("bounds") == json{{"moves", 1}, {"cancels", 1}, {"member_failures", 1}, {"link_failures", 1},
                               {"eligibility_changes", 1}, {"passes", 2}});
  CHECK(j.at("sanity_goals").at("lost").at("reached") == true);
}

TEST_CASE("check: an incomplete breadth-first run says the depth it checked completely", "[claims]") {
  // ssi3-contention's search stopped at 1000 states, on one thread: the
  // levels up to 5 were expanded in full, level 6 only in part.
  const auto o = run_lgrcheck(
      {"check", example("ssi3-contention.json"), "--no-traces", "--threads", "1", "--max-states", "1000", "--json", "-"});
  REQUIRE(o.status == 3);
  const json j = json::parse(o.out);
  const int depth = j.at("complete_depth");
  // Level 6 was expanded in part, so states of depth 7 were found.
  CHECK(j.at("depth") == depth + 2);
  CHECK(contains(o.err, "  no violation within " + std::to_string(depth) + " steps: every state at depth <= " +
                            std::to_string(depth) + " was checked\n"));
  CHECK(depth == 5);
  // A complete run's complete depth is its depth.
  const json full = json::parse(run_lgrcheck({"check", example("ssi2-basic.json"), "--json", "-", "-q"}).out);
  CHECK(full.at("complete_depth") == 15);
}

TEST_CASE("check --strict fails a pass with warnings with exit status 5", "[claims][strict]") {
  const auto plain = run_lgrcheck({"check", example("ssi2-basic.json"), "--variant", "no-reservation", "--no-traces"});
  CHECK(plain.status == 0);
  const std::string warning =
      "warning: [variant-no-effect] variant no-reservation changes no transition of this configuration: its check "
      "is the canonical model's\nverdict: pass\n";
  CHECK(contains(plain.out, warning));
  const auto strict =
      run_lgrcheck({"check", example("ssi2-basic.json"), "--variant", "no-reservation", "--no-traces", "--strict"});
  CHECK(strict.status == 5);
  CHECK(contains(strict.out, warning));
  const auto clean = run_lgrcheck({"check", example("ssi2-basic.json"), "--no-traces", "--strict"});
  CHECK(clean.status == 0);
  const auto j = json::parse(
      run_lgrcheck({"check", example("ssi2-basic.json"), "--variant", "no-reservation", "--json", "-", "-q"}).out);
  REQUIRE(j.at("warnings").size() == 1);
  CHECK(j.at("warnings")[0].at("code") == "variant-no-effect");
  const auto help = run_lgrcheck(std::vector<std::string>{"check", "--help"});
  CHECK(contains(help.out, "with exit status 5"));
}

TEST_CASE("check --coverage prints the coverage table", "[claims][coverage]") {
  const auto o = run_lgrcheck({"check", example("ssi2-basic.json"), "--no-traces", "--coverage"});
  REQUIRE(o.status == 0);
  CHECK(contains(o.out, "  coverage (transitions, states where enabled):\n"));
  CHECK(contains(o.out, "    Move                                1            1\n"));
  CHECK(contains(o.out, "    Move LGRLIN21 GDLLCPX1                          1\n"));
  CHECK(!contains(run_lgrcheck({"check", example("ssi2-basic.json"), "--no-traces"}).out, "coverage (transitions"));
}

TEST_CASE("check: errors write a JSON object to stdout with --json -", "[claims][cli]") {
  const auto missing = run_lgrcheck({"check", "/nonexistent/c.json", "--json", "-"});
  CHECK(missing.status == 2);
  const json j = json::parse(missing.out);
  CHECK(j.at("verdict") == "error");
  CHECK(contains(j.at("error").get<std::string>(), "/nonexistent/c.json"));
  CHECK(j.size() == 2);
  // An error of the option parsing itself, and a bad option value.
  const auto parse = run_lgrcheck({"check", example("ssi2-basic.json"), "--threads", "many", "--json", "-"});
  CHECK(parse.status == 2);
  CHECK(json::parse(parse.out).at("verdict") == "error");
  const auto variant = run_lgrcheck({"check", example("ssi2-basic.json"), "--variant", "erly-resume", "--json=-"});
  CHECK(variant.status == 2);
  CHECK(contains(json::parse(variant.out).at("error").get<std::string>(), "unknown variant 'erly-resume'"));
}

TEST_CASE("check rejects negative limits", "[claims][cli]") {
  const auto states = run_lgrcheck({"check", example("ssi2-basic.json"), "--max-states=-5"});
  CHECK(states.status == 2);
  CHECK(states.err == "lgrcheck: error: --max-states must not be negative (got -5)\n");
  const auto time = run_lgrcheck({"check", example("ssi2-basic.json"), "--time-limit=-1"});
  CHECK(time.status == 2);
  CHECK(time.err == "lgrcheck: error: --time-limit must not be negative (got -1)\n");
}

TEST_CASE("check tests the --json destination before the search", "[claims][cli]") {
  // scaling.json takes many seconds; the refusal comes at once.
  const auto start = std::chrono::steady_clock::now();
  const auto o = run_lgrcheck({"check", example("scaling.json"), "--json", "/nonexistent-dir/r.json"});
  CHECK(o.status == 2);
  CHECK(o.err == "lgrcheck: error: cannot write --json file '/nonexistent-dir/r.json'\n");
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
  lgr::testing::ScratchDir dir("json-dest");
  CHECK(run_lgrcheck({"check", example("ssi2-basic.json"), "--json", dir.path().string()}).status == 2);
}

TEST_CASE("check: --variant and --properties take comma lists with spaces", "[claims][cli]") {
  const auto o = run_lgrcheck({"check", example("ssi2-basic.json"), "--no-traces", "--variant",
                               " early-resume , no-reservation", "--properties", "SingleInstance, OwnerRuns ",
                               "--json", "-", "-q"});
  CHECK(o.status == 1);
  const json j = json::parse(o.out);
  CHECK(j.at("variants") == json::array({"early-resume", "no-reservation"}));
  CHECK(j.at("properties").size() == 2);
  CHECK(j.at("properties").contains("SingleInstance"));
  CHECK(j.at("properties").contains("OwnerRuns"));
}

TEST_CASE("check -q prints the verdict line only", "[claims][cli]") {
  const auto o = run_lgrcheck({"check", example("ssi2-basic.json"), "-q", "--no-traces"});
  CHECK(o.status == 0);
  CHECK(o.out == "verdict: pass\n");
  CHECK(o.err == "");
}

TEST_CASE("check runs on every core by default", "[claims][cli]") {
  const auto j = json::parse(run_lgrcheck({"check", example("ssi2-basic.json"), "--json", "-", "-q"}).out);
  CHECK(j.at("threads") == std::max(1u, std::thread::hardware_concurrency()));
  CHECK(j.at("states") == 606);
}

TEST_CASE("an unknown command says what was meant", "[claims][cli]") {
  const auto o = run_lgrcheck({"chek", example("ssi2-basic.json")});
  CHECK(o.status == 2);
  CHECK(o.err == "lgrcheck: error: unknown command 'chek' (did you mean 'check'?)\n");
  const auto far = run_lgrcheck(std::vector<std::string>{"frobnicate"});
  CHECK(far.status == 2);
  CHECK(far.err == "lgrcheck: error: unknown command 'frobnicate' (see lgrcheck --help)\n");
}
