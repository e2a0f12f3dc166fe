// lgrcheck graph: the DOT of the reachable state graph reads back with
// Boost.Graph's read_graphviz with every state and transition, violating
// states are filled, and graphs above the node cap are refused.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>
#include <catch2/catch.hpp>

#include <sstream>

#include "counterexamples/state_graph.hpp"
#include "explorer/breadth_first_search.hpp"
#include "properties/checked_model.hpp"
#include "tests/counterexamples/counterexamples_support.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;

namespace {

struct Node {
  std::string id, label, fillcolor, tooltip, peripheries;
};
struct Edge {
  std::string label;
};
using ReadGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, Node, Edge>;

ReadGraph read_dot(const std::string& dot) {
  ReadGraph g;
  boost::dynamic_properties dp(boost::ignore_other_properties);
  dp.property("node_id", boost::get(&Node::id, g));
  dp.property("label", boost::get(&Node::label, g));
  dp.property("fillcolor", boost::get(&Node::fillcolor, g));
  dp.property("tooltip", boost::get(&Node::tooltip, g));
  dp.property("peripheries", boost::get(&Node::peripheries, g));
  dp.property("label", boost::get(&Edge::label, g));
  std::istringstream in(dot);
  REQUIRE(boost::read_graphviz(in, g, dp));
  return g;
}

// States violating any state property, counted by a search of their own.
uint64_t violating_states(const LgrModel& m) {
  CheckedModel cm(m);
  explorer::BreadthFirstSearch<CheckedModel> bfs(cm, {});
  bfs.run();
  uint64_t n = 0;
  for (explorer::StateId id = 0; id < bfs.size(); ++id)
    n += (cm.expand(bfs.state(id), [](explorer::ActionId, const explorer::StateWord*) {}) & state_properties_mask()) != 0;
  return n;
}

}  // namespace

TEST_CASE("counterexamples: the DOT of ssi2-basic reads back with 606 nodes and 3016 edges", "[counterexamples]") {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json");
  std::ostringstream dot;
  const StateGraphSummary s = write_state_graph_dot(m, 5000, dot);
  CHECK_FALSE(s.too_large);
  CHECK(s.states == 606);
  CHECK(s.transitions == 3016);
  CHECK(s.violating_states == 0);
  const ReadGraph g = read_dot(dot.str());
  CHECK(boost::num_vertices(g) == 606);
  CHECK(boost::num_edges(g) == 3016);
  CHECK(g[0].id == "0");
  CHECK(g[0].peripheries == "2");  // the initial state
  CHECK(g[0].label == "#0\\nLGRLIN21 own GDLLCPX2 GDLLCPX2:RUNNING\\nleft: moves 1 cancels 1 mfail 1 lfail 1 elig 1");  // DOT's \n: a centred line break
  int moves = 0;
  for (auto [e, end] = boost::out_edges(0, g); e != end; ++e) moves += g[*e].label == "Move LGRLIN21 GDLLCPX1";
  CHECK(moves == 1);
  for (auto [v, end] = boost::vertices(g); v != end; ++v) CHECK(g[*v].fillcolor.empty());
}

TEST_CASE("counterexamples: the DOT fills exactly the states that violate a property", "[counterexamples]") {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json", {"early-resume"});
  std::ostringstream dot;
  const StateGraphSummary s = write_state_graph_dot(m, 5000, dot);
  CHECK(s.states == 600);
  CHECK(s.transitions == 2975);
  const uint64_t expected = violating_states(m);
  CHECK(expected > 64);  // at least the SingleInstance states of the reference run
  CHECK(s.violating_states == expected);
  const ReadGraph g = read_dot(dot.str());
  uint64_t filled = 0, single_instance = 0;
  for (auto [v, end] = boost::vertices(g); v != end; ++v) {
    if (g[*v].fillcolor.empty()) continue;
    ++filled;
    CHECK(g[*v].tooltip.rfind("violates ", 0) == 0);
    single_instance += g[*v].tooltip.find("SingleInstance") != std::string::npos;
  }
  CHECK(filled == expected);
  CHECK(single_instance == 64);  // the reference run's SingleInstance violating states
}

TEST_CASE("counterexamples: graphs above --max-nodes are refused", "[counterexamples]") {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json");
  std::ostringstream dot;
  CHECK(write_state_graph_dot(m, 605, dot).too_large);
  CHECK(dot.str().empty());
  CHECK_FALSE(write_state_graph_dot(m, 606, dot).too_large);  // exactly at the cap is fine

  lgr::testing::TempDir dir("lgrcheck-graph");
  const std::string config = std::string(LGRCHECK_SOURCE_DIR) + "/examples/ssi3-contention.json";
  auto o = lgr::testing::run_lgrcheck("graph '" + config + "' --dot '" + dir.file("g.dot") + "'");
  CHECK(o.status == 2);
  CHECK(o.err == "lgrcheck: error: the state graph of " + config +
                     ": more than 300 states (--max-nodes 300), more than Graphviz lays out in reasonable time; "
                     "narrow it with --around TRACE [--radius K] (the states near a counterexample) or --max-depth N, "
                     "or raise --max-nodes\n");
  CHECK_FALSE(std::filesystem::exists(dir.file("g.dot")));

  const std::string basic = std::string(LGRCHECK_SOURCE_DIR) + "/examples/ssi2-basic.json";
  o = lgr::testing::run_lgrcheck("graph '" + basic + "' --variant no-pdr-arbitration --max-nodes 5000 --dot '" + dir.file("g.dot") + "'");
  CHECK(o.status == 0);
  CHECK(o.out.rfind("graph: 654 states, 3152 transitions, ", 0) == 0);
  CHECK(boost::num_vertices(read_dot(lgr::testing::read_file(dir.file("g.dot")))) == 654);

  o = lgr::testing::run_lgrcheck("graph '" + basic + "' --variant late-resume --dot -");
  CHECK(o.status == 2);
  CHECK(o.err.rfind("lgrcheck: error: unknown variant 'late-resume'", 0) == 0);
}
