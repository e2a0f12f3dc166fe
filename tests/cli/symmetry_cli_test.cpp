// `lgrcheck check --symmetry`: the group and the orbits in the summary and
// the JSON, the refusal of --liveness, and counterexample files that
// `lgrcheck replay` accepts without --symmetry.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "checker/symmetry_report.hpp"
#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

using lgr::testing::example;
using lgr::testing::run_lgrcheck;

TEST_CASE("symmetry: check --symmetry prints the group and the orbits, and --json carries them", "[symmetry][cli]") {
  const auto text = run_lgrcheck({"check", example("ssi2-triplets.json"), "--symmetry", "--threads", "1"});
  CHECK(text.status == 0);
  CHECK(text.out.find("  states 8800  transitions 60340  depth 26  terminal 31\n") != std::string::npos);
  CHECK(text.out.find("  symmetry: guests {LINUX01, LINUX02, LINUX03} interchangeable: 6 permutations\n") !=
        std::string::npos);
  CHECK(text.out.find("  symmetry: 8800 orbits explored, one representative state each") != std::string::npos);

  const auto json = run_lgrcheck({"check", example("ssi2-triplets.json"), "--symmetry", "--json", "-", "-q"});
  CHECK(json.status == 0);
  const nlohmann::json j = nlohmann::json::parse(json.out);
  CHECK(j["symmetry"] == nlohmann::json::parse(R"({"group": "guests {LINUX01, LINUX02, LINUX03} interchangeable: 6 permutations",
      "classes": [["LINUX01", "LINUX02", "LINUX03"]], "member_classes": [], "group_size": 6, "reduced": true,
      "orbits": 8800})"));
  CHECK(j["states"] == 8800);

  // Member symmetry: the two targets of mirrored guests (each guest's image
  // under the member swap is the other guest, so neither is a guest class).
  const auto twins_text = run_lgrcheck({"check", example("ssi3-twins.json"), "--symmetry", "--threads", "1", "--no-traces"});
  CHECK(twins_text.status == 0);
  CHECK(twins_text.out.find("  symmetry: members {GDLLCPX2, GDLLCPX3} interchangeable: 2 permutations\n") !=
        std::string::npos);
  CHECK(twins_text.out.find("  symmetry: 92471 orbits explored, one representative state each") != std::string::npos);
  const auto twins = run_lgrcheck({"check", example("ssi3-twins.json"), "--symmetry", "--json", "-", "-q"});
  CHECK(twins.status == 0);
  CHECK(nlohmann::json::parse(twins.out)["symmetry"] ==
        nlohmann::json::parse(R"({"group": "members {GDLLCPX2, GDLLCPX3} interchangeable: 2 permutations",
      "classes": [], "member_classes": [["GDLLCPX2", "GDLLCPX3"]], "group_size": 2, "reduced": true,
      "orbits": 92471})"));

  const auto plain = run_lgrcheck({"check", example("ssi2-basic.json"), "--symmetry", "--json", "-", "-q"});
  CHECK(plain.status == 0);
  const nlohmann::json p = nlohmann::json::parse(plain.out);
  CHECK(p["states"] == 606);
  CHECK(p["symmetry"]["reduced"] == false);
  CHECK(p["symmetry"]["group"] == "no two guests or members are interchangeable");
  CHECK(nlohmann::json::parse(run_lgrcheck({"check", example("ssi2-basic.json"), "--json", "-", "-q"}).out)
            .count("symmetry") == 0);
}

TEST_CASE("symmetry: check --symmetry --liveness exits 2 with the reason", "[symmetry][cli]") {
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{"--liveness"}, std::vector<std::string>{"--properties", "SyncAnswered"}}) {
    std::vector<std::string> args = {"check", example("ssi2-triplets.json"), "--symmetry"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_lgrcheck(args);
    CHECK(r.status == 2);
    CHECK(r.err == std::string("lgrcheck: error: ") + lgr::kSymmetryLivenessRefusal + "\n");
  }
}

TEST_CASE("symmetry: a reduced check's counterexample replays without --symmetry", "[symmetry][cli]") {
  lgr::testing::ScratchDir dir("symmetry-cli");
  const auto r = run_lgrcheck({"check", example("ssi2-triplets.json"), "--symmetry", "--variant", "early-resume",
                               "--trace-dir", dir.path().string(), "--no-print-traces"});
  CHECK(r.status == 1);
  CHECK(r.out.find("  SingleInstance    VIOLATED  shortest counterexample 7 steps") != std::string::npos);
  const auto replay = run_lgrcheck({"replay", dir.path("early-resume.SingleInstance.trace")});
  CHECK(replay.status == 0);
  CHECK(replay.output().find("SingleInstance") != std::string::npos);
}
