// `lgrcheck export --promela`: the model of a configuration as Promela, so
// that SPIN can cross-check lgrcheck's counts and verdicts.
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "checker/exit_codes.hpp"
#include "model/config.hpp"
#include "crosscheck/promela/promela_export.hpp"

namespace lgr {
namespace {

struct ExportArgs {
  std::string config;
  std::vector<std::string> variants;
  bool promela = false;
  bool packed = false;
  std::string output;
};

int run(const ExportArgs& a) {
  if (!a.promela) return bad_input("export: choose the output language: --promela (the only one so far)");
  std::string text;
  try {
    const LgrModel model(load_config(a.config), parse_variants(a.variants));
    text = promela_model(model, "lgrcheck " LGRCHECK_VERSION, a.packed ? PromelaLayout::Packed : PromelaLayout::Arrays);
  } catch (const ConfigError& e) {
    return bad_input(e.what());
  } catch (const std::invalid_argument& e) {  // unknown variant
    return bad_input(e.what());
  } catch (const PromelaExportError& e) {
    return bad_input(e.what());
  }
  if (a.output.empty() || a.output == "-") {
    std::cout << text;
    return exit_status::kPass;
  }
  std::ofstream f(a.output);
  if (!f || !(f << text) || !f.flush()) return bad_input("cannot write '" + a.output + "'");
  return exit_status::kPass;
}

}  // namespace

void add_export_command(CLI::App& app, int& status) {
  auto a = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write the model of CONFIG (with its variants) in another checker's language, to\n"
      "cross-check lgrcheck. SPIN stores exactly lgrcheck's number of states; the file's\n"
      "header says how to run it and how to switch its property assertions on.\n"
      "Example:\n"
      "  lgrcheck export --promela examples/ssi2-basic.json -o ssi2.pml\n"
      "  spin -o2 -a ssi2.pml && gcc -O2 -DNOREDUCE -DSAFETY -o pan pan.c && ./pan -m100000\n"
      "With --packed, SPIN's state vector is about a third as long (same counts), so pan\n"
      "runs faster and needs less memory: the fair layout to time SPIN against lgrcheck.");
  cmd->add_option("CONFIG", a->config, "cluster configuration (JSON), see examples/")->required();
  cmd->add_flag("--promela", a->promela, "write Promela for SPIN (required: the only language so far)");
  cmd->add_flag("--packed", a->packed,
                "one Promela variable per guest and field, only as wide as its values, and channels as\n"
                "numbers (default: byte arrays, easier to read in a SPIN trail)");
  cmd->add_option("--variant", a->variants, "protocol variant with one rule broken (repeatable), as for check");
  cmd->add_option("-o,--output", a->output, "write to FILE instead of standard output");
  cmd->callback([a, &status] { status = run(*a); });
}

}  // namespace lgr
