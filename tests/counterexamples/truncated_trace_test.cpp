// The `steps N` line that `check` writes: a counterexample cut short is an
// error for replay, never an ok replay of its first steps.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "counterexamples/trace.hpp"
#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;

namespace {

std::string error_of(const std::string& text) {
  try {
    parse_trace(text, "t.trace");
  } catch (const TraceError& e) {
    return e.what();
  }
  return "(no error)";
}

const char* kHeader = "lgr-trace 1\nconfig ssi2-basic.json\n";

}  // namespace

TEST_CASE("counterexamples: a steps line must match the steps and come with an expect line", "[counterexamples][trace]") {
  const Trace t = parse_trace(std::string(kHeader) + "steps 2\nstep Move LGRLIN21 GDLLCPX1\nstep Tick\nexpect ok\n",
                              "t.trace");
  CHECK(t.declared_steps == std::size_t{2});
  CHECK(t.steps_line == 3);
  CHECK(error_of(std::string(kHeader) + "steps 3\nstep Move LGRLIN21 GDLLCPX1\nstep Tick\n") ==
        "t.trace:3: 'steps 3' but the trace has 2 step lines: it is truncated");
  CHECK(error_of(std::string(kHeader) + "steps 1\nstep Move LGRLIN21 GDLLCPX1\nstep Tick\nexpect ok\n") ==
        "t.trace:3: 'steps 1' but the trace has 2 step lines");
  CHECK(error_of(std::string(kHeader) + "steps 2\nstep Move LGRLIN21 GDLLCPX1\nstep Tick\n") ==
        "t.trace:3: 'steps 2' but the trace has no 'expect' line: it is truncated");
  CHECK(error_of(std::string(kHeader) + "step Tick\nsteps 1\nexpect ok\n") ==
        "t.trace:4: 'steps' must come before the first step");
  CHECK(error_of(std::string(kHeader) + "steps two\n") == "t.trace:3: 'steps' needs the number of steps, got 'two' (a step is written 'step LABEL')");
  CHECK(error_of(std::string(kHeader) + "steps 1\nsteps 1\n") ==
        "t.trace:4: second 'steps' line (the first is on line 3)");
  // Without a steps line a trace reads as before, expect line or not.
  CHECK(parse_trace(std::string(kHeader) + "step Tick\n", "t.trace").steps.size() == 1);
  // The written form carries it and reads back the same.
  CHECK(format_trace(t) == "lgr-trace 1\nconfig ssi2-basic.json\nsteps 2\nstep Move LGRLIN21 GDLLCPX1\nstep Tick\n"
                           "expect ok\n");
}

TEST_CASE("counterexamples: a counterexample that check wrote and that was cut short does not replay", "[counterexamples][trace]") {
  lgr::testing::ScratchDir dir("truncated");
  const auto check = lgr::testing::run_lgrcheck({"check", lgr::testing::example("ssi2-basic.json"), "--variant",
                                                 "early-resume", "--properties", "SingleInstance", "--trace-dir",
                                                 dir.path().string(), "-q"});
  REQUIRE(check.status == 1);
  const std::string file = dir.path("early-resume.SingleInstance.trace");
  const std::string whole = lgr::testing::read_file(file);
  REQUIRE(whole.find("\nsteps 7\n") != std::string::npos);
  CHECK(lgr::testing::run_lgrcheck({"replay", file}).status == 0);
  // Cut after the fifth step: the last lines are gone.
  std::size_t at = 0;
  for (int i = 0; i < 5; ++i) at = whole.find("\nstep ", at + 1);
  at = whole.find('\n', at + 1);
  const std::string cut = dir.write("cut.trace", whole.substr(0, at + 1));
  const auto replay = lgr::testing::run_lgrcheck({"replay", cut});
  CHECK(replay.status == 2);
  CHECK(replay.output().find("'steps 7' but the trace has 5 step lines: it is truncated") != std::string::npos);
}
