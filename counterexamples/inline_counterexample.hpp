// A counterexample as `check` prints it under its summary: a heading, the
// step labels one per line (the middle of a long one elided, naming the file
// that holds it whole), where a lasso's cycle starts, then the witness.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "explorer/path_rebuild.hpp"
#include "explorer/search_result.hpp"
#include "model/lgr_model.hpp"
#include "properties/property.hpp"

namespace lgr {

struct InlineCounterexample {
  PropertyId property;
  const std::vector<explorer::PathStep>* path = nullptr;  // initial state first (action unused)
  std::optional<std::size_t> loop_start;                   // a lasso: the cycle starts after this step
  bool shortest = true;                                    // breadth-first: no shorter counterexample exists
  std::string trace_file;                                  // where it is written whole ("" when not written)
};

inline constexpr std::size_t kInlineStepLimit = 40;  // longer traces lose their middle
inline constexpr std::size_t kInlineKept = 15;       // steps kept at each end of a long one

std::string format_inline_counterexample(const LgrModel& model, const InlineCounterexample& c);

}  // namespace lgr
