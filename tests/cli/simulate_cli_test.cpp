// `lgrcheck simulate` as a user runs it: the output at 1 and 2 threads, the
// exit codes, bad options, --from, and the written traces replaying.
#include <catch2/catch.hpp>

#include <signal.h>

#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

using lgr::testing::example;
using lgr::testing::run_lgrcheck;
using lgr::testing::ScratchDir;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Whether pid has a handler installed for sig (SigCgt of /proc/PID/status).
bool catches(pid_t pid, int sig) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("SigCgt:", 0) == 0) return (std::stoull(line.substr(7), nullptr, 16) >> (sig - 1)) & 1;
  return false;
}

std::string without_time(const std::string& text) { return std::regex_replace(text, std::regex("time: [0-9.]+ s\n"), ""); }

}  // namespace

TEST_CASE("simulate cli: the same seed gives byte-identical output at 1 and 2 threads", "[simulate][cli]") {
  ScratchDir dir("simulate-cli");
  for (const char* variant : {"no-dirty-resend", "retry-refused"}) {
    INFO(variant);
    const std::vector<std::string> args = {"simulate",  example("ssi3-contention.json"), "--variant", variant,
                                           "--runs",    "3000", "--depth", "60", "--seed", "11",
                                           "--trace-dir", dir.path("traces")};
    auto one = args, two = args;
    one.insert(one.end(), {"--threads", "1"});
    two.insert(two.end(), {"--threads", "2"});
    const auto a = run_lgrcheck(one);
    const auto b = run_lgrcheck(two);
    CHECK(a.status == b.status);
    CHECK(without_time(a.out) == without_time(b.out));
    CHECK(contains(a.out, "time: "));
    CHECK(contains(a.out, "seed 11, runs 3000, depth 60"));
  }
}

TEST_CASE("simulate cli: a violation exits 1, names its run, and its traces replay", "[simulate][cli]") {
  ScratchDir dir("simulate-cli");
  const auto r = run_lgrcheck({"simulate", example("ssi3-contention.json"), "--variant", "no-reservation", "--runs",
                               "1000", "--seed", "1", "--trace-dir", dir.path("t"), "--json", dir.path("r.json")});
  INFO(r.output());
  REQUIRE(r.status == 1);
  const nlohmann::json j = nlohmann::json::parse(lgr::testing::read_file(dir.path("r.json")));
  CHECK(j["verdict"] == "violation found");
  CHECK(j["violation"]["property"] == "Capacity");
  const uint64_t run = j["violation"]["run"];
  CHECK(j["runs"] == run + 1);
  CHECK(contains(r.out, "verdict: violation found: Capacity in run " + std::to_string(run) +
                            " (reproduce: --seed 1 --first-run " + std::to_string(run) + " --runs 1)"));
  CHECK(j["violation"]["shortened_steps"] <= j["violation"]["walk_steps"]);
  for (const char* file : {"no-reservation.Capacity.trace", "no-reservation.Capacity.walk.trace"}) {
    const auto replayed = run_lgrcheck({"replay", dir.path("t") + "/" + file});
    INFO(replayed.output());
    CHECK(replayed.status == 0);
    CHECK(contains(replayed.out, "expect violation Capacity: met"));
  }
  // The printed parameters rerun that run alone, to the same walk.
  const auto again = run_lgrcheck({"simulate", example("ssi3-contention.json"), "--variant", "no-reservation",
                                   "--seed", "1", "--first-run", std::to_string(run), "--runs", "1", "--trace-dir",
                                   dir.path("u"), "--json", dir.path("u.json")});
  CHECK(again.status == 1);
  const nlohmann::json k = nlohmann::json::parse(lgr::testing::read_file(dir.path("u.json")));
  CHECK(k["violation"]["run"] == run);
  CHECK(k["violation"]["walk_steps"] == j["violation"]["walk_steps"]);
  CHECK(lgr::testing::read_file(dir.path("u") + "/no-reservation.Capacity.walk.trace") ==
        lgr::testing::read_file(dir.path("t") + "/no-reservation.Capacity.walk.trace"));
}

TEST_CASE("simulate cli: no violation found exits 0 and never says pass", "[simulate][cli]") {
  const auto r = run_lgrcheck({"simulate", example("ssi2-basic.json"), "--runs", "200", "--seed", "4"});
  CHECK(r.status == 0);
  CHECK(contains(r.out, "verdict: no violation found (a sample, not a proof)\nruns: 200, ended"));
  CHECK_FALSE(contains(r.out, "pass"));
  CHECK(contains(r.out, "distinct states visited: "));
  CHECK(contains(r.out, " (exact)\n"));
  CHECK(contains(r.out, "never taken: "));
}

