// Member symmetry (model/member_symmetry.hpp): members identical in every
// attribute, with guests and requests that map onto each other, are
// interchangeable; the reduced search explores exactly the orbits and
// agrees with the unreduced check on every verdict and length.
#include <catch2/catch.hpp>

#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

#include "counterexamples/counterexample_files.hpp"
#include "counterexamples/replay.hpp"
#include "explorer/search.hpp"
#include "model/symmetry.hpp"
#include "properties/checked_model.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
using lgr::testing::example;

namespace {

std::string group_of(const Config& cfg) { return symmetry_text(cfg, detect_guest_symmetry(cfg)); }

Config edited_twins(const std::function<void(nlohmann::json&)>& edit) {
  nlohmann::json doc = nlohmann::json::parse(lgr::testing::read_file(example("ssi3-twins.json")));
  edit(doc);
  return parse_config(doc.dump(), "t.json");
}

CheckReport check(const LgrModel& m, bool symmetry) {
  CheckSettings s;
  s.symmetry = symmetry;
  return run_check(m, s);
}

// The violated properties with their lengths, and the goals with their depths.
std::string verdicts_and_lengths(const CheckReport& r) {
  std::string o = std::string(verdict_name(r.verdict)) + "\n";
  for (const auto& p : r.properties)
    o += property_info(p.id).name + (p.holds ? std::string(" holds") : " violated at " + std::to_string(p.trace_length));
  for (const auto& g : r.goals)
    o += property_info(g.id).name + (g.reached ? " reached at " + std::to_string(g.depth) : std::string(" unreached"));
  return o;
}

}  // namespace

TEST_CASE("member symmetry: two identical targets of mirrored guests are interchangeable", "[symmetry]") {
  const Config cfg = load_config(example("ssi3-twins.json"));
  CHECK(group_of(cfg) == "members {GDLLCPX2, GDLLCPX3} interchangeable: 2 permutations");
  const GuestSymmetry sym = detect_guest_symmetry(cfg);
  CHECK(sym.classes.empty());
  CHECK(sym.member_classes == std::vector<std::vector<int>>{{1, 2}});
  REQUIRE(sym.member_perms.size() == 2);
  CHECK(sym.member_perms[1].member[1] == 2);
  CHECK(sym.member_perms[1].guest[0] == 1);  // LINUX01's record goes to LINUX02
}

TEST_CASE("member symmetry: any asymmetry keeps the members apart (conservative detector)", "[symmetry]") {
  const char* none = "no two guests or members are interchangeable";
  CHECK(group_of(edited_twins([](nlohmann::json& d) { d["members"][2]["storage"] = 4; })) == none);
  CHECK(group_of(edited_twins([](nlohmann::json& d) { d["members"][2]["paging"] = 8; })) == none);
  CHECK(group_of(edited_twins([](nlohmann::json& d) { d["members"][2]["facilities"] = {"Z11"}; })) == none);
  CHECK(group_of(edited_twins([](nlohmann::json& d) { d["requests"][1]["maxquiesce"] = 3; })) == none);
  CHECK(group_of(edited_twins([](nlohmann::json& d) { d["guests"][1]["memory"] = 1; })) == none);
  CHECK(group_of(edited_twins([](nlohmann::json& d) { d["requests"].erase(1); })) == none);
  CHECK(group_of(edited_twins([](nlohmann::json& d) {
          d["domains"] = {{{"name", "PAIR"}, {"members", {"GDLLCPX1", "GDLLCPX2"}}}};
        })) == none);
  // Both guests on one target: swapping the targets maps no guest onto a guest.
  CHECK(group_of(edited_twins([](nlohmann::json& d) { d["requests"][1]["to"] = "GDLLCPX2"; })) ==
        "guests {LINUX01, LINUX02} interchangeable: 2 permutations");
}

TEST_CASE("member symmetry: the reduced search explores exactly the orbits of the full reachable set",
          "[symmetry]") {
  const LgrModel m = lgr::testing::model_of("ssi3-twins.json");
  const GuestCanonicalizer canon(m, detect_guest_symmetry(m.config()));
  const CheckedModel checked(m);
  explorer::Search<CheckedModel> search(checked, {});
  const uint64_t full = search.run().states;
  const std::size_t words = m.state_words();
  std::set<std::vector<Word>> forms;
  std::vector<Word> form(words), image(words), image_form(words);
  for (explorer::StateId id = 0; id < search.size(); ++id) {
    const Word* s = search.state(id);
    std::copy(s, s + words, form.begin());
    canon.canonicalize(form.data());
    forms.insert(form);
    // Brute force over the group: the swapped state has the same form.
    canon.apply_members(s, 1, image.data());
    image_form = image;
    canon.canonicalize(image_form.data());
    REQUIRE(image_form == form);
  }
  const CheckReport r = check(m, true);
  REQUIRE(r.symmetry);
  CHECK(r.symmetry->reduced);
  CHECK(r.search.states == forms.size());
  CHECK(check(m, false).search.states == full);
  CHECK(full == 184758u);
  CHECK(forms.size() == 92471u);
}

TEST_CASE("member symmetry: verdicts, shortest lengths and replayable counterexamples, every variant",
          "[symmetry]") {
  lgr::testing::ScratchDir dir("member-symmetry");
  std::vector<std::vector<std::string>> variant_sets = {{}};
  for (const auto& v : all_variants()) variant_sets.push_back({v.name});
  int violated = 0, violated_full = 0;
  for (const auto& variants : variant_sets) {
    const LgrModel m = lgr::testing::model_of("ssi3-twins.json", variants);
    const CheckReport full = check(m, false), reduced = check(m, true);
    INFO("variant " << (variants.empty() ? "none" : variants[0]));
    CHECK(verdicts_and_lengths(reduced) == verdicts_and_lengths(full));
    for (const auto& p : full.properties) violated_full += !p.holds;
    for (const auto& p : reduced.properties) {
      if (p.holds) continue;
      ++violated;
      const auto files = write_counterexample(m, p.trace, property_info(p.id).name, dir.path().string());
      const ReplayResult replayed = replay_file(files[0]);
      CHECK(replayed.ok);
      CHECK(replayed.steps == p.trace_length);
    }
  }
  CHECK(violated == violated_full);
  CHECK(violated > 0);
}
