// `lgrcheck replay TRACE`: re-executes a trace with the model's successor
// function alone and says, step by step, what changed in z/VM terms.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "checker/exit_codes.hpp"
#include "cli/replayed_trace.hpp"

namespace lgr {
namespace {

struct ReplayArgs {
  TraceSource source;
  bool json = false;
  bool quiet = false;
};

void print_replay(const ReplayInput& in, const ReplayResult& r, bool quiet, std::ostream& out) {
  const auto variants = in.model.variants().names();
  fmt::print(out, "replay {} (config {}{})\n", in.trace.path, in.config_path,
             variants.empty() ? "" : fmt::format(", variant {}", fmt::join(variants, ", ")));
  if (!quiet) {
    for (size_t i = 0; i < r.trace.size(); ++i) {
      fmt::print(out, "step {}: {}\n", i + 1, r.trace[i].label);
      for (const auto& c : r.trace[i].changes) fmt::print(out, "    {}\n", c);
    }
  }
  if (r.divergence) fmt::print(out, "{}\n", r.divergence->reason);
  if (in.trace.loop_start && r.loop_closed && !r.divergence)
    fmt::print(out, "loop: the last state is the state after step {} (a cycle of {} steps)\n", *in.trace.loop_start,
               r.steps - *in.trace.loop_start);
  if (r.violations.empty())
    fmt::print(out, "violations: none, every invariant holds in the last state (after step {})\n", r.steps);
  else
    fmt::print(out, "violations: {} false in the last state (after step {})\n", fmt::join(r.violations, ", "), r.steps);
  fmt::print(out, "{}\n", r.expect_message);
  fmt::print(out, "replay: {}\n", r.ok ? "ok" : r.divergence ? "diverged" : "expectation not met");
}

int run(const ReplayArgs& a) {
  return with_replayed_trace(a.source, [&](const ReplayInput& in, const ReplayResult& r) {
    if (a.json)
      std::cout << replay_json(in.model, r).dump(2) << "\n";
    else
      print_replay(in, r, a.quiet, std::cout);
    return r.ok ? exit_status::kPass : exit_status::kFail;
  });
}

}  // namespace

void add_replay_command(CLI::App& app, int& status) {
  auto a = std::make_shared<ReplayArgs>();
  CLI::App* cmd = app.add_subcommand(
      "replay",
      "Re-execute TRACE from the initial state with the model's successor function alone\n"
      "(not the search), print what each step changes, the invariants false at the end, and\n"
      "whether the trace's `expect` line is met.\n"
      "Exit 0 when every step is enabled and the expectation met, 1 otherwise, 2 on a malformed\n"
      "trace or configuration.\n"
      "Examples:\n"
      "  lgrcheck replay examples/scenarios/seed-roundtrip.trace\n"
      "  lgrcheck replay lgrcheck-traces/early-resume.SingleInstance.trace --json");
  cmd->add_option("TRACE", a->source.trace, "trace file (lgr-trace 1), e.g. from lgrcheck check --trace-dir")->required();
  cmd->add_option("--config", a->source.config, "configuration to use instead of the trace's `config` line");
  cmd->add_option("--variant", a->source.variants, "protocol variant added to the trace's `variant` lines (repeatable)");
  cmd->add_flag("--json", a->json, "print the replay as JSON (ok, steps, violations, final_state, ...)");
  cmd->add_flag("-q,--quiet", a->quiet, "print only the verdict, not every step");
  cmd->callback([a, &status] { status = run(*a); });
}

}  // namespace lgr
