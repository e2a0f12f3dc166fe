// Warnings that say what a check did not cover: a pass is only as strong as
// the behaviour it explored. Each has a stable code (docs/warnings.md);
// `--strict` fails a run that has any.
#pragma once

#include <string>
#include <vector>

namespace lgr {

class LgrModel;
struct CheckReport;

namespace warning_code {
inline constexpr const char* kRequestNeverEnabled = "request-never-enabled";
inline constexpr const char* kActionNeverEnabled = "action-never-enabled";
inline constexpr const char* kGoalUnreached = "goal-unreached";
inline constexpr const char* kVariantNoEffect = "variant-no-effect";
inline constexpr const char* kBudgetUnused = "budget-unused";
}  // namespace warning_code

// Every code, in the order warnings are listed.
const std::vector<const char*>& all_warning_codes();

struct CheckWarning {
  std::string code;
  std::string message;
};

// The warnings of a finished check. Coverage says little about a search cut
// short, so an incomplete one has none (its verdict already says so).
std::vector<CheckWarning> check_warnings(const LgrModel& model, const CheckReport& r);

}  // namespace lgr
