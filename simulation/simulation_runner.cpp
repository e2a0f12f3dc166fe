#include "simulation/simulation_runner.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "checker/exit_codes.hpp"
#include "explorer/seen_states.hpp"
#include "explorer/trace_shortening.hpp"
#include "properties/checked_model.hpp"

namespace lgr {
namespace {

// Runs a batch's walks in parallel; merging waits for the whole batch. The
// batch size depends on the depth alone (not the thread count), so which
// runs are merged before a violation stops the simulation is the same for
// any thread count; deep walks get smaller batches, each walk keeping its
// states until the merge.
uint64_t batch_size(uint32_t depth) {
  return std::clamp<uint64_t>((uint64_t{1} << 21) / (uint64_t{depth} + 1), 1, 64);
}

// Raises `stop` at the deadline or on the interrupt flag, checking every 20 ms.
class Watchdog {
 public:
  Watchdog(std::atomic<bool>& stop, double seconds, const std::atomic<bool>* interrupt)
      : stop_(stop), interrupt_(interrupt) {
    if (seconds <= 0 && !interrupt) return;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    thread_ = std::thread([this, seconds, deadline] {
      std::unique_lock lock(mutex_);
      while (!done_) {
        if (interrupt_ && interrupt_->load()) {
          reason_ = "interrupted";
        } else if (seconds > 0 && std::chrono::steady_clock::now() >= deadline) {
          reason_ = "time limit";
        }
        if (!reason_.empty()) {
          stop_.store(true);
          return;
        }
        wake_.wait_for(lock, std::chrono::milliseconds(20));
      }
    });
  }
  ~Watchdog() { finish(); }
  void finish() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  std::string reason() {
    std::lock_guard lock(mutex_);
    return reason_;
  }

