// `check --swarm` as a user runs it: exit codes, the summary never saying
// pass, the written traces replaying, a job rerun alone by its printed
// parameters giving the same counts, the JSON the same at 1 and 2 threads,
// and the options it refuses.
#include <catch2/catch.hpp>

#include <string>
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

// The report without its times.
nlohmann::json without_times(nlohmann::json j) {
  j.erase("seconds");
  for (auto& job : j["jobs"]) job.erase("seconds");
  return j;
}

}  // namespace

TEST_CASE("swarm cli: a violation exits 1, its traces replay, and a job reruns alone to the same counts",
          "[swarm][cli]") {
  ScratchDir dir("swarm-cli");
  const std::string cfg = example("ssi3-contention.json");
  const std::vector<std::string> base = {"check", cfg, "--variant", "no-dirty-resend", "--swarm", "6", "--max-memory",
                                         "768K", "--seed", "3", "--json"};
  std::vector<std::string> one = base, two = base;
  one.insert(one.end(), {dir.path("one.json"), "--threads", "1", "--trace-dir", dir.path("t1")});
  two.insert(two.end(), {dir.path("two.json"), "--threads", "2", "--trace-dir", dir.path("t2")});
  const auto r1 = run_lgrcheck(one);
  const auto r2 = run_lgrcheck(two);
  INFO(r1.output());
  REQUIRE(r1.status == 1);
  REQUIRE(r2.status == 1);
  const nlohmann::json j = nlohmann::json::parse(lgr::testing::read_file(dir.path("one.json")));
  const nlohmann::json k = nlohmann::json::parse(lgr::testing::read_file(dir.path("two.json")));
  nlohmann::json a = without_times(j), b = without_times(k);
  a.erase("counterexample_files");  // other folders
  b.erase("counterexample_files");
  a["swarm"].erase("threads");
  b["swarm"].erase("threads");
  CHECK(a == b);
  CHECK(j["verdict"] == "fail");
  CHECK(j["swarm"]["jobs"] == 6);
  CHECK(j["swarm"]["bitstate_bytes_per_job"] == 768 * 1024 / 6);
  const uint64_t job = j["violation"]["job"];
  CHECK(j["swarm"]["counted_jobs"] == job + 1);
  CHECK(j["violation"]["property"] == "ImageIntegrity");
  CHECK(j["violation"]["shortened_length"] <= j["violation"]["trace_length"]);
  CHECK(contains(r1.out, "ImageIntegrity    VIOLATED  found by job " + std::to_string(job) +
                             ": depth-first counterexample " + std::to_string(j["violation"]["trace_length"].get<int>()) +
                             " steps, " + std::to_string(j["violation"]["shortened_length"].get<int>()) +
                             " after shortening\n"));
  CHECK(contains(r1.out, "verdict: fail\n"));
  for (const char* file : {"no-dirty-resend.ImageIntegrity.trace", "no-dirty-resend.ImageIntegrity.dfs.trace"}) {
    const auto replayed = run_lgrcheck({"replay", dir.path("t1") + "/" + file});
    INFO(replayed.output());
    CHECK(replayed.status == 0);
    CHECK(contains(replayed.out, "expect violation ImageIntegrity: met"));
  }
  // Every counted job reruns alone, by its printed arguments, to the same counts.
  for (const auto& e : j["jobs"]) {
    if (e["result"] == "not counted") continue;
    std::vector<std::string> args = {"check", cfg};
    for (const auto& arg : e["rerun"]) args.push_back(arg);
    args.insert(args.end(), {"--json", "-", "-q", "--no-traces", "--threads", "1"});
    const auto again = run_lgrcheck(args);
    INFO(again.output());
    CHECK(again.status == (e["result"] == "violation" ? 1 : 3));
    const nlohmann::json alone = nlohmann::json::parse(again.out);
    CHECK(alone["states"] == e["states"]);
    CHECK(alone["transitions"] == e["transitions"]);
    CHECK(alone["depth"] == e["depth"]);
    CHECK(alone["bitstate"]["fill"] == e["bitstate_fill"]);
  }
}

