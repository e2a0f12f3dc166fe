#include "model/guard_explanation.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "model/eligibility.hpp"

namespace lgr {
namespace {

using Why = std::optional<std::string>;

class Explainer {
 public:
  Explainer(const LgrModel& m, const StateVars& v) : m_(m), cfg_(m.config()), v_(v) {}

  Why explain(const ActionInstance& a) {
    const int g = a.guest;
    switch (a.kind) {
      case ActionKind::Move: return move(g, a.request);
      case ActionKind::CancelAtSrc: return cancel_at_src(g);
      case ActionKind::Cphx: return cphx(g);
      case ActionKind::CancelAtDst: return cancel_at_dst(g);
      case ActionKind::GuestWrites: return guest_writes(g);
      case ActionKind::GuestBecomesIneligible: return eligibility_change(g, true);
      case ActionKind::GuestBecomesEligible: return eligibility_change(g, false);
      case ActionKind::SrcReceive:
        if (v_.g[g].c_ds == 0) return "the destination-to-source channel is empty";
        return {};
      case ActionKind::SrcNextPass: return src_next_pass(g);
      case ActionKind::SrcQuiesce: return src_quiesce(g);
      case ActionKind::SrcFinalCheck:
        if (v_.g[g].rs != RS_QUIESCED) return fmt::format("{} is not quiesced at the source ({})", guest(g), rs_text(g));
        return {};
      case ActionKind::SrcDetectPeerDown: return src_detect_peer_down(g);
      case ActionKind::DstReceive:
        if (v_.g[g].c_sd == 0) return "the source-to-destination channel is empty";
        return {};
      case ActionKind::DstDetectPeerDown: return dst_detect_peer_down(g);
      case ActionKind::MemberFails:
        if (v_.mfail_left <= 0) return budget_spent("member_failures");
        if (!v_.up[a.a]) return fmt::format("{} is already down", member(a.a));
        return {};
      case ActionKind::LinkFails:
        if (v_.lfail_left <= 0) return budget_spent("link_failures");
        if (!v_.link[a.a][a.b]) return fmt::format("the link {} is already down", link(a.a, a.b));
        return {};
      case ActionKind::Tick: return tick();
    }
    return {};
  }

 private:
  const std::string& guest(int g) const { return cfg_.guests[g].name; }
  const std::string& member(int m) const { return cfg_.members[m].name; }
  // Named low index first, as LinkFails labels name it.
  std::string link(int a, int b) const {
    return fmt::format("{} - {}", member(std::min(a, b)), member(std::max(a, b)));
  }
  std::string rs_text(int g) const { return fmt::format("relocation state {}", rs_name(v_.g[g].rs)); }
  static std::string budget_spent(const char* bound) {
    return fmt::format("the bound {} is used up (none left)", bound);
  }
  bool shadow_at(int g, int m) const { return v_.g[g].inst[m] == I_SHADOW || v_.g[g].inst[m] == I_READY; }
  bool runs_somewhere(int g) const {
    for (size_t m = 0; m < cfg_.members.size(); ++m)
      if (v_.g[g].inst[m] == I_RUNNING) return true;
    return false;
  }
  Why not_stable() const {
    const int M = static_cast<int>(cfg_.members.size());
    for (int m = 0; m < M; ++m)
      if (!v_.up[m]) return fmt::format("the SSI cluster is not Stable: {} is down", member(m));
    for (int a = 0; a < M; ++a)
      for (int b = a + 1; b < M; ++b)
        if (!v_.link[a][b]) return fmt::format("the SSI cluster is not Stable: the link {} is down", link(a, b));
    return {};
  }

  Why move(int g, int q) const {
    const GuestVars& gv = v_.g[g];
    const Request& r = cfg_.requests[q];
    const int s = gv.own, d = r.to;
    if (v_.moves_left <= 0) return budget_spent("moves");
    if (gv.rs != RS_NONE) return fmt::format("a relocation of {} is in progress ({})", guest(g), rs_text(g));
    if (gv.episode()) return fmt::format("the previous relocation episode of {} has not ended", guest(g));
    if (gv.inst[s] != I_RUNNING)
      return fmt::format("{} is not RUNNING on its owner {} (it is {})", guest(g), member(s), inst_name(gv.inst[s]));
    if (s == d) return fmt::format("{} is already on {}", guest(g), member(d));
    if (Why why = not_stable()) return why;
    const std::vector<Reason> reasons = static_reasons(cfg_, q);
    if (!reasons.empty())
      return fmt::format("{}: {}", reason_code(reasons[0]), reason_message(cfg_, g, d, reasons[0]));
    if (gv.inelig) return fmt::format("{} holds a resource that makes it ineligible", guest(g));
    const int64_t used = m_.used(v_, d, m_.variants().has(Variant::NoReservation));
    const std::vector<Reason> storage = storage_reasons(cfg_, g, d, used, r.force_storage);
    if (!storage.empty())
      return fmt::format("{}: {}", reason_code(storage[0]), reason_message(cfg_, g, d, storage[0], used));
    return {};
  }

  Why cancel_at_src(int g) const {
    if (v_.cancels_left <= 0) return budget_spent("cancels");
    if (!v_.g[g].active()) return fmt::format("no relocation of {} is active at the source ({})", guest(g), rs_text(g));
    return {};
  }

