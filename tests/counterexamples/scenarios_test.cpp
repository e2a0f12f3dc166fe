// The hand-written scenarios of examples/scenarios meet their expect lines,
// and `lgrcheck replay` reports through its exit status and streams.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fmt/format.h>

#include "counterexamples/replay.hpp"
#include "tests/counterexamples/counterexamples_support.hpp"

using namespace lgr;
using lgr::testing::run_lgrcheck;
using lgr::testing::scenario;

TEST_CASE("counterexamples: every scenario in examples/scenarios meets its expect line", "[counterexamples]") {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(scenario("")))
    if (e.path().extension() == ".trace") names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"cancel-after-quiesce.trace", "cancel-at-destination.trace",
                                          "cancel-stays-quiesced.trace", "cancel-too-late.trace",
                                          "destination-fails-during-memory-move.trace",
                                          "early-resume-double-run.trace", "link-failure-after-commit.trace",
                                          "quiesce-timeout.trace", "seed-roundtrip.trace",
                                          "src-ignores-dst-failure-stuck.trace"});
  for (const auto& name : names) {
    INFO(name);
    const ReplayInput in = load_replay_input(scenario(name));
    CHECK((in.trace.expect_ok || in.trace.expect_violation));
    const ReplayResult r = replay(in.model, in.trace);
    CHECK_FALSE(r.divergence);
    CHECK(r.expect_met);
    CHECK(r.ok);
    CHECK(r.steps == in.trace.steps.size());
  }
}

TEST_CASE("counterexamples: the seed's round trip moves LGRLIN21 to GDLLCPX1 and back", "[counterexamples]") {
  const ReplayResult r = replay_file(scenario("seed-roundtrip.trace"));
  REQUIRE(r.ok);
  std::vector<std::string> ownership;
  for (const auto& s : r.trace)
    for (const auto& c : s.changes)
      if (c.rfind("ownership", 0) == 0) ownership.push_back(c);
  CHECK(ownership == std::vector<std::string>{"ownership of LGRLIN21: GDLLCPX2 -> GDLLCPX1",
                                              "ownership of LGRLIN21: GDLLCPX1 -> GDLLCPX2"});
  CHECK(r.final_state.g[0].inst[1] == I_RUNNING);
  CHECK(r.final_state.g[0].inst[0] == I_NONE);
  CHECK_FALSE(r.final_state.g[0].episode());
}

TEST_CASE("counterexamples: the scenarios show the cancel and failure paths in z/VM terms", "[counterexamples]") {
  auto changes_at = [](const std::string& name, size_t step) { return replay_file(scenario(name)).trace.at(step - 1).changes; };
  CHECK(changes_at("cancel-too-late.trace", 10) ==
        std::vector<std::string>{"message CANCEL_REQ received by GDLLCPX2 and ignored (too late: relocation state NONE)"});
  CHECK(changes_at("destination-fails-during-memory-move.trace", 6) ==
        std::vector<std::string>{"member GDLLCPX1 fails: its CP is down", "LGRLIN21 on GDLLCPX1: SHADOW -> NONE",
                                 "message MEM lost GDLLCPX2 -> GDLLCPX1 (GDLLCPX1 failed)",
                                 "message MEM lost GDLLCPX2 -> GDLLCPX1 (GDLLCPX1 failed)"});
  CHECK(changes_at("quiesce-timeout.trace", 6) ==
        std::vector<std::string>{
            "LGRLIN21 quiesced for 2 tick(s): MAXQUIESCE 2 reached, the relocation is cancelled",
            "LGRLIN21 on GDLLCPX2: QUIESCED -> RUNNING", "relocation of LGRLIN21 at GDLLCPX2: QUIESCED -> CANCELING",
            "message CANCEL queued GDLLCPX2 -> GDLLCPX1"});
  CHECK(changes_at("cancel-at-destination.trace", 4) ==
        std::vector<std::string>{"VMRELOCATE CANCEL LGRLIN21 issued on the destination GDLLCPX1",
                                 "message CANCEL_REQ queued GDLLCPX1 -> GDLLCPX2"});
}

TEST_CASE("counterexamples: lgrcheck replay exits 0 when the expectation is met", "[counterexamples]") {
  const auto o = run_lgrcheck("replay '" + scenario("early-resume-double-run.trace") + "' --quiet");
  CHECK(o.status == 0);
  CHECK(o.err.empty());
  CHECK(o.out == "replay " + scenario("early-resume-double-run.trace") + " (config " +
                     std::string(LGRCHECK_SOURCE_DIR) + "/examples/ssi2-basic.json, variant early-resume)\n"
                     "violations: SingleInstance, OwnerRuns false in the last state (after step 7)\n"
                     "witness of SingleInstance:\n"
                     "    LGRLIN21 RUNNING on GDLLCPX1 and QUIESCED on GDLLCPX2; the ownership record names "
                     "GDLLCPX2; relocation GDLLCPX2 -> GDLLCPX1 in STATE_SENT\n"
                     "witness of OwnerRuns:\n"
                     "    LGRLIN21 RUNNING on GDLLCPX1, but the ownership record names GDLLCPX2; relocation "
                     "GDLLCPX2 -> GDLLCPX1 in STATE_SENT\n"
                     "expect violation SingleInstance: met (SingleInstance is false in the last state)\n"
                     "replay: ok\n");
}

