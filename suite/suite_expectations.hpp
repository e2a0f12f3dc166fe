// Judging a completed check against a case's expectations: the first one
// not met, in words, for the FAIL line of `lgrcheck suite`.
#pragma once

#include <optional>
#include <string>

#include "checker/check_runner.hpp"
#include "suite/suite_manifest.hpp"

namespace lgr {

// Checked in this order: properties (manifest order), trace lengths, the
// verdict, states, transitions. `report` must come from a complete search
// (an incomplete one is an error, not a result to judge). With
// `judge_counts` false, states and transitions are not judged
// (--update-counts is about to rewrite them). Replays are judged apart.
std::optional<std::string> first_unmet_expectation(const CaseExpect& expect, const CheckReport& report,
                                                   bool judge_counts = true);

}  // namespace lgr
