// libFuzzer target: the trace parser (spec section 6) and the replay of what
// it accepts on examples/ssi4-seed.json. A parsed trace must print and parse
// back to itself.
#include <cstddef>
#include <cstdint>
#include <string>

#include "counterexamples/replay.hpp"
#include "counterexamples/trace.hpp"
#include "model/config.hpp"

namespace {

const lgr::LgrModel& seed_model() {
  static const lgr::LgrModel model(lgr::load_config(LGRCHECK_SOURCE_DIR "/examples/ssi4-seed.json"), {});
  return model;
}

bool same(const lgr::Trace& a, const lgr::Trace& b) {
  if (a.config != b.config || a.variants != b.variants || a.expect_violation != b.expect_violation ||
      a.expect_ok != b.expect_ok || a.loop_start != b.loop_start || a.steps.size() != b.steps.size())
    return false;
  for (std::size_t i = 0; i < a.steps.size(); ++i)
    if (a.steps[i].label != b.steps[i].label) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  lgr::Trace trace;
  try {
    trace = lgr::parse_trace(text, "fuzz.trace");
  } catch (const lgr::TraceError&) {
    return 0;
  }
  if (!same(trace, lgr::parse_trace(lgr::format_trace(trace), "again.trace"))) __builtin_trap();
  try {
    lgr::replay(seed_model(), trace);
  } catch (const lgr::TraceError&) {
  }
  return 0;
}
