// The successor function of spec section 3. Guards read the decoded parent;
// effects write a copy of the packed words, so a transition costs a copy of
// a few words and a few shifts, and no allocation.
#pragma once

#include <bit>
#include <cstring>
#include <stdexcept>

#include "model/eligibility.hpp"

namespace lgr {

struct LgrModel::Ctx {
  const LgrModel& m;
  const StateLayout& L;
  Word t[kMaxStateWords];  // left uninitialised: begin() writes what is read

  // Not an aggregate: aggregate initialisation would clear t on every call.
  Ctx(const LgrModel& model, const StateLayout& layout) : m(model), L(layout) {}

  // Fixed-size copies, not memcpy (which the compiler makes of a loop): a
  // state is a few words, fewer than a library call costs.
  [[gnu::always_inline]] void begin(const Word* s) {
    switch (L.words) {
      case 1: return copy<1>(s);
      case 2: return copy<2>(s);
      case 3: return copy<3>(s);
      case 4: return copy<4>(s);
      case 5: return copy<5>(s);
      case 6: return copy<6>(s);
      case 7: return copy<7>(s);
      case 8: return copy<8>(s);
      default: std::memcpy(t, s, L.words * sizeof(Word));
    }
  }
  template <uint32_t N>
  void copy(const Word* s) {
    for (uint32_t i = 0; i < N; ++i) t[i] = s[i];
  }

  [[gnu::always_inline]] uint64_t get(const BitField& f) const { return f.get(t); }
  [[gnu::always_inline]] bool nonzero(const BitField& f) const { return (t[f.word] & f.bits) != 0; }
  [[gnu::always_inline]] void set(const BitField& f, uint64_t v) { f.set(t, v); }
  [[gnu::always_inline]] void clear(const ClearBits& c) {
    t[c.word[0]] &= ~c.bits[0];
    t[c.word[1]] &= ~c.bits[1];
  }

