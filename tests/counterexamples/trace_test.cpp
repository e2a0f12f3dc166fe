// The trace format of spec section 6: what is read, what is refused (with
// file and line), and that the written form reads back the same.
#include <catch2/catch.hpp>

#include "counterexamples/action_label.hpp"
#include "counterexamples/trace.hpp"
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

}  // namespace

TEST_CASE("counterexamples: a trace file is read with comments and variants and steps and loop and expect", "[counterexamples]") {
  const Trace t = parse_trace(
      "# a scenario\n"
      "lgr-trace 1\n"
      "config ssi2-basic.json        # relative to the trace file\n"
      "variant early-resume\n"
      "variant no-final-check\n"
      "step Move LGRLIN21   GDLLCPX1#2\n"
      "  step DstReceive LGRLIN21 CREATE # the destination builds its shadow\n"
      "\n"
      "step Tick\n"
      "loop 1\n"
      "expect violation SingleInstance   # or: expect ok\n",
      "t.trace");
  CHECK(t.path == "t.trace");
  CHECK(t.config == "ssi2-basic.json");
  CHECK(t.variants == std::vector<std::string>{"early-resume", "no-final-check"});
  REQUIRE(t.steps.size() == 3);
  CHECK(t.steps[0].label == "Move LGRLIN21 GDLLCPX1#2");  // `#2` after a letter is no comment
  CHECK(t.steps[0].line == 6);
  CHECK(t.steps[1].label == "DstReceive LGRLIN21 CREATE");
  CHECK(t.steps[1].line == 7);
  CHECK(t.steps[2].label == "Tick");
  CHECK(t.loop_start == std::optional<std::size_t>(1));
  CHECK(t.loop_line == 10);
  CHECK(t.expect_violation == std::optional<std::string>("SingleInstance"));
  CHECK_FALSE(t.expect_ok);
  CHECK(t.expect_line == 11);
}

TEST_CASE("counterexamples: a written trace reads back the same", "[counterexamples]") {
  Trace t;
  t.config = "../examples/ssi2-basic.json";
  t.variants = {"early-resume"};
  t.steps = {{"Move LGRLIN21 GDLLCPX1", 0}, {"SrcReceive LGRLIN21 CREATED", 0}};
  t.expect_ok = true;
  t.notes = {"written by a test"};
  const std::string text = format_trace(t);
  CHECK(text ==
        "lgr-trace 1\n# written by a test\nconfig ../examples/ssi2-basic.json\nvariant early-resume\n"
        "step Move LGRLIN21 GDLLCPX1\nstep SrcReceive LGRLIN21 CREATED\nexpect ok\n");
  const Trace back = parse_trace(text, "x");
  CHECK(back.config == t.config);
  CHECK(back.variants == t.variants);
  REQUIRE(back.steps.size() == 2);
  CHECK(back.steps[1].label == "SrcReceive LGRLIN21 CREATED");
  CHECK(back.steps[1].line == 6);
  CHECK(back.expect_ok);
  CHECK(format_trace(back) == "lgr-trace 1\nconfig ../examples/ssi2-basic.json\nvariant early-resume\n"
                              "step Move LGRLIN21 GDLLCPX1\nstep SrcReceive LGRLIN21 CREATED\nexpect ok\n");
}

