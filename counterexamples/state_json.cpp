#include "counterexamples/state_json.hpp"

#include <fmt/format.h>

#include "counterexamples/step_events.hpp"

namespace lgr {

nlohmann::json state_json(const LgrModel& model, const StateVars& v) {
  using nlohmann::json;
  const Config& cfg = model.config();
  const int M = static_cast<int>(cfg.members.size());
  json j;
  json members = json::object();
  for (int m = 0; m < M; ++m) members[cfg.members[m].name] = {{"up", v.up[m]}};
  j["members"] = members;
  json links = json::object();
  for (int a = 0; a < M; ++a)
    for (int b = a + 1; b < M; ++b) links[cfg.members[a].name + " " + cfg.members[b].name] = v.link[a][b];
  j["links"] = links;
  j["budgets"] = {{"moves", v.moves_left},
                  {"cancels", v.cancels_left},
                  {"member_failures", v.mfail_left},
                  {"link_failures", v.lfail_left},
                  {"eligibility_changes", v.elig_left}};
  json guests = json::object();
  for (size_t g = 0; g < cfg.guests.size(); ++g) {
    const GuestVars& gv = v.g[g];
    json instances = json::object();
    for (int m = 0; m < M; ++m)
      if (gv.inst[m] != I_NONE) instances[cfg.members[m].name] = inst_name(gv.inst[m]);
    json e;
    e["owner"] = cfg.members[gv.own].name;
    e["instances"] = instances;
    e["relocation"] = rs_name(gv.rs);
    // 0-based, as every index in lgrcheck's JSON: configuration "requests"[request] (docs/json-output.md).
    e["request"] = gv.episode() ? json(gv.cur) : json(nullptr);
    e["source"] = gv.episode() ? json(cfg.members[gv.from].name) : json(nullptr);
    e["destination"] = gv.episode() ? json(cfg.members[model.dest(gv)].name) : json(nullptr);
    e["pass"] = gv.pass;
    e["dirty"] = gv.dirty;
    e["elapsed"] = gv.elapsed;
    e["quiesced_ticks"] = gv.qtime;
    e["ineligible"] = gv.inelig;
    e["image_complete"] = gv.img_ok;
    e["to_destination"] = channel_messages(gv.c_sd, true);
    e["to_source"] = channel_messages(gv.c_ds, false);
    e["lost"] = gv.lost;
    e["bad_image"] = gv.bad_image;
    e["bad_commit"] = gv.bad_commit;
    guests[cfg.guests[g].name] = e;
  }
  j["guests"] = guests;
  return j;
}

std::vector<std::string> state_differences(const LgrModel& model, const StateVars& before, const StateVars& after) {
  using nlohmann::json;
  const json a = state_json(model, before), b = state_json(model, after);
  std::vector<std::string> out;
  for (const json& op : json::diff(a, b)) {
    const std::string path = op["path"].get<std::string>();
    const json::json_pointer ptr(path);
    std::string dotted = path.substr(1);
    for (char& c : dotted)
      if (c == '/') c = '.';
    // An instance missing from the map is NONE; a missing message is none at all.
    const std::string absent = path.find("/instances/") != std::string::npos ? "NONE" : "-";
    auto shown = [&](const json& j) {
      if (!j.contains(ptr)) return absent;
      return j.at(ptr).is_string() ? j.at(ptr).get<std::string>() : j.at(ptr).dump();
    };
    const std::string was = shown(a), now = shown(b);
    out.push_back(fmt::format("{}: {} -> {}", dotted, was, now));
  }
  return out;
}

}  // namespace lgr
