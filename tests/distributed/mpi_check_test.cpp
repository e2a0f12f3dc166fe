// `mpirun -np N lgrcheck check --distributed` on this one machine (ranks
// over shared memory, --oversubscribe): the JSON report is the one-process
// run's but for timings and the distributed figures, the counterexample
// files are byte-identical and replay; a limit is "incomplete" on every
// rank; a rank killed mid-run fails the job, never a pass.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "model/variant.hpp"
#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

namespace fs = std::filesystem;
using lgr::testing::CommandOutcome;
using lgr::testing::example;

namespace {

bool have_mpirun() { return lgr::testing::run_program({"/bin/sh", "-c", "command -v mpirun"}).status == 0; }

// mpirun -np N, as root too (Open MPI refuses root without being told).
std::vector<std::string> mpirun(int ranks) {
  std::vector<std::string> argv = {"mpirun", "--oversubscribe", "-np", std::to_string(ranks)};
  if (geteuid() == 0) argv.push_back("--allow-run-as-root");
  argv.push_back(LGRCHECK_BINARY);
  return argv;
}

CommandOutcome run_ranks(int ranks, const std::vector<std::string>& args) {
  std::vector<std::string> argv = mpirun(ranks);
  argv.insert(argv.end(), args.begin(), args.end());
  return lgr::testing::run_program(argv);
}

// The report without what may differ: time, memory, threads, the
// distributed figures, and where the trace files went.
nlohmann::json comparable(const std::string& file) {
  std::ifstream in(file);
  nlohmann::json j = nlohmann::json::parse(in);
  for (const char* k : {"seconds", "states_per_second", "threads", "peak_bytes", "bytes_per_state",
                        "peak_resident_bytes", "distributed", "counterexample_files"})
    j.erase(k);
  return j;
}

std::string contents(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// `ARGV...` run in folder `dir` (created), so that every run writes the same
// relative paths: its trace files name themselves.
CommandOutcome run_in(const fs::path& dir, const std::vector<std::string>& argv) {
  fs::create_directories(dir);
  std::string line = "cd '" + dir.string() + "' &&";
  for (const std::string& a : argv) line += " '" + a + "'";
  return lgr::testing::run_program({"/bin/sh", "-c", line});
}

// Runs CONFIG (with VARIANT) in one process and on each of `ranks`; every
// report and trace file must agree, and each trace must replay.
void expect_same_under_mpirun(const std::string& config, const std::string& variant, const std::vector<int>& ranks) {
  lgr::testing::ScratchDir tmp("mpi");
  const fs::path root = tmp.path();
  std::vector<std::string> args = {"check", example(config), "--threads", "1", "--no-print-traces", "-q",
                                   "--json", "report.json", "--trace-dir", "traces"};
  if (!variant.empty()) args.insert(args.end(), {"--variant", variant});
  std::vector<std::string> alone = {LGRCHECK_BINARY};
  alone.insert(alone.end(), args.begin(), args.end());
  const CommandOutcome one = run_in(root / "one", alone);
  REQUIRE((one.status == 0 || one.status == 1));
  const nlohmann::json reference = comparable((root / "one" / "report.json").string());
  std::vector<std::string> names;
  if (fs::exists(root / "one" / "traces"))
    for (const auto& e : fs::directory_iterator(root / "one" / "traces")) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names.empty() == (one.status == 0));
  for (int n : ranks) {
    INFO(config << " " << variant << " on " << n << " ranks");
    const fs::path dir = root / ("np" + std::to_string(n));
    std::vector<std::string> argv = mpirun(n);
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--distributed");
    const CommandOutcome many = run_in(dir, argv);
    INFO(many.output());
    CHECK(many.status == one.status);
    CHECK(many.out == one.out);  // the verdict line, once: only rank 0 speaks
    CHECK(comparable((dir / "report.json").string()).dump(1) == reference.dump(1));
    CHECK(nlohmann::json::parse(contents(dir / "report.json")).at("distributed").at("ranks") == n);
    // Byte-identical counterexample files, each replaying to its violation.
    std::vector<std::string> here;
    if (fs::exists(dir / "traces"))
      for (const auto& e : fs::directory_iterator(dir / "traces")) here.push_back(e.path().filename().string());
    std::sort(here.begin(), here.end());
    CHECK(here == names);
    for (const std::string& f : names) {
      const fs::path mine = dir / "traces" / f;
      CHECK(contents(mine) == contents(root / "one" / "traces" / f));
      // replay exits 0 when the trace ends in the violation it says it shows
      if (mine.extension() == ".trace") CHECK(lgr::testing::run_lgrcheck({"replay", mine.string(), "-q"}).status == 0);
    }
  }
}

}  // namespace

