#include "counterexamples/counterexample_files.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "counterexamples/state_json.hpp"
#include "counterexamples/witness.hpp"
#include "properties/property.hpp"

namespace fs = std::filesystem;

namespace lgr {
namespace {

// The label of each step, read in the state it is taken from.
std::vector<std::string> labels_of(const LgrModel& model, const std::vector<explorer::PathStep>& path) {
  std::vector<std::string> out;
  for (size_t i = 1; i < path.size(); ++i) out.push_back(model.label(path[i].action, model.decode(path[i - 1].state.data())));
  return out;
}

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  if (!out || !(out << text) || !out.flush()) throw std::runtime_error(fmt::format("cannot write {}", file.string()));
}

}  // namespace

Trace counterexample_trace(const LgrModel& model, const std::vector<explorer::PathStep>& path,
                           const std::string& property, const std::string& config,
                           std::optional<std::size_t> loop_start, bool shortest) {
  Trace t;
  t.config = config;
  t.variants = model.variants().names();
  for (const std::string& label : labels_of(model, path)) t.steps.push_back({label, 0});
  t.declared_steps = t.steps.size();  // replay can tell a truncated copy
  t.expect_violation = property;
  t.loop_start = loop_start;
  const std::string config_name = model.config().name.empty() ? model.config().path : model.config().name;
  if (loop_start)
    t.notes.push_back(fmt::format("lasso counterexample for {} on {}: a stem of {} steps, then {}, found by lgrcheck",
                                  property, config_name, *loop_start,
                                  *loop_start == t.steps.size()
                                      ? std::string("no fair action enabled")
                                      : fmt::format("a cycle of {} steps", t.steps.size() - *loop_start)));
  else
    t.notes.push_back(fmt::format("{} for {} on {}: {} steps, found by lgrcheck",
                                  shortest ? "shortest counterexample" : "counterexample (depth-first, not the shortest)",
                                  property, config_name, t.steps.size()));
  if (const auto id = parse_property(property))
    for (const std::string& line : property_witness(model, *id, witness_path(model, path, loop_start)))
      t.notes.push_back("witness: " + line);
  return t;
}

nlohmann::json counterexample_json(const LgrModel& model, const std::vector<explorer::PathStep>& path,
                                   const std::string& property, const std::string& config,
                                   std::optional<std::size_t> loop_start, bool shortest) {
  using nlohmann::json;
  const std::vector<std::string> labels = labels_of(model, path);
  json steps = json::array();
  for (size_t i = 0; i < path.size(); ++i) {
    json step;
    step["step"] = i;
    step["label"] = i == 0 ? json(nullptr) : json(labels[i - 1]);
    step["state"] = state_json(model, model.decode(path[i].state.data()));
    steps.push_back(step);
  }
  json j = {{"property", property},
            {"config", config},
            {"variants", model.variants().names()},
            {"length", labels.size()},
            {"shortest", shortest && !loop_start},
            {"loop_start", loop_start ? json(*loop_start) : json(nullptr)},
            {"steps", steps}};
  if (const auto id = parse_property(property))
    j["witness"] = property_witness(model, *id, witness_path(model, path, loop_start));
  return j;
}

std::string counterexample_stem(const LgrModel& model, const std::string& property) {
  std::string stem;
  for (const auto& v : model.variants().names()) stem += v + ".";
  return stem + property;
}

std::vector<std::string> write_counterexample(const LgrModel& model, const std::vector<explorer::PathStep>& path,
                                              const std::string& property, const std::string& dir,
                                              std::optional<std::size_t> loop_start, bool shortest,
                                              const std::string& suffix) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create the trace folder {}: {}", dir, ec.message()));
  const std::string& config_path = model.config().path;
  std::string config = config_path;
  if (!config_path.empty()) config = fs::absolute(config_path).lexically_normal().lexically_relative(fs::absolute(dir).lexically_normal()).string();
  const fs::path stem = fs::path(dir) / (counterexample_stem(model, property) + suffix);
  const fs::path trace_file = stem.string() + ".trace", json_file = stem.string() + ".json";
  Trace trace = counterexample_trace(model, path, property, config, loop_start, shortest);
  trace.notes.push_back("re-check it with: lgrcheck replay " + trace_file.string());
  write_text(trace_file, format_trace(trace));
  write_text(json_file, counterexample_json(model, path, property, config, loop_start, shortest).dump(2) + "\n");
  return {trace_file.string(), json_file.string()};
}

}  // namespace lgr
