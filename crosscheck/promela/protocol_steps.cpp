// Blocks 8 to 14 of the successor function: the source's and the
// destination's CP. A receive pops the head into the scratch msg and
// branches on it as the successor function's switch does.
#include "crosscheck/promela/action_steps.hpp"

namespace lgr::promela {

using namespace fmt::literals;

// 8. SrcReceive(g)
Step src_receive(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  const std::string refused = c.has(Variant::RetryRefused) ? t.send_sd("SD_CREATE") : t.fill("{rs} = RS_NONE");
  return {t.fill("{n_ds} > 0"),
          {episode_vars(t), t.pop_ds,
           t.fill("if\n"
                  "       :: msg == DS_CREATED ->\n"
                  "          if\n"
                  "          :: {rs} == RS_INIT && {inelig} -> {src_cancel}\n"
                  "          :: {rs} == RS_INIT && !{inelig} ->\n"
                  "             {rs} = RS_MEMORY; {pass} = 1; {dirty} = 0; {send_mem}\n"
                  "          :: else -> skip\n"
                  "          fi\n"
                  "       :: msg == DS_REFUSED -> {refused}\n"
                  "       :: msg == DS_ACK_STATE ->  /* commit */\n"
                  "          if\n"
                  "          :: {rs} == RS_STATE_SENT ->\n"
                  "             {bad_commit} = {bad_commit} || {inelig}; {own} = dst;\n"
                  "             {src_none}; {rs} = RS_NONE; {send_resume}\n"
                  "          :: else -> skip\n"
                  "          fi\n"
                  "       :: msg == DS_CANCEL_REQ -> {cancel_req}\n"
                  "       :: msg == DS_CANCEL_ACK -> {cancel_ack}\n"
                  "       :: else -> assert(0)  /* corrupt channel */\n"
                  "       fi",
                  "send_mem"_a = t.send_sd("SD_MEM"), "refused"_a = when(t.rs + " == RS_INIT", refused),
                  "src_none"_a = t.set_inst("src", "I_NONE"), "send_resume"_a = t.send_sd("SD_RESUME"),
                  "cancel_req"_a = when(t.fill("ACTIVE({g})"), t.src_cancel),
                  "cancel_ack"_a = when(t.rs + " == RS_CANCELING", t.rs + " = RS_NONE")),
           t.normalise}};
}

// 9. SrcNextPass(g)
Step src_next_pass(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  return {t.fill("{rs} == RS_MEMORY && {dirty} && {pass} < PASSES && !IMMEDIATE_{g}"),
          {episode_vars(t),
           t.fill("if :: {inelig} -> {src_cancel} :: else -> {pass}++; {dirty} = 0; {send_mem} fi",
                  "send_mem"_a = t.send_sd("SD_MEM")),
           t.normalise}};
}

// 10. SrcQuiesce(g)
Step src_quiesce(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  return {t.fill("{rs} == RS_MEMORY && (!{dirty} || {pass} == PASSES || IMMEDIATE_{g})"),
          {t.set_inst("SRC(" + t.g + ")", "I_QUIESCED"), t.fill("{rs} = RS_QUIESCED"), t.normalise}};
}

// 11. SrcFinalCheck(g)
Step src_final_check(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  const std::string send_state =
      c.has(Variant::NoDirtyResend)
          ? t.fill("if :: {dirty} -> {partial} :: else -> {full} fi", "partial"_a = t.send_sd("SD_STATE_PARTIAL"),
                   "full"_a = t.send_sd("SD_STATE_FULL"))
          : t.send_sd("SD_STATE_FULL");
  const std::string commit_path = t.fill("{send_state}; {dirty} = 0; {rs} = RS_STATE_SENT", "send_state"_a = send_state);
  return {t.fill("{rs} == RS_QUIESCED"),
          {episode_vars(t),
           c.has(Variant::NoFinalCheck)
               ? commit_path
               : t.fill("if :: {inelig} -> {src_cancel} :: else -> {commit_path} fi", "commit_path"_a = commit_path),
           t.normalise}};
}

// 12. SrcDetectPeerDown(g)
Step src_detect_peer_down(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  const std::string peer_down = c.has(Variant::SrcIgnoresDstFailure) ? t.fill("!LINK(SRC({g}), DST_{g})")
                                                                     : t.fill("(!{up_DST} || !LINK(SRC({g}), DST_{g}))");
  return {t.fill("{rs} != RS_NONE && {up_SRC} && {peer_down}", "peer_down"_a = peer_down),
          {episode_vars(t),
           when(t.fill("{rs} != RS_CANCELING && {inst_src} == I_QUIESCED"), t.set_inst("src", "I_RUNNING")),
           t.fill("{rs} = RS_NONE"), t.reset_progress, t.normalise}};
}

// 13. DstReceive(g). CREATE: storage_ok of the episode's request, evaluated now at d.
Step dst_receive(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  const auto& mine = c.requests_of[a.guest];
  std::vector<std::string> per_q;
  for (size_t k = 0; k < mine.size(); ++k) {
    const Request& r = c.cfg.requests[mine[k]];
    per_q.push_back(t.fill("{which}if :: {ok} -> {shadow}; {created} :: else -> {refused} fi",
                           "which"_a = mine.size() > 1 ? t.fill(":: {cur} == {k} -> ", "k"_a = k + 1) : "",
                           "ok"_a = c.storage_ok(a.guest, r.to, r.force_storage),
                           "shadow"_a = t.set_inst("dst", "I_SHADOW"), "created"_a = t.send_ds("DS_CREATED"),
                           "refused"_a = t.send_ds("DS_REFUSED")));
  }
  const std::string create = per_q.empty()     ? "skip"
                             : mine.size() > 1 ? "if\n          " + join(per_q, "\n          ") + "\n          fi"
                                               : per_q[0];
  return {t.fill("{n_sd} > 0"),
          {episode_vars(t), t.pop_sd,
           t.fill("if\n"
                  "       :: msg == SD_CREATE ->\n"
                  "          {create}\n"
                  "       :: msg == SD_MEM -> skip\n"
                  "       :: msg == SD_STATE_PARTIAL || msg == SD_STATE_FULL ->\n"
                  "          if\n"
                  "          :: {inst_dst} == I_SHADOW ->\n"
                  "             {state}; {img_ok} = (msg == SD_STATE_FULL); {ack}\n"
                  "          :: else -> skip\n"
                  "          fi\n"
                  "       :: msg == SD_RESUME ->\n"
                  "          {resume}\n"
                  "       :: msg == SD_CANCEL ->\n"
                  "          {discard};\n"
                  "          {cancel_ack}\n"
                  "       :: else -> assert(0)  /* corrupt channel */\n"
                  "       fi",
                  "create"_a = create,
                  "state"_a = t.set_inst("dst", c.has(Variant::EarlyResume) ? "I_RUNNING" : "I_READY"),
                  "ack"_a = t.send_ds("DS_ACK_STATE"),
                  "resume"_a = when(t.inst_dst + " == I_READY",
                                    t.fill("{bad_image} = {bad_image} || !{img_ok}; ") + t.set_inst("dst", "I_RUNNING")),
                  "discard"_a = when("AT_DST(" + t.inst_dst + ")", t.set_inst("dst", "I_NONE")),
                  "cancel_ack"_a = t.send_ds("DS_CANCEL_ACK")),
           t.normalise}};
}

// 14. DstDetectPeerDown(g): the ownership record arbitrates, only a
// committed destination resumes (the variant skips the read).
Step dst_detect_peer_down(const ExportContext& c, const ActionInstance& a) {
  const GuestText& t = c.guests[a.guest];
  std::string resume = t.own + " == dst";
  if (c.has(Variant::NoPdrArbitration)) resume += " || " + t.inst_dst + " == I_READY";
  return {t.fill("EPISODE({g}) && AT_DST({inst_DST}) && {up_DST} && (!{up_SRC} || !LINK(SRC({g}), DST_{g}))"),
          {episode_vars(t),
           t.fill("if :: {resume} -> {bad_image} = {bad_image} || !{img_ok}; {running} :: else -> {none} fi",
                  "resume"_a = resume, "running"_a = t.set_inst("dst", "I_RUNNING"),
                  "none"_a = t.set_inst("dst", "I_NONE")),
           t.normalise}};
}

}  // namespace lgr::promela
