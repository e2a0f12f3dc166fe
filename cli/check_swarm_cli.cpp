#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <iostream>

#include "checker/swarm_report.hpp"
#include "cli/check_error.hpp"
#include "cli/check_swarm.hpp"
#include "counterexamples/counterexample_files.hpp"
#include "counterexamples/inline_counterexample.hpp"

namespace lgr {

int run_swarm_command(const LgrModel& model, const SwarmSettings& settings, const SwarmOutput& o) {
  const bool json_to_stdout = o.json == "-";
  const SwarmReport report = run_swarm(model, settings);
  // The shortened trace is P.trace, as `check` names it; the depth-first
  // path as found is P.dfs.trace. Both replay with `lgrcheck replay`.
  std::vector<std::string> shortened_files, dfs_files;
  if (report.violation && !o.no_traces) {
    const SwarmViolation& v = *report.violation;
    const char* name = property_info(v.property).name;
    try {
      shortened_files = write_counterexample(model, v.shortened, name, o.trace_dir, std::nullopt, false);
      dfs_files = write_counterexample(model, v.trace, name, o.trace_dir, std::nullopt, false, ".dfs");
    } catch (const std::runtime_error& e) {
      return report_check_error(e.what(), json_to_stdout);
    }
  }
  std::ostream& out = json_to_stdout ? std::cerr : std::cout;
  if (!o.quiet) {
    print_swarm(model, settings, report, o.coverage, out);
    if (!shortened_files.empty()) {
      fmt::print(out, "counterexamples (re-check one with: lgrcheck replay FILE):\n");
      fmt::print(out, "  shortened    {}  {}\n", shortened_files[0], shortened_files[1]);
      fmt::print(out, "  depth-first  {}  {}\n", dfs_files[0], dfs_files[1]);
    }
    if (report.violation && !o.no_print_traces)
      fmt::print(out, "\n{}", format_inline_counterexample(
                                  model, {report.violation->property, &report.violation->shortened, std::nullopt, false,
                                          shortened_files.empty() ? "" : shortened_files[0]}));
  } else if (!json_to_stdout) {
    fmt::print(out, "verdict: {}\n", swarm_outcome_name(report.outcome));
  }
  if (!o.json.empty()) {
    nlohmann::json j = swarm_json(model, settings, report);
    if (!shortened_files.empty())
      j["counterexample_files"] = {{"trace", shortened_files[0]}, {"json", shortened_files[1]},
                                   {"dfs_trace", dfs_files[0]}, {"dfs_json", dfs_files[1]}};
    const std::string text = j.dump(2) + "\n";
    if (json_to_stdout) {
      std::cout << text;
    } else {
      std::ofstream f(o.json);
      if (!f || !(f << text)) return report_check_error("cannot write --json file '" + o.json + "'", false);
    }
  }
  return exit_code(report.outcome);
}

}  // namespace lgr
