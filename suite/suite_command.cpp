#include "suite/suite_command.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "checker/exit_codes.hpp"
#include "suite/junit_report.hpp"
#include "suite/suite_count_update.hpp"
#include "suite/suite_manifest.hpp"
#include "suite/suite_report.hpp"
#include "suite/suite_runner.hpp"

namespace lgr {
namespace {

int bad_input(std::ostream& err, const std::string& msg) {
  fmt::print(err, "lgrcheck: error: {}\n", msg);
  return exit_status::kBadInput;
}

// Writes through a temporary file and a rename, so that an interrupted
// write never leaves half a manifest or report behind.
bool write_file(const std::string& path, const std::string& text, std::string& why) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f || !(f << text) || !f.flush()) {
      why = std::strerror(errno);
      std::filesystem::remove(tmp);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    why = ec.message();
    std::filesystem::remove(tmp);
    return false;
  }
  return true;
}

std::vector<SuiteCase> selected_cases(const Manifest& m, const std::optional<std::regex>& filter) {
  std::vector<SuiteCase> out;
  for (const auto& c : m.cases)
    if (!filter || std::regex_search(c.name, *filter)) out.push_back(c);
  return out;
}

int update_counts(const SuiteArgs& a, const std::vector<CaseResult>& results, std::ostream& out, std::ostream& err) {
  std::ifstream in(a.manifest, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) return bad_input(err, fmt::format("{}: cannot read: {}", a.manifest, std::strerror(errno)));
  const CountRewrite rewrite = rewrite_counts(text.str(), results);
  fmt::print(out, "{}: {}\n", a.manifest, rewrite.changed ? "counts updated" : "counts unchanged");
  for (const auto& line : rewrite.lines) fmt::print(out, "  {}\n", line);
  std::string why;
  if (rewrite.changed && !write_file(a.manifest, rewrite.text, why))
    return bad_input(err, fmt::format("{}: cannot write: {}", a.manifest, why));
  return exit_status::kPass;
}

}  // namespace

int run_suite_command(const SuiteArgs& a, std::ostream& out, std::ostream& err) {
  if (a.threads < 1) return bad_input(err, "--threads must be at least 1");
  // Standard output carries the case lines that CI reads; a report there would garble both.
  if (a.json == "-" || a.junit == "-") return bad_input(err, "--json and --junit take a file name, not '-'");
  std::optional<std::regex> filter;
  if (!a.filter.empty()) {
    try {
      filter.emplace(a.filter);
    } catch (const std::regex_error& e) {
      return bad_input(err, fmt::format("--filter: '{}' is not a regular expression: {}", a.filter, e.what()));
    }
  }
  Manifest manifest;
  try {
    manifest = load_manifest(a.manifest);
  } catch (const ManifestError& e) {
    return bad_input(err, e.what());
  }
  const std::vector<SuiteCase> cases = selected_cases(manifest, filter);
  if (cases.empty()) return bad_input(err, fmt::format("--filter '{}' matches no case of {}", a.filter, a.manifest));

  SuiteRunOptions options;
  options.jobs = a.threads;
  options.judge_counts = !a.update_counts;
  options.interrupt = a.interrupt;
  const auto start = std::chrono::steady_clock::now();
  const std::vector<CaseResult> results = run_suite(cases, options, [&](const CaseResult& r) {
    fmt::print(out, "{}\n", case_line(r));
    out.flush();  // CI logs show each case as it ends
  });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  int status = tally(results).passed == results.size() ? exit_status::kPass : exit_status::kFail;
  std::string why;
  if (a.update_counts) {
    const int s = update_counts(a, results, out, err);
    if (s != exit_status::kPass) status = s;
  }
  if (!a.json.empty()) {
    if (write_file(a.json, suite_results_json(a.manifest, results).dump(2) + "\n", why))
      fmt::print(out, "JSON results: {}\n", a.json);
    else
      status = bad_input(err, fmt::format("cannot write --json file '{}': {}", a.json, why));
  }
  if (!a.junit.empty()) {
    if (write_file(a.junit, junit_xml(a.manifest, results, seconds), why))
      fmt::print(out, "JUnit report: {}\n", a.junit);
    else
      status = bad_input(err, fmt::format("cannot write --junit file '{}': {}", a.junit, why));
  }
  print_closing_lines(results, out);
  return status;
}

}  // namespace lgr
