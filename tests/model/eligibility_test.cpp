// Static eligibility and storage checks (spec section 1): each reason code is
// triggered by a minimal change and absent otherwise.
#include "model/eligibility.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/config.hpp"

using lgr::Config;
using lgr::Reason;
using nlohmann::json;

namespace {

// Two identical members; guest G on A uses everything B offers, so G -> B is
// eligible until a test breaks one thing.
json eligible() {
  return json::parse(R"({
    "members": [
      {"name": "A", "storage": 10, "paging": 20, "facilities": ["Z10", "GIEF"],
       "eqids": ["OSA1"], "vswitches": ["VSW1"], "dcss": ["CMS", "GCS"], "crypto": "CEX3C"},
      {"name": "B", "storage": 10, "paging": 20, "facilities": ["Z10", "GIEF"],
       "eqids": ["OSA1"], "vswitches": ["VSW1"], "dcss": ["CMS", "GCS"], "crypto": "CEX3C"}
    ],
    "guests": [
      {"name": "G", "home": "A", "memory": 2, "max_memory": 4,
       "eqids": ["OSA1"], "vswitches": ["VSW1"], "crypto": "CEX3C",
       "dcss": [{"name": "CMS", "range": "SR"}, {"name": "GCS"}]}
    ],
    "requests": [{"guest": "G", "to": "B"}]
  })");
}

Config parse(const json& doc) { return lgr::parse_config(doc.dump(), "t.json"); }

std::vector<Reason> reasons_to_b(const json& doc) {
  return lgr::static_reasons(parse(doc), 0, 1, false, false);
}

std::vector<Reason> single(Reason r) { return {r}; }

}  // namespace

TEST_CASE("a fully provisioned destination passes every static check", "[eligibility]") {
  Config cfg = parse(eligible());
  CHECK(lgr::static_reasons(cfg, 0).empty());
  CHECK(lgr::static_reasons(cfg, 0, 1, false, false).empty());
}

TEST_CASE("each guest attribute check fails on its own", "[eligibility]") {
  struct Case {
    const char* field;
    json value;
    Reason reason;
  };
  const Case cases[] = {
      {"single_config", false, Reason::MULTICONFIG},
      {"vmrelocate", false, Reason::RELOCATE_OFF},
      {"mode", "XC", Reason::MODE},
      {"disconnected", false, Reason::CONNECTED},
      {"cpu_types", {"CP", "ZIIP"}, Reason::CPU_TYPE},
      {"ipl", "none", Reason::IPL},
      {"open_spool", true, Reason::SPOOL},
  };
  for (const Case& c : cases) {
    json doc = eligible();
    doc["guests"][0][c.field] = c.value;
    INFO(c.field);
    CHECK(reasons_to_b(doc) == single(c.reason));
  }
}

TEST_CASE("accepted modes, CPU types and IPL sources pass", "[eligibility]") {
  json doc = eligible();
  doc["guests"][0]["mode"] = "XA";
  doc["guests"][0]["cpu_types"] = {"IFL", "CP", "IFL"};
  doc["guests"][0]["ipl"] = "nss";
  CHECK(reasons_to_b(doc).empty());
  doc["guests"][0]["cpu_types"] = json::array();
  CHECK(reasons_to_b(doc).empty());
}

TEST_CASE("DCSS_MISSING when a used DCSS is not on the destination, once", "[eligibility]") {
  json doc = eligible();
  doc["members"][1]["dcss"] = json::array();
  CHECK(reasons_to_b(doc) == single(Reason::DCSS_MISSING));
  Config cfg = parse(doc);
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::DCSS_MISSING) ==
        "User G cannot be relocated to B: DCSSs CMS, GCS are not defined on B");
  doc["members"][1]["dcss"] = {"CMS"};
  CHECK(lgr::reason_message(parse(doc), 0, 1, Reason::DCSS_MISSING) ==
        "User G cannot be relocated to B: DCSS GCS is not defined on B");
}

