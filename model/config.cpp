// Loading, defaults and validation of the configuration (spec section 1,
// with its strictness rules of revision 2).
//
// Every rejection is a ConfigError with one line:
//   "FILE: /json/pointer: why"           for a well-formed document that breaks a rule,
//   "FILE:LINE:COL: /json/pointer: why"  for a repeated key or a number beyond a double,
//   "FILE:LINE:COL: why"                 for malformed JSON.
// nlohmann-json keeps no source positions for parsed values, so the JSON
// pointer is what locates a semantic error.
#include "model/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <utility>

#include "model/config_json_reader.hpp"
#include "model/force_operand.hpp"
#include "model/input_file.hpp"
#include "model/name_lookup.hpp"
#include "model/strict_json.hpp"

namespace lgr {
namespace {

using namespace config_detail;

// The state encodes per-request information in 32-bit words.
constexpr size_t kMaxRequests = 32;

std::string comma_list(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ", "));
}

Json parse_json(const std::string& text, const std::string& origin) {
  try {
    return parse_strict_json<Json>(text);
  } catch (const JsonTextError& e) {
    using Kind = JsonTextError::Kind;
    if (e.kind == Kind::Syntax) throw ConfigError(fmt::format("{}:{}:{}: {}", origin, e.line, e.column, e.what()));
    // Outside a comment this number would be refused by the range check.
    std::string why = e.what();
    if (e.kind == Kind::NumberOverflow)
      why = e.token.starts_with("-") ? fmt::format("must not be negative, got {}", e.token)
                                     : fmt::format("must be at most 2^31-1 = {}, got {}", kMaxNumber, e.token);
    throw ConfigError(
        fmt::format("{}:{}:{}: {}: {}", origin, e.line, e.column, e.pointer.empty() ? "/" : e.pointer, why));
  }
}

// Builds a Config from a parsed document, failing at the first broken rule.
// Sections are read in dependency order: members, domains, guests, requests.
// In each object the keys are checked first: a misspelt key explains a
// "missing" field better than the missing field does.
class ConfigReader : FieldReader {
 public:
  using FieldReader::FieldReader;

  Config read(const Json& doc) {
    Config cfg;
    expect_object(doc, Pointer());
    check_keys(doc, Pointer(), "the configuration", {"name", "members", "domains", "guests", "requests", "bounds"});
    if (const Json* name = find(doc, "name")) cfg.name = read_string(*name, Pointer("/name"));
    read_members(doc, cfg);
    read_domains(doc, cfg);
    read_guests(doc, cfg);
    check_capacity(cfg);
    read_requests(doc, cfg);
    read_bounds(doc, cfg);
    return cfg;
  }

 private:
  int lookup_member(const Config& cfg, const Json& v, const Pointer& at) const {
    const std::string written = read_string(v, at);
    int m = cfg.member_index(uppercase(written));
    if (m < 0) fail(at, "unknown member " + json_quoted(written));
    return m;
  }

  // ---- members and domains ----

  void read_members(const Json& doc, Config& cfg) const {
    Pointer at("/members");
    const Json& list = require_array(doc, Pointer(), "members");
    check_count(list, at, "members", kMaxMembers);
    std::map<std::string, Pointer> seen;
    for (size_t i = 0; i < list.size(); ++i) {
      cfg.members.push_back(read_member(list[i], at / i));
      check_unique(seen, cfg.members.back().name, at / i / "name", "member");
    }
  }

  Member read_member(const Json& v, const Pointer& at) const {
    expect_object(v, at);
    check_keys(v, at, "a member",
               {"name", "storage", "paging", "facilities", "eqids", "vswitches", "dcss", "crypto"});
    Member m;
    m.name = read_name(require(v, at, "name"), at / "name");
    m.storage = read_number(require(v, at, "storage"), at / "storage");
    m.paging = read_number(require(v, at, "paging"), at / "paging");
    auto strings = [this](std::vector<std::string>& field) {
      return [this, &field](const Json& x, const Pointer& p) { field = read_strings(x, p); };
    };
    read_optional(v, at, "facilities", strings(m.facilities));
    read_optional(v, at, "eqids", strings(m.eqids));
    read_optional(v, at, "vswitches", strings(m.vswitches));
    read_optional(v, at, "dcss", strings(m.dcss));
    read_optional(v, at, "crypto",
                  [&](const Json& x, const Pointer& p) { m.crypto = read_optional_string(x, p); });
    return m;
  }

