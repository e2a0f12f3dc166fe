// A temporary directory for one test (removed when it ends) and whole-file
// reading, for tests that run programs which write files.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace lgr::testing {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

class ScratchDir {
 public:
  // `purpose` names the directory, e.g. "spin" -> /tmp/lgrcheck-spin-PID-N.
  explicit ScratchDir(const std::string& purpose) {
    static std::atomic<int> n{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("lgrcheck-" + purpose + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(dir_);
  }
  ~ScratchDir() { std::filesystem::remove_all(dir_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return dir_; }
  std::filesystem::path operator/(const std::string& name) const { return dir_ / name; }

 private:
  std::filesystem::path dir_;
};

}  // namespace lgr::testing