  [[gnu::always_inline]] static uint64_t push(uint64_t c, int msg, int capacity) {
    int len = channel_length(c);
    // Spec section 2: no send may find a channel longer than the bound.
    if (len >= capacity) throw std::logic_error("channel bound exceeded (model invariant broken)");
    return c | (static_cast<uint64_t>(msg) << (3 * len));
  }
  // send(): delivered only when both ends and their link are up.
  [[gnu::always_inline]] void send_sd(int g, const StateVars& v, int s, int d, int msg) {
    if (!v.up[s] || !v.up[d] || !v.link[s][d]) return;
    const BitField& f = L.g[g].c_sd;
    set(f, push(get(f), msg, L.channel_capacity));
  }
  [[gnu::always_inline]] void send_ds(int g, const StateVars& v, int s, int d, int msg) {
    if (!v.up[s] || !v.up[d] || !v.link[s][d]) return;
    const BitField& f = L.g[g].c_ds;
    set(f, push(get(f), msg, L.channel_capacity));
  }
  // pass = elapsed = qtime = 0; dirty = false
  [[gnu::always_inline]] void reset_progress(int g) { clear(L.g[g].progress); }
  [[gnu::always_inline]] void src_cancel(int g, const StateVars& v, int s, int d) {
    const GuestFields& f = L.g[g];
    if (get(f.inst[s]) == I_QUIESCED && !m.variants_.has(Variant::CancelStaysQuiesced)) set(f.inst[s], I_RUNNING);
    set(f.rs, RS_CANCELING);
    reset_progress(g);
    send_sd(g, v, s, d, SD_CANCEL);
  }
  // Spec section 2, "Normalisation": an episode with nothing left in flight
  // ends. Inlined: it follows most transitions and usually stops at rs.
  [[gnu::always_inline]] void normalise(int g) {
    const GuestFields& f = L.g[g];
    if (nonzero(f.rs) || nonzero(f.c_sd) || nonzero(f.c_ds) || !nonzero(f.cur)) return;
    // An instance is SHADOW (3) or READY (4) exactly when its value plus
    // one has the lane's top bit set; values are 0..4, so adding one to
    // every lane at once carries into no other lane.
    for (uint32_t k = 0; k < f.inst_words; ++k) {
      const InstLanes& w = f.inst_lanes[k];
      if (((t[w.word] & w.bits) + w.low) & (w.low << 2)) return;
    }
    clear(f.episode_end);  // cur = from = 0, the progress, img_ok = false
  }
  // The guests of `episodes` (no action that normalises every guest starts
  // an episode, so those without one in the parent have none to end).
  [[gnu::always_inline]] void normalise_all(uint32_t episodes) {
    for (; episodes != 0; episodes &= episodes - 1) normalise(std::countr_zero(episodes));
  }
};

template <class Emit>
void LgrModel::successors(const Word* s, const StateVars& v, Emit&& emit) const {
  Ctx c{*this, L_};
  const int M = M_, K = K_;
  auto first = [&](ActionKind k) { return first_of_kind_[static_cast<int>(k)]; };
  // Which guests each family's guard can pass for, one bit per guest, and
  // each episode's destination: a family visits only its candidates (in
  // guest order, so still in canonical order), and a family whose budget
  // is spent visits none. Most states have few guests in any one phase.
  uint32_t episode = 0, busy = 0, active = 0, memory = 0, quiesced = 0, sd = 0, ds = 0;
  int to[kMaxGuests];
  for (int g = 0; g < K; ++g) {
    const GuestVars& gv = v.g[g];
    to[g] = dest(gv);
    episode |= uint32_t{gv.episode()} << g;
    busy |= uint32_t{gv.rs != RS_NONE} << g;
    active |= uint32_t{gv.active()} << g;
    memory |= uint32_t{gv.rs == RS_MEMORY} << g;
    quiesced |= uint32_t{gv.rs == RS_QUIESCED} << g;
    sd |= uint32_t{gv.c_sd != 0} << g;
    ds |= uint32_t{gv.c_ds != 0} << g;
  }

  // 1. Move(g, q)
  if (v.moves_left > 0 && stable(v)) {
    ActionIndex ai = 0;
    for (int g = 0; g < K; ++g) {
      const GuestVars& gv = v.g[g];
      for (int q : guest_requests_[g]) {
        const ActionIndex a = ai++;
        const Request& r = cfg_.requests[q];
        const int src = gv.own, d = r.to;
        if (gv.rs != RS_NONE || gv.episode() || gv.inst[src] != I_RUNNING || src == d || !static_ok_[q] ||
            gv.inelig)
          continue;
        if (!storage_ok(cfg_, g, d, used(v, d, variants_.has(Variant::NoReservation)), r.force_storage))
          continue;
        c.begin(s);
        const GuestFields& f = L_.g[g];
        c.set(L_.moves_left, v.moves_left - 1);
        c.set(f.cur, local_index_[q] + 1);
        c.set(f.from, src + 1);
        c.set(f.rs, RS_INIT);
        c.reset_progress(g);
        c.set(f.dirty, 1);
        c.set(f.img_ok, 0);
        c.send_sd(g, v, src, d, SD_CREATE);
        c.normalise(g);
        emit(a, c.t);
      }
    }
  }

  // 2, 3. CancelAtSrc(g), Cphx(g): the same effect, two transitions.
  for (int pass_kind = 0; pass_kind < 2 && v.cancels_left > 0; ++pass_kind) {
    const ActionIndex base = first(pass_kind == 0 ? ActionKind::CancelAtSrc : ActionKind::Cphx);
    for (uint32_t bits = active; bits != 0; bits &= bits - 1) {
      const int g = std::countr_zero(bits);
      const ActionIndex a = base + g;
      const GuestVars& gv = v.g[g];
      if (pass_kind == 1 && !cfg_.requests[gv.cur].sync) continue;
      c.begin(s);
      c.set(L_.cancels_left, v.cancels_left - 1);
      c.src_cancel(g, v, gv.from, to[g]);
      c.normalise(g);
      emit(a, c.t);
    }
  }

  // 4. CancelAtDst(g)
  for (uint32_t bits = v.cancels_left > 0 ? episode : 0; bits != 0; bits &= bits - 1) {
    const int g = std::countr_zero(bits);
    const ActionIndex a = first(ActionKind::CancelAtDst) + g;
    const GuestVars& gv = v.g[g];
    const int src = gv.from, d = to[g];
    if (!(gv.inst[d] == I_SHADOW || gv.inst[d] == I_READY) || !v.up[src] || !v.link[src][d]) continue;
    c.begin(s);
    c.set(L_.cancels_left, v.cancels_left - 1);
    c.send_ds(g, v, src, d, DS_CANCEL_REQ);
    if (variants_.has(Variant::DstCancelDiscards)) c.set(L_.g[g].inst[d], I_NONE);
    c.normalise(g);
    emit(a, c.t);
  }

  // 5. GuestWrites(g)
  for (uint32_t bits = memory; bits != 0; bits &= bits - 1) {
    const int g = std::countr_zero(bits);
    const ActionIndex a = first(ActionKind::GuestWrites) + g;
    const GuestVars& gv = v.g[g];
    if (gv.inst[gv.from] != I_RUNNING || gv.dirty) continue;
    c.begin(s);
    c.set(L_.g[g].dirty, 1);
    emit(a, c.t);
  }

  // 6, 7. GuestBecomesIneligible(g), GuestBecomesEligible(g)
  for (int to_inelig = 1; to_inelig >= 0 && v.elig_left > 0; --to_inelig) {
    const ActionIndex base = first(to_inelig ? ActionKind::GuestBecomesIneligible : ActionKind::GuestBecomesEligible);
    for (int g = 0; g < K; ++g) {
      const ActionIndex a = base + g;
      const GuestVars& gv = v.g[g];
      if (gv.inelig == static_cast<bool>(to_inelig)) continue;
      bool running = false;
      for (int m = 0; m < M; ++m) running |= gv.inst[m] == I_RUNNING;
      if (!running) continue;
      c.begin(s);
      c.set(L_.elig_left, v.elig_left - 1);
      c.set(L_.g[g].inelig, to_inelig);
      emit(a, c.t);
    }
  }

  // 8. SrcReceive(g)
  for (uint32_t bits = ds; bits != 0; bits &= bits - 1) {
    const int g = std::countr_zero(bits);
    const ActionIndex a = first(ActionKind::SrcReceive) + g;
    const GuestVars& gv = v.g[g];
    const GuestFields& f = L_.g[g];
    const int src = gv.from, d = to[g];
    c.begin(s);
    c.set(f.c_ds, gv.c_ds >> 3);
    switch (channel_head(gv.c_ds)) {
      case DS_CREATED:
        if (gv.rs == RS_INIT) {
          if (gv.inelig) {
            c.src_cancel(g, v, src, d);
          } else {
            c.set(f.rs, RS_MEMORY);
            c.set(f.pass, 1);
            c.set(f.dirty, 0);
            c.send_sd(g, v, src, d, SD_MEM);
          }
        }
        break;
      case DS_REFUSED:
        if (gv.rs == RS_INIT) {
          if (variants_.has(Variant::RetryRefused))
            c.send_sd(g, v, src, d, SD_CREATE);
          else
            c.set(f.rs, RS_NONE);
        }
        break;
      case DS_ACK_STATE:
        if (gv.rs == RS_STATE_SENT) {  // commit
          c.set(f.bad_commit, gv.bad_commit || gv.inelig);
          c.set(f.own, d);
          c.set(f.inst[src], I_NONE);
          c.set(f.rs, RS_NONE);
          c.send_sd(g, v, src, d, SD_RESUME);
        }
        break;
      case DS_CANCEL_REQ:
        if (gv.active()) c.src_cancel(g, v, src, d);
        break;
      case DS_CANCEL_ACK:
        if (gv.rs == RS_CANCELING) c.set(f.rs, RS_NONE);
        break;
      default:
        throw std::logic_error("corrupt destination-to-source channel");
    }
    c.normalise(g);
    emit(a, c.t);
  }

  // 9. SrcNextPass(g)
  for (uint32_t bits = memory; bits != 0; bits &= bits - 1) {
    const int g = std::countr_zero(bits);
    const ActionIndex a = first(ActionKind::SrcNextPass) + g;
    const GuestVars& gv = v.g[g];
    if (!gv.dirty || gv.pass >= cfg_.bounds.passes || cfg_.requests[gv.cur].immediate) continue;
    c.begin(s);
    if (gv.inelig) {
      c.src_cancel(g, v, gv.from, to[g]);
    } else {
      c.set(L_.g[g].pass, gv.pass + 1);
      c.set(L_.g[g].dirty, 0);
      c.send_sd(g, v, gv.from, to[g], SD_MEM);
    }
    c.normalise(g);
    emit(a, c.t);
  }

  // 10. SrcQuiesce(g)
  for (uint32_t bits = memory; bits != 0; bits &= bits - 1) {
    const int g = std::countr_zero(bits);
    const ActionIndex a = first(ActionKind::SrcQuiesce) + g;
    const GuestVars& gv = v.g[g];
    if (gv.dirty && gv.pass != cfg_.bounds.passes && !cfg_.requests[gv.cur].immediate) continue;
    c.begin(s);
    c.set(L_.g[g].inst[gv.from], I_QUIESCED);
    c.set(L_.g[g].rs, RS_QUIESCED);
    emit(a, c.t);
  }

  // 11. SrcFinalCheck(g)
  for (uint32_t bits = quiesced; bits != 0; bits &= bits - 1) {
    const int g = std::countr_zero(bits);
    const ActionIndex a = first(ActionKind::SrcFinalCheck) + g;
    const GuestVars& gv = v.g[g];
    c.begin(s);
    if (gv.inelig && !variants_.has(Variant::NoFinalCheck)) {
      c.src_cancel(g, v, gv.from, to[g]);
    } else {
      const bool full = variants_.has(Variant::NoDirtyResend) ? !gv.dirty : true;
      c.send_sd(g, v, gv.from, to[g], full ? SD_STATE_FULL : SD_STATE_PARTIAL);
      c.set(L_.g[g].dirty, 0);
      c.set(L_.g[g].rs, RS_STATE_SENT);
    }
    c.normalise(g);
    emit(a, c.t);
  }

  // 12. SrcDetectPeerDown(g)
  for (uint32_t bits = busy; bits != 0; bits &= bits - 1) {
    const int g = std::countr_zero(bits);
    const ActionIndex a = first(ActionKind::SrcDetectPeerDown) + g;
    const GuestVars& gv = v.g[g];
    const int src = gv.from, d = to[g];
    if (!v.up[src]) continue;
    const bool peer_down = variants_.has(Variant::SrcIgnoresDstFailure)
                               ? !v.link[src][d]
                               : (!v.up[d] || !v.link[src][d]);
    if (!peer_down) continue;
    c.begin(s);
    if (gv.rs != RS_CANCELING && gv.inst[src] == I_QUIESCED) c.set(L_.g[g].inst[src], I_RUNNING);
    c.set(L_.g[g].rs, RS_NONE);
    c.reset_progress(g);
    c.normalise(g);
    emit(a, c.t);
  }

  // 13. DstReceive(g)
  for (uint32_t bits = sd; bits != 0; bits &= bits - 1) {
    const int g = std::countr_zero(bits);
    const ActionIndex a = first(ActionKind::DstReceive) + g;
    const GuestVars& gv = v.g[g];
    const GuestFields& f = L_.g[g];
    const int src = gv.from, d = to[g];
    c.begin(s);
    c.set(f.c_sd, gv.c_sd >> 3);
    const int msg = channel_head(gv.c_sd);
    switch (msg) {
      case SD_CREATE: {
        const Request& r = cfg_.requests[gv.cur];
        if (storage_ok(cfg_, g, d, used(v, d, variants_.has(Variant::NoReservation)), r.force_storage)) {
          c.set(f.inst[d], I_SHADOW);
          c.send_ds(g, v, src, d, DS_CREATED);
        } else {
          c.send_ds(g, v, src, d, DS_REFUSED);
        }
        break;
      }
      case SD_MEM:
        break;
      case SD_STATE_PARTIAL:
      case SD_STATE_FULL:
        if (gv.inst[d] == I_SHADOW) {
          c.set(f.inst[d], variants_.has(Variant::EarlyResume) ? I_RUNNING : I_READY);
          c.set(f.img_ok, msg == SD_STATE_FULL);
          c.send_ds(g, v, src, d, DS_ACK_STATE);
        }
        break;
      case SD_RESUME:
        if (gv.inst[d] == I_READY) {
          c.set(f.bad_image, gv.bad_image || !gv.img_ok);
          c.set(f.inst[d], I_RUNNING);
        }
        break;
      case SD_CANCEL:
        if (gv.inst[d] == I_SHADOW || gv.inst[d] == I_READY) c.set(f.inst[d], I_NONE);
        c.send_ds(g, v, src, d, DS_CANCEL_ACK);
        break;
      default:
        throw std::logic_error("corrupt source-to-destination channel");
    }
    c.normalise(g);
    emit(a, c.t);
  }

  // 14. DstDetectPeerDown(g)
  for (uint32_t bits = episode; bits != 0; bits &= bits - 1) {
    const int g = std::countr_zero(bits);
    const ActionIndex a = first(ActionKind::DstDetectPeerDown) + g;
    const GuestVars& gv = v.g[g];
    const int src = gv.from, d = to[g];
    if (!(gv.inst[d] == I_SHADOW || gv.inst[d] == I_READY) || !v.up[d]) continue;
    if (v.up[src] && v.link[src][d]) continue;
    c.begin(s);
    // The ownership record on shared disk arbitrates: only a committed
    // destination may resume (the variant skips the read).
    const bool resume = gv.own == d ||
                        (variants_.has(Variant::NoPdrArbitration) && gv.inst[d] == I_READY);
    if (resume) {
      c.set(L_.g[g].bad_image, gv.bad_image || !gv.img_ok);
      c.set(L_.g[g].inst[d], I_RUNNING);
    } else {
      c.set(L_.g[g].inst[d], I_NONE);
    }
    c.normalise(g);
    emit(a, c.t);
  }

  // 15. MemberFails(m)
  for (int m = 0; m < M && v.mfail_left > 0; ++m) {
    const ActionIndex a = first(ActionKind::MemberFails) + m;
    if (!v.up[m]) continue;
    c.begin(s);
    c.set(L_.up[m], 0);
    c.set(L_.mfail_left, v.mfail_left - 1);
    for (int g = 0; g < K; ++g) {
      const GuestVars& gv = v.g[g];
      const GuestFields& f = L_.g[g];
      const uint8_t i = gv.inst[m];
      if (i == I_RUNNING || i == I_QUIESCED || (i == I_READY && gv.own == m)) c.set(f.lost, 1);
      c.set(f.inst[m], I_NONE);
      if (gv.episode()) {
        if (gv.from == m) {
          c.set(f.rs, RS_NONE);
          c.reset_progress(g);
        }
        if (gv.from == m || to[g] == m) {
          c.set(f.c_sd, 0);
          c.set(f.c_ds, 0);
        }
      }
    }
    c.normalise_all(episode);
    emit(a, c.t);
  }

  // 16. LinkFails(a, b)
  ActionIndex ai = first(ActionKind::LinkFails);
  for (int x = 0; x < M && v.lfail_left > 0; ++x) {
    for (int y = x + 1; y < M; ++y) {
      const ActionIndex a = ai++;
      if (!v.link[x][y]) continue;
      c.begin(s);
      c.set(L_.link[x][y], 0);
      c.set(L_.lfail_left, v.lfail_left - 1);
      for (int g = 0; g < K; ++g) {
        const GuestVars& gv = v.g[g];
        if (!gv.episode()) continue;
        const int src = gv.from, d = to[g];
        if ((src == x && d == y) || (src == y && d == x)) {
          c.set(L_.g[g].c_sd, 0);
          c.set(L_.g[g].c_ds, 0);
        }
      }
      c.normalise_all(episode);
      emit(a, c.t);
    }
  }

  // 17. Tick: one transition advancing every timed guest.
  if (episode != 0) {
    const ActionIndex a = first(ActionKind::Tick);
    bool any = false;
    for (int g = 0; g < K && !any; ++g) {
      const GuestVars& gv = v.g[g];
      if (!gv.episode()) continue;
      const Request& r = cfg_.requests[gv.cur];
      any = (gv.active() && r.maxtotal > 0) ||
            ((gv.rs == RS_QUIESCED || gv.rs == RS_STATE_SENT) && r.maxquiesce > 0);
    }
    if (any) {
      c.begin(s);
      const bool ignore_q = variants_.has(Variant::IgnoreMaxquiesce);
      for (int g = 0; g < K; ++g) {
        const GuestVars& gv = v.g[g];
        if (!gv.episode()) continue;
        const Request& r = cfg_.requests[gv.cur];
        if (!((gv.active() && r.maxtotal > 0) ||
              ((gv.rs == RS_QUIESCED || gv.rs == RS_STATE_SENT) && r.maxquiesce > 0)))
          continue;
        const GuestFields& f = L_.g[g];
        int elapsed = gv.elapsed, qtime = gv.qtime;
        if (r.maxtotal > 0) ++elapsed;
        if (r.maxquiesce > 0 && gv.inst[gv.from] == I_QUIESCED) {
          ++qtime;
          if (ignore_q && qtime > r.maxquiesce + 1) qtime = static_cast<int>(r.maxquiesce + 1);
        }
        c.set(f.elapsed, elapsed);
        c.set(f.qtime, qtime);
        if ((r.maxtotal > 0 && elapsed >= r.maxtotal) ||
            (!ignore_q && r.maxquiesce > 0 && qtime >= r.maxquiesce))
          c.src_cancel(g, v, gv.from, r.to);
      }
      c.normalise_all(episode);
      emit(a, c.t);
    }
  }
}

}  // namespace lgr
