// libFuzzer target: the suite manifest reader. Any input must end in a
// Manifest or a ManifestError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "suite/suite_manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    lgr::parse_manifest(text, "fuzz.json", "/base");
  } catch (const lgr::ManifestError&) {
  }
  return 0;
}
