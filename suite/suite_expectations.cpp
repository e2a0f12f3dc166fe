#include "suite/suite_expectations.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace lgr {
namespace {

std::string steps(uint32_t n) { return fmt::format("{} step{}", n, n == 1 ? "" : "s"); }

std::optional<std::string> unmet_property(PropertyId id, bool expect_holds, const CheckReport& report) {
  const char* name = property_info(id).name;
  const PropertyOutcome* o = report.find(id);
  if (o == nullptr) return fmt::format("expected {} {}, but it was not checked", name, expect_holds ? "holds" : "violated");
  if (expect_holds && !o->holds)
    return fmt::format("expected {} holds, but it is violated (shortest counterexample {})", name, steps(o->trace_length));
  if (!expect_holds && o->holds) return fmt::format("expected {} violated, but it holds", name);
  return std::nullopt;
}

std::optional<std::string> unmet_trace_length(PropertyId id, uint32_t length, const CheckReport& report) {
  if (auto unmet = unmet_property(id, false, report)) return unmet;
  const PropertyOutcome* o = report.find(id);
  if (o->trace_length != length)
    return fmt::format("expected a shortest {} counterexample of {}, but it has {}", property_info(id).name,
                       steps(length), steps(o->trace_length));
  return std::nullopt;
}

std::optional<std::string> unmet_verdict(Verdict expected, const CheckReport& report) {
  if (report.verdict == expected) return std::nullopt;
  if (expected == Verdict::Fail) return std::string("expected verdict fail, but every checked property holds");
  for (const auto& p : report.properties)
    if (!p.holds)
      return fmt::format("expected verdict pass, but {} is violated (shortest counterexample {})",
                         property_info(p.id).name, steps(p.trace_length));
  return fmt::format("expected verdict {}, but it is {}", verdict_name(expected), verdict_name(report.verdict));
}

std::optional<std::string> unmet_count(const std::optional<uint64_t>& expected, uint64_t found, const char* what) {
  if (!expected || *expected == found) return std::nullopt;
  return fmt::format("expected {} {}, but found {}", *expected, what, found);
}

std::optional<std::string> unmet_warnings(const std::optional<std::vector<std::string>>& expected,
                                          const CheckReport& report) {
  if (!expected) return std::nullopt;
  std::vector<std::string> found;
  for (const auto& w : report.warnings) found.push_back(w.code);
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  if (found == *expected) return std::nullopt;
  auto listed = [](const std::vector<std::string>& codes) {
    return codes.empty() ? std::string("none") : fmt::format("{}", fmt::join(codes, ", "));
  };
  std::string first = report.warnings.empty() ? "" : " (" + report.warnings.front().message + ")";
  for (const auto& w : report.warnings)
    if (std::find(expected->begin(), expected->end(), w.code) == expected->end()) {
      first = " (" + w.message + ")";
      break;
    }
  return fmt::format("expected warnings {}, but found {}{}", listed(*expected), listed(found), first);
}

}  // namespace

std::optional<std::string> first_unmet_expectation(const CaseExpect& expect, const CheckReport& report,
                                                   bool judge_counts) {
  for (const auto& [id, holds] : expect.properties)
    if (auto unmet = unmet_property(id, holds, report)) return unmet;
  for (const auto& [id, length] : expect.trace_length)
    if (auto unmet = unmet_trace_length(id, length, report)) return unmet;
  if (auto unmet = unmet_verdict(expect.verdict, report)) return unmet;
  if (auto unmet = unmet_warnings(expect.warnings, report)) return unmet;
  if (!judge_counts) return std::nullopt;
  if (auto unmet = unmet_count(expect.states, report.search.states, "states")) return unmet;
  return unmet_count(expect.transitions, report.search.transitions, "transitions");
}

}  // namespace lgr
