#include "suite/suite_report.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

namespace lgr {

SuiteTally tally(const std::vector<CaseResult>& results) {
  SuiteTally t;
  for (const auto& r : results) {
    if (r.status == CaseStatus::Pass) ++t.passed;
    else if (r.status == CaseStatus::Fail) ++t.failed;
    else ++t.errors;
  }
  return t;
}

std::string case_line(const CaseResult& r) {
  switch (r.status) {
    case CaseStatus::Pass:
      return fmt::format("PASS {} (states {}, {:.2f} s)", r.spec->name, r.report->search.states, r.seconds);
    case CaseStatus::Fail: return fmt::format("FAIL {}: {}", r.spec->name, r.message);
    case CaseStatus::Error: return fmt::format("ERROR {}: {}", r.spec->name, r.message);
  }
  return "?";
}

void print_closing_lines(const std::vector<CaseResult>& results, std::ostream& out) {
  const SuiteTally t = tally(results);
  if (t.errors > 0) {
    std::vector<std::string> names;
    for (const auto& r : results)
      if (r.status == CaseStatus::Error) names.push_back(r.spec->name);
    fmt::print(out, "{} error{} (counted as failed): {}\n", t.errors, t.errors == 1 ? "" : "s", fmt::join(names, ", "));
  }
  fmt::print(out, "{} passed, {} failed\n", t.passed, t.failed + t.errors);
}

namespace {

nlohmann::ordered_json case_json(const CaseResult& r) {
  nlohmann::ordered_json j;
  j["name"] = r.spec->name;
  j["status"] = case_status_name(r.status);
  j["message"] = r.message;
  j["config"] = r.spec->config;
  j["variants"] = r.spec->variants;
  j["seconds"] = r.seconds;
  if (r.report) {
    const explorer::SearchResult& s = r.report->search;
    j["verdict"] = verdict_name(r.report->verdict);
    j["complete"] = s.complete();
    j["states"] = s.states;
    j["transitions"] = s.transitions;
    j["depth"] = s.depth;
    j["search_seconds"] = s.seconds;
    j["threads"] = s.threads;
    nlohmann::ordered_json props = nlohmann::ordered_json::object();
    for (const auto& p : r.report->properties) {
      nlohmann::ordered_json e;
      e["holds"] = p.holds;
      if (!p.holds) e["trace_length"] = p.trace_length;
      props[property_info(p.id).name] = e;
    }
    j["properties"] = props;
  }
  nlohmann::ordered_json replays = nlohmann::ordered_json::array();
  for (const auto& o : r.replays) replays.push_back({{"trace", o.trace}, {"ok", o.ok}, {"message", o.message}});
  j["replay"] = replays;
  return j;
}

}  // namespace

nlohmann::ordered_json suite_results_json(const std::string& manifest, const std::vector<CaseResult>& results) {
  const SuiteTally t = tally(results);
  double seconds = 0;
  nlohmann::ordered_json cases = nlohmann::ordered_json::array();
  for (const auto& r : results) {
    seconds += r.seconds;
    cases.push_back(case_json(r));
  }
  nlohmann::ordered_json j;
  j["manifest"] = manifest;
  j["passed"] = t.passed;
  j["failed"] = t.failed;
  j["errors"] = t.errors;
  j["case_seconds"] = seconds;
  j["cases"] = cases;
  return j;
}

}  // namespace lgr
