// Guard and effect of every action of spec section 3, on hand-made states of
// ssi2-basic: LGRLIN21 (guest 0) relocating from GDLLCPX2 (member 1, the
// source s) to GDLLCPX1 (member 0, the destination d).
#include <catch2/catch.hpp>
#include <optional>

#include "tests/support/test_support.hpp"

using namespace lgr;
using lgr::testing::model_of;
using lgr::testing::successors_of;

namespace {

constexpr int S = 1, D = 0, G = 0;

StateVars initial_vars(const LgrModel& m) {
  std::vector<Word> w(m.state_words());
  m.initial(w.data());
  return m.decode(w.data());
}

// An episode of request 0 in relocation state `rs`.
StateVars episode(const LgrModel& m, uint8_t rs) {
  StateVars v = initial_vars(m);
  v.moves_left = 0;
  v.g[G].cur = 0;
  v.g[G].from = S;
  v.g[G].rs = rs;
  return v;
}

std::optional<StateVars> after(const LgrModel& m, const StateVars& v, const std::string& label) {
  for (auto& [l, next] : successors_of(m, v))
    if (l == label) return next;
  return std::nullopt;
}

uint64_t channel(std::initializer_list<int> msgs) {
  uint64_t c = 0;
  int i = 0;
  for (int msg : msgs) c |= uint64_t(msg) << (3 * i++);
  return c;
}

}  // namespace

TEST_CASE("Move starts an episode and sends CREATE", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  const StateVars v = initial_vars(m);
  auto n = after(m, v, "Move LGRLIN21 GDLLCPX1");
  REQUIRE(n);
  CHECK(n->moves_left == 0);
  CHECK(n->g[G].cur == 0);
  CHECK(n->g[G].from == S);
  CHECK(n->g[G].rs == RS_INIT);
  CHECK(n->g[G].dirty);
  CHECK_FALSE(n->g[G].img_ok);
  CHECK(n->g[G].c_sd == channel({SD_CREATE}));
}

TEST_CASE("Move is refused without budget, when ineligible, or when the SSI is not Stable", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  const std::string move = "Move LGRLIN21 GDLLCPX1";
  StateVars v = initial_vars(m);
  v.moves_left = 0;
  CHECK_FALSE(after(m, v, move));
  v = initial_vars(m);
  v.g[G].inelig = true;
  CHECK_FALSE(after(m, v, move));
  v = initial_vars(m);
  v.link[0][1] = v.link[1][0] = false;
  CHECK_FALSE(after(m, v, move));
  v = initial_vars(m);
  v.up[D] = false;
  CHECK_FALSE(after(m, v, move));
}

TEST_CASE("Move is refused when the destination lacks storage (hard check)", "[actions]") {
  const std::string text = R"({"members": [{"name": "A", "storage": 4, "paging": 8}, {"name": "B", "storage": 3, "paging": 8}],
    "guests": [{"name": "G1", "home": "A", "memory": 2}, {"name": "G2", "home": "B", "memory": 2}],
    "requests": [{"guest": "G1", "to": "B", "force": ["storage"]}]})";
  const LgrModel m(parse_config(text, "t.json"), {});
  CHECK_FALSE(after(m, initial_vars(m), "Move G1 B"));
}

TEST_CASE("CancelAtSrc and Cphx cancel at the source, resuming a quiesced guest", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_QUIESCED);
  v.g[G].inst[S] = I_QUIESCED;
  v.g[G].inst[D] = I_SHADOW;
  v.g[G].pass = 2;
  v.g[G].qtime = 1;
  for (const char* label : {"CancelAtSrc LGRLIN21", "Cphx LGRLIN21"}) {
    auto n = after(m, v, label);
    REQUIRE(n);
    CHECK(n->cancels_left == 0);
    CHECK(n->g[G].rs == RS_CANCELING);
    CHECK(n->g[G].inst[S] == I_RUNNING);
    CHECK(n->g[G].pass == 0);
    CHECK(n->g[G].qtime == 0);
    CHECK(n->g[G].c_sd == channel({SD_CANCEL}));
  }
  v.cancels_left = 0;
  CHECK_FALSE(after(m, v, "CancelAtSrc LGRLIN21"));
}

