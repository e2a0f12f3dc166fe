// The witness says, in z/VM words, why a counterexample violates its
// property: where the guest is, what the ownership record names, and for
// NoDeadlock and liveness what the relocation waits for and why nothing ends it.
#include <catch2/catch.hpp>

#include "counterexamples/replay.hpp"
#include "counterexamples/witness.hpp"
#include "tests/counterexamples/counterexamples_support.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;

namespace {

struct Found {
  LgrModel model;
  CheckReport report;
};

Found check(const std::string& config, const std::string& variant, bool liveness = false) {
  Found f{lgr::testing::model_of(config, {variant}), {}};
  CheckSettings s;
  s.liveness = liveness;
  f.report = run_check(f.model, s);
  return f;
}

std::vector<std::string> witness(const Found& f, PropertyId id) {
  const PropertyOutcome* p = f.report.find(id);
  REQUIRE(p != nullptr);
  REQUIRE_FALSE(p->holds);
  return property_witness(f.model, id, witness_path(f.model, p->trace, p->loop_start));
}

}  // namespace

TEST_CASE("witness: early-resume names both instances and the ownership record", "[counterexamples][witness]") {
  const Found f = check("ssi2-basic.json", "early-resume");
  CHECK(witness(f, PropertyId::SingleInstance) ==
        std::vector<std::string>{"LGRLIN21 RUNNING on GDLLCPX1 and QUIESCED on GDLLCPX2; the ownership record names "
                                 "GDLLCPX2; relocation GDLLCPX2 -> GDLLCPX1 in STATE_SENT"});
  CHECK(witness(f, PropertyId::OwnerRuns) ==
        std::vector<std::string>{"LGRLIN21 RUNNING on GDLLCPX1, but the ownership record names GDLLCPX2; relocation "
                                 "GDLLCPX2 -> GDLLCPX1 in STATE_SENT"});
}

TEST_CASE("witness: QuiesceBound gives the ticks and MAXQUIESCE", "[counterexamples][witness]") {
  const Found f = check("ssi2-basic.json", "ignore-maxquiesce");
  CHECK(witness(f, PropertyId::QuiesceBound) ==
        std::vector<std::string>{"LGRLIN21 has been quiesced on GDLLCPX2 for 2 tick(s), MAXQUIESCE 2, and the "
                                 "relocation to GDLLCPX1 was not cancelled (relocation state QUIESCED); it is SHADOW "
                                 "on GDLLCPX1 and QUIESCED on GDLLCPX2"});
}

TEST_CASE("witness: a deadlock says what the relocation waits for and why nothing ends it",
          "[counterexamples][witness]") {
  const Found f = check("ssi3-contention.json", "src-ignores-dst-failure");
  CHECK(witness(f, PropertyId::NoDeadlock) ==
        std::vector<std::string>{
            "LINUX01 waits at MEMBER1 in CANCELING for CANCEL_ACK from MEMBER3, which failed; nothing is queued "
            "between MEMBER1 and MEMBER3",
            "MEMBER1 never notices: under src-ignores-dst-failure the source detects only a failed link, and the link "
            "MEMBER1 - MEMBER3 is up although MEMBER3 failed (SrcDetectPeerDown is not enabled)",
            "no timer cancels it (no timer runs: no active relocation has MAXTOTAL, and none quiesced or with its "
            "state sent has MAXQUIESCE)",
            "the operator cannot cancel it: the bound cancels is used up (none left)",
            "no action at all is enabled, so these relocations never end"});
}

TEST_CASE("witness: a stuck lasso says no fair action is enabled and names what is", "[counterexamples][witness]") {
  const Found f = check("ssi2-basic.json", "src-ignores-dst-failure", true);
  const auto w = witness(f, PropertyId::Termination);
  REQUIRE(w.size() == 5);
  CHECK(w[0] ==
        "the relocation of LGRLIN21 never ends: after step 2 no fair action (of a CP or the timer) is enabled, and "
        "fairness never forces the operator, the guest or a fault, so the path may stay there forever");
  CHECK(w[1] == "LGRLIN21 waits at GDLLCPX2 in INIT for CREATED or REFUSED from GDLLCPX1, which failed; nothing is "
                "queued between GDLLCPX2 and GDLLCPX1");
  CHECK(w[4] == "enabled but never forced: CancelAtSrc LGRLIN21, Cphx LGRLIN21, GuestBecomesIneligible LGRLIN21, "
                "LinkFails GDLLCPX1 GDLLCPX2");
  CHECK(witness(f, PropertyId::SyncAnswered)[0].rfind(
            "the SYNC issuer of the VMRELOCATE of LGRLIN21 never gets its answer: after step 2", 0) == 0);
}

