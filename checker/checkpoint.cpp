#include "checker/checkpoint.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace lgr {
namespace {

constexpr int kManifestFormat = 1;

std::string hex(uint64_t v) { return fmt::format("{:016x}", v); }

// The manifest's checksum covers its text without the checksum itself.
std::string manifest_sum(nlohmann::json j) {
  j.erase("manifest_fnv1a64");
  const std::string text = j.dump();
  return hex(explorer::fnv1a64(text.data(), text.size()));
}

double mib(uint64_t bytes) { return bytes / (1024.0 * 1024.0); }

}  // namespace

std::string CheckpointStats::line() const {
  return fmt::format("checkpoint {} written at level {} ({} states, {:.1f} MiB, {:.2f} s)", number, level, states,
                     mib(bytes), seconds);
}

std::string file_digest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CheckpointError("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  const std::string text = s.str();
  return hex(explorer::fnv1a64(text.data(), text.size()));
}

CheckpointWriter::CheckpointWriter(CheckpointPlan plan, std::size_t state_words, explorer::StoreKind store)
    : plan_(std::move(plan)), folder_(plan_.dir), last_(std::chrono::steady_clock::now()) {
  decides_ = {{"lgrcheck", plan_.version},
              {"config", plan_.config_path},
              {"config_fnv1a64", file_digest(plan_.config_path)},
              {"state_words", state_words},
              {"store", explorer::store_name(store)}};
  stats_.number = plan_.first_number - 1;
}

bool CheckpointWriter::due(uint32_t) {
  return plan_.every_seconds <= 0 ||
         std::chrono::duration<double>(std::chrono::steady_clock::now() - last_).count() >= plan_.every_seconds;
}

void CheckpointWriter::write(const explorer::LevelCut& cut) {
  const auto start = std::chrono::steady_clock::now();
  const uint64_t number = stats_.number + 1;
  uint64_t bytes = 0;
  folder_.publish(number, [&](const std::string& folder) {
    const std::string cut_path = folder + "/cut.bin";
    CheckpointFolder::write_file(cut_path, [&](std::FILE* f) { bytes = explorer::write_level_cut(cut, f, cut_path); });
    nlohmann::json m = {{"format", kManifestFormat},
                        {"number", number},
                        {"level", cut.depth},
                        {"states", cut.states},
                        {"decides", decides_},
                        {"digest", hex([&] {
                           const std::string t = decides_.dump();
                           return explorer::fnv1a64(t.data(), t.size());
                         }())},
                        {"command", plan_.command},
                        {"files", {{"cut.bin", {{"bytes", bytes}}}}}};
    m["manifest_fnv1a64"] = manifest_sum(m);
    const std::string text = m.dump(2) + "\n";
    CheckpointFolder::write_file(folder + "/manifest.json", [&](std::FILE* f) {
      if (std::fwrite(text.data(), 1, text.size(), f) != text.size())
        throw std::runtime_error("cannot write checkpoint file " + folder + "/manifest.json");
    });
  });
  const auto end = std::chrono::steady_clock::now();
  last_ = end;
  ++stats_.written;
  stats_.number = number;
  stats_.level = cut.depth;
  stats_.states = cut.states;
  stats_.bytes = bytes;
  stats_.seconds = std::chrono::duration<double>(end - start).count();
  if (plan_.note) plan_.note(stats_.line());
}

CheckpointManifest read_checkpoint_manifest(const std::string& dir) {
  CheckpointFolder folder(dir);
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw CheckpointError("checkpoint folder " + dir + " does not exist");
  const auto name = folder.current();
  if (!name) throw CheckpointError("checkpoint folder " + dir + " holds no checkpoint (no CURRENT file)");
  CheckpointManifest m;
  m.folder = folder.path_of(*name);
  const std::string path = m.folder + "/manifest.json";
  std::ifstream in(path);
  if (!in) throw CheckpointError("checkpoint file " + path + " is missing");
  try {
    m.json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception&) {
    throw CheckpointError("checkpoint file " + path + " is damaged (not JSON)");
  }
  if (!m.json.is_object() || !m.json.contains("manifest_fnv1a64") ||
      m.json["manifest_fnv1a64"] != manifest_sum(m.json))
    throw CheckpointError("checkpoint file " + path + " is damaged (checksum mismatch)");
  if (m.json.value("format", 0) != kManifestFormat)
    throw CheckpointError("checkpoint file " + path + " has another manifest format");
  m.number = m.json["number"].get<uint64_t>();
  return m;
}

void verify_checkpoint(const CheckpointManifest& m, const std::string& dir, const std::string& config_path,
                       const std::string& version, std::size_t state_words, explorer::StoreKind store) {
  const nlohmann::json& d = m.json["decides"];
  const std::string head = "checkpoint " + dir + " was written ";
  if (d["lgrcheck"] != version)
    throw CheckpointError(head + "by lgrcheck " + d["lgrcheck"].get<std::string>() + ", this is " + version);
  if (d["config_fnv1a64"] != file_digest(config_path))
    throw CheckpointError(head + "for another configuration (" + config_path + " changed)");
  if (d["state_words"] != state_words)
    throw CheckpointError(head + fmt::format("for another state layout ({} words a state, now {})",
                                             d["state_words"].get<uint64_t>(), state_words));
  if (d["store"] != explorer::store_name(store))
    throw CheckpointError(head + "with --store " + d["store"].get<std::string>() + ", not " + explorer::store_name(store));
}

std::shared_ptr<const explorer::LevelCut> read_checkpoint_cut(const CheckpointManifest& m) {
  try {
    return std::make_shared<const explorer::LevelCut>(explorer::read_level_cut(m.folder + "/cut.bin"));
  } catch (const explorer::CutFileError& e) {
    throw CheckpointError(e.what());
  }
}

}  // namespace lgr
