// Spec section 1, "Strictness (revision 2)": every rejection with its exact
// message, and what strictness still accepts (comments, any case).
#include <catch2/catch.hpp>

#include "tests/model/config_fixture.hpp"
#include <nlohmann/json.hpp>
#include <string>

#include "model/config.hpp"
#include "model/eligibility.hpp"
#include "model/lgr_model.hpp"

using lgr::Config;
using lgr::ConfigError;
using nlohmann::json;
using namespace lgr::config_testing;

namespace {

}  // namespace

TEST_CASE("strict: a misspelt key is refused with the key it stands for", "[config][strict]") {
  json doc = minimal();
  doc["requests"][0]["imediate"] = true;
  CHECK(error_of(doc) == "t.json: /requests/0/imediate: unknown key \"imediate\" in a request; did you mean \"immediate\"?");
  doc = minimal();
  doc["requests"][0]["forse"] = {"domain"};
  CHECK(error_of(doc) == "t.json: /requests/0/forse: unknown key \"forse\" in a request; did you mean \"force\"?");
  doc = minimal();
  doc["requests"][0]["maxtotl"] = 3;
  CHECK(error_of(doc) == "t.json: /requests/0/maxtotl: unknown key \"maxtotl\" in a request; did you mean \"maxtotal\"?");
  doc = minimal();
  doc["request"] = doc["requests"];
  doc.erase("requests");
  CHECK(error_of(doc) == "t.json: /request: unknown key \"request\" in the configuration; did you mean \"requests\"?");
  doc = minimal();
  doc["guests"][0]["mdoe"] = "ESA";  // two letters swapped
  CHECK(error_of(doc) == "t.json: /guests/0/mdoe: unknown key \"mdoe\" in a guest; did you mean \"mode\"?");
  doc = minimal();
  doc["guests"][0]["dcss"] = json::parse(R"([{"name": "CMS", "Range": "SR"}])");
  CHECK(error_of(doc) == "t.json: /guests/0/dcss/0/Range: unknown key \"Range\" in a DCSS use; did you mean \"range\"?");
  doc = minimal();
  doc["domains"] = json::parse(R"([{"name": "D", "member": ["A"]}])");
  CHECK(error_of(doc) == "t.json: /domains/0/member: unknown key \"member\" in a domain; did you mean \"members\"?");
}

TEST_CASE("strict: an unknown key with no close spelling lists the known keys", "[config][strict]") {
  json doc = minimal();
  doc["members"][0]["location"] = "Dallas";
  CHECK(error_of(doc) ==
        "t.json: /members/0/location: unknown key \"location\" in a member; expected name, storage, paging, "
        "facilities, eqids, vswitches, dcss or crypto (a key that begins with \"_\" is a comment)");
  doc = minimal();
  doc["requests"][0]["priority"] = 1;
  CHECK(error_of(doc) ==
        "t.json: /requests/0/priority: unknown key \"priority\" in a request; expected guest, to, sync, immediate, "
        "maxquiesce, maxtotal or force (a key that begins with \"_\" is a comment)");
}

TEST_CASE("strict: the keys are checked before the fields they would have set", "[config][strict]") {
  json doc = minimal();
  doc["members"][0].erase("storage");
  doc["members"][0]["storge"] = 8;
  CHECK(error_of(doc) == "t.json: /members/0/storge: unknown key \"storge\" in a member; did you mean \"storage\"?");
}

TEST_CASE("strict: a key that appears twice in one object is refused with both positions", "[config][strict]") {
  CHECK(error_of_text("{\"members\": [],\n \"members\": []}") ==
        "t.json:2:2: /members: duplicate key \"members\" (first at line 1, column 2)");
  CHECK(error_of_text("{\"guests\": [{\"name\": \"G\",\n  \"name\": \"H\"}]}") ==
        "t.json:2:3: /guests/0/name: duplicate key \"name\" (first at line 1, column 14)");
  // Escapes in a key are decoded before comparing; the position is the opening quote.
  CHECK(error_of_text(R"({"a\"b": 1, "a\u0022b": 2})") ==
        "t.json:1:13: /a\"b: duplicate key \"a\\\"b\" (first at line 1, column 2)");
  // Equal keys in different objects are no duplicate.
  CHECK(error_of_text(R"({"members": [{"name": "A"}, {"name": "B"}]})") ==
        "t.json: /members/0/storage: missing required field \"storage\"");
}