TEST_CASE("DCSS_RANGE for ranges SW, SC and SN only", "[eligibility]") {
  for (const char* range : {"SW", "SC", "SN"}) {
    json doc = eligible();
    doc["guests"][0]["dcss"][0]["range"] = range;
    INFO(range);
    CHECK(reasons_to_b(doc) == single(Reason::DCSS_RANGE));
  }
  for (const char* range : {"SR", "EW", "ER"}) {
    json doc = eligible();
    doc["guests"][0]["dcss"][0]["range"] = range;
    INFO(range);
    CHECK(reasons_to_b(doc).empty());
  }
}

TEST_CASE("DCSS_RANGE appears once for several restricted DCSSs", "[eligibility]") {
  json doc = eligible();
  doc["guests"][0]["dcss"] = json::parse(R"([{"name": "CMS", "range": "SW"},
                                             {"name": "GCS", "range": "SN"}])");
  CHECK(reasons_to_b(doc) == single(Reason::DCSS_RANGE));
  CHECK(lgr::reason_message(parse(doc), 0, 1, Reason::DCSS_RANGE) ==
        "User G cannot be relocated to B: DCSSs CMS (SW), GCS (SN) are loaded with a restricted "
        "range; only shared read-only DCSSs can relocate");
}

TEST_CASE("DEVICE when a guest EQID is missing on the destination", "[eligibility]") {
  json doc = eligible();
  doc["guests"][0]["eqids"] = {"OSA1", "OSA2"};
  CHECK(reasons_to_b(doc) == single(Reason::DEVICE));
  CHECK(lgr::reason_message(parse(doc), 0, 1, Reason::DEVICE) ==
        "User G cannot be relocated to B: EQID OSA2 is not available on B");
}

TEST_CASE("VSWITCH when a guest VSWITCH is missing on the destination", "[eligibility]") {
  json doc = eligible();
  doc["members"][1]["vswitches"] = {"VSW2"};
  CHECK(reasons_to_b(doc) == single(Reason::VSWITCH));
  CHECK(lgr::reason_message(parse(doc), 0, 1, Reason::VSWITCH) ==
        "User G cannot be relocated to B: VSWITCH VSW1 is not defined on B");
}

TEST_CASE("CRYPTO when the guest's crypto differs from the destination's", "[eligibility]") {
  json doc = eligible();
  doc["members"][1]["crypto"] = "CEX2C";
  CHECK(reasons_to_b(doc) == single(Reason::CRYPTO));
  CHECK(lgr::reason_message(parse(doc), 0, 1, Reason::CRYPTO) ==
        "User G cannot be relocated to B: its crypto CEX3C is not available on B (B has CEX2C)");
  doc["members"][1].erase("crypto");
  CHECK(reasons_to_b(doc) == single(Reason::CRYPTO));
  CHECK(lgr::reason_message(parse(doc), 0, 1, Reason::CRYPTO) ==
        "User G cannot be relocated to B: its crypto CEX3C is not available on B (B has none)");
  doc["guests"][0]["crypto"] = nullptr;  // a guest without crypto goes anywhere
  CHECK(reasons_to_b(doc).empty());
}

TEST_CASE("DOMAIN when the destination is outside the guest's domain", "[eligibility]") {
  json doc = eligible();
  doc["guests"][0]["domain"] = "A";
  Config cfg = parse(doc);
  CHECK(lgr::static_reasons(cfg, 0, 1, false, false) == single(Reason::DOMAIN));
  CHECK(lgr::static_reasons(cfg, 0, 1, true, false).empty());
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::DOMAIN) ==
        "User G cannot be relocated to B: B is not in its relocation domain A (A)");
}

