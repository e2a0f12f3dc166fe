// `lgrcheck check`: exhaustive verification of one configuration.
#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "checker/byte_size.hpp"
#include "checker/check_runner.hpp"
#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "checker/exit_codes.hpp"
#include "cli/progress_line.hpp"
#include "counterexamples/counterexample_files.hpp"
#include "model/config.hpp"

namespace lgr {
namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_signal(int) { g_interrupted.store(true); }

struct CheckArgs {
  std::string config;
  std::vector<std::string> variants;
  std::vector<std::string> properties;
  std::string json;
  int threads = 1;
  bool stop_at_first = false;
  bool liveness = false;
  uint64_t max_states = 0;
  std::string max_memory;
  double time_limit = 0;
  bool quiet = false;
  std::string trace_dir = "lgrcheck-traces";
  bool no_traces = false;
  std::string strategy = "bfs";
  bool hash_compaction = false;
};

int run(const CheckArgs& a) {
  CheckSettings settings;
  VariantSet variants;
  try {
    variants = parse_variants(a.variants);
    settings.properties = parse_property_list(a.properties);
  } catch (const std::invalid_argument& e) {
    return bad_input(e.what());
  }
  if (a.threads < 1) return bad_input("--threads must be at least 1");
  if (!a.max_memory.empty()) {
    auto bytes = parse_byte_size(a.max_memory);
    if (!bytes) return bad_input("--max-memory: '" + a.max_memory + "' is not a size such as 512M or 8G");
    settings.search.max_memory = *bytes;
  }
  const auto strategy = explorer::parse_strategy(a.strategy);
  if (!strategy) {
    const auto& k = explorer::kStrategies;
    return bad_input("--strategy: '" + a.strategy + "' is " +
                     (std::size(k) == 2 ? fmt::format("neither {} nor {}", k[0].name, k[1].name)
                                        : "not one of " + explorer::strategy_names()));
  }
  settings.search.strategy = *strategy;
  settings.search.hash_compaction = a.hash_compaction;
  const explorer::PropertyMask liveness_bits =
      property_bit(PropertyId::Termination) | property_bit(PropertyId::SyncAnswered);
  if (a.hash_compaction && (a.liveness || (settings.properties & liveness_bits)))
    return bad_input("--liveness needs the states themselves to build the graph; it cannot run with --hash-compaction");
  settings.search.threads = a.threads;
  settings.search.stop_at_first = a.stop_at_first;
  settings.liveness = a.liveness;
  settings.search.max_states = a.max_states;
  settings.search.time_limit = a.time_limit;
  settings.search.interrupt = &g_interrupted;
  settings.search.progress = progress_printer(a.quiet);

  std::optional<LgrModel> model;
  try {
    model.emplace(load_config(a.config), variants);
  } catch (const ConfigError& e) {
    return bad_input(e.what());
  }

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  const CheckReport report = run_check(*model, settings);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  finish_progress_line();

  // Every violated property's shortest counterexample, for `lgrcheck replay`.
  std::vector<std::pair<std::string, std::vector<std::string>>> written;  // property, its files
  if (!a.no_traces) {
    try {
      for (const auto& p : report.properties)
        if (!p.holds) {
          const char* name = property_info(p.id).name;
          written.emplace_back(name, write_counterexample(*model, p.trace, name, a.trace_dir, p.loop_start));
        }
    } catch (const std::runtime_error& e) {
      return bad_input(e.what());
    }
  }

  const bool json_to_stdout = a.json == "-";
  if (!a.quiet || !json_to_stdout) {
    std::ostream& out = json_to_stdout ? std::cerr : std::cout;
    print_summary(report, out);
    if (!written.empty()) fmt::print(out, "counterexamples (re-check one with: lgrcheck replay FILE):\n");
    for (const auto& [property, files] : written) fmt::print(out, "  {:<17} {}  {}\n", property, files[0], files[1]);
  }
  if (!a.json.empty()) {
    nlohmann::json j = report_json(report);
    for (const auto& [property, files] : written)
      j["counterexample_files"][property] = {{"trace", files[0]}, {"json", files[1]}};
    const std::string text = j.dump(2) + "\n";
    if (json_to_stdout) {
      std::cout << text;
    } else {
      std::ofstream f(a.json);
      if (!f || !(f << text)) return bad_input("cannot write --json file '" + a.json + "'");
    }
  }
  return exit_code(report.verdict);
}

}  // namespace

