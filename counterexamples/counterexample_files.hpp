// A shortest counterexample as files: DIR/P.trace (spec section 6, with
// `config`, `variant` and `expect violation P` lines, so `lgrcheck replay`
// re-checks it) and DIR/P.json (each step's label and the whole state after
// it), prefixed with the variant names: DIR/early-resume.SingleInstance.trace.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "counterexamples/trace.hpp"
#include "explorer/path_rebuild.hpp"
#include "explorer/search_result.hpp"
#include "model/lgr_model.hpp"

namespace lgr {

// `path` starts at the initial state (its action unused), as the explorer's
// path_to() gives it. `config` is written as is on the `config` line. A
// lasso (liveness) has `loop_start`: its cycle starts after that step.
// `shortest`: found breadth-first, so no shorter one exists (the header
// says "shortest" only then). The trace's notes end with the witness.
Trace counterexample_trace(const LgrModel& model, const std::vector<explorer::PathStep>& path,
                           const std::string& property, const std::string& config,
                           std::optional<std::size_t> loop_start = std::nullopt, bool shortest = true);
// Steps are numbered by the actions taken (0: the initial state); a lasso
// has `loop_start`, the step after which its cycle starts (docs/json-output.md).
nlohmann::json counterexample_json(const LgrModel& model, const std::vector<explorer::PathStep>& path,
                                   const std::string& property, const std::string& config,
                                   std::optional<std::size_t> loop_start = std::nullopt, bool shortest = true);

// "early-resume.SingleInstance" (no prefix without variants).
std::string counterexample_stem(const LgrModel& model, const std::string& property);

// Writes both files into `dir` (created when missing), with the `config`
// line relative to `dir`; returns their paths, .trace first. Throws
// std::runtime_error("cannot write FILE") when the folder is not writable.
// `suffix` goes after the stem (".dfs": DIR/P.dfs.trace), for a second
// trace of the same property.
std::vector<std::string> write_counterexample(const LgrModel& model, const std::vector<explorer::PathStep>& path,
                                              const std::string& property, const std::string& dir,
                                              std::optional<std::size_t> loop_start = std::nullopt,
                                              bool shortest = true, const std::string& suffix = "");

}  // namespace lgr
