// The liveness part of `check`: after the search, judge Termination and
// SyncAnswered when asked (--liveness, or named in --properties) and add
// their outcomes, lassos included, to the report.
#pragma once

#include "checker/check_runner.hpp"
#include "properties/liveness.hpp"

namespace lgr {

// The liveness properties that `settings` asks for.
inline explorer::LabelMask requested_liveness(const CheckSettings& settings) {
  return (settings.liveness ? liveness_properties_mask() : 0) | (settings.properties & liveness_properties_mask());
}

// Appends one outcome per requested liveness property to r.properties.
// Returns false when they could not be judged: the search is incomplete (an
// unexpanded state would look stuck) or the pass was interrupted.
template <class Search>
bool add_liveness_outcomes(const LgrModel& model, const Search& search, const CheckSettings& settings,
                           CheckReport& r) {
  const explorer::LabelMask asked = requested_liveness(settings);
  if (!asked) return true;
  LivenessResult lr;
  if (r.search.complete()) {
    lr = check_liveness(model, search, asked,
                        {settings.search.threads, settings.search.interrupt, r.search.transitions});
    r.liveness = LivenessStats{lr.seconds, lr.graph_seconds, lr.edges, lr.graph_bytes};
  }
  const bool judged = r.search.complete() && lr.complete;
  for (const auto& info : all_properties()) {
    if (!(asked & property_bit(info.id))) continue;
    PropertyOutcome o;
    o.id = info.id;
    o.checked = judged;
    for (auto& l : lr.outcomes) {
      if (l.id != info.id || l.holds) continue;
      o.holds = false;
      o.trace_length = static_cast<uint32_t>(l.lasso.size() - 1);
      o.violating_states = l.fair_states;
      o.loop_start = static_cast<uint32_t>(l.loop_start);
      o.guest = model.config().guests[l.guest].name;
      o.trace = std::move(l.lasso);
    }
    r.properties.push_back(std::move(o));
  }
  return judged;
}

}  // namespace lgr
