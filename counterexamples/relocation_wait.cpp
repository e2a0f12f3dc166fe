#include "counterexamples/relocation_wait.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "counterexamples/step_events.hpp"
#include "model/eligibility.hpp"
#include "model/guard_explanation.hpp"

namespace lgr {
namespace {

const std::string& member(const LgrModel& m, int x) { return m.config().members[x].name; }
bool shadow(uint8_t i) { return i == I_SHADOW || i == I_READY; }

// ", which failed" when the peer is down; ", but the link A - B failed" when
// the link is; "" when both are up.
std::string peer_fate(const LgrModel& m, const StateVars& v, int peer, int s, int d) {
  if (!v.up[peer]) return ", which failed";
  if (!v.link[s][d])
    return fmt::format(", but the link {} - {} failed", member(m, std::min(s, d)), member(m, std::max(s, d)));
  return "";
}

std::string queued(const LgrModel& m, const GuestVars& gv, int s, int d) {
  if (gv.c_sd == 0 && gv.c_ds == 0) return fmt::format("; nothing is queued between {} and {}", member(m, s), member(m, d));
  std::vector<std::string> parts;
  if (gv.c_sd != 0)
    parts.push_back(fmt::format("{} queued to {}", fmt::join(channel_messages(gv.c_sd, true), ", "), member(m, d)));
  if (gv.c_ds != 0)
    parts.push_back(fmt::format("{} queued to {}", fmt::join(channel_messages(gv.c_ds, false), ", "), member(m, s)));
  return "; " + fmt::format("{}", fmt::join(parts, "; "));
}

std::optional<std::string> disabled(const LgrModel& m, const StateVars& v, ActionKind kind, int g) {
  return guard_failure(m, guest_action(m, kind, g), v);
}

}  // namespace

ActionIndex guest_action(const LgrModel& model, ActionKind kind, int g) {
  const auto& actions = model.actions();
  for (std::size_t a = 0; a < actions.size(); ++a)
    if (actions[a].kind == kind && actions[a].guest == g) return static_cast<ActionIndex>(a);
  throw std::logic_error("no such action instance");
}

std::string relocation_wait(const LgrModel& m, const StateVars& v, int g) {
  const GuestVars& gv = v.g[g];
  const std::string& G = m.config().guests[g].name;
  if (!gv.episode()) return fmt::format("{} has no relocation in progress", G);
  const int s = gv.from, d = m.dest(gv);
  const char* expects = gv.rs == RS_INIT         ? "CREATED or REFUSED"
                        : gv.rs == RS_STATE_SENT ? "ACK_STATE"
                        : gv.rs == RS_CANCELING  ? "CANCEL_ACK"
                                                 : nullptr;
  if (expects)
    return fmt::format("{} waits at {} in {} for {} from {}{}{}", G, member(m, s), rs_name(gv.rs), expects,
                       member(m, d), peer_fate(m, v, d, s, d), queued(m, gv, s, d));
  if (gv.rs != RS_NONE)
    return fmt::format("{} is at {} in {}, relocating to {}{}", G, member(m, s), rs_name(gv.rs), member(m, d),
                       queued(m, gv, s, d));
  if (shadow(gv.inst[d])) {
    const char* next = gv.inst[d] == I_SHADOW ? "STATE or CANCEL" : gv.own == d ? "RESUME" : "RESUME or CANCEL";
    return fmt::format("{} holds {} {} and waits for {} from {}{}, whose relocation record has ended (NONE){}",
                       member(m, d), G, inst_name(gv.inst[d]), next, member(m, s), peer_fate(m, v, s, s, d),
                       queued(m, gv, s, d));
  }
  return fmt::format("the relocation episode of {} from {} to {} is still open (relocation state NONE){}", G,
                     member(m, s), member(m, d), queued(m, gv, s, d));
}

std::vector<std::string> relocation_blockers(const LgrModel& m, const StateVars& v, int g, bool fair_only) {
  const GuestVars& gv = v.g[g];
  std::vector<std::string> out;
  if (!gv.episode()) return out;
  const int s = gv.from, d = m.dest(gv);
  if (gv.rs != RS_NONE) {
    if (m.variants().has(Variant::SrcIgnoresDstFailure) && v.up[s] && !v.up[d] && v.link[s][d])
      out.push_back(fmt::format(
          "{} never notices: under src-ignores-dst-failure the source detects only a failed link, and the link {} - "
          "{} is up although {} failed (SrcDetectPeerDown is not enabled)",
          member(m, s), member(m, std::min(s, d)), member(m, std::max(s, d)), member(m, d)));
    else if (const auto why = disabled(m, v, ActionKind::SrcDetectPeerDown, g))
      out.push_back(fmt::format("{} does not end it: SrcDetectPeerDown is not enabled ({})", member(m, s), *why));
  }
  if (shadow(gv.inst[d]))
    if (const auto why = disabled(m, v, ActionKind::DstDetectPeerDown, g))
      out.push_back(fmt::format("{} does not end it: DstDetectPeerDown is not enabled ({})", member(m, d), *why));
  if (gv.rs != RS_NONE) {
    if (const auto why = guard_failure(m, guest_action(m, ActionKind::Tick, kNone), v)) out.push_back(fmt::format("no timer cancels it ({})", *why));
  }
  if (!fair_only && gv.rs != RS_NONE)
    if (const auto why = disabled(m, v, ActionKind::CancelAtSrc, g))
      out.push_back(fmt::format("the operator cannot cancel it: {}", *why));
  return out;
}

std::vector<std::string> cycle_rule_notes(const LgrModel& m, const std::vector<StateVars>& states,
                                          const std::vector<ActionIndex>& actions, std::size_t loop_start, int g) {
  std::vector<std::string> out;
  if (!m.variants().has(Variant::RetryRefused)) return out;
  const ActionIndex src_receive = guest_action(m, ActionKind::SrcReceive, g);
  const ActionIndex dst_receive = guest_action(m, ActionKind::DstReceive, g);
  std::string refusal;
  bool retries = false;
  for (std::size_t i = loop_start; i < actions.size(); ++i) {
    const GuestVars& gv = states[i].g[g];
    if (actions[i] == src_receive && channel_head(gv.c_ds) == DS_REFUSED && gv.rs == RS_INIT) retries = true;
    if (actions[i] == dst_receive && channel_head(gv.c_sd) == SD_CREATE && refusal.empty())
      refusal = storage_refusal(m, states[i], g);
  }
  if (retries) {
    const GuestVars& gv = states[loop_start].g[g];
    out.push_back(fmt::format(
        "under retry-refused each REFUSED from {} resends CREATE instead of ending the relocation, and {} refuses it "
        "again{}",
        member(m, m.dest(gv)), member(m, m.dest(gv)), refusal.empty() ? "" : ": " + refusal));
  }
  return out;
}

std::string storage_refusal(const LgrModel& m, const StateVars& v, int g) {
  const GuestVars& gv = v.g[g];
  if (!gv.episode()) return "";
  const int d = m.dest(gv);
  const bool only_running = m.variants().has(Variant::NoReservation);
  const int64_t used = m.used(v, d, only_running);
  std::vector<std::string> parts;
  for (Reason r : storage_reasons(m.config(), g, d, used, m.config().requests[gv.cur].force_storage)) {
    std::string text = reason_message(m.config(), g, d, r, used);
    // Drop "User G cannot be relocated to D: ", which the step already says.
    if (const auto colon = text.find(": "); colon != std::string::npos) text = text.substr(colon + 2);
    parts.push_back(fmt::format("{} ({})", text, reason_code(r)));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

}  // namespace lgr
