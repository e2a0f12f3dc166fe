// Blocks 1 to 7 of the successor function: operators' and guests' actions.
// Each also normalises its guest, as every action of spec section 3 ends.
#include <algorithm>

#include "crosscheck/promela/action_steps.hpp"

namespace lgr::promela {

using namespace fmt::literals;

std::string episode_vars(const GuestText& t) { return t.fill("src = SRC({g}); dst = DST_{g}"); }

Step action_step(const ExportContext& c, const ActionInstance& a) {
  switch (a.kind) {
    case ActionKind::Move: return move(c, a);
    case ActionKind::CancelAtSrc:
    case ActionKind::Cphx: return cancel_at_src(c, a);
    case ActionKind::CancelAtDst: return cancel_at_dst(c, a);
    case ActionKind::GuestWrites: return guest_writes(c, a);
    case ActionKind::GuestBecomesIneligible:
    case ActionKind::GuestBecomesEligible: return eligibility_changes(c, a);
    case ActionKind::SrcReceive: return src_receive(c, a);
    case ActionKind::SrcNextPass: return src_next_pass(c, a);
    case ActionKind::SrcQuiesce: return src_quiesce(c, a);
    case ActionKind::SrcFinalCheck: return src_final_check(c, a);
    case ActionKind::SrcDetectPeerDown: return src_detect_peer_down(c, a);
    case ActionKind::DstReceive: return dst_receive(c, a);
    case ActionKind::DstDetectPeerDown: return dst_detect_peer_down(c, a);
    case ActionKind::MemberFails: return member_fails(c, a);
    case ActionKind::LinkFails: return link_fails(c, a);
    case ActionKind::Tick: return tick(c, a);
  }
  return {};
}

// 1. Move(g, q): k is q's rank among g's requests (cur counts from 1).
Step move(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  const Request& r = c.cfg.requests[a.request];
  const auto& mine = c.requests_of[a.guest];
  const int k = static_cast<int>(std::find(mine.begin(), mine.end(), a.request) - mine.begin()) + 1;
  return {t.fill("moves_left > 0 && {rs} == RS_NONE && !EPISODE({g}) && {inst_own} == I_RUNNING &&\n"
                 "              {own} != {to} && STABLE && !{inelig} && {storage_ok}",
                 "inst_own"_a = t.inst(t.own), "to"_a = r.to,
                 "storage_ok"_a = c.storage_ok(a.guest, r.to, r.force_storage)),
          {"moves_left--", t.fill("{cur} = {k}", "k"_a = k), t.fill("{from} = {own} + 1"),
           t.fill("{rs} = RS_INIT"), t.reset_progress, t.fill("{dirty} = 1"), t.fill("{img_ok} = 0"),
           t.fill("src = {own}; dst = {to}", "to"_a = r.to), t.send_sd("SD_CREATE"), t.normalise}};
}

// 2, 3. CancelAtSrc(g), Cphx(g): the same effect, two transitions.
Step cancel_at_src(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  return {t.fill("cancels_left > 0 && ACTIVE({g}){sync}",
                 "sync"_a = a.kind == ActionKind::Cphx ? t.fill(" && SYNC_{g}") : ""),
          {"cancels_left--", episode_vars(t), t.src_cancel, t.normalise}};
}

// 4. CancelAtDst(g)
Step cancel_at_dst(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  Step s{t.fill("cancels_left > 0 && EPISODE({g}) && AT_DST({inst_DST}) && {up_SRC} && LINK(SRC({g}), DST_{g})"),
         {"cancels_left--", episode_vars(t), t.send_ds("DS_CANCEL_REQ")}};
  if (c.has(Variant::DstCancelDiscards)) s.body.push_back(t.set_inst("dst", "I_NONE"));
  s.body.push_back(t.normalise);
  return s;
}

// 5. GuestWrites(g)
Step guest_writes(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  return {t.fill("{rs} == RS_MEMORY && {inst_SRC} == I_RUNNING && !{dirty}"), {t.fill("{dirty} = 1"), t.normalise}};
}

// 6, 7. GuestBecomesIneligible(g), GuestBecomesEligible(g)
Step eligibility_changes(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  const bool to_inelig = a.kind == ActionKind::GuestBecomesIneligible;
  std::vector<std::string> running;
  for (int m = 0; m < c.M; ++m) running.push_back(t.inst(std::to_string(m)) + " == I_RUNNING");
  return {t.fill("elig_left > 0 && {not}{inelig} && ({running})", "not"_a = to_inelig ? "!" : "",
                 "running"_a = join(running, " || ")),
          {"elig_left--", t.fill("{inelig} = {v}", "v"_a = to_inelig ? 1 : 0), t.normalise}};
}

}  // namespace lgr::promela
