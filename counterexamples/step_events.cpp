#include "counterexamples/step_events.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "counterexamples/relocation_wait.hpp"

namespace lgr {
namespace {

std::vector<int> digits(uint64_t c) {
  std::vector<int> out;
  for (; c != 0; c >>= 3) out.push_back(static_cast<int>(c & 7));
  return out;
}

const char* message_name(int code, bool sd) { return sd ? sd_msg_name(code) : ds_msg_name(code); }

class StepDescriber {
 public:
  StepDescriber(const LgrModel& m, std::optional<ActionIndex> action, const StateVars& pre, const StateVars& post)
      : m_(m), cfg_(m.config()), pre_(pre), post_(post) {
    if (action) act_ = m.actions().at(*action);
  }

  std::vector<StepEvent> run() {
    faults();
    for (int g = 0; g < static_cast<int>(cfg_.guests.size()); ++g) guest(g);
    return std::move(out_);
  }

 private:
  const std::string& member(int m) const { return cfg_.members[m].name; }
  const std::string& guest_name(int g) const { return cfg_.guests[g].name; }
  bool is(ActionKind k, int g) const { return act_ && act_->kind == k && act_->guest == g; }
  void add(EventKind k, int g, int member, int peer, std::string detail, std::string text) {
    out_.push_back({k, g, member, peer, std::move(detail), std::move(text)});
  }

  void faults() {
    const int M = static_cast<int>(cfg_.members.size());
    for (int m = 0; m < M; ++m) {
      if (pre_.up[m] && !post_.up[m])
        add(EventKind::MemberFailed, kNone, m, kNone, "fails", fmt::format("member {} fails: its CP is down", member(m)));
    }
    for (int a = 0; a < M; ++a)
      for (int b = a + 1; b < M; ++b)
        if (pre_.link[a][b] && !post_.link[a][b])
          add(EventKind::LinkFailed, kNone, a, b, "link fails",
              fmt::format("the ISFC link {} - {} fails", member(a), member(b)));
  }

  // Why a queued message disappeared in this step.
  std::string loss_cause() const {
    if (act_ && act_->kind == ActionKind::MemberFails) return fmt::format("{} failed", member(act_->a));
    if (act_ && act_->kind == ActionKind::LinkFails)
      return fmt::format("the link {} - {} failed", member(act_->a), member(act_->b));
    return "channel emptied";
  }

  std::string unreachable(int s, int d) const {
    if (!pre_.up[d]) return fmt::format("{} is down", member(d));
    if (!pre_.up[s]) return fmt::format("{} is down", member(s));
    return fmt::format("the link {} - {} is down", member(s), member(d));
  }

  std::string request_text(int q) const {
    const Request& r = cfg_.requests[q];
    std::string t = fmt::format("VMRELOCATE MOVE {} TO {}", guest_name(r.guest), member(r.to));
    t += r.sync ? " SYNC" : " ASYNCH";
    if (r.immediate) t += " IMMEDIATE";
    if (r.maxquiesce > 0) t += fmt::format(" MAXQUIESCE {}", r.maxquiesce);
    if (r.maxtotal > 0) t += fmt::format(" MAXTOTAL {}", r.maxtotal);
    std::vector<std::string> force;
    if (r.force_architecture) force.push_back("ARCHITECTURE");
    if (r.force_domain) force.push_back("DOMAIN");
    if (r.force_storage) force.push_back("STORAGE");
    if (!force.empty()) t += fmt::format(" FORCE {}", fmt::join(force, " "));
    return t;
  }

  void command(int g, int s, int d) {
    const std::string& G = guest_name(g);
    if (is(ActionKind::Move, g))
      add(EventKind::Command, g, s, kNone, "MOVE " + G, request_text(act_->request) + " issued on " + member(s));
    else if (is(ActionKind::CancelAtSrc, g))
      add(EventKind::Command, g, s, kNone, "CANCEL " + G,
          fmt::format("VMRELOCATE CANCEL {} issued on the source {}", G, member(s)));
    else if (is(ActionKind::Cphx, g))
      add(EventKind::Command, g, s, kNone, "CP HX",
          fmt::format("CP HX interrupts the issuer of the VMRELOCATE of {} on {}", G, member(s)));
    else if (is(ActionKind::CancelAtDst, g))
      add(EventKind::Command, g, d, kNone, "CANCEL " + G,
          fmt::format("VMRELOCATE CANCEL {} issued on the destination {}", G, member(d)));
    else if (is(ActionKind::SrcDetectPeerDown, g))
      add(EventKind::PeerDownDetected, g, s, d, "peer down",
          fmt::format("{} finds {} unreachable and ends the relocation of {}", member(s), member(d), G));
    else if (is(ActionKind::DstDetectPeerDown, g))
      add(EventKind::PeerDownDetected, g, d, s, "peer down", destination_decision(g, s, d));
  }

