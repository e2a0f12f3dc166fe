// Replay re-executes traces with the successor function alone: found
// counterexamples reproduce their violation, and a trace that leaves the
// model says at which step and why, in words.
#include <catch2/catch.hpp>
#include <set>

#include "counterexamples/counterexample_files.hpp"
#include "counterexamples/replay.hpp"
#include "counterexamples/sequence_chart.hpp"
#include "counterexamples/state_json.hpp"
#include "tests/counterexamples/counterexamples_support.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
using lgr::testing::TempDir;

namespace {

// The spec's example: early-resume breaks SingleInstance in 7 steps.
const std::vector<std::string> kEarlyResume = {
    "Move LGRLIN21 GDLLCPX1",  "DstReceive LGRLIN21 CREATE", "SrcReceive LGRLIN21 CREATED",
    "SrcQuiesce LGRLIN21",     "SrcFinalCheck LGRLIN21",     "DstReceive LGRLIN21 MEM",
    "DstReceive LGRLIN21 STATE"};

Trace trace_of(const std::vector<std::string>& labels) {
  Trace t;
  t.path = "hand.trace";
  for (size_t i = 0; i < labels.size(); ++i) t.steps.push_back({labels[i], static_cast<int>(i) + 10});
  return t;
}

ReplayResult replay_labels(const std::vector<std::string>& labels, const std::vector<std::string>& variants = {},
                           std::optional<std::string> expect = std::nullopt) {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json", variants);
  Trace t = trace_of(labels);
  t.expect_violation = expect;
  return replay(m, t);
}

std::string divergence_of(std::vector<std::string> labels, const std::vector<std::string>& variants = {}) {
  const ReplayResult r = replay_labels(labels, variants);
  return r.divergence ? r.divergence->reason : "(no divergence)";
}

std::vector<std::string> without(std::vector<std::string> v, size_t index) {
  v.erase(v.begin() + index);
  return v;
}

std::vector<std::string> with(std::vector<std::string> v, size_t index, const std::string& label) {
  v[index] = label;
  return v;
}

}  // namespace

TEST_CASE("counterexamples: every variant's counterexample is written and replays to its violation",
          "[counterexamples]") {
  TempDir dir("lgrcheck-cx");
  int replayed = 0;
  std::set<std::string> caught;
  for (const char* config : {"ssi2-basic.json", "ssi3-contention.json"}) {
    for (const auto& info : all_variants()) {
      if (info.variant == Variant::RetryRefused) continue;  // liveness only: no invariant to break
      const LgrModel m = lgr::testing::model_of(config, {info.name});
      const CheckReport report = run_check(m, {});
      for (const auto& p : report.properties) {
        if (p.holds) continue;
        const std::string name = property_info(p.id).name;
        INFO(info.name << " on " << config << ": " << name);
        const auto files = write_counterexample(m, p.trace, name, dir.file(config));
        REQUIRE(files.size() == 2);
        CHECK(files[0] == dir.file(config) + "/" + info.name + "." + name + ".trace");
        const ReplayInput in = load_replay_input(files[0]);
        CHECK(in.trace.expect_violation == std::optional<std::string>(name));
        CHECK(in.trace.variants == std::vector<std::string>{info.name});
        const ReplayResult r = replay(in.model, in.trace);
        CHECK(r.ok);
        CHECK_FALSE(r.divergence);
        CHECK(r.steps == p.trace_length);
        CHECK(std::count(r.violations.begin(), r.violations.end(), name) == 1);
        CHECK(r.expect_message == "expect violation " + name + ": met (" + name + " is false in the last state)");
        // The JSON file holds the same path: the initial state, then one entry per step.
        const auto j = nlohmann::json::parse(lgr::testing::read_file(files[1]));
        REQUIRE(j["steps"].size() == p.trace_length + 1);
        CHECK(j["steps"][0]["label"].is_null());
        CHECK(j["steps"][p.trace_length]["label"] == r.trace.back().label);
        CHECK(j["steps"][p.trace_length]["state"] == state_json(in.model, r.final_state));
        ++replayed;
        caught.insert(info.name);
      }
    }
  }
  CHECK(replayed == 21);     // every (variant, property) row of the reference table on these two configs
  CHECK(caught.size() == 9);  // every variant of spec section 5
}

