#include "checker/swarm_report.hpp"

#include "checker/check_runner.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>

namespace lgr {
namespace {

uint64_t actions_taken(const explorer::ActionCoverage& c) {
  uint64_t n = 0;
  for (uint64_t t : c.transitions) n += t > 0;
  return n;
}

std::string job_result(const SwarmJob& j) {
  switch (j.end) {
    case SwarmJobEnd::Violation:
      return fmt::format("{} violated at depth {}", property_info(*j.property).name,
                         j.search.findings[static_cast<int>(*j.property)].depth);
    case SwarmJobEnd::NoViolation:
      return j.search.complete() ? "no violation" : fmt::format("no violation ({})", explorer::stop_reason_text(j.search.stop));
    case SwarmJobEnd::Stopped: return fmt::format("stopped ({})", explorer::stop_reason_text(j.search.stop));
    case SwarmJobEnd::NotRun: return "not run (the time limit or a signal came first)";
    case SwarmJobEnd::NotCounted: return "not counted (a lower job found a violation)";
  }
  return "?";
}

std::string rerun_line(const LgrModel& model, const SwarmSettings& s, const SwarmJobParams& p) {
  return fmt::format("lgrcheck check {} {}", model.config().path, fmt::join(swarm_job_rerun_args(model, s, p), " "));
}

}  // namespace

std::vector<std::string> swarm_job_rerun_args(const LgrModel& model, const SwarmSettings& s, const SwarmJobParams& p) {
  std::vector<std::string> a;
  if (!model.variants().empty()) a.insert(a.end(), {"--variant", fmt::format("{}", fmt::join(model.variants().names(), ","))});
  if (s.properties) {
    std::vector<std::string> names;
    for (const auto& info : all_properties())
      if (s.properties & property_bit(info.id)) names.emplace_back(info.name);
    a.insert(a.end(), {"--properties", fmt::format("{}", fmt::join(names, ","))});
  }
  a.insert(a.end(), {"--strategy", "dfs", "--bitstate", std::to_string(p.bitstate_bytes), "--bitstate-hashes",
                     std::to_string(p.hashes), "--hash-salt", std::to_string(p.salt), "--order-seed",
                     std::to_string(p.order_seed), "--stop-at-first"});
  if (s.max_states) a.insert(a.end(), {"--max-states", std::to_string(s.max_states)});
  return a;
}

void print_swarm(const LgrModel& model, const SwarmSettings& s, const SwarmReport& r, bool with_coverage,
                 std::ostream& out) {
  const auto variants = model.variants().names();
  fmt::print(out, "lgrcheck: {}{}\n", model.config().path,
             variants.empty() ? "" : fmt::format(" (variant {})", fmt::join(variants, ", ")));
  const SwarmJobParams first = swarm_job_params(s, 0);
  fmt::print(out,
             "  swarm: {} bitstate depth-first jobs, seed {}, {} threads; each job {} bytes of bits ({:.1f} MiB), "
             "{} bits per state, its own hash salt and successor order; each stops at its first violation\n",
             s.jobs, s.seed, s.threads, first.bitstate_bytes, first.bitstate_bytes / 1048576.0, first.hashes);
  fmt::print(out, "  {:>5} {:>20} {:>20} {:>10} {:>11} {:>6} {:>8} {:>9} {:>8}  {}\n", "job", "salt", "order", "states",
             "transitions", "depth", "fill", "lost", "actions", "result");
  for (const SwarmJob& j : r.jobs) {
    if (j.end == SwarmJobEnd::NotCounted || j.end == SwarmJobEnd::NotRun) {
      fmt::print(out, "  {:>5} {:>20} {:>20} {:>10} {:>11} {:>6} {:>8} {:>9} {:>8}  {}\n", j.params.index, j.params.salt,
                 j.params.order_seed, "-", "-", "-", "-", "-", "-", job_result(j));
      continue;
    }
    fmt::print(out, "  {:>5} {:>20} {:>20} {:>10} {:>11} {:>6} {:>7.3f}% {:>9.3g} {:>8}  {}\n", j.params.index,
               j.params.salt, j.params.order_seed, j.search.states, j.search.transitions, j.search.depth,
               100 * j.search.bitstate_fill, j.search.expected_missed, actions_taken(j.search.coverage), job_result(j));
  }
  fmt::print(out, "  (lost: the expected number of states a job lost directly, its bits all set by others)\n");
  fmt::print(out, "  counted jobs 0..{}: states {} and transitions {} summed over the jobs (they overlap), deepest {}\n",
             r.counted_jobs ? r.counted_jobs - 1 : 0, r.states, r.transitions, r.max_depth);
  std::vector<std::string> never;
  for (const auto& i : r.coverage.instances)
    if (i.transitions == 0) never.push_back(i.name);
  // A big cluster has hundreds of instances: name the first few.
  constexpr std::size_t kNamed = 12;
  const std::size_t untold = never.size() > kNamed ? never.size() - kNamed : 0;
  never.resize(std::min(never.size(), kNamed));
  fmt::print(out, "  action instances taken by some job: {} of {}{}{}\n", r.actions_taken, r.coverage.instances.size(),
             never.empty() ? "" : fmt::format("; never taken: {}", fmt::join(never, ", ")),
             untold ? fmt::format(" and {} more (--coverage lists them all)", untold) : "");
  if (with_coverage) print_coverage(r.coverage, out);
  fmt::print(out, "  under bounds: {}\n", bounds_text(model.config().bounds));
  if (r.outcome == SwarmOutcome::Incomplete) fmt::print(out, "  swarm incomplete: {}\n", r.stop_reason);
  if (r.violation) {
    const SwarmViolation& v = *r.violation;
    fmt::print(out, "  {:<17} VIOLATED  found by job {}: depth-first counterexample {} steps, {} after shortening\n",
               property_info(v.property).name, v.job, v.trace.size() - 1, v.shortened.size() - 1);
    fmt::print(out, "  rerun job {} alone: {}\n", v.job, rerun_line(model, s, r.jobs[v.job].params));
  } else {
    fmt::print(out, "  rerun job I alone, e.g. job 0: {}\n", rerun_line(model, s, first));
  }
  if (r.outcome == SwarmOutcome::Violation)
    fmt::print(out, "verdict: fail\n");
  else if (r.outcome == SwarmOutcome::Incomplete)
    fmt::print(out, "verdict: incomplete (no violation found so far; a swarm is never a proof)\n");
  else
    fmt::print(out, "verdict: no violation found (a swarm is not a proof: {} of {} action instances taken)\n",
               r.actions_taken, r.coverage.instances.size());
}

nlohmann::json swarm_json(const LgrModel& model, const SwarmSettings& s, const SwarmReport& r) {
  using nlohmann::json;
  json j;
  j["config"] = model.config().path;
  j["name"] = model.config().name;
  j["variants"] = model.variants().names();
  j["verdict"] = swarm_outcome_name(r.outcome);
  if (r.outcome == SwarmOutcome::Incomplete) j["stop_reason"] = r.stop_reason;
  const SwarmJobParams first = swarm_job_params(s, 0);
  j["swarm"] = {{"jobs", s.jobs},
                {"seed", s.seed},
                {"threads", s.threads},
                {"bitstate_bytes_per_job", first.bitstate_bytes},
                {"hashes", first.hashes},
                {"counted_jobs", r.counted_jobs}};
  json jobs = json::array();
  for (const SwarmJob& job : r.jobs) {
    json e = {{"index", job.params.index},
              {"salt", job.params.salt},
              {"order_seed", job.params.order_seed},
              {"result", swarm_job_end_name(job.end)},
              {"rerun", swarm_job_rerun_args(model, s, job.params)}};
    if (job.end != SwarmJobEnd::NotCounted && job.end != SwarmJobEnd::NotRun) {
      e["states"] = job.search.states;
      e["transitions"] = job.search.transitions;
      e["depth"] = job.search.depth;
      e["stop_reason"] = explorer::stop_reason_text(job.search.stop);
      e["bitstate_fill"] = job.search.bitstate_fill;
      e["expected_missed"] = job.search.expected_missed;
      e["omission_probability"] = job.search.omission_probability;
      e["actions_taken"] = actions_taken(job.search.coverage);
      e["seconds"] = job.search.seconds;
    }
    if (job.property) e["property"] = property_info(*job.property).name;
    jobs.push_back(std::move(e));
  }
  j["jobs"] = jobs;
  j["states"] = r.states;
  j["transitions"] = r.transitions;
  j["depth"] = r.max_depth;
  j["actions_taken"] = r.actions_taken;
  j["actions_total"] = r.coverage.instances.size();
  j["coverage"] = coverage_json(r.coverage);
  j["seconds"] = r.seconds;
  if (r.violation) {
    const SwarmViolation& v = *r.violation;
    json labels = json::array();
    for (std::size_t k = 1; k < v.shortened.size(); ++k)
      labels.push_back(model.label(v.shortened[k].action, model.decode(v.shortened[k - 1].state.data())));
    j["violation"] = {{"job", v.job},
                      {"property", property_info(v.property).name},
                      {"trace_length", v.trace.size() - 1},
                      {"shortened_length", v.shortened.size() - 1},
                      {"counterexample", labels}};
  }
  return j;
}

}  // namespace lgr
