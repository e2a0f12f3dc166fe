// A counterexample path as a trace of spec section 6: one label per step,
// read from the state the step is taken in, and for a lasso the `loop N`
// mark (the cycle starts after step N). Formatting and replay live in
// counterexamples/.
#pragma once

#include <optional>
#include <vector>

#include "counterexamples/trace.hpp"
#include "explorer/breadth_first_search.hpp"
#include "model/lgr_model.hpp"

namespace lgr {

// `path` starts with the initial state (its action unused). The trace gets
// the model's variants and, when given, `expect violation <property>`.
Trace trace_of_path(const LgrModel& m, const std::vector<explorer::PathStep>& path,
                    std::optional<std::size_t> loop_start, const std::string& violated_property = "");

}  // namespace lgr
