// `lgrcheck suite --update-counts`: measured counts replace the expected
// ones in place, every other byte of the manifest is kept.
#include <catch2/catch.hpp>

#include "tests/suite/suite_fixture.hpp"

using namespace lgr::suite_testing;

TEST_CASE("suite: --update-counts rewrites only the counts and prints old -> new", "[suite]") {
  TempDir dir;
  const std::string basic = example("ssi2-basic.json");
  // Odd layout and a description on purpose: both must survive.
  auto text = [&](const std::string& s1, const std::string& t1, const std::string& t2) {
    return "{\n  \"description\": \"states 1 transitions 2\",\n  \"cases\": [\n"
           "    {\"name\": \"basic\", \"config\": \"" + basic + "\",\n"
           "     \"expect\": {\"verdict\": \"pass\",   \"states\":" + s1 + ", \"transitions\" : " + t1 + "}},\n"
           "    {\"name\": \"nr\", \"config\": \"" + basic + "\", \"variants\": [\"src-ignores-dst-failure\"],\n"
           "     \"expect\": {\"transitions\": " + t2 + ", \"verdict\": \"pass\"}},\n"
           "    {\"name\": \"no-counts\", \"config\": \"" + basic + "\", \"expect\": {\"verdict\": \"pass\"}},\n"
           "    {\"name\": \"broken\", \"config\": \"" + dir.path("none.json") + "\",\n"
           "     \"expect\": {\"verdict\": \"pass\", \"states\": 5}}\n  ]\n}\n";
  };
  const std::string path = dir.write("m.json", text("1", "3016", "2"));
  SuiteArgs args;
  args.update_counts = true;
  const SuiteRun r = run_suite(path, args);
  CHECK(r.status == 1);  // the broken case is still an error
  CHECK(without_times(r.out) ==
        "PASS basic (states 606)\n"
        "PASS nr (states 606)\n"
        "PASS no-counts (states 606)\n"
        "ERROR broken: " + dir.path("none.json") + ": cannot open: No such file or directory\n" +
        path + ": counts updated\n"
        "  basic: states 1 -> 606, transitions 3016 (unchanged)\n"
        "  nr: transitions 2 -> 2948\n"
        "  broken: not updated: " + dir.path("none.json") + ": cannot open: No such file or directory\n"
        "1 error (counted as failed): broken\n"
        "3 passed, 1 failed\n");
  CHECK(dir.read("m.json") == text("606", "3016", "2948"));

  // Now the counts hold; a second update changes nothing and writes nothing.
  const SuiteRun again = run_suite(path, args);
  CHECK(again.out.find(path + ": counts unchanged\n") != std::string::npos);
  CHECK(dir.read("m.json") == text("606", "3016", "2948"));
  SuiteArgs plain;
  plain.filter = "^(basic|nr)$";
  CHECK(run_suite(path, plain).status == 0);
}