  // What the destination decides when it loses its source. The
  // no-pdr-arbitration variant resumes a READY instance without reading the
  // ownership record, so its sentence must not say it reads it.
  std::string destination_decision(int g, int s, int d) const {
    const GuestVars &a = pre_.g[g], &b = post_.g[g];
    const std::string& G = guest_name(g);
    const bool resumed = b.inst[d] == I_RUNNING;
    if (m_.variants().has(Variant::NoPdrArbitration) && a.inst[d] == I_READY)
      return fmt::format(
          "{} finds {} unreachable and resumes its READY instance of {} without reading the ownership record "
          "(no-pdr-arbitration), which names {}",
          member(d), member(s), G, member(a.own));
    return fmt::format("{} finds {} unreachable and reads the ownership record of {}: owner {}, so it {} its {} instance",
                       member(d), member(s), G, member(a.own), resumed ? "resumes" : "discards",
                       inst_name(a.inst[d]));
  }

  void guest_activity(int g, int s) {
    const GuestVars &a = pre_.g[g], &b = post_.g[g];
    const std::string& G = guest_name(g);
    int where = s;
    for (size_t m = 0; m < cfg_.members.size(); ++m)
      if (a.inst[m] == I_RUNNING) where = static_cast<int>(m);
    if (is(ActionKind::GuestWrites, g))
      add(EventKind::GuestActivity, g, where, kNone, "writes pages",
          fmt::format("{} changes pages since memory pass {}", G, a.pass));
    if (!a.inelig && b.inelig)
      add(EventKind::GuestActivity, g, where, kNone, "ineligible",
          fmt::format("{} becomes ineligible for relocation (holds a resource that cannot move)", G));
    if (a.inelig && !b.inelig)
      add(EventKind::GuestActivity, g, where, kNone, "eligible", fmt::format("{} is eligible for relocation again", G));
  }

  bool receives(int g, bool sd) const { return is(sd ? ActionKind::DstReceive : ActionKind::SrcReceive, g); }

  void received(int g, int s, int d, bool sd) {
    const uint64_t c = sd ? pre_.g[g].c_sd : pre_.g[g].c_ds;
    if (!receives(g, sd) || c == 0) return;
    const int head = channel_head(c);
    const int from = sd ? s : d, to = sd ? d : s;
    const std::string text =
        fmt::format("message {} received by {}{}", message_name(head, sd), member(to), receipt_outcome(g, d, sd, head));
    add(EventKind::MessageReceived, g, to, from, message_name(head, sd), text);
  }

  // What became of a received message, read off the step: a CREATE that
  // made no shadow was refused (with the storage figures the destination
  // found); a message that changed nothing but its channel was ignored as
  // stale, except where a rule answers it all the same (CANCEL is always
  // acknowledged; under retry-refused a REFUSED resends CREATE).
  std::string receipt_outcome(int g, int d, bool sd, int head) const {
    const GuestVars &a = pre_.g[g], &b = post_.g[g];
    const std::string& G = guest_name(g);
    if (sd && head == SD_CREATE) {
      if (b.inst[d] == I_SHADOW && a.inst[d] != I_SHADOW) return "";
      const std::string why = storage_refusal(m_, pre_, g);
      return why.empty() ? " and refused" : " and refused: " + why;
    }
    if ((sd && head == SD_MEM) || changed_besides_channels(g)) return "";
    if (sd && head == SD_CANCEL)
      return fmt::format(" with no shadow of {} to discard ({} holds {}); it acknowledges all the same", G, member(d),
                         inst_name(a.inst[d]));
    if (!sd && head == DS_REFUSED && a.rs == RS_INIT && queued_create(g))
      return fmt::format(" and answered with a new CREATE: under retry-refused the source retries instead of ending "
                         "the relocation (it stays in {})",
                         rs_name(b.rs));
    return fmt::format(" and ignored ({})", ignored_reason(g, d, sd, head));
  }

  bool queued_create(int g) const {
    const std::vector<int> after = digits(post_.g[g].c_sd);
    return !after.empty() && after.back() == SD_CREATE;
  }

  std::string ignored_reason(int g, int d, bool sd, int head) const {
    const GuestVars& a = pre_.g[g];
    if (sd) {
      const char* wants = head == SD_RESUME ? "READY" : "SHADOW";
      return fmt::format("{} holds {} {}, not {}", member(d), guest_name(g), inst_name(a.inst[d]), wants);
    }
    if (head == DS_CANCEL_REQ)
      return a.rs == RS_CANCELING ? "already cancelling: relocation state CANCELING"
                                  : fmt::format("too late: relocation state {}", rs_name(a.rs));
    const char* wants = head == DS_ACK_STATE ? "STATE_SENT" : head == DS_CANCEL_ACK ? "CANCELING" : "INIT";
    return fmt::format("relocation state {}, not {}", rs_name(a.rs), wants);
  }

