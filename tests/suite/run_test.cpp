// `lgrcheck suite` on valid manifests: PASS/FAIL/ERROR lines, the closing
// tally, exit status, limits and errors never judged, thread independence.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/suite/suite_fixture.hpp"

using namespace lgr::suite_testing;

namespace {

std::string a_case(const std::string& name, const std::string& config, const std::string& rest) {
  return R"({"name": ")" + name + R"(", "config": ")" + config + "\"" + rest + "}";
}

std::string manifest(const std::vector<std::string>& cases) {
  std::string text = R"({"cases": [)";
  for (std::size_t i = 0; i < cases.size(); ++i) text += (i ? ",\n" : "\n") + cases[i];
  return text + "\n]}\n";
}

}  // namespace

TEST_CASE("suite: met expectations pass and exit 0", "[suite]") {
  TempDir dir;
  const std::string path = dir.write(
      "m.json",
      manifest({a_case("basic", example("ssi2-basic.json"),
                       R"(, "expect": {"verdict": "pass", "states": 606, "transitions": 3016})"),
                a_case("early", example("ssi2-basic.json"),
                       R"(, "variants": ["early-resume"], "expect": {"verdict": "fail",
                           "properties": {"SingleInstance": "violated", "Capacity": "holds"},
                           "trace_length": {"SingleInstance": 7, "EligibleAtCommit": 9},
                           "states": 600, "transitions": 2975})")}));
  const SuiteRun r = run_suite(path);
  CHECK(r.status == 0);
  CHECK(without_times(r.out) == "PASS basic (states 606)\nPASS early (states 600)\n2 passed, 0 failed\n");
  CHECK(r.err.empty());
}

TEST_CASE("suite: an unmet expectation fails with the first one in words", "[suite]") {
  TempDir dir;
  const std::string basic = example("ssi2-basic.json");
  const std::string early = R"(, "variants": ["early-resume"])";
  const std::string path = dir.write(
      "m.json",
      manifest({
          a_case("holds-not-violated", basic,
                 R"(, "expect": {"verdict": "fail", "properties": {"SingleInstance": "violated"}})"),
          a_case("violated-not-holds", basic, early + R"(, "expect": {"verdict": "fail",
                 "properties": {"Capacity": "holds", "OwnerRuns": "holds", "SingleInstance": "violated"}})"),
          a_case("trace-length", basic, early + R"(, "expect": {"verdict": "fail", "trace_length": {"SingleInstance": 8}})"),
          a_case("verdict-pass", basic, early + R"(, "expect": {"verdict": "pass"})"),
          a_case("verdict-fail", basic, R"(, "expect": {"verdict": "fail"})"),
          a_case("states", basic, R"(, "expect": {"verdict": "pass", "states": 600, "transitions": 3016})"),
          a_case("transitions", basic, R"(, "expect": {"verdict": "pass", "states": 606, "transitions": 1})"),
          a_case("ok", basic, R"(, "expect": {"verdict": "pass"})"),
      }));
  const SuiteRun r = run_suite(path);
  CHECK(r.status == 1);
  CHECK(without_times(r.out) ==
        "FAIL holds-not-violated: expected SingleInstance violated, but it holds\n"
        "FAIL violated-not-holds: expected OwnerRuns holds, but it is violated (shortest counterexample 7 steps)\n"
        "FAIL trace-length: expected a shortest SingleInstance counterexample of 8 steps, but it has 7 steps\n"
        "FAIL verdict-pass: expected verdict pass, but SingleInstance is violated (shortest counterexample 7 steps)\n"
        "FAIL verdict-fail: expected verdict fail, but every checked property holds\n"
        "FAIL states: expected 600 states, but found 606\n"
        "FAIL transitions: expected 1 transitions, but found 3016\n"
        "PASS ok (states 606)\n"
        "1 passed, 7 failed\n");
  CHECK(r.err.empty());
}

TEST_CASE("suite: a case whose config is broken is ERROR and never an expected violation", "[suite]") {
  TempDir dir;
  const std::string expect_violation =
      R"(, "variants": ["early-resume"], "expect": {"verdict": "fail", "properties": {"SingleInstance": "violated"}})";
  const std::string missing = dir.path("missing.json");
  const std::string malformed = dir.write("malformed.json", "{\"members\": [}");
  const std::string invalid = dir.write("invalid.json", R"({"members": []})");
  const std::string path = dir.write("m.json", manifest({a_case("missing", missing, expect_violation),
                                                         a_case("malformed", malformed, expect_violation),
                                                         a_case("invalid", invalid, expect_violation),
                                                         a_case("fine", example("ssi2-basic.json"), expect_violation)}));
  const SuiteRun r = run_suite(path);
  CHECK(r.status == 1);
  CHECK(without_times(r.out) ==
        "ERROR missing: " + missing + ": cannot open: No such file or directory\n"
        "ERROR malformed: " + malformed + ":1:14: syntax error while parsing value - unexpected '}'; expected '[', "
        "'{', or a literal\n"
        "ERROR invalid: " + invalid + ": /members: expected 1 to 8 members, got 0\n"
        "PASS fine (states 600)\n"
        "3 errors (counted as failed): missing, malformed, invalid\n"
        "1 passed, 3 failed\n");
}

TEST_CASE("suite: a case that hits a limit is ERROR even with a violation found", "[suite]") {
  TempDir dir;
  // early-resume breaks SingleInstance at depth 7, well within the first 5000
  // of its 10293 states: the partial search has found the violation the case
  // expects, and still must not count as meeting it.
  const std::string path = dir.write(
      "m.json",
      manifest({a_case("max-states", example("ssi3-contention.json"),
                       R"(, "variants": ["early-resume"], "limits": {"max_states": 5000},
                          "expect": {"verdict": "fail", "properties": {"SingleInstance": "violated"}})"),
                a_case("time", example("ssi4-seed.json"),
                       R"(, "limits": {"time_limit": 1e-9}, "expect": {"verdict": "pass"})")}));
  SuiteArgs args;
  args.json = dir.path("results.json");
  const SuiteRun r = run_suite(path, args);
  CHECK(r.status == 1);
  const std::string out = without_times(r.out);
  CHECK_THAT(out, Catch::Matches("ERROR max-states: search incomplete \\(state limit reached after \\d+ states\\), so "
                                 "nothing is judged\n"
                                 "ERROR time: search incomplete \\(time limit reached after \\d+ states\\), so nothing "
                                 "is judged\n"
                                 "JSON results: .*\n"
                                 "2 errors \\(counted as failed\\): max-states, time\n"
                                 "0 passed, 2 failed\n"));
  const auto results = nlohmann::json::parse(dir.read("results.json"));
  CHECK(results["cases"][0]["status"] == "error");
  CHECK(results["cases"][0]["complete"] == false);
  CHECK(results["cases"][0]["verdict"] == "fail");  // the violation was found, and still not judged
  CHECK(results["cases"][1]["complete"] == false);
  CHECK(results["errors"] == 2);
  CHECK(results["passed"] == 0);
}

TEST_CASE("suite: --json writes each case's measured counts and outcome", "[suite]") {
  TempDir dir;
  const std::string path = dir.write(
      "m.json", manifest({a_case("nr", example("ssi3-contention.json"),
                                 R"(, "variants": ["no-reservation"], "expect": {"verdict": "fail", "states": 1})")}));
  SuiteArgs args;
  args.json = dir.path("out/../results.json");
  std::filesystem::create_directories(dir.path("out"));
  const SuiteRun r = run_suite(path, args);
  CHECK(r.status == 1);
  const auto j = nlohmann::json::parse(dir.read("results.json"));
  CHECK(j["manifest"] == path);
  CHECK(j["passed"] == 0);
  CHECK(j["failed"] == 1);
  CHECK(j["errors"] == 0);
  const auto& c = j["cases"][0];
  CHECK(c["name"] == "nr");
  CHECK(c["status"] == "fail");
  CHECK(c["message"] == "expected 1 states, but found 30106");
  CHECK(c["variants"] == nlohmann::json::array({"no-reservation"}));
  CHECK(c["verdict"] == "fail");
  CHECK(c["states"] == 30106);
  CHECK(c["transitions"] == 220122);
  CHECK(c["properties"]["Capacity"]["holds"] == false);
  CHECK(c["properties"]["Capacity"]["trace_length"] == 4);
  CHECK(c["properties"]["SingleInstance"]["holds"] == true);
  CHECK(c["seconds"].get<double>() >= c["search_seconds"].get<double>());
}

TEST_CASE("suite: results are identical with --threads 1 and --threads 2", "[suite]") {
  TempDir dir;
  const std::string s2 = example("ssi2-basic.json"), s3 = example("ssi3-contention.json");
  const std::string path = dir.write(
      "m.json",
      manifest({a_case("s3-dcd", s3, R"(, "variants": ["dst-cancel-discards"], "expect": {"verdict": "fail",
                       "trace_length": {"NoLostGuest": 9}, "states": 25487, "transitions": 171533})"),
                a_case("s2", s2, R"(, "expect": {"verdict": "pass", "states": 606})"),
                a_case("s3-bad", s3, R"(, "variants": ["no-dirty-resend"], "expect": {"verdict": "fail",
                       "trace_length": {"ImageIntegrity": 13}})"),
                a_case("broken", dir.path("none.json"), R"(, "expect": {"verdict": "pass"})"),
                a_case("s3", s3, R"(, "threads": 2, "expect": {"verdict": "pass", "transitions": 82214})"),
                a_case("s2-nr", s2, R"(, "variants": ["no-reservation"], "expect": {"verdict": "fail"})")}));
  auto run_with = [&](int threads) {
    SuiteArgs args;
    args.threads = threads;
    args.json = dir.path("results-" + std::to_string(threads) + ".json");
    const SuiteRun r = run_suite(path, args);
    auto j = nlohmann::json::parse(dir.read("results-" + std::to_string(threads) + ".json"));
    for (auto& c : j["cases"]) {
      c.erase("seconds");
      c.erase("search_seconds");
    }
    j.erase("case_seconds");
    const std::string out = std::regex_replace(without_times(r.out), std::regex("results-\\d"), "results-N");
    return std::make_tuple(r.status, out, j);
  };
  const auto one = run_with(1);
  const auto two = run_with(2);
  CHECK(std::get<0>(one) == 1);
  CHECK(std::get<1>(one) ==
        "PASS s3-dcd (states 25487)\n"
        "PASS s2 (states 606)\n"
        "FAIL s3-bad: expected a shortest ImageIntegrity counterexample of 13 steps, but it has 10 steps\n"
        "ERROR broken: " + dir.path("none.json") + ": cannot open: No such file or directory\n"
        "PASS s3 (states 12976)\n"
        "FAIL s2-nr: expected verdict fail, but every checked property holds\n"
        "JSON results: " + dir.path("results-N.json") + "\n"
        "1 error (counted as failed): broken\n"
        "3 passed, 3 failed\n");
  CHECK(std::get<0>(two) == std::get<0>(one));
  CHECK(std::get<1>(two) == std::get<1>(one));
  CHECK(std::get<2>(two) == std::get<2>(one));
}

