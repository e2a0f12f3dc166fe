// `render` writes the format its -o file names, and refuses a --format that
// contradicts it instead of writing SVG into an .html file.
#include <catch2/catch.hpp>

#include "tests/counterexamples/counterexamples_support.hpp"

using lgr::testing::read_file;
using lgr::testing::run_lgrcheck;
using lgr::testing::scenario;
using lgr::testing::TempDir;

TEST_CASE("render: the -o extension picks the format", "[cli][render]") {
  TempDir dir("lgrcheck-render-format");
  const std::string trace = "'" + scenario("seed-roundtrip.trace") + "'";
  CHECK(run_lgrcheck("render " + trace + " -o '" + dir.file("r.html") + "'").status == 0);
  CHECK(read_file(dir.file("r.html")).rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(run_lgrcheck("render " + trace + " -o '" + dir.file("r.SVG") + "'").status == 0);
  CHECK(read_file(dir.file("r.SVG")).rfind("<?xml", 0) == 0);
  CHECK(run_lgrcheck("render " + trace + " -o '" + dir.file("r.txt") + "'").status == 0);
  const std::string text = read_file(dir.file("r.txt"));
  CHECK(text.rfind("seed-roundtrip.trace: ", 0) == 0);
  CHECK(text.find("final state:\n") != std::string::npos);
  // No extension it knows: --format, else SVG.
  CHECK(run_lgrcheck("render " + trace + " -o '" + dir.file("r.out") + "'").status == 0);
  CHECK(read_file(dir.file("r.out")).rfind("<?xml", 0) == 0);
  CHECK(run_lgrcheck("render " + trace + " --format html -o '" + dir.file("r2.out") + "'").status == 0);
  CHECK(read_file(dir.file("r2.out")).rfind("<!DOCTYPE html>", 0) == 0);
}

TEST_CASE("render: a --format that contradicts the -o extension is refused", "[cli][render]") {
  TempDir dir("lgrcheck-render-format");
  const auto o = run_lgrcheck("render '" + scenario("seed-roundtrip.trace") + "' --format svg -o '" + dir.file("x.html") + "'");
  CHECK(o.status == 2);
  CHECK(o.err == "lgrcheck: error: --format svg does not match -o '" + dir.file("x.html") +
                     "', whose extension names html; drop --format or change the file name\n");
  CHECK_FALSE(std::filesystem::exists(dir.file("x.html")));
}
