// lgrcheck: an explicit-state model checker for z/VM Live Guest Relocation.
#include <exception>
#include <iostream>
#include <string>

#include "cli/commands.hpp"
#include "checker/exit_codes.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "lgrcheck " LGRCHECK_VERSION
      ": proves, or refutes with a shortest counterexample, the correctness of\n"
      "z/VM Live Guest Relocation on a cluster you describe in JSON.\n\n"
      "Examples:\n"
      "  lgrcheck check examples/ssi4-seed.json\n"
      "  lgrcheck check examples/ssi2-basic.json --variant early-resume --json -\n"
      "  lgrcheck test examples/ssi4-seed.json LGRLIN21 GDLLCPX1\n"
      "  lgrcheck replay lgrcheck-traces/early-resume.SingleInstance.trace\n"
      "  lgrcheck render examples/scenarios/seed-roundtrip.trace --format html -o seed.html\n\n"
      "Exit codes: 0 pass, 1 property violated, 2 bad input, 3 incomplete\n"
      "(a limit or a signal stopped the search), 4 internal error.",
      "lgrcheck"};
  app.set_version_flag("--version", "lgrcheck " LGRCHECK_VERSION);
  app.require_subcommand(1);
  int status = lgr::exit_status::kPass;
  lgr::add_check_command(app, status);
  lgr::add_test_command(app, status);
  lgr::add_export_command(app, status);
  lgr::add_replay_command(app, status);
  lgr::add_render_command(app, status);
  lgr::add_graph_command(app, status);
  lgr::add_suite_command(app, status);
  // Without this, `lgrcheck --typo` would only say that a subcommand is missing.
  if (argc > 1 && argv[1][0] == '-' && std::string(argv[1]) != "-h" && std::string(argv[1]) != "--help" &&
      std::string(argv[1]) != "--version") {
    std::cerr << "lgrcheck: error: unknown option " << argv[1] << " (see lgrcheck --help)\n";
    return lgr::exit_status::kBadInput;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "lgrcheck: error: " << e.what() << " (see lgrcheck --help)\n";
    return lgr::exit_status::kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "lgrcheck: internal error: " << e.what() << "\n";
    return lgr::exit_status::kInternal;
  }
  return status;
}
