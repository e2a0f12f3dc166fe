#include "checker/swarm_check.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "checker/exit_codes.hpp"
#include "explorer/depth_first_search.hpp"
#include "explorer/random_walk.hpp"
#include "explorer/trace_shortening.hpp"
#include "properties/checked_model.hpp"

namespace lgr {
namespace {

using Clock = std::chrono::steady_clock;

// Replays the step-dropping pass may spend: each costs a replay of the
// trace, and depth-first traces can be hundreds of steps long.
constexpr uint64_t kShortenBudget = 4000;

explorer::LabelMask checked_mask(const SwarmSettings& s) {
  return s.properties ? (s.properties & state_properties_mask()) : state_properties_mask();
}

std::optional<PropertyId> first_found(const explorer::SearchResult& r, explorer::LabelMask checked) {
  for (const auto& p : all_properties())
    if ((checked & property_bit(p.id)) && r.findings[static_cast<int>(p.id)].found()) return p.id;
  return std::nullopt;
}

// The shared state of one swarm: which job is next, the lowest violating
// one so far, and each job's cancel flag (its search's interrupt).
struct Coordinator {
  explicit Coordinator(uint64_t n) : cancel(n) {}
  std::atomic<uint64_t> next{0};
  std::atomic<uint64_t> lowest_violation{UINT64_MAX};
  std::vector<std::atomic<bool>> cancel;
  std::atomic<bool> stop_all{false};  // time limit or signal

