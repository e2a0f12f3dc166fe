// `lgrcheck render TRACE --format svg|html|text -o FILE`: the replayed trace
// as a message sequence chart.
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "checker/exit_codes.hpp"
#include "cli/replayed_trace.hpp"
#include "counterexamples/sequence_chart.hpp"

namespace lgr {
namespace {

struct RenderArgs {
  TraceSource source;
  std::string format = "svg";
  std::string output;
};

int run(const RenderArgs& a) {
  return with_replayed_trace(a.source, [&](const ReplayInput& in, const ReplayResult& r) {
    const SequenceChart chart = build_sequence_chart(in.model, in.trace, r);
    const std::string text = a.format == "svg" ? render_svg(chart) : a.format == "html" ? render_html(chart) : render_text(chart);
    if (a.output.empty() || a.output == "-") {
      std::cout << text;
    } else {
      std::ofstream f(a.output, std::ios::binary);
      if (!f || !(f << text) || !f.flush()) {
        std::cerr << "lgrcheck: error: cannot write -o file '" << a.output << "'\n";
        return exit_status::kBadInput;
      }
    }
    // The picture is drawn either way; the status says whether the trace holds up.
    return r.ok ? exit_status::kPass : exit_status::kFail;
  });
}

}  // namespace

void add_render_command(CLI::App& app, int& status) {
  auto a = std::make_shared<RenderArgs>();
  CLI::App* cmd = app.add_subcommand(
      "render",
      "Draw TRACE as a message sequence chart: lanes for the operator, each member's CP and the\n"
      "ownership record; arrows for commands and messages (lost ones crossed), boxes for state\n"
      "changes and faults, a band while a guest is quiesced, the verdict at the bottom.\n"
      "Exit 0 when the trace replays and meets its expectation, 1 otherwise (the chart is written\n"
      "either way), 2 on a malformed trace or configuration.\n"
      "Examples:\n"
      "  lgrcheck render examples/scenarios/link-failure-after-commit.trace -o link.svg\n"
      "  lgrcheck render lgrcheck-traces/early-resume.SingleInstance.trace --format html -o er.html\n"
      "  lgrcheck render examples/scenarios/cancel-too-late.trace --format text");
  cmd->add_option("TRACE", a->source.trace, "trace file (lgr-trace 1)")->required();
  cmd->add_option("--format", a->format, "svg (default), html (SVG and a step table) or text")
      ->check(CLI::IsMember({"svg", "html", "text"}));
  cmd->add_option("-o,--output", a->output, "file to write ('-' or none: standard output)");
  cmd->add_option("--config", a->source.config, "configuration to use instead of the trace's `config` line");
  cmd->add_option("--variant", a->source.variants, "protocol variant added to the trace's `variant` lines (repeatable)");
  cmd->callback([a, &status] { status = run(*a); });
}

}  // namespace lgr
