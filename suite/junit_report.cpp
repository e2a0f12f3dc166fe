#include "suite/junit_report.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "counterexamples/xml_text.hpp"
#include "suite/suite_report.hpp"

namespace lgr {
namespace {

// What a reader of the report needs to reproduce the case by hand.
std::string case_details(const CaseResult& r) {
  std::string d = r.message + "\nconfig: " + r.spec->config;
  if (!r.spec->variants.empty()) d += fmt::format("\nvariants: {}", fmt::join(r.spec->variants, ", "));
  if (r.report)
    d += fmt::format("\nverdict: {}, states {}, transitions {}", verdict_name(r.report->verdict),
                     r.report->search.states, r.report->search.transitions);
  return d;
}

}  // namespace

std::string junit_xml(const std::string& suite_name, const std::vector<CaseResult>& results, double seconds) {
  const SuiteTally t = tally(results);
  const std::string classname = "lgrcheck." + std::filesystem::path(suite_name).stem().string();
  const std::string counts =
      fmt::format("tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3f}\"", results.size(), t.failed, t.errors, seconds);
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += fmt::format("<testsuites name=\"lgrcheck suite\" {}>\n", counts);
  x += fmt::format("  <testsuite name=\"{}\" {} skipped=\"0\">\n", xml_escaped(suite_name, true), counts);
  for (const auto& r : results) {
    x += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{:.3f}\"", xml_escaped(r.spec->name, true),
                     xml_escaped(classname, true), r.seconds);
    if (r.status == CaseStatus::Pass) {
      x += "/>\n";
      continue;
    }
    const char* element = r.status == CaseStatus::Fail ? "failure" : "error";
    const char* type = r.status == CaseStatus::Fail ? "expectation" : "lgrcheck";
    x += fmt::format(">\n      <{0} message=\"{1}\" type=\"{2}\">{3}</{0}>\n    </testcase>\n", element,
                     xml_escaped(r.message, true), type, xml_escaped(case_details(r), false));
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

}  // namespace lgr
