// `lgrcheck check`: exhaustive verification of one configuration.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>
#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "checker/byte_size.hpp"
#include "checker/check_runner.hpp"
#include "cli/check_error.hpp"
#include "cli/commands.hpp"
#include "checker/exit_codes.hpp"
#include "cli/name_list.hpp"
#include "cli/progress_line.hpp"
#include "counterexamples/counterexample_files.hpp"
#include "model/config.hpp"

namespace lgr {
namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_signal(int) { g_interrupted.store(true); }

// Every core present: the search scales, and its results never depend on
// the number of threads.
int default_threads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

// Whether FILE can be written, asked before a search that may take hours.
bool writable_destination(const std::string& file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(file, ec)) return false;
  if (fs::exists(file, ec)) return ::access(file.c_str(), W_OK) == 0;
  const fs::path dir = fs::path(file).parent_path();
  return ::access(dir.empty() ? "." : dir.c_str(), W_OK) == 0;
}

struct CheckArgs {
  std::string config;
  std::vector<std::string> variants;
  std::vector<std::string> properties;
  std::string json;
  int threads = default_threads();
  bool stop_at_first = false;
  bool liveness = false;
  bool coverage = false;
  bool strict = false;
  int64_t max_states = 0;
  std::string max_memory;
  double time_limit = 0;
  bool quiet = false;
  std::string trace_dir = "lgrcheck-traces";
  bool no_traces = false;
  std::string strategy = "bfs";
  bool hash_compaction = false;
};

int run(const CheckArgs& a) {
  const bool json_to_stdout = a.json == "-";
  auto bad_input = [&](const std::string& msg) { return report_check_error(msg, json_to_stdout); };
  CheckSettings settings;
  VariantSet variants;
  try {
    variants = parse_variants(split_name_list(a.variants));
    settings.properties = parse_property_list(split_name_list(a.properties));
  } catch (const std::invalid_argument& e) {
    return bad_input(e.what());
  }
  if (a.threads < 1) return bad_input("--threads must be at least 1");
  if (a.max_states < 0) return bad_input("--max-states must not be negative (got " + std::to_string(a.max_states) + ")");
  if (a.time_limit < 0) return bad_input(fmt::format("--time-limit must not be negative (got {})", a.time_limit));
  if (!a.json.empty() && !json_to_stdout && !writable_destination(a.json))
    return bad_input("cannot write --json file '" + a.json + "'");
  if (!a.max_memory.empty()) {
    auto bytes = parse_byte_size(a.max_memory);
    if (!bytes) return bad_input("--max-memory: '" + a.max_memory + "' is not a size such as 512M or 8G");
    settings.search.max_memory = *bytes;
  }
  if (a.strategy != "bfs" && a.strategy != "dfs")
    return bad_input("--strategy: '" + a.strategy + "' is neither bfs nor dfs");
  settings.search.strategy = a.strategy == "dfs" ? explorer::Strategy::DepthFirst : explorer::Strategy::BreadthFirst;
  settings.search.hash_compaction = a.hash_compaction;
  const explorer::PropertyMask liveness_bits =
      property_bit(PropertyId::Termination) | property_bit(PropertyId::SyncAnswered);
  if (a.hash_compaction && (a.liveness || (settings.properties & liveness_bits)))
    return bad_input("--liveness needs the states themselves to build the graph; it cannot run with --hash-compaction");
  settings.search.threads = a.threads;
  settings.search.stop_at_first = a.stop_at_first;
  settings.liveness = a.liveness;
  settings.search.max_states = static_cast<uint64_t>(a.max_states);
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

  std::ostream& out = json_to_stdout ? std::cerr : std::cout;
  if (!a.quiet) {
    print_summary(report, out, a.coverage);
    if (!written.empty()) fmt::print(out, "counterexamples (re-check one with: lgrcheck replay FILE):\n");
    for (const auto& [property, files] : written) fmt::print(out, "  {:<17} {}  {}\n", property, files[0], files[1]);
  } else if (!json_to_stdout) {
    fmt::print(out, "verdict: {}\n", verdict_name(report.verdict));
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
  return exit_code(report, a.strict);
}

}  // namespace

