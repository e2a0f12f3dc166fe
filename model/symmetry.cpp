#include "model/symmetry.hpp"

#include "model/member_symmetry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace lgr {
namespace {

// Every attribute of spec section 1 that the model reads, the name aside.
// A field added to Guest or Request must be compared here: the size checks
// fail until it is (when in doubt, not symmetric).
static_assert(sizeof(Guest) == 312, "a Guest field was added: compare it in same_guest_attributes");
static_assert(sizeof(Request) == 40, "a Request field was added: compare it in same_request");

bool same_guest_attributes(const Guest& a, const Guest& b) {
  auto dcss = [](const Guest& g) {
    std::vector<std::pair<std::string, std::optional<std::string>>> d;
    for (const DcssUse& u : g.dcss) d.emplace_back(u.name, u.range);
    return d;
  };
  return std::tie(a.home, a.memory, a.max_memory, a.domain, a.domain_index, a.single_config, a.vmrelocate, a.mode,
                  a.disconnected, a.cpu_types, a.ipl, a.eqids, a.vswitches, a.crypto, a.open_spool) ==
             std::tie(b.home, b.memory, b.max_memory, b.domain, b.domain_index, b.single_config, b.vmrelocate,
                      b.mode, b.disconnected, b.cpu_types, b.ipl, b.eqids, b.vswitches, b.crypto, b.open_spool) &&
         dcss(a) == dcss(b);
}

bool same_request(const Request& a, const Request& b) {
  return std::tie(a.to, a.sync, a.immediate, a.maxquiesce, a.maxtotal, a.force_storage, a.force_domain,
                  a.force_architecture) == std::tie(b.to, b.sync, b.immediate, b.maxquiesce, b.maxtotal,
                                                    b.force_storage, b.force_domain, b.force_architecture);
}

std::vector<const Request*> requests_of(const Config& cfg, int g) {
  std::vector<const Request*> r;
  for (const Request& q : cfg.requests)
    if (q.guest == g) r.push_back(&q);
  return r;
}

uint64_t factorial(std::size_t n) {
  uint64_t f = 1;
  for (std::size_t i = 2; i <= n; ++i) f *= i;
  return f;
}

}  // namespace

bool guests_interchangeable(const Config& cfg, int g, int h) {
  if (!same_guest_attributes(cfg.guests[g], cfg.guests[h])) return false;
  const auto rg = requests_of(cfg, g), rh = requests_of(cfg, h);
  if (rg.size() != rh.size()) return false;
  for (std::size_t i = 0; i < rg.size(); ++i)
    if (!same_request(*rg[i], *rh[i])) return false;
  return true;
}

GuestSymmetry detect_guest_symmetry(const Config& cfg) {
  GuestSymmetry sym;
  const int K = static_cast<int>(cfg.guests.size());
  std::vector<bool> placed(K, false);
  for (int g = 0; g < K; ++g) {
    if (placed[g]) continue;
    std::vector<int> cls{g};
    for (int h = g + 1; h < K; ++h)
      if (!placed[h] && guests_interchangeable(cfg, g, h)) {
        cls.push_back(h);
        placed[h] = true;
      }
    if (cls.size() < 2) continue;
    sym.group_size *= factorial(cls.size());
    sym.classes.push_back(std::move(cls));
  }
  detect_member_symmetry(cfg, sym);
  return sym;
}

std::string symmetry_text(const Config& cfg, const GuestSymmetry& sym) {
  if (sym.trivial()) return "no two guests or members are interchangeable";
  std::vector<std::string> parts;
  for (const auto& cls : sym.classes) {
    std::vector<std::string> names;
    for (int g : cls) names.push_back(cfg.guests[g].name);
    parts.push_back(fmt::format("guests {{{}}} interchangeable", fmt::join(names, ", ")));
  }
  for (const auto& cls : sym.member_classes) {
    std::vector<std::string> names;
    for (int m : cls) names.push_back(cfg.members[m].name);
    parts.push_back(fmt::format("members {{{}}} interchangeable", fmt::join(names, ", ")));
  }
  return fmt::format("{}: {} permutations", fmt::join(parts, "; "), sym.group_size);
}

GuestCanonicalizer::GuestCanonicalizer(const LgrModel& model, GuestSymmetry sym)
    : model_(model), sym_(std::move(sym)) {
  fields_ = 15 + static_cast<int>(model.config().members.size());
}