  void found_violation(uint64_t job) {
    uint64_t seen = lowest_violation.load();
    while (job < seen && !lowest_violation.compare_exchange_weak(seen, job)) {
    }
    for (uint64_t k = job + 1; k < cancel.size(); ++k) cancel[k].store(true);
  }
  void stop_everything() {
    stop_all.store(true);
    for (auto& c : cancel) c.store(true);
  }
};

void run_job(const CheckedModel& checked, const SwarmSettings& s, const std::vector<uint8_t>& groups,
             Clock::time_point deadline, Coordinator& c, SwarmJob& job, std::optional<SwarmViolation>& violation) {
  explorer::SearchOptions o;
  o.strategy = explorer::Strategy::DepthFirst;
  o.store = explorer::StoreKind::Bitstate;
  o.bitstate_bits = job.params.bitstate_bytes * 8;
  o.bitstate_hashes = job.params.hashes;
  o.hash_salt = job.params.salt;
  o.order_seed = job.params.order_seed;
  o.stop_at_first = true;
  o.stop_labels = checked_mask(s);
  o.max_states = s.max_states;
  o.action_groups = groups;
  o.interrupt = &c.cancel[job.params.index];
  if (s.time_limit > 0) {
    const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
    if (left <= 0) {
      c.stop_everything();
      return;
    }
    o.time_limit = left;
  }
  explorer::DepthFirstSearch<CheckedModel> dfs(checked, o);
  job.search = dfs.run();
  job.property = first_found(job.search, o.stop_labels);
  const bool cut = job.search.stop == explorer::StopReason::Interrupted ||
                   job.search.stop == explorer::StopReason::TimeLimit;
  if (job.property) {
    job.end = SwarmJobEnd::Violation;
    SwarmViolation v;
    v.job = job.params.index;
    v.property = *job.property;
    v.trace = dfs.path_to(job.search.findings[static_cast<int>(*job.property)].first_state);
    violation = std::move(v);
    c.found_violation(job.params.index);
  } else {
    job.end = cut ? SwarmJobEnd::Stopped : SwarmJobEnd::NoViolation;
  }
}

void shorten(const CheckedModel& checked, SwarmViolation& v, bool enabled) {
  if (!enabled) {
    v.shortened = v.trace;
    return;
  }
  std::vector<explorer::ActionId> actions;
  for (std::size_t k = 1; k < v.trace.size(); ++k) actions.push_back(v.trace[k].action);
  const explorer::StateWord* start = v.trace.front().state.data();
  actions = explorer::drop_steps(checked, start, std::move(actions), property_bit(v.property), kShortenBudget);
  v.shortened = explorer::replay_path(checked, start, actions);
}

}  // namespace

SwarmJobParams swarm_job_params(const SwarmSettings& s, uint64_t index) {
  SwarmJobParams p;
  p.index = index;
  // Two streams of one seed; 0 would mean "no salt" / "the model's order".
  p.salt = std::max<uint64_t>(1, explorer::run_seed(s.seed, 2 * index));
  p.order_seed = std::max<uint64_t>(1, explorer::run_seed(s.seed, 2 * index + 1));
  p.bitstate_bytes = std::max<uint64_t>(8, s.memory / std::max<uint64_t>(1, s.jobs) / 8 * 8);
  p.hashes = s.hashes;
  return p;
}

const char* swarm_job_end_name(SwarmJobEnd e) {
  switch (e) {
    case SwarmJobEnd::NoViolation: return "no violation";
    case SwarmJobEnd::Violation: return "violation";
    case SwarmJobEnd::Stopped: return "stopped";
    case SwarmJobEnd::NotRun: return "not run";
    case SwarmJobEnd::NotCounted: return "not counted";
  }
  return "?";
}

const char* swarm_outcome_name(SwarmOutcome o) {
  switch (o) {
    case SwarmOutcome::NoViolation: return "no violation found";
    case SwarmOutcome::Violation: return "fail";
    case SwarmOutcome::Incomplete: return "incomplete";
  }
  return "?";
}

int exit_code(SwarmOutcome o) {
  return o == SwarmOutcome::Violation ? exit_status::kFail : exit_status::kIncomplete;
}

SwarmReport run_swarm(const LgrModel& model, const SwarmSettings& s) {
  const auto started = Clock::now();
  const auto deadline = started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s.time_limit));
  const CheckedModel checked(model);
  const std::vector<uint8_t> groups = action_kind_groups(model);
  SwarmReport r;
  r.jobs.resize(s.jobs);
  for (uint64_t i = 0; i < s.jobs; ++i) r.jobs[i].params = swarm_job_params(s, i);
  std::vector<std::optional<SwarmViolation>> violations(s.jobs);
  Coordinator c(s.jobs);

  std::mutex mutex;
  std::condition_variable done;
  int running = std::max(1, s.threads);
  auto worker = [&] {
    for (;;) {
      const uint64_t i = c.next.fetch_add(1);
      if (i >= s.jobs) break;
      if (i > c.lowest_violation.load() || c.stop_all.load()) continue;  // cannot be reported
      run_job(checked, s, groups, deadline, c, r.jobs[i], violations[i]);
    }
    std::lock_guard lock(mutex);
    if (--running == 0) done.notify_all();
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < std::max(1, s.threads); ++t) threads.emplace_back(worker);
  {
    // This thread watches the signal flag; the jobs watch their own clocks.
    std::unique_lock lock(mutex);
    while (running > 0) {
      done.wait_for(lock, std::chrono::milliseconds(20));
      if (s.interrupt && s.interrupt->load() && !c.stop_all.load()) {
        r.stop_reason = "interrupted";
        c.stop_everything();
      }
    }
  }
  for (auto& t : threads) t.join();

  const uint64_t lowest = c.lowest_violation.load();
  r.counted_jobs = lowest == UINT64_MAX ? s.jobs : lowest + 1;
  bool stopped = false;
  explorer::ActionCoverage summed;
  for (uint64_t i = 0; i < s.jobs; ++i) {
    SwarmJob& job = r.jobs[i];
    if (i >= r.counted_jobs) {
      job.end = SwarmJobEnd::NotCounted;
      job.search = {};
      job.property.reset();
      continue;
    }
    stopped |= job.end == SwarmJobEnd::Stopped || job.end == SwarmJobEnd::NotRun;
    if (job.end == SwarmJobEnd::NotRun) continue;
    r.states += job.search.states;
    r.transitions += job.search.transitions;
    r.max_depth = std::max(r.max_depth, job.search.depth);
    const auto& t = job.search.coverage;
    summed.transitions.resize(std::max(summed.transitions.size(), t.transitions.size()), 0);
    summed.group_states.resize(std::max(summed.group_states.size(), t.group_states.size()), 0);
    for (std::size_t a = 0; a < t.transitions.size(); ++a) summed.transitions[a] += t.transitions[a];
    for (std::size_t g = 0; g < t.group_states.size(); ++g) summed.group_states[g] += t.group_states[g];
  }
  r.coverage = coverage_report(model, summed);
  for (const auto& i : r.coverage.instances) r.actions_taken += i.transitions > 0;
  if (lowest != UINT64_MAX) {
    r.outcome = SwarmOutcome::Violation;
    r.violation = std::move(violations[lowest]);
    shorten(checked, *r.violation, s.shorten);
  } else if (stopped) {
    r.outcome = SwarmOutcome::Incomplete;
    if (r.stop_reason.empty()) r.stop_reason = "time limit";
  }
  r.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return r;
}

}  // namespace lgr
