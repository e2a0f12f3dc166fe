// The words of a step say what happened, not a near miss: a CREATE that
// fails its storage check is refused (with the figures), a stale message is
// ignored (with the reason), a message sent to an unreachable peer is
// dropped, and a variant's changed rule is worded as that variant does it.
#include <catch2/catch.hpp>

#include "counterexamples/replay.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;

namespace {

// The changes of the last step of `labels` replayed on `config`.
std::vector<std::string> last_changes(const std::string& config, const std::vector<std::string>& labels,
                                      const std::vector<std::string>& variants = {}) {
  const LgrModel m = lgr::testing::model_of(config, variants);
  Trace t;
  for (const auto& l : labels) t.steps.push_back({l, 0});
  const ReplayResult r = replay(m, t);
  INFO((r.divergence ? r.divergence->reason : std::string()));
  REQUIRE_FALSE(r.divergence);
  REQUIRE(r.trace.size() == labels.size());
  return r.trace.back().changes;
}

const std::vector<std::string> kRefused = {"Move LINUX01 MEMBER3", "Move LINUX02 MEMBER3", "DstReceive LINUX02 CREATE",
                                           "DstReceive LINUX01 CREATE"};

std::vector<std::string> plus(std::vector<std::string> v, const std::vector<std::string>& more) {
  v.insert(v.end(), more.begin(), more.end());
  return v;
}

const std::vector<std::string> kStateArrives = {
    "Move LGRLIN21 GDLLCPX1", "DstReceive LGRLIN21 CREATE", "SrcReceive LGRLIN21 CREATED", "SrcQuiesce LGRLIN21",
    "SrcFinalCheck LGRLIN21", "DstReceive LGRLIN21 MEM",    "DstReceive LGRLIN21 STATE",   "LinkFails GDLLCPX1 GDLLCPX2",
    "DstDetectPeerDown LGRLIN21"};

}  // namespace

TEST_CASE("wording: a CREATE that fails the storage check is refused, with the figures", "[counterexamples][wording]") {
  CHECK(last_changes("ssi3-contention.json", kRefused) ==
        std::vector<std::string>{
            "message CREATE received by MEMBER3 and refused: its storage 2 plus 2 in use on MEMBER3 exceeds the "
            "storage of MEMBER3 (3) (STORAGE_CURRENT); its maximum storage 2 plus 2 in use on MEMBER3 exceeds the "
            "storage of MEMBER3 (3) (STORAGE_MAX)",
            "message REFUSED queued MEMBER3 -> MEMBER1"});
}

TEST_CASE("wording: REFUSED ends the relocation, but under retry-refused resends CREATE", "[counterexamples][wording]") {
  const auto refused = plus(kRefused, {"SrcReceive LINUX01 REFUSED"});
  CHECK(last_changes("ssi3-contention.json", refused) ==
        std::vector<std::string>{"message REFUSED received by MEMBER1", "relocation of LINUX01 at MEMBER1: INIT -> NONE",
                                 "the relocation episode of LINUX01 ends"});
  CHECK(last_changes("ssi3-contention.json", refused, {"retry-refused"}) ==
        std::vector<std::string>{"message REFUSED received by MEMBER1 and answered with a new CREATE: under "
                                 "retry-refused the source retries instead of ending the relocation (it stays in INIT)",
                                 "message CREATE queued MEMBER1 -> MEMBER3"});
}

TEST_CASE("wording: a stale message is ignored, with the reason", "[counterexamples][wording]") {
  CHECK(last_changes("ssi2-basic.json", {"Move LGRLIN21 GDLLCPX1", "CancelAtSrc LGRLIN21", "DstReceive LGRLIN21 CREATE",
                                         "SrcReceive LGRLIN21 CREATED"}) ==
        std::vector<std::string>{
            "message CREATED received by GDLLCPX2 and ignored (relocation state CANCELING, not INIT)"});
}

TEST_CASE("wording: a CANCEL with no shadow to discard is still acknowledged", "[counterexamples][wording]") {
  CHECK(last_changes("ssi3-contention.json", plus(kRefused, {"CancelAtSrc LINUX01", "DstReceive LINUX01 CANCEL"})) ==
        std::vector<std::string>{
            "message CANCEL received by MEMBER3 with no shadow of LINUX01 to discard (MEMBER3 holds NONE); it "
            "acknowledges all the same",
            "message CANCEL_ACK queued MEMBER3 -> MEMBER1"});
}

TEST_CASE("wording: a message sent to a failed peer is dropped, never queued", "[counterexamples][wording]") {
  const auto c = last_changes("ssi2-basic.json", {"Move LGRLIN21 GDLLCPX1", "DstReceive LGRLIN21 CREATE",
                                                  "SrcReceive LGRLIN21 CREATED", "MemberFails GDLLCPX1",
                                                  "CancelAtSrc LGRLIN21"});
  CHECK(c.back() == "message CANCEL dropped at GDLLCPX2: GDLLCPX1 is down, so it is never queued to GDLLCPX1");
}

TEST_CASE("wording: the destination reads the ownership record, except under no-pdr-arbitration",
          "[counterexamples][wording]") {
  CHECK(last_changes("ssi2-basic.json", kStateArrives).front() ==
        "GDLLCPX1 finds GDLLCPX2 unreachable and reads the ownership record of LGRLIN21: owner GDLLCPX2, so it "
        "discards its READY instance");
  CHECK(last_changes("ssi2-basic.json", kStateArrives, {"no-pdr-arbitration"}).front() ==
        "GDLLCPX1 finds GDLLCPX2 unreachable and resumes its READY instance of LGRLIN21 without reading the ownership "
        "record (no-pdr-arbitration), which names GDLLCPX2");
}