TEST_CASE("counterexamples: a trace with a step removed diverges at that step and says why", "[counterexamples]") {
  CHECK(divergence_of(kEarlyResume, {"early-resume"}) == "(no divergence)");
  CHECK(divergence_of(without(kEarlyResume, 0)) ==
        "step 1: DstReceive LGRLIN21 CREATE is not enabled: the source-to-destination channel is empty");
  CHECK(divergence_of(without(kEarlyResume, 1)) ==
        "step 2: SrcReceive LGRLIN21 CREATED is not enabled: the destination-to-source channel is empty");
  CHECK(divergence_of(without(kEarlyResume, 2)) ==
        "step 3: SrcQuiesce LGRLIN21 is not enabled: the memory move of LGRLIN21 is not in progress "
        "(relocation state INIT)");
  CHECK(divergence_of(without(kEarlyResume, 3)) ==
        "step 4: SrcFinalCheck LGRLIN21 is not enabled: LGRLIN21 is not quiesced at the source "
        "(relocation state MEMORY)");
  CHECK(divergence_of(without(kEarlyResume, 5)) ==
        "step 6: DstReceive LGRLIN21 STATE is not enabled: the head of the source-to-destination channel is MEM");
  const ReplayResult r = replay_labels(without(kEarlyResume, 5));
  REQUIRE(r.divergence);
  CHECK(r.divergence->step == 6);
  CHECK(r.divergence->line == 15);
  CHECK(r.steps == 5);
  CHECK_FALSE(r.ok);
}

TEST_CASE("counterexamples: a trace with a step altered diverges at that step and says why", "[counterexamples]") {
  CHECK(divergence_of(with(kEarlyResume, 2, "SrcReceive LGRLIN21 REFUSED")) ==
        "step 3: SrcReceive LGRLIN21 REFUSED is not enabled: the head of the destination-to-source channel is "
        "CREATED");
  CHECK(divergence_of(with(kEarlyResume, 3, "GuestWrites LGRLIN21"), {}) == "step 5: SrcFinalCheck LGRLIN21 is not "
                                                                           "enabled: LGRLIN21 is not quiesced at the "
                                                                           "source (relocation state MEMORY)");
  CHECK(divergence_of(with(kEarlyResume, 3, "Move LGRLIN21 GDLLCPX1")) ==
        "step 4: Move LGRLIN21 GDLLCPX1 is not enabled: the bound moves is used up (none left)");
  CHECK(divergence_of(with(kEarlyResume, 3, "Cphx LGRLIN21")) == "step 5: SrcFinalCheck LGRLIN21 is not enabled: "
                                                                  "LGRLIN21 is not quiesced at the source "
                                                                  "(relocation state CANCELING)");
  CHECK(divergence_of(with(kEarlyResume, 0, "CancelAtDst LGRLIN21")) ==
        "step 1: CancelAtDst LGRLIN21 is not enabled: LGRLIN21 has no relocation in progress");
  CHECK(divergence_of(with(kEarlyResume, 6, "DstDetectPeerDown LGRLIN21")) ==
        "step 7: DstDetectPeerDown LGRLIN21 is not enabled: the source GDLLCPX2 and the link GDLLCPX1 - GDLLCPX2 "
        "are up");
  CHECK(divergence_of(with(kEarlyResume, 6, "SrcNextPass LGRLIN21")) ==
        "step 7: SrcNextPass LGRLIN21 is not enabled: the memory move of LGRLIN21 is not in progress (relocation "
        "state STATE_SENT)");
}

