// `lgrcheck suite` on bad manifests: exit 2, one line naming the file, the
// case (index and name) and the JSON pointer of the field, no case run.
#include <catch2/catch.hpp>
#include <cstdio>

#include "tests/suite/suite_fixture.hpp"

using namespace lgr::suite_testing;

namespace {

// Runs a manifest that must be refused; returns its error line.
std::string refusal(const TempDir& dir, const std::string& text) {
  const std::string path = dir.write("m.json", text);
  const SuiteRun r = run_suite(path);
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  return r.err;
}

// One case around `body`, which must start with a comma or be empty.
std::string one_case(const std::string& body) {
  return R"({"cases": [{"name": "c", "config": ")" + example("ssi2-basic.json") + "\"" + body + "}]}";
}

}  // namespace

TEST_CASE("suite: malformed manifest JSON is refused with line and column", "[suite]") {
  TempDir dir;
  const std::string e = refusal(dir, "{\"cases\": [\n  {\"name\": \"a\",}\n]}");
  CHECK(e == "lgrcheck: error: " + dir.path("m.json") +
                 ":2:16: syntax error while parsing object key - unexpected '}'; expected string literal\n");
  CHECK(run_suite(dir.path("missing.json")).err ==
        "lgrcheck: error: " + dir.path("missing.json") + ": cannot open: No such file or directory\n");
}

TEST_CASE("suite: manifest errors name the file and the case and the JSON pointer", "[suite]") {
  TempDir dir;
  const std::string file = "lgrcheck: error: " + dir.path("m.json") + ": ";
  CHECK(refusal(dir, R"({"tests": []})") ==
        file + "/tests: unknown field \"tests\" (known: cases, description)\n");
  CHECK(refusal(dir, R"([])") == file + "/: expected an object, got array\n");
  CHECK(refusal(dir, R"({"cases": []})") == file + "/cases: a suite needs at least one case\n");
  CHECK(refusal(dir, one_case(R"(, "expect": {"verdit": "pass"})")) ==
        file + "case 0 \"c\": /cases/0/expect/verdit: unknown field \"verdit\" (known: verdict, properties, "
               "states, transitions, trace_length, replay, warnings)\n");
  CHECK(refusal(dir, one_case(R"(, "expect": {})")) ==
        file + "case 0 \"c\": /cases/0/expect/verdict: missing required field \"verdict\"\n");
  CHECK(refusal(dir, one_case(R"(, "expect": {"verdict": "passed"})")) ==
        file + "case 0 \"c\": /cases/0/expect/verdict: expected \"pass\" or \"fail\", got \"passed\"\n");
  CHECK(refusal(dir, one_case(R"(, "threads": "2", "expect": {"verdict": "pass"})")) ==
        file + "case 0 \"c\": /cases/0/threads: expected a whole number from 1 to 1024, got \"2\"\n");
  CHECK(refusal(dir, one_case(R"(, "expect": {"verdict": "pass", "states": 606.0})")) ==
        file + "case 0 \"c\": /cases/0/expect/states: expected a whole number of at least 1, got 606.0\n");
  CHECK(refusal(dir, one_case(R"(, "limits": {"max_memory": "lots"}, "expect": {"verdict": "pass"})")) ==
        file + "case 0 \"c\": /cases/0/limits/max_memory: expected a size such as \"512M\" or \"8G\", got \"lots\"\n");
  CHECK(refusal(dir, one_case(R"(, "variants": ["early-resume", "late-resume"], "expect": {"verdict": "fail"})")) ==
        file + "case 0 \"c\": /cases/0/variants/1: unknown variant 'late-resume' (known: early-resume, "
               "dst-cancel-discards, no-final-check, no-dirty-resend, ignore-maxquiesce, no-reservation, "
               "no-pdr-arbitration, src-ignores-dst-failure, cancel-stays-quiesced, retry-refused)\n");
  CHECK(refusal(dir, one_case(R"(, "expect": {"verdict": "fail", "properties": {"SingleInstanse": "violated"}})")) ==
        file + "case 0 \"c\": /cases/0/expect/properties/SingleInstanse: unknown property 'SingleInstanse' (known: "
               "SingleInstance, OwnerRuns, NoLostGuest, ImageIntegrity, EligibleAtCommit, QuiesceBound, Capacity, "
               "NoOrphanShadow, ResumedOnSource, NoDeadlock, Termination, SyncAnswered)\n");
  // Found by fuzz_manifest: a comma in one entry used to pass the check and crash the reader.
  CHECK(refusal(dir, one_case(R"(, "properties": ["SingleInstance", ",OwnerRuns"], "expect": {"verdict": "pass"})")) ==
        file + "case 0 \"c\": /cases/0/properties/1: unknown property ',OwnerRuns' (known: "
               "SingleInstance, OwnerRuns, NoLostGuest, ImageIntegrity, EligibleAtCommit, QuiesceBound, Capacity, "
               "NoOrphanShadow, ResumedOnSource, NoDeadlock, Termination, SyncAnswered)\n");
  CHECK(refusal(dir, one_case(R"(, "expect": {"verdict": "fail", "properties": {"SingleInstance,": "violated"}})")) ==
        file + "case 0 \"c\": /cases/0/expect/properties/SingleInstance,: unknown property 'SingleInstance,' (known: "
               "SingleInstance, OwnerRuns, NoLostGuest, ImageIntegrity, EligibleAtCommit, QuiesceBound, Capacity, "
               "NoOrphanShadow, ResumedOnSource, NoDeadlock, Termination, SyncAnswered)\n");
  CHECK(refusal(dir, one_case(R"(, "properties": ["Termination"], "expect": {"verdict": "pass"})")) ==
        file + "case 0 \"c\": /cases/0/properties/0: Termination is a liveness property; a suite checks state "
               "properties only\n");
  CHECK(refusal(dir, one_case(R"(, "expect": {"verdict": "fail", "properties": {"Capacity": "broken"}})")) ==
        file + "case 0 \"c\": /cases/0/expect/properties/Capacity: expected \"holds\" or \"violated\", got \"broken\"\n");
}

