#include "simulation/simulation_report.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "counterexamples/counterexample_files.hpp"
#include "simulation/action_weights.hpp"

namespace fs = std::filesystem;

namespace lgr {
namespace {

// Per explorer::WalkEnd, as the summary and the JSON name how runs ended.
const char* kEndNames[] = {"depth_bound", "dead_end", "violation", "weights_zero", "stopped"};
const char* kEndWords[] = {"at the depth bound", "at a dead end", "at a violation", "with every enabled weight 0",
                           "stopped"};

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  if (!out || !(out << text) || !out.flush()) throw std::runtime_error(fmt::format("cannot write {}", file.string()));
}

std::vector<std::string> write_pair(const LgrModel& model, const std::vector<explorer::PathStep>& path,
                                    const std::string& property, const std::string& dir, const std::string& stem,
                                    const std::string& note) {
  std::string config = model.config().path;
  if (!config.empty())
    config = fs::absolute(config).lexically_normal().lexically_relative(fs::absolute(dir).lexically_normal()).string();
  Trace t = counterexample_trace(model, path, property, config);
  t.notes = {note};
  const std::string base = (fs::path(dir) / stem).string();
  write_text(base + ".trace", format_trace(t));
  write_text(base + ".json", counterexample_json(model, path, property, config).dump(2) + "\n");
  return {base + ".trace", base + ".json"};
}

std::string config_title(const LgrModel& model) {
  const Config& c = model.config();
  return c.name.empty() || c.name == c.path ? c.path : fmt::format("{} ({})", c.path, c.name);
}

std::string violated_names(explorer::LabelMask m) {
  std::string s;
  for (const auto& p : all_properties())
    if (m & property_bit(p.id)) s += (s.empty() ? "" : ", ") + std::string(p.name);
  return s;
}

}  // namespace

SimulationFiles write_simulation_traces(const LgrModel& model, const SimulationViolation& v, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create the trace folder {}: {}", dir, ec.message()));
  const char* property = property_info(v.property).name;
  const std::string stem = counterexample_stem(model, property);
  const std::string where = model.config().name.empty() ? model.config().path : model.config().name;
  SimulationFiles f;
  f.shortened = write_pair(model, v.shortened, property, dir, stem,
                           fmt::format("counterexample for {} on {}: {} steps, found by lgrcheck simulate (run {}, "
                                       "shortened from {} steps; not necessarily a shortest one)",
                                       property, where, v.shortened.size() - 1, v.run, v.walk.size() - 1));
  f.walk = write_pair(model, v.walk, property, dir, stem + ".walk",
                      fmt::format("counterexample for {} on {}: {} steps, the random walk of lgrcheck simulate run {} "
                                  "as found",
                                  property, where, v.walk.size() - 1, v.run));
  return f;
}