  // What is left of the channel after the received head, against the channel
  // after the step: new messages at the tail, or everything thrown away.
  void queued(int g, int s, int d, bool sd) {
    const GuestVars &a = pre_.g[g], &b = post_.g[g];
    std::vector<int> before = digits(sd ? a.c_sd : a.c_ds);
    const std::vector<int> after = digits(sd ? b.c_sd : b.c_ds);
    if (receives(g, sd) && !before.empty()) before.erase(before.begin());
    const int from = sd ? s : d, to = sd ? d : s;
    const bool kept = after.size() >= before.size() && std::equal(before.begin(), before.end(), after.begin());
    if (!kept) {
      const std::string cause = loss_cause();
      for (int msg : before)
        add(EventKind::MessageLost, g, from, to, message_name(msg, sd),
            fmt::format("message {} lost {} -> {} ({})", message_name(msg, sd), member(from), member(to), cause));
    }
    for (size_t i = kept ? before.size() : 0; i < after.size(); ++i) {
      std::string name = message_name(after[i], sd);
      std::string text = fmt::format("message {} queued {} -> {}", name, member(from), member(to));
      if (sd && after[i] == SD_STATE_PARTIAL) text += " (partial: pages changed since the last pass are missing)";
      add(EventKind::MessageSent, g, from, to, name, text);
    }
  }

  // A receive that changed nothing but its channel was dropped by the receiver.
  bool changed_besides_channels(int g) const {
    GuestVars a = pre_.g[g], b = post_.g[g];
    a.c_sd = b.c_sd = a.c_ds = b.c_ds = 0;
    return a.own != b.own || a.inst != b.inst || a.rs != b.rs || a.cur != b.cur || a.pass != b.pass ||
           a.dirty != b.dirty || a.img_ok != b.img_ok || a.bad_image != b.bad_image || a.bad_commit != b.bad_commit;
  }
  // Sends from the source while its peer is unreachable never reach a channel.
  void dropped_sends(int g, int s, int d) {
    const GuestVars &a = pre_.g[g], &b = post_.g[g];
    if (!act_ || s == kNone || d == kNone || (pre_.up[s] && pre_.up[d] && pre_.link[s][d])) return;
    if (b.c_sd != a.c_sd) return;
    const char* msg = nullptr;
    if (b.rs == RS_CANCELING && a.rs != RS_CANCELING) msg = "CANCEL";
    else if (b.rs == RS_MEMORY && b.pass > a.pass) msg = "MEM";
    else if (b.rs == RS_STATE_SENT && a.rs != RS_STATE_SENT) msg = "STATE";
    if (msg)
      add(EventKind::MessageDropped, g, s, d, msg,
          fmt::format("message {} dropped at {}: {}, so it is never queued to {}", msg, member(s), unreachable(s, d),
                      member(d)));
  }

  void instances(int g) {
    const GuestVars &a = pre_.g[g], &b = post_.g[g];
    const std::string& G = guest_name(g);
    if (a.own != b.own)
      add(EventKind::OwnerChanged, g, a.own, b.own, member(b.own),
          fmt::format("ownership of {}: {} -> {}", G, member(a.own), member(b.own)));
    for (int m = 0; m < static_cast<int>(cfg_.members.size()); ++m) {
      if (a.inst[m] == b.inst[m]) continue;
      const std::string detail = fmt::format("{} -> {}", inst_name(a.inst[m]), inst_name(b.inst[m]));
      add(EventKind::InstanceChanged, g, m, kNone, detail, fmt::format("{} on {}: {}", G, member(m), detail));
      if (b.inst[m] == I_READY && is(ActionKind::DstReceive, g))
        add(EventKind::ImageNote, g, m, kNone, b.img_ok ? "image complete" : "image incomplete",
            b.img_ok ? fmt::format("the memory image of {} on {} is complete", G, member(m))
                     : fmt::format("the memory image of {} on {} lacks pages changed since the last pass", G,
                                   member(m)));
    }
    if (!a.lost && b.lost) {
      const int where = act_ && act_->kind == ActionKind::MemberFails ? act_->a : kNone;
      add(EventKind::GuestLost, g, where, kNone, "lost",
          where == kNone ? fmt::format("{} is lost", G) : fmt::format("{} is lost with {}", G, member(where)));
    }
  }

