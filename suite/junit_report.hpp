// JUnit XML for `lgrcheck suite --junit`, in the shape GitLab and Jenkins
// read: one <testsuite>, one <testcase> per case, <failure> for an unmet
// expectation and <error> for a case that could not be judged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "suite/suite_runner.hpp"

namespace lgr {


// `suite_name`: the manifest path; `seconds`: wall time of the whole run.
std::string junit_xml(const std::string& suite_name, const std::vector<CaseResult>& results, double seconds);

}  // namespace lgr