TEST_CASE("counterexamples: a malformed trace is refused naming file and line and why", "[counterexamples]") {
  CHECK(error_of("") == "t.trace:1: empty trace: expected the header 'lgr-trace 1'");
  CHECK(error_of("# only a comment\nstep Tick\n") == "t.trace:2: expected the header 'lgr-trace 1', got 'step Tick'");
  CHECK(error_of("lgr-trace 2\n") == "t.trace:1: unsupported trace version '2' (this lgrcheck reads 'lgr-trace 1')");
  CHECK(error_of("lgr-trace 1\nstep Foo LGRLIN21\n") ==
        "t.trace:2: step: unknown action 'Foo' (known: Move, CancelAtSrc, Cphx, CancelAtDst, GuestWrites, "
        "GuestBecomesIneligible, GuestBecomesEligible, SrcReceive, SrcNextPass, SrcQuiesce, SrcFinalCheck, "
        "SrcDetectPeerDown, DstReceive, DstDetectPeerDown, MemberFails, LinkFails, Tick)");
  CHECK(error_of("lgr-trace 1\n\nstep SrcReceive LGRLIN21\n") ==
        "t.trace:3: step: 'SrcReceive' takes GUEST MSG: 'SrcReceive LGRLIN21'");
  CHECK(error_of("lgr-trace 1\nstep DstReceive LGRLIN21 CREATED\n") ==
        "t.trace:2: step: unknown message 'CREATED' for DstReceive (known: CREATE, MEM, STATE, RESUME, CANCEL)");
  CHECK(error_of("lgr-trace 1\nstep Tick now\n") == "t.trace:2: step: 'Tick' takes no argument: 'Tick now'");
  CHECK(error_of("lgr-trace 1\nvariant late-resume\n") ==
        "t.trace:2: unknown variant 'late-resume' (known: early-resume, dst-cancel-discards, no-final-check, "
        "no-dirty-resend, ignore-maxquiesce, no-reservation, no-pdr-arbitration, src-ignores-dst-failure, "
        "cancel-stays-quiesced, retry-refused)");
  CHECK(error_of("lgr-trace 1\nexpect violation Safety\n") ==
        "t.trace:2: expect: unknown property 'Safety' (known: SingleInstance, OwnerRuns, NoLostGuest, "
        "ImageIntegrity, EligibleAtCommit, QuiesceBound, Capacity, NoOrphanShadow, ResumedOnSource, NoDeadlock, Termination, "
        "SyncAnswered)");
  CHECK(error_of("lgr-trace 1\nexpect nothing\n") == "t.trace:2: 'expect' needs 'ok' or 'violation PROPERTY', got 'nothing'");
  CHECK(error_of("lgr-trace 1\nexpect ok\nexpect ok\n") == "t.trace:3: second 'expect' line (the first is on line 2)");
  CHECK(error_of("lgr-trace 1\nconfig a.json\nconfig b.json\n") ==
        "t.trace:3: second 'config' line (the first is on line 2)");
  CHECK(error_of("lgr-trace 1\nconfig\n") == "t.trace:2: 'config' needs a file name");
  CHECK(error_of("lgr-trace 1\nloop x\n") == "t.trace:2: 'loop' needs a step number, got 'x'");
  CHECK(error_of("lgr-trace 1\nstep Tick\nloop 2\n") == "t.trace:3: loop 2 is after the last step (the trace has 1 steps)");
  CHECK(error_of("lgr-trace 1\nstops Tick\n") ==
        "t.trace:2: unknown line 'stops Tick' (expected config, variant, steps, step, expect or loop)");
  CHECK(error_of("lgr-trace 1\nsteps Tick\n") ==
        "t.trace:2: 'steps' needs the number of steps, got 'Tick' (a step is written 'step LABEL')");
  CHECK(error_of("lgr-trace 1\nlgr-trace 1\n") == "t.trace:2: second 'lgr-trace' header");
}

TEST_CASE("counterexamples: a label names one action instance of the configuration", "[counterexamples]") {
  const LgrModel m = lgr::testing::model_of("ssi4-seed.json");
  auto resolved = [&](const std::string& label) {
    const ActionIndex a = resolve_action_label(m, parse_action_label(label));
    return m.actions()[a];
  };
  CHECK(resolved("Move LGRRH56 GDLMCPX4").request == 1);
  CHECK(resolved("Move LGRRH56 GDLMCPX4#2").request == 1);
  CHECK(resolved("LinkFails GDLMCPX4 GDLLCPX2").a == 1);  // either order names the link a < b
  CHECK(resolved("LinkFails GDLMCPX4 GDLLCPX2").b == 3);
  CHECK(resolved("DstReceive LGRCP021 STATE").guest == 2);
  auto why = [&](const std::string& label) {
    try {
      resolve_action_label(m, parse_action_label(label));
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(resolved)");
  };
  CHECK(why("Move LGRRH56 GDLMCPX4#1") == "request 1 does not move LGRRH56 to GDLMCPX4");
  CHECK(why("Move LGRRH56 GDLLCPX1") == "no request moves LGRRH56 to GDLLCPX1");
  CHECK(why("CancelAtSrc LGRLIN99") == "unknown guest 'LGRLIN99' (known: LGRLIN21, LGRRH56, LGRCP021)");
  CHECK(why("MemberFails GDLLCPX9") == "unknown member 'GDLLCPX9' (known: GDLLCPX1, GDLLCPX2, GDLLCPX3, GDLMCPX4)");
  CHECK(why("LinkFails GDLLCPX1 GDLLCPX1") == "a link joins two members, not GDLLCPX1 to itself");
}

TEST_CASE("counterexamples: Move names the request by position where a guest has two to one member", "[counterexamples]") {
  Config cfg = parse_config(R"({"members": [{"name": "A", "storage": 8, "paging": 8}, {"name": "B", "storage": 8, "paging": 8}],
    "guests": [{"name": "G", "home": "A", "memory": 1}],
    "requests": [{"guest": "G", "to": "B"}, {"guest": "G", "to": "B", "immediate": true}]})",
                            "two.json");
  const LgrModel m(cfg, {});
  CHECK(m.actions()[resolve_action_label(m, parse_action_label("Move G B#2"))].request == 1);
  try {
    resolve_action_label(m, parse_action_label("Move G B"));
    FAIL("an ambiguous Move was resolved");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()) == "'Move G B' is ambiguous: requests 1 and 2 move G to B; write Move G B#1");
  }
}
