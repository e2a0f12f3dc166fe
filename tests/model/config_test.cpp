// Configuration loading: the defaults, domains, and what a valid file reads
// as. The rejections (spec section 1) are in config_errors_test.cpp.
#include "model/config.hpp"

#include <catch2/catch.hpp>

#include "tests/model/config_fixture.hpp"
#include "tests/support/test_support.hpp"
#include <nlohmann/json.hpp>
#include <string>

using lgr::Config;
using lgr::ConfigError;
using nlohmann::json;
using namespace lgr::config_testing;

using lgr::testing::example;

TEST_CASE("minimal config applies the member defaults", "[config]") {
  Config cfg = parse(minimal());
  const lgr::Member& a = cfg.members[0];
  CHECK(a.name == "A");
  CHECK(a.storage == 8);
  CHECK(a.paging == 16);
  CHECK(a.facilities.empty());
  CHECK(a.eqids.empty());
  CHECK(a.vswitches.empty());
  CHECK(a.dcss.empty());
  CHECK_FALSE(a.crypto.has_value());
}

TEST_CASE("minimal config applies the guest defaults", "[config]") {
  Config cfg = parse(minimal());
  const lgr::Guest& g = cfg.guests[0];
  CHECK(g.name == "G");
  CHECK(g.home == 0);
  CHECK(g.memory == 2);
  CHECK(g.max_memory == 2);  // max_memory defaults to memory
  CHECK(g.domain == "SSI");
  CHECK(cfg.domains[g.domain_index].name == "SSI");
  CHECK(g.single_config);
  CHECK(g.vmrelocate);
  CHECK(g.mode == "ESA");
  CHECK(g.disconnected);
  CHECK(g.cpu_types == std::vector<std::string>{"CP"});
  CHECK(g.ipl == "device");
  CHECK(g.eqids.empty());
  CHECK(g.vswitches.empty());
  CHECK(g.dcss.empty());
  CHECK_FALSE(g.crypto.has_value());
  CHECK_FALSE(g.open_spool);
}

TEST_CASE("minimal config applies the request defaults", "[config]") {
  Config cfg = parse(minimal());
  REQUIRE(cfg.requests.size() == 1);
  const lgr::Request& q = cfg.requests[0];
  CHECK(q.guest == 0);
  CHECK(q.to == 1);
  CHECK(q.sync);
  CHECK_FALSE(q.immediate);
  CHECK(q.maxquiesce == 2);
  CHECK(q.maxtotal == 0);
  CHECK_FALSE(q.force_storage);
  CHECK_FALSE(q.force_domain);
  CHECK_FALSE(q.force_architecture);
}

TEST_CASE("immediate request defaults maxquiesce to NOLIMIT unless given", "[config]") {
  json doc = minimal();
  doc["requests"][0]["immediate"] = true;
  CHECK(parse(doc).requests[0].maxquiesce == 0);
  doc["requests"][0]["maxquiesce"] = 3;
  CHECK(parse(doc).requests[0].maxquiesce == 3);
}

TEST_CASE("requests, domains and bounds are optional", "[config]") {
  json doc = minimal();
  doc.erase("requests");
  Config cfg = parse(doc);
  CHECK(cfg.requests.empty());
  CHECK(cfg.name.empty());
  CHECK(cfg.path.empty());
  CHECK(cfg.bounds.moves == 1);
  CHECK(cfg.bounds.cancels == 1);
  CHECK(cfg.bounds.member_failures == 1);
  CHECK(cfg.bounds.link_failures == 1);
  CHECK(cfg.bounds.eligibility_changes == 1);
  CHECK(cfg.bounds.passes == 2);
}

TEST_CASE("bounds given in part keep the defaults of the others", "[config]") {
  json doc = minimal();
  doc["bounds"] = {{"moves", 3}, {"link_failures", 0}};
  Config cfg = parse(doc);
  CHECK(cfg.bounds.moves == 3);
  CHECK(cfg.bounds.link_failures == 0);
  CHECK(cfg.bounds.cancels == 1);
  CHECK(cfg.bounds.passes == 2);
}

TEST_CASE("explicit fields override the defaults", "[config]") {
  json doc = minimal();
  doc["name"] = "custom";
  doc["members"][1]["crypto"] = "CEX3C";
  doc["members"][1]["facilities"] = {"Z10", "GIEF"};
  doc["guests"][0].update(json::parse(R"({
    "max_memory": 4, "single_config": false, "vmrelocate": false, "mode": "XC",
    "disconnected": false, "cpu_types": ["CP", "ZIIP"], "ipl": "nss",
    "eqids": ["OSA1"], "vswitches": ["VSW1"], "crypto": "CEX3C", "open_spool": true,
    "dcss": [{"name": "CMS", "range": "SW"}, {"name": "GCS"}]
  })"));
  doc["requests"][0].update(json::parse(R"({
    "sync": false, "maxtotal": 5, "force": ["Storage", "DOMAIN", "architecture"]
  })"));
  Config cfg = parse(doc);
  CHECK(cfg.name == "custom");
  CHECK(cfg.members[1].crypto == "CEX3C");
  CHECK(cfg.members[1].facilities == std::vector<std::string>{"Z10", "GIEF"});
  const lgr::Guest& g = cfg.guests[0];
  CHECK(g.max_memory == 4);
  CHECK_FALSE(g.single_config);
  CHECK_FALSE(g.vmrelocate);
  CHECK(g.mode == "XC");
  CHECK_FALSE(g.disconnected);
  CHECK(g.cpu_types == std::vector<std::string>{"CP", "ZIIP"});
  CHECK(g.ipl == "nss");
  CHECK(g.eqids == std::vector<std::string>{"OSA1"});
  CHECK(g.vswitches == std::vector<std::string>{"VSW1"});
  CHECK(g.crypto == "CEX3C");
  CHECK(g.open_spool);
  REQUIRE(g.dcss.size() == 2);
  CHECK(g.dcss[0].name == "CMS");
  CHECK(g.dcss[0].range == "SW");
  CHECK(g.dcss[1].name == "GCS");
  CHECK_FALSE(g.dcss[1].range.has_value());  // no range: not restricted
  const lgr::Request& q = cfg.requests[0];
  CHECK_FALSE(q.sync);
  CHECK(q.maxtotal == 5);
  CHECK(q.force_storage);
  CHECK(q.force_domain);
  CHECK(q.force_architecture);
}

