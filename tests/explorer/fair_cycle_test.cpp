// The generic fair-cycle search on small hand-made graphs, where the fair and
// unfair cycles are known by construction (no LGR model involved).
#include <catch2/catch.hpp>

#include <map>
#include <tuple>

#include "explorer/fair_cycle_search.hpp"
#include "explorer/strong_components.hpp"
#include "explorer/transition_graph.hpp"

using namespace explorer;

namespace {

// Actions of the hand-made graphs: 0 and 1 unfair, 2 and 3 fair.
constexpr ActionId kOp = 0, kFault = 1, kF = 2, kG = 3;

struct Edge {
  StateId from;
  ActionId action;
  StateId to;
};

TransitionGraph graph_of(uint64_t states, const std::vector<Edge>& edges, int threads = 1) {
  auto g = build_transition_graph(
      states,
      [&](StateId s, auto&& edge) {
        for (const Edge& e : edges)
          if (e.from == s) edge(e.action, e.to);
      },
      threads);
  REQUIRE(g);
  return std::move(*g);
}

struct Verdict {
  FairComponentSummary summary;
  std::vector<CycleStep> cycle;
};

// Fair components of the subgraph `inside` (every other state is where the
// awaited event has happened), searched directly and, as the liveness pass
// does, limited to the cycles of a larger universe (here every state): both
// must agree.
Verdict judge(const TransitionGraph& g, const std::vector<bool>& inside) {
  const WeakFairness fairness(4, {kF, kG});
  auto in = [&](StateId s) { return bool(inside[s]); };
  FairComponentSearch direct(g, fairness), limited(g, fairness);
  limited.limit_to([](StateId) { return true; });
  Verdict v{direct.find(in, [](std::span<const StateId>) {}), {}};
  const FairComponentSummary w = limited.find(in, [](std::span<const StateId>) {});
  CHECK(w.components == v.summary.components);
  CHECK(w.states == v.summary.states);
  CHECK(bool(w.first) == bool(v.summary.first));
  if (w.first && v.summary.first) CHECK(w.first->states == v.summary.first->states);
  if (v.summary.first) v.cycle = direct.cycle(*v.summary.first);
  return v;
}

std::vector<std::pair<ActionId, StateId>> steps(const std::vector<CycleStep>& c) {
  std::vector<std::pair<ActionId, StateId>> out;
  for (const auto& s : c) out.emplace_back(s.action, s.target);
  return out;
}

}  // namespace

TEST_CASE("liveness: a cycle where a continuously enabled fair action is never taken is unfair", "[liveness]") {
  // 0 <-> 1 by operator steps; F (fair) is enabled in both and leads out to 2.
  const auto g = graph_of(3, {{0, kOp, 1}, {0, kF, 2}, {1, kOp, 0}, {1, kF, 2}});
  const Verdict v = judge(g, {true, true, false});
  CHECK(v.summary.components == 0);
  CHECK(v.summary.states == 0);
  CHECK_FALSE(v.summary.first);
}

TEST_CASE("liveness: a cycle where the fair action is disabled in one state is fair", "[liveness]") {
  // As above, but F is not enabled in 1: the path may cycle forever.
  const auto g = graph_of(3, {{0, kOp, 1}, {0, kF, 2}, {1, kOp, 0}});
  const Verdict v = judge(g, {true, true, false});
  CHECK(v.summary.components == 1);
  CHECK(v.summary.states == 2);
  REQUIRE(v.summary.first);
  CHECK(v.summary.first->states == std::vector<StateId>{0, 1});
  CHECK(v.summary.first->always_enabled == 0);
  // The cycle must pass through 1, where F is disabled, and come back to 0.
  CHECK(steps(v.cycle) == std::vector<std::pair<ActionId, StateId>>{{kOp, 1}, {kOp, 0}});
}