  Why cphx(int g) const {
    if (Why why = cancel_at_src(g)) return why;
    if (!cfg_.requests[v_.g[g].cur].sync)
      return fmt::format("the VMRELOCATE of {} is ASYNCH: no issuer waits to be interrupted", guest(g));
    return {};
  }

  Why cancel_at_dst(int g) const {
    const GuestVars& gv = v_.g[g];
    if (v_.cancels_left <= 0) return budget_spent("cancels");
    if (!gv.episode()) return fmt::format("{} has no relocation in progress", guest(g));
    const int s = gv.from, d = m_.dest(gv);
    if (!shadow_at(g, d))
      return fmt::format("the destination {} holds no shadow of {} (it is {})", member(d), guest(g), inst_name(gv.inst[d]));
    if (!v_.up[s]) return fmt::format("the source {} is down", member(s));
    if (!v_.link[s][d]) return fmt::format("the link {} is down", link(s, d));
    return {};
  }

  Why guest_writes(int g) const {
    const GuestVars& gv = v_.g[g];
    if (gv.rs != RS_MEMORY) return fmt::format("the memory move of {} is not in progress ({})", guest(g), rs_text(g));
    if (gv.inst[gv.from] != I_RUNNING)
      return fmt::format("{} is not RUNNING on the source {}", guest(g), member(gv.from));
    if (gv.dirty) return fmt::format("{} has already changed pages since the last memory pass", guest(g));
    return {};
  }

  Why eligibility_change(int g, bool to_ineligible) const {
    if (v_.elig_left <= 0) return budget_spent("eligibility_changes");
    if (v_.g[g].inelig == to_ineligible)
      return fmt::format("{} is already {}", guest(g), to_ineligible ? "ineligible" : "eligible");
    if (!runs_somewhere(g)) return fmt::format("{} is not RUNNING on any member", guest(g));
    return {};
  }

  Why src_next_pass(int g) const {
    const GuestVars& gv = v_.g[g];
    if (gv.rs != RS_MEMORY) return fmt::format("the memory move of {} is not in progress ({})", guest(g), rs_text(g));
    if (!gv.dirty) return fmt::format("no page of {} changed since memory pass {}", guest(g), gv.pass);
    if (gv.pass >= cfg_.bounds.passes) return fmt::format("all {} memory passes are sent", cfg_.bounds.passes);
    if (cfg_.requests[gv.cur].immediate) return "the request is IMMEDIATE: one memory pass only";
    return {};
  }

  Why src_quiesce(int g) const {
    const GuestVars& gv = v_.g[g];
    if (gv.rs != RS_MEMORY) return fmt::format("the memory move of {} is not in progress ({})", guest(g), rs_text(g));
    if (gv.dirty && gv.pass != cfg_.bounds.passes && !cfg_.requests[gv.cur].immediate)
      return fmt::format("pages of {} changed since memory pass {} and another pass is allowed (passes {})",
                         guest(g), gv.pass, cfg_.bounds.passes);
    return {};
  }

  Why src_detect_peer_down(int g) const {
    const GuestVars& gv = v_.g[g];
    if (gv.rs == RS_NONE) return fmt::format("no relocation of {} is in progress at the source", guest(g));
    const int s = gv.from, d = m_.dest(gv);
    if (!v_.up[s]) return fmt::format("the source {} is down", member(s));
    if (m_.variants().has(Variant::SrcIgnoresDstFailure)) {
      if (v_.link[s][d]) return fmt::format("the link {} is up (this variant ignores a down destination)", link(s, d));
    } else if (v_.up[d] && v_.link[s][d]) {
      return fmt::format("the destination {} and the link {} are up", member(d), link(s, d));
    }
    return {};
  }

  Why dst_detect_peer_down(int g) const {
    const GuestVars& gv = v_.g[g];
    if (!gv.episode()) return fmt::format("{} has no relocation in progress", guest(g));
    const int s = gv.from, d = m_.dest(gv);
    if (!shadow_at(g, d))
      return fmt::format("the destination {} holds no shadow of {} (it is {})", member(d), guest(g), inst_name(gv.inst[d]));
    if (!v_.up[d]) return fmt::format("the destination {} is down", member(d));
    if (v_.up[s] && v_.link[s][d]) return fmt::format("the source {} and the link {} are up", member(s), link(s, d));
    return {};
  }

  Why tick() const {
    for (size_t g = 0; g < cfg_.guests.size(); ++g) {
      const GuestVars& gv = v_.g[g];
      if (!gv.episode()) continue;
      const Request& r = cfg_.requests[gv.cur];
      if ((gv.active() && r.maxtotal > 0) ||
          ((gv.rs == RS_QUIESCED || gv.rs == RS_STATE_SENT) && r.maxquiesce > 0))
        return {};
    }
    return "no timer runs: no active relocation has MAXTOTAL, and none quiesced or with its state sent has MAXQUIESCE";
  }

  const LgrModel& m_;
  const Config& cfg_;
  const StateVars& v_;
};

}  // namespace

std::optional<std::string> guard_failure(const LgrModel& model, ActionIndex a, const StateVars& v) {
  return Explainer(model, v).explain(model.actions().at(a));
}

}  // namespace lgr