TEST_CASE("simulate cli: bad options exit 2 with one line naming them", "[simulate][cli]") {
  const std::string cfg = example("ssi2-basic.json");
  auto r = run_lgrcheck({"simulate", cfg, "--weight", "Tick=0.1,Tik=2"});
  CHECK(r.status == 2);
  CHECK(r.err.rfind("lgrcheck: error: --weight: unknown action kind 'Tik' (known: Move, CancelAtSrc,", 0) == 0);
  r = run_lgrcheck({"simulate", cfg, "--weight", "Tick=-1"});
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: --weight: 'Tick=-1' is not KIND=WEIGHT with a number WEIGHT >= 0\n");
  r = run_lgrcheck({"simulate", cfg, "--weight", "Tick=1,Tick=2"});
  CHECK(r.err == "lgrcheck: error: --weight: Tick is given twice\n");
  r = run_lgrcheck({"simulate", cfg, "--runs", "0"});
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: --runs must be at least 1\n");
  r = run_lgrcheck({"simulate", cfg, "--variant", "early-rsume"});
  CHECK(r.status == 2);
  ScratchDir dir("simulate-cli");
  const std::string bad = dir.write("bad.trace", "lgr-trace 1\nconfig " + cfg + "\nstep DstReceive LGRLIN21 CREATE\n");
  r = run_lgrcheck({"simulate", cfg, "--from", bad});
  CHECK(r.status == 2);
  CHECK(contains(r.err, "bad.trace:3: step 1: DstReceive LGRLIN21 CREATE is not enabled"));
  CHECK(contains(r.err, "(--from: the prefix does not replay on this configuration)"));
}

TEST_CASE("simulate cli: --from starts every walk at the end of a replayed prefix", "[simulate][cli]") {
  ScratchDir dir("simulate-cli");
  const std::string prefix = dir.write("prefix.trace", "lgr-trace 1\nconfig " + example("ssi2-basic.json") +
                                                           "\nstep Move LGRLIN21 GDLLCPX1\n"
                                                           "step DstReceive LGRLIN21 CREATE\n"
                                                           "step SrcReceive LGRLIN21 CREATED\n"
                                                           "step SrcQuiesce LGRLIN21\n");
  const auto r = run_lgrcheck({"simulate", example("ssi2-basic.json"), "--variant", "early-resume", "--from", prefix,
                               "--runs", "100", "--trace-dir", dir.path("t")});
  INFO(r.output());
  CHECK(r.status == 1);
  CHECK(contains(r.out, "from the end of " + prefix + " (4 steps)"));
  const std::string walk = lgr::testing::read_file(dir.path("t") + "/early-resume.SingleInstance.walk.trace");
  CHECK(contains(walk, "step Move LGRLIN21 GDLLCPX1\nstep DstReceive LGRLIN21 CREATE\n"
                       "step SrcReceive LGRLIN21 CREATED\nstep SrcQuiesce LGRLIN21\n"));
  // Without the variant the prefix leads to no violation; Move is never enabled after it.
  const auto ok = run_lgrcheck({"simulate", example("ssi2-basic.json"), "--from", prefix, "--runs", "100"});
  CHECK(ok.status == 0);
  CHECK(std::regex_search(ok.out, std::regex("Move LGRLIN21 GDLLCPX1 +0 +0  never enabled")));
}

TEST_CASE("simulate cli: a time limit or SIGINT cuts it short with exit 3", "[simulate][cli]") {
  const auto r = run_lgrcheck(
      {"simulate", example("ssi4-seed.json"), "--runs", "1000000000", "--time-limit", "0.3", "--threads", "2"});
  CHECK(r.status == 3);
  CHECK(contains(r.out, "verdict: incomplete (time limit): no violation found in the "));

  ScratchDir dir("simulate-cli");
  const pid_t pid = lgr::testing::spawn_lgrcheck({"simulate", example("ssi4-seed.json"), "--runs", "1000000000"},
                                                 dir.path("out"));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!catches(pid, SIGINT) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(pid, SIGINT);
  CHECK(lgr::testing::wait_exit(pid, std::chrono::seconds(30)) == 3);
  CHECK(contains(dir.read("out"), "verdict: incomplete (interrupted)"));
}