  void relocation(int g, int s) {
    const GuestVars &a = pre_.g[g], &b = post_.g[g];
    const std::string& G = guest_name(g);
    if (a.rs != b.rs) {
      const std::string detail = fmt::format("{} -> {}", rs_name(a.rs), rs_name(b.rs));
      add(EventKind::RelocationChanged, g, s, kNone, detail, fmt::format("relocation of {} at {}: {}", G, member(s), detail));
    }
    if (b.rs == RS_MEMORY && b.pass > a.pass)
      add(EventKind::RelocationChanged, g, s, kNone, fmt::format("pass {}", b.pass),
          b.pass == 1 ? fmt::format("memory pass 1 of {} sends all its pages", G)
                      : fmt::format("memory pass {} of {} resends the pages changed since pass {}", b.pass, G, a.pass));
    if (!a.bad_commit && b.bad_commit)
      add(EventKind::BadCommit, g, s, kNone, "commit while ineligible",
          fmt::format("the relocation of {} commits while the guest is ineligible", G));
    if (!a.bad_image && b.bad_image) {
      int where = kNone;
      for (int m = 0; m < static_cast<int>(cfg_.members.size()); ++m)
        if (b.inst[m] == I_RUNNING && a.inst[m] != I_RUNNING) where = m;
      add(EventKind::BadImage, g, where, kNone, "incomplete image",
          fmt::format("{} resumes from an incomplete memory image", G));
    }
  }

  void timers(int g, int s) {
    const GuestVars &a = pre_.g[g], &b = post_.g[g];
    if (!act_ || act_->kind != ActionKind::Tick || !a.episode()) return;
    const Request& r = cfg_.requests[a.cur];
    const std::string& G = guest_name(g);
    if (b.rs == RS_CANCELING && a.rs != RS_CANCELING) {
      const bool total = r.maxtotal > 0 && a.elapsed + 1 >= r.maxtotal;
      add(EventKind::Timeout, g, s, kNone, total ? "MAXTOTAL" : "MAXQUIESCE",
          total ? fmt::format("{} relocating for {} tick(s): MAXTOTAL {} reached, the relocation is cancelled", G,
                              a.elapsed + 1, r.maxtotal)
                : fmt::format("{} quiesced for {} tick(s): MAXQUIESCE {} reached, the relocation is cancelled", G,
                              a.qtime + 1, r.maxquiesce));
      return;
    }
    if (b.elapsed != a.elapsed)
      add(EventKind::Timer, g, s, kNone, fmt::format("elapsed {}", b.elapsed),
          fmt::format("{} relocating for {} tick(s) of MAXTOTAL {}", G, b.elapsed, r.maxtotal));
    if (b.qtime != a.qtime)
      add(EventKind::Timer, g, s, kNone, fmt::format("quiesced {}", b.qtime),
          fmt::format("{} quiesced for {} tick(s) of MAXQUIESCE {}", G, b.qtime, r.maxquiesce));
  }

  void guest(int g) {
    const GuestVars& ep = pre_.g[g].episode() ? pre_.g[g] : post_.g[g];
    const int s = ep.episode() ? ep.from : pre_.g[g].own;
    const int d = ep.episode() ? m_.dest(ep) : kNone;
    command(g, s, d);
    timers(g, s);
    guest_activity(g, s);
    if (d != kNone) {
      received(g, s, d, true);
      received(g, s, d, false);
    }
    instances(g);
    relocation(g, s);
    if (d != kNone) {
      queued(g, s, d, true);
      queued(g, s, d, false);
    }
    dropped_sends(g, s, d);
    if (pre_.g[g].episode() && !post_.g[g].episode())
      add(EventKind::EpisodeEnded, g, s, kNone, "episode ends",
          fmt::format("the relocation episode of {} ends", guest_name(g)));
  }

  const LgrModel& m_;
  const Config& cfg_;
  const StateVars& pre_;
  const StateVars& post_;
  std::optional<ActionInstance> act_;
  std::vector<StepEvent> out_;
};

}  // namespace

std::vector<StepEvent> step_events(const LgrModel& model, std::optional<ActionIndex> action, const StateVars& pre,
                                   const StateVars& post) {
  return StepDescriber(model, action, pre, post).run();
}

std::vector<std::string> channel_messages(uint64_t channel, bool source_to_destination) {
  std::vector<std::string> out;
  for (int code : digits(channel)) {
    if (source_to_destination && code == SD_STATE_FULL) out.emplace_back("STATE(full)");
    else if (source_to_destination && code == SD_STATE_PARTIAL) out.emplace_back("STATE(partial)");
    else out.emplace_back(message_name(code, source_to_destination));
  }
  return out;
}

}  // namespace lgr