TEST_CASE("distributed: mpirun -np 1, 2 and 3 on every example gives the one-process report and files",
          "[distributed][mpi]") {
  if (!have_mpirun()) {
    WARN("SKIPPED: mpirun not installed (scripts/setup installs openmpi-bin)");
    return;
  }
  for (const char* config : {"ssi2-basic.json", "ssi2-quads.json", "ssi2-triplets.json", "ssi3-contention.json",
                             "ssi3-twins.json", "ssi4-seed.json"})
    expect_same_under_mpirun(config, "", {1, 2, 3});
}

TEST_CASE("distributed: mpirun -np 2 and 3 on every variant gives the one-process report and counterexamples",
          "[distributed][mpi]") {
  if (!have_mpirun()) {
    WARN("SKIPPED: mpirun not installed (scripts/setup installs openmpi-bin)");
    return;
  }
  for (const auto& v : lgr::all_variants()) expect_same_under_mpirun("ssi3-contention.json", v.name, {2, 3});
}

TEST_CASE("distributed: hash compaction under mpirun gives the exact counts", "[distributed][mpi]") {
  if (!have_mpirun()) {
    WARN("SKIPPED: mpirun not installed (scripts/setup installs openmpi-bin)");
    return;
  }
  lgr::testing::ScratchDir tmp("mpi-hc");
  const CommandOutcome r = run_ranks(3, {"check", example("ssi4-seed.json"), "--distributed", "--threads", "1",
                                         "--hash-compaction", "--json", tmp.file("r.json"), "-q"});
  INFO(r.output());
  REQUIRE(r.status == 0);
  const nlohmann::json j = nlohmann::json::parse(contents(tmp.file("r.json")));
  CHECK(j.at("states") == 1884500);
  CHECK(j.at("transitions") == 15515577);
  CHECK(j.at("store") == "hash-compaction");
}

TEST_CASE("distributed: a limit under mpirun is incomplete, exit 3, and a refusal is one line, exit 2",
          "[distributed][mpi]") {
  if (!have_mpirun()) {
    WARN("SKIPPED: mpirun not installed (scripts/setup installs openmpi-bin)");
    return;
  }
  const CommandOutcome r =
      run_ranks(2, {"check", example("ssi3-contention.json"), "--distributed", "--threads", "1", "--max-states", "3000"});
  INFO(r.output());
  CHECK(r.status == 3);
  CHECK(r.out.find("search incomplete: state limit reached") != std::string::npos);
  CHECK(r.out.find("verdict: incomplete") != std::string::npos);
  CHECK(r.out.find("verdict: pass") == std::string::npos);

  const CommandOutcome refused =
      run_ranks(2, {"check", example("ssi2-basic.json"), "--distributed", "--threads", "1", "--liveness"});
  CHECK(refused.status == 2);
  CHECK(refused.err.find("lgrcheck: error: --liveness needs the whole state graph in one process; with "
                         "--distributed it runs on 1 rank only (this run has 2)\n") != std::string::npos);
  // Said once, by rank 0.
  CHECK(refused.err.find("lgrcheck: error") == refused.err.rfind("lgrcheck: error"));
}

TEST_CASE("distributed: a rank killed mid-run ends the whole job with a failure, never a pass",
          "[distributed][mpi]") {
  if (!have_mpirun()) {
    WARN("SKIPPED: mpirun not installed (scripts/setup installs openmpi-bin)");
    return;
  }
  lgr::testing::ScratchDir tmp("mpi-kill");
  std::vector<std::string> argv = mpirun(2);
  // scaling.json: 12 s on 2 ranks here, long past the kill (ssi4-seed ends
  // in 1.3 s, too close to it).
  argv.insert(argv.end(), {"check", example("scaling.json"), "--distributed", "--threads", "1", "--time-limit",
                           "120"});
  const pid_t job = lgr::testing::spawn_program(argv, tmp.file("out"), tmp.file("out"));
  // The ranks are mpirun's children: wait until both run, then kill one.
  std::vector<pid_t> ranks;
  for (int tries = 0; tries < 500 && ranks.size() < 2; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ranks.clear();
    for (const auto& e : fs::directory_iterator("/proc")) {
      const std::string name = e.path().filename().string();
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      std::ifstream stat(e.path() / "stat");
      std::string pid, comm, state;
      pid_t parent = 0;
      if (stat >> pid >> comm >> state >> parent && parent == job && comm == "(lgrcheck)") ranks.push_back(std::stoi(pid));
    }
  }
  REQUIRE(ranks.size() == 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // into the search
  kill(ranks[1], SIGKILL);
  const int status = lgr::testing::wait_exit(job, std::chrono::seconds(60));
  const std::string out = contents(tmp.file("out"));
  INFO(out);
  CHECK(status != 0);
  CHECK(status != -2);  // ended, not hung
  CHECK(out.find("verdict: pass") == std::string::npos);
  CHECK(out.find("signal 9") != std::string::npos);  // mpirun names the rank that died and how
}
