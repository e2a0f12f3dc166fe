#include "model/member_symmetry.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <tuple>

namespace lgr {
namespace {

// Every member attribute of spec section 1, the name aside. A field added
// to Member must be compared here: the size check fails until it is.
static_assert(sizeof(Member) == 184, "a Member field was added: compare it in same_member_attributes");

bool same_member_attributes(const Member& a, const Member& b) {
  return std::tie(a.storage, a.paging, a.facilities, a.eqids, a.vswitches, a.dcss, a.crypto) ==
         std::tie(b.storage, b.paging, b.facilities, b.eqids, b.vswitches, b.dcss, b.crypto);
}

// Configured domains come first, then SSI, then one per member (config.hpp).
int configured_domains(const Config& cfg) {
  return static_cast<int>(cfg.domains.size()) - 1 - static_cast<int>(cfg.members.size());
}

// Every configured domain (and SSI) is mapped onto itself by p.
bool domains_invariant(const Config& cfg, const std::vector<int>& p) {
  for (int d = 0; d <= configured_domains(cfg); ++d) {
    std::vector<int> mapped;
    for (int m : cfg.domains[d].members) mapped.push_back(p[m]);
    std::sort(mapped.begin(), mapped.end());
    std::vector<int> own = cfg.domains[d].members;
    std::sort(own.begin(), own.end());
    if (mapped != own) return false;
  }
  return true;
}

// Guest g with every member reference renamed by p.
Guest renamed(const Config& cfg, const Guest& g, const std::vector<int>& p) {
  Guest r = g;
  r.home = p[g.home];
  const int first_single = configured_domains(cfg) + 1;
  if (g.domain_index >= first_single) {
    r.domain_index = first_single + p[g.domain_index - first_single];
    r.domain = cfg.domains[r.domain_index].name;
  }
  return r;
}

// The guest renaming that goes with member permutation p, or none when some
// renamed guest has no counterpart. Greedy matching is exact: the guests a
// renamed guest matches are all equal to each other up to name.
std::optional<std::array<int, kMaxGuests>> guest_map(const Config& cfg, const std::vector<int>& p) {
  if (!domains_invariant(cfg, p)) return std::nullopt;
  const int K = static_cast<int>(cfg.guests.size());
  Config image = cfg;  // every guest and request renamed; names kept
  for (int g = 0; g < K; ++g) image.guests[g] = renamed(cfg, cfg.guests[g], p);
  for (Request& q : image.requests) q.to = p[q.to];
  std::array<int, kMaxGuests> sigma{};
  std::vector<bool> used(K, false);
  for (int g = 0; g < K; ++g) {
    // Compare image's guest g with cfg's guest h: put cfg's h beside it.
    int found = -1;
    for (int h = 0; h < K && found < 0; ++h) {
      if (used[h]) continue;
      Config pair = image;
      pair.guests.push_back(cfg.guests[h]);
      for (const Request& q : cfg.requests)
        if (q.guest == h) {
          pair.requests.push_back(q);
          pair.requests.back().guest = K;
        }
      if (guests_interchangeable(pair, g, K)) found = h;
    }
    if (found < 0) return std::nullopt;
    used[found] = true;
    sigma[g] = found;
  }
  return sigma;
}

}  // namespace

void detect_member_symmetry(const Config& cfg, GuestSymmetry& sym) {
  const int M = static_cast<int>(cfg.members.size());
  auto transposition = [&](int a, int b) {
    std::vector<int> p(M);
    std::iota(p.begin(), p.end(), 0);
    std::swap(p[a], p[b]);
    return p;
  };
  // Transpositions that are automorphisms generate the class: (a b) and
  // (a c) give (b c) = (a b)(a c)(a b), so comparing with the first is enough.
  std::vector<bool> placed(M, false);
  uint64_t size = 1;
  for (int a = 0; a < M; ++a) {
    if (placed[a]) continue;
    std::vector<int> cls{a};
    for (int b = a + 1; b < M; ++b)
      if (!placed[b] && same_member_attributes(cfg.members[a], cfg.members[b]) &&
          guest_map(cfg, transposition(a, b))) {
        cls.push_back(b);
        placed[b] = true;
      }
    if (cls.size() < 2) continue;
    uint64_t f = 1;
    for (std::size_t i = 2; i <= cls.size(); ++i) f *= i;
    if (size * f > kMaxMemberPermutations) continue;  // a subgroup is still sound
    size *= f;
    sym.member_classes.push_back(std::move(cls));
  }
  if (sym.member_classes.empty()) return;
  // Every product of permutations of the classes, the identity first.
  std::vector<std::vector<int>> perms{[&] {
    std::vector<int> id(M);
    std::iota(id.begin(), id.end(), 0);
    return id;
  }()};
  for (const auto& cls : sym.member_classes) {
    std::vector<std::vector<int>> next;
    for (const auto& base : perms) {
      std::vector<int> order = cls;  // sorted: next_permutation starts at the identity
      do {
        std::vector<int> p = base;
        for (std::size_t i = 0; i < cls.size(); ++i) p[cls[i]] = order[i];
        next.push_back(std::move(p));
      } while (std::next_permutation(order.begin(), order.end()));
    }
    perms = std::move(next);
  }
  for (const auto& p : perms) {
    const auto sigma = guest_map(cfg, p);
    // A product of automorphisms is one; a failure here is a detector bug.
    if (!sigma) throw std::logic_error("member symmetry: a product of automorphisms does not map the guests");
    MemberPermutation mp;
    std::copy(p.begin(), p.end(), mp.member.begin());
    mp.guest = *sigma;
    sym.member_perms.push_back(mp);
  }
  sym.group_size *= size;
}

}  // namespace lgr
