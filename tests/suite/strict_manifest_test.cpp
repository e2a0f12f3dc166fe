// A suite manifest is read as strictly as a configuration: numbers beyond a
// double, devices, FIFOs and huge files are exit 2 with the file named.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>

#include "suite/suite_manifest.hpp"
#include "model/input_file.hpp"
#include "tests/support/input_files.hpp"

using lgr::testing::InputDir;
using lgr::testing::run_binary;

namespace {

std::string manifest_error(const std::string& path) {
  try {
    lgr::load_manifest(path);
  } catch (const lgr::ManifestError& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("strict manifest: a number beyond a double is refused with its position", "[suite][strict]") {
  InputDir dir;
  const std::string path = dir.write("m.json",
                                     "{\"cases\": [{\"name\": \"c\", \"config\": \"x.json\",\n"
                                     "  \"expect\": {\"verdict\": \"pass\", \"states\": 1e999}}]}");
  CHECK(manifest_error(path) == path + ":2:43: /cases/0/expect/states: number 1e999 is too large to represent");
  const lgr::testing::Run r = run_binary("suite '" + path + "'");
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: " + path + ":2:43: /cases/0/expect/states: number 1e999 is too large to represent\n");
}

TEST_CASE("strict manifest: devices, FIFOs and files over 16 MiB are refused before reading", "[suite][strict]") {
  CHECK(manifest_error("/dev/zero") == "/dev/zero: cannot read: not a regular file (a device, FIFO or socket)");
  InputDir dir;
  const std::string fifo = dir.file("fifo.json");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const lgr::testing::Run r = run_binary("suite '" + fifo + "'");
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: " + fifo + ": cannot read: not a regular file (a device, FIFO or socket)\n");
  const std::string big = dir.write("big.json", std::string(lgr::kMaxInputBytes + 1, ' '));
  CHECK(manifest_error(big) == big + ": cannot read: 16777217 bytes, more than the 16 MiB an input may have");
}
