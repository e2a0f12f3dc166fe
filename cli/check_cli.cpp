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
#include "checker/checkpoint.hpp"
#include "checker/duration_text.hpp"
#include "cli/check_args.hpp"
#include "cli/check_error.hpp"
#include "cli/check_swarm.hpp"
#include "cli/commands.hpp"
#include "cli/help_text.hpp"
#include "checker/exit_codes.hpp"
#include "cli/name_list.hpp"
#include "cli/progress_line.hpp"
#include "counterexamples/counterexample_files.hpp"
#include "counterexamples/inline_counterexample.hpp"
#include "counterexamples/witness.hpp"
#include "distributed/mpi_network.hpp"
#include "explorer/parent_spill.hpp"
#include "model/config.hpp"

namespace lgr {
namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_signal(int) { g_interrupted.store(true); }


// Whether FILE can be written, asked before a search that may take hours.
bool writable_destination(const std::string& file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(file, ec)) return false;
  if (fs::exists(file, ec)) return ::access(file.c_str(), W_OK) == 0;
  const fs::path dir = fs::path(file).parent_path();
  return ::access(dir.empty() ? "." : dir.c_str(), W_OK) == 0;
}



using WrittenFiles = std::vector<std::pair<std::string, std::vector<std::string>>>;  // property, its files

// Each violated property's counterexample under the summary: its steps and
// its witness, so the output alone says what went wrong and where the guest is.
void print_counterexamples(const LgrModel& model, const CheckReport& report, const WrittenFiles& written,
                           std::ostream& out) {
  for (const auto& p : report.properties) {
    if (p.holds || p.trace.empty()) continue;
    std::string file;
    for (const auto& [property, files] : written)
      if (property == property_info(p.id).name) file = files[0];
    fmt::print(out, "\n{}", format_inline_counterexample(
                                model, {p.id, &p.trace, p.loop_start, report.search.shortest_traces(), file}));
  }
}

// The JSON report gets each counterexample's steps and witness.
void add_counterexamples_json(const LgrModel& model, const CheckReport& report, nlohmann::json& j) {
  for (const auto& p : report.properties) {
    if (p.holds || p.trace.empty()) continue;
    nlohmann::json& e = j["properties"][property_info(p.id).name];
    std::vector<std::string> labels;
    for (std::size_t i = 1; i < p.trace.size(); ++i)
      labels.push_back(model.label(p.trace[i].action, model.decode(p.trace[i - 1].state.data())));
    e["counterexample"] = labels;
    e["witness"] = property_witness(model, p.id, witness_path(model, p.trace, p.loop_start));
  }
}

// --store, with --hash-compaction and --bitstate SIZE as its shorthands;
// the error text, or "" when the options agree.
std::string choose_store(const CheckArgs& a, explorer::SearchOptions& o) {
  std::optional<explorer::StoreKind> kind;
  if (!a.store.empty()) {
    kind = explorer::parse_store(a.store);
    if (!kind) return "--store: '" + a.store + "' is none of table, tree, hash-compaction, bitstate";
  }
  auto also = [&](explorer::StoreKind k, const char* option) -> std::string {
    if (kind && *kind != k) return std::string(option) + " contradicts --store " + a.store;
    kind = k;
    return "";
  };
  if (a.hash_compaction)
    if (std::string e = also(explorer::StoreKind::HashCompaction, "--hash-compaction"); !e.empty()) return e;
  if (!a.bitstate.empty()) {
    if (std::string e = also(explorer::StoreKind::Bitstate, "--bitstate"); !e.empty()) return e;
    const auto bytes = parse_byte_size(a.bitstate);
    if (!bytes || *bytes < 8) return "--bitstate: '" + a.bitstate + "' is not a size of at least 8 bytes, such as 512M";
    o.bitstate_bits = *bytes * 8;
  }
  if (a.bitstate_hashes < 1 || a.bitstate_hashes > 16) return "--bitstate-hashes must be 1 to 16";
  o.bitstate_hashes = a.bitstate_hashes;
  o.store = kind.value_or(explorer::StoreKind::Table);
  if (a.fingerprint_bits != 64 && a.fingerprint_bits != 96)
    return "--fingerprint-bits must be 64 or 96 (got " + std::to_string(a.fingerprint_bits) + ")";
  if (a.fingerprint_bits != 64 && o.store != explorer::StoreKind::HashCompaction)
    return "--fingerprint-bits sets the width of hash compaction's fingerprints; it needs --store hash-compaction "
           "(or --hash-compaction)";
  o.fingerprint_bits = a.fingerprint_bits;
  return "";
}

