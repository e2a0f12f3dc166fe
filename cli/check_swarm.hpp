// `check --swarm N`: the checker's swarm (checker/swarm_check.hpp) on the
// command line: runs it, writes the counterexample files, prints the
// summary and the JSON. check_cli.cpp parses and refuses what does not fit.
#pragma once

#include <string>

#include "checker/swarm_check.hpp"
#include "model/lgr_model.hpp"

namespace lgr {

struct SwarmOutput {
  std::string json;  // "" none, "-" stdout
  bool quiet = false;
  bool coverage = false;
  std::string trace_dir;
  bool no_traces = false;
  bool no_print_traces = false;
};

// Returns the exit status: 1 violation, 3 no violation found or incomplete, 2 unwritable output.
int run_swarm_command(const LgrModel& model, const SwarmSettings& settings, const SwarmOutput& output);

}  // namespace lgr
