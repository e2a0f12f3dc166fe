// Parent links on disk (--spill DIR): every store gives the in-memory
// results, traces state by state included, breadth- and depth-first and on
// thread-ranks, with the links read back from the files; the files are
// gone after the run; an unusable folder and a full disk end the run with
// one line and exit 2, never a verdict.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "explorer/parent_spill.hpp"
#include "explorer/thread_network.hpp"
#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
using explorer::StoreKind;
namespace fs = std::filesystem;

namespace {

CheckSettings settings_of(StoreKind store, int threads, const std::string& spill = "",
                          explorer::Strategy strategy = explorer::Strategy::BreadthFirst) {
  CheckSettings s;
  s.search.threads = threads;
  s.search.store = store;
  s.search.spill_dir = spill;
  s.search.strategy = strategy;
  return s;
}

bool empty_folder(const fs::path& dir) { return fs::is_empty(dir); }

}  // namespace

TEST_CASE("spill: every store gives the in-memory results on a violating ssi4-seed variant", "[stores][spill]") {
  // 1.9 million states: the links go to disk in many batches, and each
  // counterexample's steps come back from the files.
  const LgrModel m = lgr::testing::model_of("ssi4-seed.json", {"early-resume"});
  lgr::testing::ScratchDir scratch("spill");
  for (StoreKind store : {StoreKind::Table, StoreKind::Tree, StoreKind::HashCompaction}) {
    INFO(explorer::store_name(store));
    const CheckReport memory = run_check(m, settings_of(store, 2));
    const CheckReport spilled = run_check(m, settings_of(store, 2, scratch.path().string()));
    CHECK(spilled.verdict == Verdict::Fail);
    CHECK(lgr::testing::results_of(spilled) == lgr::testing::results_of(memory));
    CHECK(spilled.search.spill_dir == scratch.path().string());
    // All but fewer than 2^16 links (6 bytes each) are on disk.
    CHECK(spilled.search.spilled_bytes <= spilled.search.states * 6);
    CHECK(spilled.search.spilled_bytes > (spilled.search.states - 65536) * 6);
    CHECK(spilled.search.peak_bytes < memory.search.peak_bytes);
    CHECK(empty_folder(scratch.path()));
  }
}

TEST_CASE("spill: depth-first search and thread-ranks read their traces back from the files", "[stores][spill]") {
  lgr::testing::ScratchDir scratch("spill");
  const LgrModel m = lgr::testing::model_of("ssi4-seed.json", {"no-final-check"});
  const CheckReport dfs_memory = run_check(m, settings_of(StoreKind::Table, 1, "", explorer::Strategy::DepthFirst));
  const CheckReport dfs = run_check(m, settings_of(StoreKind::Table, 1, scratch.path().string(), explorer::Strategy::DepthFirst));
  CHECK(dfs.search.spilled_bytes > 0);
  CHECK(lgr::testing::results_of(dfs) == lgr::testing::results_of(dfs_memory));

  const std::string reference = lgr::testing::results_of(run_check(m, settings_of(StoreKind::Table, 1)));
  std::vector<CheckReport> reports(2);
  explorer::run_on_thread_ranks(2, [&](explorer::RankNetwork& net) {
    CheckSettings s = settings_of(StoreKind::Table, 1, scratch.path().string());
    s.network = &net;
    reports[net.rank()] = run_check(m, s);
  });
  for (const CheckReport& r : reports) {
    CHECK(lgr::testing::results_of(r) == reference);
    CHECK(r.search.spilled_bytes > 0);  // each rank its own files, in one folder
  }
  CHECK(empty_folder(scratch.path()));
}