 private:
  std::atomic<bool>& stop_;
  const std::atomic<bool>* interrupt_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::string reason_;
  std::thread thread_;
};

std::vector<explorer::PathStep> walk_path(const std::vector<explorer::PathStep>& prefix, const explorer::Walk& w,
                                          std::size_t words) {
  std::vector<explorer::PathStep> path = prefix;
  for (std::size_t k = 0; k < w.steps(); ++k) {
    const auto* s = w.states.data() + (k + 1) * words;
    path.push_back({w.actions[k], std::vector<explorer::StateWord>(s, s + words)});
  }
  return path;
}

PropertyId first_property(explorer::LabelMask m) {
  for (const auto& p : all_properties())
    if (m & property_bit(p.id)) return p.id;
  return PropertyId::SingleInstance;
}

void shorten(const CheckedModel& checked, explorer::SeenStates& seen, SimulationViolation& v) {
  for (const auto& step : v.walk) seen.insert(step.state.data(), true);  // the whole walk is searchable
  const explorer::StateWord* start = v.walk.front().state.data();
  const explorer::LabelMask target = property_bit(v.property);
  std::vector<explorer::ActionId> actions;
  for (std::size_t k = 1; k < v.walk.size(); ++k) actions.push_back(v.walk[k].action);
  if (auto within = explorer::shortest_within(checked, seen, start, target)) {
    v.shortest_within_seen = within->size();
    actions = *within;
  }
  actions = explorer::drop_steps(checked, start, std::move(actions), target);
  v.shortened = explorer::replay_path(checked, start, actions);
}

}  // namespace

const char* outcome_name(SimulationOutcome o) {
  switch (o) {
    case SimulationOutcome::NoViolation: return "no violation found";
    case SimulationOutcome::Violation: return "violation found";
    case SimulationOutcome::Incomplete: return "incomplete";
  }
  return "?";
}

int exit_code(SimulationOutcome o) {
  switch (o) {
    case SimulationOutcome::NoViolation: return exit_status::kPass;
    case SimulationOutcome::Violation: return exit_status::kFail;
    case SimulationOutcome::Incomplete: return exit_status::kIncomplete;
  }
  return exit_status::kInternal;
}

SimulationReport run_simulation(const LgrModel& model, const SimulationSettings& s) {
  const auto started = std::chrono::steady_clock::now();
  const CheckedModel checked(model);
  const std::size_t n = model.state_words();
  SimulationReport r;
  r.taken.assign(model.actions().size(), 0);
  r.enabled.assign(model.actions().size(), 0);

  std::vector<explorer::PathStep> prefix = s.prefix;
  if (prefix.empty()) {
    prefix.push_back({0, std::vector<explorer::StateWord>(n)});
    model.initial(prefix.front().state.data());
  }
  r.prefix_steps = prefix.size() - 1;
  explorer::SeenStates seen(n, s.max_seen_bytes);
  for (const auto& step : prefix) seen.insert(step.state.data(), true);

  std::atomic<bool> stop{false};
  Watchdog watchdog(stop, s.time_limit, s.interrupt);
  explorer::WalkOptions options;
  options.depth = s.depth;
  options.weights = s.weights;
  options.watched = state_properties_mask();
  options.stop = &stop;

  const uint64_t batch = batch_size(s.depth);
  std::vector<explorer::Walk> walks(std::min(batch, std::max<uint64_t>(s.runs, 1)));
  std::map<uint32_t, uint64_t> lengths;  // steps -> runs: a run costs more than a map insertion
  tbb::task_arena arena(std::max(1, s.threads));
  const explorer::StateWord* start = prefix.back().state.data();
  bool finished = false;
  for (uint64_t first = 0; first < s.runs && !finished; first += batch) {
    const uint64_t count = std::min(batch, s.runs - first);
    arena.execute([&] {
      tbb::parallel_for(uint64_t{0}, count, [&](uint64_t k) {
        explorer::random_walk(checked, start, explorer::run_seed(s.seed, s.first_run + first + k), options, walks[k]);
      });
    });
    for (uint64_t k = 0; k < count; ++k) {
      const explorer::Walk& w = walks[k];
      if (w.end == explorer::WalkEnd::Stopped) {
        r.outcome = SimulationOutcome::Incomplete;
        finished = true;
        break;
      }
      ++r.runs;
      r.steps += w.steps();
      r.successors_checked += w.successors_checked;
      ++r.ends[static_cast<int>(w.end)];
      ++lengths[static_cast<uint32_t>(w.steps())];
      for (explorer::ActionId a : w.actions) ++r.taken[a];
      for (explorer::ActionId a : w.enabled) ++r.enabled[a];
      for (std::size_t i = 0; i <= w.steps(); ++i) seen.insert(w.states.data() + i * n);
      if (w.end == explorer::WalkEnd::Violation) {
        SimulationViolation v;
        v.run = s.first_run + first + k;
        v.run_seed = explorer::run_seed(s.seed, v.run);
        v.violated = w.violated;
        v.property = first_property(w.violated);
        v.walk = walk_path(prefix, w, n);
        r.violation = std::move(v);
        r.outcome = SimulationOutcome::Violation;
        finished = true;
        break;
      }
    }
  }
  watchdog.finish();
  if (r.outcome == SimulationOutcome::Incomplete) r.stop_reason = watchdog.reason();
  r.distinct_exact = seen.exact();
  r.distinct_states = seen.exact() ? seen.size() : seen.estimate();
  r.seen_bytes = seen.bytes();
  if (!lengths.empty()) {
    r.min_steps = lengths.begin()->first;
    r.max_steps = lengths.rbegin()->first;
    uint64_t below = 0;  // the lower median: the ((runs - 1) / 2)-th length in order
    for (const auto& [steps, runs] : lengths) {
      below += runs;
      if (below > (r.runs - 1) / 2) {
        r.median_steps = steps;
        break;
      }
    }
  }
  if (r.violation && s.shorten) shorten(checked, seen, *r.violation);
  if (r.violation && !s.shorten) r.violation->shortened = r.violation->walk;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace lgr