TEST_CASE("null crypto and null DCSS range mean none", "[config]") {
  json doc = minimal();
  doc["members"][0]["crypto"] = nullptr;
  doc["guests"][0]["crypto"] = nullptr;
  doc["guests"][0]["dcss"] = json::parse(R"([{"name": "CMS", "range": null}])");
  Config cfg = parse(doc);
  CHECK_FALSE(cfg.members[0].crypto.has_value());
  CHECK_FALSE(cfg.guests[0].crypto.has_value());
  CHECK_FALSE(cfg.guests[0].dcss[0].range.has_value());
}

TEST_CASE("keys that begin with _ are comments, accepted in every object", "[config]") {
  json doc = minimal();
  doc["_comment"] = "x";
  doc["members"][0]["_location"] = "Dallas";
  doc["guests"][0]["_owner"] = 7;
  doc["requests"][0]["_note"] = json::array();
  CHECK_NOTHROW(parse(doc));
}

TEST_CASE("domains are configured ones, then SSI, then one per member", "[config]") {
  json doc = minimal();
  doc["members"].push_back({{"name", "C"}, {"storage", 8}, {"paging", 16}});
  doc["domains"] = json::parse(R"([
    {"name": "WINNIE", "members": ["A", "C"]},
    {"name": "PADDNGTN", "members": ["B"]}
  ])");
  doc["guests"][0]["domain"] = "WINNIE";
  doc["guests"].push_back({{"name", "H"}, {"home", "C"}, {"memory", 1}, {"domain", "C"}});
  Config cfg = parse(doc);
  REQUIRE(cfg.domains.size() == 6);
  CHECK(cfg.domains[0].name == "WINNIE");
  CHECK(cfg.domains[0].members == std::vector<int>{0, 2});
  CHECK(cfg.domains[1].name == "PADDNGTN");
  CHECK(cfg.domains[1].members == std::vector<int>{1});
  CHECK(cfg.domains[2].name == "SSI");
  CHECK(cfg.domains[2].members == std::vector<int>{0, 1, 2});
  CHECK(cfg.domains[3].name == "A");
  CHECK(cfg.domains[3].members == std::vector<int>{0});
  CHECK(cfg.domains[4].name == "B");
  CHECK(cfg.domains[4].members == std::vector<int>{1});
  CHECK(cfg.domains[5].name == "C");
  CHECK(cfg.domains[5].members == std::vector<int>{2});
  CHECK(cfg.guests[0].domain_index == 0);
  CHECK(cfg.guests[1].domain == "C");
  CHECK(cfg.guests[1].domain_index == 5);
}

TEST_CASE("index helpers follow file order and answer -1 for unknown names", "[config]") {
  Config cfg = parse(minimal());
  CHECK(cfg.member_index("A") == 0);
  CHECK(cfg.member_index("B") == 1);
  CHECK(cfg.member_index("G") == -1);
  CHECK(cfg.guest_index("G") == 0);
  CHECK(cfg.guest_index("A") == -1);
  CHECK(cfg.domain_index("SSI") == 0);
  CHECK(cfg.domain_index("A") == 1);
  CHECK(cfg.domain_index("B") == 2);
  CHECK(cfg.domain_index("nope") == -1);
}

TEST_CASE("member, domain and guest names are separate namespaces", "[config]") {
  json doc = minimal();
  doc["guests"][0]["name"] = "A";  // a guest named like a member
  doc["requests"][0]["guest"] = "A";
  Config cfg = parse(doc);
  CHECK(cfg.guest_index("A") == 0);
  CHECK(cfg.member_index("A") == 0);
}

TEST_CASE("load_config reads the seed example", "[config]") {
  std::string path = example("ssi4-seed.json");
  Config cfg = lgr::load_config(path);
  CHECK(cfg.name == "ssi4-seed");
  CHECK(cfg.path == path);
  CHECK(cfg.members.size() == 4);
  CHECK(cfg.guests.size() == 3);
  CHECK(cfg.requests.size() == 3);
  CHECK(cfg.domains.size() == 3 + 1 + 4);
  CHECK(cfg.guests[2].domain == "CORDUROY");
  CHECK(cfg.domains[cfg.guests[2].domain_index].name == "CORDUROY");
  CHECK_FALSE(cfg.members[3].crypto.has_value());
  CHECK(cfg.requests[2].immediate);
  CHECK(cfg.requests[2].maxquiesce == 0);
  CHECK(cfg.requests[2].maxtotal == 3);
  CHECK(cfg.bounds.moves == 2);
}

TEST_CASE("load_config accepts every example", "[config]") {
  for (const char* name : {"ssi2-basic.json", "ssi3-contention.json", "ssi4-seed.json"})
    CHECK_NOTHROW(lgr::load_config(example(name)));
}

