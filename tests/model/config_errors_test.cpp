// Configuration loading: the exact text of every rejection (spec section 1).
// The defaults and what a valid file reads as are in config_test.cpp.
#include "model/config.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "tests/model/config_fixture.hpp"

using lgr::Config;
using lgr::ConfigError;
using nlohmann::json;
using namespace lgr::config_testing;

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
