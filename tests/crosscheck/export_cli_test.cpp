// `lgrcheck export --promela` as a user runs it: exit status, the one-line
// error on bad input, and what the written file says about itself.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>

#include "crosscheck/promela/promela_export.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
  int status = -1;
  std::string out, err;
};

using lgr::testing::ScratchDir;
using lgr::testing::slurp;

Run lgrcheck(const ScratchDir& dir, const std::string& args) {
  const std::string cmd = std::string("'") + LGRCHECK_BINARY + "' " + args + " > '" + (dir / "out").string() +
                          "' 2> '" + (dir / "err").string() + "'";
  const int rc = std::system(cmd.c_str());
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, slurp(dir / "out"), slurp(dir / "err")};
}

std::string example(const std::string& name) { return "'" + lgr::testing::example(name) + "'"; }

}  // namespace

TEST_CASE("spin: export of a missing configuration fails with one line naming the file and exit 2", "[spin][export]") {
  ScratchDir dir("export");
  const Run r = lgrcheck(dir, "export --promela '" + (dir / "absent.json").string() + "'");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "lgrcheck: error: " + (dir / "absent.json").string() + ": cannot open: No such file or directory\n");
}

TEST_CASE("spin: export of malformed JSON fails with one line giving line and column and exit 2", "[spin][export]") {
  ScratchDir dir("export");
  std::ofstream(dir / "bad.json") << "{\"name\": \"x\",\n \"members\": [";
  const Run r = lgrcheck(dir, "export --promela '" + (dir / "bad.json").string() + "'");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("lgrcheck: error: " + (dir / "bad.json").string() + ":2:", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("spin: export with an unknown variant fails with one line listing the known ones and exit 2", "[spin][export]") {
  ScratchDir dir("export");
  const Run r = lgrcheck(dir, "export --promela " + example("ssi2-basic.json") + " --variant early-resum");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("lgrcheck: error: unknown variant 'early-resum' (known: early-resume, ", 0) == 0);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("spin: export without --promela or to an unwritable file fails with one line and exit 2", "[spin][export]") {
  ScratchDir dir("export");
  Run r = lgrcheck(dir, "export " + example("ssi2-basic.json"));
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: export: choose the output language: --promela (the only one so far)\n");
  const std::string target = (dir / "no-such-dir" / "m.pml").string();
  r = lgrcheck(dir, "export --promela " + example("ssi2-basic.json") + " -o '" + target + "'");
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: cannot write '" + target + "'\n");
}

TEST_CASE("spin: export writes a model whose header names version and configuration and variants and the run", "[spin][export]") {
  ScratchDir dir("export");
  const std::string target = (dir / "m.pml").string();
  const Run r = lgrcheck(dir, "export --promela " + example("ssi3-contention.json") +
                                  " --variant no-reservation --variant early-resume -o '" + target + "'");
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(r.err.empty());
  const std::string text = slurp(target);
  CHECK(text.rfind("/* Promela model of z/VM Live Guest Relocation", 0) == 0);
  CHECK(text.find("Exported by lgrcheck " LGRCHECK_VERSION " (lgrcheck export --promela)") != std::string::npos);
  CHECK(text.find("configuration: ssi3-contention (" + lgr::testing::example("ssi3-contention.json") + ")") !=
        std::string::npos);
  CHECK(text.find("variants:      early-resume, no-reservation\n") != std::string::npos);
  CHECK(text.find("spin -o2 -a model.pml && gcc -O2 -DNOREDUCE -DSAFETY -o pan pan.c && ./pan -m100000") !=
        std::string::npos);
  // Standard output carries the same text when no -o is given.
  const Run to_stdout = lgrcheck(dir, "export --promela " + example("ssi3-contention.json") +
                                          " --variant no-reservation --variant early-resume");
  CHECK(to_stdout.status == 0);
  CHECK(to_stdout.out == text);
}

TEST_CASE("spin: every state property has its assertion switch in the exported model", "[spin][export]") {
  const std::string text =
      lgr::promela_model(lgr::testing::model_of("ssi4-seed.json"), "lgrcheck " LGRCHECK_VERSION);
  for (int p = 0; p < lgr::kStatePropertyCount; ++p) {
    const auto id = lgr::PropertyId(p);
    INFO(lgr::property_info(id).name);
    CHECK(text.find("#ifdef " + lgr::promela_check_switch(id) + "\n") != std::string::npos);
    CHECK(text.find(std::string("assert(") + lgr::property_info(id).name + ")") != std::string::npos);
  }
  // LGRCP021 -> GDLLCPX1 is not in ssi4-seed's requests; LGRCP021 -> GDLMCPX4
  // is, and is statically eligible: its Move is a d_step.
  CHECK(text.find("/* action 2: Move LGRCP021 GDLMCPX4 (request 3) */\n  :: d_step {") != std::string::npos);
}

TEST_CASE("spin: export --packed declares one variable per field and keeps no array", "[spin][export]") {
  ScratchDir dir("export");
  const Run r = lgrcheck(dir, "export --promela --packed " + example("ssi3-contention.json"));
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  const std::string& text = r.out;
  CHECK(text.find("Exported by lgrcheck " LGRCHECK_VERSION " (lgrcheck export --promela --packed)") != std::string::npos);
  CHECK(text.find("layout:        packed: one variable per guest and field") != std::string::npos);
  // passes 2 + 3 + cancels 1: six messages of 3 bits each.
  CHECK(text.find("\nunsigned c_sd_0 : 18 = 0;") != std::string::npos);
  CHECK(text.find("\nunsigned inst_0_0 : 3 = I_RUNNING;") != std::string::npos);
  CHECK(text.find("\nbit up_0 = 1;") != std::string::npos);
  CHECK(text.find("\ninline send_sd_0(message) {") != std::string::npos);
  // Every access is to a variable: no array is declared or indexed, except
  // pan's own in the grep of the run instructions.
  std::string rest = text;
  rest.erase(rest.find("grep -o 'assertion violated [A-Za-z]*'"), 40);
  CHECK(rest.find('[') == std::string::npos);
}

TEST_CASE("spin: export --packed refuses a channel wider than 30 bits with one line and exit 2", "[spin][export]") {
  ScratchDir dir("export");
  std::string config = slurp(lgr::testing::example("ssi2-basic.json"));
  const auto at = config.find("\"passes\": ");
  REQUIRE(at != std::string::npos);
  config.replace(at, config.find_first_of(",}", at) - at, "\"passes\": 8");
  const std::string path = (dir / "wide.json").string();
  std::ofstream(path) << config;
  Run r = lgrcheck(dir, "export --promela --packed '" + path + "'");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("lgrcheck: error: " + path + ": /bounds: a channel of passes + 3 + cancels = ", 0) == 0);
  CHECK(r.err.find("more than the 30 of a packed Promela variable; export without --packed\n") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  r = lgrcheck(dir, "export --promela '" + path + "'");
  CHECK(r.status == 0);
}