TEST_CASE("ARCHITECTURE when the destination lacks a facility of varch", "[eligibility]") {
  json doc = eligible();
  doc["members"][1]["facilities"] = {"Z10"};
  // In domain SSI varch is the common {Z10}: B qualifies.
  CHECK(reasons_to_b(doc).empty());
  doc["guests"][0]["domain"] = "A";  // varch becomes {Z10, GIEF}
  Config cfg = parse(doc);
  CHECK(lgr::static_reasons(cfg, 0, 1, false, false) ==
        std::vector<Reason>{Reason::DOMAIN, Reason::ARCHITECTURE});
  CHECK(lgr::static_reasons(cfg, 0, 1, true, false) == single(Reason::ARCHITECTURE));
  CHECK(lgr::static_reasons(cfg, 0, 1, false, true) == single(Reason::DOMAIN));
  CHECK(lgr::static_reasons(cfg, 0, 1, true, true).empty());
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::ARCHITECTURE) ==
        "User G cannot be relocated to B: B lacks facility GIEF of its virtual architecture "
        "(domain A)");
}

TEST_CASE("static_reasons of a request applies the request's FORCE", "[eligibility]") {
  json doc = eligible();
  doc["members"][1]["facilities"] = {"Z10"};
  doc["guests"][0]["domain"] = "A";
  CHECK(lgr::static_reasons(parse(doc), 0) ==
        std::vector<Reason>{Reason::DOMAIN, Reason::ARCHITECTURE});
  doc["requests"][0]["force"] = {"domain"};
  CHECK(lgr::static_reasons(parse(doc), 0) == single(Reason::ARCHITECTURE));
  doc["requests"][0]["force"] = {"Domain", "ARCHITECTURE"};
  CHECK(lgr::static_reasons(parse(doc), 0).empty());
  doc["requests"][0]["force"] = {"storage"};  // FORCE STORAGE overrides no static check
  CHECK(lgr::static_reasons(parse(doc), 0).size() == 2);
}

TEST_CASE("every static failure is listed in the order of the spec table", "[eligibility]") {
  json doc = eligible();
  doc["members"][1] = json::parse(R"({"name": "B", "storage": 10, "paging": 20})");
  doc["guests"][0].update(json::parse(R"({
    "single_config": false, "vmrelocate": false, "mode": "XC", "disconnected": false,
    "cpu_types": ["ZIIP"], "ipl": "none", "open_spool": true, "domain": "A",
    "dcss": [{"name": "CMS", "range": "SW"}]
  })"));
  CHECK(reasons_to_b(doc) ==
        std::vector<Reason>{Reason::MULTICONFIG, Reason::RELOCATE_OFF, Reason::MODE,
                            Reason::CONNECTED, Reason::CPU_TYPE, Reason::IPL, Reason::DCSS_MISSING,
                            Reason::DCSS_RANGE, Reason::DEVICE, Reason::VSWITCH, Reason::CRYPTO,
                            Reason::SPOOL, Reason::DOMAIN, Reason::ARCHITECTURE});
}

TEST_CASE("virtual architecture is the intersection over the guest's domain", "[eligibility]") {
  json doc = eligible();
  doc["members"][0]["facilities"] = {"Z10", "GIEF", "VX"};
  doc["members"][1]["facilities"] = {"VX", "Z10"};
  Config cfg = parse(doc);
  CHECK(lgr::virtual_architecture(cfg, 0) == std::vector<std::string>{"Z10", "VX"});
  doc["guests"][0]["domain"] = "A";
  CHECK(lgr::virtual_architecture(parse(doc), 0) == std::vector<std::string>{"Z10", "GIEF", "VX"});
  doc["members"][1]["facilities"] = json::array();
  doc["guests"][0]["domain"] = "SSI";
  CHECK(lgr::virtual_architecture(parse(doc), 0).empty());
}

