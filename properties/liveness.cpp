#include "properties/liveness.hpp"

namespace lgr {

explorer::WeakFairness lgr_fairness(const LgrModel& m) {
  std::vector<explorer::ActionId> fair;
  for (std::size_t a = 0; a < m.actions().size(); ++a)
    if (is_fair_kind(m.actions()[a].kind)) fair.push_back(static_cast<explorer::ActionId>(a));
  return explorer::WeakFairness(m.actions().size(), fair);
}

UnfinishedMask unfinished_relocations(const LgrModel& m, const StateVars& v) {
  UnfinishedMask u = 0;
  for (std::size_t g = 0; g < m.config().guests.size(); ++g) {
    const GuestVars& gv = v.g[g];
    if (gv.rs == RS_NONE) continue;
    u |= UnfinishedMask(1u << g);
    // rs != NONE implies an episode (normalisation clears cur only at NONE).
    if (gv.episode() && m.config().requests[gv.cur].sync) u |= UnfinishedMask(1u << (kSyncAnsweredBit + g));
  }
  return u;
}

namespace {

struct Candidate {
  int guest = kNone;
  explorer::FairComponent component;
};

// One property over every guest: counts its fair components and keeps the
// one with the smallest entry (shortest stem; the lower guest on a tie).
// `skip_guest(g)` says the guest is known to hold already.
template <class SkipGuest>
std::optional<Candidate> fair_components_of(const LgrModel& m, const LivenessGraph& lg, int bit_base,
                                            explorer::FairComponentSearch& search, SkipGuest&& skip_guest,
                                            LivenessOutcome& o, std::vector<bool>& guest_violates) {
  std::optional<Candidate> best;
  std::vector<bool> counted(lg.graph.states(), false);
  const int guests = static_cast<int>(m.config().guests.size());
  guest_violates.assign(guests, false);
  for (int g = 0; g < guests; ++g) {
    if (skip_guest(g)) continue;
    const UnfinishedMask bit = UnfinishedMask(1u << (bit_base + g));
    auto summary = search.find(
        [&](explorer::StateId s) { return (lg.unfinished[s] & bit) != 0; },
        [&](std::span<const explorer::StateId> members) {
          for (const explorer::StateId s : members) {
            if (!counted[s]) ++o.fair_states;
            counted[s] = true;
          }
        });
    if (!summary.first) continue;
    guest_violates[g] = true;
    if (!best || summary.first->states.front() < best->component.states.front())
      best = Candidate{g, std::move(*summary.first)};
  }
  return best;
}

void build_lasso(const explorer::FairComponentSearch& search, const ExploredStates& explored, const Candidate& c,
                 LivenessOutcome& o) {
  const explorer::StateId entry = c.component.states.front();
  o.holds = false;
  o.guest = c.guest;
  o.lasso = explored.path_to(entry);
  o.loop_start = o.lasso.size() - 1;
  const std::size_t words = o.lasso.back().state.size();
  for (const explorer::CycleStep& st : search.cycle(c.component)) {
    const explorer::StateWord* w = explored.state(st.target);
    o.lasso.push_back({st.action, std::vector<explorer::StateWord>(w, w + words)});
  }
}

}  // namespace

LivenessResult judge_liveness(const LgrModel& m, const LivenessGraph& lg, explorer::LabelMask which,
                              const ExploredStates& explored) {
  LivenessResult r;
  const explorer::WeakFairness fairness = lgr_fairness(m);
  explorer::FairComponentSearch search(lg.graph, fairness);
  // Every subgraph below lies among the states with some relocation
  // unfinished: one component search there, later passes revisit its cycles only.
  search.limit_to([&](explorer::StateId s) { return lg.unfinished[s] != 0; });

  // A fair path that keeps a sync request waiting also keeps its relocation
  // unfinished, so a guest without a Termination violation cannot violate
  // SyncAnswered: that pass skips it.
  std::vector<bool> terminates_violated;
  const bool termination = (which & property_bit(PropertyId::Termination)) != 0;
  if (termination) {
    LivenessOutcome o;
    o.id = PropertyId::Termination;
    auto best = fair_components_of(m, lg, 0, search, [](int) { return false; }, o, terminates_violated);
    if (best) build_lasso(search, explored, *best, o);
    r.outcomes.push_back(std::move(o));
  }
  if (which & property_bit(PropertyId::SyncAnswered)) {
    LivenessOutcome o;
    o.id = PropertyId::SyncAnswered;
    std::vector<bool> violates;
    auto best = fair_components_of(
        m, lg, kSyncAnsweredBit, search, [&](int g) { return termination && !terminates_violated[g]; }, o,
        violates);
    if (best) build_lasso(search, explored, *best, o);
    r.outcomes.push_back(std::move(o));
  }
  r.graph_bytes = search.bytes();
  return r;
}

}  // namespace lgr