TEST_CASE("Cphx needs a synchronous request", "[actions]") {
  const std::string text = R"({"members": [{"name": "A", "storage": 8, "paging": 8}, {"name": "B", "storage": 8, "paging": 8}],
    "guests": [{"name": "G1", "home": "A", "memory": 2}],
    "requests": [{"guest": "G1", "to": "B", "sync": false}]})";
  const LgrModel m(parse_config(text, "t.json"), {});
  StateVars v = initial_vars(m);
  v.g[0].cur = 0;
  v.g[0].from = 0;
  v.g[0].rs = RS_MEMORY;
  CHECK(after(m, v, "CancelAtSrc G1"));
  CHECK_FALSE(after(m, v, "Cphx G1"));
}

TEST_CASE("CancelAtDst asks the source and keeps the shadow", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_MEMORY);
  v.g[G].inst[D] = I_SHADOW;
  auto n = after(m, v, "CancelAtDst LGRLIN21");
  REQUIRE(n);
  CHECK(n->g[G].inst[D] == I_SHADOW);
  CHECK(n->g[G].c_ds == channel({DS_CANCEL_REQ}));
  CHECK(n->cancels_left == 0);
  v.link[0][1] = v.link[1][0] = false;
  CHECK_FALSE(after(m, v, "CancelAtDst LGRLIN21"));
}

TEST_CASE("dst-cancel-discards drops the shadow on CancelAtDst", "[actions][variants]") {
  const LgrModel m = model_of("ssi2-basic.json", {"dst-cancel-discards"});
  StateVars v = episode(m, RS_MEMORY);
  v.g[G].inst[D] = I_SHADOW;
  auto n = after(m, v, "CancelAtDst LGRLIN21");
  REQUIRE(n);
  CHECK(n->g[G].inst[D] == I_NONE);
}

TEST_CASE("GuestWrites dirties memory only during the memory move", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_MEMORY);
  auto n = after(m, v, "GuestWrites LGRLIN21");
  REQUIRE(n);
  CHECK(n->g[G].dirty);
  v.g[G].dirty = true;
  CHECK_FALSE(after(m, v, "GuestWrites LGRLIN21"));
  v = episode(m, RS_INIT);
  CHECK_FALSE(after(m, v, "GuestWrites LGRLIN21"));
}

TEST_CASE("eligibility changes need budget and a running guest", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = initial_vars(m);
  auto n = after(m, v, "GuestBecomesIneligible LGRLIN21");
  REQUIRE(n);
  CHECK(n->g[G].inelig);
  CHECK(n->elig_left == 0);
  CHECK_FALSE(after(m, v, "GuestBecomesEligible LGRLIN21"));
  v.g[G].inelig = true;
  auto e = after(m, v, "GuestBecomesEligible LGRLIN21");
  REQUIRE(e);
  CHECK_FALSE(e->g[G].inelig);
  v.g[G].inst[S] = I_QUIESCED;
  CHECK_FALSE(after(m, v, "GuestBecomesEligible LGRLIN21"));
}

TEST_CASE("SrcReceive CREATED starts the first memory pass, or cancels an ineligible guest", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_INIT);
  v.g[G].inst[D] = I_SHADOW;
  v.g[G].dirty = true;
  v.g[G].c_ds = channel({DS_CREATED});
  auto n = after(m, v, "SrcReceive LGRLIN21 CREATED");
  REQUIRE(n);
  CHECK(n->g[G].rs == RS_MEMORY);
  CHECK(n->g[G].pass == 1);
  CHECK_FALSE(n->g[G].dirty);
  CHECK(n->g[G].c_sd == channel({SD_MEM}));
  CHECK(n->g[G].c_ds == 0);
  v.g[G].inelig = true;
  auto c = after(m, v, "SrcReceive LGRLIN21 CREATED");
  REQUIRE(c);
  CHECK(c->g[G].rs == RS_CANCELING);
  CHECK(c->g[G].c_sd == channel({SD_CANCEL}));
}

TEST_CASE("SrcReceive REFUSED ends the relocation and normalisation clears the episode", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_INIT);
  v.g[G].dirty = true;
  v.g[G].c_ds = channel({DS_REFUSED});
  auto n = after(m, v, "SrcReceive LGRLIN21 REFUSED");
  REQUIRE(n);
  CHECK(n->g[G].rs == RS_NONE);
  CHECK(n->g[G].cur == kNone);
  CHECK(n->g[G].from == kNone);
  CHECK_FALSE(n->g[G].dirty);
}

TEST_CASE("retry-refused resends CREATE on REFUSED", "[actions][variants]") {
  const LgrModel m = model_of("ssi2-basic.json", {"retry-refused"});
  StateVars v = episode(m, RS_INIT);
  v.g[G].c_ds = channel({DS_REFUSED});
  auto n = after(m, v, "SrcReceive LGRLIN21 REFUSED");
  REQUIRE(n);
  CHECK(n->g[G].rs == RS_INIT);
  CHECK(n->g[G].c_sd == channel({SD_CREATE}));
}