// --swarm and the options of one diversified search; the error text, or "".
std::string swarm_conflict(const CheckArgs& a, const explorer::SearchOptions& o, bool liveness) {
  if (!a.swarm_given) {
    if (a.seed_given) return "--seed seeds the jobs of --swarm; give --swarm N too";
    if (a.order_seed && o.strategy != explorer::Strategy::DepthFirst)
      return "--order-seed orders the depth-first search's successors; it needs --strategy dfs";
    if (a.hash_salt && o.store != explorer::StoreKind::Bitstate)
      return "--hash-salt changes the bitstate hash functions; it needs --store bitstate (or --bitstate SIZE)";
    return "";
  }
  if (a.swarm < 1) return "--swarm must be at least 1 (got " + std::to_string(a.swarm) + ")";
  if (a.strategy_given && o.strategy != explorer::Strategy::DepthFirst)
    return "--swarm runs depth-first jobs; it cannot run with --strategy " + a.strategy;
  if (liveness) return "--swarm checks the state properties only; it cannot run with --liveness";
  if (!a.store.empty() || a.hash_compaction || !a.bitstate.empty())
    return "--swarm gives each job a bit array of --max-memory / N; it cannot run with --store, --bitstate or "
           "--hash-compaction";
  if (a.hash_salt || a.order_seed)
    return "--swarm gives each job its own --hash-salt and --order-seed (from --seed); they cannot be given with it";
  if (a.symmetry) return "--swarm runs its jobs on the unreduced model; it cannot run with --symmetry";
  if (!a.checkpoint.empty()) return "--swarm keeps no checkpoints (its jobs are short); it cannot run with --checkpoint";
  return "";
}

int run_as_rank(const CheckArgs& a, explorer::RankNetwork* network);

int run(const CheckArgs& a) {
  if (!a.distributed) return run_as_rank(a, nullptr);
  if (a.swarm_given)
    return report_check_error("--swarm runs independent jobs; it cannot run with --distributed", a.json == "-");
  if (!a.resume.empty())
    return report_check_error("--distributed keeps no checkpoints yet; a checkpoint cannot be resumed with it",
                              a.json == "-");
  // MPI is initialised here and only here: a check without --distributed never touches it.
  MpiNetwork network(nullptr, nullptr);
  try {
    if (network.rank() == 0) return run_as_rank(a, &network);
    // The other ranks search and say nothing: rank 0 prints and writes the files.
    CheckArgs quiet = a;
    quiet.quiet = true;
    quiet.json.clear();
    quiet.no_traces = true;
    return run_as_rank(quiet, &network);
  } catch (const std::exception& e) {
    // One rank cannot go on: end them all rather than leave them waiting.
    report_check_error(fmt::format("rank {}: {}", network.rank(), e.what()), false, true);
    network.abort(exit_status::kInternal);
  }
}

