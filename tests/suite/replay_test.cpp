// Replay expectations of `lgrcheck suite`. They need the real
// lgr::replay_file (counterexamples branch): before that is merged they run
// against a local stub and the failing-replay tests fail.
#include <catch2/catch.hpp>

#include "tests/suite/suite_fixture.hpp"

using namespace lgr::suite_testing;

namespace {

// The shortest SingleInstance counterexample of early-resume on ssi2-basic.
const char* kEarlyResumeSteps =
    "step Move LGRLIN21 GDLLCPX1\n"
    "step DstReceive LGRLIN21 CREATE\n"
    "step SrcReceive LGRLIN21 CREATED\n"
    "step SrcQuiesce LGRLIN21\n"
    "step SrcFinalCheck LGRLIN21\n"
    "step DstReceive LGRLIN21 MEM\n"
    "step DstReceive LGRLIN21 STATE\n";

// A manifest of one case on ssi2-basic that must replay `trace`.
std::string replay_manifest(const std::string& name, const std::string& variants, const std::string& verdict,
                            const std::string& trace) {
  return R"({"cases": [{"name": ")" + name + R"(", "config": ")" + example("ssi2-basic.json") + "\"" + variants +
         R"(, "expect": {"verdict": ")" + verdict + R"(", "replay": [")" + trace + "\"]}}]}";
}

}  // namespace

TEST_CASE("suite: replay - a scenario that replays with its expect line met passes", "[suite][replay]") {
  TempDir dir;
  dir.write("traces/early.trace", std::string("lgr-trace 1\nvariant early-resume\n") + kEarlyResumeSteps +
                                      "expect violation SingleInstance\n");
  const std::string path =
      dir.write("m.json", replay_manifest("early", R"(, "variants": ["early-resume"])", "fail", "traces/early.trace"));
  const SuiteRun r = run_suite(path);
  CHECK(r.status == 0);
  CHECK(without_times(r.out) == "PASS early (states 600)\n1 passed, 0 failed\n");
}

TEST_CASE("suite: replay - a diverging trace fails with the step that is not enabled", "[suite][replay]") {
  TempDir dir;
  dir.write("diverges.trace", "lgr-trace 1\nstep Move LGRLIN21 GDLLCPX1\nstep SrcReceive LGRLIN21 CREATED\n");
  const std::string path =
      dir.write("m.json", replay_manifest("diverges", R"(, "variants": ["early-resume"])", "fail", "diverges.trace"));
  const SuiteRun r = run_suite(path);
  CHECK(r.status == 1);
  CHECK(r.out.rfind("FAIL diverges: replay diverges.trace: step 2: SrcReceive LGRLIN21 CREATED is not enabled", 0) == 0);
  CHECK(r.out.substr(r.out.size() - 19) == "0 passed, 1 failed\n");
}

TEST_CASE("suite: replay - a trace whose expect line is not met fails", "[suite][replay]") {
  TempDir dir;
  // On the correct model the last step leaves the guest READY: no violation.
  dir.write("unmet.trace", std::string("lgr-trace 1\n") + kEarlyResumeSteps + "expect violation SingleInstance\n");
  const std::string path = dir.write("m.json", replay_manifest("unmet", "", "pass", "unmet.trace"));
  const SuiteRun r = run_suite(path);
  CHECK(r.status == 1);
  CHECK(r.out.rfind("FAIL unmet: replay unmet.trace: ", 0) == 0);
}

TEST_CASE("suite: replay - a missing trace file is ERROR", "[suite][replay]") {
  TempDir dir;
  const std::string path = dir.write("m.json", replay_manifest("gone", "", "pass", "gone.trace"));
  const SuiteRun r = run_suite(path);
  CHECK(r.status == 1);
  CHECK(r.out.rfind("ERROR gone: replay gone.trace: ", 0) == 0);
  CHECK(r.out.find("1 error (counted as failed): gone\n0 passed, 1 failed\n") != std::string::npos);
}
