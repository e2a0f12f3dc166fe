// `check` prints each violated property's counterexample under its summary:
// the steps one per line, then the witness; -q and --no-print-traces do not.
#include <catch2/catch.hpp>

#include "counterexamples/inline_counterexample.hpp"
#include "tests/counterexamples/counterexamples_support.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
using lgr::testing::run_lgrcheck;
using lgr::testing::TempDir;

namespace {

std::string check_args(const TempDir& dir, const std::string& rest) {
  return "check '" + lgr::testing::example("ssi2-basic.json") + "' --trace-dir '" + dir.file("t") + "' " + rest;
}

}  // namespace

TEST_CASE("check: prints the shortest counterexample and its witness inline", "[cli][check]") {
  TempDir dir("lgrcheck-inline");
  const auto o = run_lgrcheck(check_args(dir, "--variant early-resume --properties SingleInstance"));
  CHECK(o.status == 1);
  const std::string expected =
      "SingleInstance: shortest counterexample, 7 steps (" + dir.file("t") + "/early-resume.SingleInstance.trace)\n"
      "     1  Move LGRLIN21 GDLLCPX1\n"
      "     2  DstReceive LGRLIN21 CREATE\n"
      "     3  SrcReceive LGRLIN21 CREATED\n"
      "     4  SrcQuiesce LGRLIN21\n"
      "     5  SrcFinalCheck LGRLIN21\n"
      "     6  DstReceive LGRLIN21 MEM\n"
      "     7  DstReceive LGRLIN21 STATE\n"
      "  witness:\n"
      "    LGRLIN21 RUNNING on GDLLCPX1 and QUIESCED on GDLLCPX2; the ownership record names GDLLCPX2; relocation "
      "GDLLCPX2 -> GDLLCPX1 in STATE_SENT\n";
  CHECK(o.out.find(expected) != std::string::npos);
}

TEST_CASE("check: -q and --no-print-traces print no counterexample", "[cli][check]") {
  TempDir dir("lgrcheck-inline");
  for (const char* flag : {"-q", "--no-print-traces"}) {
    INFO(flag);
    const auto o = run_lgrcheck(check_args(dir, std::string("--variant early-resume ") + flag));
    CHECK(o.status == 1);
    CHECK(o.out.find("verdict: fail") != std::string::npos);
    CHECK(o.out.find("witness:") == std::string::npos);
    CHECK(o.out.find("     1  Move LGRLIN21 GDLLCPX1") == std::string::npos);
  }
}

TEST_CASE("check: a lasso is printed with its cycle marked", "[cli][check]") {
  TempDir dir("lgrcheck-inline");
  const auto o = run_lgrcheck("check '" + lgr::testing::example("ssi3-contention.json") + "' --trace-dir '" +
                              dir.file("t") + "' --variant retry-refused --properties Termination");
  CHECK(o.status == 1);
  CHECK(o.out.find("Termination: lasso, a stem of 10 steps, then a cycle of 2 steps repeated forever") !=
        std::string::npos);
  CHECK(o.out.find("    10  DstReceive LINUX02 RESUME\n"
                   "      -- the cycle: steps 11 to 12 repeat forever --\n"
                   "    11  DstReceive LINUX01 CREATE\n") != std::string::npos);
}

TEST_CASE("check: the JSON report has each counterexample's steps and witness", "[cli][check]") {
  TempDir dir("lgrcheck-inline");
  const auto o = run_lgrcheck(check_args(dir, "--variant early-resume --properties OwnerRuns --json - -q"));
  CHECK(o.status == 1);
  const auto j = nlohmann::json::parse(o.out);
  CHECK(j["properties"]["OwnerRuns"]["counterexample"].size() == 7);
  CHECK(j["properties"]["OwnerRuns"]["counterexample"][6] == "DstReceive LGRLIN21 STATE");
  CHECK(j["properties"]["OwnerRuns"]["witness"][0] ==
        "LGRLIN21 RUNNING on GDLLCPX1, but the ownership record names GDLLCPX2; relocation GDLLCPX2 -> GDLLCPX1 in "
        "STATE_SENT");
}

TEST_CASE("check: a long counterexample loses its middle and names the file", "[cli][check]") {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json");
  std::vector<Word> w(m.state_words());
  m.initial(w.data());
  const auto tick = static_cast<explorer::ActionId>(m.actions().size() - 1);
  std::vector<explorer::PathStep> path(46, explorer::PathStep{tick, w});  // 45 steps, labels only
  const std::string text =
      format_inline_counterexample(m, {PropertyId::QuiesceBound, &path, std::nullopt, false, "x/P.trace"});
  CHECK(text.rfind("QuiesceBound: counterexample, 45 steps (x/P.trace)\n", 0) == 0);
  CHECK(text.find("    15  Tick\n      ... 15 steps not shown (the whole trace: x/P.trace) ...\n    31  Tick\n") !=
        std::string::npos);
  CHECK(text.find("    16  Tick") == std::string::npos);
  CHECK(text.find("    45  Tick\n") != std::string::npos);
}

TEST_CASE("check: a depth-first trace is not headed shortest", "[cli][check]") {
  TempDir dir("lgrcheck-inline");
  const auto o = run_lgrcheck(check_args(dir, "--variant early-resume --properties SingleInstance --strategy dfs"));
  CHECK(o.status == 1);
  CHECK(o.out.find("SingleInstance: counterexample, ") != std::string::npos);
  CHECK(o.out.find("SingleInstance: shortest") == std::string::npos);
  const std::string trace = lgr::testing::read_file(dir.file("t") + "/early-resume.SingleInstance.trace");
  CHECK(trace.find("# counterexample (depth-first, not the shortest) for SingleInstance on ssi2-basic") !=
        std::string::npos);
  CHECK(trace.find("shortest counterexample") == std::string::npos);
}
