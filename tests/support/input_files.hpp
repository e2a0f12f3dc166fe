// Helpers for the strict-input tests: a scratch folder with files in it, and
// running the lgrcheck binary to see its exit status and standard error.
#pragma once

#include <sys/wait.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace lgr::testing {

class InputDir {
 public:
  InputDir() {
    static std::atomic<int> n{0};
    path_ = std::filesystem::temp_directory_path() /
            ("lgrcheck-input-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(path_);
  }
  ~InputDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  InputDir(const InputDir&) = delete;
  InputDir& operator=(const InputDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return file(name);
  }

 private:
  std::filesystem::path path_;
};

struct Run {
  int status = -1;
  std::string out, err;
};

// `lgrcheck ARGS` (ARGS quoted for the shell), with a 20 s guard so that a
// hang fails the test instead of stalling the suite.
inline Run run_binary(const std::string& args) {
  InputDir tmp;
  const std::string cmd = std::string("timeout 20 '") + LGRCHECK_BINARY + "' " + args + " </dev/null >'" +
                          tmp.file("out") + "' 2>'" + tmp.file("err") + "'";
  const int raw = std::system(cmd.c_str());
  Run r;
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  auto slurp = [](const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  r.out = slurp(tmp.file("out"));
  r.err = slurp(tmp.file("err"));
  return r;
}

inline std::string source_file(const std::string& relative) {
  return std::string(LGRCHECK_SOURCE_DIR) + "/" + relative;
}

}  // namespace lgr::testing