TEST_CASE("counterexamples: replay reports the changes of each step in z/VM terms", "[counterexamples]") {
  const ReplayResult r = replay_labels(kEarlyResume, {"early-resume"}, "SingleInstance");
  CHECK(r.ok);
  REQUIRE(r.trace.size() == 7);
  CHECK(r.trace[0].changes == std::vector<std::string>{
                                  "VMRELOCATE MOVE LGRLIN21 TO GDLLCPX1 SYNC MAXQUIESCE 2 issued on GDLLCPX2",
                                  "relocation of LGRLIN21 at GDLLCPX2: NONE -> INIT",
                                  "message CREATE queued GDLLCPX2 -> GDLLCPX1"});
  CHECK(r.trace[1].changes == std::vector<std::string>{"message CREATE received by GDLLCPX1",
                                                       "LGRLIN21 on GDLLCPX1: NONE -> SHADOW",
                                                       "message CREATED queued GDLLCPX1 -> GDLLCPX2"});
  CHECK(r.trace[6].changes == std::vector<std::string>{"message STATE received by GDLLCPX1",
                                                       "LGRLIN21 on GDLLCPX1: SHADOW -> RUNNING",
                                                       "message ACK_STATE queued GDLLCPX1 -> GDLLCPX2"});
  CHECK(r.violations == std::vector<std::string>{"SingleInstance", "OwnerRuns"});
  CHECK(r.expect_message == "expect violation SingleInstance: met (SingleInstance is false in the last state)");
}

TEST_CASE("counterexamples: a commit moves the ownership record and a failure loses queued messages",
          "[counterexamples]") {
  const ReplayResult r = replay_labels({"Move LGRLIN21 GDLLCPX1", "DstReceive LGRLIN21 CREATE",
                                        "SrcReceive LGRLIN21 CREATED", "SrcQuiesce LGRLIN21",
                                        "SrcFinalCheck LGRLIN21", "DstReceive LGRLIN21 MEM",
                                        "DstReceive LGRLIN21 STATE", "SrcReceive LGRLIN21 ACK_STATE",
                                        "LinkFails GDLLCPX1 GDLLCPX2", "DstDetectPeerDown LGRLIN21"});
  REQUIRE(r.steps == 10);
  CHECK(r.trace[7].changes == std::vector<std::string>{"message ACK_STATE received by GDLLCPX2",
                                                       "ownership of LGRLIN21: GDLLCPX2 -> GDLLCPX1",
                                                       "LGRLIN21 on GDLLCPX2: QUIESCED -> NONE",
                                                       "relocation of LGRLIN21 at GDLLCPX2: STATE_SENT -> NONE",
                                                       "message RESUME queued GDLLCPX2 -> GDLLCPX1"});
  CHECK(r.trace[8].changes == std::vector<std::string>{
                                  "the ISFC link GDLLCPX1 - GDLLCPX2 fails",
                                  "message RESUME lost GDLLCPX2 -> GDLLCPX1 (the link GDLLCPX1 - GDLLCPX2 failed)"});
  CHECK(r.trace[9].changes ==
        std::vector<std::string>{
            "GDLLCPX1 finds GDLLCPX2 unreachable and reads the ownership record of LGRLIN21: owner GDLLCPX1",
            "LGRLIN21 on GDLLCPX1: READY -> RUNNING", "the relocation episode of LGRLIN21 ends"});
  CHECK(r.violations.empty());
}

