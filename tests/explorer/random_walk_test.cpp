// The random walk, the seen-state table and the trace shortening on a
// hand-made model whose walks can be worked out on paper: a counter on a
// line, knowing nothing of z/VM.
#include <catch2/catch.hpp>

#include <vector>

#include "explorer/random_walk.hpp"
#include "explorer/seen_states.hpp"
#include "explorer/trace_shortening.hpp"

using namespace explorer;

namespace {

// State x in 0..10 from 0. Actions in canonical order: 0 x+1 (x < 10),
// 1 x-1 (0 < x < 10), 2 stay (x < 10). Property bit 0 when x == 5; x == 10 is the
// only dead end.
struct LineModel {
  std::size_t state_words() const { return 1; }
  void initial(StateWord* out) const { out[0] = 0; }
  template <class Sink>
  LabelMask expand(const StateWord* s, Sink&& sink) const {
    StateWord t[1];
    if (s[0] < 10) {
      t[0] = s[0] + 1;
      sink(ActionId{0}, t);
    }
    if (s[0] > 0 && s[0] < 10) {
      t[0] = s[0] - 1;
      sink(ActionId{1}, t);
    }
    if (s[0] < 10) {
      t[0] = s[0];
      sink(ActionId{2}, t);
    }
    return s[0] == 5 ? 1u : 0u;
  }
};
static_assert(ExplorableModel<LineModel>);

std::vector<StateWord> values(const Walk& w) { return w.states; }

}  // namespace

TEST_CASE("random walk: splitmix64 gives the published sequence", "[explorer][simulate]") {
  // The reference outputs of splitmix64 from seed 0 (Vigna's splitmix64.c).
  SplitMix64 g(0);
  CHECK(g.next() == 0xe220a8397b1dcdafULL);
  CHECK(g.next() == 0x6e789e6aa1b965f4ULL);
  CHECK(g.next() == 0x06c45d188009454fULL);
  // below(n) is the high word of next() * n.
  SplitMix64 h(0);
  CHECK(h.below(3) == static_cast<uint32_t>((static_cast<unsigned __int128>(0xe220a8397b1dcdafULL) * 3) >> 64));
  CHECK(run_seed(1, 0) != run_seed(1, 1));
  CHECK(run_seed(1, 0) != run_seed(2, 0));
  CHECK(run_seed(7, 3) == run_seed(7, 3));
}

TEST_CASE("random walk: a step aside is a violation found without stepping into it", "[explorer][simulate]") {
  LineModel m;
  WalkOptions o;
  o.depth = 100;
  o.weights = {1.0, 0.0, 0.0};  // only x+1: the walk is 0, 1, 2, 3, 4 and then sees 5 among 4's successors
  Walk w;
  StateWord start[1] = {0};
  random_walk(m, start, 42, o, w);
  CHECK(w.end == WalkEnd::Violation);
  CHECK(w.violated == 1u);
  CHECK(values(w) == std::vector<StateWord>{0, 1, 2, 3, 4, 5});
  CHECK(w.actions == std::vector<ActionId>{0, 0, 0, 0, 0});
  // Enabled in 0: {0, 2}; in 1..4: {0, 1, 2}. Successors checked: 2 + 3 + 3 + 3 + 1 (5 is the first of 4's).
  CHECK(w.enabled.size() == 14);
  CHECK(w.successors_checked == 12);

  o.watched = 0;  // nothing watched: the walk runs to the dead end 10
  random_walk(m, start, 42, o, w);
  CHECK(w.end == WalkEnd::DeadEnd);
  CHECK(w.steps() == 10);

  o.depth = 3;
  random_walk(m, start, 42, o, w);
  CHECK(w.end == WalkEnd::DepthBound);
  CHECK(values(w) == std::vector<StateWord>{0, 1, 2, 3});

  o.weights = {0.0, 1.0, 0.0};  // only x-1, never enabled in 0
  random_walk(m, start, 42, o, w);
  CHECK(w.end == WalkEnd::Blocked);
  CHECK(w.steps() == 0);
}