TEST_CASE("liveness: a fair action enabled throughout and taken inside the cycle keeps it fair", "[liveness]") {
  // F is enabled in 0, 1 and 2 and taken on 1 -> 2; it also leads out from 0.
  const auto g = graph_of(4, {{0, kOp, 1}, {0, kF, 3}, {1, kF, 2}, {2, kF, 0}});
  const Verdict v = judge(g, {true, true, true, false});
  REQUIRE(v.summary.first);
  CHECK(v.summary.first->always_enabled == 1);  // F is fair instance 0
  CHECK(v.summary.first->taken == 1);
  CHECK(steps(v.cycle) == std::vector<std::pair<ActionId, StateId>>{{kOp, 1}, {kF, 2}, {kF, 0}});
}

TEST_CASE("liveness: each fair instance is its own constraint", "[liveness]") {
  // F and G both enabled in 0 and 1; the cycle takes F only, G always leads
  // out: unfair. Once G is also taken inside (1 -> 0 by G), fair.
  const std::vector<Edge> base = {{0, kF, 1}, {0, kG, 2}, {1, kF, 0}, {1, kG, 2}};
  CHECK(judge(graph_of(3, base), {true, true, false}).summary.components == 0);
  auto with_g = base;
  with_g[3] = {1, kG, 0};
  const Verdict v = judge(graph_of(3, with_g), {true, true, false});
  REQUIRE(v.summary.first);
  CHECK(v.summary.first->always_enabled == 3);
  // From 0: take G (needed, only on 1 -> 0) by going 0 -F-> 1 -G-> 0.
  CHECK(steps(v.cycle) == std::vector<std::pair<ActionId, StateId>>{{kF, 1}, {kG, 0}});
}

TEST_CASE("liveness: a state with no fair action enabled is a stuttering lasso, one with a fair exit is not",
          "[liveness]") {
  // 0: only a fault is possible (to 1): the path may stay in 0 forever.
  // 1: F leads to 2, where the event happened: F must eventually be taken.
  const auto g = graph_of(3, {{0, kFault, 1}, {1, kF, 2}});
  const Verdict v = judge(g, {true, true, false});
  CHECK(v.summary.components == 1);
  REQUIRE(v.summary.first);
  CHECK(v.summary.first->states == std::vector<StateId>{0});
  CHECK(v.cycle.empty());
  // A state with no transition at all also stutters.
  const Verdict dead = judge(graph_of(1, {}), {true});
  CHECK(dead.summary.components == 1);
  CHECK(dead.cycle.empty());
}

TEST_CASE("liveness: a cycle that leaves the subgraph is no cycle of it", "[liveness]") {
  // 0 -> 1 -> 2 -> 0, but 2 is outside: 0 and 1 are single components.
  // 0 enables nothing fair (stuck); 1 enables F, which leads out to 3.
  const auto g = graph_of(4, {{0, kOp, 1}, {1, kOp, 2}, {1, kF, 3}, {2, kOp, 0}});
  const Verdict v = judge(g, {true, true, false, false});
  CHECK(v.summary.components == 1);
  REQUIRE(v.summary.first);
  CHECK(v.summary.first->states == std::vector<StateId>{0});
  CHECK(v.cycle.empty());
}

TEST_CASE("liveness: a fair self-loop is a cycle of one step", "[liveness]") {
  const auto g = graph_of(2, {{0, kF, 0}, {0, kG, 1}, {1, kOp, 1}});
  // 0: F loops, G leaves: G is enabled throughout {0} and never taken inside.
  CHECK(judge(g, {true, false}).summary.components == 0);
  const auto g2 = graph_of(2, {{0, kF, 0}, {0, kOp, 1}});
  const Verdict v = judge(g2, {true, false});
  REQUIRE(v.summary.first);
  CHECK(steps(v.cycle) == std::vector<std::pair<ActionId, StateId>>{{kF, 0}});
}

