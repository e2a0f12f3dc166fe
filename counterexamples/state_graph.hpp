// The reachable state graph in Graphviz DOT (through Boost.Graph's
// write_graphviz): one node per state, labelled with what differs from a
// quiet cluster, one edge per transition labelled with its action, states
// that violate a property filled red. Refused above a node cap: a picture of
// more states helps nobody, and the search stops early instead.
#pragma once

#include <cstdint>
#include <ostream>

#include "model/lgr_model.hpp"

namespace lgr {

struct StateGraphSummary {
  bool too_large = false;      // more than max_nodes states: nothing written
  uint64_t states = 0;         // when too_large: the states seen before stopping
  uint64_t transitions = 0;
  uint64_t violating_states = 0;
};

StateGraphSummary write_state_graph_dot(const LgrModel& model, uint64_t max_nodes, std::ostream& out);

// A state's node label, one line per fact ("LGRLIN21 own GDLLCPX2 rs MEMORY").
std::string state_node_label(const LgrModel& model, const StateVars& v);

}  // namespace lgr
