#include "explorer/search_result.hpp"

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

}  // namespace explorer
