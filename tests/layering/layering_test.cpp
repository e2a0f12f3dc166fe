// The layering of the source tree, as the top CMakeLists.txt states it: a
// folder may include only the folders below it. Checked on the source text
// (every `#include "folder/..."`), so a wrong include fails here, in CI, and
// not months later as a tangle.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// Folder -> the project folders its files may include (itself included).
const std::map<std::string, std::set<std::string>>& allowed() {
  static const std::map<std::string, std::set<std::string>> kAllowed = {
      {"explorer", {"explorer"}},
      {"model", {"model"}},
      {"properties", {"explorer", "model", "properties"}},
      {"counterexamples", {"explorer", "model", "properties", "counterexamples"}},
      {"checker", {"explorer", "model", "properties", "counterexamples", "checker"}},
      {"crosscheck", {"explorer", "model", "properties", "crosscheck"}},
      {"simulation", {"explorer", "model", "properties", "counterexamples", "checker", "simulation"}},
      {"suite", {"explorer", "model", "properties", "counterexamples", "checker", "crosscheck", "suite"}},
      {"distributed", {"explorer", "distributed"}},
      {"cli", {"explorer", "model", "properties", "counterexamples", "checker", "crosscheck", "suite", "simulation",
               "distributed", "cli"}},
      {"tests", {"explorer", "model", "properties", "counterexamples", "checker", "crosscheck", "suite", "simulation",
                 "distributed", "tests"}},
      {"fuzz", {"explorer", "model", "properties", "counterexamples", "checker", "crosscheck", "suite", "fuzz"}},
  };
  return kAllowed;
}

struct Include {
  std::string file;  // relative to the source root
  int line;
  std::string target;  // as written, e.g. "model/config.hpp"
};

std::vector<Include> project_includes(const fs::path& root, const std::string& folder) {
  static const std::regex kInclude(R"(^\s*#\s*include\s*"([^"]+)\")");
  std::vector<Include> out;
  if (!fs::exists(root / folder)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root / folder)) {
    const auto ext = e.path().extension();
    if (!e.is_regular_file() || (ext != ".cpp" && ext != ".hpp" && ext != ".def" && ext != ".h")) continue;
    std::ifstream in(e.path());
    std::string text;
    int n = 0;
    while (std::getline(in, text)) {
      ++n;
      std::smatch m;
      if (std::regex_search(text, m, kInclude))
        out.push_back({fs::relative(e.path(), root).string(), n, m[1].str()});
    }
  }
  return out;
}

}  // namespace

TEST_CASE("layering: every folder includes only the folders below it", "[layering]") {
  const fs::path root = LGRCHECK_SOURCE_DIR;
  std::vector<std::string> broken;
  for (const auto& [folder, may] : allowed()) {
    for (const auto& inc : project_includes(root, folder)) {
      const auto slash = inc.target.find('/');
      if (slash == std::string::npos) {
        broken.push_back(inc.file + ":" + std::to_string(inc.line) + " includes \"" + inc.target +
                         "\" without its folder (write \"folder/file.hpp\")");
        continue;
      }
      const std::string to = inc.target.substr(0, slash);
      if (!may.count(to))
        broken.push_back(inc.file + ":" + std::to_string(inc.line) + ": " + folder + "/ may not include " + to +
                         "/ (\"" + inc.target + "\")");
      else if (!fs::exists(root / inc.target))
        broken.push_back(inc.file + ":" + std::to_string(inc.line) + " includes \"" + inc.target +
                         "\", which does not exist");
    }
  }
  for (const auto& b : broken) UNSCOPED_INFO(b);
  CHECK(broken.empty());
}

TEST_CASE("layering: properties/ holds no Promela code", "[layering]") {
  const fs::path root = LGRCHECK_SOURCE_DIR;
  std::vector<std::string> found;
  for (const auto& e : fs::directory_iterator(root / "properties")) {
    std::ifstream in(e.path());
    std::string text;
    int n = 0;
    while (std::getline(in, text)) {
      ++n;
      if (text.find("promela") != std::string::npos || text.find("Promela") != std::string::npos)
        found.push_back(fs::relative(e.path(), root).string() + ":" + std::to_string(n));
    }
  }
  for (const auto& f : found) UNSCOPED_INFO(f);
  CHECK(found.empty());
}

TEST_CASE("layering: the checker is reached through libraries, not through cli/", "[layering]") {
  // Every folder that the rules name exists, and each has its CMakeLists.txt.
  const fs::path root = LGRCHECK_SOURCE_DIR;
  for (const char* folder : {"explorer", "model", "properties", "counterexamples", "checker", "crosscheck",
                             "simulation", "suite", "distributed", "cli"}) {
    INFO(folder);
    CHECK(fs::exists(root / folder / "CMakeLists.txt"));
  }
}

TEST_CASE("layering: only distributed/ includes mpi.h, so a plain check never touches MPI", "[layering]") {
  const fs::path root = LGRCHECK_SOURCE_DIR;
  static const std::regex kMpi(R"(^\s*#\s*include\s*[<"]mpi\.h[>"])");
  std::vector<std::string> found;
  for (const char* folder : {"explorer", "model", "properties", "counterexamples", "checker", "crosscheck",
                             "simulation", "suite", "distributed", "cli"})
    for (const auto& e : fs::recursive_directory_iterator(root / folder)) {
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path());
      std::string text;
      while (std::getline(in, text))
        if (std::regex_search(text, kMpi)) found.push_back(fs::relative(e.path(), root).string());
    }
  CHECK(found == std::vector<std::string>{"distributed/mpi_network.cpp"});
}
