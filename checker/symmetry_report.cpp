#include "checker/symmetry_report.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <map>
#include <utility>
#include <tuple>

#include "checker/check_runner.hpp"
#include "checker/concrete_trace.hpp"

namespace lgr {
namespace {

// Under the quotient only representatives are expanded, and they favour
// the first guests of a class (and, with member symmetry, one image of each
// member): an instance may never be taken while an instance it is
// interchangeable with is. Every instance therefore reports the transitions
// of its whole orbit under the group (per orbit): zero exactly when no
// instance of the orbit is ever taken in any reachable state, so a "never
// enabled" warning stays true.
void fold_coverage(const LgrModel& model, const GuestSymmetry& sym, CoverageReport& c) {
  if (!c.collected) return;
  const Config& cfg = model.config();
  const int K = static_cast<int>(cfg.guests.size()), M = static_cast<int>(cfg.members.size());
  // Orbits of guests and of members (union-find, the least index as root).
  std::vector<int> guest_orbit(K), member_orbit(M);
  for (int g = 0; g < K; ++g) guest_orbit[g] = g;
  for (int m = 0; m < M; ++m) member_orbit[m] = m;
  auto root = [&](int g) {
    while (guest_orbit[g] != g) g = guest_orbit[g];
    return g;
  };
  auto join = [&](int g, int h) {
    const int x = root(g), y = root(h);
    guest_orbit[std::max(x, y)] = std::min(x, y);
  };
  for (const auto& cls : sym.classes)
    for (int g : cls) join(cls.front(), g);
  for (const MemberPermutation& p : sym.member_perms)
    for (int g = 0; g < K; ++g) join(g, p.guest[g]);
  for (int g = 0; g < K; ++g) guest_orbit[g] = root(g);
  for (const auto& cls : sym.member_classes)  // the member group is the product of the classes' full groups
    for (int m : cls) member_orbit[m] = cls.front();
  auto pair_orbit = [&](int a, int b) {  // a link: the least image of the pair
    std::pair<int, int> best{std::min(a, b), std::max(a, b)};
    for (const MemberPermutation& p : sym.member_perms)
      best = std::min(best, std::pair{std::min(p.member[a], p.member[b]), std::max(p.member[a], p.member[b])});
    return best;
  };
  // (kind, guest orbit, position of the request among the guest's requests, member orbit(s))
  auto key = [&](const ActionInstance& ai) {
    int position = -1;
    if (ai.request != kNone) {
      position = 0;
      for (int q = 0; q < ai.request; ++q) position += cfg.requests[q].guest == ai.guest;
    }
    std::pair<int, int> members{kNone, kNone};
    if (ai.a != kNone && ai.b != kNone) members = pair_orbit(ai.a, ai.b);
    else if (ai.a != kNone) members.first = member_orbit[ai.a];
    return std::tuple{static_cast<int>(ai.kind), ai.guest == kNone ? kNone : guest_orbit[ai.guest], position,
                      members};
  };
  std::map<decltype(key(model.actions()[0])), uint64_t> sums;
  for (const InstanceCoverage& i : c.instances) sums[key(model.actions()[i.action])] += i.transitions;
  for (InstanceCoverage& i : c.instances) i.transitions = sums[key(model.actions()[i.action])];
}

}  // namespace

void add_symmetry_report(const LgrModel& model, const GuestCanonicalizer& canon, CheckReport& r) {
  const GuestSymmetry& sym = canon.symmetry();
  SymmetryReport s;
  s.text = symmetry_text(model.config(), sym);
  for (const auto& cls : sym.classes) {
    std::vector<std::string> names;
    for (int g : cls) names.push_back(model.config().guests[g].name);
    s.classes.push_back(std::move(names));
  }
  for (const auto& cls : sym.member_classes) {
    std::vector<std::string> names;
    for (int m : cls) names.push_back(model.config().members[m].name);
    s.member_classes.push_back(std::move(names));
  }
  s.group_size = sym.group_size;
  s.reduced = !sym.trivial();
  s.orbits = r.search.states;
  r.symmetry = std::move(s);
  if (sym.trivial()) return;
  for (PropertyOutcome& p : r.properties)
    if (!p.holds && !p.trace.empty()) p.trace = concrete_path(model, canon, p.trace);
  fold_coverage(model, sym, r.coverage);
  r.warnings = check_warnings(model, r);
}

nlohmann::json symmetry_json(const SymmetryReport& s) {
  return {{"group", s.text},
          {"classes", s.classes},
          {"member_classes", s.member_classes},
          {"group_size", s.group_size},
          {"reduced", s.reduced},
          {"orbits", s.orbits}};
}

void print_symmetry(const SymmetryReport& s, std::ostream& out) {
  if (!s.reduced) {
    fmt::print(out, "  symmetry: {}; explored as without --symmetry\n", s.text);
    return;
  }
  fmt::print(out, "  symmetry: {}\n", s.text);
  fmt::print(out,
             "  symmetry: {} orbits explored, one representative state each (the counts above are of "
             "representatives; an orbit holds at most {} states); counterexamples are concrete; coverage of "
             "interchangeable guests' and members' actions is per orbit\n",
             s.orbits, s.group_size);
}

}  // namespace lgr
