// What `check --symmetry` found and did (model/symmetry.hpp): the group, the
// orbits explored, and what the report says per orbit rather than per state.
#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "model/lgr_model.hpp"
#include "model/symmetry.hpp"

namespace lgr {

inline constexpr const char* kSymmetryLivenessRefusal =
    "--symmetry cannot be combined with --liveness or the liveness properties (Termination, SyncAnswered): "
    "their weak fairness is per guest instance and the reduction is not proved to preserve it; check them "
    "without --symmetry";

struct SymmetryReport {
  std::string text;  // symmetry_text(): the group in words
  std::vector<std::vector<std::string>> classes;  // guest names of each class
  std::vector<std::vector<std::string>> member_classes;  // member names of each class
  uint64_t group_size = 1;
  bool reduced = false;  // the quotient was explored (a non-trivial group)
  uint64_t orbits = 0;   // states explored: one per orbit when reduced
};

struct CheckReport;

// Sets r.symmetry, and where the group is not trivial turns every
// counterexample into a concrete one (checker/concrete_trace.hpp), folds the
// coverage of interchangeable guests' instances per class and re-derives
// the warnings from the folded coverage.
void add_symmetry_report(const LgrModel& model, const GuestCanonicalizer& canon, CheckReport& r);

nlohmann::json symmetry_json(const SymmetryReport& s);
void print_symmetry(const SymmetryReport& s, std::ostream& out);

}  // namespace lgr
