// `lgrcheck simulate`: random walks for clusters too big to exhaust.
#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "checker/byte_size.hpp"
#include "checker/exit_codes.hpp"
#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "counterexamples/replay.hpp"
#include "model/config.hpp"
#include "simulation/action_weights.hpp"
#include "simulation/simulation_report.hpp"
#include "simulation/simulation_runner.hpp"

namespace lgr {
namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_simulate_signal(int) { g_interrupted.store(true); }

struct SimulateArgs {
  std::string config;
  std::vector<std::string> variants;
  uint64_t runs = 1000;
  uint64_t first_run = 0;
  uint32_t depth = 100;
  uint64_t seed = 1;
  int threads = 1;
  double time_limit = 0;
  std::vector<std::string> weights;
  std::string from;
  std::string json;
  std::string max_memory;
  std::string trace_dir = "lgrcheck-traces";
  bool no_traces = false;
  bool no_shorten = false;
  bool quiet = false;
};

std::vector<std::string> kind_names() {
  std::vector<std::string> out;
  for (int k = 0; k < kActionKindCount; ++k) out.emplace_back(action_kind_name(static_cast<ActionKind>(k)));
  return out;
}

// The --from trace replayed on the model: its path, the initial state first.
std::vector<explorer::PathStep> prefix_path(const LgrModel& model, const std::string& file) {
  Trace t = load_trace(file);
  t.expect_violation.reset();  // a prefix is judged by the walks, not by its expect line
  t.expect_ok = false;
  t.loop_start.reset();
  const ReplayResult r = replay(model, t);
  if (r.divergence)
    throw TraceError(fmt::format("{}:{}: {} (--from: the prefix does not replay on this configuration)", file,
                                 r.divergence->line, r.divergence->reason));
  std::vector<explorer::PathStep> path{{0, std::vector<explorer::StateWord>(model.state_words())}};
  model.encode(r.initial, path.back().state.data());
  for (const ReplayStep& step : r.trace) {
    path.push_back({step.action, std::vector<explorer::StateWord>(model.state_words())});
    model.encode(step.after, path.back().state.data());
  }
  return path;
}

int run(const SimulateArgs& a) {
  VariantSet variants;
  try {
    variants = parse_variants(a.variants);
  } catch (const std::invalid_argument& e) {
    return bad_input(e.what());
  }
  if (a.threads < 1) return bad_input("--threads must be at least 1");
  if (a.runs < 1) return bad_input("--runs must be at least 1");
  if (a.time_limit < 0) return bad_input("--time-limit must not be negative");
  SimulationSettings s;
  if (!a.max_memory.empty()) {
    auto bytes = parse_byte_size(a.max_memory);
    if (!bytes) return bad_input("--max-memory: '" + a.max_memory + "' is not a size such as 512M or 8G");
    s.max_seen_bytes = *bytes;
  }
  std::optional<LgrModel> model;
  try {
    model.emplace(load_config(a.config), variants);
  } catch (const ConfigError& e) {
    return bad_input(e.what());
  }
  try {
    s.weights = parse_action_weights(*model, a.weights);
    if (!a.from.empty()) s.prefix = prefix_path(*model, a.from);
  } catch (const std::invalid_argument& e) {
    return bad_input(e.what());
  } catch (const TraceError& e) {
    return bad_input(e.what());
  }
  s.runs = a.runs;
  s.first_run = a.first_run;
  s.depth = a.depth;
  s.seed = a.seed;
  s.threads = a.threads;
  s.time_limit = a.time_limit;
  s.interrupt = &g_interrupted;
  s.shorten = !a.no_shorten;

  std::signal(SIGINT, on_simulate_signal);
  std::signal(SIGTERM, on_simulate_signal);
  const SimulationReport report = run_simulation(*model, s);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);

  std::optional<SimulationFiles> files;
  if (report.violation && !a.no_traces) {
    try {
      files = write_simulation_traces(*model, *report.violation, a.trace_dir);
    } catch (const std::runtime_error& e) {
      return bad_input(e.what());
    }
  }
  const bool json_to_stdout = a.json == "-";
  if (!a.quiet || !json_to_stdout) {
    std::ostream& out = json_to_stdout ? std::cerr : std::cout;
    print_simulation(*model, s, report, a.from, out);
    if (files) {
      fmt::print(out, "counterexample (re-check it with: lgrcheck replay FILE):\n");
      fmt::print(out, "  shortened  {}  {}\n", files->shortened[0], files->shortened[1]);
      fmt::print(out, "  as walked  {}  {}\n", files->walk[0], files->walk[1]);
    }
  }
  if (!a.json.empty()) {
    nlohmann::json j = simulation_json(*model, s, report, a.from);
    if (files)
      j["counterexample_files"] = {{"trace", files->shortened[0]}, {"json", files->shortened[1]},
                                   {"walk_trace", files->walk[0]}, {"walk_json", files->walk[1]}};
    const std::string text = j.dump(2) + "\n";
    if (json_to_stdout) {
      std::cout << text;
    } else {
      std::ofstream f(a.json);
      if (!f || !(f << text)) return bad_input("cannot write --json file '" + a.json + "'");
    }
  }
  return exit_code(report.outcome);
}

}  // namespace