  void read_domains(const Json& doc, Config& cfg) const {
    if (const Json* list = find(doc, "domains")) {
      Pointer at("/domains");
      expect_array(*list, at);
      std::map<std::string, Pointer> seen;
      for (size_t i = 0; i < list->size(); ++i) {
        cfg.domains.push_back(read_domain((*list)[i], at / i, cfg));
        check_unique(seen, cfg.domains.back().name, at / i / "name", "domain");
      }
    }
    add_implicit_domains(cfg);
  }

  Domain read_domain(const Json& v, const Pointer& at, const Config& cfg) const {
    expect_object(v, at);
    check_keys(v, at, "a domain", {"name", "members"});
    Domain d;
    d.name = read_name(require(v, at, "name"), at / "name");
    check_not_implicit(d.name, at / "name", cfg);
    Pointer members_at = at / "members";
    const Json& names = require_array(v, at, "members");
    if (names.empty()) fail(members_at, "a domain needs at least one member");
    for (size_t i = 0; i < names.size(); ++i) {
      int m = lookup_member(cfg, names[i], members_at / i);
      if (std::find(d.members.begin(), d.members.end(), m) != d.members.end())
        fail(members_at / i, fmt::format("member {} is listed twice", json_quoted(names[i].get<std::string>())));
      d.members.push_back(m);
    }
    return d;
  }

  // "SSI" and the member names are taken by the domains that always exist.
  void check_not_implicit(const std::string& name, const Pointer& at, const Config& cfg) const {
    if (name == "SSI")
      fail(at, "domain name \"SSI\" is reserved for the implicit domain of all members");
    if (cfg.member_index(name) >= 0)
      fail(at, fmt::format("domain name {} is reserved for the implicit single-member domain "
                           "of member {}",
                           json_quoted(name), name));
  }

  static void add_implicit_domains(Config& cfg) {
    Domain ssi{"SSI", {}};
    for (int m = 0; m < static_cast<int>(cfg.members.size()); ++m) ssi.members.push_back(m);
    cfg.domains.push_back(ssi);
    for (int m = 0; m < static_cast<int>(cfg.members.size()); ++m)
      cfg.domains.push_back(Domain{cfg.members[m].name, {m}});
  }

  // ---- guests ----

  void read_guests(const Json& doc, Config& cfg) const {
    Pointer at("/guests");
    const Json& list = require_array(doc, Pointer(), "guests");
    check_count(list, at, "guests", kMaxGuests);
    std::map<std::string, Pointer> seen;
    for (size_t i = 0; i < list.size(); ++i) {
      cfg.guests.push_back(read_guest(list[i], at / i, cfg));
      check_unique(seen, cfg.guests.back().name, at / i / "name", "guest");
    }
  }

  Guest read_guest(const Json& v, const Pointer& at, const Config& cfg) const {
    expect_object(v, at);
    check_keys(v, at, "a guest",
               {"name", "home", "memory", "max_memory", "domain", "single_config", "vmrelocate", "mode",
                "disconnected", "cpu_types", "ipl", "eqids", "vswitches", "dcss", "crypto", "open_spool"});
    Guest g;
    g.name = read_name(require(v, at, "name"), at / "name");
    g.home = lookup_member(cfg, require(v, at, "home"), at / "home");
    g.memory = read_number(require(v, at, "memory"), at / "memory");
    g.max_memory = g.memory;
    read_optional(v, at, "max_memory", [&](const Json& x, const Pointer& p) {
      g.max_memory = read_number(x, p);
      if (g.max_memory < g.memory)
        fail(p, fmt::format("max_memory {} is smaller than memory {}; a guest cannot run with "
                            "more storage than its maximum",
                            g.max_memory, g.memory));
    });
    read_guest_domain(v, at, cfg, g);
    read_guest_options(v, at, g);
    read_guest_resources(v, at, g);
    return g;
  }

