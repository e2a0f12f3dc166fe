// The Promela export stays byte-for-byte what it was: `lgrcheck export
// --promela` of every example, with no variant and with each variant alone,
// in both layouts, against the SHA-256 digests in golden/promela-export.sha256,
// and against whole golden files for ssi2-basic without a variant (a change
// there shows as a readable diff). The cases come from all_variants(), so a
// new variant without its golden digests fails here.
//
// After a deliberate change of the export, regenerate and commit the diff:
//   LGRCHECK_UPDATE_GOLDEN=1 ./build/tests/lgrcheck_tests "[golden]"
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "model/variant.hpp"
#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"

namespace fs = std::filesystem;
using lgr::testing::ScratchDir;
using lgr::testing::slurp;

namespace {

const fs::path kGolden = fs::path(LGRCHECK_SOURCE_DIR) / "tests" / "crosscheck" / "golden";
const char* kDigestFile = "promela-export.sha256";

struct ExportCase {
  std::string config;   // example name without .json
  std::string variant;  // "" for none
  bool packed = false;

  // e.g. "ssi3-contention.no-reservation.packed.pml"
  std::string name() const {
    return config + "." + (variant.empty() ? "none" : variant) + (packed ? ".packed" : ".arrays") + ".pml";
  }
  // Relative to the source folder, where the export runs: the header names
  // the configuration's path, which must not depend on the checkout's place.
  std::string arguments() const {
    return "export --promela examples/" + config + ".json" + (packed ? " --packed" : "") +
           (variant.empty() ? "" : " --variant " + variant);
  }
  bool kept_whole() const { return config == "ssi2-basic" && variant.empty(); }
};

std::vector<ExportCase> all_cases() {
  std::vector<std::string> variants{""};
  for (const auto& v : lgr::all_variants()) variants.emplace_back(v.name);
  std::vector<ExportCase> out;
  for (const char* config : {"ssi2-basic", "ssi3-contention", "ssi4-seed"})
    for (const std::string& v : variants)
      for (bool packed : {false, true}) out.push_back({config, v, packed});
  return out;
}

struct Exported {
  int status = -1;
  std::string text, sha256, err;
};

// Runs in the source folder (a shell for the cd); the digest is sha256sum's.
Exported run_export(const ScratchDir& dir, const ExportCase& c) {
  const auto run = lgr::testing::run_program(
      {"/bin/sh", "-c", "cd '" LGRCHECK_SOURCE_DIR "' && exec '" LGRCHECK_BINARY "' " + c.arguments()});
  Exported e{run.status, run.out, "", run.err};
  const auto digest = lgr::testing::run_program({"sha256sum", dir.write("out.pml", e.text)});
  e.sha256 = digest.out.substr(0, 64);
  return e;
}

// name -> digest, from lines "DIGEST  NAME" as sha256sum writes them.
std::map<std::string, std::string> read_digests() {
  std::map<std::string, std::string> out;
  std::istringstream in(slurp(kGolden / kDigestFile));
  std::string digest, name;
  while (in >> digest >> name) out[name] = digest;
  return out;
}

// "line N: golden `...`, now `...`" for the first line that differs.
std::string first_difference(const std::string& golden, const std::string& now) {
  std::istringstream a(golden), b(now);
  std::string la, lb;
  for (int n = 1;; ++n) {
    const bool more_a = static_cast<bool>(std::getline(a, la)), more_b = static_cast<bool>(std::getline(b, lb));
    if (!more_a && !more_b) return "no line differs (line endings?)";
    if (la != lb || more_a != more_b)
      return "line " + std::to_string(n) + ": golden `" + (more_a ? la : "<end>") + "`, now `" +
             (more_b ? lb : "<end>") + "`";
  }
}

}  // namespace

TEST_CASE("crosscheck: the Promela export is byte-identical to the golden files for every example, variant and layout",
          "[crosscheck][golden]") {
  ScratchDir dir("golden");
  const std::vector<ExportCase> cases = all_cases();
  if (std::getenv("LGRCHECK_UPDATE_GOLDEN")) {
    std::string digests;
    for (const ExportCase& c : cases) {
      const Exported e = run_export(dir, c);
      INFO(c.arguments() << "\n" << e.err);
      REQUIRE(e.status == 0);
      digests += e.sha256 + "  " + c.name() + "\n";
      if (c.kept_whole()) std::ofstream(kGolden / c.name(), std::ios::binary) << e.text;
    }
    std::ofstream(kGolden / kDigestFile, std::ios::binary) << digests;
    WARN("golden files rewritten in " << kGolden.string());
  }
  const auto golden = read_digests();
  // No stale entry: the list is exactly the cases.
  CHECK(golden.size() == cases.size());
  for (const ExportCase& c : cases) {
    INFO("lgrcheck " << c.arguments() << "  (golden " << c.name() << ")");
    const Exported e = run_export(dir, c);
    INFO(e.err);
    REQUIRE(e.status == 0);
    REQUIRE(e.sha256.size() == 64);
    const auto it = golden.find(c.name());
    if (it == golden.end()) FAIL_CHECK("no golden digest: regenerate them (see the top of this file)");
    else CHECK(e.sha256 == it->second);
    if (c.kept_whole()) {
      const std::string whole = slurp(kGolden / c.name());
      INFO(first_difference(whole, e.text));
      CHECK(e.text == whole);
    }
  }
}
