// Running the cases of a suite manifest, several at once, with results and
// their order independent of how many run at once.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "checker/check_runner.hpp"
#include "suite/suite_manifest.hpp"

namespace lgr {

// Error: the case could not be judged (broken config, limit reached, an
// exception); it is never a pass and never an expected violation.
enum class CaseStatus { Pass, Fail, Error };
const char* case_status_name(CaseStatus s);  // "pass", "fail", "error"

struct ReplayOutcome {
  std::string trace;    // as written in the manifest
  bool ok = false;
  std::string message;  // why not, when !ok
};

struct CaseResult {
  const SuiteCase* spec = nullptr;
  CaseStatus status = CaseStatus::Error;
  std::string message;                // Fail: the first unmet expectation; Error: the error
  std::optional<CheckReport> report;  // when the search ran
  std::vector<ReplayOutcome> replays;
  double seconds = 0;  // wall time of the whole case
};

struct SuiteRunOptions {
  int jobs = 1;               // cases run at once
  bool judge_counts = true;   // false under --update-counts
  const std::atomic<bool>* interrupt = nullptr;
};

CaseResult run_case(const SuiteCase& c, const SuiteRunOptions& options);

// Runs every case; calls `on_result` in manifest order, one call at a time,
// as soon as a case and all before it have finished. Returns the results in
// manifest order.
std::vector<CaseResult> run_suite(const std::vector<SuiteCase>& cases, const SuiteRunOptions& options,
                                  const std::function<void(const CaseResult&)>& on_result);

}  // namespace lgr
