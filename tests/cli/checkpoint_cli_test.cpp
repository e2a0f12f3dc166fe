// `check --checkpoint DIR` and `resume DIR` through the built binary: a run
// killed with SIGKILL at random points (fixed seeds) and resumed, on another
// thread count, ends with the uninterrupted run's JSON (timings aside) and
// counterexample files; SIGTERM writes the last boundary's checkpoint and
// exits 3; what checkpoints cannot do is refused with exit 2.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

namespace fs = std::filesystem;
using lgr::testing::example;
using lgr::testing::read_file;
using lgr::testing::run_lgrcheck;

namespace {

// The JSON report without what measures the run, and with the trace files'
// folder left out of their names.
std::string model_json(const fs::path& file) {
  nlohmann::json j = nlohmann::json::parse(read_file(file));
  for (const char* k : {"seconds", "states_per_second", "peak_resident_bytes", "peak_bytes", "bytes_per_state",
                        "threads", "checkpoint", "resumed_from", "counterexample_files"})
    j.erase(k);
  return j.dump(1);
}

// Every file of the folder, its name and content, with the folder's own
// name (which a trace file quotes) written DIR.
std::string folder_files(const fs::path& dir) {
  std::string all;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) all += f.filename().string() + ":\n" + read_file(f);
  for (std::size_t at; (at = all.find(dir.string())) != std::string::npos;) all.replace(at, dir.string().size(), "DIR");
  return all;
}

// Runs `check EXAMPLE OPTIONS --checkpoint`, resumes its last checkpoint,
// expects the resumed report to be the uninterrupted one and returns it.
nlohmann::json resumed_report(const std::string& name, const std::string& file, std::vector<std::string> options) {
  lgr::testing::ScratchDir scratch(name);
  const fs::path dir = scratch.path();
  std::vector<std::string> check = {"check", example(file)};
  check.insert(check.end(), options.begin(), options.end());
  for (const std::string& a :
       {std::string("-q"), std::string("--no-traces"), std::string("--checkpoint"), (dir / "ckpt").string(),
        std::string("--json"), (dir / "plain.json").string()})
    check.push_back(a);
  const auto plain = run_lgrcheck(check);
  REQUIRE(plain.status == 0);
  // The last checkpoint is at the last level boundary: resuming it redoes that level.
  const auto resumed = run_lgrcheck({"resume", (dir / "ckpt").string(), "--json", (dir / "resumed.json").string()});
  INFO(resumed.output());
  CHECK(resumed.status == 0);
  CHECK(model_json(dir / "resumed.json") == model_json(dir / "plain.json"));
  return nlohmann::json::parse(read_file(dir / "resumed.json"));
}

}  // namespace