void add_check_command(CLI::App& app, int& status) {
  auto a = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Explore every reachable state of CONFIG and check the properties of the LGR model.\n"
      "Exit 0 when all hold, 1 when one is violated, 2 on bad input, 3 when incomplete,\n"
      "5 when all hold but --strict is given and a warning says what the check did not cover.\n"
      "The summary states the bounds (and with --liveness the fairness) the verdict holds under.\n"
      "Examples:\n"
      "  lgrcheck check examples/ssi4-seed.json\n"
      "  lgrcheck check examples/ssi2-basic.json --variant early-resume --properties SingleInstance\n"
      "  lgrcheck check big.json --threads 8 --time-limit 600 --json result.json\n"
      "  lgrcheck check examples/ssi3-contention.json --variant retry-refused --liveness\n"
      "  lgrcheck check huge.json --threads 8 --hash-compaction --max-memory 8G\n"
      "  lgrcheck check examples/ssi4-seed.json --variant no-final-check --strategy dfs --stop-at-first");
  cmd->add_option("CONFIG", a->config, "cluster configuration (JSON), see examples/")->required();
  cmd->add_option("--variant", a->variants,
                  "protocol variant with one rule broken (repeatable, or comma-separated): early-resume,\n"
                  "dst-cancel-discards,\n"
                  "no-final-check, no-dirty-resend, ignore-maxquiesce, no-reservation,\n"
                  "no-pdr-arbitration, src-ignores-dst-failure, retry-refused");
  cmd->add_option("--properties", a->properties,
                  "check only these (comma-separated): SingleInstance, OwnerRuns, NoLostGuest,\n"
                  "ImageIntegrity, EligibleAtCommit, QuiesceBound, Capacity, NoOrphanShadow, NoDeadlock,\n"
                  "Termination, SyncAnswered (the last two: liveness, as with --liveness)");
  cmd->add_option("--json", a->json, "write the result as JSON to FILE ('-' for stdout)");
  cmd->add_flag("--liveness", a->liveness,
                "also check Termination and SyncAnswered under weak fairness (after the search;\n"
                "a violation is a lasso: a stem, then a cycle repeated forever; see docs/liveness.md)");
  cmd->add_option("--threads", a->threads,
                  "worker threads of the breadth-first search (default: the cores present; results never\n"
                  "depend on it)");
  cmd->add_option("--strategy", a->strategy,
                  "bfs (default): level by level, shortest counterexamples, parallel;\n"
                  "dfs: depth first on one thread, finds deep bugs early, counterexamples not the shortest")
      ->default_val("bfs");
  cmd->add_flag("--hash-compaction", a->hash_compaction,
                "store 63-bit fingerprints instead of states (about 16 instead of 50 bytes per state);\n"
                "reports the probability that a fingerprint collision hid a state");
  cmd->add_flag("--stop-at-first", a->stop_at_first, "stop at the first violation (counts are then partial)");
  cmd->add_option("--max-states", a->max_states,
                  "stop once this many states are stored (verdict: incomplete); it is checked after each\n"
                  "chunk of at most 256 expanded states, so the count may pass N by their successors on\n"
                  "each thread");
  cmd->add_option("--max-memory", a->max_memory, "stop when the state store reaches SIZE, e.g. 8G");
  cmd->add_option("--time-limit", a->time_limit, "stop after SECONDS (verdict: incomplete)");
  cmd->add_flag("-q,--quiet", a->quiet, "print the verdict line only (with --json -, only the JSON)");
  cmd->add_option("--trace-dir", a->trace_dir,
                  "write each violated property's shortest counterexample to DIR/P.trace and DIR/P.json\n"
                  "(prefixed with the variant names, e.g. DIR/early-resume.SingleInstance.trace)")
      ->default_val("lgrcheck-traces");
  cmd->add_flag("--no-traces", a->no_traces, "do not write counterexample files");
  cmd->add_flag("--coverage", a->coverage,
                "print, per action kind and per action instance, the transitions and the states where it is\n"
                "enabled (the JSON always has them)");
  cmd->add_flag("--strict", a->strict,
                "fail a pass that has warnings (a request or action never enabled, a sanity goal never\n"
                "reached, a variant that changes nothing, a budget never spent; see docs/warnings.md)\n"
                "with exit status 5");
  cmd->callback([a, &status] {
    try {
      status = run(*a);
    } catch (const std::exception& e) {
      // With --json - a script reads stdout: it gets a JSON object even now.
      status = report_check_error(e.what(), a->json == "-", true);
    }
  });
}

}  // namespace lgr