TEST_CASE("spill: the files give back exactly the links written, in id order", "[stores][spill]") {
  lgr::testing::ScratchDir scratch("spill");
  explorer::ParentSpill spill(scratch.path().string());
  std::vector<explorer::StateId> parents;
  std::vector<explorer::ActionId> actions;
  for (uint32_t i = 0; i < 100000; ++i) {
    parents.push_back(i * 7 + 3);
    actions.push_back(static_cast<explorer::ActionId>(i % 977));
  }
  spill.append({parents.data(), 60000}, {actions.data(), 60000});
  spill.append({parents.data() + 60000, 40000}, {actions.data() + 60000, 40000});
  CHECK(spill.spilled() == 100000);
  CHECK(spill.bytes_written() == 600000);
  uint64_t wrong = 0;
  for (uint32_t i = 0; i < 100000; i += 37) wrong += spill.parent(i) != parents[i] || spill.action(i) != actions[i];
  CHECK(wrong == 0);
  CHECK(spill.parent(99999) == parents[99999]);
  CHECK_THROWS_WITH(spill.parent(100000), "cannot read the parents spill file in " + scratch.path().string() +
                                              ": it is shorter than written");
  CHECK(empty_folder(scratch.path()));  // unlinked as soon as made
  CHECK_THROWS_WITH(explorer::ParentSpill((scratch.path() / "none").string()),
                    "--spill: " + (scratch.path() / "none").string() + " is not a folder (No such file or directory)");
}

TEST_CASE("spill cli: an unusable folder, or one with --checkpoint, is refused with exit 2", "[stores][spill]") {
  lgr::testing::ScratchDir scratch("spill-cli");
  const std::string config = lgr::testing::example("ssi2-basic.json");
  const std::string file = scratch.file("plain-file");
  { std::ofstream(file) << "x"; }
  auto r = lgr::testing::run_lgrcheck({"check", config, "--spill", file});
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: --spill: " + file + " is not a folder\n");
  r = lgr::testing::run_lgrcheck({"check", config, "--spill", scratch.path().string(), "--checkpoint", scratch.file("ck")});
  CHECK(r.status == 2);
  CHECK(r.err ==
        "lgrcheck: error: --spill keeps the parent links on disk, which a checkpoint does not save yet; it cannot run "
        "with --checkpoint or resume\n");
}

TEST_CASE("spill cli: a full disk stops the run with the file and the reason, never a verdict", "[stores][spill]") {
  lgr::testing::ScratchDir scratch("spill-cli");
  const std::string dir = scratch.path().string();
  // A file size limit of 64 blocks stands in for a full disk: the first
  // batch of links (384 KiB) does not fit, and the write fails with EFBIG.
  const auto r = lgr::testing::run_program(
      {"/bin/sh", "-c",
       std::string("ulimit -f 64; exec '") + LGRCHECK_BINARY + "' check '" + lgr::testing::example("ssi4-seed.json") +
           "' --spill '" + dir + "' -q --no-traces --json -"});
  INFO(r.output());
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: cannot write the parents spill file in " + dir +
                     ": File too large (the run stopped: no verdict)\n");
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["verdict"] == "error");
  CHECK(r.output().find("pass") == std::string::npos);
}

TEST_CASE("spill cli: the summary and the JSON say where the links went", "[stores][spill]") {
  lgr::testing::ScratchDir scratch("spill-cli");
  const std::string dir = scratch.path().string();
  const auto r = lgr::testing::run_lgrcheck(
      {"check", lgr::testing::example("ssi4-seed.json"), "--store", "tree", "--spill", dir, "--json", scratch.file("r.json")});
  INFO(r.output());
  CHECK(r.status == 0);
  CHECK(r.output().find("  spill: 1") != std::string::npos);
  CHECK(r.output().find(" MiB of parent links written to " + dir + " (removed at the end)") != std::string::npos);
  const auto j = nlohmann::json::parse(lgr::testing::read_file(scratch.file("r.json")));
  CHECK(j["states"] == 1884500);
  CHECK(j["spill"]["folder"] == dir);
  CHECK(j["spill"]["bytes"].get<uint64_t>() <= 1884500 * 6);
  CHECK(j["spill"]["bytes"].get<uint64_t>() > (1884500 - 65536) * 6);
  CHECK(fs::is_empty(dir) == false);  // r.json only
}
