#include "checker/checkpoint_folder.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>

namespace lgr {
namespace fs = std::filesystem;
namespace {

void sync_folder(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) throw std::runtime_error("cannot open checkpoint folder " + dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot flush checkpoint folder " + dir);
}

}  // namespace

std::optional<std::string> CheckpointFolder::current() const {
  std::ifstream in(dir_ + "/CURRENT");
  std::string name;
  if (!in || !std::getline(in, name) || name.empty()) return std::nullopt;
  return name;
}

void CheckpointFolder::write_file(const std::string& path, const std::function<void(std::FILE*)>& fill) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!f) throw std::runtime_error("cannot write checkpoint file " + path);
  fill(f.get());
  if (std::fflush(f.get()) != 0 || ::fsync(::fileno(f.get())) != 0)
    throw std::runtime_error("cannot write checkpoint file " + path);
  if (std::fclose(f.release()) != 0) throw std::runtime_error("cannot write checkpoint file " + path);
}

void CheckpointFolder::publish(uint64_t number, const std::function<void(const std::string&)>& write) {
  const std::string name = "ckpt-" + std::to_string(number);
  const std::string tmp = path_of(name + ".tmp"), final_path = path_of(name);
  std::error_code ec;
  fs::create_directories(dir_, ec);
  fs::remove_all(tmp, ec);
  if (!fs::create_directory(tmp, ec)) throw std::runtime_error("cannot create checkpoint folder " + tmp);
  write(tmp);
  sync_folder(tmp);
  fs::remove_all(final_path, ec);  // a leftover of a run that never switched CURRENT to it
  fs::rename(tmp, final_path);
  sync_folder(dir_);
  write_file(path_of("CURRENT.tmp"), [&](std::FILE* f) { std::fprintf(f, "%s\n", name.c_str()); });
  fs::rename(path_of("CURRENT.tmp"), path_of("CURRENT"));
  sync_folder(dir_);
  // The previous checkpoint, and what a crash before this point left of
  // older ones (a folder never switched to, or never deleted).
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    const std::string other = e.path().filename().string();
    if (other.rfind("ckpt-", 0) == 0 && other != name) fs::remove_all(e.path(), ec);
  }
}

}  // namespace lgr
