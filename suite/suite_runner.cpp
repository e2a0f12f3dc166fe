#include "suite/suite_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

#include "suite/suite_expectations.hpp"
#include "suite/suite_replay.hpp"
#include "model/config.hpp"

namespace lgr {

const char* case_status_name(CaseStatus s) {
  switch (s) {
    case CaseStatus::Pass: return "pass";
    case CaseStatus::Fail: return "fail";
    case CaseStatus::Error: return "error";
  }
  return "?";
}

namespace {

CheckSettings settings_of(const SuiteCase& c, const SuiteRunOptions& options) {
  CheckSettings s;
  s.properties = c.properties;
  s.search.threads = c.threads;
  s.symmetry = c.symmetry;
  s.search.max_states = c.limits.max_states;
  s.search.time_limit = c.limits.time_limit;
  s.search.max_memory = c.limits.max_memory;
  s.search.interrupt = options.interrupt;
  return s;
}

// Replays every trace (all of them, for the JSON results); the first that
// does not replay, or cannot be read, decides the case.
void judge_replays(const SuiteCase& c, CaseResult& r) {
  for (const auto& trace : c.expect.replay) {
    ReplayOutcome o{trace.written, false, ""};
    bool error = false;
    try {
      const std::optional<std::string> unmet = unmet_replay(trace, c);
      o.ok = !unmet;
      o.message = unmet.value_or("");
    } catch (const std::exception& e) {
      error = true;
      o.message = fmt::format("replay {}: {}", trace.written, e.what());
    }
    if (!o.ok && r.status == CaseStatus::Pass) {
      r.status = error ? CaseStatus::Error : CaseStatus::Fail;
      r.message = o.message;
    }
    r.replays.push_back(std::move(o));
  }
}

void check_and_judge(const SuiteCase& c, const SuiteRunOptions& options, CaseResult& r) {
  const LgrModel model(load_config(c.config), parse_variants(c.variants));
  r.report = run_check(model, settings_of(c, options));
  const explorer::SearchResult& s = r.report->search;
  if (!s.complete()) {
    // A partial search may miss violations and has partial counts: judging
    // it could turn a limit into a pass or an "expected" violation.
    r.status = CaseStatus::Error;
    r.message = fmt::format("search incomplete ({} after {} states), so nothing is judged",
                            explorer::stop_reason_text(s.stop), s.states);
    return;
  }
  if (auto unmet = first_unmet_expectation(c.expect, *r.report, options.judge_counts)) {
    r.status = CaseStatus::Fail;
    r.message = *unmet;
  } else {
    r.status = CaseStatus::Pass;
  }
  judge_replays(c, r);
}

}  // namespace

CaseResult run_case(const SuiteCase& c, const SuiteRunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  CaseResult r;
  r.spec = &c;
  if (options.interrupt && options.interrupt->load()) {
    r.message = "not run: interrupted";
    return r;
  }
  try {
    check_and_judge(c, options, r);
  } catch (const std::exception& e) {
    r.status = CaseStatus::Error;
    r.message = e.what();
  } catch (...) {
    r.status = CaseStatus::Error;
    r.message = "unknown exception";
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

std::vector<CaseResult> run_suite(const std::vector<SuiteCase>& cases, const SuiteRunOptions& options,
                                  const std::function<void(const CaseResult&)>& on_result) {
  if (cases.empty()) return {};
  std::vector<std::optional<CaseResult>> done(cases.size());
  std::size_t reported = 0;
  std::mutex mutex;
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < cases.size(); i = next++) {
      CaseResult r = run_case(cases[i], options);
      std::lock_guard<std::mutex> lock(mutex);
      done[i] = std::move(r);
      for (; reported < done.size() && done[reported]; ++reported) on_result(*done[reported]);
    }
  };
  const std::size_t jobs = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(options.jobs, 1)), 1, cases.size());
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < jobs; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();

  std::vector<CaseResult> results;
  results.reserve(cases.size());
  for (auto& r : done) results.push_back(std::move(*r));
  return results;
}

}  // namespace lgr
