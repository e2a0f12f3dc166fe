// Wires `lgrcheck suite` into the command line.
#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "suite/suite_command.hpp"

namespace lgr {
namespace {

// A CI job cancelled mid-run still gets its per-case lines and reports: the
// running searches stop, and their cases are reported as errors.
std::atomic<bool> g_suite_interrupted{false};
extern "C" void on_suite_signal(int) { g_suite_interrupted.store(true); }

}  // namespace

void add_suite_command(CLI::App& app, int& status) {
  auto a = std::make_shared<SuiteArgs>();
  a->threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CLI::App* cmd = app.add_subcommand(
      "suite",
      "Run every case of a MANIFEST (JSON) and judge it against its expected outcome: verdict,\n"
      "per-property holds/violated, shortest trace lengths, exact state and transition counts,\n"
      "and traces that must replay. Prints PASS/FAIL/ERROR per case and \"N passed, N failed\".\n"
      "A case whose config is broken, that throws or that hits a limit is ERROR, never a pass.\n"
      "Exit 0 when every expectation is met, 1 when one is not, 2 on a bad manifest or option.\n"
      "Manifest:\n"
      "  {\"cases\": [{\"name\": \"seed-correct\", \"config\": \"../examples/ssi4-seed.json\",\n"
      "              \"expect\": {\"verdict\": \"pass\", \"states\": 1884500, \"transitions\": 15515577}},\n"
      "             {\"name\": \"early-resume\", \"config\": \"../examples/ssi2-basic.json\",\n"
      "              \"variants\": [\"early-resume\"], \"limits\": {\"time_limit\": 60},\n"
      "              \"expect\": {\"verdict\": \"fail\", \"properties\": {\"SingleInstance\": \"violated\"},\n"
      "                         \"trace_length\": {\"SingleInstance\": 7}}}]}\n"
      "Examples:\n"
      "  lgrcheck suite tests/regression/suite.json --junit report.xml\n"
      "  lgrcheck suite tests/regression/suite.json --filter 'ssi2' --threads 2\n"
      "  lgrcheck suite tests/regression/suite.json --update-counts   # after a deliberate model change");
  cmd->add_option("MANIFEST", a->manifest, "suite manifest (JSON); paths in it are relative to it")
      ->required()
      ->type_name("FILE");
  cmd->add_option("--junit", a->junit, "write a JUnit XML report to FILE (GitLab, Jenkins, GitHub)")->type_name("FILE");
  cmd->add_option("--json", a->json, "write per-case results with measured counts and times to FILE")->type_name("FILE");
  cmd->add_option("--threads", a->threads, "cases run at once (default: the number of cores); results never depend on it")
      ->type_name("N");
  cmd->add_option("--filter", a->filter, "run only the cases whose name matches REGEX (ECMAScript, partial match)")
      ->type_name("REGEX");
  cmd->add_flag("--update-counts", a->update_counts,
                "rewrite the expected states/transitions in MANIFEST with the measured ones and print\n"
                "old -> new per case (only cases that already pin counts; every other byte is kept)");
  cmd->callback([a, &status] {
    a->interrupt = &g_suite_interrupted;
    std::signal(SIGINT, on_suite_signal);
    std::signal(SIGTERM, on_suite_signal);
    status = run_suite_command(*a, std::cout, std::cerr);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
  });
}

}  // namespace lgr
