#include "explorer/search_result.hpp"

#include <cmath>

namespace explorer {

const char* stop_reason_text(StopReason r) {
  switch (r) {
    case StopReason::Complete: return "complete";
    case StopReason::StopAtFirst: return "stopped at the first violation";
    case StopReason::MaxStates: return "state limit reached";
    case StopReason::MaxMemory: return "memory limit reached";
    case StopReason::TimeLimit: return "time limit reached";
    case StopReason::Interrupted: return "interrupted";
  }
  return "?";
}

double fingerprint_collision_probability(uint64_t states, int bits) {
  const double n = static_cast<double>(states);
  // 1 - exp(-x) without losing the small values to rounding.
  return -std::expm1(-(n * (n - 1) / 2) * std::ldexp(1.0, -bits));
}

double fingerprint_collision_estimate(uint64_t distinct, uint64_t generated, int bits) {
  const double d = static_cast<double>(distinct), g = static_cast<double>(generated);
  return g > d ? d * (g - d) * std::ldexp(1.0, -bits) : 0.0;
}

}  // namespace explorer
