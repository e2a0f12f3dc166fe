// One temporary folder per test, removed with its contents when the test
// ends, and whole-file reading: for tests that write inputs or run programs
// that write files.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace lgr::testing {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
inline std::string slurp(const std::filesystem::path& p) { return read_file(p); }

class ScratchDir {
 public:
  // `purpose` names the folder: "spin" -> /tmp/lgrcheck-spin-XXXXXX (mkdtemp:
  // unique across the parallel CTest processes, which share one pid space).
  explicit ScratchDir(const std::string& purpose = "test") {
    std::string stem = purpose.rfind("lgrcheck", 0) == 0 ? purpose : "lgrcheck-" + purpose;
    std::string pattern = (std::filesystem::temp_directory_path() / (stem + "-XXXXXX")).string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    dir_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return dir_; }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string file(const std::string& name) const { return path(name); }
  std::filesystem::path operator/(const std::string& name) const { return dir_ / name; }

  // Writes `text` to `name` (folders created as needed); returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return path(name);
  }
  std::string read(const std::string& name) const { return read_file(dir_ / name); }

 private:
  std::filesystem::path dir_;
};

// The name the older tests use for the same folder.
using TempDir = ScratchDir;

}  // namespace lgr::testing
