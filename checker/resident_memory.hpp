// The process's resident memory as the kernel counts it (/proc/self/status):
// what the summary reports next to the engine's own accounting.
#pragma once

#include <cstdint>

namespace explorer {

// Peak resident set size (VmHWM) in bytes, 0 where unavailable.
uint64_t peak_resident_bytes();
// Current resident set size (VmRSS) in bytes, 0 where unavailable.
uint64_t resident_bytes();

}  // namespace explorer
