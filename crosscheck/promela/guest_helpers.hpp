// The helper inlines of one guest, as the successor function's Ctx has them
// (model/successors.hpp): channels, reset_progress, src_cancel, normalise.
#pragma once

#include "crosscheck/promela/export_context.hpp"

namespace lgr::promela {

// Written once per layout with the parameter g (arrays) or once per guest
// with its literal index (packed): `t` says which.
void guest_helpers(PromelaText& out, const ExportContext& ctx, const GuestText& t);

}  // namespace lgr::promela