TEST_CASE("counterexamples: a lasso closes on its loop step and Termination needs a fair cycle", "[counterexamples]") {
  // The destination fails after creating its shadow; in src-ignores-dst-failure
  // the source never notices, and no fair action is left: a stuttering lasso.
  const std::vector<std::string> stuck = {"Move LGRLIN21 GDLLCPX1", "DstReceive LGRLIN21 CREATE",
                                          "MemberFails GDLLCPX1"};
  const LgrModel variant = lgr::testing::model_of("ssi2-basic.json", {"src-ignores-dst-failure"});
  Trace t = trace_of(stuck);
  t.loop_start = 3;
  t.loop_line = 20;
  t.expect_violation = "Termination";
  ReplayResult r = replay(variant, t);
  CHECK(r.ok);
  CHECK(r.loop_closed);
  CHECK(r.expect_message ==
        "expect violation Termination: met (the cycle after step 3 is fair and the relocation of LGRLIN21 never "
        "ends on it)");

  // In the correct model the source detects the failure: stuttering is unfair.
  const LgrModel correct = lgr::testing::model_of("ssi2-basic.json");
  r = replay(correct, t);
  CHECK_FALSE(r.ok);
  CHECK(r.expect_message ==
        "expect violation Termination: not met (the cycle after step 3 is not fair: SrcDetectPeerDown LGRLIN21 is "
        "enabled in every state of the cycle but never taken)");

  // A loop line whose state does not come back is a divergence.
  t.loop_start = 1;
  r = replay(variant, t);
  CHECK_FALSE(r.loop_closed);
  REQUIRE(r.divergence);
  CHECK(r.divergence->line == 20);
  CHECK(r.divergence->reason ==
        "loop 1: the last state is not the state after step 1 (budgets.member_failures: 1 -> 0; "
        "guests.LGRLIN21.to_destination.0: CREATE -> -; members.GDLLCPX1.up: true -> false)");
}

TEST_CASE("counterexamples: replay JSON has ok and steps and violations and the final state by name", "[counterexamples]") {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json", {"early-resume"});
  Trace t = trace_of(kEarlyResume);
  t.expect_violation = "OwnerRuns";
  const auto j = replay_json(m, replay(m, t));
  CHECK(j["ok"] == true);
  CHECK(j["steps"] == 7);
  CHECK(j["violations"] == nlohmann::json::array({"SingleInstance", "OwnerRuns"}));
  const auto& fs = j["final_state"];
  CHECK(fs["members"]["GDLLCPX1"]["up"] == true);
  CHECK(fs["guests"]["LGRLIN21"]["owner"] == "GDLLCPX2");
  CHECK(fs["guests"]["LGRLIN21"]["instances"] == nlohmann::json({{"GDLLCPX1", "RUNNING"}, {"GDLLCPX2", "QUIESCED"}}));
  CHECK(fs["guests"]["LGRLIN21"]["relocation"] == "STATE_SENT");
  CHECK(fs["guests"]["LGRLIN21"]["lost"] == false);
  CHECK(fs["guests"]["LGRLIN21"]["to_source"] == nlohmann::json::array({"ACK_STATE"}));
  CHECK(j["trace"].size() == 7);
  CHECK(j["divergence"].is_null());
}

TEST_CASE("counterexamples: the seed cluster's counterexamples replay and render too", "[counterexamples]") {
  // Three guests on four members: labels and pictures with several guests at once.
  int replayed = 0;
  for (const char* variant : {"early-resume", "no-pdr-arbitration", "src-ignores-dst-failure"}) {
    const LgrModel m = lgr::testing::model_of("ssi4-seed.json", {variant});
    const CheckReport report = run_check(m, {});
    for (const auto& p : report.properties) {
      if (p.holds) continue;
      const std::string name = property_info(p.id).name;
      INFO(variant << ": " << name);
      Trace t = counterexample_trace(m, p.trace, name, "");
      const ReplayResult r = replay(m, t);
      CHECK(r.ok);
      CHECK(r.steps == p.trace_length);
      const std::string svg = render_svg(build_sequence_chart(m, t, r));
      for (const auto& s : t.steps) CHECK(svg.find(s.label) != std::string::npos);
      ++replayed;
    }
  }
  CHECK(replayed == 6);  // early-resume 3, no-pdr-arbitration 2, src-ignores-dst-failure 1
}