TEST_CASE("random walk: the same seed gives the same walk, another seed another", "[explorer][simulate]") {
  LineModel m;
  WalkOptions o;
  o.depth = 200;
  o.watched = 0;
  StateWord start[1] = {0};
  Walk a, b, c;
  random_walk(m, start, run_seed(9, 0), o, a);
  random_walk(m, start, run_seed(9, 0), o, b);
  random_walk(m, start, run_seed(9, 1), o, c);
  CHECK(a.actions == b.actions);
  CHECK(a.states == b.states);
  CHECK(a.actions != c.actions);
  // The uniform choice: step k takes the below(n)-th enabled action of the
  // k-th generator output, n being 2 in state 0 and 3 elsewhere.
  SplitMix64 g(run_seed(9, 0));
  StateWord x = 0;
  for (std::size_t k = 0; k < a.steps(); ++k) {
    const uint32_t pick = g.below(x == 0 ? 2 : 3);
    const ActionId want = x == 0 ? (pick == 0 ? 0 : 2) : static_cast<ActionId>(pick);
    REQUIRE(a.actions[k] == want);
    x = want == 0 ? x + 1 : want == 1 ? x - 1 : x;
  }
}

TEST_CASE("random walk: seen states are exact up to the bound, then estimated", "[explorer][simulate]") {
  SeenStates exact(1, uint64_t{64} << 20);
  for (StateWord x = 0; x < 100000; ++x) {
    exact.insert(&x);
    exact.insert(&x);
  }
  CHECK(exact.exact());
  CHECK(exact.size() == 100000);
  StateWord probe = 4711;
  CHECK(*exact.state(exact.find(&probe)) == 4711);
  probe = 100000;
  CHECK(exact.find(&probe) == SeenStates::kAbsent);

  SeenStates bounded(1, 64 << 10);  // room for a few thousand states
  for (StateWord x = 0; x < 100000; ++x) bounded.insert(&x);
  CHECK_FALSE(bounded.exact());
  CHECK(bounded.size() < 10000);
  CHECK(bounded.bytes() <= 64 << 10);
  const double e = static_cast<double>(bounded.estimate());
  CHECK(e > 100000 * 0.97);
  CHECK(e < 100000 * 1.03);
  StateWord extra = 123456789;
  bounded.insert(&extra, true);  // forced past the bound
  CHECK(bounded.find(&extra) != SeenStates::kAbsent);
}

TEST_CASE("random walk: shortening within the seen states, then by dropping steps", "[explorer][simulate]") {
  LineModel m;
  StateWord start[1] = {0};
  // A detour to 5: up to 3, down to 1, stay, up to 5.
  const std::vector<ActionId> detour = {0, 0, 0, 1, 1, 2, 0, 0, 0, 0};
  CHECK(steps_to_violation(m, start, detour, 1u) == 10u);
  CHECK(steps_to_violation(m, start, {1}, 1u) == std::nullopt);           // x-1 not enabled in 0
  CHECK(steps_to_violation(m, start, {0, 0, 0}, 1u) == std::nullopt);     // never reaches 5
  CHECK(steps_to_violation(m, start, {0, 0, 0, 0, 0, 0, 1}, 1u) == 5u);  // cut at the first violation

  CHECK(drop_steps(m, start, detour, 1u) == std::vector<ActionId>{0, 0, 0, 0, 0});

  // Seen: 0..5 only. The shortest path within them is five x+1 steps.
  SeenStates seen(1, 1 << 20);
  for (StateWord x = 0; x <= 5; ++x) seen.insert(&x);
  CHECK(shortest_within(m, seen, start, 1u) == std::vector<ActionId>{0, 0, 0, 0, 0});
  // Seen 0..3: 5 is not among them, nor among their successors.
  SeenStates few(1, 1 << 20);
  for (StateWord x = 0; x <= 3; ++x) few.insert(&x);
  CHECK(shortest_within(m, few, start, 1u) == std::nullopt);
  // Seen 0..4: 5 is a successor of 4, a possible last state.
  StateWord four = 4;
  few.insert(&four);
  CHECK(shortest_within(m, few, start, 1u) == std::vector<ActionId>{0, 0, 0, 0, 0});
  StateWord five[1] = {5};
  CHECK(shortest_within(m, seen, five, 1u) == std::vector<ActionId>{});  // the start itself violates

  const auto path = replay_path(m, start, {0, 0, 2});
  REQUIRE(path.size() == 4);
  CHECK(path[3].action == 2);
  CHECK(path[3].state == std::vector<StateWord>{2});
}
