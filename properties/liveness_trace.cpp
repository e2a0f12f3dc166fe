#include "properties/liveness_trace.hpp"

namespace lgr {

Trace trace_of_path(const LgrModel& m, const std::vector<explorer::PathStep>& path,
                    std::optional<std::size_t> loop_start, const std::string& violated_property) {
  Trace t;
  t.variants = m.variants().names();
  StateVars pre;
  for (std::size_t i = 1; i < path.size(); ++i) {
    m.decode(path[i - 1].state.data(), pre);
    t.steps.push_back({m.label(path[i].action, pre), 0});
  }
  if (!violated_property.empty()) t.expect_violation = violated_property;
  t.loop_start = loop_start;
  return t;
}

}  // namespace lgr
