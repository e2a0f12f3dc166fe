// --update-counts: after a deliberate model change, the measured states and
// transitions replace the expected ones in the manifest text. Only those
// numbers change; every other byte of the file stays as it was.
#pragma once

#include <string>
#include <vector>

#include "suite/suite_runner.hpp"

namespace lgr {

struct CountRewrite {
  std::string text;                // the manifest with the new counts
  std::vector<std::string> lines;  // per case: "name: states 606 -> 610, transitions 3016 (unchanged)"
  bool changed = false;
};

// Rewrites expect.states and expect.transitions where the case has them (it
// adds none: write "states": 0 to start pinning a case) and its search
// completed; a case in error keeps its numbers and says why.
CountRewrite rewrite_counts(const std::string& manifest_text, const std::vector<CaseResult>& results);

}  // namespace lgr