TEST_CASE("checkpoint: killed with SIGKILL at random points and resumed gives the uninterrupted result", "[checkpoint]") {
  // The tree store writes its states unfolded and folds them again.
  const std::string store = GENERATE("table", "hash-compaction", "tree");
  // (SIGTERM, which writes a checkpoint of its own, is the next test: this
  // example ends too soon for a signal sent with no checkpoint due.)
  lgr::testing::ScratchDir scratch("checkpoint-kill-" + store);
  const fs::path dir = scratch.path();
  const std::vector<std::string> check = {"check",  example("ssi3-contention.json"), "--variant", "dst-cancel-discards",
                                          "--store", store, "-q", "--no-print-traces"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = check;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  const auto plain = run_lgrcheck(with({"--json", (dir / "plain.json").string(), "--trace-dir", (dir / "plain").string()}));
  REQUIRE(plain.status == 1);
  std::mt19937 random(19);
  for (int run = 0; run < 4; ++run) {
    const fs::path ckpt = dir / ("ckpt-" + std::to_string(run));
    const fs::path traces = dir / ("traces-" + std::to_string(run)), json = dir / ("run-" + std::to_string(run) + ".json");
    const int delay_ms = std::uniform_int_distribution<int>(10, 250)(random);
    const pid_t pid = lgr::testing::spawn_lgrcheck(
        with({"--checkpoint", ckpt.string(), "--threads", "2", "--json", json.string(), "--trace-dir", traces.string()}),
        (dir / "out").string());
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    const int killed = lgr::testing::wait_exit(pid, std::chrono::seconds(60));
    INFO("run " << run << " killed after " << delay_ms << " ms, status " << killed);
    if (!fs::exists(ckpt / "CURRENT")) continue;  // killed before the first checkpoint: nothing to resume
    fs::remove_all(traces);
    fs::remove(json);
    const auto resumed = run_lgrcheck({"resume", ckpt.string(), "--threads", std::to_string(1 + run % 2)});
    INFO(resumed.output());
    CHECK(resumed.status == 1);
    std::string current = read_file(ckpt / "CURRENT");
    current.pop_back();  // its newline
    CHECK(nlohmann::json::parse(read_file(ckpt / current / "manifest.json"))["decides"]["store"] == store);
    CHECK(model_json(json) == model_json(dir / "plain.json"));
    CHECK(folder_files(traces) == folder_files(dir / "plain"));
  }
}

TEST_CASE("checkpoint: SIGTERM writes the last level boundary's checkpoint and resumes to the uninterrupted result",
          "[checkpoint]") {
  // Every store that checkpoints: hash compaction and the tree write it
  // before the stopped level is numbered, the table store after.
  const std::string store = GENERATE("table", "hash-compaction", "tree");
  lgr::testing::ScratchDir scratch("checkpoint-term-" + store);
  const fs::path dir = scratch.path(), ckpt = dir / "ckpt", out = dir / "out";
  // ssi4-seed with early-resume: violations, so counterexample files to
  // compare, and a second or more on one thread: the signal comes mid-run.
  const std::vector<std::string> check = {"check",   example("ssi4-seed.json"), "--variant", "early-resume",
                                          "--store", store, "--no-print-traces"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = check;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  const auto plain = run_lgrcheck(with({"-q", "--json", (dir / "plain.json").string(), "--trace-dir", (dir / "plain").string()}));
  REQUIRE(plain.status == 1);
  // No checkpoint is due within the hour: the only one is the signal's.
  const pid_t pid = lgr::testing::spawn_lgrcheck(
      with({"--threads", "1", "--checkpoint", ckpt.string(), "--checkpoint-every", "1h", "--json",
            (dir / "run.json").string(), "--trace-dir", (dir / "traces").string()}),
      out.string());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!lgr::testing::catches_signal(pid, SIGTERM) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  kill(pid, SIGTERM);
  const int status = lgr::testing::wait_exit(pid, std::chrono::seconds(60));
  const std::string output = read_file(out);
  INFO(output);
  // Exit 1, not 3: the violations found before the signal are real, and a
  // failure outranks an incomplete search.
  REQUIRE(status == 1);
  CHECK(output.find("search incomplete: interrupted") != std::string::npos);
  // Once as it is written, once in the summary.
  const std::string line = "checkpoint 1 written at level ";
  CHECK(output.find(line) != output.rfind(line));
  CHECK(output.find("  " + line) != std::string::npos);
  REQUIRE(read_file(ckpt / "CURRENT") == "ckpt-1\n");
  const auto manifest = nlohmann::json::parse(read_file(ckpt / "ckpt-1" / "manifest.json"));
  CHECK(manifest["level"].get<int>() > 0);
  CHECK(manifest["command"]["config"] == example("ssi4-seed.json"));
  CHECK(manifest["decides"]["store"] == store);

  fs::remove_all(dir / "traces");
  fs::remove(dir / "run.json");
  const auto resumed = run_lgrcheck({"resume", ckpt.string(), "--threads", "2"});
  INFO(resumed.output());
  CHECK(resumed.status == 1);
  CHECK(model_json(dir / "run.json") == model_json(dir / "plain.json"));
  CHECK(folder_files(dir / "traces") == folder_files(dir / "plain"));
}

TEST_CASE("checkpoint: a check reduced by --symmetry resumes reduced", "[checkpoint][symmetry]") {
  const auto j = resumed_report("checkpoint-symmetry", "ssi2-triplets.json", {"--symmetry"});
  CHECK(j["symmetry"]["reduced"] == true);
  CHECK(j["states"] == j["symmetry"]["orbits"]);
}

TEST_CASE("checkpoint: a check with 96-bit fingerprints resumes with them", "[checkpoint]") {
  const auto j =
      resumed_report("checkpoint-wide", "ssi3-contention.json", {"--hash-compaction", "--fingerprint-bits", "96"});
  CHECK(j["fingerprint_bits"] == 95);
  CHECK(j["states"] == 12976);
}

TEST_CASE("checkpoint: what it cannot do is refused with exit 2", "[checkpoint]") {
  lgr::testing::ScratchDir scratch("checkpoint-refuse");
  const std::string ckpt = (scratch.path() / "ckpt").string(), config = example("ssi2-basic.json");
  auto refusal = [&](const std::vector<std::string>& args) {
    const auto o = run_lgrcheck(args);
    CHECK(o.status == 2);
    return o.err;
  };
  CHECK(refusal({"check", config, "--checkpoint", ckpt, "--strategy", "dfs"}) ==
        "lgrcheck: error: --checkpoint needs the breadth-first search; it cannot run with --strategy dfs\n");
  CHECK(refusal({"check", config, "--checkpoint", ckpt, "--store", "bitstate"}) ==
        "lgrcheck: error: --checkpoint supports --store table, tree and hash-compaction, not --store bitstate "
        "(a bit array cannot say which states it holds)\n");
  CHECK(refusal({"check", config, "--checkpoint", ckpt, "--checkpoint-every", "5x"}) ==
        "lgrcheck: error: --checkpoint-every: '5x' is not a duration such as 90s, 10m or 2h\n");
  CHECK(refusal({"check", config, "--checkpoint-every", "5m"}) ==
        "lgrcheck: error: --checkpoint-every needs --checkpoint DIR\n");
  CHECK(refusal({"resume", ckpt}) == "lgrcheck: error: checkpoint folder " + ckpt + " does not exist\n");
  const auto first = run_lgrcheck({"check", config, "-q", "--checkpoint", ckpt});
  CHECK(first.status == 0);
  CHECK(refusal({"check", config, "--checkpoint", ckpt}) ==
        "lgrcheck: error: --checkpoint: " + ckpt + " already holds a checkpoint; resume it with lgrcheck resume " +
            ckpt + ", or remove it\n");
  const auto again = run_lgrcheck({"resume", ckpt, "--json", "-", "-q"});
  CHECK(again.status == 0);
  const auto j = nlohmann::json::parse(again.out);
  CHECK(j["states"] == 606);
  CHECK(j["transitions"] == 3016);
  CHECK(j["resumed_from"].get<int>() == j["depth"].get<int>() + 1);
}
