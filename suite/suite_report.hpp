// What `lgrcheck suite` prints and writes: one line per case, the closing
// tally CI runners read, and the --json results.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "suite/suite_runner.hpp"

namespace lgr {

struct SuiteTally {
  std::size_t passed = 0;
  std::size_t failed = 0;  // expectations not met, errors excluded
  std::size_t errors = 0;
};
SuiteTally tally(const std::vector<CaseResult>& results);

// "PASS name (states 606, 0.12 s)", "FAIL name: why" or "ERROR name: why".
std::string case_line(const CaseResult& r);

// The error cases by name (when there are any), then exactly
// "N passed, N failed", errors counted as failed.
void print_closing_lines(const std::vector<CaseResult>& results, std::ostream& out);

// Per case: status, message, measured counts, times, property outcomes, replays.
nlohmann::ordered_json suite_results_json(const std::string& manifest, const std::vector<CaseResult>& results);

}  // namespace lgr
