// `lgrcheck render TRACE --format svg|html|text -o FILE`: the replayed trace
// as a message sequence chart.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <optional>
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
  std::string format;  // empty: from the -o extension, else svg
  std::string output;
};

// The format an -o file's extension names ("" when it names none).
std::string format_of_extension(const std::string& file) {
  std::string ext = std::filesystem::path(file).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".svg") return "svg";
  if (ext == ".html" || ext == ".htm") return "html";
  if (ext == ".txt" || ext == ".text") return "text";
  return "";
}

// --format wins when given; a -o extension that names another format is a
// mistake (an HTML file full of SVG), refused rather than written.
std::optional<std::string> chosen_format(const RenderArgs& a) {
  const std::string from_ext = a.output.empty() || a.output == "-" ? "" : format_of_extension(a.output);
  if (!a.format.empty() && !from_ext.empty() && a.format != from_ext) {
    std::cerr << "lgrcheck: error: --format " << a.format << " does not match -o '" << a.output << "', whose extension "
              << "names " << from_ext << "; drop --format or change the file name\n";
    return std::nullopt;
  }
  if (!a.format.empty()) return a.format;
  return from_ext.empty() ? "svg" : from_ext;
}

int run(const RenderArgs& a) {
  const std::optional<std::string> format = chosen_format(a);
  if (!format) return exit_status::kBadInput;
  return with_replayed_trace(a.source, [&](const ReplayInput& in, const ReplayResult& r) {
    const SequenceChart chart = build_sequence_chart(in.model, in.trace, r);
    const std::string text = *format == "svg" ? render_svg(chart) : *format == "html" ? render_html(chart) : render_text(chart);
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
      "changes and faults, a band while a guest is quiesced, the verdict at the bottom, then the\n"
      "final state: where each guest is and the witness of each violated property.\n"
      "The format follows the -o extension (.svg, .html, .txt), else --format, else svg; a\n"
      "--format that contradicts the extension is refused (exit 2).\n"
      "Exit 0 when the trace replays and meets its expectation, 1 otherwise (the chart is written\n"
      "either way), 2 on a malformed trace or configuration.\n"
      "Examples:\n"
      "  lgrcheck render examples/scenarios/link-failure-after-commit.trace -o link.svg\n"
      "  lgrcheck render lgrcheck-traces/early-resume.SingleInstance.trace -o er.html\n"
      "  lgrcheck render examples/scenarios/cancel-too-late.trace --format text");
  cmd->add_option("TRACE", a->source.trace, "trace file (lgr-trace 1)")->required();
  cmd->add_option("--format", a->format,
                  "svg, html (SVG, final state and a step table) or text; default: from the -o extension, else svg")
      ->check(CLI::IsMember({"svg", "html", "text"}));
  cmd->add_option("-o,--output", a->output, "file to write ('-' or none: standard output)");
  cmd->add_option("--config", a->source.config, "configuration to use instead of the trace's `config` line");
  cmd->add_option("--variant", a->source.variants, "protocol variant added to the trace's `variant` lines (repeatable)");
  cmd->callback([a, &status] { status = run(*a); });
}

}  // namespace lgr
