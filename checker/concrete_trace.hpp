// Counterexamples under symmetry (TLC's way): the search returns a path of
// orbit representatives, which need not be a path of the model. Rebuilt by
// re-expansion from the model's own initial state: at each step, the first
// successor (in canonical action order) whose canonical form is the next
// representative. Such a successor always exists (the group maps the
// representative's transition onto one of the concrete state), so the path
// has the same length, and it replays without --symmetry.
#pragma once

#include <vector>

#include "explorer/path_rebuild.hpp"
#include "model/lgr_model.hpp"
#include "model/symmetry.hpp"

namespace lgr {

// Throws std::logic_error when a representative has no concrete match (the
// group would not be an automorphism of the model: a detector bug).
std::vector<explorer::PathStep> concrete_path(const LgrModel& model, const GuestCanonicalizer& canon,
                                              const std::vector<explorer::PathStep>& representatives);

}  // namespace lgr
