// The generic engines on a hand-made model, without model/ or properties/:
// a pair of counters whose state space, BFS order and violations are known
// in closed form, and checked against a plain sequential BFS written here.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <queue>
#include <vector>

#include "explorer/breadth_first_search.hpp"
#include "explorer/depth_first_search.hpp"

using namespace explorer;

namespace {

// State (a, b), 0 <= a, b < n, from (0, 0). Actions in canonical order:
//   0 a+1 (a < n-1)   1 b+1 (b < n-1)   2 swap   3 a := 0   4 a+1 again
// (a second action to the same successor); swap and reset are disabled in
// (n-1, n-1), the only terminal state. Every state is reachable; (a, b) is
// at depth a + b. Property bits: 0 when a == 2, 31 when a == b == n-1,
// 25 when b == 1 (goals use bits 24..26: every bit must work alike).
struct CounterModel {
  uint64_t n;
  std::size_t state_words() const { return 2; }
  void initial(StateWord* out) const { out[0] = out[1] = 0; }
  template <class Sink>
  LabelMask expand(const StateWord* s, Sink&& sink) const {
    const uint64_t a = s[0], b = s[1];
    const bool last = a == n - 1 && b == n - 1;
    StateWord t[2];
    if (a < n - 1) {
      t[0] = a + 1, t[1] = b;
      sink(ActionId{0}, t);
    }
    if (b < n - 1) {
      t[0] = a, t[1] = b + 1;
      sink(ActionId{1}, t);
    }
    if (!last) {
      t[0] = b, t[1] = a;
      sink(ActionId{2}, t);
      t[0] = 0, t[1] = b;
      sink(ActionId{3}, t);
    }
    if (a < n - 1) {
      t[0] = a + 1, t[1] = b;
      sink(ActionId{4}, t);
    }
    LabelMask bad = 0;
    if (a == 2) bad |= 1u;
    if (last) bad |= 1u << 31;
    if (b == 1) bad |= 1u << 25;
    return bad;
  }
};
static_assert(ExplorableModel<CounterModel>);

struct Reference {
  std::vector<std::pair<StateWord, StateWord>> states;  // by BFS id
  std::vector<StateId> parent;
  std::vector<ActionId> action;
  std::vector<uint32_t> depth;
};

// The textbook sequential BFS: ids in discovery order.
Reference sequential_bfs(const CounterModel& m) {
  Reference r;
  std::map<std::pair<StateWord, StateWord>, StateId> seen;
  r.states.push_back({0, 0});
  r.parent.push_back(kNoState);
  r.action.push_back(0);
  r.depth.push_back(0);
  seen[{0, 0}] = 0;
  for (StateId id = 0; id < r.states.size(); ++id) {
    const StateWord s[2] = {r.states[id].first, r.states[id].second};
    m.expand(s, [&](ActionId a, const StateWord* t) {
      if (seen.emplace(std::make_pair(t[0], t[1]), static_cast<StateId>(r.states.size())).second) {
        r.states.push_back({t[0], t[1]});
        r.parent.push_back(id);
        r.action.push_back(a);
        r.depth.push_back(r.depth[id] + 1);
      }
    });
  }
  return r;
}

SearchOptions options(int threads, bool compaction = false) {
  SearchOptions o;
  o.threads = threads;
  o.store = compaction ? StoreKind::HashCompaction : StoreKind::Table;
  return o;
}

uint64_t expected_transitions(uint64_t n) { return 3 * n * (n - 1) + 2 * (n * n - 1); }

}  // namespace

TEST_CASE("explorer: BFS numbers states exactly as a sequential BFS, at any thread count", "[explorer]") {
  // 300 x 300 states: the table grows from 2^16 slots several times, mid-level.
  const CounterModel m{300};
  const Reference ref = sequential_bfs(m);
  REQUIRE(ref.states.size() == 90000);
  for (int threads : {1, 2, 4}) {
    SECTION("threads " + std::to_string(threads)) {
      BreadthFirstSearch<CounterModel> bfs(m, options(threads));
      const SearchResult r = bfs.run();
      CHECK(r.complete());
      CHECK(r.threads == threads);
      CHECK(r.states == 90000);
      CHECK(r.transitions == expected_transitions(300));
      CHECK(r.depth == 598);
      CHECK(r.terminal_states == 1);
      REQUIRE(bfs.size() == ref.states.size());
      uint64_t mismatches = 0;
      for (StateId id = 0; id < bfs.size(); ++id) {
        const StateWord* s = bfs.state(id);
        mismatches += s[0] != ref.states[id].first || s[1] != ref.states[id].second ||
                      bfs.store().parent(id) != ref.parent[id] || bfs.store().action(id) != ref.action[id] ||
                      bfs.find(s) != id;
      }
      CHECK(mismatches == 0);
      const StateWord absent[2] = {300, 0};
      CHECK(bfs.find(absent) == kNoState);
    }
  }
}