void add_check_command(CLI::App& app, int& status) {
  auto a = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Explore every reachable state of CONFIG and check the properties of the LGR model.\n"
      "Exit 0 when all hold, 1 when one is violated, 2 on bad input, 3 when incomplete.\n"
      "Examples:\n"
      "  lgrcheck check examples/ssi4-seed.json\n"
      "  lgrcheck check examples/ssi2-basic.json --variant early-resume --properties SingleInstance\n"
      "  lgrcheck check big.json --threads 8 --time-limit 600 --json result.json\n"
      "  lgrcheck check examples/ssi3-contention.json --variant retry-refused --liveness\n"
      "  lgrcheck check huge.json --threads 8 --hash-compaction --max-memory 8G\n"
      "  lgrcheck check examples/ssi4-seed.json --variant no-final-check --strategy dfs --stop-at-first");
  cmd->add_option("CONFIG", a->config, "cluster configuration (JSON), see examples/")->required();
  cmd->add_option("--variant", a->variants,
                  "protocol variant with one rule broken (repeatable): " + comma_lines(variant_names(), 36));
  cmd->add_option("--properties", a->properties,
                  "check only these (comma-separated): " + comma_lines(property_names_list(), 52) +
                      "\n(Termination and SyncAnswered: liveness, as with --liveness)")
      ->delimiter(',');
  cmd->add_option("--json", a->json, "write the result as JSON to FILE ('-' for stdout)");
  cmd->add_flag("--liveness", a->liveness,
                "also check Termination and SyncAnswered under weak fairness (after the search;\n"
                "a violation is a lasso: a stem, then a cycle repeated forever; see docs/liveness.md)");
  cmd->add_option("--threads", a->threads, "worker threads of the breadth-first search (results never depend on it)")
      ->default_val(1);
  std::string strategies;
  for (const auto& s : explorer::kStrategies)
    strategies += fmt::format("{}{}{}: {}", strategies.empty() ? "" : ";\n", s.name,
                              s.strategy == explorer::Strategy::BreadthFirst ? " (default)" : "", s.meaning);
  cmd->add_option("--strategy", a->strategy, strategies)->default_val(explorer::strategy_name(explorer::Strategy::BreadthFirst));
  cmd->add_flag("--hash-compaction", a->hash_compaction,
                "store 63-bit fingerprints instead of states (about 16 instead of 50 bytes per state);\n"
                "reports the probability that a fingerprint collision hid a state");
  cmd->add_flag("--stop-at-first", a->stop_at_first, "stop at the first violation (counts are then partial)");
  cmd->add_option("--max-states", a->max_states, "stop after this many states (verdict: incomplete)");
  cmd->add_option("--max-memory", a->max_memory, "stop when the state store reaches SIZE, e.g. 8G");
  cmd->add_option("--time-limit", a->time_limit, "stop after SECONDS (verdict: incomplete)");
  cmd->add_flag("-q,--quiet", a->quiet, "no progress line; with --json - no summary either");
  cmd->add_option("--trace-dir", a->trace_dir,
                  "write each violated property's shortest counterexample to DIR/P.trace and DIR/P.json\n"
                  "(prefixed with the variant names, e.g. DIR/early-resume.SingleInstance.trace)")
      ->default_val("lgrcheck-traces");
  cmd->add_flag("--no-traces", a->no_traces, "do not write counterexample files");
  cmd->callback([a, &status] { status = run(*a); });
}

}  // namespace lgr