TEST_CASE("SrcReceive ACK_STATE commits: ownership moves, source instance goes, RESUME sent", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_STATE_SENT);
  v.g[G].inst[S] = I_QUIESCED;
  v.g[G].inst[D] = I_READY;
  v.g[G].inelig = true;
  v.g[G].c_ds = channel({DS_ACK_STATE});
  auto n = after(m, v, "SrcReceive LGRLIN21 ACK_STATE");
  REQUIRE(n);
  CHECK(n->g[G].own == D);
  CHECK(n->g[G].inst[S] == I_NONE);
  CHECK(n->g[G].rs == RS_NONE);
  CHECK(n->g[G].bad_commit);
  CHECK(n->g[G].c_sd == channel({SD_RESUME}));
  // Too late (not STATE_SENT): dropped.
  v.g[G].rs = RS_CANCELING;
  auto d = after(m, v, "SrcReceive LGRLIN21 ACK_STATE");
  REQUIRE(d);
  CHECK(d->g[G].own == S);
  CHECK(d->g[G].c_ds == 0);
}

TEST_CASE("SrcReceive CANCEL_REQ cancels an active relocation; CANCEL_ACK ends a cancel", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_MEMORY);
  v.g[G].inst[D] = I_SHADOW;
  v.g[G].c_ds = channel({DS_CANCEL_REQ});
  auto n = after(m, v, "SrcReceive LGRLIN21 CANCEL_REQ");
  REQUIRE(n);
  CHECK(n->g[G].rs == RS_CANCELING);
  v.g[G].rs = RS_CANCELING;
  v.g[G].c_ds = channel({DS_CANCEL_ACK});
  v.g[G].inst[D] = I_NONE;
  auto e = after(m, v, "SrcReceive LGRLIN21 CANCEL_ACK");
  REQUIRE(e);
  CHECK(e->g[G].rs == RS_NONE);
  CHECK(e->g[G].cur == kNone);
}

TEST_CASE("SrcNextPass sends another pass, or cancels an ineligible guest", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_MEMORY);
  v.g[G].pass = 1;
  v.g[G].dirty = true;
  auto n = after(m, v, "SrcNextPass LGRLIN21");
  REQUIRE(n);
  CHECK(n->g[G].pass == 2);
  CHECK_FALSE(n->g[G].dirty);
  CHECK(n->g[G].c_sd == channel({SD_MEM}));
  v.g[G].pass = 2;  // = passes
  CHECK_FALSE(after(m, v, "SrcNextPass LGRLIN21"));
}

TEST_CASE("SrcQuiesce stops the guest when memory is clean or the passes are spent", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_MEMORY);
  v.g[G].pass = 1;
  v.g[G].dirty = true;
  CHECK_FALSE(after(m, v, "SrcQuiesce LGRLIN21"));
  v.g[G].pass = 2;
  auto n = after(m, v, "SrcQuiesce LGRLIN21");
  REQUIRE(n);
  CHECK(n->g[G].inst[S] == I_QUIESCED);
  CHECK(n->g[G].rs == RS_QUIESCED);
}

TEST_CASE("SrcFinalCheck sends the full state, or cancels an ineligible guest", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_QUIESCED);
  v.g[G].inst[S] = I_QUIESCED;
  v.g[G].dirty = true;
  auto n = after(m, v, "SrcFinalCheck LGRLIN21");
  REQUIRE(n);
  CHECK(n->g[G].rs == RS_STATE_SENT);
  CHECK(n->g[G].c_sd == channel({SD_STATE_FULL}));
  CHECK_FALSE(n->g[G].dirty);
  v.g[G].inelig = true;
  auto c = after(m, v, "SrcFinalCheck LGRLIN21");
  REQUIRE(c);
  CHECK(c->g[G].rs == RS_CANCELING);
  CHECK(c->g[G].inst[S] == I_RUNNING);
  // no-final-check ignores ineligibility; no-dirty-resend sends a partial image.
  const LgrModel nf = model_of("ssi2-basic.json", {"no-final-check"});
  CHECK(after(nf, v, "SrcFinalCheck LGRLIN21")->g[G].rs == RS_STATE_SENT);
  const LgrModel nd = model_of("ssi2-basic.json", {"no-dirty-resend"});
  v.g[G].inelig = false;
  CHECK(after(nd, v, "SrcFinalCheck LGRLIN21")->g[G].c_sd == channel({SD_STATE_PARTIAL}));
}

