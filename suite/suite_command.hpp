// `lgrcheck suite MANIFEST`: runs every case of a manifest and judges it
// against its expectations (see docs/ci.md for the manifest format).
#pragma once

#include <atomic>
#include <ostream>
#include <string>

namespace lgr {

struct SuiteArgs {
  std::string manifest;
  std::string junit;         // JUnit XML file, "" for none
  std::string json;          // per-case results file, "" for none
  int threads = 1;           // cases run at once
  std::string filter;        // ECMAScript regex a case name must contain a match of, "" for all
  bool update_counts = false;
  const std::atomic<bool>* interrupt = nullptr;  // set by a signal handler
};

// Prints one line per case in manifest order on `out`, then the closing
// "N passed, N failed". Returns 0 when every expectation is met, 1 when one
// is not or a case is in error, 2 on a bad manifest or option (one
// "lgrcheck: error: ..." line on `err`).
int run_suite_command(const SuiteArgs& args, std::ostream& out, std::ostream& err);

}  // namespace lgr