  void read_guest_domain(const Json& v, const Pointer& at, const Config& cfg, Guest& g) const {
    read_optional(v, at, "domain", [&](const Json& x, const Pointer& p) {
      const std::string written = read_string(x, p);
      g.domain = uppercase(written);
      if (cfg.domain_index(g.domain) < 0) fail(p, "unknown domain " + json_quoted(written));
    });
    g.domain_index = cfg.domain_index(g.domain);
    const Domain& d = cfg.domains[g.domain_index];
    if (std::find(d.members.begin(), d.members.end(), g.home) == d.members.end()) {
      std::vector<std::string> names;
      for (int m : d.members) names.push_back(cfg.members[m].name);
      fail(at / "home", fmt::format("home member {} is not in the guest's domain {} ({})",
                                    cfg.members[g.home].name, d.name, comma_list(names)));
    }
  }

  void read_guest_options(const Json& v, const Pointer& at, Guest& g) const {
    auto flag = [this](bool& field) {
      return [this, &field](const Json& x, const Pointer& p) { field = read_bool(x, p); };
    };
    read_optional(v, at, "single_config", flag(g.single_config));
    read_optional(v, at, "vmrelocate", flag(g.vmrelocate));
    read_optional(v, at, "mode", [&](const Json& x, const Pointer& p) {
      g.mode = read_enum(x, p, "mode", {"ESA", "XA", "XC", "Z"});
    });
    read_optional(v, at, "disconnected", flag(g.disconnected));
    read_optional(v, at, "cpu_types", [&](const Json& x, const Pointer& p) {
      expect_array(x, p);
      g.cpu_types.clear();
      for (size_t i = 0; i < x.size(); ++i)
        g.cpu_types.push_back(read_enum(x[i], p / i, "CPU type", {"CP", "IFL", "ZIIP", "ZAAP", "ICF"}));
    });
    read_optional(v, at, "ipl", [&](const Json& x, const Pointer& p) {
      g.ipl = read_enum(x, p, "ipl", {"device", "nss", "none"});
    });
    read_optional(v, at, "open_spool", flag(g.open_spool));
  }

  void read_guest_resources(const Json& v, const Pointer& at, Guest& g) const {
    read_optional(v, at, "eqids",
                  [&](const Json& x, const Pointer& p) { g.eqids = read_strings(x, p); });
    read_optional(v, at, "vswitches",
                  [&](const Json& x, const Pointer& p) { g.vswitches = read_strings(x, p); });
    read_optional(v, at, "dcss", [&](const Json& x, const Pointer& p) {
      expect_array(x, p);
      for (size_t i = 0; i < x.size(); ++i) g.dcss.push_back(read_dcss_use(x[i], p / i));
    });
    read_optional(v, at, "crypto",
                  [&](const Json& x, const Pointer& p) { g.crypto = read_optional_string(x, p); });
  }

  DcssUse read_dcss_use(const Json& v, const Pointer& at) const {
    expect_object(v, at);
    check_keys(v, at, "a DCSS use", {"name", "range"});
    DcssUse use;
    // A DCSS name is matched exactly against the members' lists, as written.
    use.name = read_string(require(v, at, "name"), at / "name");
    if (use.name.empty()) fail(at / "name", "a name must not be empty");
    read_optional(v, at, "range", [&](const Json& x, const Pointer& p) {
      if (!x.is_null()) use.range = read_enum(x, p, "DCSS range", {"SR", "SW", "SC", "SN", "EW", "EN", "ER"});
    });
    return use;
  }

  // The initial state puts every guest on its home; it must fit there.
  void check_capacity(const Config& cfg) const {
    for (size_t m = 0; m < cfg.members.size(); ++m) {
      int64_t need = 0;
      std::vector<std::string> names;
      for (const Guest& g : cfg.guests) {
        if (g.home != static_cast<int>(m)) continue;
        need += g.memory;
        names.push_back(g.name);
      }
      const Member& member = cfg.members[m];
      if (need > member.storage)
        fail(Pointer("/members") / m / "storage",
             fmt::format("the guests homed on {} ({}) need memory {}, more than its storage {}",
                         member.name, comma_list(names), need, member.storage));
    }
  }

