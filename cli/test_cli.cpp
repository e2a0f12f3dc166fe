// Wires `lgrcheck test` (VMRELOCATE TEST) into the command line.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "checker/relocation_check.hpp"

namespace lgr {

void add_test_command(CLI::App& app, int& status) {
  struct Args {
    std::string config, guest, dest;
    std::vector<std::string> force;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "test",
      "VMRELOCATE TEST: is GUEST eligible to relocate to DEST in the initial state?\n"
      "Lists every failing check by its reason code.\n"
      "Example: lgrcheck test examples/ssi4-seed.json LGRRH56 GDLMCPX4 --force storage");
  cmd->add_option("CONFIG", args->config, "cluster configuration (JSON)")->required();
  cmd->add_option("GUEST", args->guest, "guest (user ID) to relocate")->required();
  cmd->add_option("DEST", args->dest, "destination member")->required();
  cmd->add_option("--force", args->force,
                  "override checks: storage, domain, architecture (comma-separated, repeatable)");
  cmd->callback([args, &status] {
    status = run_test_command(args->config, args->guest, args->dest, args->force, std::cout, std::cerr);
  });
}

}  // namespace lgr
