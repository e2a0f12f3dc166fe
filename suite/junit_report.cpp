#include "suite/junit_report.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "suite/suite_report.hpp"

namespace lgr {
namespace {

// Length of the UTF-8 sequence at text[i], 0 when it is not valid UTF-8
// (an XML parser rejects the whole report for one such byte).
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return 0;
  return n;
}

}  // namespace

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char ch = text[i];
    const std::size_t n = utf8_length(text, i);
    if (n > 1) {
      out.append(text.substr(i, n));
      i += n;
      continue;
    }
    ++i;
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += attribute ? "&#9;" : "\t"; break;
      case '\n': out += attribute ? "&#10;" : "\n"; break;
      case '\r': out += "&#13;"; break;
      default: {
        const auto c = static_cast<unsigned char>(ch);
        out += (n == 0 || c < 0x20 || c == 0x7F) ? '?' : ch;
      }
    }
  }
  return out;
}

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
  x += fmt::format("  <testsuite name=\"{}\" {} skipped=\"0\">\n", xml_escape(suite_name, true), counts);
  for (const auto& r : results) {
    x += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{:.3f}\"", xml_escape(r.spec->name, true),
                     xml_escape(classname, true), r.seconds);
    if (r.status == CaseStatus::Pass) {
      x += "/>\n";
      continue;
    }
    const char* element = r.status == CaseStatus::Fail ? "failure" : "error";
    const char* type = r.status == CaseStatus::Fail ? "expectation" : "lgrcheck";
    x += fmt::format(">\n      <{0} message=\"{1}\" type=\"{2}\">{3}</{0}>\n    </testcase>\n", element,
                     xml_escape(r.message, true), type, xml_escape(case_details(r), false));
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

}  // namespace lgr