TEST_CASE("reason codes are the stable names of the spec", "[eligibility]") {
  CHECK(std::string(lgr::reason_code(Reason::MULTICONFIG)) == "MULTICONFIG");
  CHECK(std::string(lgr::reason_code(Reason::RELOCATE_OFF)) == "RELOCATE_OFF");
  CHECK(std::string(lgr::reason_code(Reason::MODE)) == "MODE");
  CHECK(std::string(lgr::reason_code(Reason::CONNECTED)) == "CONNECTED");
  CHECK(std::string(lgr::reason_code(Reason::CPU_TYPE)) == "CPU_TYPE");
  CHECK(std::string(lgr::reason_code(Reason::IPL)) == "IPL");
  CHECK(std::string(lgr::reason_code(Reason::DCSS_MISSING)) == "DCSS_MISSING");
  CHECK(std::string(lgr::reason_code(Reason::DCSS_RANGE)) == "DCSS_RANGE");
  CHECK(std::string(lgr::reason_code(Reason::DEVICE)) == "DEVICE");
  CHECK(std::string(lgr::reason_code(Reason::VSWITCH)) == "VSWITCH");
  CHECK(std::string(lgr::reason_code(Reason::CRYPTO)) == "CRYPTO");
  CHECK(std::string(lgr::reason_code(Reason::SPOOL)) == "SPOOL");
  CHECK(std::string(lgr::reason_code(Reason::DOMAIN)) == "DOMAIN");
  CHECK(std::string(lgr::reason_code(Reason::ARCHITECTURE)) == "ARCHITECTURE");
  CHECK(std::string(lgr::reason_code(Reason::STORAGE_CURRENT)) == "STORAGE_CURRENT");
  CHECK(std::string(lgr::reason_code(Reason::STORAGE_PAGING)) == "STORAGE_PAGING");
  CHECK(std::string(lgr::reason_code(Reason::STORAGE_MAX)) == "STORAGE_MAX");
  CHECK(std::string(lgr::reason_code(Reason::STORAGE_MAX_PAGING)) == "STORAGE_MAX_PAGING");
}

TEST_CASE("guest attribute messages name the offending value", "[eligibility]") {
  json doc = eligible();
  doc["guests"][0].update(
      json::parse(R"({"mode": "XC", "cpu_types": ["CP", "ZIIP", "ZAAP"], "ipl": "none"})"));
  Config cfg = parse(doc);
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::MULTICONFIG) ==
        "User G cannot be relocated to B: it is a multiconfiguration virtual machine (IDENTITY); "
        "only single-configuration users can relocate");
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::RELOCATE_OFF) ==
        "User G cannot be relocated to B: relocation is disabled for it (OPTION VMRELOCATE OFF)");
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::MODE) ==
        "User G cannot be relocated to B: its virtual machine mode XC is not supported; only ESA "
        "or XA can relocate");
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::CONNECTED) ==
        "User G cannot be relocated to B: it is connected to a terminal; only disconnected users "
        "can relocate");
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::CPU_TYPE) ==
        "User G cannot be relocated to B: virtual CPU types ZIIP, ZAAP are not supported; only "
        "CP and IFL can relocate");
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::IPL) ==
        "User G cannot be relocated to B: its ipl is none; only a guest IPLed from a device or an "
        "NSS can relocate");
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::SPOOL) ==
        "User G cannot be relocated to B: it has open spool files");
}

TEST_CASE("STORAGE_CURRENT is the hard check and survives FORCE STORAGE",
          "[eligibility][storage]") {
  Config cfg = parse(eligible());  // B: storage 10, paging 20; G: memory 2, max 4
  // memory 2 + used 8 = 10 fits; used 9 does not.
  CHECK(lgr::storage_reasons(cfg, 0, 1, 6, false).empty());
  CHECK(lgr::storage_reasons(cfg, 0, 1, 8, true).empty());
  CHECK(lgr::storage_reasons(cfg, 0, 1, 9, true) == single(Reason::STORAGE_CURRENT));
  CHECK_FALSE(lgr::storage_ok(cfg, 0, 1, 9, true));
  CHECK(lgr::storage_ok(cfg, 0, 1, 8, true));
}

