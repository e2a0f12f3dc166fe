#include "checker/symmetry_report.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <map>
#include <tuple>

#include "checker/check_runner.hpp"
#include "checker/concrete_trace.hpp"

namespace lgr {
namespace {

// Under the quotient only representatives are expanded, and they favour
// the first guests of a class: an instance of one guest may never be taken
// while the same instance of a guest it is interchangeable with is. Every
// instance of a class therefore reports the transitions of the whole class
// (per orbit): zero exactly when no guest of the class ever takes it in any
// reachable state, so a "never enabled" warning stays true.
void fold_coverage(const LgrModel& model, const GuestSymmetry& sym, CoverageReport& c) {
  if (!c.collected) return;
  const Config& cfg = model.config();
  std::vector<int> class_of(cfg.guests.size(), -1);
  for (std::size_t k = 0; k < sym.classes.size(); ++k)
    for (int g : sym.classes[k]) class_of[g] = static_cast<int>(k);
  // (kind, class, position of the request among the guest's requests)
  auto key = [&](const ActionInstance& ai) {
    int position = -1;
    if (ai.request != kNone) {
      position = 0;
      for (int q = 0; q < ai.request; ++q) position += cfg.requests[q].guest == ai.guest;
    }
    return std::tuple{static_cast<int>(ai.kind), class_of[ai.guest], position};
  };
  std::map<std::tuple<int, int, int>, uint64_t> sums;
  for (const InstanceCoverage& i : c.instances) {
    const ActionInstance& ai = model.actions()[i.action];
    if (ai.guest != kNone && class_of[ai.guest] >= 0) sums[key(ai)] += i.transitions;
  }
  for (InstanceCoverage& i : c.instances) {
    const ActionInstance& ai = model.actions()[i.action];
    if (ai.guest != kNone && class_of[ai.guest] >= 0) i.transitions = sums[key(ai)];
  }
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
             "interchangeable guests' actions is per class\n",
             s.orbits, s.group_size);
}

}  // namespace lgr