TEST_CASE("SrcDetectPeerDown resumes the source when the destination or link is lost", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_QUIESCED);
  v.g[G].inst[S] = I_QUIESCED;
  CHECK_FALSE(after(m, v, "SrcDetectPeerDown LGRLIN21"));
  v.up[D] = false;
  auto n = after(m, v, "SrcDetectPeerDown LGRLIN21");
  REQUIRE(n);
  CHECK(n->g[G].inst[S] == I_RUNNING);
  CHECK(n->g[G].rs == RS_NONE);
  CHECK(n->g[G].cur == kNone);
  // src-ignores-dst-failure: a down destination alone is not noticed.
  const LgrModel sv = model_of("ssi2-basic.json", {"src-ignores-dst-failure"});
  CHECK_FALSE(after(sv, v, "SrcDetectPeerDown LGRLIN21"));
}

TEST_CASE("DstReceive CREATE makes a shadow or refuses for storage", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_INIT);
  v.g[G].c_sd = channel({SD_CREATE});
  auto n = after(m, v, "DstReceive LGRLIN21 CREATE");
  REQUIRE(n);
  CHECK(n->g[G].inst[D] == I_SHADOW);
  CHECK(n->g[G].c_ds == channel({DS_CREATED}));
}

TEST_CASE("DstReceive STATE readies the shadow; RESUME runs it; CANCEL drops it", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_STATE_SENT);
  v.g[G].inst[S] = I_QUIESCED;
  v.g[G].inst[D] = I_SHADOW;
  v.g[G].c_sd = channel({SD_STATE_PARTIAL});
  auto n = after(m, v, "DstReceive LGRLIN21 STATE");
  REQUIRE(n);
  CHECK(n->g[G].inst[D] == I_READY);
  CHECK_FALSE(n->g[G].img_ok);
  CHECK(n->g[G].c_ds == channel({DS_ACK_STATE}));
  const LgrModel er = model_of("ssi2-basic.json", {"early-resume"});
  CHECK(after(er, v, "DstReceive LGRLIN21 STATE")->g[G].inst[D] == I_RUNNING);

  StateVars r = episode(m, RS_NONE);
  r.g[G].own = D;
  r.g[G].inst[S] = I_NONE;
  r.g[G].inst[D] = I_READY;
  r.g[G].c_sd = channel({SD_RESUME});
  auto run = after(m, r, "DstReceive LGRLIN21 RESUME");
  REQUIRE(run);
  CHECK(run->g[G].inst[D] == I_RUNNING);
  CHECK(run->g[G].bad_image);  // img_ok was false
  CHECK(run->g[G].cur == kNone);

  StateVars c = episode(m, RS_CANCELING);
  c.g[G].inst[D] = I_SHADOW;
  c.g[G].c_sd = channel({SD_MEM, SD_CANCEL});
  auto mem = after(m, c, "DstReceive LGRLIN21 MEM");
  REQUIRE(mem);
  CHECK(mem->g[G].c_sd == channel({SD_CANCEL}));
  auto cancel = after(m, *mem, "DstReceive LGRLIN21 CANCEL");
  REQUIRE(cancel);
  CHECK(cancel->g[G].inst[D] == I_NONE);
  CHECK(cancel->g[G].c_ds == channel({DS_CANCEL_ACK}));
}

TEST_CASE("DstDetectPeerDown resumes only a committed destination", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_STATE_SENT);
  v.g[G].inst[S] = I_QUIESCED;
  v.g[G].inst[D] = I_READY;
  v.g[G].img_ok = true;
  v.link[0][1] = v.link[1][0] = false;
  auto n = after(m, v, "DstDetectPeerDown LGRLIN21");
  REQUIRE(n);
  CHECK(n->g[G].inst[D] == I_NONE);  // not committed: the source keeps the guest
  const LgrModel np = model_of("ssi2-basic.json", {"no-pdr-arbitration"});
  CHECK(after(np, v, "DstDetectPeerDown LGRLIN21")->g[G].inst[D] == I_RUNNING);
  v.g[G].own = D;
  v.g[G].inst[S] = I_NONE;
  v.g[G].rs = RS_NONE;
  auto c = after(m, v, "DstDetectPeerDown LGRLIN21");
  REQUIRE(c);
  CHECK(c->g[G].inst[D] == I_RUNNING);
  CHECK_FALSE(c->g[G].bad_image);
}