TEST_CASE("explorer: BFS compiled for the model's state size numbers states as the run-time-size one", "[explorer]") {
  // Search picks the instance compiled for the model's size; its hashing
  // and copying differ from the generic one only in being unrolled.
  const CounterModel m{120};
  const Reference ref = sequential_bfs(m);
  for (int threads : {1, 2}) {
    for (bool compaction : {false, true}) {
      INFO("threads " << threads << (compaction ? ", hash compaction" : ""));
      BreadthFirstSearch<CounterModel, 2> fixed(m, options(threads, compaction));
      const SearchResult r = fixed.run();
      CHECK(r.states == ref.states.size());
      CHECK(r.transitions == expected_transitions(120));
      CHECK(r.depth == 238);
      uint64_t mismatches = 0;
      for (StateId id = 0; id < fixed.size(); ++id)
        mismatches += fixed.store().parent(id) != ref.parent[id] || fixed.store().action(id) != ref.action[id];
      CHECK(mismatches == 0);
      BreadthFirstSearch<CounterModel> generic(m, options(threads, compaction));
      const SearchResult g = generic.run();
      CHECK(fixed.path_to(r.findings[31].first_state) == generic.path_to(g.findings[31].first_state));
    }
  }
  // An instance for another size refuses the model rather than misread it.
  CHECK_THROWS_AS((BreadthFirstSearch<CounterModel, 3>(m, options(1))), std::logic_error);
}

TEST_CASE("explorer: BFS reports each property's first violating state in BFS order", "[explorer]") {
  const CounterModel m{50};
  const Reference ref = sequential_bfs(m);
  for (int threads : {1, 2, 4}) {
    for (bool compaction : {false, true}) {
      BreadthFirstSearch<CounterModel> bfs(m, options(threads, compaction));
      const SearchResult r = bfs.run();
      INFO("threads " << threads << (compaction ? ", hash compaction" : ""));
      // a == 2: first found is (2, 0) at depth 2, reached by action 0 twice.
      const LabelFinding& a2 = r.findings[0];
      REQUIRE(a2.found());
      CHECK(a2.depth == 2);
      CHECK(a2.labelled_states == 50);
      CHECK(ref.states[a2.first_state] == std::make_pair<StateWord, StateWord>(2, 0));
      const std::vector<PathStep> path = bfs.path_to(a2.first_state);
      REQUIRE(path.size() == 3);
      CHECK(path[1].action == 0);
      CHECK(path[2].action == 0);
      CHECK(path[2].state == std::vector<StateWord>{2, 0});
      // b == 1 (a goal bit): (0, 1) at depth 1.
      CHECK(r.findings[25].depth == 1);
      CHECK(r.findings[25].labelled_states == 50);
      CHECK(ref.states[r.findings[25].first_state] == std::make_pair<StateWord, StateWord>(0, 1));
      // The corner: one state, at the last level.
      CHECK(r.findings[31].depth == 98);
      CHECK(r.findings[31].labelled_states == 1);
      CHECK(bfs.path_to(r.findings[31].first_state).back().state == std::vector<StateWord>{49, 49});
      CHECK_FALSE(r.findings[1].found());
      CHECK(r.hash_compaction == compaction);
      CHECK(r.shortest_traces());
      if (compaction) {
        CHECK(r.collision_probability > 0);
        CHECK(r.collision_probability < 1e-9);
        CHECK_THROWS_AS(bfs.state(0), std::logic_error);
      }
    }
  }
}

TEST_CASE("explorer: hash compaction counts what exact storage counts", "[explorer]") {
  const CounterModel m{300};
  for (int threads : {1, 2}) {
    BreadthFirstSearch<CounterModel> bfs(m, options(threads, true));
    const SearchResult r = bfs.run();
    CHECK(r.states == 90000);
    CHECK(r.transitions == expected_transitions(300));
    CHECK(r.depth == 598);
    // Parents survive without states: the path to the corner is a shortest one.
    CHECK(bfs.path_to(r.findings[31].first_state).size() == 599);
  }
}

TEST_CASE("explorer: stop at first finishes the level, so counts do not depend on threads", "[explorer]") {
  const CounterModel m{100};
  for (int threads : {1, 2, 4}) {
    SearchOptions o = options(threads);
    o.stop_at_first = true;
    o.stop_labels = 1u;  // a == 2, first seen at depth 2
    BreadthFirstSearch<CounterModel> bfs(m, o);
    const SearchResult r = bfs.run();
    CHECK(r.stop == StopReason::StopAtFirst);
    CHECK_FALSE(r.complete());
    CHECK(r.states == 10);  // levels 0..3: a + b <= 3
    CHECK(r.depth == 3);
    CHECK(r.findings[0].depth == 2);
    CHECK(r.findings[0].labelled_states == 1);  // (2, 0) only; (2, 1) is at level 3
  }
}

