#include "counterexamples/inline_counterexample.hpp"

#include <fmt/format.h>

#include "counterexamples/witness.hpp"

namespace lgr {
namespace {

std::string heading(const InlineCounterexample& c, std::size_t steps) {
  const char* name = property_info(c.property).name;
  const std::string file = c.trace_file.empty() ? "" : fmt::format(" ({})", c.trace_file);
  if (c.loop_start) {
    const std::size_t stem = *c.loop_start;
    if (stem == steps) return fmt::format("{}: lasso, stuck after {} steps{}", name, stem, file);
    return fmt::format("{}: lasso, a stem of {} steps, then a cycle of {} steps repeated forever{}", name, stem,
                       steps - stem, file);
  }
  return fmt::format("{}: {}, {} steps{}", name, c.shortest ? "shortest counterexample" : "counterexample", steps, file);
}

}  // namespace

std::string format_inline_counterexample(const LgrModel& model, const InlineCounterexample& c) {
  const auto& path = *c.path;
  const std::size_t steps = path.empty() ? 0 : path.size() - 1;
  std::string out = heading(c, steps) + "\n";
  const bool elide = steps > kInlineStepLimit;
  for (std::size_t i = 1; i <= steps; ++i) {
    if (c.loop_start && *c.loop_start + 1 == i && (!elide || i <= kInlineKept || i > steps - kInlineKept))
      out += fmt::format("      -- the cycle: steps {} to {} repeat forever --\n", i, steps);
    if (elide && i == kInlineKept + 1) {
      const std::size_t hidden = steps - 2 * kInlineKept;
      std::string where = c.trace_file.empty() ? "write it whole with --trace-dir" : "the whole trace: " + c.trace_file;
      if (c.loop_start && *c.loop_start >= kInlineKept && *c.loop_start < steps - kInlineKept)
        where += fmt::format("; the cycle starts after step {}", *c.loop_start);
      out += fmt::format("      ... {} steps not shown ({}) ...\n", hidden, where);
    }
    if (elide && i > kInlineKept && i <= steps - kInlineKept) continue;
    out += fmt::format("  {:>4}  {}\n", i, model.label(path[i].action, model.decode(path[i - 1].state.data())));
  }
  if (c.loop_start && *c.loop_start == steps)
    out += "      -- then no fair action is enabled: the path stays here forever --\n";
  const WitnessPath wp = witness_path(model, path, c.loop_start);
  const std::vector<std::string> lines = property_witness(model, c.property, wp);
  if (!lines.empty()) {
    out += "  witness:\n";
    for (const auto& line : lines) out += "    " + line + "\n";
  }
  return out;
}

}  // namespace lgr
