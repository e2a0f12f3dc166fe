// The invalid configurations in tests/model/invalid-configs/, each with the
// exact message the loader gives; the JSON Schema test reads the same files.
// Also: what is refused before reading (devices, FIFOs, huge files), and the
// binary's exit status 2 on such input.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>

#include "model/config.hpp"
#include "model/input_file.hpp"
#include "tests/support/input_files.hpp"

using lgr::testing::InputDir;
using lgr::testing::run_binary;
using lgr::testing::source_file;

namespace {

const std::string kRule = "; a z/VM identifier is 1 to 8 characters from A-Z, 0-9, @, # and $";
const std::string kComment = " (a key that begins with \"_\" is a comment)";

// File stem -> the message after "FILE: " (or after "FILE:" for a position).
const std::map<std::string, std::string>& expected_errors() {
  static const std::map<std::string, std::string> errors = {
      {"unknown-top-key", " /request: unknown key \"request\" in the configuration; did you mean \"requests\"?"},
      {"unknown-request-key", " /requests/0/imediate: unknown key \"imediate\" in a request; did you mean \"immediate\"?"},
      {"unknown-force-key", " /requests/0/forse: unknown key \"forse\" in a request; did you mean \"force\"?"},
      {"unknown-member-key",
       " /members/0/location: unknown key \"location\" in a member; expected name, storage, paging, facilities, eqids, "
       "vswitches, dcss or crypto" + kComment},
      {"unknown-guest-key", " /guests/0/mdoe: unknown key \"mdoe\" in a guest; did you mean \"mode\"?"},
      {"unknown-domain-key", " /domains/0/membres: unknown key \"membres\" in a domain; did you mean \"members\"?"},
      {"unknown-dcss-key", " /guests/0/dcss/0/rnage: unknown key \"rnage\" in a DCSS use; did you mean \"range\"?"},
      {"unknown-bound", " /bounds/move: unknown bound \"move\"; did you mean \"moves\"?"},
      {"name-too-long", " /guests/0/name: name \"LGRLIN210\" is not a z/VM identifier: it has 9 characters" + kRule},
      {"name-with-space", " /guests/0/name: name \"LGR LIN\" is not a z/VM identifier: it contains \" \"" + kRule},
      {"name-with-newline",
       " /guests/0/name: name \"LGR\\nLIN\" is not a z/VM identifier: it contains \"\\n\"" + kRule},
      {"member-name-invalid", " /members/1/name: name \"GDL-CPX2\" is not a z/VM identifier: it contains \"-\"" + kRule},
      {"domain-name-invalid", " /domains/0/name: name \"WIN NIE\" is not a z/VM identifier: it contains \" \"" + kRule},
      {"empty-name", " /members/1/name: a name must not be empty"},
      {"fractional-number", " /guests/0/memory: expected a whole number, got 2.5"},
      {"number-too-large", " /members/0/storage: must be at most 2^31-1 = 2147483647, got 4294967296"},
      {"negative-number", " /members/0/paging: must not be negative, got -1"},
      {"number-overflow", "3:30: /members/0/storage: must be at most 2^31-1 = 2147483647, got 1e999"},
      {"duplicate-key", "4:45: /guests/0/memory: duplicate key \"memory\" (first at line 4, column 32)"},
      {"domain-without-members", " /domains/0/members: a domain needs at least one member"},
      {"max-memory-below-memory",
       " /guests/0/max_memory: max_memory 1 is smaller than memory 2; a guest cannot run with more storage than its "
       "maximum"},
      {"mode-unknown", " /guests/0/mode: unknown mode \"S390\"; expected ESA, XA, XC or Z"},
      {"cpu-type-unknown", " /guests/0/cpu_types/1: unknown CPU type \"GPU\"; expected CP, IFL, ZIIP, ZAAP or ICF"},
      {"ipl-unknown", " /guests/0/ipl: unknown ipl \"cms\"; expected device, nss or none"},
      {"dcss-range-unknown",
       " /guests/0/dcss/0/range: unknown DCSS range \"XX\"; expected SR, SW, SC, SN, EW, EN or ER"},
      {"force-unknown",
       " /requests/0/force/1: unknown FORCE value \"everything\"; expected storage, domain or architecture"},
      {"passes-zero", " /bounds/passes: passes must be at least 1, got 0"},
      {"home-not-in-domain", " /guests/0/home: home member A is not in the guest's domain D (B)"},
      {"unknown-home", " /guests/0/home: unknown member \"C\""},
      {"duplicate-member-name", " /members/1/name: duplicate member name \"A\" (first at /members/0/name)"},
      {"over-capacity",
       " /members/0/storage: the guests homed on A (G) need memory 9, more than its storage 8"},
      {"too-many-members", " /members: expected 1 to 8 members, got 9"},
      {"reserved-domain-name", " /domains/0/name: domain name \"SSI\" is reserved for the implicit domain of all members"},
      {"not-an-object", " /: expected an object, got array"},
      {"missing-members", " /members: missing required field \"members\""},
      {"wrong-type", " /guests/0/vmrelocate: expected true or false, got string"},
      {"malformed", "2:57: syntax error while parsing value - unexpected ']'; expected '[', '{', or a literal"},
  };
  return errors;
}

std::string load_error(const std::string& path) {
  try {
    lgr::load_config(path);
  } catch (const lgr::ConfigError& e) {
    return e.what();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("strict: every invalid test configuration is refused with its message", "[config][strict]") {
  const std::filesystem::path dir = source_file("tests/model/invalid-configs");
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string stem = entry.path().stem().string();
    INFO(stem);
    ++files;
    const auto it = expected_errors().find(stem);
    REQUIRE(it != expected_errors().end());  // every file has its message here
    const std::string path = entry.path().string();
    CHECK(load_error(path) == path + ":" + it->second);
  }
  CHECK(files == expected_errors().size());
}

TEST_CASE("strict: the valid test configurations load", "[config][strict]") {
  const lgr::Config cfg = lgr::load_config(source_file("tests/model/valid-configs/lower-case.json"));
  CHECK(cfg.members[0].name == "GDLLCPX1");
  CHECK(cfg.guests[1].name == "LGR#1@$");
  CHECK(cfg.guests[0].mode == "ESA");
  CHECK(cfg.guests[1].mode == "XA");
  CHECK(cfg.guests[1].ipl == "nss");
  CHECK(cfg.requests[1].guest == 1);
}

TEST_CASE("strict: inputs that are not regular files or exceed 16 MiB are refused before reading", "[config][strict]") {
  CHECK(load_error("/dev/zero") == "/dev/zero: cannot read: not a regular file (a device, FIFO or socket)");
  InputDir dir;
  const std::string fifo = dir.file("fifo.json");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Without a writer, opening it to read would wait forever.
  CHECK(load_error(fifo) == fifo + ": cannot read: not a regular file (a device, FIFO or socket)");
  const std::string big = dir.write("big.json", std::string(lgr::kMaxInputBytes + 1, ' '));
  CHECK(load_error(big) == big + ": cannot read: 16777217 bytes, more than the 16 MiB an input may have");
  const std::string limit = dir.write("limit.json", "[]" + std::string(lgr::kMaxInputBytes - 2, ' '));
  CHECK(load_error(limit) == limit + ": /: expected an object, got array");  // exactly 16 MiB is read
  CHECK(load_error(dir.file("")) == dir.file("") + ": cannot read: it is a directory");
  CHECK(load_error(dir.file("absent.json")) == dir.file("absent.json") + ": cannot open: No such file or directory");
}

TEST_CASE("strict: the binary exits 2 with file and position on hostile input, never 4", "[config][strict]") {
  const std::string overflow = source_file("tests/model/invalid-configs/number-overflow.json");
  lgr::testing::Run r = run_binary("check '" + overflow + "'");
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: " + overflow +
                     ":3:30: /members/0/storage: must be at most 2^31-1 = 2147483647, got 1e999\n");
  r = run_binary("check /dev/zero");
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: /dev/zero: cannot read: not a regular file (a device, FIFO or socket)\n");
  InputDir dir;
  const std::string fifo = dir.file("fifo.json");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  r = run_binary("check '" + fifo + "'");
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: " + fifo + ": cannot read: not a regular file (a device, FIFO or socket)\n");
}

TEST_CASE("strict: a misspelt key in an example is no longer a silent pass", "[config][strict]") {
  // ssi3-contention with "immediate" misspelt explored 10,703 states and passed.
  InputDir dir;
  std::string text = lgr::read_input_file(source_file("examples/ssi3-contention.json"));
  const std::size_t at = text.find("\"immediate\"");
  REQUIRE(at != std::string::npos);
  text.replace(at, 11, "\"imediate\"");
  const std::string path = dir.write("typo.json", text);
  const lgr::testing::Run r = run_binary("check '" + path + "'");
  CHECK(r.status == 2);
  CHECK(r.err.find(": unknown key \"imediate\" in a request; did you mean \"immediate\"?\n") != std::string::npos);
  CHECK(r.out.find("verdict: pass") == std::string::npos);
}