TEST_CASE("suite: after an interrupt no case starts and none passes", "[suite]") {
  TempDir dir;
  const std::string path = dir.write(
      "m.json", manifest({a_case("a", example("ssi2-basic.json"), R"(, "expect": {"verdict": "pass"})"),
                          a_case("b", example("ssi3-contention.json"), R"(, "expect": {"verdict": "pass"})")}));
  const std::atomic<bool> interrupted{true};
  SuiteArgs args;
  args.interrupt = &interrupted;
  const SuiteRun r = run_suite(path, args);
  CHECK(r.status == 1);
  CHECK(r.out ==
        "ERROR a: not run: interrupted\nERROR b: not run: interrupted\n"
        "2 errors (counted as failed): a, b\n0 passed, 2 failed\n");
}

TEST_CASE("suite: --filter runs only the matching cases and bad options exit 2", "[suite]") {
  TempDir dir;
  const std::string basic = example("ssi2-basic.json");
  const std::string path = dir.write("m.json", R"({"cases": [
    {"name": "ssi2 correct", "config": ")" + basic + R"(", "expect": {"verdict": "pass"}},
    {"name": "ssi2 wrong", "config": ")" + basic + R"(", "expect": {"verdict": "fail"}},
    {"name": "other", "config": ")" + basic + R"(", "expect": {"verdict": "pass"}}]})");
  SuiteArgs args;
  args.filter = "correct|oth";
  SuiteRun r = run_suite(path, args);
  CHECK(r.status == 0);
  CHECK(without_times(r.out) == "PASS ssi2 correct (states 606)\nPASS other (states 606)\n2 passed, 0 failed\n");

  args.filter = "nothing";
  r = run_suite(path, args);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "lgrcheck: error: --filter 'nothing' matches no case of " + path + "\n");

  args.filter = "(";
  r = run_suite(path, args);
  CHECK(r.status == 2);
  CHECK(r.err.rfind("lgrcheck: error: --filter: '(' is not a regular expression: ", 0) == 0);

  args.filter = "";
  args.threads = 0;
  CHECK(run_suite(path, args).err == "lgrcheck: error: --threads must be at least 1\n");
  args.threads = 1;
  args.json = "-";
  r = run_suite(path, args);
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: --json and --junit take a file name, not '-'\n");
}
