// Promela export of one LgrModel (configuration and variants baked in), so
// that SPIN can cross-check lgrcheck: same reachable states (SPIN's "states,
// stored" equals lgrcheck's count, offset 0) and same violated properties,
// each assertion named after the property registry. The agreement test is
// tests/crosscheck/spin_crosscheck_test.cpp; the golden test keeps the text.
#pragma once

#include <stdexcept>
#include <string>

#include "model/lgr_model.hpp"
#include "properties/property.hpp"

namespace lgr {

// A model that Promela cannot express faithfully (a storage figure past
// Promela's 32-bit int). what() is one line.
struct PromelaExportError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// How the state is laid out in Promela. Arrays: one byte (or bit) array per
// variable of spec section 2, channels as byte arrays. Packed: one variable
// per guest and field, only as wide as its values (SPIN packs them as C bit
// fields), channels as base-8 numbers as in lgrcheck's own state; SPIN's
// state vector is then about a third as long, and its counts are the same.
enum class PromelaLayout { Arrays, Packed };

// The whole .pml text. `producer` names the tool in the header comment,
// e.g. "lgrcheck 0.1.0". Deterministic: the same model gives the same text.
// Packed throws PromelaExportError when a channel needs more than 30 bits.
std::string promela_model(const LgrModel& model, const std::string& producer,
                          PromelaLayout layout = PromelaLayout::Arrays);

// The preprocessor switch that turns on the assertion of one state property,
// e.g. "CHECK_SingleInstance" (CHECK_ALL turns on every one). Pan names a
// violated property in its message: "assertion violated SingleInstance".
std::string promela_check_switch(PropertyId id);

}  // namespace lgr