TEST_CASE("liveness: the fair component with the smallest state id is the one reported", "[liveness]") {
  // Two fair cycles: {3, 4} and {1, 2}; 0 enters both by F.
  const auto g = graph_of(5, {{0, kF, 3}, {0, kF, 1}, {3, kOp, 4}, {4, kOp, 3}, {1, kOp, 2}, {2, kOp, 1}});
  const Verdict v = judge(g, {false, true, true, true, true});
  CHECK(v.summary.components == 2);
  CHECK(v.summary.states == 4);
  REQUIRE(v.summary.first);
  CHECK(v.summary.first->states == std::vector<StateId>{1, 2});
}

TEST_CASE("liveness: strongly connected components of a subgraph, sinks first", "[liveness]") {
  // 0 -> {1, 2} cycle -> 3 -> 4 -> 3; 5 is outside the subgraph and would
  // otherwise join 0 into the first cycle.
  const auto g = graph_of(6, {{0, kOp, 1}, {1, kOp, 2}, {2, kOp, 1}, {2, kOp, 3}, {3, kOp, 4}, {4, kOp, 3},
                              {2, kOp, 5}, {5, kOp, 0}});
  StrongComponentSearch scc(g);
  std::vector<std::vector<StateId>> found;
  scc.run([](StateId s) { return s != 5; }, [&](std::span<const StateId> members, uint32_t c) {
    std::vector<StateId> m(members.begin(), members.end());
    std::sort(m.begin(), m.end());
    CHECK(c == found.size());
    for (StateId s : m) CHECK(scc.component_of(s) == c);
    found.push_back(m);
  });
  CHECK(found == std::vector<std::vector<StateId>>{{3, 4}, {1, 2}, {0}});
  CHECK(scc.component_of(5) == StrongComponentSearch::kNoComponent);
}

TEST_CASE("liveness: a 300000-state cycle needs no recursion", "[liveness]") {
  const uint64_t n = 300000;
  std::vector<Edge> edges;
  for (StateId s = 0; s < n; ++s) edges.push_back({s, kOp, StateId((s + 1) % n)});
  auto g = build_transition_graph(n, [&](StateId s, auto&& edge) { edge(kOp, edges[s].to); }, 1);
  REQUIRE(g);
  StrongComponentSearch scc(*g);
  std::size_t components = 0, largest = 0;
  scc.run([](StateId) { return true; }, [&](std::span<const StateId> m, uint32_t) {
    ++components;
    largest = std::max(largest, m.size());
  });
  CHECK(components == 1);
  CHECK(largest == n);
}

TEST_CASE("liveness: the transition graph does not depend on the thread count", "[liveness]") {
  const uint64_t n = 50000;
  auto expand = [](StateId s, auto&& edge) {
    for (StateId k = 0; k < s % 4; ++k) edge(ActionId(k), StateId((s * 7 + k) % n));
  };
  auto one = build_transition_graph(n, expand, 1);
  auto four = build_transition_graph(n, expand, 4);
  REQUIRE(one);
  REQUIRE(four);
  CHECK(one->edges() == 75000);
  CHECK(one->offsets == four->offsets);
  CHECK(one->targets == four->targets);
  CHECK(one->actions == four->actions);
}

TEST_CASE("liveness: an interrupted graph build returns nothing", "[liveness]") {
  std::atomic<bool> stop{true};
  auto g = build_transition_graph(10000, [](StateId, auto&&) {}, 1, &stop);
  CHECK_FALSE(g);
}

TEST_CASE("liveness: more than 64 fair instances are refused with a clear error", "[liveness]") {
  std::vector<ActionId> fair;
  for (ActionId a = 0; a < 65; ++a) fair.push_back(a);
  CHECK_THROWS_WITH(WeakFairness(65, fair), "more than 64 fair action instances (liveness supports at most 64)");
  CHECK(WeakFairness(65, {fair.begin(), fair.end() - 1}).instances() == 64);
}