void add_simulate_command(CLI::App& app, int& status) {
  auto a = std::make_shared<SimulateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "simulate",
      "Random walks over CONFIG for clusters too big to check exhaustively (TLC's -simulate).\n"
      "Each run starts at the initial state (or at the end of --from TRACE) and takes, at each\n"
      "step, an enabled action instance chosen at random (uniformly, or by --weight), for at most\n"
      "--depth steps. Every visited state and all successors of each are checked against every\n"
      "invariant, and NoDeadlock at dead ends with an episode under way. Run i of --seed S is the\n"
      "same walk whatever --threads is, and the output is too (apart from the time).\n"
      "The first violating run stops the simulation; its walk is written as a trace, then\n"
      "shortened (the shortest path within the states the runs saw, then steps dropped while the\n"
      "trace still replays to the violation). A simulation never says pass: its verdict is\n"
      "'no violation found', with how much it saw (distinct states, steps, actions never taken).\n"
      "Exit 0 no violation found, 1 violation, 2 bad input, 3 cut short (--time-limit, SIGINT).\n"
      "Examples:\n"
      "  lgrcheck simulate examples/ssi4-seed.json --variant no-final-check --runs 1000 --depth 50\n"
      "  lgrcheck simulate big.json --runs 100000 --depth 200 --seed 7 --threads 8 --time-limit 600\n"
      "  lgrcheck simulate big.json --weight Tick=0.1,MemberFails=0.5,LinkFails=0.5\n"
      "  lgrcheck simulate big.json --from prefix.trace --runs 1000 --depth 30\n"
      "  lgrcheck simulate big.json --seed 7 --first-run 4711 --runs 1  (rerun run 4711 alone)");
  cmd->add_option("CONFIG", a->config, "cluster configuration (JSON), see examples/")->required();
  cmd->add_option("--variant", a->variants,
                  "protocol variant with one rule broken (repeatable): " + comma_lines(variant_names(), 38));
  cmd->add_option("--runs", a->runs, "number of random walks")->default_val(1000);
  cmd->add_option("--depth", a->depth, "steps per walk at most")->default_val(100);
  cmd->add_option("--seed", a->seed, "seed of the simulation; run i uses a generator seeded from (seed, i)")
      ->default_val(1);
  cmd->add_option("--first-run", a->first_run, "index of the first run (to rerun one run: --first-run I --runs 1)")
      ->default_val(0);
  cmd->add_option("--threads", a->threads, "worker threads (results never depend on it)")->default_val(1);
  cmd->add_option("--time-limit", a->time_limit, "stop after SECONDS (verdict: incomplete, exit 3)");
  cmd->add_option("--weight", a->weights,
                  "relative weight of an action kind, KIND=W (comma-separated; others weigh 1; 0 never\n"
                  "chooses it): " + comma_lines(kind_names(), 76))
      ->delimiter(',');
  cmd->add_option("--from", a->from, "start every walk at the end of this trace (replayed on CONFIG)");
  cmd->add_option("--max-memory", a->max_memory,
                  "size of the table of distinct states seen (default 512M); past it the count is estimated");
  cmd->add_option("--json", a->json, "write the result as JSON to FILE ('-' for stdout)");
  cmd->add_option("--trace-dir", a->trace_dir,
                  "write a violation to DIR/P.trace (shortened) and DIR/P.walk.trace (as walked), with .json\n"
                  "files beside them, prefixed with the variant names as check does")
      ->default_val("lgrcheck-traces");
  cmd->add_flag("--no-traces", a->no_traces, "do not write counterexample files");
  cmd->add_flag("--no-shorten", a->no_shorten, "keep the violating walk as it was found");
  cmd->add_flag("-q,--quiet", a->quiet, "with --json -: no summary");
  cmd->callback([a, &status] { status = run(*a); });
}

}  // namespace lgr