TEST_CASE("counterexamples: lgrcheck replay exits 1 on divergence or an unmet expectation", "[counterexamples]") {
  lgr::testing::TempDir dir("lgrcheck-replay");
  const std::string config = std::string(LGRCHECK_SOURCE_DIR) + "/examples/ssi2-basic.json";
  const std::string diverging = dir.write("d.trace", "lgr-trace 1\nconfig " + config +
                                                         "\nstep Move LGRLIN21 GDLLCPX1\nstep SrcQuiesce LGRLIN21\n");
  auto o = run_lgrcheck("replay '" + diverging + "' -q");
  CHECK(o.status == 1);
  CHECK(o.out.find("step 2: SrcQuiesce LGRLIN21 is not enabled: the memory move of LGRLIN21 is not in progress "
                   "(relocation state INIT)\n") != std::string::npos);
  CHECK(o.out.find("replay: diverged\n") != std::string::npos);

  // --config replaces the `config` line; the trace's `variant` line still applies.
  o = run_lgrcheck("replay '" + scenario("early-resume-double-run.trace") + "' --config '" + config + "' --json");
  CHECK(o.status == 0);  // the trace's own variant line still applies
  const std::string unmet = dir.write("u.trace", "lgr-trace 1\nconfig " + config +
                                                     "\nstep Move LGRLIN21 GDLLCPX1\nexpect violation OwnerRuns\n");
  o = run_lgrcheck("replay '" + unmet + "' --json");
  CHECK(o.status == 1);
  const auto j = nlohmann::json::parse(o.out);
  CHECK(j["ok"] == false);
  CHECK(j["expect"] == "expect violation OwnerRuns: not met (OwnerRuns holds in the last state)");
}

TEST_CASE("counterexamples: lgrcheck replay exits 2 on a malformed trace with file and line", "[counterexamples]") {
  lgr::testing::TempDir dir("lgrcheck-replay");
  const std::string config = std::string(LGRCHECK_SOURCE_DIR) + "/examples/ssi2-basic.json";
  const std::string bad = dir.write("bad.trace", "lgr-trace 1\nconfig " + config + "\n\nstep Move LGRLIN21\n");
  auto o = run_lgrcheck("replay '" + bad + "'");
  CHECK(o.status == 2);
  CHECK(o.out.empty());
  CHECK(o.err == "lgrcheck: error: " + bad + ":4: step: 'Move' takes GUEST MEMBER: 'Move LGRLIN21'\n");

  const std::string unknown = dir.write("unknown.trace", "lgr-trace 1\nconfig " + config + "\nstep GuestWrites LGRLIN99\n");
  o = run_lgrcheck("replay '" + unknown + "'");
  CHECK(o.status == 2);
  CHECK(o.err == "lgrcheck: error: " + unknown +
                     ":3: step 'GuestWrites LGRLIN99': unknown guest 'LGRLIN99' (known: LGRLIN21)\n");

  const std::string no_config = dir.write("noconfig.trace", "lgr-trace 1\nstep Tick\n");
  o = run_lgrcheck("replay '" + no_config + "'");
  CHECK(o.status == 2);
  CHECK(o.err == "lgrcheck: error: " + no_config + ": no 'config' line; name the configuration with --config\n");

  o = run_lgrcheck("replay '" + dir.file("missing.trace") + "'");
  CHECK(o.status == 2);
  CHECK(o.err == "lgrcheck: error: " + dir.file("missing.trace") + ": cannot open the trace file\n");

  const std::string bad_config = dir.write("badconfig.trace", "lgr-trace 1\nconfig nowhere.json\n");
  o = run_lgrcheck("replay '" + bad_config + "'");
  CHECK(o.status == 2);
  CHECK(o.err == "lgrcheck: error: " + bad_config + ":2: config nowhere.json: cannot open: No such file or directory\n");
}

TEST_CASE("counterexamples: check writes each counterexample into --trace-dir and names the files", "[counterexamples]") {
  lgr::testing::TempDir dir("lgrcheck-check");
  const std::string config = std::string(LGRCHECK_SOURCE_DIR) + "/examples/ssi2-basic.json";
  const std::string traces = dir.file("traces");
  auto o = run_lgrcheck("check '" + config + "' --variant early-resume --trace-dir '" + traces + "' --json '" +
                        dir.file("r.json") + "'");
  CHECK(o.status == 1);
  const auto report = nlohmann::json::parse(lgr::testing::read_file(dir.file("r.json")));
  CHECK(report["counterexample_files"]["OwnerRuns"]["trace"] == traces + "/early-resume.OwnerRuns.trace");
  CHECK(report["counterexample_files"]["OwnerRuns"]["json"] == traces + "/early-resume.OwnerRuns.json");
  CHECK(report["counterexample_files"].size() == 3);
  for (const char* p : {"SingleInstance", "OwnerRuns", "EligibleAtCommit"}) {
    const std::string stem = traces + "/early-resume." + p;
    CHECK(o.out.find(fmt::format("  {:<17} {}.trace  {}.json\n", p, stem, stem)) != std::string::npos);
    CHECK(std::filesystem::exists(stem + ".json"));
    CHECK(replay_file(stem + ".trace").ok);
  }
  CHECK(std::distance(std::filesystem::directory_iterator(traces), std::filesystem::directory_iterator()) == 6);
  // The config line is relative to the trace's folder, so the folder can move with its config.
  const std::string relative = std::filesystem::path(config).lexically_relative(traces).string();
  CHECK(lgr::testing::read_file(traces + "/early-resume.SingleInstance.trace").find("\nconfig " + relative + "\n") !=
        std::string::npos);
  CHECK(lgr::testing::read_file(traces + "/early-resume.SingleInstance.trace").find("\nexpect violation SingleInstance\n") !=
        std::string::npos);

  o = run_lgrcheck("check '" + config + "' --variant early-resume --no-traces --trace-dir '" + dir.file("none") + "'");
  CHECK(o.status == 1);
  CHECK_FALSE(std::filesystem::exists(dir.file("none")));
  CHECK(o.out.find("re-check one with") == std::string::npos);
}
