// libFuzzer target: the configuration loader (strict JSON, spec section 1)
// and the model built from what it accepts. Any input must end in a Config
// or a ConfigError; anything else (a crash, a sanitizer report, another
// exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "model/config.hpp"
#include "model/lgr_model.hpp"
#include "model/strict_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // The strict reader accepts exactly what nlohmann accepts, less repeated
  // keys, numbers beyond a double and deep nesting, and builds the same value.
  bool strict_ok = false;
  nlohmann::json strict;
  try {
    strict = lgr::parse_strict_json<nlohmann::json>(text);
    strict_ok = true;
  } catch (const lgr::JsonTextError&) {
  }
  if (strict_ok && nlohmann::json::parse(text) != strict) __builtin_trap();
  try {
    lgr::Config cfg = lgr::parse_config(text, "fuzz.json");
    if (!strict_ok) __builtin_trap();  // the loader read what the reader refused
    const lgr::LgrModel model(std::move(cfg), {});
    std::vector<lgr::Word> start(model.state_words());
    model.initial(start.data());
  } catch (const lgr::ConfigError&) {
  }
  return 0;
}
