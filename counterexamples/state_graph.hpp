// The reachable state graph, or a readable part of it, in Graphviz DOT
// (through Boost.Graph's write_graphviz): one node per state, labelled with
// every variable that differs from a quiet cluster and the budgets left (so
// no two nodes read alike), and with the properties it violates; one edge
// per transition labelled with its action; nodes ranked by BFS level. The
// part drawn: the whole graph, its first levels (max_depth), or the states
// within `radius` steps of a trace (around). Refused above a node cap:
// Graphviz takes minutes on a few hundred states, and the picture helps nobody.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

#include "model/lgr_model.hpp"

namespace lgr {

inline constexpr uint64_t kDefaultGraphNodes = 300;

struct StateGraphRequest {
  uint64_t max_nodes = kDefaultGraphNodes;
  std::optional<uint32_t> max_depth;  // only states this many steps from the initial state or fewer
  // A trace's states, initial first: draw them (bold, blue) and every state
  // within `radius` steps after one of them.
  std::vector<StateVars> around;
  uint32_t radius = 1;
};

struct StateGraphSummary {
  bool too_large = false;      // more than max_nodes states: nothing written
  uint64_t states = 0;         // when too_large: the states seen before stopping
  uint64_t transitions = 0;
  uint64_t violating_states = 0;
};

StateGraphSummary write_state_graph_dot(const LgrModel& model, const StateGraphRequest& request, std::ostream& out);
// The whole graph, refused above max_nodes.
StateGraphSummary write_state_graph_dot(const LgrModel& model, uint64_t max_nodes, std::ostream& out);

// A state's node label, one line per fact ("LGRLIN21 own GDLLCPX2 rs MEMORY
// req 0 from GDLLCPX2 pass 1"), the budgets last; distinct states get
// distinct labels.
std::string state_node_label(const LgrModel& model, const StateVars& v);

}  // namespace lgr
