#include "counterexamples/state_graph.hpp"

#include <fmt/format.h>

// GCC 12 sees boost::optional inside write_graphviz's edge loop as maybe
// uninitialized (a known false positive); keep the build free of noise.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>

#include "counterexamples/step_events.hpp"
#include "explorer/breadth_first_search.hpp"
#include "properties/checked_model.hpp"
#include "properties/property.hpp"

namespace lgr {
namespace {

struct NodeInfo {
  std::string label;
  std::string violated;  // property names, empty when none
  bool initial = false;
};

struct EdgeInfo {
  std::string label;
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, NodeInfo, EdgeInfo>;

// A DOT string literal; "\n" inside `text` becomes a centred line break.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else out += c;
  }
  return out + "\"";
}

std::string violated_names(explorer::PropertyMask bad) {
  std::vector<std::string> names;
  for (const auto& p : all_properties())
    if (static_cast<int>(p.id) < kStatePropertyCount && (bad & property_bit(p.id))) names.emplace_back(p.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace

std::string state_node_label(const LgrModel& model, const StateVars& v) {
  const Config& cfg = model.config();
  const int M = static_cast<int>(cfg.members.size());
  std::vector<std::string> lines;
  for (size_t g = 0; g < cfg.guests.size(); ++g) {
    const GuestVars& gv = v.g[g];
    std::string line = fmt::format("{} own {}", cfg.guests[g].name, cfg.members[gv.own].name);
    for (int m = 0; m < M; ++m)
      if (gv.inst[m] != I_NONE) line += fmt::format(" {}:{}", cfg.members[m].name, inst_name(gv.inst[m]));
    if (gv.rs != RS_NONE) line += fmt::format(" rs {}", rs_name(gv.rs));
    if (gv.episode() && gv.pass > 0) line += fmt::format(" pass {}", gv.pass);
    if (gv.dirty) line += " dirty";
    if (gv.inelig) line += " ineligible";
    if (gv.qtime > 0) line += fmt::format(" quiesced {}", gv.qtime);
    if (gv.elapsed > 0) line += fmt::format(" elapsed {}", gv.elapsed);
    if (gv.c_sd) line += fmt::format(" ->[{}]", fmt::join(channel_messages(gv.c_sd, true), " "));
    if (gv.c_ds) line += fmt::format(" <-[{}]", fmt::join(channel_messages(gv.c_ds, false), " "));
    if (gv.lost) line += " LOST";
    if (gv.bad_image) line += " BAD-IMAGE";
    if (gv.bad_commit) line += " BAD-COMMIT";
    lines.push_back(line);
  }
  for (int m = 0; m < M; ++m)
    if (!v.up[m]) lines.push_back(cfg.members[m].name + " down");
  for (int a = 0; a < M; ++a)
    for (int b = a + 1; b < M; ++b)
      if (!v.link[a][b]) lines.push_back(fmt::format("link {} - {} down", cfg.members[a].name, cfg.members[b].name));
  return fmt::format("{}", fmt::join(lines, "\n"));
}

StateGraphSummary write_state_graph_dot(const LgrModel& model, uint64_t max_nodes, std::ostream& out) {
  CheckedModel checked(model);
  explorer::SearchOptions options;
  options.max_states = max_nodes + 1;  // reaching it proves the graph is too large
  explorer::BreadthFirstSearch<CheckedModel> search(checked, options);
  search.run();
  StateGraphSummary summary;
  summary.states = search.size();
  if (search.size() > max_nodes) {
    summary.too_large = true;
    return summary;
  }

  Graph g(search.size());
  std::vector<Word> s(model.state_words());
  for (explorer::StateId id = 0; id < search.size(); ++id) {
    std::copy_n(search.state(id), s.size(), s.begin());
    const StateVars v = model.decode(s.data());
    const explorer::PropertyMask bad =
        checked.expand(s.data(), [&](explorer::ActionId a, const explorer::StateWord* next) {
          const explorer::StateId to = search.find(next);
          boost::add_edge(id, to, EdgeInfo{model.label(static_cast<ActionIndex>(a), v)}, g);
        }) &
        state_properties_mask();
    g[id] = NodeInfo{fmt::format("#{}\n{}", id, state_node_label(model, v)), violated_names(bad), id == 0};
    if (bad) ++summary.violating_states;
  }
  summary.transitions = boost::num_edges(g);

  const auto node_writer = [&](std::ostream& o, Graph::vertex_descriptor n) {
    const NodeInfo& info = g[n];
    o << "[label=" << quoted(info.label);
    if (!info.violated.empty())
      o << ", style=filled, fillcolor=\"#ff9999\", color=\"#b30000\", tooltip=" << quoted("violates " + info.violated);
    if (info.initial) o << ", peripheries=2";
    o << "]";
  };
  const auto edge_writer = [&](std::ostream& o, Graph::edge_descriptor e) {
    o << "[label=" << quoted(g[e].label) << "]";
  };
  const auto graph_writer = [&](std::ostream& o) {
    o << "label=" << quoted(fmt::format("{}: {} states, {} transitions{}", model.config().name, summary.states,
                                        summary.transitions,
                                        model.variants().empty()
                                            ? ""
                                            : fmt::format(", variant {}", fmt::join(model.variants().names(), ", "))))
      << ";\nlabelloc=t;\nnode [shape=box, fontname=\"DejaVu Sans\", fontsize=9];\n"
         "edge [fontname=\"DejaVu Sans\", fontsize=8];\n";
  };
  boost::write_graphviz(out, g, node_writer, edge_writer, graph_writer);
  return summary;
}

}  // namespace lgr