TEST_CASE("explorer: every limit stops the search as incomplete", "[explorer]") {
  const CounterModel m{1000};  // a million states
  for (int threads : {1, 2}) {
    SECTION("max states, threads " + std::to_string(threads)) {
      SearchOptions o = options(threads);
      o.max_states = 5000;
      const SearchResult r = BreadthFirstSearch<CounterModel>(m, o).run();
      CHECK(r.stop == StopReason::MaxStates);
      CHECK(r.states >= 5000);
      CHECK(r.states < 20000);
    }
    SECTION("max memory, threads " + std::to_string(threads)) {
      SearchOptions o = options(threads);
      o.max_memory = 4 << 20;
      const SearchResult r = BreadthFirstSearch<CounterModel>(m, o).run();
      CHECK(r.stop == StopReason::MaxMemory);
      CHECK(r.states < 1000000);
    }
    SECTION("time limit, threads " + std::to_string(threads)) {
      SearchOptions o = options(threads);
      o.time_limit = 1e-6;
      const SearchResult r = BreadthFirstSearch<CounterModel>(m, o).run();
      CHECK(r.stop == StopReason::TimeLimit);
      CHECK(r.states < 1000000);
    }
    SECTION("interrupt, threads " + std::to_string(threads)) {
      std::atomic<bool> interrupted{true};
      SearchOptions o = options(threads);
      o.interrupt = &interrupted;
      const SearchResult r = BreadthFirstSearch<CounterModel>(m, o).run();
      CHECK(r.stop == StopReason::Interrupted);
      CHECK(r.states < 1000);
    }
  }
  SECTION("depth-first, max states") {
    SearchOptions o = options(1);
    o.strategy = Strategy::DepthFirst;
    o.max_states = 5000;
    const SearchResult r = DepthFirstSearch<CounterModel>(m, o).run();
    CHECK(r.stop == StopReason::MaxStates);
    CHECK(r.states < 20000);
  }
}

TEST_CASE("explorer: progress reports frontier and memory while the search runs", "[explorer]") {
  const CounterModel m{400};
  std::vector<ProgressSnapshot> seen;
  SearchOptions o = options(2);
  o.progress_interval = 0;
  o.progress = [&](const ProgressSnapshot& p) { seen.push_back(p); };
  const SearchResult r = BreadthFirstSearch<CounterModel>(m, o).run();
  REQUIRE(!seen.empty());
  CHECK(seen.back().states <= r.states);
  CHECK(seen.back().bytes > 0);
  bool frontier = false;
  for (const auto& p : seen) frontier |= p.frontier > 0;
  CHECK(frontier);
  CHECK(r.peak_bytes >= seen.back().bytes);
}

TEST_CASE("explorer: DFS visits the same states, with paths that are not the shortest", "[explorer]") {
  const CounterModel m{60};
  for (bool compaction : {false, true}) {
    SearchOptions o = options(1, compaction);
    o.strategy = Strategy::DepthFirst;
    DepthFirstSearch<CounterModel> dfs(m, o);
    const SearchResult r = dfs.run();
    INFO((compaction ? "hash compaction" : "exact"));
    CHECK(r.complete());
    CHECK_FALSE(r.shortest_traces());
    CHECK(r.states == 3600);
    CHECK(r.transitions == expected_transitions(60));
    CHECK(r.terminal_states == 1);
    CHECK(r.findings[0].labelled_states == 60);
    CHECK(r.findings[31].labelled_states == 1);
    // First action first: (1,0), (2,0) ... so a == 2 is found at depth 2.
    CHECK(r.findings[0].depth == 2);
    // Depth first runs along a first: b == 1 is first met at (59, 1), 60
    // steps deep, where BFS finds (0, 1) one step from the start.
    CHECK(r.findings[25].depth == 60);
    CHECK(r.depth >= 118);
    // Every path step is a transition of the model.
    const std::vector<PathStep> path = dfs.path_to(r.findings[31].first_state);
    CHECK(path.size() == r.findings[31].depth + 1);
    CHECK(path.back().state == std::vector<StateWord>{59, 59});
    uint64_t broken = 0;
    for (std::size_t i = 1; i < path.size(); ++i) {
      bool found = false;
      m.expand(path[i - 1].state.data(), [&](ActionId a, const StateWord* t) {
        found |= a == path[i].action && t[0] == path[i].state[0] && t[1] == path[i].state[1];
      });
      broken += !found;
    }
    CHECK(broken == 0);
  }
}

TEST_CASE("explorer: DFS stops at the first violation at once", "[explorer]") {
  const CounterModel m{1000};
  SearchOptions o = options(1);
  o.strategy = Strategy::DepthFirst;
  o.stop_at_first = true;
  o.stop_labels = 1u << 31;  // the far corner: DFS runs along a = n-1 first
  DepthFirstSearch<CounterModel> dfs(m, o);
  const SearchResult r = dfs.run();
  CHECK(r.stop == StopReason::StopAtFirst);
  CHECK(r.findings[31].found());
  CHECK(r.states < 1000000);
}
