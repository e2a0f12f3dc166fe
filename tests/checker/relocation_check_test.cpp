// `lgrcheck test` (VMRELOCATE TEST) through run_test_command: output and
// exit status on the seed example and on small generated configurations.
#include "checker/relocation_check.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

Outcome run_test(const std::string& config, const std::string& guest, const std::string& dest,
                 const std::vector<std::string>& force = {}) {
  std::ostringstream out, err;
  int status = lgr::run_test_command(config, guest, dest, force, out, err);
  return {status, out.str(), err.str()};
}

std::string seed() { return std::string(LGRCHECK_SOURCE_DIR) + "/examples/ssi4-seed.json"; }

// A configuration file for one test, removed when the test ends.
class TempConfig {
 public:
  TempConfig(const std::string& name, const std::string& text)
      : path_(std::filesystem::temp_directory_path() / name) {
    std::ofstream(path_) << text;
  }
  ~TempConfig() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace

TEST_CASE("test command reports an eligible guest", "[test-command]") {
  Outcome r = run_test(seed(), "LGRLIN21", "GDLLCPX1");
  CHECK(r.status == 0);
  CHECK(r.out == "User LGRLIN21 is eligible for relocation to GDLLCPX1\n");
  CHECK(r.err.empty());
}

TEST_CASE("test command lists every failing code in order", "[test-command]") {
  Outcome r = run_test(seed(), "LGRCP021", "GDLLCPX1");
  CHECK(r.status == 1);
  CHECK(r.out ==
        "DOMAIN: User LGRCP021 cannot be relocated to GDLLCPX1: GDLLCPX1 is not in its "
        "relocation domain CORDUROY (GDLLCPX3, GDLMCPX4)\n"
        "ARCHITECTURE: User LGRCP021 cannot be relocated to GDLLCPX1: GDLLCPX1 lacks facility "
        "GIEF of its virtual architecture (domain CORDUROY)\n");
  CHECK(r.err.empty());
}

TEST_CASE("test command reports device and crypto mismatches", "[test-command]") {
  Outcome r = run_test(seed(), "LGRLIN21", "GDLMCPX4");
  CHECK(r.status == 1);
  CHECK(r.out ==
        "DEVICE: User LGRLIN21 cannot be relocated to GDLMCPX4: EQID OSA700 is not available on "
        "GDLMCPX4\n"
        "CRYPTO: User LGRLIN21 cannot be relocated to GDLMCPX4: its crypto CEX3C is not "
        "available on GDLMCPX4 (GDLMCPX4 has none)\n");
}

TEST_CASE("test command applies comma-separated case-insensitive FORCE", "[test-command]") {
  CHECK(run_test(seed(), "LGRCP021", "GDLLCPX1", {"DOMAIN"}).out ==
        "ARCHITECTURE: User LGRCP021 cannot be relocated to GDLLCPX1: GDLLCPX1 lacks facility "
        "GIEF of its virtual architecture (domain CORDUROY)\n");
  Outcome r = run_test(seed(), "LGRCP021", "GDLLCPX1", {"domain,Architecture"});
  CHECK(r.status == 0);
  CHECK(r.out == "User LGRCP021 is eligible for relocation to GDLLCPX1\n");
  CHECK(run_test(seed(), "LGRCP021", "GDLLCPX1", {"domain", "architecture"}).status == 0);
}

TEST_CASE("test command refuses a guest already on the destination", "[test-command]") {
  Outcome r = run_test(seed(), "LGRLIN21", "GDLLCPX2");
  CHECK(r.status == 1);
  CHECK(r.out ==
        "User LGRLIN21 is already on member GDLLCPX2; VMRELOCATE needs another destination\n");
}

TEST_CASE("test command rejects unknown guests, members and FORCE values", "[test-command]") {
  Outcome r = run_test(seed(), "NOBODY", "GDLLCPX1");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "lgrcheck: error: unknown guest 'NOBODY' in " + seed() +
                     " (known: LGRLIN21, LGRRH56, LGRCP021)\n");

  r = run_test(seed(), "LGRLIN21", "NOWHERE");
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: unknown member 'NOWHERE' in " + seed() +
                     " (known: GDLLCPX1, GDLLCPX2, GDLLCPX3, GDLMCPX4)\n");

  r = run_test(seed(), "LGRLIN21", "GDLLCPX1", {"storage,memory"});
  CHECK(r.status == 2);
  CHECK(r.err ==
        "lgrcheck: error: unknown FORCE value 'memory'; expected storage, domain or "
        "architecture\n");
}

TEST_CASE("test command turns a configuration error into exit status 2", "[test-command]") {
  Outcome r = run_test("/nonexistent/c.json", "G", "B");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "lgrcheck: error: /nonexistent/c.json: cannot open: No such file or directory\n");

  TempConfig bad("lgrcheck-test-command-bad.json", "{\"members\": [}");
  r = run_test(bad.path(), "G", "B");
  CHECK(r.status == 2);
  CHECK(r.err.rfind("lgrcheck: error: " + bad.path() + ":1:14: ", 0) == 0);
}

TEST_CASE("test command counts guests homed on the destination as used", "[test-command]") {
  // B holds H (memory 5): G (memory 2, max 4) fits now but not at its maximum.
  TempConfig cfg("lgrcheck-test-command-storage.json", R"({
    "members": [{"name": "A", "storage": 8, "paging": 3},
                {"name": "B", "storage": 8, "paging": 3}],
    "guests": [{"name": "G", "home": "A", "memory": 2, "max_memory": 4},
               {"name": "H", "home": "B", "memory": 5}]
  })");
  Outcome r = run_test(cfg.path(), "G", "B");
  CHECK(r.status == 1);
  CHECK(r.out ==
        "STORAGE_MAX: User G cannot be relocated to B: its maximum storage 4 plus 5 in use on B "
        "exceeds the storage of B (8)\n"
        "STORAGE_MAX_PAGING: User G cannot be relocated to B: its maximum storage 4 exceeds the "
        "paging space of B (3)\n");
  r = run_test(cfg.path(), "G", "B", {"storage"});
  CHECK(r.status == 0);
  CHECK(r.out == "User G is eligible for relocation to B\n");

  // H (memory 5) to A, which holds G (memory 2): 7 fits in 8, but paging 3 is too small.
  r = run_test(cfg.path(), "H", "A", {"STORAGE"});
  CHECK(r.status == 0);
  r = run_test(cfg.path(), "H", "A");
  CHECK(r.out ==
        "STORAGE_PAGING: User H cannot be relocated to A: its storage 5 exceeds the paging space "
        "of A (3)\n"
        "STORAGE_MAX_PAGING: User H cannot be relocated to A: its maximum storage 5 exceeds the "
        "paging space of A (3)\n");
}

TEST_CASE("test command reports the hard storage check even when forced", "[test-command]") {
  TempConfig cfg("lgrcheck-test-command-hard.json", R"({
    "members": [{"name": "A", "storage": 8, "paging": 16},
                {"name": "B", "storage": 8, "paging": 16}],
    "guests": [{"name": "G", "home": "A", "memory": 4},
               {"name": "H", "home": "B", "memory": 5}]
  })");
  Outcome r = run_test(cfg.path(), "G", "B", {"storage"});
  CHECK(r.status == 1);
  CHECK(r.out ==
        "STORAGE_CURRENT: User G cannot be relocated to B: its storage 4 plus 5 in use on B "
        "exceeds the storage of B (8)\n");
}
