// The documented exit codes of every lgrcheck command.
#pragma once

namespace lgr::exit_status {
inline constexpr int kPass = 0;        // every checked property holds / expectation met
inline constexpr int kFail = 1;        // a property is violated / expectation not met
inline constexpr int kBadInput = 2;    // bad config, trace, manifest or option
inline constexpr int kIncomplete = 3;  // a limit or a signal stopped the search
inline constexpr int kInternal = 4;    // a bug in lgrcheck
// `check --strict` / a suite run: every property holds but a warning says
// what the check did not cover. Not 1: nothing was violated, and scripts
// that treat 1 as "bug found" must not see one.
inline constexpr int kStrictWarnings = 5;
}  // namespace lgr::exit_status
