// Checkpoint and resume (docs/checkpoint.md): a search resumed from the
// checkpoint of any level boundary ends with exactly the uninterrupted
// result, at any thread count and with either store that supports it; a
// damaged checkpoint, or one written for another configuration, is refused
// with one line naming what is wrong.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "checker/checkpoint.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
namespace fs = std::filesystem;

namespace {

const char* const kVersion = "test-version";

CheckSettings settings_for(explorer::StoreKind store, int threads, bool liveness = false, bool symmetry = false,
                           int fingerprint_bits = 64) {
  CheckSettings s;
  s.search.fingerprint_bits = fingerprint_bits;
  s.symmetry = symmetry;
  s.search.threads = threads;
  s.search.store = store;
  s.liveness = liveness;
  return s;
}

// The report as JSON without what measures the run rather than the model.
std::string json_of(const CheckReport& r) {
  nlohmann::json j = report_json(r);
  for (const char* k : {"seconds", "states_per_second", "peak_resident_bytes", "peak_bytes", "bytes_per_state",
                        "threads", "checkpoint", "resumed_from", "liveness"})
    j.erase(k);
  return j.dump(1);
}

// Checks `config` with a checkpoint at every level boundary into `dir`,
// keeping a copy of each checkpoint folder as it was written: copies[level].
CheckReport check_keeping_copies(const LgrModel& m, CheckSettings s, const fs::path& dir, const fs::path& copies,
                                 std::map<uint32_t, fs::path>& kept) {
  CheckpointPlan plan;
  plan.dir = dir.string();
  plan.config_path = m.config().path;
  plan.version = kVersion;
  plan.note = [&](const std::string& line) {
    const auto m = read_checkpoint_manifest(plan.dir);
    const fs::path copy = copies / ("level-" + std::to_string(m.json["level"].get<uint32_t>()));
    fs::copy(dir, copy, fs::copy_options::recursive);
    kept[m.json["level"].get<uint32_t>()] = copy;
    CHECK(line.rfind("checkpoint " + std::to_string(m.number) + " written at level ", 0) == 0);
  };
  s.checkpoint = plan;
  return run_check(m, s);
}

CheckReport resume_from(const LgrModel& m, CheckSettings s, const fs::path& dir) {
  const CheckpointManifest manifest = read_checkpoint_manifest(dir.string());
  verify_checkpoint(manifest, dir.string(), m.config().path, kVersion, m.state_words(), s.search.store);
  s.resume = read_checkpoint_cut(manifest);
  s.resumed_from = manifest.number;
  return run_check(m, s);
}

void expect_resume_at_every_level(const std::string& example, const std::vector<std::string>& variants,
                                  explorer::StoreKind store, bool liveness = false, bool symmetry = false,
                                  int bits = 64) {
  const LgrModel m = lgr::testing::model_of(example, variants);
  const CheckReport plain = run_check(m, settings_for(store, 1, liveness, symmetry, bits));
  lgr::testing::ScratchDir scratch("checkpoint");
  std::map<uint32_t, fs::path> kept;
  const CheckReport written =
      check_keeping_copies(m, settings_for(store, 2, liveness, symmetry, bits), scratch.path() / "ckpt", scratch.path(), kept);
  CHECK(lgr::testing::results_of(written) == lgr::testing::results_of(plain));
  CHECK(json_of(written) == json_of(plain));
  // A boundary before every level but the last, which finds nothing new.
  REQUIRE(kept.size() == plain.search.depth + 1);
  REQUIRE(written.checkpoint->written == kept.size());
  for (const auto& [level, copy] : kept) {
    const int threads = 1 + level % 3;
    const CheckReport resumed = resume_from(m, settings_for(store, threads, liveness, symmetry, bits), copy);
    INFO(example << " resumed at level " << level << " on " << threads << " threads");
    CHECK(lgr::testing::results_of(resumed) == lgr::testing::results_of(plain));
    CHECK(json_of(resumed) == json_of(plain));
    CHECK(resumed.search.complete_levels == plain.search.complete_levels);
  }
}

fs::path cut_file(const fs::path& dir) {
  return dir / read_checkpoint_manifest(dir.string()).folder.substr(dir.string().size() + 1) / "cut.bin";
}

std::string refusal(const LgrModel& m, const fs::path& dir) {
  try {
    resume_from(m, settings_for(explorer::StoreKind::Table, 1), dir);
  } catch (const CheckpointError& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST_CASE("resuming at every level boundary gives the uninterrupted result with the table store", "[checkpoint]") {
  expect_resume_at_every_level("ssi2-basic.json", {}, explorer::StoreKind::Table);
  expect_resume_at_every_level("ssi2-basic.json", {"early-resume"}, explorer::StoreKind::Table);
}

TEST_CASE("resuming at every level boundary gives the uninterrupted result with hash compaction", "[checkpoint]") {
  expect_resume_at_every_level("ssi2-basic.json", {"early-resume"}, explorer::StoreKind::HashCompaction);
}

TEST_CASE("resuming at every level boundary gives the uninterrupted result with 96-bit fingerprints",
          "[checkpoint]") {
  expect_resume_at_every_level("ssi2-basic.json", {"early-resume"}, explorer::StoreKind::HashCompaction, false, false,
                               96);
  // A resume needs the width it was written with (the command line takes it from the checkpoint).
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json", {});
  lgr::testing::ScratchDir scratch("checkpoint");
  std::map<uint32_t, fs::path> kept;
  check_keeping_copies(m, settings_for(explorer::StoreKind::HashCompaction, 1, false, false, 96),
                       scratch.path() / "ckpt", scratch.path(), kept);
  CHECK_THROWS_WITH(resume_from(m, settings_for(explorer::StoreKind::HashCompaction, 1), kept.at(3)),
                    "the checkpoint was written with 96-bit fingerprints; resume it with the same");
}

TEST_CASE("resuming at every level boundary gives the uninterrupted result with the tree store", "[checkpoint]") {
  expect_resume_at_every_level("ssi2-basic.json", {}, explorer::StoreKind::Tree);
  expect_resume_at_every_level("ssi2-basic.json", {"early-resume"}, explorer::StoreKind::Tree);
}

TEST_CASE("a resumed search checks liveness as the uninterrupted one does", "[checkpoint]") {
  expect_resume_at_every_level("ssi2-basic.json", {"retry-refused"}, explorer::StoreKind::Table, true);
}

TEST_CASE("a search reduced by symmetry resumes to the uninterrupted result", "[checkpoint][symmetry]") {
  expect_resume_at_every_level("ssi2-triplets.json", {}, explorer::StoreKind::Table, false, true);
  expect_resume_at_every_level("ssi2-triplets.json", {"early-resume"}, explorer::StoreKind::HashCompaction, false, true);
}

TEST_CASE("a damaged or missing checkpoint file is refused in one line", "[checkpoint]") {
  const LgrModel m = lgr::testing::model_of("ssi2-basic.json");
  lgr::testing::ScratchDir scratch("checkpoint");
  std::map<uint32_t, fs::path> kept;
  check_keeping_copies(m, settings_for(explorer::StoreKind::Table, 1), scratch.path() / "ckpt", scratch.path(), kept);
  const fs::path good = kept.at(5);
  auto fresh = [&](const std::string& name) {
    const fs::path d = scratch.path() / name;
    fs::copy(good, d, fs::copy_options::recursive);
    return d;
  };
  const std::string reference = lgr::testing::results_of(run_check(m, settings_for(explorer::StoreKind::Table, 1)));

  const fs::path truncated = fresh("truncated");
  fs::resize_file(cut_file(truncated), fs::file_size(cut_file(truncated)) - 9);
  CHECK(refusal(m, truncated) == "checkpoint file " + cut_file(truncated).string() + " is truncated");

  const fs::path flipped = fresh("flipped");
  {
    std::fstream f(cut_file(flipped), std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(300);
    char c = 0;
    f.get(c);
    f.seekp(300);
    f.put(static_cast<char>(c ^ 0x10));
  }
  CHECK(refusal(m, flipped) == "checkpoint file " + cut_file(flipped).string() + " is damaged (checksum mismatch)");

  const fs::path missing = fresh("missing");
  const fs::path missing_cut = cut_file(missing);
  fs::remove(missing_cut);
  CHECK(refusal(m, missing) == "checkpoint file " + missing_cut.string() + " is missing");

  const fs::path edited = fresh("edited");
  const fs::path manifest = missing_cut.parent_path().parent_path().parent_path() / "edited" /
                            missing_cut.parent_path().filename() / "manifest.json";
  std::string text = lgr::testing::read_file(manifest);
  text.replace(text.find("\"level\": 5"), 10, "\"level\": 4");
  std::ofstream(manifest) << text;
  CHECK(refusal(m, edited) == "checkpoint file " + manifest.string() + " is damaged (checksum mismatch)");

  const fs::path no_current = fresh("no-current");
  fs::remove(no_current / "CURRENT");
  CHECK(refusal(m, no_current) == "checkpoint folder " + no_current.string() + " holds no checkpoint (no CURRENT file)");

  // A crash while the next checkpoint was written leaves its .tmp folder,
  // damaged: CURRENT still names the complete one, which resumes.
  const fs::path crashed = fresh("crashed");
  const std::string name = read_checkpoint_manifest(crashed.string()).folder.substr(crashed.string().size() + 1);
  const uint64_t number = std::stoull(name.substr(5));
  fs::create_directory(crashed / ("ckpt-" + std::to_string(number + 1) + ".tmp"));
  std::ofstream(crashed / ("ckpt-" + std::to_string(number + 1) + ".tmp") / "cut.bin") << "LGRCUT";
  CHECK(lgr::testing::results_of(resume_from(m, settings_for(explorer::StoreKind::Table, 2), crashed)) == reference);
}

TEST_CASE("a checkpoint written for another configuration or version or store is refused", "[checkpoint]") {
  lgr::testing::ScratchDir scratch("checkpoint");
  const fs::path config = scratch.path() / "mine.json";
  fs::copy_file(lgr::testing::example("ssi2-basic.json"), config);
  const LgrModel m(load_config(config.string()), parse_variants({}));
  std::map<uint32_t, fs::path> kept;
  check_keeping_copies(m, settings_for(explorer::StoreKind::Table, 1), scratch.path() / "ckpt", scratch.path(), kept);
  const fs::path dir = kept.at(3);
  const CheckpointManifest manifest = read_checkpoint_manifest(dir.string());
  auto refused = [&](const std::string& version, explorer::StoreKind store) {
    try {
      verify_checkpoint(manifest, dir.string(), config.string(), version, m.state_words(), store);
    } catch (const CheckpointError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refused(kVersion, explorer::StoreKind::Table) == "accepted");
  CHECK(refused("0.0.1", explorer::StoreKind::Table) ==
        "checkpoint " + dir.string() + " was written by lgrcheck test-version, this is 0.0.1");
  CHECK(refused(kVersion, explorer::StoreKind::HashCompaction) ==
        "checkpoint " + dir.string() + " was written with --store table, not hash-compaction");
  CHECK(refused(kVersion, explorer::StoreKind::Tree) ==
        "checkpoint " + dir.string() + " was written with --store table, not tree");
  std::ofstream(config, std::ios::app) << "\n";
  CHECK(refused(kVersion, explorer::StoreKind::Table) ==
        "checkpoint " + dir.string() + " was written for another configuration (" + config.string() + " changed)");
}
