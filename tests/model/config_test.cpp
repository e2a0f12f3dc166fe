// Configuration loading: defaults, domains, and the exact text of every
// rejection (spec section 1).
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

TEST_CASE("load_config names a missing file", "[config]") {
  CHECK_THROWS_WITH(lgr::load_config("/nonexistent/x.json"),
                    "/nonexistent/x.json: cannot open: No such file or directory");
}

TEST_CASE("malformed JSON reports line and column", "[config]") {
  CHECK(error_of_text("{\n  \"members\": [\n    {\"name\": \"A\",, }\n") ==
        "t.json:3:18: syntax error while parsing object key - unexpected ','; "
        "expected string literal");
  CHECK(error_of_text("{\"members\": tru}") ==
        "t.json:1:16: syntax error while parsing value - invalid literal; last read: "
        "'\"members\": tru}'");
}

TEST_CASE("truncated and empty JSON report the end of input", "[config]") {
  CHECK(error_of_text("{\n  \"members\": [\n") ==
        "t.json:3:1: syntax error while parsing value - unexpected end of input; "
        "expected '[', '{', or a literal");
  CHECK(error_of_text("").rfind("t.json:1:1: ", 0) == 0);
}

TEST_CASE("top level must be an object", "[config]") {
  CHECK(error_of_text("[]") == "t.json: /: expected an object, got array");
}

TEST_CASE("wrong JSON types say what was expected", "[config]") {
  json doc = minimal();
  doc["members"][0]["storage"] = "8";
  CHECK(error_of(doc) == "t.json: /members/0/storage: expected a whole number, got string");

  doc = minimal();
  doc["members"][1]["name"] = 3;
  CHECK(error_of(doc) == "t.json: /members/1/name: expected a string, got number");

  doc = minimal();
  doc["members"] = json::object();
  CHECK(error_of(doc) == "t.json: /members: expected an array, got object");

  doc = minimal();
  doc["guests"][0] = "G";
  CHECK(error_of(doc) == "t.json: /guests/0: expected an object, got string");

  doc = minimal();
  doc["guests"][0]["vmrelocate"] = "yes";
  CHECK(error_of(doc) == "t.json: /guests/0/vmrelocate: expected true or false, got string");

  doc = minimal();
  doc["guests"][0]["cpu_types"] = {"CP", 1};
  CHECK(error_of(doc) == "t.json: /guests/0/cpu_types/1: expected a string, got number");

  doc = minimal();
  doc["guests"][0]["crypto"] = 3;
  CHECK(error_of(doc) == "t.json: /guests/0/crypto: expected a string or null, got number");

  doc = minimal();
  doc["requests"][0]["force"] = "storage";
  CHECK(error_of(doc) == "t.json: /requests/0/force: expected an array, got string");

  doc = minimal();
  doc["bounds"] = json::array();
  CHECK(error_of(doc) == "t.json: /bounds: expected an object, got array");
}

TEST_CASE("fractional numbers are rejected", "[config]") {
  json doc = minimal();
  doc["guests"][0]["memory"] = 1.5;
  CHECK(error_of(doc) == "t.json: /guests/0/memory: expected a whole number, got 1.5");
}

TEST_CASE("missing required fields are named", "[config]") {
  struct Case {
    const char* section;
    int index;
    const char* field;
    const char* error;
  };
  const Case cases[] = {
      {"members", 0, "name", "t.json: /members/0/name: missing required field \"name\""},
      {"members", 0, "storage", "t.json: /members/0/storage: missing required field \"storage\""},
      {"members", 1, "paging", "t.json: /members/1/paging: missing required field \"paging\""},
      {"guests", 0, "name", "t.json: /guests/0/name: missing required field \"name\""},
      {"guests", 0, "home", "t.json: /guests/0/home: missing required field \"home\""},
      {"guests", 0, "memory", "t.json: /guests/0/memory: missing required field \"memory\""},
      {"requests", 0, "guest", "t.json: /requests/0/guest: missing required field \"guest\""},
      {"requests", 0, "to", "t.json: /requests/0/to: missing required field \"to\""},
  };
  for (const Case& c : cases) {
    json doc = minimal();
    doc[c.section][c.index].erase(c.field);
    CHECK(error_of(doc) == c.error);
  }
}

TEST_CASE("members and guests arrays are required", "[config]") {
  json doc = minimal();
  doc.erase("members");
  CHECK(error_of(doc) == "t.json: /members: missing required field \"members\"");
  doc = minimal();
  doc.erase("guests");
  CHECK(error_of(doc) == "t.json: /guests: missing required field \"guests\"");
}

