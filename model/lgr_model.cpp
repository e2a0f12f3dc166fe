#include "model/lgr_model.hpp"

#include <fmt/format.h>

#include <iterator>

#include "model/eligibility.hpp"

namespace lgr {

const char* action_kind_name(ActionKind k) {
  static constexpr const char* kNames[kActionKindCount] = {
#define LGR_ACTION_KIND(name, fair, operands) #name,
#include "model/action_kinds.def"
  };
  return kNames[static_cast<int>(k)];
}

bool is_fair_kind(ActionKind k) {
  static constexpr bool kFair[kActionKindCount] = {
#define LGR_ACTION_KIND(name, fair, operands) fair,
#include "model/action_kinds.def"
  };
  return kFair[static_cast<int>(k)];
}

const char* action_kind_operands(ActionKind k) {
  static constexpr const char* kOperands[kActionKindCount] = {
#define LGR_ACTION_KIND(name, fair, operands) operands,
#include "model/action_kinds.def"
  };
  return kOperands[static_cast<int>(k)];
}

const char* inst_name(int i) {
  static constexpr const char* k[] = {"NONE", "RUNNING", "QUIESCED", "SHADOW", "READY"};
  static_assert(std::size(k) == I_READY + 1);
  return i >= 0 && i <= 4 ? k[i] : "?";
}
const char* rs_name(int r) {
  static constexpr const char* k[] = {"NONE", "INIT", "MEMORY", "QUIESCED", "STATE_SENT", "CANCELING"};
  static_assert(std::size(k) == RS_CANCELING + 1);
  return r >= 0 && r <= 5 ? k[r] : "?";
}
const char* sd_msg_name(int m) {
  static constexpr const char* k[] = {"-", "CREATE", "MEM", "STATE", "STATE", "RESUME", "CANCEL"};
  static_assert(std::size(k) == SD_CANCEL + 1);
  return m >= 0 && m <= 6 ? k[m] : "?";
}
const char* ds_msg_name(int m) {
  static constexpr const char* k[] = {"-", "CREATED", "REFUSED", "ACK_STATE", "CANCEL_REQ", "CANCEL_ACK"};
  static_assert(std::size(k) == DS_CANCEL_ACK + 1);
  return m >= 0 && m <= 5 ? k[m] : "?";
}

LgrModel::LgrModel(Config cfg, VariantSet variants)
    : cfg_(std::move(cfg)), variants_(variants), L_(StateLayout::for_config(cfg_)) {
  M_ = static_cast<int>(cfg_.members.size());
  K_ = static_cast<int>(cfg_.guests.size());
  guest_requests_.assign(K_, {});
  for (size_t q = 0; q < cfg_.requests.size(); ++q) {
    const Request& r = cfg_.requests[q];
    local_index_.push_back(static_cast<int>(guest_requests_[r.guest].size()));
    guest_requests_[r.guest].push_back(static_cast<int>(q));
    static_ok_.push_back(static_reasons(cfg_, static_cast<int>(q)).empty());
  }

  // Canonical order: kind (model/action_kinds.def), then guest, then request
  // (Move) or member; a kind's operands say which instances it has.
  first_of_kind_.assign(kActionKindCount + 1, 0);
  for (int k = 0; k < kActionKindCount; ++k) {
    const ActionKind kind = static_cast<ActionKind>(k);
    const std::string operands = action_kind_operands(kind);
    first_of_kind_[k] = static_cast<ActionIndex>(actions_.size());
    if (operands == "GUEST MEMBER") {  // one per request
      for (int g = 0; g < K_; ++g)
        for (int q : guest_requests_[g]) actions_.push_back({kind, g, q});
    } else if (operands.rfind("GUEST", 0) == 0) {
      for (int g = 0; g < K_; ++g) actions_.push_back({kind, g});
    } else if (operands == "MEMBER") {
      for (int m = 0; m < M_; ++m) actions_.push_back({kind, kNone, kNone, m});
    } else if (operands == "MEMBER MEMBER") {  // one per link a < b
      for (int a = 0; a < M_; ++a)
        for (int b = a + 1; b < M_; ++b) actions_.push_back({kind, kNone, kNone, a, b});
    } else {
      actions_.push_back({kind});
    }
  }
  first_of_kind_[kActionKindCount] = static_cast<ActionIndex>(actions_.size());
}

void LgrModel::initial(Word* out) const {
  StateVars v;
  for (int m = 0; m < M_; ++m) {
    v.up[m] = true;
    for (int n = 0; n < M_; ++n) v.link[m][n] = true;
  }
  v.moves_left = static_cast<int>(cfg_.bounds.moves);
  v.cancels_left = static_cast<int>(cfg_.bounds.cancels);
  v.mfail_left = static_cast<int>(cfg_.bounds.member_failures);
  v.lfail_left = static_cast<int>(cfg_.bounds.link_failures);
  v.elig_left = static_cast<int>(cfg_.bounds.eligibility_changes);
  for (int g = 0; g < K_; ++g) {
    v.g[g].own = cfg_.guests[g].home;
    v.g[g].inst[cfg_.guests[g].home] = I_RUNNING;
  }
  encode(v, out);
}

void LgrModel::decode(const Word* s, StateVars& v) const {
  for (int m = 0; m < M_; ++m) {
    v.up[m] = L_.up[m].get(s);
    v.link[m][m] = true;
    for (int n = m + 1; n < M_; ++n) v.link[m][n] = v.link[n][m] = L_.link[m][n].get(s);
  }
  v.moves_left = static_cast<int>(L_.moves_left.get(s));
  v.cancels_left = static_cast<int>(L_.cancels_left.get(s));
  v.mfail_left = static_cast<int>(L_.mfail_left.get(s));
  v.lfail_left = static_cast<int>(L_.lfail_left.get(s));
  v.elig_left = static_cast<int>(L_.elig_left.get(s));
  for (int g = 0; g < K_; ++g) {
    const GuestFields& f = L_.g[g];
    GuestVars& gv = v.g[g];
    gv.own = static_cast<int>(f.own.get(s));
    for (int m = 0; m < M_; ++m) gv.inst[m] = static_cast<uint8_t>(f.inst[m].get(s));
    gv.rs = static_cast<uint8_t>(f.rs.get(s));
    const int cur = static_cast<int>(f.cur.get(s));
    gv.cur = cur == 0 ? kNone : guest_requests_[g][cur - 1];
    gv.from = static_cast<int>(f.from.get(s)) - 1;
    gv.pass = static_cast<int>(f.pass.get(s));
    gv.dirty = f.dirty.get(s);
    gv.elapsed = static_cast<int>(f.elapsed.get(s));
    gv.qtime = static_cast<int>(f.qtime.get(s));
    gv.inelig = f.inelig.get(s);
    gv.img_ok = f.img_ok.get(s);
    gv.c_sd = f.c_sd.get(s);
    gv.c_ds = f.c_ds.get(s);
    gv.lost = f.lost.get(s);
    gv.bad_image = f.bad_image.get(s);
    gv.bad_commit = f.bad_commit.get(s);
  }
}

void LgrModel::encode(const StateVars& v, Word* out) const {
  for (uint32_t w = 0; w < L_.words; ++w) out[w] = 0;
  for (int m = 0; m < M_; ++m) {
    L_.up[m].set(out, v.up[m]);
    for (int n = m + 1; n < M_; ++n) L_.link[m][n].set(out, v.link[m][n]);
  }
  L_.moves_left.set(out, v.moves_left);
  L_.cancels_left.set(out, v.cancels_left);
  L_.mfail_left.set(out, v.mfail_left);
  L_.lfail_left.set(out, v.lfail_left);
  L_.elig_left.set(out, v.elig_left);
  for (int g = 0; g < K_; ++g) {
    const GuestFields& f = L_.g[g];
    const GuestVars& gv = v.g[g];
    f.own.set(out, gv.own);
    for (int m = 0; m < M_; ++m) f.inst[m].set(out, gv.inst[m]);
    f.rs.set(out, gv.rs);
    f.cur.set(out, gv.cur == kNone ? 0 : local_index_[gv.cur] + 1);
    f.from.set(out, gv.from + 1);
    f.pass.set(out, gv.pass);
    f.dirty.set(out, gv.dirty);
    f.elapsed.set(out, gv.elapsed);
    f.qtime.set(out, gv.qtime);
    f.inelig.set(out, gv.inelig);
    f.img_ok.set(out, gv.img_ok);
    f.c_sd.set(out, gv.c_sd);
    f.c_ds.set(out, gv.c_ds);
    f.lost.set(out, gv.lost);
    f.bad_image.set(out, gv.bad_image);
    f.bad_commit.set(out, gv.bad_commit);
  }
}

int64_t LgrModel::used(const StateVars& v, int m, bool reserving_only_running) const {
  int64_t sum = 0;
  for (int h = 0; h < K_; ++h) {
    const uint8_t i = v.g[h].inst[m];
    const bool counts = reserving_only_running ? (i == I_RUNNING || i == I_QUIESCED) : i != I_NONE;
    if (counts) sum += cfg_.guests[h].memory;
  }
  return sum;
}

bool LgrModel::stable(const StateVars& v) const {
  for (int m = 0; m < M_; ++m) {
    if (!v.up[m]) return false;
    for (int n = m + 1; n < M_; ++n)
      if (!v.link[m][n]) return false;
  }
  return true;
}

std::string LgrModel::label(ActionIndex a, const StateVars& pre) const {
  const ActionInstance& ai = actions_.at(a);
  const char* kind = action_kind_name(ai.kind);
  switch (ai.kind) {
    case ActionKind::Move: {
      const Request& r = cfg_.requests[ai.request];
      std::string lbl = fmt::format("Move {} {}", cfg_.guests[ai.guest].name, cfg_.members[r.to].name);
      int same = 0;
      for (int q : guest_requests_[ai.guest]) same += cfg_.requests[q].to == r.to;
      if (same > 1) lbl += fmt::format("#{}", ai.request + 1);
      return lbl;
    }
    case ActionKind::SrcReceive:
      return fmt::format("{} {} {}", kind, cfg_.guests[ai.guest].name,
                         ds_msg_name(channel_head(pre.g[ai.guest].c_ds)));
    case ActionKind::DstReceive:
      return fmt::format("{} {} {}", kind, cfg_.guests[ai.guest].name,
                         sd_msg_name(channel_head(pre.g[ai.guest].c_sd)));
    case ActionKind::MemberFails:
      return fmt::format("{} {}", kind, cfg_.members[ai.a].name);
    case ActionKind::LinkFails:
      return fmt::format("{} {} {}", kind, cfg_.members[ai.a].name, cfg_.members[ai.b].name);
    case ActionKind::Tick:
      return kind;
    default:
      return fmt::format("{} {}", kind, cfg_.guests[ai.guest].name);
  }
}

}  // namespace lgr
