#include "model/state_layout.hpp"

#include <algorithm>
#include <stdexcept>
#include <fmt/format.h>

namespace lgr {

StateLayout StateLayout::for_config(const Config& cfg) {
  StateLayout L;
  const int M = static_cast<int>(cfg.members.size());
  const Bounds& b = cfg.bounds;
  const std::string where = cfg.path.empty() ? cfg.name : cfg.path;

  const int64_t cap = b.passes + 3 + b.cancels;
  if (cap > 21)  // 3 bits per message, one word per channel
    throw ConfigError(fmt::format(
        "{}: /bounds: passes + cancels = {} is more than this build's channel limit of 18",
        where, b.passes + b.cancels));
  L.channel_capacity = static_cast<int>(cap);

  BitPacker p;
  for (int m = 0; m < M; ++m) L.up[m] = p.add(1);
  for (int a = 0; a < M; ++a)
    for (int c = a + 1; c < M; ++c) L.link[a][c] = p.add(1);
  L.moves_left = p.add(bits_for(b.moves));
  L.cancels_left = p.add(bits_for(b.cancels));
  L.mfail_left = p.add(bits_for(b.member_failures));
  L.lfail_left = p.add(bits_for(b.link_failures));
  L.elig_left = p.add(bits_for(b.eligibility_changes));

  for (size_t g = 0; g < cfg.guests.size(); ++g) {
    int nreq = 0;
    int64_t max_total = 0, max_quiesce = 0;
    for (const auto& r : cfg.requests) {
      if (r.guest != static_cast<int>(g)) continue;
      ++nreq;
      max_total = std::max(max_total, r.maxtotal);
      max_quiesce = std::max(max_quiesce, r.maxquiesce);
    }
    GuestFields& f = L.g[g];
    f.own = p.add(bits_for(M - 1));
    for (int m = 0; m < M; ++m) f.inst[m] = p.add(3);
    f.rs = p.add(3);
    f.cur = p.add(bits_for(nreq));  // local request index + 1, 0 = none
    f.from = p.add(bits_for(M));    // member + 1, 0 = none
    f.pass = p.add(bits_for(b.passes));
    f.dirty = p.add(1);
    f.elapsed = p.add(bits_for(max_total));
    f.qtime = p.add(bits_for(max_quiesce == 0 ? 0 : max_quiesce + 1));
    f.inelig = p.add(1);
    f.img_ok = p.add(1);
    f.c_sd = p.add(3 * L.channel_capacity);
    f.c_ds = p.add(3 * L.channel_capacity);
    f.lost = p.add(1);
    f.bad_image = p.add(1);
    f.bad_commit = p.add(1);

    // Consecutive fields, a few bits in all: they span one word or two.
    auto clear_of = [&](std::initializer_list<const BitField*> fields) {
      ClearBits c;
      for (const BitField* x : fields) {
        if (x->bits == 0) continue;  // width 0: always 0
        int k = 0;
        while (k < 2 && c.bits[k] != 0 && c.word[k] != x->word) ++k;
        if (k == 2) throw std::logic_error("state layout: cleared fields span more than two words");
        c.word[k] = x->word;
        c.bits[k] |= x->bits;
      }
      return c;
    };
    f.progress = clear_of({&f.pass, &f.dirty, &f.elapsed, &f.qtime});
    f.episode_end = clear_of({&f.cur, &f.from, &f.pass, &f.dirty, &f.elapsed, &f.qtime, &f.img_ok});

    // inst[] is M consecutive 3-bit fields: one word, or two at a word break.
    for (int m = 0; m < M; ++m) {
      const BitField& x = f.inst[m];
      if (f.inst_words == 0 || f.inst_lanes[f.inst_words - 1].word != x.word)
        f.inst_lanes[f.inst_words++].word = x.word;
      InstLanes& lanes = f.inst_lanes[f.inst_words - 1];
      lanes.bits |= x.bits;
      lanes.low |= uint64_t{1} << x.shift;
    }
  }
  L.words = std::max<uint32_t>(1, p.words());
  L.bits = p.total_bits();
  if (L.words > kMaxStateWords)
    throw ConfigError(fmt::format(
        "{}: /bounds: the state of this configuration needs {} bits, more than the {} "
        "this build supports; lower passes, cancels or the numbers of guests and members",
        where, L.bits, kMaxStateWords * 64));
  return L;
}

}  // namespace lgr
