// The Promela expression of each state property of spec section 4, as
// properties/invariants.cpp checks it: every guest (and member) of the
// configuration is spelt out, so pan evaluates no loop.
#pragma once

#include <string>

#include "crosscheck/promela/export_context.hpp"
#include "properties/property.hpp"

namespace lgr::promela {

// "1" for a property that is not a state property (liveness, goals).
std::string invariant_expression(const ExportContext& c, PropertyId id);

}  // namespace lgr::promela
