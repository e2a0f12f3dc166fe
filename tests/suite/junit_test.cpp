// `lgrcheck suite --junit`: well-formed XML (parsed back with
// Boost.PropertyTree) with the right counts, names and messages.
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <catch2/catch.hpp>
#include <sstream>

#include "suite/junit_report.hpp"
#include "counterexamples/xml_text.hpp"
#include "tests/suite/suite_fixture.hpp"

using namespace lgr::suite_testing;
namespace pt = boost::property_tree;

TEST_CASE("suite: the JUnit report parses back with the right counts and messages", "[suite]") {
  TempDir dir;
  const std::string basic = example("ssi2-basic.json");
  const std::string broken = dir.path("it's & <broken>.json");
  const std::string path = dir.write("m.json", R"({"cases": [
    {"name": "a<b & \"c\"", "config": ")" + basic + R"(", "expect": {"verdict": "pass", "states": 606}},
    {"name": "wrong", "config": ")" + basic + R"(", "expect": {"verdict": "fail", "properties": {"Capacity": "violated"}}},
    {"name": "broken", "config": ")" + broken + R"(", "expect": {"verdict": "pass"}},
    {"name": "also-wrong", "config": ")" + basic + R"(", "expect": {"verdict": "pass", "transitions": 3}}
  ]})");
  SuiteArgs args;
  args.junit = dir.path("report.xml");
  const SuiteRun r = run_suite(path, args);
  CHECK(r.status == 1);
  CHECK(without_times(r.out).find("JUnit report: " + dir.path("report.xml") + "\n1 error (counted as failed): broken\n"
                                  "1 passed, 3 failed\n") != std::string::npos);

  std::istringstream xml(dir.read("report.xml"));
  pt::ptree doc;
  REQUIRE_NOTHROW(pt::read_xml(xml, doc));
  const pt::ptree& suites = doc.get_child("testsuites");
  CHECK(suites.get<int>("<xmlattr>.tests") == 4);
  CHECK(suites.get<int>("<xmlattr>.failures") == 2);
  CHECK(suites.get<int>("<xmlattr>.errors") == 1);
  CHECK(suites.count("testsuite") == 1);
  const pt::ptree& suite = suites.get_child("testsuite");
  CHECK(suite.get<std::string>("<xmlattr>.name") == path);
  CHECK(suite.get<int>("<xmlattr>.tests") == 4);
  CHECK(suite.get<int>("<xmlattr>.failures") == 2);
  CHECK(suite.get<int>("<xmlattr>.errors") == 1);
  CHECK(suite.get<double>("<xmlattr>.time") >= 0);

  std::vector<std::string> names, outcomes;
  for (const auto& [tag, tc] : suite) {
    if (tag != "testcase") continue;
    names.push_back(tc.get<std::string>("<xmlattr>.name"));
    CHECK(tc.get<std::string>("<xmlattr>.classname") == "lgrcheck.m");
    CHECK(tc.get<double>("<xmlattr>.time") >= 0);
    if (auto f = tc.get_child_optional("failure")) {
      outcomes.push_back("failure: " + f->get<std::string>("<xmlattr>.message"));
      CHECK(f->get_value<std::string>().rfind(f->get<std::string>("<xmlattr>.message") + "\nconfig: " + basic, 0) == 0);
    } else if (auto e = tc.get_child_optional("error")) {
      outcomes.push_back("error: " + e->get<std::string>("<xmlattr>.message"));
    } else {
      outcomes.push_back("pass");
    }
  }
  CHECK(names == std::vector<std::string>{"a<b & \"c\"", "wrong", "broken", "also-wrong"});
  CHECK(outcomes == std::vector<std::string>{
                        "pass",
                        "failure: expected Capacity violated, but it holds",
                        "error: " + broken + ": cannot open: No such file or directory",
                        "failure: expected 3 transitions, but found 3016",
                    });
}

TEST_CASE("suite: XML escaping keeps text that XML 1.0 forbids out of the report", "[suite]") {
  using lgr::xml_escaped;
  CHECK(xml_escaped("a<b>&\"c\"'d'", true) == "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
  CHECK(xml_escaped("line\none\ttab\r", true) == "line&#10;one&#9;tab&#13;");
  CHECK(xml_escaped("line\none\ttab", false) == "line\none\ttab");
  CHECK(xml_escaped(std::string("nul\0bell\a", 9), false) == "nul?bell?");
  CHECK(xml_escaped("caf\xC3\xA9 \xE2\x86\x92 ok", true) == "caf\xC3\xA9 \xE2\x86\x92 ok");  // UTF-8 stays
  CHECK(xml_escaped("bad \xC3 byte \xFF", true) == "bad ? byte ?");
}
