// A counterexample or hand-written scenario in the trace format of spec
// section 6, plus the `loop N` line of lasso traces and the `steps N` line
// that makes a truncated trace an error (docs/trace-format.md).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lgr {

struct TraceStep {
  std::string label;  // e.g. "DstReceive LGRLIN21 STATE"
  int line = 0;       // 1-based line in the file (0 when built in memory)
};

struct Trace {
  std::string path;                     // file it was read from ("" in memory)
  std::string config;                   // `config` line, relative to the trace file
  std::vector<std::string> variants;    // `variant` lines
  std::vector<TraceStep> steps;
  // `expect violation P` sets expect_violation; `expect ok` sets expect_ok.
  std::optional<std::string> expect_violation;
  bool expect_ok = false;
  // `loop N`: the cycle of a lasso starts after step N (0 = at the initial state).
  std::optional<std::size_t> loop_start;
  // `steps N` (written by `check`): the trace has exactly N step lines, so
  // one cut short (a copy interrupted, a paste incomplete) is an error, not
  // a replay of its first steps.
  std::optional<std::size_t> declared_steps;
  int steps_line = 0;              // line of the `steps` line (0 when absent or in memory)
  int config_line = 0;             // line of the `config` line (0 when absent or in memory)
  int expect_line = 0;             // line of the `expect` line (0 when absent or in memory)
  int loop_line = 0;               // line of the `loop` line (0 when absent or in memory)
  std::vector<std::string> notes;  // written as `# note` lines after the header
};

// A malformed trace. what(): "FILE:LINE: why".
struct TraceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Trace parse_trace(const std::string& text, const std::string& origin);
Trace load_trace(const std::string& path);  // throws TraceError
std::string format_trace(const Trace& t);   // the text form, parseable again

}  // namespace lgr
