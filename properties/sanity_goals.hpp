// Sanity goals of spec section 4: situations a useful configuration reaches.
// A check that never reaches them proves little, and says so. They are the
// registry's entries of kind Goal (properties/property.hpp).
#pragma once

#include <cstdint>

#include "model/lgr_model.hpp"
#include "properties/property.hpp"

namespace lgr {

// The bit (property_bit) of every goal reached in v.
explorer::LabelMask goals_reached(const LgrModel& m, const StateVars& v);

}  // namespace lgr
