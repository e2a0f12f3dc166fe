// Guest symmetry (model/symmetry.hpp): which guests the detector finds
// interchangeable, and that the canonical form is one state per orbit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <numeric>
#include <vector>

#include "explorer/search.hpp"
#include "model/symmetry.hpp"
#include "properties/checked_model.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
using lgr::testing::example;

namespace {

std::string group_of(const Config& cfg) { return symmetry_text(cfg, detect_guest_symmetry(cfg)); }

// ssi2-triplets with one change made by `edit`.
Config edited_triplets(const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json doc = nlohmann::json::parse(lgr::testing::read_file(example("ssi2-triplets.json")));
  edit(doc);
  return parse_config(doc.dump(), "t.json");
}

}  // namespace

TEST_CASE("symmetry: the shipped examples without cloned guests have no symmetry", "[symmetry]") {
  for (const char* name : {"ssi2-basic.json", "ssi3-contention.json", "ssi4-seed.json", "scaling.json"}) {
    const Config cfg = load_config(example(name));
    const GuestSymmetry sym = detect_guest_symmetry(cfg);
    INFO(name);
    CHECK(sym.trivial());
    CHECK(sym.group_size == 1);
    CHECK(group_of(cfg) == "no two guests or members are interchangeable");
  }
}

TEST_CASE("symmetry: cloned guests with equal requests form one class", "[symmetry]") {
  CHECK(group_of(load_config(example("ssi2-triplets.json"))) ==
        "guests {LINUX01, LINUX02, LINUX03} interchangeable: 6 permutations");
  CHECK(group_of(load_config(example("ssi2-quads.json"))) ==
        "guests {LINUX01, LINUX02, LINUX03, LINUX04} interchangeable: 24 permutations");
  const GuestSymmetry sym = detect_guest_symmetry(load_config(example("ssi2-quads.json")));
  CHECK(sym.classes == std::vector<std::vector<int>>{{0, 1, 2, 3}});
  CHECK(sym.group_size == 24);
}

TEST_CASE("symmetry: any difference but the name keeps a guest apart (conservative detector)", "[symmetry]") {
  CHECK(group_of(edited_triplets([](nlohmann::json& d) { d["guests"][2]["memory"] = 1; })) ==
        "guests {LINUX01, LINUX02} interchangeable: 2 permutations");
  CHECK(group_of(edited_triplets([](nlohmann::json& d) { d["guests"][0]["home"] = "GDLLCPX2"; })) ==
        "guests {LINUX02, LINUX03} interchangeable: 2 permutations");
  CHECK(group_of(edited_triplets([](nlohmann::json& d) { d["guests"][1]["max_memory"] = 3; })) ==
        "guests {LINUX01, LINUX03} interchangeable: 2 permutations");
  CHECK(group_of(edited_triplets([](nlohmann::json& d) { d["guests"][1]["dcss"] = nlohmann::json::parse(R"([{"name": "CMS"}])"); })) ==
        "guests {LINUX01, LINUX03} interchangeable: 2 permutations");
  CHECK(group_of(edited_triplets([](nlohmann::json& d) { d["requests"][1]["sync"] = false; })) ==
        "guests {LINUX01, LINUX03} interchangeable: 2 permutations");
  CHECK(group_of(edited_triplets([](nlohmann::json& d) { d["requests"][2]["maxquiesce"] = 1; })) ==
        "guests {LINUX01, LINUX02} interchangeable: 2 permutations");
  CHECK(group_of(edited_triplets([](nlohmann::json& d) { d["requests"][0]["force"] = {"storage"}; })) ==
        "guests {LINUX02, LINUX03} interchangeable: 2 permutations");
  // A second request for one guest: its request list differs.
  CHECK(group_of(edited_triplets([](nlohmann::json& d) {
          d["requests"].push_back(nlohmann::json::parse(R"({"guest": "LINUX03", "to": "GDLLCPX2", "immediate": true})"));
        })) == "guests {LINUX01, LINUX02} interchangeable: 2 permutations");
  // No request for one guest.
  CHECK(group_of(edited_triplets([](nlohmann::json& d) { d["requests"].erase(d["requests"].begin()); })) ==
        "guests {LINUX02, LINUX03} interchangeable: 2 permutations");
  // Two classes: the product of their groups.
  CHECK(group_of(edited_triplets([](nlohmann::json& d) {
          nlohmann::json g = d["guests"][0], r = d["requests"][0];
          for (const char* name : {"LINUX04", "LINUX05"}) {
            g["name"] = name;
            g["memory"] = 1;
            r["guest"] = name;
            d["guests"].push_back(g);
            d["requests"].push_back(r);
          }
        })) == "guests {LINUX01, LINUX02, LINUX03} interchangeable; guests {LINUX04, LINUX05} interchangeable: "
               "12 permutations");
}

TEST_CASE("symmetry: every permutation of a reachable state has its canonical form, which lies in its orbit",
          "[symmetry]") {
  const LgrModel model = lgr::testing::model_of("ssi2-triplets.json");
  const GuestCanonicalizer canon(model, detect_guest_symmetry(model.config()));
  const CheckedModel checked(model);
  explorer::Search<CheckedModel> search(checked, {});
  const explorer::SearchResult r = search.run();
  REQUIRE(r.states == 48750);
  std::vector<std::vector<int>> perms;
  std::vector<int> p = {0, 1, 2};
  do perms.push_back(p);
  while (std::next_permutation(p.begin(), p.end()));
  REQUIRE(perms.size() == 6);
  const std::size_t words = model.state_words();
  std::vector<Word> form(words), moved(words), moved_form(words);
  uint64_t already_canonical = 0;
  for (explorer::StateId id = 0; id < search.size(); ++id) {
    const Word* s = search.state(id);
    std::copy_n(s, words, form.begin());
    canon.canonicalize(form.data());
    already_canonical += std::equal(form.begin(), form.end(), s);
    bool in_orbit = false;
    for (const auto& perm : perms) {
      canon.apply(s, perm, moved.data());
      in_orbit |= moved == form;
      moved_form = moved;
      canon.canonicalize(moved_form.data());
      if (moved_form != form) FAIL("state " << id << ": a permutation changes the canonical form");
    }
    if (!in_orbit) FAIL("state " << id << ": the canonical form is no permutation of the state");
    moved_form = form;
    canon.canonicalize(moved_form.data());
    if (moved_form != form) FAIL("state " << id << ": the canonical form is not its own canonical form");
  }
  // The representatives among the reachable states: one per orbit (the
  // orbit count is checked against the reduced search in tests/checker/).
  CHECK(already_canonical == 8800);
}
