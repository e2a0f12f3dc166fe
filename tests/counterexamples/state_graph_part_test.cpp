// `graph` draws what Graphviz can lay out and a person can read: labels that
// tell every state apart and name what it violates, one rank per BFS level,
// the first levels (--max-depth) or the neighbourhood of a trace (--around).
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>

#include "counterexamples/counterexample_files.hpp"
#include "counterexamples/replay.hpp"
#include "counterexamples/state_graph.hpp"
#include "tests/counterexamples/counterexamples_support.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;

namespace {

std::vector<std::string> node_labels(const std::string& dot) {
  std::vector<std::string> out;
  const std::regex node(R"re(\n\d+\[label="#\d+\\n([^"]*)")re");
  for (auto it = std::sregex_iterator(dot.begin(), dot.end(), node); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[1]);
  return out;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// States at most `depth` steps from the initial state, by a search of their own.
std::size_t states_within(const LgrModel& m, int depth) {
  std::vector<Word> w(m.state_words());
  m.initial(w.data());
  std::set<std::vector<Word>> seen{w};
  std::vector<std::vector<Word>> level{w};
  for (int d = 0; d < depth; ++d) {
    std::vector<std::vector<Word>> next;
    for (const auto& s : level)
      m.successors(s.data(), [&](ActionIndex, const Word* n) {
        std::vector<Word> x(n, n + m.state_words());
        if (seen.insert(x).second) next.push_back(x);
      });
    level = std::move(next);
  }
  return seen.size();
}

}  // namespace

TEST_CASE("graph: every node's label differs from every other's", "[counterexamples][graph]") {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json");
  std::ostringstream dot;
  REQUIRE(write_state_graph_dot(m, 5000, dot).states == 606);
  const auto labels = node_labels(dot.str());
  REQUIRE(labels.size() == 606);
  CHECK(std::set<std::string>(labels.begin(), labels.end()).size() == 606);  // budgets and requests included
}

TEST_CASE("graph: a violating state names its properties in its label", "[counterexamples][graph]") {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json", {"early-resume"});
  std::ostringstream dot;
  const StateGraphSummary s = write_state_graph_dot(m, 5000, dot);
  const auto labels = node_labels(dot.str());
  std::size_t violating = 0, single = 0;
  for (const auto& l : labels) {
    violating += l.find("\\nVIOLATES ") != std::string::npos;
    single += l.find("VIOLATES SingleInstance") != std::string::npos;
  }
  CHECK(violating == s.violating_states);
  CHECK(single == 64);  // the reference run's SingleInstance states
}

TEST_CASE("graph: --max-depth draws the first levels, one rank each", "[counterexamples][graph]") {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json");
  StateGraphRequest r;
  r.max_depth = 4;
  std::ostringstream dot;
  const StateGraphSummary s = write_state_graph_dot(m, r, dot);
  CHECK_FALSE(s.too_large);
  CHECK(s.states == states_within(m, 4));
  CHECK(count(dot.str(), " { rank=same; ") == 5);  // levels 0 to 4
  CHECK(dot.str().find("subgraph level0 { rank=same; 0; }") != std::string::npos);
  CHECK(dot.str().find(" up to depth 4") != std::string::npos);
}

TEST_CASE("graph: --around draws a readable neighbourhood of every counterexample of ssi4-seed",
          "[counterexamples][graph]") {
  int drawn = 0;
  for (const auto& info : all_variants()) {
    if (info.variant == Variant::RetryRefused) continue;  // liveness only
    const LgrModel m = lgr::testing::model_of("ssi4-seed.json", {info.name});
    CheckSettings settings;
    settings.search.stop_at_first = true;
    const CheckReport report = run_check(m, settings);
    for (const auto& p : report.properties) {
      if (p.holds) continue;
      INFO(info.name << " " << property_info(p.id).name);
      StateGraphRequest r;
      for (const auto& step : p.trace) r.around.push_back(m.decode(step.state.data()));
      std::ostringstream dot;
      const StateGraphSummary s = write_state_graph_dot(m, r, dot);
      CHECK_FALSE(s.too_large);
      CHECK(s.states <= kDefaultGraphNodes);
      CHECK(s.violating_states >= 1);
      // The trace's states and steps are drawn bold.
      CHECK(count(dot.str(), "];\n") >= p.trace.size());
      CHECK(count(dot.str(), "\", color=\"#1f4e79\", penwidth=3]") >= p.trace.size() - 1);
      CHECK(dot.str().find("within 1 steps of the trace") != std::string::npos);
      ++drawn;
    }
  }
  CHECK(drawn >= 8);
}

TEST_CASE("graph: lgrcheck graph --around and a graph too big for Graphviz", "[counterexamples][graph][cli]") {
  lgr::testing::TempDir dir("lgrcheck-graph-part");
  const std::string config = lgr::testing::example("ssi2-basic.json");
  auto o = lgr::testing::run_lgrcheck("graph '" + config + "' --dot '" + dir.file("g.dot") + "'");
  CHECK(o.status == 2);
  CHECK(o.err == "lgrcheck: error: the state graph of " + config +
                     ": more than 300 states (--max-nodes 300), more than Graphviz lays out in reasonable time; "
                     "narrow it with --around TRACE [--radius K] (the states near a counterexample) or --max-depth N, "
                     "or raise --max-nodes\n");
  const std::string trace = lgr::testing::scenario("early-resume-double-run.trace");
  o = lgr::testing::run_lgrcheck("graph --around '" + trace + "' --dot '" + dir.file("a.dot") + "'");
  CHECK(o.status == 0);
  CHECK(o.out.rfind("graph: ", 0) == 0);
  const std::string dot = lgr::testing::read_file(dir.file("a.dot"));
  CHECK(dot.find("VIOLATES SingleInstance, OwnerRuns") != std::string::npos);
  o = lgr::testing::run_lgrcheck("graph --around '" + trace + "' --radius 9 --dot '" + dir.file("b.dot") + "'");
  CHECK(o.status == 2);
  CHECK(o.err.rfind("lgrcheck: error: the states within 9 steps of the trace " + trace + ": more than 300", 0) == 0);
  o = lgr::testing::run_lgrcheck("graph --dot x.dot");
  CHECK(o.status == 2);
  CHECK(o.err == "lgrcheck: error: graph needs CONFIG, or --around TRACE\n");
}
