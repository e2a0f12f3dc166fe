// A suite manifest (`lgrcheck suite`): the cases to check and what each must
// show. Everything that can be judged without running a case (JSON shape,
// property and variant names, contradictions) is validated here, so a bad
// manifest stops before any search starts.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "checker/check_runner.hpp"
#include "properties/property.hpp"

namespace lgr {

// A rejected manifest. what() is one line:
//   "FILE:LINE:COL: why"                            malformed JSON,
//   "FILE: /pointer: why"                           outside any case,
//   "FILE: case 3 \"name\": /cases/3/field: why"    inside case 3 (0-based, as the pointer).
struct ManifestError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CaseLimits {
  uint64_t max_states = 0;  // 0 = none
  double time_limit = 0;    // seconds, 0 = none
  uint64_t max_memory = 0;  // bytes, 0 = none
};

struct CaseExpect {
  Verdict verdict = Verdict::Pass;  // Pass or Fail
  // In manifest order: true = holds, false = violated.
  std::vector<std::pair<PropertyId, bool>> properties;
  std::optional<uint64_t> states;
  std::optional<uint64_t> transitions;
  std::vector<std::pair<PropertyId, uint32_t>> trace_length;  // implies violated
  struct Replay {
    std::string written;  // as in the manifest, for messages
    std::string path;     // resolved against the manifest's folder
  };
  std::vector<Replay> replay;
  // `"warnings": []` or a list of codes: the distinct codes of the check's
  // warnings, sorted (docs/warnings.md); absent: not judged.
  std::optional<std::vector<std::string>> warnings;
};

struct SuiteCase {
  std::size_t index = 0;  // in the manifest's `cases`
  std::string name;
  std::string config;  // resolved against the manifest's folder
  std::vector<std::string> variants;
  explorer::LabelMask properties = 0;  // 0 = every state property
  int threads = 1;                        // search threads of this case
  bool symmetry = false;                  // check --symmetry (docs/symmetry.md)
  CaseLimits limits;
  CaseExpect expect;
};

struct Manifest {
  std::string path;
  std::vector<SuiteCase> cases;
};

// Throws ManifestError.
Manifest load_manifest(const std::string& path);
// `origin` names the file in messages; relative paths resolve against `base_dir`.
Manifest parse_manifest(const std::string& text, const std::string& origin, const std::string& base_dir);

}  // namespace lgr
