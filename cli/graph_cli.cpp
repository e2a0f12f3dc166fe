// `lgrcheck graph`: the reachable state graph, or the part of it near a
// trace or its first levels, in Graphviz DOT.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "checker/exit_codes.hpp"
#include "counterexamples/replay.hpp"
#include "counterexamples/state_graph.hpp"
#include "model/config.hpp"

namespace lgr {
namespace {

struct GraphArgs {
  std::string config;
  std::vector<std::string> variants;
  std::string dot;
  uint64_t max_nodes = kDefaultGraphNodes;
  std::string around;
  uint32_t radius = 1;
  int64_t max_depth = -1;
};

int run(const GraphArgs& a) {
  if (a.config.empty() && a.around.empty()) return bad_input("graph needs CONFIG, or --around TRACE");
  if (!a.around.empty() && a.max_depth >= 0) return bad_input("--around and --max-depth draw different parts; give one");
  std::optional<LgrModel> model;
  StateGraphRequest request;
  request.max_nodes = a.max_nodes;
  request.radius = a.radius;
  if (a.max_depth >= 0) request.max_depth = static_cast<uint32_t>(a.max_depth);
  std::string what = a.config;
  try {
    if (!a.around.empty()) {
      ReplayInput in = load_replay_input(a.around, a.config, a.variants);
      const ReplayResult r = replay(in.model, in.trace);
      if (r.divergence) std::cerr << "lgrcheck: note: " << r.divergence->reason << "; drawing the steps before it\n";
      request.around.push_back(r.initial);
      for (const auto& s : r.trace) request.around.push_back(s.after);
      model.emplace(std::move(in.model));
      what = "the trace " + a.around;
    } else {
      model.emplace(load_config(a.config), parse_variants(a.variants));
    }
  } catch (const TraceError& e) {
    return bad_input(e.what());
  } catch (const ConfigError& e) {
    return bad_input(e.what());
  } catch (const std::invalid_argument& e) {
    return bad_input(e.what());
  }
  std::ostringstream dot;
  const StateGraphSummary s = write_state_graph_dot(*model, request, dot);
  if (s.too_large) {
    const std::string part = !a.around.empty() ? fmt::format("the states within {} steps of {}", a.radius, what)
                             : a.max_depth >= 0 ? fmt::format("the first {} levels of {}", a.max_depth, what)
                                                : "the state graph of " + what;
    return bad_input(fmt::format(
        "{}: more than {} states (--max-nodes {}), more than Graphviz lays out in reasonable time; narrow it "
        "with --around TRACE [--radius K] (the states near a counterexample) or --max-depth N, or raise --max-nodes",
        part, a.max_nodes, a.max_nodes));
  }
  const bool to_stdout = a.dot == "-";
  if (to_stdout) {
    std::cout << dot.str();
  } else {
    std::ofstream f(a.dot, std::ios::binary);
    if (!f || !(f << dot.str()) || !f.flush()) return bad_input("cannot write --dot file '" + a.dot + "'");
  }
  fmt::print(to_stdout ? std::cerr : std::cout, "graph: {} states, {} transitions, {} violating states (filled red){}\n",
             s.states, s.transitions, s.violating_states, to_stdout ? "" : " written to " + a.dot);
  return exit_status::kPass;
}

}  // namespace

void add_graph_command(CLI::App& app, int& status) {
  auto a = std::make_shared<GraphArgs>();
  CLI::App* cmd = app.add_subcommand(
      "graph",
      "Write the reachable state graph of CONFIG in Graphviz DOT: a node per state (every variable\n"
      "that differs from a quiet cluster, the budgets left, and the properties it violates), an\n"
      "edge per transition labelled with its action, violating states filled red, one rank per\n"
      "BFS level. --around TRACE draws the trace (bold, blue) and the states within --radius steps\n"
      "after it; --max-depth N the first N levels. Refused (exit 2) above --max-nodes states:\n"
      "Graphviz needs minutes for a few hundred.\n"
      "Examples:\n"
      "  lgrcheck graph examples/ssi2-basic.json --max-depth 6 --dot g.dot && dot -Tsvg g.dot -o g.svg\n"
      "  lgrcheck graph --around lgrcheck-traces/early-resume.SingleInstance.trace --radius 1 --dot er.dot");
  cmd->add_option("CONFIG", a->config, "cluster configuration (JSON); with --around, replaces the trace's `config` line");
  cmd->add_option("--variant", a->variants, "protocol variant (repeatable), see lgrcheck check --help");
  cmd->add_option("--dot", a->dot, "DOT file to write ('-' for stdout)")->required();
  cmd->add_option("--around", a->around, "draw only the states of TRACE and those within --radius steps after them");
  cmd->add_option("--radius", a->radius, "with --around: steps past the trace's states")->default_val(1);
  cmd->add_option("--max-depth", a->max_depth, "draw only the states at most N steps from the initial state");
  cmd->add_option("--max-nodes", a->max_nodes, "refuse graphs with more states than this")
      ->default_val(kDefaultGraphNodes);
  cmd->callback([a, &status] { status = run(*a); });
}

}  // namespace lgr
