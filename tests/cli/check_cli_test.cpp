// The built lgrcheck binary with the explorer's options: limits and signals
// end a run as "incomplete" with exit status 3; strategy and compaction
// show in the summary and the JSON.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

namespace {

using lgr::testing::example;
using lgr::testing::read_file;
using lgr::testing::wait_exit;

struct Run {
  int status = -1;     // exit status, or -1 when killed by a signal
  std::string output;  // stdout and stderr together
};

pid_t spawn(const std::vector<std::string>& args, const std::filesystem::path& out) {
  return lgr::testing::spawn_lgrcheck(args, out.string());
}

Run lgrcheck(const std::vector<std::string>& args) {
  lgr::testing::ScratchDir dir("explorer");
  Run r;
  r.status = wait_exit(spawn(args, dir / "out"), std::chrono::seconds(120));
  r.output = read_file(dir / "out");
  return r;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Whether pid has a handler installed for sig (SigCgt of /proc/PID/status).
bool catches(pid_t pid, int sig) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("SigCgt:", 0) == 0) return (std::stoull(line.substr(7), nullptr, 16) >> (sig - 1)) & 1;
  }
  return false;
}

}  // namespace

TEST_CASE("explorer: each limit makes lgrcheck say incomplete and exit 3", "[explorer]") {
  const std::string seed = example("ssi4-seed.json");
  struct Case {
    std::vector<std::string> args;
    const char* reason;
  };
  const Case cases[] = {
      {{"--max-states", "1000"}, "state limit reached"},
      {{"--max-states", "1000", "--threads", "2", "--hash-compaction"}, "state limit reached"},
      {{"--max-memory", "2M", "--threads", "2"}, "memory limit reached"},
      {{"--time-limit", "0.000001"}, "time limit reached"},
      {{"--max-states", "1000", "--strategy", "dfs"}, "state limit reached"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"check", seed, "--no-traces"};  // not -q: the summary is judged
    args.insert(args.end(), c.args.begin(), c.args.end());
    const Run r = lgrcheck(args);
    INFO(r.output);
    CHECK(r.status == 3);
    CHECK(contains(r.output, std::string("search incomplete: ") + c.reason));
    CHECK(contains(r.output, "verdict: incomplete"));
    CHECK_FALSE(contains(r.output, "holds"));
  }
}

TEST_CASE("explorer: the billion-state example loads with the bounds bench/RESULTS.md names and a cut run of it "
          "is incomplete",
          "[explorer]") {
  // Its 1,204,967,184 states take half an hour (bench/RESULTS.md): here the
  // first two million, with the tree and the parent links on disk.
  const auto spill = std::filesystem::temp_directory_path() / ("lgrcheck-billion-" + std::to_string(getpid()));
  std::filesystem::create_directories(spill);
  const Run r = lgrcheck({"check", example("ssi4-billion.json"), "--store", "tree", "--spill", spill.string(),
                          "--threads", "2", "--max-states", "2000000", "--no-traces"});
  std::filesystem::remove_all(spill);
  INFO(r.output);
  CHECK(r.status == 3);
  CHECK(contains(r.output,
                 "under bounds: moves 3, cancels 2, member failures 1, link failures 2, eligibility changes 3, passes 3"));
  CHECK(contains(r.output, "search incomplete: state limit reached"));
  CHECK(contains(r.output, "verdict: incomplete"));
}

TEST_CASE("explorer: SIGINT ends a parallel run as incomplete with exit 3", "[explorer]") {
  const auto out = std::filesystem::temp_directory_path() / ("lgrcheck-sigint-" + std::to_string(getpid()));
  // scaling.json takes tens of seconds: the signal comes long before the end.
  const pid_t pid = spawn({"check", example("scaling.json"), "--threads", "2", "--no-traces"}, out);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!catches(pid, SIGINT) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto sent = std::chrono::steady_clock::now();
  kill(pid, SIGINT);
  const int status = wait_exit(pid, std::chrono::seconds(60));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
  const std::string output = read_file(out);
  std::filesystem::remove(out);
  INFO(output);
  CHECK(status == 3);
  CHECK(contains(output, "search incomplete: interrupted"));
  CHECK(contains(output, "verdict: incomplete"));
  CHECK(seconds < 5);  // it stops within a chunk, not at the end of a level
}

TEST_CASE("explorer: the summary and JSON tell strategy, compaction and memory", "[explorer]") {
  SECTION("hash compaction") {
    const Run r = lgrcheck({"check", example("ssi3-contention.json"), "--hash-compaction", "--threads", "2",
                            "--json", "-"});
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(contains(r.output, "hash compaction: 63-bit fingerprints; probability that a collision hid a state"));
    CHECK(contains(r.output, "bytes per state"));
    const auto j = nlohmann::json::parse(r.output.substr(r.output.find('{')));
    CHECK(j["states"] == 12976);
    CHECK(j["hash_compaction"] == true);
    CHECK(j["collision_probability"].get<double>() > 0);
    CHECK(j["collision_probability"].get<double>() < 1e-9);
    CHECK(j["peak_resident_bytes"].get<uint64_t>() > 1000000);
    CHECK(j["bytes_per_state"].get<double>() > 8);
    CHECK(j["threads"] == 2);
  }
  SECTION("depth first") {
    const Run r = lgrcheck({"check", example("ssi2-basic.json"), "--variant", "early-resume", "--strategy", "dfs", "--no-traces"});
    INFO(r.output);
    CHECK(r.status == 1);
    CHECK(contains(r.output, "depth-first search: counterexamples are paths of the search, not the shortest"));
    CHECK(contains(r.output, "VIOLATED  counterexample"));
    CHECK(contains(r.output, "peak resident"));
  }
  SECTION("an unknown strategy is bad input") {
    const Run r = lgrcheck({"check", example("ssi2-basic.json"), "--strategy", "random"});
    CHECK(r.status == 2);
    CHECK(r.output == "lgrcheck: error: --strategy: 'random' is neither bfs nor dfs\n");
  }
}