int run_as_rank(const CheckArgs& a, explorer::RankNetwork* network) {
  const bool speaks = !network || network->rank() == 0;
  const bool json_to_stdout = a.json == "-";
  auto bad_input = [&](const std::string& msg) {
    return speaks ? report_check_error(msg, json_to_stdout) : exit_status::kBadInput;
  };
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
  const auto strategy = explorer::parse_strategy(a.strategy);
  if (!strategy) {
    const auto& k = explorer::kStrategies;
    return bad_input("--strategy: '" + a.strategy + "' is " +
                     (std::size(k) == 2 ? fmt::format("neither {} nor {}", k[0].name, k[1].name)
                                        : "not one of " + explorer::strategy_names()));
  }
  settings.search.strategy = *strategy;
  if (const std::string e = choose_store(a, settings.search); !e.empty()) return bad_input(e);
  const explorer::LabelMask liveness_bits =
      property_bit(PropertyId::Termination) | property_bit(PropertyId::SyncAnswered);
  if (const std::string e = swarm_conflict(a, settings.search, a.liveness || (settings.properties & liveness_bits));
      !e.empty())
    return bad_input(e);
  settings.search.hash_salt = a.hash_salt;
  settings.search.order_seed = a.order_seed;
  if (settings.search.store != explorer::StoreKind::Table && (a.liveness || (settings.properties & liveness_bits)))
    return bad_input(std::string("--liveness needs the states themselves to build the graph; it cannot run with --store ") +
                     explorer::store_name(settings.search.store));
  double every = 0;
  if (!a.checkpoint.empty()) {
    if (settings.search.strategy != explorer::Strategy::BreadthFirst)
      return bad_input("--checkpoint needs the breadth-first search; it cannot run with --strategy " + a.strategy);
    if (settings.search.store == explorer::StoreKind::Bitstate)
      return bad_input("--checkpoint supports --store table, tree and hash-compaction, not --store bitstate "
                       "(a bit array cannot say which states it holds)");
    if (!a.checkpoint_every.empty()) {
      const auto d = parse_duration(a.checkpoint_every);
      if (!d) return bad_input("--checkpoint-every: '" + a.checkpoint_every + "' is not a duration such as 90s, 10m or 2h");
      every = *d;
    }
    if (a.resume.empty() && CheckpointFolder(a.checkpoint).current())
      return bad_input("--checkpoint: " + a.checkpoint + " already holds a checkpoint; resume it with lgrcheck resume " +
                       a.checkpoint + ", or remove it");
  } else if (!a.checkpoint_every.empty()) {
    return bad_input("--checkpoint-every needs --checkpoint DIR");
  }
  if (!a.spill.empty()) {
    if (!a.checkpoint.empty())
      return bad_input("--spill keeps the parent links on disk, which a checkpoint does not save yet; it cannot run "
                       "with --checkpoint or resume");
    if (a.swarm_given) return bad_input("--swarm's jobs keep their parent links in memory; it cannot run with --spill");
    std::error_code ec;
    if (!std::filesystem::is_directory(a.spill, ec)) return bad_input("--spill: " + a.spill + " is not a folder");
    settings.search.spill_dir = a.spill;
  }
  settings.search.threads = a.threads;
  settings.search.stop_at_first = a.stop_at_first;
  settings.liveness = a.liveness;
  settings.symmetry = a.symmetry;
  if (a.symmetry && (a.liveness || (settings.properties & liveness_bits))) return bad_input(kSymmetryLivenessRefusal);
  settings.search.max_states = static_cast<uint64_t>(a.max_states);
  settings.search.time_limit = a.time_limit;
  settings.search.interrupt = &g_interrupted;
  settings.search.progress = progress_printer(a.quiet || !speaks);
  settings.network = network;
  if (network)
    if (const std::string why = distributed_refusal(settings, network->ranks()); !why.empty()) return bad_input(why);

  std::optional<LgrModel> model;
  try {
    model.emplace(load_config(a.config), variants);
  } catch (const ConfigError& e) {
    return bad_input(e.what());
  }

  if (!a.resume.empty()) {
    try {
      const CheckpointManifest m = read_checkpoint_manifest(a.resume);
      verify_checkpoint(m, a.resume, a.config, LGRCHECK_VERSION, model->state_words(), settings.search.store);
      settings.resume = read_checkpoint_cut(m);
      settings.resumed_from = m.number;
    } catch (const CheckpointError& e) {
      return bad_input(e.what());
    }
  }
  if (!a.checkpoint.empty()) {
    const bool quiet = a.quiet;
    settings.checkpoint = CheckpointPlan{a.checkpoint, every, a.config, LGRCHECK_VERSION, command_json(a),
                                         settings.resumed_from + 1, [quiet](const std::string& line) {
                                           if (quiet) return;
                                           finish_progress_line();
                                           fmt::print(stderr, "{}\n", line);
                                         }};
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  if (a.swarm_given) {
    SwarmSettings s;
    s.jobs = static_cast<uint64_t>(a.swarm);
    s.seed = a.seed;
    s.threads = a.threads;
    if (settings.search.max_memory) s.memory = settings.search.max_memory;
    s.hashes = a.bitstate_hashes;
    s.properties = settings.properties;
    s.max_states = settings.search.max_states;
    s.time_limit = a.time_limit;
    s.interrupt = &g_interrupted;
    const int status =
        run_swarm_command(*model, s, {a.json, a.quiet, a.coverage, a.trace_dir, a.no_traces, a.no_print_traces});
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    return status;
  }
  std::optional<CheckReport> checked;
  try {
    checked.emplace(run_check(*model, settings));
  } catch (const explorer::SpillError& e) {
    // A full disk or an unusable folder: no verdict, and never a pass.
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    return bad_input(e.what());
  }
  const CheckReport& report = *checked;
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (!speaks) return exit_code(report, a.strict);
  finish_progress_line();

  // Every violated property's shortest counterexample, for `lgrcheck replay`.
  std::vector<std::pair<std::string, std::vector<std::string>>> written;  // property, its files
  if (!a.no_traces) {
    try {
      for (const auto& p : report.properties)
        if (!p.holds) {
          const char* name = property_info(p.id).name;
          written.emplace_back(name, write_counterexample(*model, p.trace, name, a.trace_dir, p.loop_start,
                                                          report.search.shortest_traces()));
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
    if (!a.quiet && !a.no_print_traces) print_counterexamples(*model, report, written, out);
  } else if (!json_to_stdout) {
    fmt::print(out, "verdict: {}\n", verdict_name(report.verdict));
  }
  if (!a.json.empty()) {
    nlohmann::json j = report_json(report);
    for (const auto& [property, files] : written)
      j["counterexample_files"][property] = {{"trace", files[0]}, {"json", files[1]}};
    add_counterexamples_json(*model, report, j);
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

void add_resume_command(CLI::App& app, int& status) {
  struct ResumeArgs {
    std::string dir;
    int threads = 0;
    std::string json;
    bool quiet = false;
  };
  auto r = std::make_shared<ResumeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "resume",
      "Go on with the check whose checkpoints `check --checkpoint DIR` wrote, from the last one, to\n"
      "exactly the result the uninterrupted run would have had (see docs/checkpoint.md). The\n"
      "configuration file must be unchanged; the thread count may differ. It writes checkpoints on\n"
      "into DIR. Exit codes as for check.\n"
      "Examples:\n"
      "  lgrcheck resume ckpt/\n"
      "  lgrcheck resume ckpt/ --threads 16 --json result.json");
  cmd->add_option("DIR", r->dir, "the folder given to check --checkpoint")->required();
  cmd->add_option("--threads", r->threads, "worker threads (default: the cores present; results never depend on it)");
  cmd->add_option("--json", r->json, "write the result as JSON to FILE ('-' for stdout), instead of the check's --json");
  cmd->add_flag("-q,--quiet", r->quiet, "print the verdict line only");
  cmd->callback([r, &status] {
    const bool json_to_stdout = r->json == "-";
    try {
      CheckArgs a;
      try {
        a = command_args(read_checkpoint_manifest(r->dir).json.at("command"));
      } catch (const CheckpointError& e) {
        status = report_check_error(e.what(), json_to_stdout);
        return;
      }
      a.threads = r->threads > 0 ? r->threads : default_threads();
      if (!r->json.empty()) a.json = r->json;
      a.quiet = a.quiet || r->quiet;
      a.checkpoint = a.resume = r->dir;
      status = run(a);
    } catch (const std::exception& e) {
      status = report_check_error(e.what(), json_to_stdout, true);
    }
  });
}

void add_check_command(CLI::App& app, int& status) {
  auto a = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Explore every reachable state of CONFIG and check the properties of the LGR model.\n"
      "Exit 0 when all hold, 1 when one is violated, 2 on bad input, 3 when incomplete\n"
      "or not a proof (bitstate: 'probable pass'; --swarm: 'no violation found'), 5 when all hold but --strict is given and a\n"
      "warning says what the check did not cover.\n"
      "The summary states the bounds (and with --liveness the fairness) the verdict holds under.\n"
      "Examples:\n"
      "  lgrcheck check examples/ssi4-seed.json\n"
      "  lgrcheck check examples/ssi2-basic.json --variant early-resume --properties SingleInstance\n"
      "  lgrcheck check big.json --threads 8 --time-limit 600 --json result.json\n"
      "  lgrcheck check examples/ssi3-contention.json --variant retry-refused --liveness\n"
      "  lgrcheck check examples/ssi2-quads.json --symmetry\n"
      "  lgrcheck check huge.json --threads 8 --hash-compaction --max-memory 8G\n"
      "  lgrcheck check huge.json --threads 2 --store tree\n"
      "  lgrcheck check huge.json --threads 2 --bitstate 2G\n"
      "  lgrcheck check huge.json --threads 8 --checkpoint ckpt/ --checkpoint-every 10m  (then: lgrcheck resume ckpt/)\n"
      "  lgrcheck check examples/ssi4-seed.json --variant no-final-check --strategy dfs --stop-at-first\n"
      "  lgrcheck check huge.json --swarm 64 --threads 8 --max-memory 4G --seed 7\n"
      "  mpirun -np 4 --hostfile hosts lgrcheck check huge.json --distributed --threads 8");
  cmd->add_option("CONFIG", a->config, "cluster configuration (JSON), see examples/")->required();
  cmd->add_option("--variant", a->variants,
                  "protocol variant with one rule broken (repeatable, or comma-separated): " +
                      comma_lines(variant_names(), 16));
  cmd->add_option("--properties", a->properties,
                  "check only these (comma-separated): " + comma_lines(property_names_list(), 52) +
                      "\n(Termination and SyncAnswered: liveness, as with --liveness)");
  cmd->add_option("--json", a->json, "write the result as JSON to FILE ('-' for stdout)");
  cmd->add_flag("--liveness", a->liveness,
                "also check Termination and SyncAnswered under weak fairness (after the search;\n"
                "a violation is a lasso: a stem, then a cycle repeated forever; see docs/liveness.md)");
  cmd->add_flag("--symmetry", a->symmetry,
                "explore one state per orbit of interchangeable guests (identical but for their names,\n"
                "with identical requests); prints the group; counterexamples stay concrete, replayable\n"
                "and shortest; not with --liveness (see docs/symmetry.md)");
  cmd->add_option("--threads", a->threads,
                  "worker threads of the breadth-first search, or --swarm jobs run at once (default: the cores\n"
                  "present; results never depend on it)");
  std::string strategies;
  for (const auto& s : explorer::kStrategies)
    strategies += fmt::format("{}{}{}: {}", strategies.empty() ? "" : ";\n", s.name,
                              s.strategy == explorer::Strategy::BreadthFirst ? " (default)" : "", s.meaning);
  cmd->add_option("--strategy", a->strategy, strategies)->default_val(explorer::strategy_name(explorer::Strategy::BreadthFirst));
  cmd->add_option("--store", a->store,
                  "where visited states go (breadth- and depth-first alike):\n"
                  "table (default: the fastest exact store in bench/RESULTS-stores.md): whole states,\n"
                  "  exact, about 60 bytes per state;\n"
                  "tree: states folded into a tree of shared pairs (Laarman's tree compression), exact,\n"
                  "  a half to a third of the table's memory (14 bytes a state on scaling.json with --spill,\n"
                  "  13 on the 1.2 billion states of examples/ssi4-billion.json), 0.7-0.85x its speed;\n"
                  "  no --liveness;\n"
                  "hash-compaction: fingerprints only (see --fingerprint-bits), a collision may hide a state\n"
                  "  (estimate printed);\n"
                  "bitstate: k bits per state (see --bitstate), never a proof: verdict 'probable pass', exit 3");
  cmd->add_flag("--hash-compaction", a->hash_compaction, "the same as --store hash-compaction");
  cmd->add_option("--fingerprint-bits", a->fingerprint_bits,
                  "hash compaction's fingerprint width: 64 (63 bits compared, about 20 bytes per state) or 96\n"
                  "(95 bits: a second 64-bit hash beside each state, 8 bytes more). TLC's estimate that a\n"
                  "state was hidden, distinct x (generated - distinct) / 2^b, passes 10^-3 near 3x10^7 states\n"
                  "at 64 and near 2x10^12 at 96 (each state reached 9 times)")
      ->default_val(64);
  cmd->add_option("--bitstate", a->bitstate,
                  "--store bitstate with a bit array of SIZE bytes, e.g. 512M (8 bits a byte; default 512M);\n"
                  "prints the expected number of states lost and the chance that any was");
  cmd->add_option("--spill", a->spill,
                  "keep the parent links (6 bytes a state) in append-only files in folder DIR, not in memory;\n"
                  "a counterexample reads its steps back. The files are removed when the run ends. A full\n"
                  "disk stops the run with an error (exit 2), never a verdict. Not with --checkpoint")
      ->type_name("DIR");
  cmd->add_option("--bitstate-hashes", a->bitstate_hashes, "bits set per state with bitstate (default 3)")
      ->default_val(3);
  cmd->add_option("--swarm", a->swarm,
                  "swarm verification (SPIN's): N bitstate depth-first jobs, each with its own hash salt and\n"
                  "successor order (from --seed) and a bit array of --max-memory / N (default 512M in all),\n"
                  "run --threads at a time, each stopping at its first violation. The violation reported is\n"
                  "the lowest job's that finds one (lower jobs always finish, higher ones are cancelled), so\n"
                  "the result does not depend on --threads. Prints one line per job and how to rerun one\n"
                  "alone. Never a pass: 'no violation found', exit 3; a violation: fail, exit 1, its trace\n"
                  "shortened (DIR/P.trace) beside the depth-first one (DIR/P.dfs.trace). No --liveness.\n"
                  "How it stops and why: docs/swarm.md");
  cmd->add_option("--seed", a->seed, "--swarm: job i's hash salt and successor order come from (seed, i) (default 1)")
      ->default_val(1);
  cmd->add_option("--hash-salt", a->hash_salt,
                  "bitstate: another family of hash functions (0, the default: the plain hash); --swarm prints\n"
                  "each job's");
  cmd->add_option("--order-seed", a->order_seed,
                  "--strategy dfs: shuffle each state's new successors with this seed (0, the default: the\n"
                  "model's order); --swarm prints each job's");
  cmd->add_flag("--stop-at-first", a->stop_at_first, "stop at the first violation (counts are then partial)");
  cmd->add_option("--max-states", a->max_states,
                  "stop once this many states are stored (verdict: incomplete); it is checked after each\n"
                  "chunk of at most 256 expanded states, so the count may pass N by their successors on\n"
                  "each thread");
  cmd->add_option("--max-memory", a->max_memory, "stop when the state store reaches SIZE, e.g. 8G; with --swarm: the bit arrays of all\n"
                  "jobs together (default 512M), not a limit");
  cmd->add_option("--time-limit", a->time_limit, "stop after SECONDS (verdict: incomplete)");
  cmd->add_flag("-q,--quiet", a->quiet, "print the verdict line only (with --json -, only the JSON)");
  cmd->add_option("--trace-dir", a->trace_dir,
                  "write each violated property's shortest counterexample to DIR/P.trace and DIR/P.json\n"
                  "(prefixed with the variant names, e.g. DIR/early-resume.SingleInstance.trace)")
      ->default_val("lgrcheck-traces");
  cmd->add_flag("--no-traces", a->no_traces, "do not write counterexample files");
  cmd->add_flag("--no-print-traces", a->no_print_traces,
                "do not print each violated property's counterexample (its steps, one per line, and its\n"
                "witness: where the guest is and what it waits for) under the summary; -q does not either");
  cmd->add_flag("--coverage", a->coverage,
                "print, per action kind and per action instance, the transitions and the states where it is\n"
                "enabled (the JSON always has them)");
  cmd->add_flag("--strict", a->strict,
                "fail a pass that has warnings (a request or action never enabled, a sanity goal never\n"
                "reached, a variant that changes nothing, a budget never spent; see docs/warnings.md)\n"
                "with exit status 5");
  cmd->add_option("--checkpoint", a->checkpoint,
                  "write checkpoints into DIR at level boundaries (and on SIGINT/SIGTERM, the last boundary's),\n"
                  "so that `lgrcheck resume DIR` ends with exactly this run's result; breadth-first, --store\n"
                  "table, tree or hash-compaction (see docs/checkpoint.md)");
  cmd->add_flag("--distributed", a->distributed,
                "one rank of a search spread over an MPI job: run as `mpirun -np N lgrcheck check CONFIG\n"
                "--distributed --threads T` (or under Slurm's srun); each rank owns the states its hash picks\n"
                "and expands them on T threads; every count, verdict and counterexample is that of one\n"
                "process. Rank 0 prints and writes the files. --store table or hash-compaction; no\n"
                "--checkpoint; --liveness on 1 rank only. A rank that dies ends the job (see docs/distributed.md)");
  cmd->add_option("--checkpoint-every", a->checkpoint_every,
                  "with --checkpoint: at most one checkpoint per DURATION, e.g. 90s, 10m, 2h (default: at\n"
                  "every level)");
  cmd->callback([a, cmd, &status] {
    a->swarm_given = cmd->count("--swarm") > 0;
    a->seed_given = cmd->count("--seed") > 0;
    a->strategy_given = cmd->count("--strategy") > 0;
    try {
      status = run(*a);
    } catch (const std::exception& e) {
      // With --json - a script reads stdout: it gets a JSON object even now.
      status = report_check_error(e.what(), a->json == "-", true);
    }
  });
}

}  // namespace lgr
