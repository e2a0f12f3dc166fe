#include "checker/resident_memory.hpp"

#include <cstdio>
#include <cstring>

namespace explorer {
namespace {

uint64_t status_kib(const char* field) {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  uint64_t kib = 0;
  const std::size_t len = std::strlen(field);
  while (std::fgets(line, sizeof line, f)) {
    if (std::strncmp(line, field, len) == 0 && line[len] == ':') {
      unsigned long long v = 0;
      if (std::sscanf(line + len + 1, "%llu", &v) == 1) kib = v;
      break;
    }
  }
  std::fclose(f);
  return kib;
}

}  // namespace

uint64_t peak_resident_bytes() { return status_kib("VmHWM") * 1024; }
uint64_t resident_bytes() { return status_kib("VmRSS") * 1024; }

}  // namespace explorer
