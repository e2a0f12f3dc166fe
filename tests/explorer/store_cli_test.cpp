// `lgrcheck check --store ...`: the choice shows in the summary and the
// JSON; contradicting or unknown choices are bad input (exit 2); bitstate
// is never a pass (exit 3, "probable pass").
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

struct Run {
  int status = -1;
  std::string output;  // stdout and stderr together
};

std::string example(const std::string& name) { return std::string(LGRCHECK_SOURCE_DIR) + "/examples/" + name; }

// posix_spawn, not fork: the test process has threads.
Run lgrcheck(const std::vector<std::string>& args) {
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / ("lgrcheck-store-cli-" + std::to_string(getpid()) + ".out");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<std::string> all = {LGRCHECK_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  all.push_back("--no-traces");
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  REQUIRE(posix_spawn(&pid, LGRCHECK_BINARY, &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  Run r;
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream f(out);
  std::stringstream s;
  s << f.rdbuf();
  r.output = s.str();
  std::filesystem::remove(out);
  return r;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

nlohmann::json json_of(const Run& r) { return nlohmann::json::parse(r.output.substr(r.output.find('{'))); }

}  // namespace

TEST_CASE("stores cli: --store tree counts exactly and says so in the JSON", "[stores]") {
  const Run r = lgrcheck({"check", example("ssi3-contention.json"), "--store", "tree", "--threads", "2", "--json", "-"});
  INFO(r.output);
  CHECK(r.status == 0);
  const auto j = json_of(r);
  CHECK(j["store"] == "tree");
  CHECK(j["states"] == 12976);
  CHECK(j["transitions"] == 82214);
  CHECK(j["verdict"] == "pass");
  CHECK(j["hash_compaction"] == false);
}

TEST_CASE("stores cli: --hash-compaction is --store hash-compaction", "[stores]") {
  for (const auto& option : {std::vector<std::string>{"--hash-compaction"}, {"--store", "hash-compaction"}}) {
    std::vector<std::string> args = {"check", example("ssi2-basic.json"), "--json", "-"};
    args.insert(args.end(), option.begin(), option.end());
    const Run r = lgrcheck(args);
    INFO(r.output);
    CHECK(r.status == 0);
    const auto j = json_of(r);
    CHECK(j["store"] == "hash-compaction");
    CHECK(j["hash_compaction"] == true);
    CHECK(j["fingerprint_estimate"].get<double>() > 0);
    CHECK(contains(r.output, "TLC's estimate"));
  }
}

TEST_CASE("stores cli: --fingerprint-bits 96 compares 95 bits and says so", "[stores]") {
  const Run r = lgrcheck({"check", example("ssi3-contention.json"), "--hash-compaction", "--fingerprint-bits", "96",
                          "--threads", "2", "--json", "-"});
  INFO(r.output);
  CHECK(r.status == 0);
  const auto j = json_of(r);
  CHECK(j["states"] == 12976);
  CHECK(j["transitions"] == 82214);
  CHECK(j["fingerprint_bits"] == 95);
  CHECK(contains(r.output, "hash compaction: 95-bit fingerprints"));
  const Run narrow = lgrcheck({"check", example("ssi3-contention.json"), "--hash-compaction", "--json", "-"});
  CHECK(json_of(narrow)["fingerprint_bits"] == 63);
}

TEST_CASE("stores cli: bitstate is a probable pass, exit 3, with its estimate", "[stores]") {
  const Run r = lgrcheck({"check", example("ssi3-contention.json"), "--bitstate", "1K", "--json", "-"});
  INFO(r.output);
  CHECK(r.status == 3);
  CHECK(contains(r.output, "verdict: probable pass"));
  CHECK(contains(r.output, "bitstate: 8192 bits (0 MiB), 3 bits per state"));
  const auto j = json_of(r);
  CHECK(j["verdict"] == "probable pass");
  CHECK(j["store"] == "bitstate");
  CHECK(j["bitstate"]["bits"] == 8192);
  CHECK(j["bitstate"]["hashes"] == 3);
  CHECK(j["states"].get<uint64_t>() < 12976);
  CHECK(j["bitstate"]["omission_probability"].get<double>() > 0.99);
}

TEST_CASE("stores cli: a violation under bitstate is a fail, exit 1", "[stores]") {
  const Run r = lgrcheck({"check", example("ssi2-basic.json"), "--variant", "early-resume", "--store", "bitstate",
                          "--bitstate-hashes", "2"});
  INFO(r.output);
  CHECK(r.status == 1);
  CHECK(contains(r.output, "2 bits per state"));
  CHECK(contains(r.output, "SingleInstance    VIOLATED  shortest counterexample 7 steps"));
}

TEST_CASE("stores cli: unknown or contradicting store choices are bad input", "[stores]") {
  const std::string config = example("ssi2-basic.json");
  struct Case {
    std::vector<std::string> args;
    std::string error;
  };
  const Case cases[] = {
      {{"--store", "btree"}, "lgrcheck: error: --store: 'btree' is none of table, tree, hash-compaction, bitstate"},
      {{"--store", "tree", "--hash-compaction"}, "lgrcheck: error: --hash-compaction contradicts --store tree"},
      {{"--store", "table", "--bitstate", "1M"}, "lgrcheck: error: --bitstate contradicts --store table"},
      {{"--bitstate", "lots"}, "lgrcheck: error: --bitstate: 'lots' is not a size of at least 8 bytes, such as 512M"},
      {{"--store", "bitstate", "--bitstate-hashes", "0"}, "lgrcheck: error: --bitstate-hashes must be 1 to 16"},
      {{"--hash-compaction", "--fingerprint-bits", "128"}, "lgrcheck: error: --fingerprint-bits must be 64 or 96 (got 128)"},
      {{"--store", "tree", "--fingerprint-bits", "96"},
       "lgrcheck: error: --fingerprint-bits sets the width of hash compaction's fingerprints; it needs --store "
       "hash-compaction (or --hash-compaction)"},
      {{"--store", "tree", "--liveness"},
       "lgrcheck: error: --liveness needs the states themselves to build the graph; it cannot run with --store tree"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"check", config};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const Run r = lgrcheck(args);
    INFO(r.output);
    CHECK(r.status == 2);
    CHECK(contains(r.output, c.error));
  }
}