TEST_CASE("witness: retry-refused's cycle names the rule and the storage figures", "[counterexamples][witness]") {
  const Found f = check("ssi3-contention.json", "retry-refused", true);
  const auto w = witness(f, PropertyId::Termination);
  REQUIRE(w.size() == 4);
  CHECK(w[0] == "the relocation of LINUX01 never ends: steps 11 to 12 repeat forever (DstReceive LINUX01 CREATE, "
                "SrcReceive LINUX01 REFUSED), and its relocation stays in INIT");
  CHECK(w[1] == "under retry-refused each REFUSED from MEMBER3 resends CREATE instead of ending the relocation, and "
                "MEMBER3 refuses it again: its storage 2 plus 2 in use on MEMBER3 exceeds the storage of MEMBER3 (3) "
                "(STORAGE_CURRENT); its maximum storage 2 plus 2 in use on MEMBER3 exceeds the storage of MEMBER3 (3) "
                "(STORAGE_MAX)");
  CHECK(w[3] == "LINUX01: RUNNING on MEMBER1; the ownership record names MEMBER1; relocation MEMBER1 -> MEMBER3 in "
                "INIT (where the cycle starts)");
}

TEST_CASE("witness: every variant's counterexample on the examples has one", "[counterexamples][witness]") {
  int witnessed = 0;
  for (const char* config : {"ssi2-basic.json", "ssi3-contention.json"})
    for (const auto& info : all_variants()) {
      const Found f = check(config, info.name, true);
      for (const auto& p : f.report.properties) {
        if (p.holds) continue;
        INFO(info.name << " on " << config << ": " << property_info(p.id).name);
        const auto lines = property_witness(f.model, p.id, witness_path(f.model, p.trace, p.loop_start));
        CHECK_FALSE(lines.empty());
        ++witnessed;
      }
    }
  CHECK(witnessed >= 20);
}

TEST_CASE("witness: replay carries the witness of each violation, also in its JSON", "[counterexamples][witness]") {
  const ReplayInput in = load_replay_input(lgr::testing::scenario("early-resume-double-run.trace"));
  const ReplayResult r = replay(in.model, in.trace);
  REQUIRE(r.witnesses.size() == r.violations.size());
  REQUIRE(r.witnesses.size() >= 2);
  CHECK(r.witnesses[0].property == "SingleInstance");
  CHECK(r.witnesses[0].lines.at(0).rfind("LGRLIN21 RUNNING on GDLLCPX1 and ", 0) == 0);
  const auto j = replay_json(in.model, r);
  CHECK(j["witness"]["SingleInstance"] == nlohmann::json(r.witnesses[0].lines));
}

TEST_CASE("witness: where every guest is at the end", "[counterexamples][witness]") {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json");
  std::vector<Word> w(m.state_words());
  m.initial(w.data());
  CHECK(guest_whereabouts(m, m.decode(w.data())) ==
        std::vector<std::string>{"LGRLIN21: RUNNING on GDLLCPX2; the ownership record names GDLLCPX2"});
}

TEST_CASE("witness: cancel-stays-quiesced says the guest is still QUIESCED after the cancel",
          "[counterexamples][witness]") {
  const Found f = check("ssi2-basic.json", "cancel-stays-quiesced");
  CHECK(witness(f, PropertyId::ResumedOnSource) ==
        std::vector<std::string>{"LGRLIN21 is still QUIESCED on GDLLCPX2 after the relocation was cancelled, and "
                                 "nothing will resume it; the ownership record names GDLLCPX2; relocation GDLLCPX2 -> "
                                 "GDLLCPX1 in CANCELING"});
}
