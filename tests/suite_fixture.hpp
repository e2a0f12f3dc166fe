// Helpers for the `lgrcheck suite` tests: manifests and traces written to a
// private temporary folder, and one call that runs the command.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "cli/suite_command.hpp"

namespace lgr::suite_testing {

using lgr::SuiteArgs;

inline std::string example(const std::string& name) {
  return std::string(LGRCHECK_SOURCE_DIR) + "/examples/" + name;
}

// A fresh folder, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "lgrcheck-suite-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path(const std::string& name) const { return (path_ / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories((path_ / name).parent_path());
    std::ofstream(path_ / name, std::ios::binary) << text;
    return path(name);
  }
  std::string read(const std::string& name) const {
    std::ifstream in(path_ / name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

 private:
  std::filesystem::path path_;
};

struct SuiteRun {
  int status;
  std::string out;
  std::string err;
};

inline SuiteRun run_suite(const std::string& manifest, SuiteArgs args = {}) {
  args.manifest = manifest;
  std::ostringstream out, err;
  const int status = run_suite_command(args, out, err);
  return {status, out.str(), err.str()};
}

// PASS lines carry wall times; everything else is deterministic.
inline std::string without_times(const std::string& out) {
  return std::regex_replace(out, std::regex(R"(, \d+\.\d\d s\))"), ")");
}

}  // namespace lgr::suite_testing
