// lgrcheck: an explicit-state model checker for z/VM Live Guest Relocation.
#include <algorithm>
#include <csignal>
#include <exception>
#include <vector>
#include <iostream>
#include <string>

#include "cli/check_error.hpp"
#include "cli/commands.hpp"
#include "cli/suggestion.hpp"
#include "checker/exit_codes.hpp"

int main(int argc, char** argv) {
  // Over a file size limit (ulimit -f), a write then fails with EFBIG and
  // is reported as such, instead of the process being killed by SIGXFSZ.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{
      "lgrcheck " LGRCHECK_VERSION
      ": proves, or refutes with a shortest counterexample, the correctness of\n"
      "z/VM Live Guest Relocation on a cluster you describe in JSON.\n\n"
      "Examples:\n"
      "  lgrcheck check examples/ssi4-seed.json\n"
      "  lgrcheck check examples/ssi2-basic.json --variant early-resume --json -\n"
      "  lgrcheck test examples/ssi4-seed.json LGRLIN21 GDLLCPX1\n"
      "  lgrcheck simulate examples/ssi4-seed.json --variant no-final-check --runs 1000 --seed 7\n"
      "  lgrcheck check big.json --checkpoint ckpt/ --checkpoint-every 10m; lgrcheck resume ckpt/\n"
      "  lgrcheck replay lgrcheck-traces/early-resume.SingleInstance.trace\n"
      "  lgrcheck render examples/scenarios/seed-roundtrip.trace --format html -o seed.html\n\n"
      "Exit codes: 0 pass, 1 property violated, 2 bad input (or a file that\n"
      "cannot be written: a full disk), 3 incomplete (a limit or a signal\n"
      "stopped the search), 4 internal error,\n"
      "5 pass with warnings under `check --strict`.",
      "lgrcheck"};
  app.set_version_flag("--version", "lgrcheck " LGRCHECK_VERSION);
  app.require_subcommand(1);
  int status = lgr::exit_status::kPass;
  lgr::add_check_command(app, status);
  lgr::add_resume_command(app, status);
  lgr::add_test_command(app, status);
  lgr::add_export_command(app, status);
  lgr::add_replay_command(app, status);
  lgr::add_render_command(app, status);
  lgr::add_graph_command(app, status);
  lgr::add_suite_command(app, status);
  lgr::add_simulate_command(app, status);
  // Without this, `lgrcheck --typo` would only say that a subcommand is missing.
  if (argc > 1 && argv[1][0] == '-' && std::string(argv[1]) != "-h" && std::string(argv[1]) != "--help" &&
      std::string(argv[1]) != "--version") {
    std::cerr << "lgrcheck: error: unknown option " << argv[1] << " (see lgrcheck --help)\n";
    return lgr::exit_status::kBadInput;
  }
  if (argc > 1 && argv[1][0] != '-') {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      commands.push_back(sub->get_name());
    if (std::find(commands.begin(), commands.end(), argv[1]) == commands.end()) {
      const auto near = lgr::nearest_word(argv[1], commands);
      std::cerr << "lgrcheck: error: unknown command '" << argv[1] << "'"
                << (near ? " (did you mean '" + *near + "'?)" : std::string(" (see lgrcheck --help)")) << "\n";
      return lgr::exit_status::kBadInput;
    }
  }
  const bool json_to_stdout = lgr::check_json_to_stdout(argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return lgr::report_check_error(std::string(e.what()) + " (see lgrcheck --help)", json_to_stdout);
  } catch (const std::exception& e) {
    return lgr::report_check_error(e.what(), json_to_stdout, true);
  }
  return status;
}
