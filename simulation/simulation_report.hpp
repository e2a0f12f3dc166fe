// What `lgrcheck simulate` prints and writes: the summary with its figures,
// the JSON form, and the counterexample files of a violation.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "model/lgr_model.hpp"
#include "simulation/simulation_runner.hpp"

namespace lgr {

struct SimulationFiles {
  std::vector<std::string> shortened;  // .trace, .json: DIR/<variants>.<P>.trace, as `check` names them
  std::vector<std::string> walk;       // .trace, .json: DIR/<variants>.<P>.walk.trace, the walk as found
};

// Writes the shortened counterexample and the walk as found into `dir`.
// Throws std::runtime_error("cannot write FILE").
SimulationFiles write_simulation_traces(const LgrModel& model, const SimulationViolation& v, const std::string& dir);

// `from` is the --from trace ("" when the walks start at the initial state).
void print_simulation(const LgrModel& model, const SimulationSettings& s, const SimulationReport& r,
                      const std::string& from, std::ostream& out);
nlohmann::json simulation_json(const LgrModel& model, const SimulationSettings& s, const SimulationReport& r,
                               const std::string& from);

}  // namespace lgr