TEST_CASE("MemberFails loses the guests running there and ends their episodes", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_MEMORY);
  v.g[G].inst[D] = I_SHADOW;
  v.g[G].c_sd = channel({SD_MEM});
  auto n = after(m, v, "MemberFails GDLLCPX2");
  REQUIRE(n);
  CHECK_FALSE(n->up[S]);
  CHECK(n->mfail_left == 0);
  CHECK(n->g[G].lost);
  CHECK(n->g[G].inst[S] == I_NONE);
  CHECK(n->g[G].rs == RS_NONE);
  CHECK(n->g[G].c_sd == 0);
  CHECK(n->g[G].inst[D] == I_SHADOW);  // the destination decides by itself
  auto d = after(m, v, "MemberFails GDLLCPX1");
  REQUIRE(d);
  CHECK_FALSE(d->g[G].lost);
  CHECK(d->g[G].inst[D] == I_NONE);
  CHECK(d->g[G].rs == RS_MEMORY);  // the source notices later
}

TEST_CASE("LinkFails empties the channels of episodes over that link", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");
  StateVars v = episode(m, RS_MEMORY);
  v.g[G].c_sd = channel({SD_MEM});
  v.g[G].c_ds = channel({DS_CREATED});
  auto n = after(m, v, "LinkFails GDLLCPX1 GDLLCPX2");
  REQUIRE(n);
  CHECK_FALSE(n->link[0][1]);
  CHECK(n->lfail_left == 0);
  CHECK(n->g[G].c_sd == 0);
  CHECK(n->g[G].c_ds == 0);
}

TEST_CASE("Tick counts quiesce time and cancels at MAXQUIESCE", "[actions]") {
  const LgrModel m = model_of("ssi2-basic.json");  // maxquiesce 2, maxtotal 0
  StateVars v = episode(m, RS_MEMORY);
  CHECK_FALSE(after(m, v, "Tick"));  // no timer runs before quiesce without MAXTOTAL
  v = episode(m, RS_QUIESCED);
  v.g[G].inst[S] = I_QUIESCED;
  auto one = after(m, v, "Tick");
  REQUIRE(one);
  CHECK(one->g[G].qtime == 1);
  CHECK(one->g[G].rs == RS_QUIESCED);
  auto two = after(m, *one, "Tick");
  REQUIRE(two);
  CHECK(two->g[G].rs == RS_CANCELING);
  CHECK(two->g[G].qtime == 0);
  CHECK(two->g[G].inst[S] == I_RUNNING);
  const LgrModel iq = model_of("ssi2-basic.json", {"ignore-maxquiesce"});
  auto t2 = after(iq, *one, "Tick");
  auto t3 = after(iq, *t2, "Tick");
  auto t4 = after(iq, *t3, "Tick");
  CHECK(t2->g[G].qtime == 2);
  CHECK(t4->g[G].qtime == 3);  // stops at maxquiesce + 1
  CHECK(t4->g[G].rs == RS_QUIESCED);
}

TEST_CASE("Tick counts MAXTOTAL from the MOVE and cancels when it is reached", "[actions]") {
  const LgrModel m = model_of("ssi3-contention.json");  // LINUX02: immediate, maxtotal 3
  StateVars v;
  {
    std::vector<Word> w(m.state_words());
    m.initial(w.data());
    v = m.decode(w.data());
  }
  v.moves_left = 1;
  v.g[1].cur = 1;
  v.g[1].from = 1;
  v.g[1].rs = RS_INIT;
  v.g[1].elapsed = 2;
  auto n = after(m, v, "Tick");
  REQUIRE(n);
  CHECK(n->g[1].rs == RS_CANCELING);
  CHECK(n->g[1].elapsed == 0);
}

TEST_CASE("labels name the head message and number duplicate destinations", "[actions]") {
  const std::string text = R"({"members": [{"name": "A", "storage": 8, "paging": 8}, {"name": "B", "storage": 8, "paging": 8}],
    "guests": [{"name": "G1", "home": "A", "memory": 2}],
    "requests": [{"guest": "G1", "to": "B"}, {"guest": "G1", "to": "B", "immediate": true}]})";
  const LgrModel m(parse_config(text, "t.json"), {});
  std::vector<std::string> labels;
  for (auto& [l, n] : successors_of(m, initial_vars(m))) labels.push_back(l);
  CHECK(labels[0] == "Move G1 B#1");
  CHECK(labels[1] == "Move G1 B#2");
}