TEST_CASE("strict: names are z/VM identifiers", "[config][strict]") {
  const std::string rule = "; a z/VM identifier is 1 to 8 characters from A-Z, 0-9, @, # and $";
  json doc = minimal();
  doc["guests"][0]["name"] = "LGR LIN";
  CHECK(error_of(doc) == "t.json: /guests/0/name: name \"LGR LIN\" is not a z/VM identifier: it contains \" \"" + rule);
  doc["guests"][0]["name"] = "LGR\nLIN";
  CHECK(error_of(doc) == "t.json: /guests/0/name: name \"LGR\\nLIN\" is not a z/VM identifier: it contains \"\\n\"" + rule);
  doc["guests"][0]["name"] = "LGRLIN210";
  CHECK(error_of(doc) == "t.json: /guests/0/name: name \"LGRLIN210\" is not a z/VM identifier: it has 9 characters" + rule);
  doc["guests"][0]["name"] = "G\xC3\x9CST";
  CHECK(error_of(doc) ==
        "t.json: /guests/0/name: name \"G\xC3\x9CST\" is not a z/VM identifier: it contains a non-ASCII character" + rule);
  doc = minimal();
  doc["members"][1]["name"] = "GDL-CPX2";
  CHECK(error_of(doc) == "t.json: /members/1/name: name \"GDL-CPX2\" is not a z/VM identifier: it contains \"-\"" + rule);
  doc = minimal();
  doc["domains"] = json::parse(R"([{"name": "WIN NIE", "members": ["A"]}])");
  CHECK(error_of(doc) == "t.json: /domains/0/name: name \"WIN NIE\" is not a z/VM identifier: it contains \" \"" + rule);
  doc = minimal();
  doc["members"][1]["name"] = "";
  CHECK(error_of(doc) == "t.json: /members/1/name: a name must not be empty");
}

TEST_CASE("strict: names are case-insensitive and come back in upper case", "[config][strict]") {
  json doc = json::parse(R"({
    "members": [{"name": "gdllcpx1", "storage": 8, "paging": 16}, {"name": "GdlLcpx2", "storage": 8, "paging": 16}],
    "domains": [{"name": "winnie", "members": ["GDLLCPX1", "gdllcpx2"]}],
    "guests": [{"name": "lgrlin21", "home": "gdLLcpx1", "memory": 2, "domain": "Winnie"},
               {"name": "lgr#1@$", "home": "GDLLCPX2", "memory": 1}],
    "requests": [{"guest": "LgrLin21", "to": "gdllcpx2"}, {"guest": "LGR#1@$", "to": "gdllcpx1"}]
  })");
  const Config cfg = parse(doc);
  CHECK(cfg.members[0].name == "GDLLCPX1");
  CHECK(cfg.members[1].name == "GDLLCPX2");
  CHECK(cfg.domains[0].name == "WINNIE");
  CHECK(cfg.domains[0].members == std::vector<int>{0, 1});
  CHECK(cfg.guests[0].name == "LGRLIN21");
  CHECK(cfg.guests[0].domain == "WINNIE");
  CHECK(cfg.guests[1].name == "LGR#1@$");
  CHECK(cfg.requests[0].guest == 0);
  CHECK(cfg.requests[0].to == 1);
  CHECK(cfg.member_index("gdllcpx2") == 1);
  CHECK(cfg.guest_index("lgr#1@$") == 1);
  // Printed in upper case: the action labels of traces and reports.
  const lgr::LgrModel model(cfg, {});
  std::vector<lgr::Word> start(model.state_words());
  model.initial(start.data());
  std::vector<std::string> moves;
  for (std::size_t a = 0; a < model.actions().size(); ++a)
    if (model.actions()[a].kind == lgr::ActionKind::Move)
      moves.push_back(model.label(static_cast<lgr::ActionIndex>(a), model.decode(start.data())));
  CHECK(moves == std::vector<std::string>{"Move LGRLIN21 GDLLCPX2", "Move LGR#1@$ GDLLCPX1"});
}

TEST_CASE("strict: names that differ only in case are the same name", "[config][strict]") {
  json doc = minimal();
  doc["members"][1]["name"] = "a";
  CHECK(error_of(doc) == "t.json: /members/1/name: duplicate member name \"A\" (first at /members/0/name)");
  doc = minimal();
  doc["domains"] = json::parse(R"([{"name": "ssi", "members": ["A"]}])");
  CHECK(error_of(doc) == "t.json: /domains/0/name: domain name \"SSI\" is reserved for the implicit domain of all members");
  doc = minimal();
  doc["guests"][0]["home"] = "c";
  CHECK(error_of(doc) == "t.json: /guests/0/home: unknown member \"c\"");
}