TEST_CASE("a domain needs a name and a non-empty member list", "[config]") {
  json doc = minimal();
  doc["domains"] = json::parse(R"([{"members": ["A"]}])");
  CHECK(error_of(doc) == "t.json: /domains/0/name: missing required field \"name\"");
  doc["domains"] = json::parse(R"([{"name": "D"}])");
  CHECK(error_of(doc) == "t.json: /domains/0/members: missing required field \"members\"");
  doc["domains"] = json::parse(R"([{"name": "D", "members": []}])");
  CHECK(error_of(doc) == "t.json: /domains/0/members: a domain needs at least one member");
}

TEST_CASE("a DCSS use needs a name", "[config]") {
  json doc = minimal();
  doc["guests"][0]["dcss"] = json::parse(R"([{"range": "SR"}])");
  CHECK(error_of(doc) == "t.json: /guests/0/dcss/0/name: missing required field \"name\"");
}

TEST_CASE("empty names are rejected", "[config]") {
  json doc = minimal();
  doc["members"][0]["name"] = "";
  CHECK(error_of(doc) == "t.json: /members/0/name: a name must not be empty");
}

TEST_CASE("duplicate member and guest names are rejected", "[config]") {
  json doc = minimal();
  doc["members"][1]["name"] = "A";
  CHECK(error_of(doc) ==
        "t.json: /members/1/name: duplicate member name \"A\" (first at /members/0/name)");

  doc = minimal();
  doc["guests"].push_back({{"name", "G"}, {"home", "B"}, {"memory", 1}});
  CHECK(error_of(doc) ==
        "t.json: /guests/1/name: duplicate guest name \"G\" (first at /guests/0/name)");
}

TEST_CASE("duplicate domain names are rejected", "[config]") {
  json doc = minimal();
  doc["domains"] = json::parse(R"([
    {"name": "D", "members": ["A"]}, {"name": "D", "members": ["B"]}
  ])");
  CHECK(error_of(doc) ==
        "t.json: /domains/1/name: duplicate domain name \"D\" (first at /domains/0/name)");
}

TEST_CASE("a domain listing a member twice is rejected", "[config]") {
  json doc = minimal();
  doc["domains"] = json::parse(R"([{"name": "D", "members": ["A", "B", "A"]}])");
  CHECK(error_of(doc) == "t.json: /domains/0/members/2: member \"A\" is listed twice");
}

TEST_CASE("configured domains cannot take the names of implicit domains", "[config]") {
  json doc = minimal();
  doc["domains"] = json::parse(R"([{"name": "SSI", "members": ["A"]}])");
  CHECK(error_of(doc) ==
        "t.json: /domains/0/name: domain name \"SSI\" is reserved for the implicit domain of "
        "all members");
  doc["domains"] = json::parse(R"([{"name": "B", "members": ["A"]}])");
  CHECK(error_of(doc) ==
        "t.json: /domains/0/name: domain name \"B\" is reserved for the implicit "
        "single-member domain of member B");
}

TEST_CASE("unknown names are rejected where they are used", "[config]") {
  json doc = minimal();
  doc["domains"] = json::parse(R"([{"name": "D", "members": ["A", "Z"]}])");
  CHECK(error_of(doc) == "t.json: /domains/0/members/1: unknown member \"Z\"");

  doc = minimal();
  doc["guests"][0]["home"] = "Z";
  CHECK(error_of(doc) == "t.json: /guests/0/home: unknown member \"Z\"");

  doc = minimal();
  doc["guests"][0]["domain"] = "Z";
  CHECK(error_of(doc) == "t.json: /guests/0/domain: unknown domain \"Z\"");

  doc = minimal();
  doc["requests"][0]["guest"] = "Z";
  CHECK(error_of(doc) == "t.json: /requests/0/guest: unknown guest \"Z\"");

  doc = minimal();
  doc["requests"][0]["to"] = "Z";
  CHECK(error_of(doc) == "t.json: /requests/0/to: unknown member \"Z\"");
}

TEST_CASE("negative numbers are rejected", "[config]") {
  json doc = minimal();
  doc["members"][0]["paging"] = -1;
  CHECK(error_of(doc) == "t.json: /members/0/paging: must not be negative, got -1");
  doc = minimal();
  doc["requests"][0]["maxtotal"] = -2;
  CHECK(error_of(doc) == "t.json: /requests/0/maxtotal: must not be negative, got -2");
  doc = minimal();
  doc["bounds"] = {{"cancels", -1}};
  CHECK(error_of(doc) == "t.json: /bounds/cancels: must not be negative, got -1");
}

TEST_CASE("numbers above 2^31-1 are rejected", "[config]") {
  json doc = minimal();
  doc["members"][0]["storage"] = 2147483648LL;
  CHECK(error_of(doc) ==
        "t.json: /members/0/storage: must be at most 2^31-1 = 2147483647, got 2147483648");
  doc["members"][0]["storage"] = 2147483647LL;
  CHECK_NOTHROW(parse(doc));
  CHECK(error_of_text(R"({"members": [{"name": "A", "storage": 1e30, "paging": 1}]})") ==
        "t.json: /members/0/storage: must be at most 2^31-1 = 2147483647, got 1e+30");
}