TEST_CASE("STORAGE_MAX checks max_memory plus used unless forced", "[eligibility][storage]") {
  Config cfg = parse(eligible());
  // max 4 + used 6 = 10 fits; used 7 does not, while memory 2 + 7 still fits.
  CHECK(lgr::storage_reasons(cfg, 0, 1, 6, false).empty());
  CHECK(lgr::storage_reasons(cfg, 0, 1, 7, false) == single(Reason::STORAGE_MAX));
  CHECK_FALSE(lgr::storage_ok(cfg, 0, 1, 7, false));
  CHECK(lgr::storage_reasons(cfg, 0, 1, 7, true).empty());
  CHECK(lgr::storage_ok(cfg, 0, 1, 7, true));
}

TEST_CASE("STORAGE_PAGING and STORAGE_MAX_PAGING compare with paging unless forced",
          "[eligibility][storage]") {
  json doc = eligible();
  doc["members"][1]["paging"] = 3;  // memory 2 fits, max_memory 4 does not
  Config cfg = parse(doc);
  CHECK(lgr::storage_reasons(cfg, 0, 1, 0, false) == single(Reason::STORAGE_MAX_PAGING));
  CHECK(lgr::storage_reasons(cfg, 0, 1, 0, true).empty());
  doc["members"][1]["paging"] = 1;  // neither fits
  cfg = parse(doc);
  CHECK(lgr::storage_reasons(cfg, 0, 1, 0, false) ==
        std::vector<Reason>{Reason::STORAGE_PAGING, Reason::STORAGE_MAX_PAGING});
  CHECK_FALSE(lgr::storage_ok(cfg, 0, 1, 0, false));
  CHECK(lgr::storage_ok(cfg, 0, 1, 0, true));
  doc["members"][1]["paging"] = 4;  // equality fits
  CHECK(lgr::storage_reasons(parse(doc), 0, 1, 0, false).empty());
}

TEST_CASE("storage codes come in spec order", "[eligibility][storage]") {
  json doc = eligible();
  doc["members"][1]["paging"] = 1;
  Config cfg = parse(doc);
  CHECK(lgr::storage_reasons(cfg, 0, 1, 9, false) ==
        std::vector<Reason>{Reason::STORAGE_CURRENT, Reason::STORAGE_PAGING, Reason::STORAGE_MAX,
                            Reason::STORAGE_MAX_PAGING});
  CHECK(lgr::storage_reasons(cfg, 0, 1, 9, true) == single(Reason::STORAGE_CURRENT));
}

TEST_CASE("storage_ok agrees with storage_reasons", "[eligibility][storage]") {
  json doc = eligible();
  for (int paging : {1, 2, 3, 4, 5}) {
    doc["members"][1]["paging"] = paging;
    Config cfg = parse(doc);
    for (int64_t used = 0; used <= 11; ++used) {
      for (bool force : {false, true}) {
        INFO("paging " << paging << " used " << used << " force " << force);
        CHECK(lgr::storage_ok(cfg, 0, 1, used, force) ==
              lgr::storage_reasons(cfg, 0, 1, used, force).empty());
      }
    }
  }
}

TEST_CASE("storage messages give the sizes involved", "[eligibility][storage]") {
  json doc = eligible();
  doc["members"][1]["paging"] = 1;
  Config cfg = parse(doc);
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::STORAGE_CURRENT, 9) ==
        "User G cannot be relocated to B: its storage 2 plus 9 in use on B exceeds the storage "
        "of B (10)");
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::STORAGE_CURRENT) ==
        "User G cannot be relocated to B: its storage 2 plus the storage in use on B exceeds the "
        "storage of B (10)");
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::STORAGE_PAGING, 9) ==
        "User G cannot be relocated to B: its storage 2 exceeds the paging space of B (1)");
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::STORAGE_MAX, 7) ==
        "User G cannot be relocated to B: its maximum storage 4 plus 7 in use on B exceeds the "
        "storage of B (10)");
  CHECK(lgr::reason_message(cfg, 0, 1, Reason::STORAGE_MAX_PAGING, 0) ==
        "User G cannot be relocated to B: its maximum storage 4 exceeds the paging space of B "
        "(1)");
}
