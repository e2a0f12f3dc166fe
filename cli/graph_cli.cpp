// `lgrcheck graph CONFIG --dot FILE`: the reachable state graph in Graphviz DOT.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "checker/exit_codes.hpp"
#include "counterexamples/state_graph.hpp"
#include "model/config.hpp"

namespace lgr {
namespace {

struct GraphArgs {
  std::string config;
  std::vector<std::string> variants;
  std::string dot;
  uint64_t max_nodes = 5000;
};

int run(const GraphArgs& a) {
  std::optional<LgrModel> model;
  try {
    model.emplace(load_config(a.config), parse_variants(a.variants));
  } catch (const ConfigError& e) {
    return bad_input(e.what());
  } catch (const std::invalid_argument& e) {
    return bad_input(e.what());
  }
  std::ostringstream dot;
  const StateGraphSummary s = write_state_graph_dot(*model, a.max_nodes, dot);
  if (s.too_large)
    return bad_input(fmt::format("the state graph of {} has more than {} states (--max-nodes {}); raise --max-nodes "
                                 "or draw a smaller configuration",
                                 a.config, a.max_nodes, a.max_nodes));
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
      "Write the reachable state graph of CONFIG in Graphviz DOT: a node per state, an edge per\n"
      "transition labelled with its action, states that violate a property filled red.\n"
      "Refused (exit 2) when there are more than --max-nodes states.\n"
      "Example:\n"
      "  lgrcheck graph examples/ssi2-basic.json --variant early-resume --dot er.dot && dot -Tsvg er.dot -o er.svg");
  cmd->add_option("CONFIG", a->config, "cluster configuration (JSON)")->required();
  cmd->add_option("--variant", a->variants, "protocol variant (repeatable), see lgrcheck check --help");
  cmd->add_option("--dot", a->dot, "DOT file to write ('-' for stdout)")->required();
  cmd->add_option("--max-nodes", a->max_nodes, "refuse graphs with more states than this")->default_val(5000);
  cmd->callback([a, &status] { status = run(*a); });
}

}  // namespace lgr