TEST_CASE("passes below 1 are rejected", "[config]") {
  json doc = minimal();
  doc["bounds"] = {{"passes", 0}};
  CHECK(error_of(doc) == "t.json: /bounds/passes: passes must be at least 1, got 0");
}

TEST_CASE("an unknown key in bounds is rejected", "[config]") {
  json doc = minimal();
  doc["bounds"] = {{"moves", 1}, {"move", 2}};
  CHECK(error_of(doc) ==
        "t.json: /bounds/move: unknown bound \"move\"; did you mean \"moves\"?");
  doc["bounds"] = {{"moves", 1}, {"retries", 2}};
  CHECK(error_of(doc) ==
        "t.json: /bounds/retries: unknown bound \"retries\"; expected moves, cancels, "
        "member_failures, link_failures, eligibility_changes or passes");
}

TEST_CASE("member count must be 1 to 8", "[config]") {
  json doc = minimal();
  doc["members"] = json::array();
  CHECK(error_of(doc) == "t.json: /members: expected 1 to 8 members, got 0");
  doc = minimal();
  for (int i = 0; i < 7; ++i)
    doc["members"].push_back({{"name", "M" + std::to_string(i)}, {"storage", 1}, {"paging", 1}});
  CHECK(error_of(doc) == "t.json: /members: expected 1 to 8 members, got 9");
  doc["members"].erase(8);
  CHECK_NOTHROW(parse(doc));
}

TEST_CASE("guest count must be 1 to 8", "[config]") {
  json doc = minimal();
  doc["guests"] = json::array();
  doc.erase("requests");
  CHECK(error_of(doc) == "t.json: /guests: expected 1 to 8 guests, got 0");
  doc = minimal();
  doc["members"][0]["storage"] = 100;
  for (int i = 0; i < 8; ++i)
    doc["guests"].push_back({{"name", "G" + std::to_string(i)}, {"home", "A"}, {"memory", 1}});
  CHECK(error_of(doc) == "t.json: /guests: expected 1 to 8 guests, got 9");
  doc["guests"].erase(8);
  CHECK_NOTHROW(parse(doc));
}

TEST_CASE("more than 32 requests are rejected", "[config]") {
  json doc = minimal();
  for (int i = 0; i < 31; ++i) doc["requests"].push_back({{"guest", "G"}, {"to", "B"}});
  CHECK_NOTHROW(parse(doc));
  doc["requests"].push_back({{"guest", "G"}, {"to", "B"}});
  CHECK(error_of(doc) ==
        "t.json: /requests: at most 32 requests fit in the state encoding, got 33");
}

TEST_CASE("a guest's home must be in its domain", "[config]") {
  json doc = minimal();
  doc["domains"] = json::parse(R"([{"name": "D", "members": ["B"]}])");
  doc["guests"][0]["domain"] = "D";
  CHECK(error_of(doc) ==
        "t.json: /guests/0/home: home member A is not in the guest's domain D (B)");
  doc["guests"][0]["domain"] = "B";
  CHECK(error_of(doc) ==
        "t.json: /guests/0/home: home member A is not in the guest's domain B (B)");
}

TEST_CASE("guests homed on a member must fit in its storage", "[config]") {
  json doc = minimal();
  doc["guests"].push_back({{"name", "H"}, {"home", "A"}, {"memory", 6}, {"max_memory", 20}});
  CHECK_NOTHROW(parse(doc));  // 2 + 6 = 8: max_memory does not count
  doc["guests"][1]["memory"] = 7;
  CHECK(error_of(doc) ==
        "t.json: /members/0/storage: the guests homed on A (G, H) need memory 9, more than its "
        "storage 8");
}

TEST_CASE("max_memory smaller than memory is rejected", "[config]") {
  json doc = minimal();
  doc["guests"][0]["max_memory"] = 1;
  CHECK(error_of(doc) ==
        "t.json: /guests/0/max_memory: max_memory 1 is smaller than memory 2; a guest cannot "
        "run with more storage than its maximum");
}

TEST_CASE("FORCE values are case-insensitive and unknown ones rejected", "[config]") {
  json doc = minimal();
  doc["requests"][0]["force"] = {"STORAGE"};
  Config cfg = parse(doc);
  CHECK(cfg.requests[0].force_storage);
  CHECK_FALSE(cfg.requests[0].force_domain);
  CHECK_FALSE(cfg.requests[0].force_architecture);
  doc["requests"][0]["force"] = {"domain", "everything"};
  CHECK(error_of(doc) ==
        "t.json: /requests/0/force/1: unknown FORCE value \"everything\"; expected storage, "
        "domain or architecture");
}

TEST_CASE("errors name the file as given", "[config]") {
  CHECK_THROWS_WITH(lgr::parse_config("[]", "dir/c.json"),
                    "dir/c.json: /: expected an object, got array");
}
