// A suite case can expect the warnings of its check: none ("warnings": [])
// or exactly a set of codes; an unknown code is a manifest error.
#include <catch2/catch.hpp>

#include "tests/suite/suite_fixture.hpp"

using namespace lgr::suite_testing;

namespace {

std::string one_case(const std::string& name, const std::string& body) {
  return R"({"name": ")" + name + R"(", "config": ")" + example("ssi2-basic.json") + "\"" + body + "}";
}

}  // namespace

TEST_CASE("suite: expected warnings are judged after the verdict", "[suite][warnings]") {
  TempDir dir;
  const std::string no_effect = R"(, "variants": ["no-reservation"], "expect": {"verdict": "pass", "warnings": )";
  const std::string path = dir.write(
      "m.json", "{\"cases\": [\n" + one_case("named", no_effect + R"(["variant-no-effect"]})") + ",\n" +
                    one_case("twice", no_effect + R"(["variant-no-effect", "variant-no-effect"]})") + ",\n" +
                    one_case("none-expected", no_effect + "[]}") + ",\n" +
                    one_case("clean", R"(, "expect": {"verdict": "pass", "warnings": []})") + ",\n" +
                    one_case("missing", R"(, "expect": {"verdict": "pass", "warnings": ["goal-unreached"]})") +
                    "\n]}\n");
  const SuiteRun r = run_suite(path);
  CHECK(r.err == "");
  CHECK(r.status == 1);
  CHECK(without_times(r.out) ==
        "PASS named (states 606)\n"
        "PASS twice (states 606)\n"
        "FAIL none-expected: expected warnings none, but found variant-no-effect (variant no-reservation changes no "
        "transition of this configuration: its check is the canonical model's)\n"
        "PASS clean (states 606)\n"
        "FAIL missing: expected warnings goal-unreached, but found none\n"
        "3 passed, 2 failed\n");
}

TEST_CASE("suite: an unknown warning code is a manifest error", "[suite][warnings]") {
  TempDir dir;
  const std::string path =
      dir.write("m.json", "{\"cases\": [" + one_case("c", R"(, "expect": {"verdict": "pass", "warnings": ["nope"]})") +
                              "]}");
  const SuiteRun r = run_suite(path);
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: " + dir.path("m.json") +
                     ": case 0 \"c\": /cases/0/expect/warnings/0: unknown warning code \"nope\" (known: "
                     "request-never-enabled, action-never-enabled, goal-unreached, variant-no-effect, budget-unused)\n");
}