TEST_CASE("strict: numbers are whole and at most 2^31-1", "[config][strict]") {
  json doc = minimal();
  doc["guests"][0]["memory"] = 2.5;
  CHECK(error_of(doc) == "t.json: /guests/0/memory: expected a whole number, got 2.5");
  doc = minimal();
  doc["members"][0]["storage"] = 4294967296LL;
  CHECK(error_of(doc) == "t.json: /members/0/storage: must be at most 2^31-1 = 2147483647, got 4294967296");
  // Beyond a double: refused with the position, where nlohmann gives none.
  CHECK(error_of_text("{\"members\": [\n  {\"name\": \"A\", \"storage\": 1e999, \"paging\": 1}]}") ==
        "t.json:2:28: /members/0/storage: must be at most 2^31-1 = 2147483647, got 1e999");
  CHECK(error_of_text(R"({"members": [{"name": "A", "storage": 8, "paging": -1e999}]})") ==
        "t.json:1:52: /members/0/paging: must not be negative, got -1e999");
  // Even in a comment: such a number cannot be read at all.
  CHECK(error_of_text(R"({"_x": [1, 1E400]})") == "t.json:1:12: /_x/1: must be at most 2^31-1 = 2147483647, got 1E400");
  // A whole number written with a fraction or an exponent is whole.
  doc = minimal();
  doc["members"][0]["storage"] = 8.0;
  doc["guests"][0]["memory"] = 2e0;
  const Config cfg = parse(doc);
  CHECK(cfg.members[0].storage == 8);
  CHECK(cfg.guests[0].memory == 2);
  CHECK(lgr::parse_config(R"({"members": [{"name": "A", "storage": 1e3, "paging": 1}],
                              "guests": [{"name": "G", "home": "A", "memory": 1}]})", "t.json")
            .members[0].storage == 1000);
}

TEST_CASE("strict: a domain needs a member, and max_memory is at least memory", "[config][strict]") {
  json doc = minimal();
  doc["domains"] = json::parse(R"([{"name": "D", "members": []}])");
  CHECK(error_of(doc) == "t.json: /domains/0/members: a domain needs at least one member");
  doc = minimal();
  doc["guests"][0]["max_memory"] = 1;
  CHECK(error_of(doc) ==
        "t.json: /guests/0/max_memory: max_memory 1 is smaller than memory 2; a guest cannot run with more storage "
        "than its maximum");
}

TEST_CASE("strict: enumerated values are case-insensitive and must be known", "[config][strict]") {
  json doc = minimal();
  doc["guests"][0].update(json::parse(R"({"mode": "esa", "cpu_types": ["cp", "Ifl"], "ipl": "NSS",
                                          "dcss": [{"name": "CMS", "range": "sr"}]})"));
  doc["members"][1]["dcss"] = {"CMS"};
  doc["requests"][0]["force"] = {"Storage", "DOMAIN", "architecture"};
  Config cfg = parse(doc);
  CHECK(cfg.guests[0].mode == "ESA");
  CHECK(cfg.guests[0].cpu_types == std::vector<std::string>{"CP", "IFL"});
  CHECK(cfg.guests[0].ipl == "nss");
  CHECK(cfg.guests[0].dcss[0].range == std::optional<std::string>("SR"));
  CHECK(cfg.requests[0].force_storage);
  CHECK(cfg.requests[0].force_domain);
  CHECK(cfg.requests[0].force_architecture);
  // "esa" is ESA, so the guest is eligible; a valid value can still be ineligible.
  CHECK(lgr::static_reasons(cfg, 0).empty());
  doc["guests"][0]["mode"] = "xc";
  doc["guests"][0]["cpu_types"] = {"ziip"};
  cfg = parse(doc);
  CHECK(lgr::static_reasons(cfg, 0) == std::vector<lgr::Reason>{lgr::Reason::MODE, lgr::Reason::CPU_TYPE});

  const struct {
    const char* field;
    json value;
    const char* message;
  } refused[] = {
      {"mode", "S390", "t.json: /guests/0/mode: unknown mode \"S390\"; expected ESA, XA, XC or Z"},
      {"cpu_types", {"CP", "GPU"},
       "t.json: /guests/0/cpu_types/1: unknown CPU type \"GPU\"; expected CP, IFL, ZIIP, ZAAP or ICF"},
      {"ipl", "cms", "t.json: /guests/0/ipl: unknown ipl \"cms\"; expected device, nss or none"},
      {"dcss", json::parse(R"([{"name": "CMS", "range": "XX"}])"),
       "t.json: /guests/0/dcss/0/range: unknown DCSS range \"XX\"; expected SR, SW, SC, SN, EW, EN or ER"},
      {"mode", 1, "t.json: /guests/0/mode: expected a string, got number"},
  };
  for (const auto& r : refused) {
    json bad = minimal();
    bad["guests"][0][r.field] = r.value;
    CHECK(error_of(bad) == r.message);
  }
  doc = minimal();
  doc["requests"][0]["force"] = {"everything"};
  CHECK(error_of(doc) ==
        "t.json: /requests/0/force/0: unknown FORCE value \"everything\"; expected storage, domain or architecture");
}

TEST_CASE("strict: nesting deeper than 256 levels is refused with a position", "[config][strict]") {
  // The document is level 1, "_x" level 2; the 256th '[' would open level 257.
  const std::string deep = "{\"_x\": " + std::string(300, '[') + std::string(300, ']') + "}";
  std::string pointer = "/_x";
  for (int i = 0; i < 255; ++i) pointer += "/0";
  CHECK(error_of_text(deep) == "t.json:1:263: " + pointer + ": nested deeper than 256 levels");
  const std::string just_fits = "{\"_x\": " + std::string(255, '[') + std::string(255, ']') + "}";
  CHECK(error_of_text(just_fits) == "t.json: /members: missing required field \"members\"");
}