  // ---- requests and bounds ----

  void read_requests(const Json& doc, Config& cfg) const {
    const Json* list = find(doc, "requests");
    if (list == nullptr) return;
    Pointer at("/requests");
    expect_array(*list, at);
    if (list->size() > kMaxRequests)
      fail(at, fmt::format("at most {} requests fit in the state encoding, got {}", kMaxRequests,
                           list->size()));
    for (size_t i = 0; i < list->size(); ++i)
      cfg.requests.push_back(read_request((*list)[i], at / i, cfg));
  }

  Request read_request(const Json& v, const Pointer& at, const Config& cfg) const {
    expect_object(v, at);
    check_keys(v, at, "a request", {"guest", "to", "sync", "immediate", "maxquiesce", "maxtotal", "force"});
    Request q;
    const std::string guest = read_string(require(v, at, "guest"), at / "guest");
    q.guest = cfg.guest_index(uppercase(guest));
    if (q.guest < 0) fail(at / "guest", "unknown guest " + json_quoted(guest));
    q.to = lookup_member(cfg, require(v, at, "to"), at / "to");
    read_optional(v, at, "sync", [&](const Json& x, const Pointer& p) { q.sync = read_bool(x, p); });
    read_optional(v, at, "immediate",
                  [&](const Json& x, const Pointer& p) { q.immediate = read_bool(x, p); });
    // IMMEDIATE quiesces after one pass, so by default it waits without limit.
    q.maxquiesce = q.immediate ? 0 : 2;
    read_optional(v, at, "maxquiesce",
                  [&](const Json& x, const Pointer& p) { q.maxquiesce = read_number(x, p); });
    read_optional(v, at, "maxtotal",
                  [&](const Json& x, const Pointer& p) { q.maxtotal = read_number(x, p); });
    read_optional(v, at, "force", [&](const Json& x, const Pointer& p) {
      expect_array(x, p);
      for (size_t i = 0; i < x.size(); ++i) {
        const std::string value = read_enum(x[i], p / i, "FORCE value", force_operand_names());
        apply_force(q, *parse_force_operand(value));
      }
    });
    return q;
  }

  void read_bounds(const Json& doc, Config& cfg) const {
    const Json* bounds = find(doc, "bounds");
    if (bounds == nullptr) return;
    Pointer at("/bounds");
    expect_object(*bounds, at);
    static const std::pair<const char*, int64_t Bounds::*> kFields[] = {
        {"moves", &Bounds::moves},
        {"cancels", &Bounds::cancels},
        {"member_failures", &Bounds::member_failures},
        {"link_failures", &Bounds::link_failures},
        {"eligibility_changes", &Bounds::eligibility_changes},
        {"passes", &Bounds::passes},
    };
    std::vector<std::string> known;
    for (const auto& [key, field] : kFields) known.emplace_back(key);
    check_keys(*bounds, at, "bounds", known);
    for (const auto& [key, field] : kFields) {
      int64_t Bounds::*member = field;  // a lambda cannot capture a structured binding in C++20 clang 14
      read_optional(*bounds, at, key, [&](const Json& x, const Pointer& p) { cfg.bounds.*member = read_number(x, p); });
    }
    if (cfg.bounds.passes < 1)
      fail(at / "passes", fmt::format("passes must be at least 1, got {}", cfg.bounds.passes));
  }
};

}  // namespace

int Config::member_index(const std::string& n) const { return index_of_name(members, n); }
int Config::guest_index(const std::string& n) const { return index_of_name(guests, n); }
int Config::domain_index(const std::string& n) const { return index_of_name(domains, n); }

Config parse_config(const std::string& text, const std::string& origin) {
  return ConfigReader(origin).read(parse_json(text, origin));
}

Config load_config(const std::string& path) {
  std::string text;
  try {
    text = read_input_file(path);
  } catch (const InputFileError& e) {
    throw ConfigFileError(path, e.reason);
  }
  Config cfg = parse_config(text, path);
  cfg.path = path;
  // Reports name the cluster; without a "name" the file's stem serves.
  if (cfg.name.empty()) cfg.name = std::filesystem::path(path).stem().string();
  return cfg;
}

}  // namespace lgr
