// Helpers for the counterexamples tests: temporary folders and files, and
// running the lgrcheck binary to see its exit status and both streams.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace lgr::testing {

// A fresh folder under the system temp folder, removed with its contents.
class TempDir {
 public:
  explicit TempDir(const std::string& stem) {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / (stem + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return file(name);
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CommandOutcome {
  int status = -1;
  std::string out, err;
};

// Runs `lgrcheck ARGS` (ARGS already quoted for the shell).
inline CommandOutcome run_lgrcheck(const std::string& args) {
  TempDir tmp("lgrcheck-run");
  const std::string cmd = std::string("'") + LGRCHECK_BINARY + "' " + args + " >'" + tmp.file("out") + "' 2>'" +
                          tmp.file("err") + "'";
  const int raw = std::system(cmd.c_str());
  CommandOutcome o;
  o.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  o.out = read_file(tmp.file("out"));
  o.err = read_file(tmp.file("err"));
  return o;
}

inline std::string scenario(const std::string& name) {
  return std::string(LGRCHECK_SOURCE_DIR) + "/examples/scenarios/" + name;
}

}  // namespace lgr::testing