TEST_CASE("swarm cli: no violation exits 3 and never says pass", "[swarm][cli]") {
  const auto r = run_lgrcheck({"check", example("ssi2-basic.json"), "--swarm", "2", "--threads", "2"});
  INFO(r.output());
  CHECK(r.status == 3);
  // "pass" only in the bounds line ("passes 2"), never in a verdict.
  CHECK_FALSE(contains(r.out, "verdict: pass"));
  CHECK_FALSE(contains(r.out, "probable pass"));
  CHECK(contains(r.out, "  under bounds: moves 1, cancels 1, member failures 1, link failures 1, eligibility changes 1, "
                        "passes 2\n"));
  CHECK(contains(r.out, "  swarm: 2 bitstate depth-first jobs, seed 1, 2 threads; each job 268435456 bytes of bits"));
  CHECK(contains(r.out, "  counted jobs 0..1: states 1212 and transitions 6032 summed over the jobs (they overlap), "
                        "deepest "));
  CHECK(contains(r.out, "  action instances taken by some job: "));
  CHECK(contains(r.out, "\nverdict: no violation found (a swarm is not a proof: "));
  const auto q = run_lgrcheck({"check", example("ssi2-basic.json"), "--swarm", "1", "-q"});
  CHECK(q.status == 3);
  CHECK(q.out == "verdict: no violation found\n");
}

TEST_CASE("swarm cli: options that do not fit a swarm are bad input", "[swarm][cli]") {
  const std::string cfg = example("ssi2-basic.json");
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--swarm", "0"}, "--swarm must be at least 1 (got 0)"},
      {{"--swarm", "-2"}, "--swarm must be at least 1 (got -2)"},
      {{"--swarm", "4", "--strategy", "bfs"}, "--swarm runs depth-first jobs; it cannot run with --strategy bfs"},
      {{"--swarm", "4", "--liveness"}, "--swarm checks the state properties only; it cannot run with --liveness"},
      {{"--swarm", "4", "--properties", "Termination"},
       "--swarm checks the state properties only; it cannot run with --liveness"},
      {{"--swarm", "4", "--bitstate", "1M"},
       "--swarm gives each job a bit array of --max-memory / N; it cannot run with --store, --bitstate or "
       "--hash-compaction"},
      {{"--swarm", "4", "--order-seed", "5"},
       "--swarm gives each job its own --hash-salt and --order-seed (from --seed); they cannot be given with it"},
      {{"--swarm", "4", "--symmetry"}, "--swarm runs its jobs on the unreduced model; it cannot run with --symmetry"},
      {{"--swarm", "4", "--checkpoint", "ckpt"},
       "--swarm keeps no checkpoints (its jobs are short); it cannot run with --checkpoint"},
      {{"--seed", "5"}, "--seed seeds the jobs of --swarm; give --swarm N too"},
      {{"--order-seed", "5"}, "--order-seed orders the depth-first search's successors; it needs --strategy dfs"},
      {{"--hash-salt", "5", "--strategy", "dfs"},
       "--hash-salt changes the bitstate hash functions; it needs --store bitstate (or --bitstate SIZE)"},
  };
  for (const auto& [extra, message] : cases) {
    std::vector<std::string> args = {"check", cfg};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_lgrcheck(args);
    INFO(extra.front() << " " << extra.back());
    CHECK(r.status == 2);
    CHECK(r.err == "lgrcheck: error: " + message + "\n");
  }
  // --strategy dfs is what a swarm runs: it is accepted.
  CHECK(run_lgrcheck({"check", cfg, "--swarm", "1", "--strategy", "dfs", "-q"}).status == 3);
}

TEST_CASE("swarm cli: a time limit makes it incomplete, exit 3, with the jobs it kept from starting 'not run'",
          "[swarm][cli]") {
  // One job of ssi4-seed takes seconds; 0.3 s stops it and keeps the others from starting.
  const auto r = run_lgrcheck({"check", example("ssi4-seed.json"), "--variant", "no-reservation", "--swarm", "3",
                               "--threads", "1", "--max-memory", "3M", "--time-limit", "0.3", "--json", "-"});
  INFO(r.output());
  CHECK(r.status == 3);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["verdict"] == "incomplete");
  CHECK(j["stop_reason"] == "time limit");
  CHECK(j["jobs"][0]["result"] == "stopped");
  CHECK(j["jobs"][0]["stop_reason"] == "time limit reached");
  CHECK(j["jobs"][1]["result"] == "not run");
  CHECK(j["jobs"][2]["result"] == "not run");
  CHECK(j["states"] == j["jobs"][0]["states"]);
  CHECK(j["actions_total"] == 53);
  CHECK(j["actions_taken"] == j["jobs"][0]["actions_taken"]);
  CHECK(contains(r.err, "not run (the time limit or a signal came first)"));
  CHECK(contains(r.err, "verdict: incomplete (no violation found so far; a swarm is never a proof)\n"));
}
