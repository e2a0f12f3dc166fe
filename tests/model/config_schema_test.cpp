// docs/config.schema.json and the loader agree on what a configuration is:
// every example and valid test configuration passes both, every invalid
// test configuration fails both, except the rules a JSON Schema cannot
// state, listed below. Runs scripts/config-schema-check (python3 with
// python3-jsonschema, installed by scripts/setup).
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/config.hpp"
#include "tests/support/input_files.hpp"

using lgr::testing::source_file;

namespace {

// Refused by the loader only. Each is a rule across fields or of the JSON
// text itself, which a schema cannot express.
const std::set<std::string> kLoaderOnly = {
    "duplicate-key",            // JSON Schema sees the parsed value: one of two equal keys
    "duplicate-member-name",    // names unique, ignoring case
    "home-not-in-domain",       // a home in the guest's domain
    "max-memory-below-memory",  // comparing two fields
    "over-capacity",            // sums over guests
    "reserved-domain-name",     // SSI and the member names are taken, ignoring case
    "unknown-home",             // references to names defined elsewhere
};

std::vector<std::string> configs_in(const std::string& folder) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(source_file(folder)))
    if (e.path().extension() == ".json") out.push_back(e.path().string());
  return out;
}

bool loader_accepts(const std::string& path) {
  try {
    lgr::load_config(path);
    return true;
  } catch (const lgr::ConfigError&) {
    return false;
  }
}

// path -> schema verdict, from one run of the checker; empty when the
// checker cannot run here.
std::map<std::string, bool> schema_verdicts(const std::vector<std::string>& files, int& status) {
  std::string cmd = "python3 '" + source_file("scripts/config-schema-check") + "'";
  for (const auto& f : files) cmd += " '" + f + "'";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int raw = ::pclose(pipe);
  status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::map<std::string, bool> verdicts;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("valid ", 0) == 0) verdicts[line.substr(6)] = true;
    if (line.rfind("invalid ", 0) == 0) verdicts[line.substr(8, line.find(": ") - 8)] = false;
  }
  return verdicts;
}

}  // namespace

TEST_CASE("schema: docs/config.schema.json and the loader agree on every test configuration", "[config][schema]") {
  std::vector<std::string> valid = configs_in("examples");
  for (const auto& f : configs_in("examples/scenarios")) valid.push_back(f);
  for (const auto& f : configs_in("tests/model/valid-configs")) valid.push_back(f);
  const std::vector<std::string> invalid = configs_in("tests/model/invalid-configs");
  std::vector<std::string> all = valid;
  all.insert(all.end(), invalid.begin(), invalid.end());

  int status = 0;
  const std::map<std::string, bool> schema = schema_verdicts(all, status);
  if (status == 3) {
    WARN("SKIPPED: python3-jsonschema is not installed (scripts/setup installs it)");
    return;
  }
  REQUIRE(status == 1);  // some files are invalid, and the checker ran to the end
  REQUIRE(schema.size() == all.size());
  CHECK(valid.size() >= 6);
  CHECK(invalid.size() >= 30);

  for (const auto& f : valid) {
    INFO(f);
    CHECK(schema.at(f));
    CHECK(loader_accepts(f));
  }
  std::set<std::string> loader_only_seen;
  for (const auto& f : invalid) {
    const std::string stem = std::filesystem::path(f).stem().string();
    INFO(f);
    CHECK_FALSE(loader_accepts(f));
    if (kLoaderOnly.count(stem)) {
      CHECK(schema.at(f));  // else it no longer belongs in the list
      loader_only_seen.insert(stem);
    } else {
      CHECK_FALSE(schema.at(f));
    }
  }
  CHECK(loader_only_seen == kLoaderOnly);
}
