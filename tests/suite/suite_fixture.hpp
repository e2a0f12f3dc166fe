// Helpers for the `lgrcheck suite` tests: manifests and traces written to a
// private temporary folder, and one call that runs the command.
#pragma once

#include <regex>
#include <sstream>
#include <string>

#include "suite/suite_command.hpp"
#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

namespace lgr::suite_testing {

using lgr::SuiteArgs;

using lgr::testing::example;
using lgr::testing::TempDir;

struct SuiteRun {
  int status;
  std::string out;
  std::string err;
};

inline SuiteRun run_suite(const std::string& manifest, SuiteArgs args = {}) {
  args.manifest = manifest;
  std::ostringstream out, err;
  const int status = run_suite_command(args, out, err);
  return {status, out.str(), err.str()};
}

// PASS lines carry wall times; everything else is deterministic.
inline std::string without_times(const std::string& out) {
  return std::regex_replace(out, std::regex(R"(, \d+\.\d\d s\))"), ")");
}

}  // namespace lgr::suite_testing
