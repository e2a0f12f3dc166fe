// Checkpoints of a check (docs/checkpoint.md): the engine's cut at a level
// boundary (explorer/level_cut.hpp) in DIR/ckpt-<n>/cut.bin, and beside it
// manifest.json: what decides the result (the configuration file's content
// hash, the lgrcheck version, the state size, the store) and the command's
// settings, so that `lgrcheck resume DIR` needs nothing else. A resume
// refuses, in one line, a checkpoint that is damaged or that was written
// for something else.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "checker/checkpoint_folder.hpp"
#include "explorer/level_cut.hpp"

namespace lgr {

struct CheckpointPlan {
  std::string dir;
  double every_seconds = 0;  // 0: at every level boundary
  std::string config_path;   // its content is hashed into the manifest
  std::string version;       // lgrcheck's
  nlohmann::json command;    // the settings a resume runs with (opaque here)
  uint64_t first_number = 1;
  std::function<void(const std::string&)> note;  // told "checkpoint N written at level L (...)"
};

struct CheckpointStats {
  uint64_t written = 0;
  uint64_t number = 0;  // of the last one written
  uint32_t level = 0;
  uint64_t states = 0, bytes = 0;
  double seconds = 0;
  std::string line() const;  // "checkpoint 3 written at level 12 (5120 states, 0.3 MiB, 0.01 s)"
};

class CheckpointWriter {
 public:
  CheckpointWriter(CheckpointPlan plan, std::size_t state_words, explorer::StoreKind store);
  bool due(uint32_t depth);
  void write(const explorer::LevelCut& cut);
  const CheckpointStats& stats() const { return stats_; }

 private:
  CheckpointPlan plan_;
  CheckpointFolder folder_;
  nlohmann::json decides_;
  std::chrono::steady_clock::time_point last_;
  CheckpointStats stats_;
};

// A checkpoint's manifest, read and verified (its own checksum).
struct CheckpointManifest {
  nlohmann::json json;
  std::string folder;  // DIR/ckpt-<n>
  uint64_t number = 0;
};

// FNV-1a 64 of the file's bytes, as 16 hex digits.
std::string file_digest(const std::string& path);
// The manifest CURRENT names; throws CheckpointError.
CheckpointManifest read_checkpoint_manifest(const std::string& dir);
// Refuses (CheckpointError) a checkpoint written for another configuration
// content, lgrcheck version, state size or store.
void verify_checkpoint(const CheckpointManifest& m, const std::string& dir, const std::string& config_path,
                       const std::string& version, std::size_t state_words, explorer::StoreKind store);
// The cut, verified; throws CheckpointError.
std::shared_ptr<const explorer::LevelCut> read_checkpoint_cut(const CheckpointManifest& m);

}  // namespace lgr