void GuestCanonicalizer::read(const Word* s, int g, Record& r) const {
  const GuestFields& f = model_.layout().g[g];
  const int M = fields_ - 15;
  int i = 0;
  r.f[i++] = f.own.get(s);
  for (int m = 0; m < M; ++m) r.f[i++] = f.inst[m].get(s);
  for (const BitField* x : {&f.rs, &f.cur, &f.from, &f.pass, &f.dirty, &f.elapsed, &f.qtime, &f.inelig, &f.img_ok,
                            &f.c_sd, &f.c_ds, &f.lost, &f.bad_image, &f.bad_commit})
    r.f[i++] = x->get(s);
}

void GuestCanonicalizer::write(Word* s, int g, const Record& r) const {
  const GuestFields& f = model_.layout().g[g];
  const int M = fields_ - 15;
  int i = 0;
  f.own.set(s, r.f[i++]);
  for (int m = 0; m < M; ++m) f.inst[m].set(s, r.f[i++]);
  for (const BitField* x : {&f.rs, &f.cur, &f.from, &f.pass, &f.dirty, &f.elapsed, &f.qtime, &f.inelig, &f.img_ok,
                            &f.c_sd, &f.c_ds, &f.lost, &f.bad_image, &f.bad_commit})
    x->set(s, r.f[i++]);
}

void GuestCanonicalizer::canonicalize(Word* s) const {
  if (sym_.member_perms.empty()) {
    sort_guests(s);
    return;
  }
  // The least, word by word, of the guest-sorted images under every member
  // permutation: the same for every state of an orbit, and one of them.
  const std::size_t words = model_.state_words();
  Word best[kMaxStateWords], image[kMaxStateWords];
  for (std::size_t k = 0; k < sym_.member_perms.size(); ++k) {
    apply_members(s, k, image);
    sort_guests(image);
    if (k == 0 || std::lexicographical_compare(image, image + words, best, best + words))
      std::copy_n(image, words, best);
  }
  std::copy_n(best, words, s);
}

void GuestCanonicalizer::sort_guests(Word* s) const {
  Record rec[kMaxGuests];
  for (const auto& cls : sym_.classes) {
    const int n = static_cast<int>(cls.size());
    for (int k = 0; k < n; ++k) read(s, cls[k], rec[k]);
    auto less = [&](const Record& a, const Record& b) {
      return std::lexicographical_compare(a.f, a.f + fields_, b.f, b.f + fields_);
    };
    bool sorted = true;
    for (int k = 1; k < n && sorted; ++k) sorted = !less(rec[k], rec[k - 1]);
    if (sorted) continue;  // the common case: nothing to write
    for (int k = 1; k < n; ++k)  // insertion sort: a class has at most 8 guests
      for (int j = k; j > 0 && less(rec[j], rec[j - 1]); --j) std::swap(rec[j], rec[j - 1]);
    for (int k = 0; k < n; ++k) write(s, cls[k], rec[k]);
  }
}

void GuestCanonicalizer::apply(const Word* s, const std::vector<int>& perm, Word* out) const {
  const int K = static_cast<int>(model_.config().guests.size());
  if (static_cast<int>(perm.size()) != K) throw std::invalid_argument("guest permutation of the wrong size");
  std::copy_n(s, model_.state_words(), out);
  Record r;
  for (int g = 0; g < K; ++g) {
    read(s, g, r);
    write(out, perm[g], r);
  }
}

void GuestCanonicalizer::apply_members(const Word* s, std::size_t k, Word* out) const {
  const MemberPermutation& p = sym_.member_perms.at(k);
  const StateLayout& L = model_.layout();
  const int M = static_cast<int>(model_.config().members.size());
  const int K = static_cast<int>(model_.config().guests.size());
  std::copy_n(s, model_.state_words(), out);
  for (int m = 0; m < M; ++m) L.up[p.member[m]].set(out, L.up[m].get(s));
  for (int a = 0; a < M; ++a)
    for (int b = a + 1; b < M; ++b) {
      const int x = p.member[a], y = p.member[b];
      L.link[std::min(x, y)][std::max(x, y)].set(out, L.link[a][b].get(s));
    }
  // Record layout (read): own, inst[0..M), rs, cur, from, ...
  const int from = 1 + M + 2;
  Record r, q;
  for (int g = 0; g < K; ++g) {
    read(s, g, r);
    q = r;
    q.f[0] = p.member[r.f[0]];
    for (int m = 0; m < M; ++m) q.f[1 + p.member[m]] = r.f[1 + m];
    q.f[from] = r.f[from] == 0 ? 0 : p.member[r.f[from] - 1] + 1;  // member + 1, 0 = none
    write(out, p.guest[g], q);
  }
}

}  // namespace lgr