void print_simulation(const LgrModel& model, const SimulationSettings& s, const SimulationReport& r,
                      const std::string& from, std::ostream& out) {
  fmt::print(out, "simulate {}{}\n", config_title(model),
             model.variants().empty() ? "" : fmt::format(", variants: {}", fmt::join(model.variants().names(), ", ")));
  fmt::print(out, "seed {}, runs {}{}, depth {}, {}{}\n", s.seed, s.runs,
             s.first_run ? fmt::format(" from run {}", s.first_run) : "", s.depth,
             from.empty() ? "from the initial state" : fmt::format("from the end of {} ({} steps)", from, r.prefix_steps),
             s.weights.empty() ? ", uniform choice" : ", weighted choice");
  switch (r.outcome) {
    case SimulationOutcome::NoViolation:
      fmt::print(out, "verdict: no violation found (a sample, not a proof)\n");
      break;
    case SimulationOutcome::Incomplete:
      fmt::print(out, "verdict: incomplete ({}): no violation found in the {} whole runs before it\n", r.stop_reason,
                 r.runs);
      break;
    case SimulationOutcome::Violation: {
      const SimulationViolation& v = *r.violation;
      fmt::print(out, "verdict: violation found: {} in run {} (reproduce: --seed {} --first-run {} --runs 1)\n",
                 violated_names(v.violated), v.run, s.seed, v.run);
      fmt::print(out, "  walk: {} steps; shortest within the states seen: {}; shortened: {} steps\n",
                 v.walk.size() - 1,
                 v.shortest_within_seen ? fmt::format("{} steps", *v.shortest_within_seen) : std::string("not searched"),
                 v.shortened.size() - 1);
      break;
    }
  }
  fmt::print(out, "runs: {}, ended", r.runs);
  for (int e = 0; e < 4; ++e) fmt::print(out, "{} {} {}", e ? "," : "", r.ends[e], kEndWords[e]);
  fmt::print(out, "\n");
  fmt::print(out, "steps: {}, successors checked: {}\n", r.steps, r.successors_checked);
  fmt::print(out, "distinct states visited: {} ({})\n", r.distinct_states,
             r.distinct_exact ? "exact" : "estimated by HyperLogLog, about 1% error: the table of states was full");
  fmt::print(out, "steps per run: min {}, median {}, max {}\n", r.min_steps, r.median_steps, r.max_steps);
  std::size_t width = 6, never_taken = 0, never_enabled = 0;
  for (ActionIndex a = 0; a < r.taken.size(); ++a) width = std::max(width, action_instance_name(model, a).size());
  fmt::print(out, "actions: taken, enabled (in visited states)\n");
  for (ActionIndex a = 0; a < r.taken.size(); ++a) {
    never_taken += r.taken[a] == 0;
    never_enabled += r.enabled[a] == 0;
    fmt::print(out, "  {:<{}} {:>10} {:>10}{}\n", action_instance_name(model, a), width, r.taken[a], r.enabled[a],
               r.taken[a] ? "" : (r.enabled[a] ? "  never taken" : "  never enabled"));
  }
  fmt::print(out, "never taken: {} of {} action instances ({} never enabled)\n", never_taken, r.taken.size(),
             never_enabled);
  fmt::print(out, "time: {:.2f} s\n", r.seconds);
}

nlohmann::json simulation_json(const LgrModel& model, const SimulationSettings& s, const SimulationReport& r,
                               const std::string& from) {
  using nlohmann::json;
  json j;
  j["command"] = "simulate";
  j["config"] = model.config().path;
  j["config_name"] = model.config().name;
  j["variants"] = model.variants().names();
  j["seed"] = s.seed;
  j["first_run"] = s.first_run;
  j["runs_asked"] = s.runs;
  j["depth"] = s.depth;
  j["from"] = from.empty() ? json(nullptr) : json(from);
  j["prefix_steps"] = r.prefix_steps;
  j["verdict"] = outcome_name(r.outcome);
  if (r.outcome == SimulationOutcome::Incomplete) j["stop_reason"] = r.stop_reason;
  j["runs"] = r.runs;
  json ends;
  for (int e = 0; e < 4; ++e) ends[kEndNames[e]] = r.ends[e];
  j["run_ends"] = ends;
  j["steps"] = r.steps;
  j["successors_checked"] = r.successors_checked;
  j["distinct_states"] = {{"count", r.distinct_states}, {"exact", r.distinct_exact}};
  j["steps_per_run"] = {{"min", r.min_steps}, {"median", r.median_steps}, {"max", r.max_steps}};
  json actions = json::array();
  for (ActionIndex a = 0; a < r.taken.size(); ++a)
    actions.push_back({{"action", action_instance_name(model, a)}, {"taken", r.taken[a]}, {"enabled", r.enabled[a]}});
  j["actions"] = actions;
  if (r.violation) {
    const SimulationViolation& v = *r.violation;
    json violated = json::array();
    for (const auto& p : all_properties())
      if (v.violated & property_bit(p.id)) violated.push_back(p.name);
    j["violation"] = {{"property", property_info(v.property).name},
                      {"violated", violated},
                      {"run", v.run},
                      {"run_seed", v.run_seed},
                      {"walk_steps", v.walk.size() - 1},
                      {"shortest_within_seen",
                       v.shortest_within_seen ? json(*v.shortest_within_seen) : json(nullptr)},
                      {"shortened_steps", v.shortened.size() - 1}};
  }
  j["seconds"] = r.seconds;
  return j;
}

}  // namespace lgr