TEST_CASE("suite: a case without a usable name is named by its index", "[suite]") {
  TempDir dir;
  const std::string file = "lgrcheck: error: " + dir.path("m.json") + ": ";
  const std::string good = R"({"name": "a", "config": "x.json", "expect": {"verdict": "pass"}})";
  CHECK(refusal(dir, R"({"cases": [)" + good + R"(, {"config": "x.json", "expect": {"verdict": "pass"}}]})") ==
        file + "case 1: /cases/1/name: missing required field \"name\"\n");
  CHECK(refusal(dir, R"({"cases": [)" + good + R"(, {"name": 7, "config": "x.json"}]})") ==
        file + "case 1: /cases/1/name: expected a string, got number\n");
  CHECK(refusal(dir, R"({"cases": [)" + good + R"(, {"name": "b", "expect": {"verdict": "pass"}}]})") ==
        file + "case 1 \"b\": /cases/1/config: missing required field \"config\"\n");
  CHECK(refusal(dir, R"({"cases": [{"name": "two\nlines", "config": "x.json"}]})") ==
        file + "case 0 \"two\\nlines\": /cases/0/name: a case name must not contain control characters such as a "
               "newline\n");
  CHECK(refusal(dir, R"({"cases": [)" + good + "," + good + "]}") ==
        file + "case 1 \"a\": /cases/1/name: duplicate case name \"a\" (first at /cases/0/name)\n");
}

TEST_CASE("suite: contradictory or duplicated expectations are refused", "[suite]") {
  TempDir dir;
  const std::string file = "lgrcheck: error: " + dir.path("m.json") + ": case 0 \"c\": /cases/0/expect/";
  CHECK(refusal(dir, one_case(R"(, "expect": {"verdict": "pass", "properties": {"Capacity": "violated"}})")) ==
        file + "properties/Capacity: \"violated\" contradicts verdict \"pass\"\n");
  CHECK(refusal(dir, one_case(R"(, "expect": {"verdict": "pass", "trace_length": {"Capacity": 4}})")) ==
        file + "trace_length/Capacity: a counterexample length contradicts verdict \"pass\"\n");
  CHECK(refusal(dir, one_case(R"(, "expect": {"verdict": "fail", "properties": {"Capacity": "holds"},
                                 "trace_length": {"Capacity": 4}})")) ==
        file + "trace_length/Capacity: a counterexample length contradicts Capacity \"holds\"\n");
  CHECK(refusal(dir, one_case(R"(, "properties": ["OwnerRuns"],
                                 "expect": {"verdict": "fail", "properties": {"SingleInstance": "violated"}})")) ==
        file + "properties/SingleInstance: SingleInstance is not checked by this case (not in its \"properties\")\n");
  // A JSON parser keeps one of two equal keys, silently dropping the other.
  CHECK(refusal(dir, one_case(R"(, "expect": {"verdict": "pass", "states": 606, "states": 607})")) ==
        file + "states: duplicate key \"states\"\n");
}

TEST_CASE("suite: the lgrcheck binary exits 2 on a bad manifest", "[suite]") {
  TempDir dir;
  const std::string path = dir.write("m.json", one_case(R"(, "expect": {"verdict": "maybe"})"));
  const auto run = lgr::testing::run_lgrcheck(std::vector<std::string>{"suite", path});
  const std::string output = run.output();
  CHECK(run.status == 2);
  CHECK(output == "lgrcheck: error: " + path +
                      ": case 0 \"c\": /cases/0/expect/verdict: expected \"pass\" or \"fail\", got \"maybe\"\n");
}
